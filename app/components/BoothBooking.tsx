import { Link } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { BookingStatus, OrderActor } from "../../server/vocabulary/domain";
import { formatDateTime, formatVnd } from "../../server/vocabulary/format";
import { FairDates } from "./FairCard";
import { toLocale, type Locale } from "../../server/vocabulary/locale";

/** A booking's status in words, with a shape marker: colour helps, but never carries the meaning alone. */
export function BookingStatusBadge({ status }: { status: BookingStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`badge booking-status booking-status-${status}`}>
      {t(`fairs:bookingStatus.${status}`)}
    </span>
  );
}

function remaining(expiresAt: string, now: number) {
  return Math.max(0, Math.floor((new Date(expiresAt).getTime() - now) / 1000));
}

function clock(seconds: number) {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const mm = String(m).padStart(h > 0 ? 2 : 1, "0");
  return `${h > 0 ? `${h}:` : ""}${mm}:${String(s).padStart(2, "0")}`;
}

/**
 * How long a hold (or an offer, or a payment deadline) still runs. The deadline is printed as a time, so the page
 * says everything without JavaScript; once hydrated, a clock counts down every second for sighted users while
 * screen readers hear the minutes left at most once a minute (a ticking live region would drown everything).
 */
export function HoldCountdown({
  expiresAt,
  kind = "hold",
  onExpire,
}: {
  expiresAt: string;
  kind?: "hold" | "offer" | "payment";
  onExpire?: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [expiresAt]);
  const left = now === null ? null : remaining(expiresAt, now);
  const expired = left === 0;
  useEffect(() => {
    if (expired) onExpire?.();
  }, [expired, onExpire]);
  // Whole minutes, rounded up, change once a minute: the only thing announced.
  const minutes = left === null ? null : Math.ceil(left / 60);
  const days = left === null ? 0 : Math.floor(left / 86_400);
  return (
    <div className={`hold-countdown hold-countdown-${kind}${expired ? " hold-countdown-expired" : ""}`}>
      <p className="hold-countdown-until">
        {t(`fairs:booking.countdown.until.${kind}`, {
          time: formatDateTime(expiresAt, toLocale(i18n.language)),
        })}
      </p>
      {left !== null && (
        <p className="hold-countdown-clock" aria-hidden="true">
          {expired
            ? t("fairs:booking.countdown.expired")
            : days >= 1
              ? t("fairs:booking.countdown.days", { count: days })
              : clock(left)}
        </p>
      )}
      <p className="visually-hidden" aria-live="polite" aria-atomic="true">
        {minutes === null
          ? ""
          : expired
            ? t("fairs:booking.countdown.expired")
            : days >= 1
              ? t("fairs:booking.countdown.days", { count: days })
              : t("fairs:booking.countdown.minutesLeft", { count: minutes })}
      </p>
    </div>
  );
}

export interface BookingTimelineEntry {
  from: BookingStatus | null;
  to: BookingStatus;
  boothCode: string;
  actorKind: OrderActor;
  actorName: string | null;
  note: string | null;
  at: string;
}

/** A stored note is a system code (translated), a move ("moved_from:A03"), or a reason staff typed. */
export function useBookingNote() {
  const { t } = useTranslation();
  return (note: string | null) => {
    if (!note) return null;
    if (note.startsWith("moved_from:"))
      return t("fairs:booking.movedFrom", { code: note.slice("moved_from:".length) });
    return t(`fairs:note.${note}`, { defaultValue: note });
  };
}

/** Every step of a booking, oldest first: what it became, on which booth, who did it and why. */
export function BookingTimeline({ entries }: { entries: BookingTimelineEntry[] }) {
  const { t, i18n } = useTranslation();
  const noteText = useBookingNote();
  return (
    <ol className="order-timeline booking-timeline">
      {entries.map((e, i) => (
        <li key={i} className={`order-timeline-step booking-step-${e.to}`}>
          <p className="order-timeline-status">
            <strong>{t(`fairs:bookingStatus.${e.to}`)}</strong>
            {" · "}
            {t("fairs:plan.booth", { code: e.boothCode })}
          </p>
          <p className="muted">
            <time dateTime={e.at}>{formatDateTime(e.at, toLocale(i18n.language))}</time>
            {" · "}
            {t(`orders:actor.${e.actorKind}`)}
            {e.actorName ? ` (${e.actorName})` : ""}
          </p>
          {e.note && <p className="order-timeline-note">{noteText(e.note)}</p>}
        </li>
      ))}
    </ol>
  );
}

export interface BookingRow {
  publicId: string;
  status: BookingStatus;
  boothCode: string;
  expiresAt: string | null;
  amountVnd: number;
  /** Given when the table lists bookings of several fairs. */
  fair?: { slug: string; name: string; startsOn: string; endsOn: string };
}

/** A cooperative's booth bookings: booth, status, deadline, fee and the way to the booking. */
export function BoothBookingsTable({ bookings, locale }: { bookings: BookingRow[]; locale: Locale }) {
  const { t } = useTranslation();
  const withFair = bookings.some((b) => b.fair);
  return (
    <div className="table-scroll">
      <table className="data-table">
        <thead>
          <tr>
            {withFair && <th scope="col">{t("fairs:coop.col.fair")}</th>}
            <th scope="col">{t("fairs:plan.col.code")}</th>
            <th scope="col">{t("fairs:coop.col.status")}</th>
            <th scope="col">{t("fairs:coop.col.expires")}</th>
            <th scope="col" className="numeric">
              {t("fairs:plan.col.price")}
            </th>
            <th scope="col">
              <span className="visually-hidden">{t("fairs:plan.col.action")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {bookings.map((b) => (
            <tr key={b.publicId}>
              {withFair && (
                <td>
                  {b.fair && (
                    <>
                      <Link to={`/cooperative/fairs/${b.fair.slug}`}>{b.fair.name}</Link>
                      <br />
                      <span className="muted small">
                        <FairDates fair={b.fair} locale={locale} />
                      </span>
                    </>
                  )}
                </td>
              )}
              <th scope="row">{b.boothCode}</th>
              <td>
                <BookingStatusBadge status={b.status} />
              </td>
              <td>{b.expiresAt ? formatDateTime(b.expiresAt, locale) : "—"}</td>
              <td className="numeric">
                {b.amountVnd > 0 ? formatVnd(b.amountVnd, locale) : t("fairs:plan.free")}
              </td>
              <td>
                <Link to={`/cooperative/bookings/${b.publicId}`}>
                  {t("fairs:coop.viewBooking", { code: b.boothCode })}
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
