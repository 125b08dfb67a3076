import { RemixBrowser } from "@remix-run/react";
import i18next, { type BackendModule, type ResourceLanguage } from "i18next";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { toLocale } from "../server/vocabulary/locale";
import { baseI18nConfig, RESOURCES_META, type ResourceUrls } from "./i18n-config";

/** Each language's resources address, as the document names it (root.tsx); unversioned if it names none. */
function resourcesUrl(lng: string): string {
  try {
    const content = document.querySelector(`meta[name="${RESOURCES_META}"]`)?.getAttribute("content");
    const url = content ? (JSON.parse(content) as Partial<ResourceUrls>)[toLocale(lng)] : undefined;
    if (url) return url;
  } catch {
    // A page without the meta (or a broken one) still has the current words at the plain address.
  }
  return `/locales/${toLocale(lng)}.json`;
}

const loading = new Map<string, Promise<ResourceLanguage>>();
/** One language's resources, fetched once: the document's preload answers the first fetch. */
function loadResources(lng: string): Promise<ResourceLanguage> {
  let resources = loading.get(lng);
  if (!resources) {
    const url = resourcesUrl(lng);
    resources = fetch(url).then(async (res) => {
      if (!res.ok) throw new Error(`${url}: ${res.status}`);
      return (await res.json()) as ResourceLanguage;
    });
    // A failure is not kept: the next switch to that language tries again.
    resources.catch(() => loading.delete(lng));
    loading.set(lng, resources);
  }
  return resources;
}

/**
 * The other language, when the page switches to it (root.tsx's useChangeLanguage). i18next keeps the current
 * language until its resources have come, and falls back to the first language (always loaded) if they never
 * do: no key is ever shown bare.
 */
const documentBackend: BackendModule = {
  type: "backend",
  init() {},
  read(lng, ns, callback) {
    loadResources(lng).then(
      (resources) => callback(null, resources[ns] ?? {}),
      (error: Error) => callback(error, false),
    );
  },
};

async function hydrate() {
  const lng = toLocale(document.documentElement.lang);
  let resources: ResourceLanguage;
  try {
    resources = await loadResources(lng);
  } catch (error) {
    // Hydrating without the words would put bare keys over the server's page. Left as the server rendered it,
    // the page still works: links and forms need no JavaScript.
    console.error("Translations unavailable: the page stays as the server rendered it.", error);
    return;
  }
  await i18next
    .use(documentBackend)
    .use(initReactI18next)
    .init({
      ...baseI18nConfig,
      lng,
      // Not Vietnamese as on the server: both languages have the same keys (tests/unit/i18n.test.ts), and an
      // English page would otherwise download the Vietnamese words as well.
      fallbackLng: lng,
      ns: Object.keys(resources),
      resources: { [lng]: resources },
      // The other language comes from the backend, when asked for.
      partialBundledLanguages: true,
    });
  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18next}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </I18nextProvider>,
    );
  });
}

void hydrate();
