import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useLocation,
  useNavigation,
  useSearchParams,
} from "@remix-run/react";
import { useState, type MouseEvent } from "react";
import { useTranslation } from "react-i18next";
import { BankTransferInstructions } from "../components/BankTransferInstructions";
import { BookingStatusBadge, BookingTimeline, HoldCountdown } from "../components/BoothBooking";
import { FairDates } from "../components/FairCard";
import { CheckboxGroup, FieldMessage, FormError, valueOf, valuesOf, type Errors } from "../components/Fields";
import { boothSize } from "../components/FloorPlan";
import { requireCooperativeMember } from "../lib/auth.server";
import { formatDateTime, formatVnd } from "../../server/vocabulary/format";
import { orRespond, runForm, readForm } from "../lib/forms.server";
import { ErrorPage } from "../root";
import { toLocale } from "../../server/vocabulary/locale";

const ACTIVE = ["held", "pending_approval", "pending_payment", "booked"];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireCooperativeMember(context, request);
  const { fairs, i18n } = context.services;
  const locale = await i18n.getLocale(request);
  const booking = await orRespond(fairs.getBooking(user, { publicId: params.publicId ?? "", locale }));
  if (!booking.fair || !booking.booth) throw json({ error: { code: "booking_not_found" } }, { status: 404 });
  const now = Date.now();
  const closes = new Date(booking.fair.bookingClosesAt).getTime();
  return json({
    booking,
    locale,
    readOnly: user.role === "staff",
    rules: user.role === "staff" ? null : booking.rules,
    products: user.role === "staff" ? [] : booking.products,
    // The domain decides; this only spares the cooperative a button that would be refused.
    cancelAllowed: ACTIVE.includes(booking.status) && (booking.status === "held" || now < closes),
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data?.booking.booth
      ? `${data.booking.booth.code} · ${data.booking.fair?.name ?? ""} · HTX Connect`
      : "HTX Connect",
  },
  { name: "robots", content: "noindex" },
];

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireCooperativeMember(context, request);
  const { fairs, i18n } = context.services;
  const publicId = params.publicId ?? "";
  const self = `/cooperative/bookings/${publicId}`;
  const values = await readForm(request);
  const locale = await i18n.getLocale(request);
  const pay = () =>
    fairs.payBookingByCard(user, { publicId, origin: context.origin, locale: locale === "en" ? "en" : "vi" });
  switch (values.intent) {
    case "confirm": {
      const outcome = await runForm(values, () => fairs.confirmBooking(user, { publicId, form: values }));
      if (!outcome.ok) return outcome.response;
      if (outcome.result.status === "pending_payment" && values.paymentMethod === "card") {
        // Straight on to Stripe; if that fails the booking waits with its own "pay by card" button.
        const card = await pay().catch(() => null);
        if (card?.url) return redirect(card.url);
      }
      return redirect(`${self}?done=${outcome.result.status}`);
    }
    case "pay": {
      // Stripe refusing comes back as card_unavailable beside the button; the booking is untouched.
      const outcome = await runForm(values, pay);
      if (!outcome.ok) return outcome.response;
      return redirect(outcome.result.url ?? self);
    }
    case "products": {
      const outcome = await runForm(values, () =>
        fairs.chooseBookingProducts(user, { publicId, form: values }),
      );
      if (!outcome.ok) return outcome.response;
      return redirect(`${self}?done=products`);
    }
    case "cancel": {
      const outcome = await runForm(values, () => fairs.cancelBooking(user, { publicId }));
      if (!outcome.ok) return outcome.response;
      return redirect(`${self}?done=cancelled`);
    }
    default:
      return json(
        { ok: false as const, intent: "", errors: { _form: { code: "unknown_intent" } }, values },
        { status: 400 },
      );
  }
}

/** Ask before giving a booth back; without JavaScript the form simply submits. */
const confirming = (question: string) => (e: MouseEvent<HTMLButtonElement>) => {
  if (!window.confirm(question)) e.preventDefault();
};

