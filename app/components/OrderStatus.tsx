import { useTranslation } from "react-i18next";
import type { OrderActor, OrderStatus } from "../../server/vocabulary/domain";
import { formatDateTime } from "../../server/vocabulary/format";
import { toLocale } from "../../server/vocabulary/locale";

/** The order's status as text with a shape marker: colour helps, but never carries the meaning alone. */
export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  const { t } = useTranslation();
  return <span className={`badge order-status order-status-${status}`}>{t(`orders:status.${status}`)}</span>;
}

/** A stored reason is either a system code (translated) or what a person typed (shown as written). */
export function useReasonText() {
  const { t } = useTranslation();
  return (reason: string | null) => (reason ? t(`orders:reason.${reason}`, { defaultValue: reason }) : null);
}

export interface TimelineEntry {
  from: OrderStatus | null;
  to: OrderStatus;
  actorKind: OrderActor;
  actorName: string | null;
  note: string | null;
  at: string;
}

/** Every transition of an order, oldest first: who moved it, when, from what to what. */
export function OrderTimeline({ entries }: { entries: TimelineEntry[] }) {
  const { t, i18n } = useTranslation();
  const reasonText = useReasonText();
  return (
    <ol className="order-timeline">
      {entries.map((e, i) => (
        <li key={i} className={`order-timeline-step order-status-${e.to}`}>
          <p className="order-timeline-status">
            <strong>{t(`orders:status.${e.to}`)}</strong>
          </p>
          <p className="muted">
            <time dateTime={e.at}>{formatDateTime(e.at, toLocale(i18n.language))}</time>
            {" · "}
            {t(`orders:actor.${e.actorKind}`)}
            {e.actorName ? ` (${e.actorName})` : ""}
          </p>
          {e.note && e.note !== "stripe" && <p className="order-timeline-note">{reasonText(e.note)}</p>}
        </li>
      ))}
    </ol>
  );
}
