import { createHash } from "node:crypto";
import { createCookie } from "@remix-run/node";
import i18next, { type i18n as I18nInstance, type TFunction } from "i18next";
import { RemixI18Next } from "remix-i18next/server";
import { i18nConfig, resources, type Namespace, type ResourceUrls } from "../../app/i18n";
import { isLocale, LOCALES, type Locale } from "../vocabulary/locale";

/** Namespaces only the server prints (e-mails, the agenda PDF): the browser is never sent them. */
export const SERVER_ONLY_NAMESPACES = ["agenda", "notifications"] as const satisfies readonly Namespace[];

/** One language's resources as the browser downloads them (app/routes/locales.$lng[.]json.ts). */
export interface ClientResources {
  /** The JSON document: every namespace but the server-only ones, serialised once per process. */
  json: string;
  /** A hash of `json`: the address changes when the words do, so a browser may keep a copy for good. */
  version: string;
  /** /locales/<lng>.json?v=<version> */
  url: string;
}

export interface I18n {
  /** The initialised instance for a language, shared by all requests (never changeLanguage on it). */
  instance(locale: Locale): I18nInstance;
  t(locale: Locale): TFunction;
  getLocale(request: Request): Promise<Locale>;
  localeCookie: ReturnType<typeof createCookie>;
  /**
   * The language a GET names in `?lng=` (a link from outside, an hreflang alternate), with the Set-Cookie that
   * remembers it as the header's switch does (null when the `lng` cookie already holds it), so that the next page
   * stays in it. Null when the address names no language.
   */
  requestedLocale(request: Request): Promise<{ locale: Locale; setCookie: string | null } | null>;
  /** What the browser loads for a language instead of bundling the translations. */
  clientResources(locale: Locale): ClientResources;
  /** The address of each language's ClientResources, for the document's head. */
  clientResourceUrls(): ResourceUrls;
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
  const forBrowser = new Map<Locale, ClientResources>();
  const clientResources = (locale: Locale) => {
    let found = forBrowser.get(locale);
    if (!found) {
      const json = JSON.stringify(
        Object.fromEntries(
          Object.entries(resources[locale]).filter(
            ([ns]) => !(SERVER_ONLY_NAMESPACES as readonly string[]).includes(ns),
          ),
        ),
      );
      const version = createHash("sha256").update(json).digest("base64url").slice(0, 16);
      found = { json, version, url: `/locales/${locale}.json?v=${version}` };
      forBrowser.set(locale, found);
    }
    return found;
  };
  const localeOfRequest = new WeakMap<Request, Promise<Locale>>();
  return {
    instance,
    t: (locale) => instance(locale).t,
    // The root loader, the page's loader and the document's render each ask for one request's language.
    getLocale(request) {
      let locale = localeOfRequest.get(request);
      if (!locale) {
        locale = detector
          .getLocale(request)
          .then((found) => (isLocale(found) ? found : i18nConfig.fallbackLng));
        localeOfRequest.set(request, locale);
      }
      return locale;
    },
    localeCookie,
    async requestedLocale(request) {
      if (request.method !== "GET" && request.method !== "HEAD") return null;
      const asked = new URL(request.url).searchParams.get("lng");
      if (!isLocale(asked)) return null;
      const kept: unknown = await localeCookie.parse(request.headers.get("Cookie"));
      return { locale: asked, setCookie: kept === asked ? null : await localeCookie.serialize(asked) };
    },
    clientResources,
    clientResourceUrls: () =>
      Object.fromEntries(LOCALES.map((locale) => [locale, clientResources(locale).url])) as ResourceUrls,
  };
}
