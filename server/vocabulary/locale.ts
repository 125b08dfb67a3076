/** The site's languages, Vietnamese first: what pages, mails and stored preferences may be in. */
export const LOCALES = ["vi", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "vi";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** BCP 47 tag for Intl formatting. */
export function intlLocale(locale: string): string {
  return locale === "en" ? "en-GB" : "vi-VN";
}
