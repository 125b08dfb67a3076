import { Link } from "@remix-run/react";
import { OrderBusinessFacts } from "./OrderBusinessFacts";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { OrderItemsTable } from "./OrderItemsTable";
import { OrderShipping } from "./Shipping";
import type { OrderAction, OrderDetail } from "../../server/orders";
import { AddressText } from "./AddressFields";
import { formatDateTime, formatVnd } from "../../server/vocabulary/format";
import { ORDER_ACTIONS } from "../lib/order-actions";
import { FormError, TextArea, TextField, valueOf, type Errors, type FormRules } from "./Fields";
import { IntentForm, useSubmitting, type IntentFailureData } from "./IntentForm";
import { OrderStatusBadge, OrderTimeline, useReasonText } from "./OrderStatus";
import type { Locale } from "../../server/vocabulary/locale";

export type { OrderAction } from "../../server/orders";

/** Carriers Vietnamese cooperatives ship with most; offered as suggestions, any name may be typed. */
const CARRIERS = [
  "Giao Hàng Nhanh (GHN)",
  "Giao Hàng Tiết Kiệm (GHTK)",
  "Viettel Post",
  "VNPost (Bưu điện Việt Nam)",
  "J&T Express",
  "Ninja Van",
  "BEST Express",
  "Ahamove",
];

interface Props {
  order: OrderDetail;
  /** The reference the buyer was asked to put in a bank transfer (what to look for in the statement). */
  transferReference: string;
  locale: Locale;
  /** The action that just succeeded (from `?done=`), announced once. */
  done: OrderAction | null;
  failure: IntentFailureData | undefined;
  /** The ship and cancel forms' limits, read off the server's schemas. */
  rules: { ship: FormRules; cancel: FormRules };
  listPath: string;
  /** Where the forms post; explicit so a failed form does not keep a stale `?done=` notice. */
  self: string;
}

