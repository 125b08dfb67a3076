import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { lazy, Suspense, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { CooperativeLogo } from "../components/CooperativeLogo";
import { FairDates, FairStatusBadge } from "../components/FairCard";
import { FloorPlanSection, usePlanView } from "../components/BoothList";
import { PriceTag } from "../components/ProductCard";
import { ResponsivePicture } from "../components/ResponsivePicture";
import { orRespond, readForm, runIntent } from "../lib/forms.server";
import { formatDate, formatDateTime } from "../../server/vocabulary/format";
import { ErrorPage } from "../root";
import { largestJpeg } from "../../server/vocabulary/pictures";

const FairVisitForm = lazy(() => import("../components/FairVisitForm"));

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { fairs, i18n } = context.services;
  const locale = await i18n.getLocale(request);
  const url = new URL(request.url);
  const query = {
    q: url.searchParams.get("q") ?? "",
    province: url.searchParams.get("province") ?? "",
    category: url.searchParams.get("category") ?? "",
  };
  const page = await orRespond(
    fairs.getPublicFair({ slug: params.slug ?? "", query, locale, viewer: context.user }),
  );
  const user = context.user;
  const [pass, conferences] = await Promise.all([
    fairs.visitorPassOf(user, page.fair.id),
    context.services.matching.listConferencesOfFair({ fairId: page.fair.id, locale }),
  ]);
  const filtered = Boolean(page.query.q || page.query.province || page.query.category);
  return json({
    ...page,
    locale,
    origin: context.origin,
    // The booths of the exhibitors the directory's search found: picked out on the plan.
    highlight: filtered ? page.exhibitors.flatMap((e) => e.booths) : null,
    conferences: conferences.map((c) => ({ slug: c.slug, name: c.name, startsOn: c.startsOn })),
    rules: context.services.forms.rules("visitor"),
    viewer: {
      pass,
      name: user?.fullName ?? null,
      phone: user?.phone ?? null,
      // Who may book from here: an approved cooperative's member while the window is open.
      canBook: page.fair.bookingOpen && user?.cooperative?.status === "approved",
      guest: !user,
      // The booths this viewer's cooperative already has at this fair.
      mine: page.halls
        .flatMap((h) => h.booths)
        .filter((b) => b.mine)
        .map((b) => b.code),
    },
  });
}