export default function BookingPage() {
  const { booking: b, locale, rules, products, cancelAllowed, readOnly } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const fair = b.fair!;
  const booth = b.booth!;
  const failedIntent = failure ? String(failure.values.intent ?? "") : null;
  const errorsFor = (intent: string): Errors => (failedIntent === intent ? failure?.errors : undefined);
  // Forms post to the bare path, so a notice from the last success (?done=) does not outlive the next failure.
  const self = useLocation().pathname;
  const done = params.get("done");
  const paidReturn = params.get("paid") === "1";
  const active = ACTIVE.includes(b.status);
  const offer = b.status === "held" && b.fromWaitlist;
  return (
    <div className="container section booking-page">
      <nav aria-label={t("common:breadcrumb")} className="breadcrumb">
        <Link to="/cooperative/fairs">{t("fairs:coop.title")}</Link> ›{" "}
        <Link to={`/cooperative/fairs/${fair.slug}`}>{fair.name}</Link> ›{" "}
        <span>{t("fairs:plan.booth", { code: booth.code })}</span>
      </nav>
      <header className="booking-head">
        <h1>{t("fairs:booking.title", { code: booth.code })}</h1>
        <p className="booking-meta">
          <BookingStatusBadge status={b.status} />
          <span>
            <Link to={`/fairs/${fair.slug}`}>{fair.name}</Link> · <FairDates fair={fair} locale={locale} /> ·{" "}
            {fair.venue}
          </span>
        </p>
      </header>

      {done && (
        <p className="notice notice-approved" role="status">
          {t(`fairs:booking.done.${done}`, { defaultValue: "" })}
        </p>
      )}
      {paidReturn && (
        <p className="notice notice-approved" role="status">
          {t(b.status === "booked" ? "fairs:booking.paidDone" : "fairs:booking.paidWaiting")}
        </p>
      )}
      {failedIntent === "pay" && <FormError errors={failure?.errors} />}
      {failure && !["pay", "confirm", "products", "cancel"].includes(failedIntent ?? "") && (
        // No form of the page sent it (a tampered or stale intent): said here rather than nowhere.
        <FormError errors={{ _form: failure.errors?._form ?? { code: "form_outdated" } }} />
      )}

      <div className="booking-layout">
        <div className="booking-main">
          {b.status === "held" && b.expiresAt && (
            <section className="card booking-hold" aria-labelledby="hold-title">
              <h2 id="hold-title">{t(offer ? "fairs:booking.offerTitle" : "fairs:booking.holdTitle")}</h2>
              <p>{t(offer ? "fairs:booking.offerBody" : "fairs:booking.holdBody")}</p>
              <HoldCountdown expiresAt={b.expiresAt} kind={offer ? "offer" : "hold"} />
            </section>
          )}

          {b.status === "held" && !readOnly && rules && (
            <ConfirmForm
              amountVnd={b.amountVnd}
              cardAvailable={b.cardAvailable}
              bankTransferAvailable={b.bankTransferAvailable}
              requiresApproval={rules.requiresApproval}
              transferDays={rules.transferDays}
              products={products}
              selected={b.productIds.map(String)}
              errors={errorsFor("confirm")}
              values={failedIntent === "confirm" ? failure?.values : undefined}
            />
          )}

          {b.status === "pending_approval" && (
            <section className="card" aria-labelledby="next-title">
              <h2 id="next-title">{t("fairs:booking.next")}</h2>
              <p>{t(b.amountVnd > 0 ? "fairs:booking.approvalThenPay" : "fairs:booking.approvalFree")}</p>
            </section>
          )}

          {b.status === "pending_payment" && (
            <section className="card booking-pay" aria-labelledby="pay-title">
              <h2 id="pay-title">{t("fairs:booking.payTitle")}</h2>
              <p>{t("fairs:booking.payBody", { amount: formatVnd(b.amountVnd, locale) })}</p>
              {b.expiresAt && <HoldCountdown expiresAt={b.expiresAt} kind="payment" />}
              {b.cardAvailable && !readOnly && (
                <Form method="post" action={self} className="booking-pay-card">
                  <input type="hidden" name="intent" value="pay" />
                  <button type="submit" className="button">
                    {t("fairs:booking.payByCard")}
                  </button>
                  {b.paymentMethod === "bank_transfer" && (
                    <p className="field-hint">{t("fairs:booking.cardInstead")}</p>
                  )}
                </Form>
              )}
            </section>
          )}
          {b.transfer && (
            <BankTransferInstructions
              transfer={b.transfer}
              orderCode={booth.code}
              cooperativeName={fair.organiser}
              headingLevel={2}
              title={t("fairs:booking.transferTitle", { code: booth.code })}
              lead={t("fairs:booking.transferLead", { organiser: fair.organiser })}
              referenceHint={t("fairs:booking.transferReferenceHint")}
            />
          )}

          {b.status === "booked" && (
            <section className="card booking-booked" aria-labelledby="booked-title">
              <h2 id="booked-title">{t("fairs:booking.bookedTitle")}</h2>
              <p>{t("fairs:booking.bookedBody", { code: booth.code })}</p>
              {b.paidAt && (
                <p className="muted">
                  {t("fairs:booking.paidAt", { time: formatDateTime(b.paidAt, locale) })}
                </p>
              )}
            </section>
          )}

          {!active && (
            <section className="card" aria-labelledby="ended-title">
              <h2 id="ended-title">{t(`fairs:booking.ended.${b.status}`)}</h2>
              {b.reason && (
                <p>
                  {t("fairs:booking.reason")}: {t(`fairs:note.${b.reason}`, { defaultValue: b.reason })}
                </p>
              )}
              <p>
                <Link to={`/cooperative/fairs/${fair.slug}`} className="button button-secondary">
                  {t("fairs:booking.chooseAgain")}
                </Link>
              </p>
            </section>
          )}

          {active && b.status !== "held" && !readOnly && (
            <ProductsForm
              products={products}
              selected={b.productIds.map(String)}
              errors={errorsFor("products")}
              values={failedIntent === "products" ? failure?.values : undefined}
            />
          )}

          {cancelAllowed && !readOnly && (
            <section className="card booking-cancel" aria-labelledby="cancel-title">
              <h2 id="cancel-title">{t("fairs:booking.cancelTitle")}</h2>
              <p className="muted">
                {b.status === "held"
                  ? t("fairs:booking.cancelHeld")
                  : t("fairs:booking.cancelUntil", {
                      time: formatDateTime(rules?.bookingClosesAt ?? fair.bookingClosesAt, locale),
                    })}
                {b.status === "booked" && b.amountVnd > 0 ? ` ${t("fairs:booking.cancelRefund")}` : ""}
              </p>
              <Form method="post" action={self}>
                <FormError errors={errorsFor("cancel")} />
                <input type="hidden" name="intent" value="cancel" />
                <button
                  type="submit"
                  className="button button-danger"
                  onClick={confirming(t("fairs:booking.cancelConfirm", { code: booth.code }))}
                >
                  {t("fairs:booking.cancel", { code: booth.code })}
                </button>
              </Form>
            </section>
          )}
        </div>

        <aside className="booking-side">
          <section className="card" aria-labelledby="facts-title">
            <h2 id="facts-title">{t("fairs:booking.facts")}</h2>
            <dl className="inline-facts">
              <dt>{t("fairs:plan.col.code")}</dt>
              <dd>
                <strong>{booth.code}</strong>
              </dd>
              <dt>{t("fairs:plan.col.type")}</dt>
              <dd>{t(`fairs:boothType.${booth.type}`)}</dd>
              <dt>{t("fairs:plan.col.size")}</dt>
              <dd>{boothSize(booth, locale)}</dd>
              <dt>{t("fairs:plan.col.price")}</dt>
              <dd>{b.amountVnd > 0 ? formatVnd(b.amountVnd, locale) : t("fairs:plan.free")}</dd>
              {b.paymentMethod && (
                <>
                  <dt>{t("fairs:booking.method")}</dt>
                  <dd>{t(`orders:paymentMethod.${b.paymentMethod}`)}</dd>
                </>
              )}
              <dt>{t("fairs:booking.reference")}</dt>
              <dd>
                <code>{b.publicId}</code>
              </dd>
            </dl>
          </section>
          <section className="card" aria-labelledby="timeline-title">
            <h2 id="timeline-title">{t("fairs:booking.timeline")}</h2>
            <BookingTimeline entries={b.timeline} />
          </section>
        </aside>
      </div>
    </div>
  );
}