/** An order as the cooperative or union staff see it: who bought what, where it goes, and what to do next. */
export function SalesOrderDetail({
  order: o,
  transferReference,
  locale,
  done,
  failure,
  rules,
  listPath,
  self,
}: Props) {
  const { t } = useTranslation();
  const reasonText = useReasonText();
  const asStaff = o.viewerAs === "staff";
  return (
    <article className="sales-order" aria-labelledby="order-title">
      <nav aria-label={t("common:breadcrumb")} className="breadcrumb">
        <Link to={listPath}>{t(asStaff ? "sales:list.staffTitle" : "sales:list.title")}</Link> ›{" "}
        <span>{o.code}</span>
      </nav>
      <header className="sales-order-head">
        <h1 id="order-title">{t("sales:detail.title", { code: o.code })}</h1>
        <p className="sales-order-meta">
          <OrderStatusBadge status={o.status} />
          <span>
            {t("sales:detail.placedAt", { date: formatDateTime(o.createdAt, locale) })}
            {asStaff && (
              <>
                {" · "}
                <Link to={`/cooperatives/${o.cooperative.slug}`}>{o.cooperative.name}</Link>
              </>
            )}
          </span>
        </p>
      </header>
      {done && (
        <p className="notice notice-approved" role="status">
          {t(`sales:detail.done.${done}`)}
        </p>
      )}
      {o.paymentStatus === "refund_due" && (
        <p className="notice notice-pending">
          {t("sales:detail.refundDue", { amount: formatVnd(o.totalVnd, locale) })}
        </p>
      )}

      <div className="sales-order-body">
        <div className="sales-order-main">
          <ActionsPanel
            order={o}
            transferReference={transferReference}
            locale={locale}
            failure={failure}
            rules={rules}
            self={self}
          />

          <section className="card" aria-labelledby="items-title">
            <h2 id="items-title">{t("sales:detail.items.title")}</h2>
            <OrderItemsTable items={o.items} order={o} locale={locale} />
          </section>

          <div className="card">
            <OrderShipping order={o} locale={locale} />
          </div>

          <section className="card" aria-labelledby="contact-title">
            <h2 id="contact-title">{t("sales:detail.contact.title")}</h2>
            <dl className="inline-facts">
              <dt>{t("sales:detail.contact.name")}</dt>
              <dd>{o.contact.name}</dd>
              {asStaff && o.buyer.name !== o.contact.name && (
                <>
                  <dt>{t("sales:detail.contact.account")}</dt>
                  <dd>{o.buyer.name}</dd>
                </>
              )}
              <dt>{t("sales:detail.contact.phone")}</dt>
              <dd>
                <a href={`tel:${o.contact.phone}`}>{o.contact.phone}</a>
              </dd>
              <dt>{t("sales:detail.contact.email")}</dt>
              <dd>
                <a href={`mailto:${o.contact.email}`}>{o.contact.email}</a>
              </dd>
              <dt>{t("sales:detail.contact.address")}</dt>
              <dd>
                <address>
                  <AddressText address={o.contact.location} split />
                </address>
              </dd>
            </dl>
            <h3 className="sales-subhead">{t("sales:detail.contact.note")}</h3>
            {o.contact.note ? (
              <blockquote className="reason sales-note">{o.contact.note}</blockquote>
            ) : (
              <p className="muted">{t("sales:detail.contact.noNote")}</p>
            )}
          </section>
          <OrderBusinessFacts contact={o.contact} />
        </div>

        <aside className="sales-order-side">
          <section className="card" aria-labelledby="payment-title">
            <h2 id="payment-title">{t("sales:detail.payment.title")}</h2>
            <dl className="inline-facts">
              <dt>{t("sales:detail.payment.method")}</dt>
              <dd>{t(`orders:paymentMethod.${o.paymentMethod}`)}</dd>
              <dt>{t("sales:detail.payment.status")}</dt>
              <dd>
                <span className={`payment-status payment-status-${o.paymentStatus}`}>
                  {t(`orders:paymentStatus.${o.paymentStatus}`)}
                </span>
              </dd>
              <dt>{t("sales:detail.payment.amount")}</dt>
              <dd>{formatVnd(o.totalVnd, locale)}</dd>
              {o.paymentMethod === "bank_transfer" && (
                <>
                  <dt>{t("sales:detail.payment.reference")}</dt>
                  <dd>
                    <code>{transferReference}</code>
                  </dd>
                </>
              )}
              {o.paidAt && (
                <>
                  <dt>{t("sales:detail.payment.paidAt")}</dt>
                  <dd>{formatDateTime(o.paidAt, locale)}</dd>
                </>
              )}
            </dl>
            {o.paymentMethod === "card" && (
              <p className="muted small">{t("sales:detail.payment.cardNote")}</p>
            )}
          </section>

          {(o.carrier || o.trackingNumber) && (
            <section className="card" aria-labelledby="shipping-title">
              <h2 id="shipping-title">{t("sales:detail.shipping.title")}</h2>
              <dl className="inline-facts">
                <dt>{t("sales:detail.shipping.carrier")}</dt>
                <dd>{o.carrier}</dd>
                <dt>{t("sales:detail.shipping.trackingNumber")}</dt>
                <dd>
                  <code>{o.trackingNumber}</code>
                </dd>
              </dl>
            </section>
          )}

          {o.cancelReason && (
            <section className="card" aria-labelledby="cancel-reason-title">
              <h2 id="cancel-reason-title">{t("sales:detail.cancelReason")}</h2>
              <blockquote className="reason">{reasonText(o.cancelReason)}</blockquote>
            </section>
          )}

          <section className="card" aria-labelledby="timeline-title">
            <h2 id="timeline-title">{t("sales:detail.timeline")}</h2>
            <OrderTimeline entries={o.timeline} />
          </section>
        </aside>
      </div>
    </article>
  );
}

