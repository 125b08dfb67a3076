import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { BookingStatus, OrderActor } from "../lib/domain";
import { formatDate } from "../lib/format";

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
        {t(`fairs:booking.countdown.until.${kind}`, { time: formatDate(expiresAt, i18n.language, true) })}
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
            <time dateTime={e.at}>{formatDate(e.at, i18n.language, true)}</time>
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
