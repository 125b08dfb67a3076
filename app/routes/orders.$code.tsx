import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OrderItemsTable } from "../components/OrderItemsTable";
import { OrderShipping } from "../components/Shipping";
import { BankTransferInstructions } from "../components/BankTransferInstructions";
import { FormError, TextArea, valueOf } from "../components/Fields";
import { OrderStatusBadge, OrderTimeline, useReasonText } from "../components/OrderStatus";
import { requireUser } from "../lib/auth.server";
import { formatDateTime, formatVnd } from "../../server/vocabulary/format";
import type { Locale } from "../../server/vocabulary/locale";
import type { OrderDetail } from "../../server/orders";
import { orRespond, runForm, readForm } from "../lib/forms.server";
import { AddressText } from "../components/AddressFields";
import { OrderBusinessFacts } from "../components/OrderBusinessFacts";
import { ErrorPage } from "../root";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const { i18n, orders } = context.services;
  const locale = await i18n.getLocale(request);
  const order = await orRespond(orders.getOrder(user, { code: params.code ?? "", locale }));
  const url = new URL(request.url);
  return json({
    order,
    locale,
    cancelled: url.searchParams.has("cancelled"),
    title: i18n.t(locale)("shop:detail.title", { code: order.code }),
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
  { name: "robots", content: "noindex" },
];

/** The buyer's one button: cancel (a reason is welcome, not required). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const values = await readForm(request);
  const code = params.code ?? "";
  if (values.intent !== "cancel")
    return json(
      { ok: false as const, errors: { _form: { code: "unknown_intent" } }, values },
      { status: 400 },
    );
  const outcome = await runForm(values, () =>
    context.services.orders.actOnOrder(user, { code, action: "cancel", form: values }),
  );
  if (!outcome.ok) return outcome.response;
  return redirect(`/orders/${code}?cancelled=1`);
}

export default function OrderPage() {
  const { order: o, locale, cancelled } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  const reasonText = useReasonText();
  const busy = useNavigation().state !== "idle";
  const asBuyer = o.viewerAs === "buyer";
  const canCancel = asBuyer && o.actions.includes("cancel");
  const cardUnpaid = o.paymentMethod === "card" && o.status === "pending_payment";
  const shipped = o.status === "shipped" || o.status === "delivered" || Boolean(o.trackingNumber);

  return (
    <div className="container section shop-order-page">
      <nav aria-label={t("common:breadcrumb")} className="breadcrumb">
        <Link to="/orders">{t("shop:orders.title")}</Link> › <span>{o.code}</span>
      </nav>
      <div className="shop-order-title">
        <h1>
          {t("shop:orders.order")} <span className="shop-order-code">{o.code}</span>
        </h1>
        <OrderStatusBadge status={o.status} />
      </div>
      <p className="muted">
        {t("shop:detail.placed", { date: formatDateTime(o.createdAt, locale) })} ·{" "}
        <Link to={`/cooperatives/${o.cooperative.slug}`}>{o.cooperative.name}</Link>
      </p>
      {!asBuyer && (
        <p className="notice notice-pending">
          {t("shop:detail.notBuyer")}{" "}
          <Link to={o.viewerAs === "staff" ? `/staff/orders/${o.code}` : `/cooperative/orders/${o.code}`}>
            {t("shop:detail.manage")}
          </Link>
        </p>
      )}
      {cancelled && o.status === "cancelled" && (
        <p className="notice notice-approved" role="status">
          {t("shop:detail.cancelDone")}
        </p>
      )}
      {o.status === "cancelled" && o.cancelReason && (
        <blockquote className="reason">
          <strong>{t("shop:detail.cancelReason")}:</strong> {reasonText(o.cancelReason)}
        </blockquote>
      )}
      {(o.paymentStatus === "refund_due" || o.paymentStatus === "refund_pending") && (
        <p className="notice notice-pending">{t(`shop:detail.refund.${o.paymentStatus}`)}</p>
      )}
      <FormError errors={data?.errors?._form ? data.errors : undefined} />
      {asBuyer && <NextStep order={o} locale={locale} />}

      {asBuyer && cardUnpaid && (
        <p className="notice notice-pending">
          {t("shop:detail.cardUnpaid")}{" "}
          <Link to={`/checkout/${o.checkoutPublicId}`}>{t("shop:detail.payNow")}</Link>
        </p>
      )}
      {o.bankTransfer && (
        <>
          <p className="notice notice-pending">
            {t("shop:detail.transferPending")}{" "}
            <Link to={`/checkout/${o.checkoutPublicId}`}>{t("shop:detail.checkoutLink")}</Link>
          </p>
          <BankTransferInstructions
            transfer={o.bankTransfer}
            orderCode={o.code}
            cooperativeName={o.cooperative.name}
            headingLevel={2}
          />
        </>
      )}

      <div className="shop-order-layout">
        <div className="shop-order-main">
          <section aria-labelledby="items-title">
            <h2 id="items-title">{t("shop:detail.items")}</h2>
            <OrderItemsTable items={o.items} order={o} locale={locale} />
          </section>
          <OrderShipping order={o} locale={locale} />

          <section aria-labelledby="timeline-title" className="section">
            <h2 id="timeline-title">{t("shop:detail.timeline")}</h2>
            <OrderTimeline entries={o.timeline} />
          </section>
        </div>

        <div className="shop-order-side">
          <section className="card" aria-labelledby="payment-title">
            <h2 id="payment-title">{t("shop:detail.payment")}</h2>
            <dl className="shop-order-facts">
              <dt>{t("shop:detail.method")}</dt>
              <dd>{t(`orders:paymentMethod.${o.paymentMethod}`)}</dd>
              <dt>{t("shop:detail.paymentStatus")}</dt>
              <dd>{t(`orders:paymentStatus.${o.paymentStatus}`)}</dd>
              {o.paidAt && (
                <>
                  <dt>{t("shop:detail.paidAt")}</dt>
                  <dd>{formatDateTime(o.paidAt, locale)}</dd>
                </>
              )}
            </dl>
          </section>

          {shipped && (o.carrier || o.trackingNumber) && (
            <section className="card" aria-labelledby="shipping-title">
              <h2 id="shipping-title">{t("shop:detail.shipping")}</h2>
              <dl className="shop-order-facts">
                {o.carrier && (
                  <>
                    <dt>{t("shop:detail.carrier")}</dt>
                    <dd>{o.carrier}</dd>
                  </>
                )}
                {o.trackingNumber && (
                  <>
                    <dt>{t("shop:detail.tracking")}</dt>
                    <dd>
                      <code className="copyable-value">{o.trackingNumber}</code>
                    </dd>
                  </>
                )}
              </dl>
            </section>
          )}

          <section className="card" aria-labelledby="contact-title">
            <h2 id="contact-title">{t("shop:detail.delivery")}</h2>
            <address className="shop-order-address">
              <strong>{o.contact.name}</strong>
              <br />
              <AddressText address={o.contact.location} split />
              <br />
              <a href={`tel:${o.contact.phone.replace(/\s+/g, "")}`}>{o.contact.phone}</a>
              <br />
              {o.contact.email}
            </address>
            {o.contact.note && (
              <p>
                <strong>{t("shop:detail.note")}:</strong> {o.contact.note}
              </p>
            )}
          </section>
          <OrderBusinessFacts contact={o.contact} />

          {canCancel && (
            <section className="card shop-order-cancel" aria-labelledby="cancel-title">
              <h2 id="cancel-title">{t("shop:detail.cancelTitle")}</h2>
              <details open={Boolean(data?.errors)}>
                <summary>{t("shop:detail.cancelOpen")}</summary>
                <Form method="post" className="stack" noValidate>
                  <input type="hidden" name="intent" value="cancel" />
                  <p className="small">
                    {t(
                      cardUnpaid
                        ? "shop:detail.cancelHintCheckout"
                        : o.paymentStatus === "paid"
                          ? `shop:detail.cancelHintPaid.${o.paymentMethod}`
                          : "shop:detail.cancelHint",
                    )}
                  </p>
                  <TextArea
                    name="reason"
                    label={t("shop:detail.reason")}
                    hint={t("shop:detail.reasonHint")}
                    errors={data?.errors}
                    rows={3}
                    maxLength={500}
                    defaultValue={valueOf(data?.values, "reason")}
                  />
                  <button type="submit" className="button button-danger" disabled={busy}>
                    {t("shop:detail.cancelSubmit")}
                  </button>
                </Form>
              </details>
            </section>
          )}
        </div>
      </div>
    </div>
  );
}

/** What the buyer can expect now, by the order's state; nothing while a payment is awaited or once it is over. */
function NextStep({ order: o, locale }: { order: OrderDetail; locale: Locale }) {
  const { t } = useTranslation();
  const params = { cooperative: o.cooperative.name, amount: formatVnd(o.totalVnd, locale) };
  const key =
    o.status === "shipped" && o.paymentMethod === "cod" && o.paymentStatus === "unpaid"
      ? "shippedCod"
      : (["placed", "paid", "confirmed", "shipped", "delivered"] as const).find((s) => s === o.status);
  if (!key) return null;
  return (
    <section className="notice next-step" aria-labelledby="next-title">
      <h2 id="next-title">{t("shop:detail.next.title")}</h2>
      <p>{t(`shop:detail.next.${key}`, params)}</p>
    </section>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