/** "I will visit": register (or find the standing registration) and go to the pass. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const values = await readForm(request);
  const slug = params.slug ?? "";
  const outcome = await runIntent(
    values,
    values.intent === "visit"
      ? () => context.services.fairs.registerVisit(context.user, { slug, form: values })
      : null,
  );
  if (!outcome.ok) return outcome.response;
  // A new registration says so on the pass; coming back to a standing one just shows the pass.
  return redirect(
    `/fairs/${slug}/pass/${outcome.result.code}${outcome.result.created ? "?registered=1" : ""}`,
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [];
  const { fair, origin, query } = data;
  const url = `${origin}/fairs/${fair.slug}`;
  const image = fair.cover ? largestJpeg(fair.cover.sources) : undefined;
  const description = fair.description.slice(0, 200);
  const jsonLd = {
    "@context": "https://schema.org",
    "@type": "Event",
    name: fair.name,
    description: fair.description,
    startDate: fair.startsOn,
    endDate: fair.endsOn,
    eventStatus: "https://schema.org/EventScheduled",
    eventAttendanceMode: "https://schema.org/OfflineEventAttendanceMode",
    location: {
      "@type": "Place",
      name: fair.venue,
      address: {
        "@type": "PostalAddress",
        streetAddress: fair.venue,
        addressRegion: fair.province.name,
        addressCountry: "VN",
      },
    },
    organizer: { "@type": "Organization", name: fair.organiser },
    url,
    ...(image ? { image: [`${origin}${image.url}`] } : {}),
  };
  return [
    { title: `${fair.name} · HTX Connect` },
    { name: "description", content: description },
    { property: "og:title", content: fair.name },
    { property: "og:description", content: description },
    { property: "og:url", content: url },
    ...(image ? [{ property: "og:image", content: `${origin}${image.url}` }] : []),
    { tagName: "link", rel: "canonical", href: url },
    ...(query.q || query.province || query.category ? [{ name: "robots", content: "noindex, follow" }] : []),
    { "script:ld+json": jsonLd },
  ];
};

export default function FairPage() {
  const { fair, halls, viewer, locale, highlight, exhibitors } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="container section fair-page">
      <nav aria-label={t("common:breadcrumb")} className="breadcrumb">
        <Link to="/fairs">{t("fairs:list.title")}</Link> › <span>{fair.name}</span>
      </nav>
      <header className={`fair-hero${fair.cover ? " fair-hero-with-cover" : ""}`}>
        {fair.cover && (
          <div className="fair-hero-cover">
            <ResponsivePicture
              image={fair.cover}
              alt=""
              sizes="(min-width: 960px) 560px, 100vw"
              loading="eager"
            />
          </div>
        )}
        <div className="fair-hero-text">
          <p>
            <FairStatusBadge status={fair.over ? "finished" : fair.status} />
          </p>
          <h1>{fair.name}</h1>
          <dl className="fair-facts">
            <dt>{t("fairs:page.when")}</dt>
            <dd>
              <FairDates fair={fair} locale={locale} />
            </dd>
            <dt>{t("fairs:page.where")}</dt>
            <dd>
              {fair.venue}, {fair.province.name}
            </dd>
            <dt>{t("fairs:page.organiser")}</dt>
            <dd>{fair.organiser}</dd>
            <dt>{t("fairs:page.bookingWindow")}</dt>
            <dd>
              {t("fairs:page.bookingWindowValue", {
                from: formatDateTime(fair.bookingOpensAt, locale),
                to: formatDateTime(fair.bookingClosesAt, locale),
              })}
            </dd>
            <dt>{t("fairs:page.booths")}</dt>
            <dd>
              {fair.status === "open" && !fair.over
                ? t("fairs:list.availability", { count: fair.availableCount, total: fair.boothCount })
                : t("fairs:page.boothTotal", { count: fair.boothCount })}
            </dd>
          </dl>
        </div>
      </header>

      <BookingCallToAction
        slug={fair.slug}
        canBook={viewer.canBook}
        guest={viewer.guest}
        bookingOpen={fair.bookingOpen}
        mine={viewer.mine}
      />

      <VisitSection />

      <section className="fair-about" aria-labelledby="about-title">
        <h2 id="about-title">{t("fairs:page.about")}</h2>
        <p className="prose">{fair.description}</p>
      </section>

      <section className="section" aria-labelledby="plan" id="so-do">
        <h2 id="plan">{t("fairs:plan.title")}</h2>
        <p className="muted">{t("fairs:page.planHint")}</p>
        <FloorPlanSection
          halls={halls}
          mode="public"
          anchor="so-do"
          highlight={highlight ?? undefined}
          // A booked booth leads to its exhibitor in the directory below, or to its page when the search hides it.
          boothHref={(b) =>
            b.exhibitor
              ? exhibitors.some((e) => e.cooperative.id === b.exhibitor!.id)
                ? `#exhibitor-${b.exhibitor.slug}`
                : `/cooperatives/${b.exhibitor.slug}`
              : null
          }
        />
      </section>

      <ExhibitorDirectory />
    </div>
  );
}

/** What a buyer can do at the fair: say it will come (a pass with a QR code), and meet exhibitors at its conference. */
function VisitSection() {
  const { fair, viewer, conferences, rules, locale } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  if (fair.over && conferences.length === 0) return null;
  return (
    <section className="card fair-visit" aria-labelledby="visit-title">
      <h2 id="visit-title">{t("fairs:visit.title")}</h2>
      {fair.over ? null : viewer.pass ? (
        <p>
          {t("fairs:visit.registered")}{" "}
          <Link to={`/fairs/${fair.slug}/pass/${viewer.pass}`}>{t("fairs:visit.seePass")}</Link>
        </p>
      ) : (
        // The form's script comes after the page (it keeps the page within its JavaScript budget); until it does,
        // or without JavaScript, the server's form posts as a plain one.
        <Suspense fallback={null}>
          <FairVisitForm rules={rules.visitor} viewer={viewer} />
        </Suspense>
      )}
      {conferences.length > 0 && (
        <div className="fair-conferences">
          <h3>{t("fairs:visit.conferenceTitle")}</h3>
          <ul>
            {conferences.map((c) => (
              <li key={c.slug}>
                <Link to={`/conferences/${c.slug}`}>{c.name}</Link>{" "}
                <span className="muted">· {formatDate(c.startsOn, locale)}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

function BookingCallToAction({
  slug,
  canBook,
  guest,
  bookingOpen,
  mine,
}: {
  slug: string;
  canBook: boolean;
  guest: boolean;
  bookingOpen: boolean;
  mine: string[];
}) {
  const { t } = useTranslation();
  if (!bookingOpen) return null;
  const bookPath = `/cooperative/fairs/${slug}`;
  if (canBook)
    return (
      <aside className="card fair-cta" aria-labelledby="cta-title">
        <div>
          <h2 id="cta-title">{t("fairs:page.cta.title")}</h2>
          <p>
            {mine.length > 0
              ? t("fairs:page.cta.mine", { count: mine.length, booths: mine.join(", ") })
              : t("fairs:page.cta.body")}
          </p>
        </div>
        <Link to={bookPath} className="button">
          {t(mine.length > 0 ? "fairs:page.cta.manage" : "fairs:page.cta.action")}
        </Link>
      </aside>
    );
  if (guest)
    return (
      <p className="notice fair-cta-guest">
        {t("fairs:page.cta.guest")}{" "}
        <Link to={`/login?redirectTo=${encodeURIComponent(bookPath)}`}>{t("fairs:page.cta.login")}</Link>
      </p>
    );
  return null;
}

function ExhibitorDirectory() {
  const { exhibitors, exhibitorTotal, facets, query, locale, fair } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const view = usePlanView();
  const busy = useNavigation().state === "loading";
  const filtered = Boolean(query.q || query.province || query.category);
  const submit = useSubmit();
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => () => clearTimeout(timer.current), []);
  const provinces = [...facets.provinces].sort((a, b) => a.name.localeCompare(b.name, "vi"));
  const categories = facets.categories
    .map((c) => ({ value: c, label: t(`cooperatives:sector.${c}`) }))
    .sort((a, b) => a.label.localeCompare(b.label, locale));
  return (
    <section className="section exhibitor-directory" aria-labelledby="exhibitors-title" id="exhibitors">
      <h2 id="exhibitors-title">{t("fairs:directory.title")}</h2>
      {exhibitorTotal === 0 ? (
        <p className="empty">{t("fairs:directory.none")}</p>
      ) : (
        <>
          <Form
            method="get"
            action={`/fairs/${fair.slug}#exhibitors`}
            className="filter-bar exhibitor-filters"
            role="search"
            aria-label={t("fairs:directory.searchLabel")}
            preventScrollReset
            // As the visitor types, the list narrows and the plan picks the booths out (a pause, then one search).
            // Sent by its button or left by "clear", the form's pending search is dropped: it would undo either.
            onSubmit={() => clearTimeout(timer.current)}
            onChange={(e) => {
              const form = e.currentTarget;
              clearTimeout(timer.current);
              timer.current = setTimeout(
                () => submit(form, { replace: true, preventScrollReset: true }),
                (e.target as HTMLElement).tagName === "SELECT" ? 0 : 350,
              );
            }}
          >
            {view === "list" && <input type="hidden" name="view" value="list" />}
            <div className="field">
              <label htmlFor="exhibitor-q">{t("fairs:directory.q")}</label>
              <input
                id="exhibitor-q"
                name="q"
                type="search"
                defaultValue={query.q ?? ""}
                placeholder={t("fairs:directory.qPlaceholder")}
                maxLength={100}
              />
            </div>
            <div className="field">
              <label htmlFor="exhibitor-province">{t("fairs:directory.province")}</label>
              <select id="exhibitor-province" name="province" defaultValue={query.province ?? ""}>
                <option value="">{t("fairs:directory.allProvinces")}</option>
                {provinces.map((p) => (
                  <option key={p.code} value={p.code}>
                    {p.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="exhibitor-category">{t("fairs:directory.category")}</label>
              <select id="exhibitor-category" name="category" defaultValue={query.category ?? ""}>
                <option value="">{t("fairs:directory.allCategories")}</option>
                {categories.map((c) => (
                  <option key={c.value} value={c.value}>
                    {c.label}
                  </option>
                ))}
              </select>
            </div>
            <div className="exhibitor-filter-actions">
              <button type="submit" className="button">
                {t("fairs:directory.filter")}
              </button>
              {filtered && (
                <Link
                  to={`/fairs/${fair.slug}${view === "list" ? "?view=list" : ""}#exhibitors`}
                  preventScrollReset
                  onClick={() => clearTimeout(timer.current)}
                >
                  {t("fairs:directory.clear")}
                </Link>
              )}
            </div>
          </Form>
          <p className="muted" role="status" aria-busy={busy}>
            {filtered
              ? t("fairs:directory.found", { count: exhibitors.length, total: exhibitorTotal })
              : t("fairs:directory.total", { count: exhibitorTotal })}
          </p>
          {exhibitors.length === 0 ? (
            <p className="empty">{t("fairs:directory.noMatch")}</p>
          ) : (
            <ul className="exhibitor-list">
              {exhibitors.map((e) => (
                <li key={e.cooperative.id} className="card exhibitor" id={`exhibitor-${e.cooperative.slug}`}>
                  <div className="exhibitor-head">
                    <CooperativeLogo name={e.cooperative.name} logoUrl={e.cooperative.logoUrl} size={48} />
                    <div>
                      <h3>
                        <Link to={`/cooperatives/${e.cooperative.slug}`}>{e.cooperative.name}</Link>
                      </h3>
                      <p className="muted">
                        {e.province.name}
                        {" · "}
                        <strong className="exhibitor-booths">
                          {e.booths.map((code, i) => (
                            <span key={code}>
                              {i > 0 && ", "}
                              {/* A plain anchor: the browser scrolls to the booth and marks it :target. */}
                              <a href={`#booth-${code}`} className="exhibitor-booth-link">
                                {t("fairs:directory.boothLink", { code })}
                              </a>
                            </span>
                          ))}
                        </strong>
                      </p>
                    </div>
                  </div>
                  {e.products.length > 0 ? (
                    <>
                      <h4 className="visually-hidden">
                        {t("fairs:directory.productsOf", { name: e.cooperative.name })}
                      </h4>
                      <ul className="exhibitor-products">
                        {e.products.map((p) => (
                          <li key={p.id}>
                            <Link to={`/products/${p.slug}`} className="exhibitor-product">
                              <span className="exhibitor-product-image">
                                {p.image ? (
                                  <ResponsivePicture image={p.image} alt="" sizes="72px" />
                                ) : (
                                  <span className="exhibitor-product-noimage" aria-hidden="true" />
                                )}
                              </span>
                              <span className="exhibitor-product-text">
                                <span className="exhibitor-product-name">{p.name}</span>
                                <PriceTag priceVnd={p.priceVnd} unit={p.unit} locale={locale} />
                              </span>
                            </Link>
                          </li>
                        ))}
                      </ul>
                    </>
                  ) : (
                    <p className="muted small">{t("fairs:directory.noProducts")}</p>
                  )}
                  <p className="exhibitor-links">
                    <Link to={`/products?cooperative=${e.cooperative.slug}`}>
                      {t("fairs:directory.catalogue", { name: e.cooperative.name })}
                    </Link>
                  </p>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