function ActionsPanel({
  order: o,
  transferReference,
  locale,
  failure,
  rules,
  self,
}: {
  order: OrderDetail;
  transferReference: string;
  locale: Locale;
  failure: IntentFailureData | undefined;
  rules: Props["rules"];
  self: string;
}) {
  const { t } = useTranslation();
  const amount = formatVnd(o.totalVnd, locale);
  const actions = ORDER_ACTIONS.filter((a) => o.actions.includes(a));
  // A failure of an action the order no longer offers (someone else moved it) still has to be shown.
  const orphan =
    failure && !actions.some((a) => a === failure.intent) ? { _form: failure.errors._form } : undefined;

  const section = (action: OrderAction) => {
    const errors = failure?.intent === action ? failure.errors : undefined;
    const values = failure?.intent === action ? failure.values : undefined;
    const form = { action, self, errors };
    switch (action) {
      case "mark_paid":
        return (
          <>
            <p>{t("sales:action.mark_paid.body")}</p>
            <dl className="inline-facts sales-transfer">
              <dt>{t("sales:action.mark_paid.amount")}</dt>
              <dd>
                <strong>{amount}</strong>
              </dd>
              <dt>{t("sales:action.mark_paid.reference")}</dt>
              <dd>
                <code>{transferReference}</code>
              </dd>
            </dl>
            <ActionForm {...form} submit={t("sales:action.mark_paid.submit", { amount })} />
          </>
        );
      case "confirm":
      case "deliver":
        return (
          <>
            <p>{t(`sales:action.${action}.body`)}</p>
            <ActionForm {...form} submit={t(`sales:action.${action}.submit`)} />
          </>
        );
      case "ship":
        return (
          <>
            <p>{t("sales:action.ship.body")}</p>
            <ActionForm {...form} rules={rules.ship} submit={t("sales:action.ship.submit")}>
              <div className="field-row">
                <TextField
                  name="carrier"
                  label={t("sales:action.ship.carrier")}
                  hint={t("sales:action.ship.carrierHint")}
                  errors={errors}
                  list="carrier-suggestions"
                  defaultValue={valueOf(values, "carrier")}
                />
                <datalist id="carrier-suggestions">
                  {CARRIERS.map((c) => (
                    <option key={c} value={c} />
                  ))}
                </datalist>
                <TextField
                  name="trackingNumber"
                  label={t("sales:action.ship.trackingNumber")}
                  errors={errors}
                  autoComplete="off"
                  defaultValue={valueOf(values, "trackingNumber")}
                />
              </div>
            </ActionForm>
          </>
        );
      case "cancel":
        return (
          <>
            <p>
              {t(
                o.paymentStatus === "paid"
                  ? `sales:action.cancel.bodyPaid.${o.paymentMethod}`
                  : o.paymentMethod === "card" && o.status === "pending_payment"
                    ? "sales:action.cancel.bodyUnpaidCard"
                    : "sales:action.cancel.body",
                { amount },
              )}
            </p>
            <ActionForm
              {...form}
              rules={rules.cancel}
              danger
              submit={t("sales:action.cancel.submit")}
              confirm={t("sales:action.cancel.confirm", { code: o.code })}
            >
              <TextArea
                name="reason"
                label={t("sales:action.cancel.reason")}
                hint={t("sales:action.cancel.reasonHint")}
                errors={cancelErrors(errors)}
                rows={3}
                defaultValue={valueOf(values, "reason")}
              />
            </ActionForm>
          </>
        );
      case "refund":
        return (
          <>
            <p>{t("sales:action.refund.body", { amount })}</p>
            <ActionForm
              {...form}
              danger
              submit={t("sales:action.refund.submit", { amount })}
              confirm={t("sales:action.refund.confirm", { amount, code: o.code })}
            />
          </>
        );
    }
  };

  return (
    <section className="card sales-actions" aria-labelledby="actions-title">
      <h2 id="actions-title">{t("sales:detail.actionsTitle")}</h2>
      {orphan?._form && <FormError errors={orphan} />}
      {actions.length === 0 && <p className="muted">{t(`sales:detail.noActions.${o.status}`)}</p>}
      {actions.map((action) => (
        <div className={`sales-action sales-action-${action}`} key={action}>
          <h3 id={`action-${action}`}>{t(`sales:action.${action}.title`)}</h3>
          {section(action)}
        </div>
      ))}
    </section>
  );
}

/** One action's form: `intent` names the action, the 409 or field summary sits above the fields. */
function ActionForm({
  action,
  self,
  errors,
  rules,
  submit,
  danger = false,
  confirm,
  children,
}: {
  action: OrderAction;
  self: string;
  errors: Errors;
  rules?: FormRules;
  submit: string;
  danger?: boolean;
  /** Asked before submitting, for what cannot be undone. */
  confirm?: string;
  children?: ReactNode;
}) {
  const busy = useSubmitting();
  return (
    <IntentForm intent={action} action={self} rules={rules} confirm={confirm} labelledBy={`action-${action}`}>
      <FormError errors={errors} />
      {children}
      <button type="submit" className={danger ? "button button-danger" : "button"} disabled={busy}>
        {submit}
      </button>
    </IntentForm>
  );
}

/**
 * The shared `reason_too_short` message was written for rejecting a registration (10 characters, addressed to
 * staff); a cancellation needs 5, so the cancel form says so in its own words.
 */
function cancelErrors(errors: Errors): Errors {
  if (errors?.reason?.code !== "reason_too_short") return errors;
  return { ...errors, reason: { code: "too_short", params: { min: 5 } } };
}
