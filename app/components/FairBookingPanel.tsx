import { Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { BookingStatus } from "../../server/vocabulary/domain";
import { formatDateTime, formatVnd } from "../../server/vocabulary/format";
import { BookingDecisionForm, BookingMoveForm, type BookingDecision } from "./BookingDecisionForm";
import { useQueryHref, type StaffBooking, type StaffHall } from "./FairAdmin";
import { FormError, type FormRules } from "./Fields";
import { boothSize } from "./FloorPlan";
import { failureOf } from "./IntentForm";
import { toLocale, type Locale } from "../../server/vocabulary/locale";

export function BookingStatusBadge({ status }: { status: BookingStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`badge fa-booking-status fa-booking-${status}`}>
      {t(`fairs:bookingStatus.${status}`)}
    </span>
  );
}

/** What the clock says about a booking: until when it is held or must be paid, or when it was paid. */
export function DeadlineText({ booking: b }: { booking: StaffBooking }) {
  const { t, i18n } = useTranslation();
  if (b.paidAt)
    return <>{t("fairAdmin:bookings.paidAt", { date: formatDateTime(b.paidAt, toLocale(i18n.language)) })}</>;
  if (b.active && b.expiresAt)
    return (
      <>
        {t(b.status === "held" ? "fairAdmin:bookings.heldUntil" : "fairAdmin:bookings.payBy", {
          date: formatDateTime(b.expiresAt, toLocale(i18n.language)),
        })}
      </>
    );
  return <span className="muted">—</span>;
}

/** The decisions a booking offers in its state. */
function decisionsFor(b: StaffBooking): BookingDecision[] {
  const out: BookingDecision[] = [];
  if (b.status === "pending_approval") out.push("approve", "decline");
  if (b.status === "pending_payment" && b.paymentMethod === "bank_transfer") out.push("mark_paid");
  if (b.active && b.status !== "pending_approval") out.push("vacate");
  return out;
}

/** One booking opened from the table: its facts, and a form for each decision it offers, then the move. */
export function FairBookingPanel({
  booking: b,
  halls,
  transferDays,
  reasonRules,
  locale,
}: {
  booking: StaffBooking;
  halls: StaffHall[];
  transferDays: number;
  /** The reason schema's rules (forms.rules("reason")), for declining and vacating. */
  reasonRules: FormRules;
  locale: Locale;
}) {
  const { t } = useTranslation();
  const href = useQueryHref();
  const data = useActionData() as { intent?: string } | undefined;
  const amount = b.amountVnd > 0 ? formatVnd(b.amountVnd, locale) : t("fairs:plan.free");
  const decisions = decisionsFor(b);
  const booth = halls.flatMap((h) => h.booths).find((x) => x.id === b.boothId);
  // Orphans: a failure of a decision this booking no longer offers (someone else decided first).
  const failed = failureOf(data, data?.intent ?? "", { name: "publicId", value: b.publicId });
  const orphan =
    failed && failed.intent !== "move" && !decisions.some((d) => d === failed.intent) ? failed : undefined;
  return (
    <section className="card fa-booking-panel" id="booking-panel" aria-labelledby="booking-title">
      <div className="fa-section-head">
        <h2 id="booking-title">
          {t("fairAdmin:booking.title", { booth: b.boothCode, cooperative: b.cooperative?.name ?? "" })}
        </h2>
        <Link to={href({ booking: null })} preventScrollReset className="fa-close">
          {t("fairAdmin:booking.close")}
        </Link>
      </div>
      <dl className="inline-facts">
        <dt>{t("fairAdmin:booking.status")}</dt>
        <dd>
          <BookingStatusBadge status={b.status} />
        </dd>
        <dt>{t("fairAdmin:booking.booth")}</dt>
        <dd>
          {b.boothCode}
          {booth && (
            <>
              {" "}
              · {t(`fairs:boothType.${booth.type}`)} · {boothSize(booth, locale)}
            </>
          )}
        </dd>
        <dt>{t("fairAdmin:booking.amount")}</dt>
        <dd>
          {amount}
          {b.paymentMethod && <> · {t(`orders:paymentMethod.${b.paymentMethod}`)}</>}
        </dd>
        {b.transferReference && b.paymentMethod === "bank_transfer" && (
          <>
            <dt>{t("fairAdmin:booking.reference")}</dt>
            <dd>
              <code>{b.transferReference}</code>
            </dd>
          </>
        )}
        <dt>{t("fairAdmin:booking.created")}</dt>
        <dd>{formatDateTime(b.createdAt, locale)}</dd>
        {(b.paidAt || (b.active && b.expiresAt)) && (
          <>
            <dt>
              {t(
                b.paidAt
                  ? "fairAdmin:booking.paidAt"
                  : b.status === "held"
                    ? "fairAdmin:booking.heldUntil"
                    : "fairAdmin:booking.payBy",
              )}
            </dt>
            <dd>{formatDateTime((b.paidAt ?? b.expiresAt)!, locale)}</dd>
          </>
        )}
      </dl>
      {b.reason && (
        <blockquote className="reason">
          <strong>{t("fairAdmin:booking.reason")}:</strong>{" "}
          {/^[a-z_]+$/.test(b.reason) ? t(`fairs:note.${b.reason}`, { defaultValue: b.reason }) : b.reason}
        </blockquote>
      )}
      {orphan && <FormError errors={orphan.errors} />}
      {b.status === "held" && <p className="muted">{t("fairAdmin:booking.heldNote")}</p>}
      {b.status === "pending_payment" && b.paymentMethod === "card" && (
        <p className="muted">{t("fairAdmin:booking.cardNote")}</p>
      )}
      {!b.active && <p className="muted">{t("fairAdmin:booking.inactive")}</p>}
      {decisions.map((d) => (
        <BookingDecisionForm
          key={d}
          decision={d}
          booking={b}
          amount={amount}
          transferDays={transferDays}
          rules={reasonRules}
        />
      ))}
      {b.active && <BookingMoveForm booking={b} halls={halls} locale={locale} />}
    </section>
  );
}
