import { DEFAULT_LOCALE, LOCALES, type Locale } from "../server/vocabulary/locale";

/**
 * The i18next options the server and the browser share. Browser-safe: it imports no translations, so the client
 * bundle stays free of them (the browser fetches its language's resources as a document: entry.client.tsx).
 */
export const baseI18nConfig = {
  supportedLngs: LOCALES,
  fallbackLng: DEFAULT_LOCALE,
  defaultNS: "common",
  interpolation: { escapeValue: false },
  returnNull: false,
};

/** Where the browser finds the resources of each language (the root loader's, written into the document's head). */
export type ResourceUrls = Record<Locale, string>;

/** The <meta name> under which the document gives the entry those addresses (as JSON). */
export const RESOURCES_META = "i18n-resources";
