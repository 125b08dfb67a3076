import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useChangeLanguage } from "remix-i18next/react";
import { SiteFooter, SiteHeader } from "./components/SiteChrome";
import { LOCALES, toLocale } from "../server/vocabulary/locale";
import { RESOURCES_META, type ResourceUrls } from "./i18n-config";
import { cartOwner } from "./lib/cart.server";
import { useRootData, type RootData } from "./lib/root-data";
import { useNonce } from "./lib/nonce";
import { useWithoutScripts } from "./lib/page-handle";
import styles from "./styles/app.css";
import fairAdminStyles from "./styles/fair-admin.css";
import fairsStyles from "./styles/fairs.css";
import matchingStyles from "./styles/matching.css";
import salesStyles from "./styles/sales.css";
import shopStyles from "./styles/shop.css";
import workspaceStyles from "./styles/workspace.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "stylesheet", href: shopStyles },
  { rel: "stylesheet", href: salesStyles },
  { rel: "stylesheet", href: fairsStyles },
  { rel: "stylesheet", href: fairAdminStyles },
  { rel: "stylesheet", href: matchingStyles },
  { rel: "stylesheet", href: workspaceStyles },
  { rel: "icon", href: "/favicon.ico", sizes: "32x32" },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ name: "theme-color", content: "#1f6f43" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const locale = await context.services.i18n.getLocale(request);
  const u = context.user;
  const url = new URL(request.url);
  // Revalidated after every action (fetchers included), so the header's count follows the cart.
  const cartCount = await context.services.orders.countCartUnits({ owner: cartOwner(context) });
  return json<RootData & { i18nResources: ResourceUrls }>({
    locale,
    i18nResources: context.services.i18n.clientResourceUrls(),
    path: url.pathname + url.search,
    cartCount,
    user: u
      ? {
          fullName: u.fullName,
          role: u.role,
          cooperative: u.cooperative
            ? { slug: u.cooperative.slug, name: u.cooperative.name, status: u.cooperative.status }
            : null,
        }
      : null,
  });
}

/** Without the root's data (an error page): the current words under the address that is cached briefly. */
const UNVERSIONED_RESOURCES = Object.fromEntries(
  LOCALES.map((lng) => [lng, `/locales/${lng}.json`]),
) as ResourceUrls;

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRootData();
  const resourceUrls = useRouteLoaderData<typeof loader>("root")?.i18nResources ?? UNVERSIONED_RESOURCES;
  const { i18n } = useTranslation();
  // Without the root's data (its loader failed: the database is down), the page is still in the reader's
  // language: the server renders with the instance for the language it detected, and the browser starts its own
  // from <html lang>, so an English error page stays English once hydrated.
  const locale = data?.locale ?? toLocale(i18n.language);
  const nonce = useNonce();
  const withoutScripts = useWithoutScripts();
  useChangeLanguage(locale);
  return (
    <html lang={locale} dir={i18n.dir(locale)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {/* The translations are not in the JavaScript: entry.client.tsx fetches this language's, found through the
            meta, and the preload starts that download beside the scripts'. */}
        {!withoutScripts && (
          <link rel="preload" as="fetch" crossOrigin="anonymous" href={resourceUrls[locale]} />
        )}
        <meta name={RESOURCES_META} content={JSON.stringify(resourceUrls)} />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          {i18n.t("common:skipToContent", { lng: locale })}
        </a>
        <SiteHeader />
        <main id="main" className="site-main">
          {children}
        </main>
        <SiteFooter />
        {/* A route's `handle` may ask for none (lib/page-handle.ts): its page then works as plain HTML. */}
        {!withoutScripts && (
          <>
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        )}
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

/** The last net: translated, no stack traces, a way back home. */
export function ErrorBoundary() {
  return <ErrorPage />;
}

export function ErrorPage() {
  const error = useRouteError();
  const { t } = useTranslation();
  const location = useLocation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const code =
    isRouteErrorResponse(error) && typeof error.data === "object" && error.data && "error" in error.data
      ? String((error.data as { error: { code: string } }).error.code)
      : null;
  const kind =
    status === 404
      ? "notFound"
      : status === 403
        ? "forbidden"
        : status === 429
          ? "tooMany"
          : status === 400
            ? "badRequest"
            : status === 503
              ? "unavailable"
              : "server";
  return (
    <section className="error-page container" aria-labelledby="error-title">
      <p className="error-status">{status}</p>
      <h1 id="error-title">{t(`common:errorPage.${kind}.title`)}</h1>
      <p>
        {code && t(`errors:${code}`, { defaultValue: "" })
          ? t(`errors:${code}`)
          : t(`common:errorPage.${kind}.body`)}
      </p>
      <p>
        {/* A brief outage: the same address again is the way on (a GET, so a form is not sent twice). */}
        {kind === "unavailable" && (
          <>
            <a href={location.pathname + location.search} className="button">
              {t("common:errorPage.retry")}
            </a>{" "}
          </>
        )}
        <Link to="/" className="button">
          {t("common:errorPage.home")}
        </Link>
      </p>
    </section>
  );
}
