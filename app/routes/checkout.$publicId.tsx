import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { BankTransferInstructions } from "../components/BankTransferInstructions";
import { FormError } from "../components/Fields";
import { OrderStatusBadge } from "../components/OrderStatus";
import { requireUser } from "../lib/auth.server";
import { formatDateTime, formatVnd } from "../../server/vocabulary/format";
import { orRespond, runForm, readForm } from "../lib/forms.server";
import { ShippingOptionText } from "../components/Shipping";
import { ErrorPage } from "../root";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const { i18n, orders } = context.services;
  const locale = await i18n.getLocale(request);
  const checkout = await orRespond(orders.getCheckout(user, { publicId: params.publicId ?? "" }));
  const url = new URL(request.url);
  return json({
    checkout,
    locale,
    returnedPaid: url.searchParams.has("paid"),
    returnedCancelled: url.searchParams.has("cancelled"),
    title: i18n.t(locale)("shop:confirmation.title"),
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
  { name: "robots", content: "noindex" },
];

/** The buyer gives up on an unpaid checkout: its orders are cancelled and the stock goes back. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const values = await readForm(request);
  const publicId = params.publicId ?? "";
  if (values.intent !== "cancel")
    return json(
      { ok: false as const, errors: { _form: { code: "unknown_intent" } }, values },
      { status: 400 },
    );
  const outcome = await runForm(values, () => context.services.orders.cancelCheckout(user, { publicId }));
  if (!outcome.ok) return outcome.response;
  return redirect(`/checkout/${publicId}`);
}

/** After Stripe sends the buyer back, the webhook may still be on its way: look again for a minute. */
function useRecheckWhile(waiting: boolean) {
  const { revalidate } = useRevalidator();
  useEffect(() => {
    if (!waiting) return;
    let tries = 0;
    const timer = setInterval(() => {
      tries += 1;
      if (tries > 12) clearInterval(timer);
      else revalidate();
    }, 5000);
    return () => clearInterval(timer);
  }, [waiting, revalidate]);
}

export default function CheckoutConfirmation() {
  const { checkout: c, locale, returnedPaid, returnedCancelled } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  const busy = useNavigation().state !== "idle";
  const pending = c.status === "pending_payment";
  const cardPending = pending && c.paymentMethod === "card";
  const transferPending = pending && c.paymentMethod === "bank_transfer";
  useRecheckWhile(cardPending && returnedPaid);
  const vnd = (n: number) => formatVnd(n, locale);
  const heading =
    c.status === "cancelled"
      ? t("shop:confirmation.headingCancelled")
      : cardPending
        ? t("shop:confirmation.headingUnpaid")
        : t("shop:confirmation.heading");

  return (
    <div className="container section confirmation-page">
      <h1>{heading}</h1>
      <p className="lead">
        {t(
          `shop:confirmation.lead.${c.status === "cancelled" ? "cancelled" : `${c.status}_${c.paymentMethod}`}`,
          {
            defaultValue: t("shop:confirmation.lead.default"),
          },
        )}
      </p>
      <FormError errors={data?.errors} />

      {cardPending && (
        <section className="card confirmation-pay" aria-labelledby="pay-title">
          <h2 id="pay-title">{t("shop:confirmation.payTitle", { total: vnd(c.totalVnd) })}</h2>
          {returnedPaid && (
            <p className="notice notice-pending" role="status">
              {t("shop:confirmation.confirming")}
            </p>
          )}
          {returnedCancelled && (
            <p className="notice notice-pending" role="status">
              {t("shop:confirmation.payCancelled")}
            </p>
          )}
          {c.lastPaymentError && (
            <p className="notice notice-rejected">
              {t("shop:confirmation.paymentError")} <span lang="en">{c.lastPaymentError}</span>
            </p>
          )}
          {c.expiresAt && (
            <p>{t("shop:confirmation.cardExpires", { date: formatDateTime(c.expiresAt, locale) })}</p>
          )}
          <div className="actions">
            {c.payUrl && (
              <a href={c.payUrl} className="button">
                {t("shop:confirmation.payNow")}
              </a>
            )}
            <Form method="post">
              <input type="hidden" name="intent" value="cancel" />
              <button type="submit" className="button button-secondary" disabled={busy}>
                {t("shop:confirmation.cancelCheckout")}
              </button>
            </Form>
          </div>
          <p className="small muted">{t("shop:confirmation.cancelHint")}</p>
        </section>
      )}

      {transferPending && c.expiresAt && (
        <p className="notice notice-pending">
          {t("shop:confirmation.transferExpires", { date: formatDateTime(c.expiresAt, locale) })}
        </p>
      )}

      <section aria-labelledby="orders-title" className="section confirmation-orders">
        <h2 id="orders-title">
          {t("shop:confirmation.ordersTitle", { count: c.orders.length })}
          {" · "}
          <span className="numeric">{vnd(c.totalVnd)}</span>
        </h2>
        <ul className="confirmation-shop-order-list">
          {c.orders.map((order) => (
            <li key={order.code} className="confirmation-order">
              <article className="card" aria-labelledby={`order-${order.code}`}>
                <div className="shop-order-head">
                  <h3 id={`order-${order.code}`}>
                    <span className="muted small">{t("shop:orders.order")}</span>{" "}
                    <Link to={`/orders/${order.code}`} className="shop-order-code">
                      {order.code}
                    </Link>
                  </h3>
                  <OrderStatusBadge status={order.status} />
                </div>
                <dl className="shop-order-facts">
                  <dt>{t("shop:orders.cooperative")}</dt>
                  <dd>
                    <Link to={`/cooperatives/${order.cooperative.slug}`}>{order.cooperative.name}</Link>
                  </dd>
                  <dt>{t("shop:orders.items")}</dt>
                  <dd>{t("shop:orders.itemCount", { count: order.itemCount })}</dd>
                  <dt>{t("shop:orders.total")}</dt>
                  <dd className="shop-order-total">
                    <strong>{vnd(order.totalVnd)}</strong>
                  </dd>
                  {order.shipping.method && (
                    <>
                      <dt>{t("shop:shipping.orderTitle")}</dt>
                      <dd className="stack-tight">
                        <ShippingOptionText
                          option={{ ...order.shipping, method: order.shipping.method }}
                          locale={locale}
                          from={order.createdAt}
                        />
                      </dd>
                    </>
                  )}
                  <dt>{t("shop:orders.payment")}</dt>
                  <dd>
                    {t(`orders:paymentMethod.${order.paymentMethod}`)} ·{" "}
                    {t(`orders:paymentStatus.${order.paymentStatus}`)}
                  </dd>
                </dl>
                <p>
                  <Link to={`/orders/${order.code}`}>
                    {t("shop:confirmation.viewOrder", { code: order.code })}
                  </Link>
                </p>
              </article>
              {order.bankTransfer && (
                <BankTransferInstructions
                  transfer={order.bankTransfer}
                  orderCode={order.code}
                  cooperativeName={order.cooperative.name}
                />
              )}
            </li>
          ))}
        </ul>
      </section>
      <p className="actions">
        <Link to="/orders" className="button button-secondary">
          {t("shop:confirmation.allOrders")}
        </Link>
        <Link to="/products">{t("shop:cart.continue")}</Link>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
