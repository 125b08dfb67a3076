import { useTranslation } from "react-i18next";
import { vietnamDay } from "../../server/vocabulary/dates";
import type { ConferencePhase } from "../../server/vocabulary/domain";
import { formatDateRange, formatTime } from "../../server/vocabulary/format";
import type { Locale } from "../../server/vocabulary/locale";

const PHASE_BADGE: Record<ConferencePhase, string> = {
  draft: "badge-pending",
  registration: "badge-approved",
  preferences_closed: "badge-pending",
  provisional: "badge-pending",
  published: "badge-approved",
  finished: "badge-rejected",
};

export function ConferencePhaseBadge({ phase }: { phase: ConferencePhase }) {
  const { t } = useTranslation();
  return <span className={`badge ${PHASE_BADGE[phase]}`}>{t(`conferences:phase.${phase}`)}</span>;
}

/** "15–16/03/2026". */
export const conferenceDays = (c: { startsOn: string; endsOn: string }, locale: Locale) =>
  formatDateRange(c.startsOn, c.endsOn, locale);

/** "08:00–08:20" on Vietnam's clock. */
export const slotTime = (s: { startsAt: string; endsAt: string }, locale: Locale) =>
  `${formatTime(s.startsAt, locale)}–${formatTime(s.endsAt, locale)}`;

/** Slots grouped by their day in Vietnam ("2026-03-15" → slots), in time order. */
export function slotsByDay<S extends { startsAt: string }>(slots: S[]) {
  const days = new Map<string, S[]>();
  for (const s of slots) {
    const day = vietnamDay(s.startsAt);
    days.set(day, [...(days.get(day) ?? []), s]);
  }
  return [...days.entries()];
}
