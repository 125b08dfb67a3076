import { createCookie } from "@remix-run/node";
import i18next, { type i18n as I18nInstance, type TFunction } from "i18next";
import { RemixI18Next } from "remix-i18next/server";
import { i18nConfig, resources } from "../../app/i18n";
import { isLocale, type Locale } from "../vocabulary/locale";

export interface I18n {
  /** The initialised instance for a language, shared by all requests (never changeLanguage on it). */
  instance(locale: Locale): I18nInstance;
  t(locale: Locale): TFunction;
  getLocale(request: Request): Promise<Locale>;
  localeCookie: ReturnType<typeof createCookie>;
}

export { isLocale };
/** The translation resources, for server code that prints words outside a request (PDF documents). */
export { resources };

/**
 * One initialised i18next instance per language, reused across requests: creating and initialising one per
 * request costs more than half of a simple page's throughput (measured, see shared/STACK.md).
 */
export function createI18n(options: { secureCookie: boolean }): I18n {
  const instances = new Map<string, I18nInstance>();
  for (const lng of i18nConfig.supportedLngs) {
    const instance = i18next.createInstance();
    void instance.init({ ...i18nConfig, lng, resources, initImmediate: false });
    instances.set(lng, instance);
  }
  const localeCookie = createCookie("lng", {
    path: "/",
    sameSite: "lax",
    httpOnly: true,
    secure: options.secureCookie,
    maxAge: 60 * 60 * 24 * 365,
  });
  const detector = new RemixI18Next({
    detection: {
      supportedLanguages: [...i18nConfig.supportedLngs],
      fallbackLanguage: i18nConfig.fallbackLng,
      cookie: localeCookie,
      order: ["searchParams", "cookie", "header"],
    },
  });
  const instance = (locale: Locale) => instances.get(locale) ?? instances.get(i18nConfig.fallbackLng)!;
  return {
    instance,
    t: (locale) => instance(locale).t,
    async getLocale(request) {
      const found = await detector.getLocale(request);
      return isLocale(found) ? found : i18nConfig.fallbackLng;
    },
    localeCookie,
  };
}
