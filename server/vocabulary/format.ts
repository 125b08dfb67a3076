import { vietnamWallClock, type WallClock } from "./dates";
import { intlLocale, type Locale } from "./locale";

const cache = new Map<string, Intl.NumberFormat>();
function memo<T extends Intl.NumberFormat>(key: string, make: () => T): T {
  let f = cache.get(key) as T | undefined;
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  return f;
}

/** Integer VND: 120000 → "120.000 ₫" (vi) or "₫120,000" (en). */
export function formatVnd(amount: number, locale: Locale): string {
  return memo(
    `vnd:${locale}`,
    () =>
      new Intl.NumberFormat(intlLocale(locale), {
        style: "currency",
        currency: "VND",
        maximumFractionDigits: 0,
      }),
  ).format(amount);
}

export function formatNumber(n: number, locale: Locale): string {
  return memo(`num:${locale}`, () => new Intl.NumberFormat(intlLocale(locale))).format(n);
}

/** A share as a whole percentage: 0.45 → "45%" in both languages (Vietnamese writes no space before %). */
export function formatPercent(fraction: number, locale: Locale): string {
  return `${formatNumber(Math.round(fraction * 100), locale)}%`;
}

/*
 * Dates. Vietnamese pages write days as dd/mm/yyyy ("02/12/2026", never "2 thg 12, 2026") and times as 14:30;
 * English ones "2 Dec 2026" and "2:30 PM". Instants are shown on Vietnam's clock, calendar days ("2026-12-02") as
 * written (server/vocabulary/dates.ts). The strings are built here rather than by Intl: ICU's patterns differ
 * between Node and browsers ("Sep"/"Sept", thin spaces round a range), and a server-rendered page must read the
 * same after hydration.
 */

const MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad2 = (n: number) => String(n).padStart(2, "0");

/** "02/12" or "2 Dec": a day without its year. */
function dayAndMonth(c: WallClock, locale: Locale): string {
  return locale === "en" ? `${c.day} ${MONTHS_EN[c.month - 1]}` : `${pad2(c.day)}/${pad2(c.month)}`;
}

function withYear(dayMonth: string, c: WallClock, locale: Locale): string {
  return locale === "en" ? `${dayMonth} ${c.year}` : `${dayMonth}/${c.year}`;
}

/** A day: "02/12/2026" (vi), "2 Dec 2026" (en). Takes an instant or a calendar day ("2026-12-02"). */
export function formatDate(value: string | Date, locale: Locale): string {
  const c = vietnamWallClock(value);
  return withYear(dayAndMonth(c, locale), c, locale);
}

/** A time of day on Vietnam's clock: "14:30" (vi), "2:30 PM" (en). */
export function formatTime(value: string | Date, locale: Locale): string {
  const c = vietnamWallClock(value);
  if (locale !== "en") return `${pad2(c.hour)}:${pad2(c.minute)}`;
  return `${c.hour % 12 || 12}:${pad2(c.minute)} ${c.hour < 12 ? "AM" : "PM"}`;
}

/** An instant: "14:30, 02/12/2026" (vi), "2:30 PM, 2 Dec 2026" (en). */
export function formatDateTime(value: string | Date, locale: Locale): string {
  return `${formatTime(value, locale)}, ${formatDate(value, locale)}`;
}

/**
 * From one day to another, saying the month and year once where they are shared: "23–26/12/2026",
 * "28/11–02/12/2026", "28/12/2026–02/01/2027" (vi); "23–26 Dec 2026", "28 Nov – 2 Dec 2026",
 * "28 Dec 2026 – 2 Jan 2027" (en). One day is just that day.
 */
export function formatDateRange(start: string | Date, end: string | Date, locale: Locale): string {
  const a = vietnamWallClock(start);
  const b = vietnamWallClock(end);
  const sameYear = a.year === b.year;
  const sameMonth = sameYear && a.month === b.month;
  if (sameMonth && a.day === b.day) return formatDate(start, locale);
  const last = formatDate(end, locale);
  if (locale === "en") {
    if (sameMonth) return `${a.day}–${last}`;
    return `${sameYear ? dayAndMonth(a, locale) : formatDate(start, locale)} – ${last}`;
  }
  if (sameMonth) return `${pad2(a.day)}–${last}`;
  return `${sameYear ? dayAndMonth(a, locale) : formatDate(start, locale)}–${last}`;
}
