import { intlLocale, type Locale } from "./locale";

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function memo<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
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

/** Dates are stored in UTC and shown in Vietnam's time zone. */
export function formatDate(value: string | Date, locale: Locale, withTime = false): string {
  return memo(
    `date:${locale}:${withTime}`,
    () =>
      new Intl.DateTimeFormat(intlLocale(locale), {
        dateStyle: "medium",
        ...(withTime ? { timeStyle: "short" } : {}),
        timeZone: "Asia/Ho_Chi_Minh",
      }),
  ).format(typeof value === "string" ? new Date(value) : value);
}