function ProductChoices({
  products,
  selected,
  errors,
  values,
}: {
  products: Array<{ id: number; name: string }>;
  selected: string[];
  errors: Errors;
  values: Record<string, string | string[]> | undefined;
}) {
  const { t } = useTranslation();
  if (products.length === 0)
    return (
      <p className="muted">
        {t("fairs:booking.noProducts")}{" "}
        <Link to="/cooperative/products/new">{t("fairs:booking.addProduct")}</Link>
      </p>
    );
  return (
    <CheckboxGroup
      name="productIds"
      legend={t("fairs:booking.products")}
      options={products.map((p) => ({ value: String(p.id), label: p.name }))}
      selected={values ? valuesOf(values, "productIds") : selected}
      errors={errors}
      required={false}
    />
  );
}

function ConfirmForm({
  amountVnd,
  cardAvailable,
  bankTransferAvailable,
  requiresApproval,
  transferDays,
  products,
  selected,
  errors,
  values,
}: {
  amountVnd: number;
  cardAvailable: boolean;
  bankTransferAvailable: boolean;
  requiresApproval: boolean;
  transferDays: number;
  products: Array<{ id: number; name: string }>;
  selected: string[];
  errors: Errors;
  values: Record<string, string | string[]> | undefined;
}) {
  const { t, i18n } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const paid = amountVnd > 0;
  const methods = [
    ...(bankTransferAvailable ? (["bank_transfer"] as const) : []),
    ...(cardAvailable ? (["card"] as const) : []),
  ];
  const [method, setMethod] = useState(
    valueOf(values, "paymentMethod", methods.length === 1 ? methods[0] : ""),
  );
  const error = errors?.paymentMethod;
  return (
    <Form
      method="post"
      action={useLocation().pathname}
      className="card stack booking-confirm"
      noValidate
      aria-labelledby="confirm-title"
    >
      <h2 id="confirm-title">{t("fairs:booking.confirmTitle")}</h2>
      <FormError errors={errors} />
      <input type="hidden" name="intent" value="confirm" />
      <ProductChoices products={products} selected={selected} errors={errors} values={values} />
      <p className="field-hint">{t("fairs:booking.productsHint")}</p>
      {paid ? (
        methods.length === 0 ? (
          <p className="notice notice-pending">{t("fairs:booking.noMethods")}</p>
        ) : (
          <fieldset
            className={`payment-methods${error ? " field-invalid" : ""}`}
            aria-describedby={error ? "paymentMethod-error" : undefined}
          >
            <legend>
              {t("fairs:booking.paymentMethod", { amount: formatVnd(amountVnd, toLocale(i18n.language)) })}
              <span className="required" aria-hidden="true">
                {" "}
                *
              </span>
            </legend>
            {methods.map((m) => (
              <label key={m} className="payment-option">
                <input
                  type="radio"
                  name="paymentMethod"
                  value={m}
                  checked={method === m}
                  onChange={() => setMethod(m)}
                  aria-describedby={`method-${m}-hint`}
                />
                <span>
                  <strong>{t(`orders:paymentMethod.${m}`)}</strong>
                  <span className="field-hint" id={`method-${m}-hint`}>
                    {t(`fairs:booking.methodHint.${m}`, m === "bank_transfer" ? { count: transferDays } : {})}
                  </span>
                </span>
              </label>
            ))}
            <FieldMessage id="paymentMethod-error" error={error} />
          </fieldset>
        )
      ) : (
        <p className="notice">{t("fairs:booking.freeBooth")}</p>
      )}
      {requiresApproval && <p className="notice notice-pending">{t("fairs:booking.goesToApproval")}</p>}
      <button type="submit" className="button" disabled={busy || (paid && methods.length === 0)}>
        {requiresApproval
          ? t("fairs:booking.submitForApproval")
          : paid && method === "card"
            ? t("fairs:booking.confirmAndPayCard")
            : t("fairs:booking.confirm")}
      </button>
    </Form>
  );
}

function ProductsForm({
  products,
  selected,
  errors,
  values,
}: {
  products: Array<{ id: number; name: string }>;
  selected: string[];
  errors: Errors;
  values: Record<string, string | string[]> | undefined;
}) {
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  return (
    <Form
      method="post"
      action={useLocation().pathname}
      className="card stack"
      aria-labelledby="products-title"
    >
      <h2 id="products-title">{t("fairs:booking.productsTitle")}</h2>
      <FormError errors={errors} />
      <input type="hidden" name="intent" value="products" />
      <ProductChoices products={products} selected={selected} errors={errors} values={values} />
      {products.length > 0 && (
        <button type="submit" className="button button-secondary" disabled={busy}>
          {t("fairs:booking.saveProducts")}
        </button>
      )}
    </Form>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
