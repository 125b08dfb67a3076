/**
 * Calendar days and Vietnam's wall clock. Instants are stored in UTC and mean Vietnam's time (Asia/Ho_Chi_Minh)
 * when shown or read from a form; calendar days (a fair's dates, a batch's production day) are "YYYY-MM-DD"
 * strings with no time zone at all.
 *
 * Vietnam has kept UTC+7 without daylight saving since 1975, so the wall clock is a fixed offset: arithmetic gives
 * the same answer in Node and in every browser, where ICU's time-zone and date patterns differ between versions
 * (and a page rendered on the server must read the same after hydration).
 */

export const VIETNAM_UTC_OFFSET_MS = 7 * 3_600_000;

/** A day and a minute on Vietnam's clock; month is 1–12. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** 1 ≤ day ≤ the month's length (29 February only in leap years); years 1000–9999. */
function isRealDay(year: number, month: number, day: number): boolean {
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

function isoDay(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/**
 * What a person typed for a day, as "YYYY-MM-DD", or null when it is no day at all. Vietnamese write day first:
 * "02/12/2026", "2/12/2026" (also with "." or "-" between); ISO "2026-12-02" is what date inputs send and what
 * spreadsheets export. Impossible days ("31/02/2026") are null, never rolled over into March.
 */
export function parseDateInput(text: string): string | null {
  const s = text.trim();
  let year: number, month: number, day: number;
  const iso = ISO_DAY.exec(s);
  const dmy = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/.exec(s);
  if (iso) [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (dmy) [day, month, year] = [Number(dmy[1]), Number(dmy[3]), Number(dmy[4])];
  else return null;
  return isRealDay(year, month, day) ? isoDay(year, month, day) : null;
}

/**
 * A typed moment on Vietnam's clock as a datetime-local input holds it ("2026-12-02T14:30"), or null: what such an
 * input sends, or a day as parseDateInput reads it with a 24-hour time before or after ("02/12/2026 14:30",
 * "14:30, 02/12/2026").
 */
export function parseDateTimeInput(text: string): string | null {
  const s = text.trim();
  const m =
    /^(?<day>[^\sT,]+)(?:T|,?\s+)(?<h>\d{1,2}):(?<min>\d{2})$/.exec(s) ??
    /^(?<h>\d{1,2}):(?<min>\d{2}),?\s+(?<day>\S+)$/.exec(s);
  if (!m?.groups) return null;
  const day = parseDateInput(m.groups.day!);
  const hour = Number(m.groups.h);
  const minute = Number(m.groups.min);
  if (!day || hour > 23 || minute > 59) return null;
  return `${day}T${pad(hour)}:${pad(minute)}`;
}

/** Whether a value is a calendar day as stored ("2026-12-02"), rather than an instant. */
export function isCalendarDay(value: unknown): value is string {
  return typeof value === "string" && ISO_DAY.test(value);
}

/**
 * A value's day (and minute) in Vietnam. An instant (a Date or an ISO timestamp) is moved to Vietnam's clock; a
 * calendar day is taken as it is written, at midnight.
 */
export function vietnamWallClock(value: string | Date): WallClock {
  if (isCalendarDay(value)) {
    const [year, month, day] = value.split("-").map(Number) as [number, number, number];
    return { year, month, day, hour: 0, minute: 0 };
  }
  const ms = (typeof value === "string" ? new Date(value) : value).getTime();
  if (Number.isNaN(ms)) throw new RangeError(`Not a date: ${String(value)}`);
  const d = new Date(ms + VIETNAM_UTC_OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
  };
}

/** The day an instant falls on in Vietnam, "YYYY-MM-DD"; today's by default. */
export function vietnamDay(value: string | Date = new Date()): string {
  const c = vietnamWallClock(value);
  return isoDay(c.year, c.month, c.day);
}

/** An instant as a datetime-local input holds it: Vietnam's wall clock, "2026-12-01T08:00". */
export function vietnamDateTimeLocal(value: string | Date): string {
  const c = vietnamWallClock(value);
  return `${isoDay(c.year, c.month, c.day)}T${pad(c.hour)}:${pad(c.minute)}`;
}

/** "2026-11-23 20:59" on Vietnam's clock: a timestamp a CSV sorts as text and any spreadsheet reads as a date. */
export function vietnamTimestamp(value: string | Date): string {
  return vietnamDateTimeLocal(value).replace("T", " ");
}

/**
 * A calendar day moved by whole months and days: months first, kept within the month (31 January + 1 month is
 * 28 or 29 February, never 3 March), then days.
 */
export function shiftDay(day: string, { months = 0, days = 0 }: { months?: number; days?: number }): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const monthIndex = y * 12 + (m - 1) + months;
  const year = Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const moved = Date.UTC(year, month - 1, Math.min(d, last)) + days * 86_400_000;
  return new Date(moved).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
