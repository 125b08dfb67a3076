import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams, useSubmit } from "@remix-run/react";
import { Children, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Pagination } from "../components/Pagination";
import { ProductCard } from "../components/ProductCard";
import { CATEGORIES, CERTIFICATIONS } from "../../server/vocabulary/domain";
import { orRespond } from "../lib/forms.server";
import { formatNumber } from "../../server/vocabulary/format";
import { provinceByCode } from "../../server/vocabulary/geo";
import { toggleParam, withParam } from "../lib/url-state";
import { ErrorPage } from "../root";

const PRICE_KEYS = ["lt50k", "50k-100k", "100k-200k", "200k-500k", "gte500k"] as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { catalogue, i18n } = context.services;
  const locale = await i18n.getLocale(request);
  const url = new URL(request.url);
  const params = Object.fromEntries(url.searchParams);
  delete params.lng;
  const result = await orRespond(catalogue.searchProducts({ query: params, locale }));
  const t = i18n.t(locale);
  return json({
    ...result,
    locale,
    title: result.query.q ? t("catalogue:list.titleFor", { q: result.query.q }) : t("catalogue:list.title"),
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
  ...(data?.query.q || (data?.page ?? 1) > 1 ? [{ name: "robots", content: "noindex, follow" }] : []),
];

function FacetGroup({ title, children }: { title: string; children: React.ReactNode }) {
  // A group with nothing to choose is not shown at all.
  if (Children.toArray(children).length === 0) return null;
  return (
    <section className="facet">
      <h3>{title}</h3>
      <ul>{children}</ul>
    </section>
  );
}

function FacetLink({
  to,
  active,
  label,
  count,
}: {
  to: string;
  active: boolean;
  label: string;
  count?: number;
}) {
  return (
    <li>
      <Link
        to={to}
        aria-current={active ? "true" : undefined}
        className={active ? "facet-active" : undefined}
        preventScrollReset
      >
        <span className="facet-check" aria-hidden="true">
          {active ? "☑" : "☐"}
        </span>{" "}
        {label}
        {count !== undefined && <span className="facet-count"> ({count})</span>}
      </Link>
    </li>
  );
}

/** The URL parameters that filter (the query, sort and page do not). */
const FILTERS = ["category", "province", "ocop_min", "certification", "price", "in_stock"] as const;
type Filter = (typeof FILTERS)[number];

export default function Catalogue() {
  const { hits, total, page, perPage, facets, query, degraded, locale, title } =
    useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const submit = useSubmit();
  const drawer = useFilterDrawer();
  const count = (n: number | undefined) => (facets ? (n ?? 0) : undefined);
  // An option nobody can pick (no product would remain) is left out, unless it is the one chosen.
  const offered = (n: number | undefined, active: boolean) => active || !facets || (n ?? 0) > 0;
  const active = FILTERS.flatMap((key) => {
    const value = params.get(key);
    return value ? [{ key, value }] : [];
  });
  const filterLabel = (key: Filter, value: string) => {
    switch (key) {
      case "category":
        return t(`cooperatives:sector.${value}`);
      case "province":
        return provinceByCode(value)?.name ?? value;
      case "ocop_min":
        return t("catalogue:facet.ocopMin", { stars: value });
      case "certification":
        return t(`catalogue:certification.${value}`);
      case "price":
        return t(`catalogue:price.${value}`);
      case "in_stock":
        return t("catalogue:facet.inStock");
    }
  };
  const provinces = facets
    ? Object.entries(facets.province)
        .filter(([code, n]) => offered(n, query.province === code))
        .map(([code, n]) => ({ code, n, name: provinceByCode(code)?.name ?? code }))
        .sort((a, b) => a.name.localeCompare(b.name, "vi"))
    : query.province
      ? [{ code: query.province, n: 0, name: provinceByCode(query.province)?.name ?? query.province }]
      : [];
  const totalText = t("catalogue:list.count", { count: total, formatted: formatNumber(total, locale) });
  return (
    <div className="container section">
      <h1>{title}</h1>
      {!query.q && <p className="lead">{t("catalogue:list.lead")}</p>}
      {degraded && (
        <p className="notice notice-pending" role="status">
          {t("catalogue:list.degraded")}
        </p>
      )}
      <div className="catalogue">
        <aside
          id="filters"
          ref={drawer.ref}
          className={`facets${drawer.open ? " is-open" : ""}`}
          aria-labelledby="filters-title"
          onKeyDown={drawer.onKeyDown}
        >
          <div className="drawer-head">
            <h2 id="filters-title" tabIndex={-1}>
              {t("catalogue:list.filters")}
            </h2>
            {/* On a phone the filters are a drawer over the results: this closes it (without scripts, the
                drawer is the #filters target and this link leaves it). */}
            <a href="#results" className="button button-small drawer-close" onClick={drawer.close}>
              {t("catalogue:list.showResults", { count: total, formatted: formatNumber(total, locale) })}
            </a>
          </div>
          {active.length > 0 && (
            <p>
              <Link
                to={`?${new URLSearchParams(query.q ? { q: query.q } : {}).toString()}`}
                preventScrollReset
              >
                {t("catalogue:list.clearAll")}
              </Link>
            </p>
          )}
          <FacetGroup title={t("catalogue:facet.category")}>
            {CATEGORIES.filter((c) => offered(facets?.category[c], query.category === c)).map((c) => (
              <FacetLink
                key={c}
                to={toggleParam(params, "category", c)}
                active={query.category === c}
                label={t(`cooperatives:sector.${c}`)}
                count={count(facets?.category[c])}
              />
            ))}
          </FacetGroup>
          <FacetGroup title={t("catalogue:facet.province")}>
            {provinces.map((p) => (
              <FacetLink
                key={p.code}
                to={toggleParam(params, "province", p.code)}
                active={query.province === p.code}
                label={p.name}
                count={count(p.n)}
              />
            ))}
          </FacetGroup>
          <FacetGroup title={t("catalogue:facet.ocop")}>
            {(["5", "4", "3"] as const)
              .filter((s) => offered(facets?.ocopMin[s], String(query.ocop_min ?? "") === s))
              .map((s) => (
                <FacetLink
                  key={s}
                  to={toggleParam(params, "ocop_min", s)}
                  active={String(query.ocop_min ?? "") === s}
                  label={t("catalogue:facet.ocopMin", { stars: s })}
                  count={count(facets?.ocopMin[s])}
                />
              ))}
          </FacetGroup>
          <FacetGroup title={t("catalogue:facet.certification")}>
            {CERTIFICATIONS.filter((c) => offered(facets?.certification[c], query.certification === c)).map(
              (c) => (
                <FacetLink
                  key={c}
                  to={toggleParam(params, "certification", c)}
                  active={query.certification === c}
                  label={t(`catalogue:certification.${c}`)}
                  count={count(facets?.certification[c])}
                />
              ),
            )}
          </FacetGroup>
          <FacetGroup title={t("catalogue:facet.price")}>
            {PRICE_KEYS.filter((k) => offered(facets?.price[k], query.price === k)).map((k) => (
              <FacetLink
                key={k}
                to={toggleParam(params, "price", k)}
                active={query.price === k}
                label={t(`catalogue:price.${k}`)}
                count={count(facets?.price[k])}
              />
            ))}
          </FacetGroup>
          <FacetGroup title={t("catalogue:facet.inStock")}>
            {offered(facets?.inStock, !!query.in_stock) && (
              <FacetLink
                to={toggleParam(params, "in_stock", "1")}
                active={!!query.in_stock}
                label={
                  facets
                    ? t("catalogue:facet.inStockCount", { count: facets.inStock })
                    : t("catalogue:facet.inStock")
                }
              />
            )}
          </FacetGroup>
        </aside>
        <div className="results" id="results">
          <div className="result-bar">
            <a
              href="#filters"
              className="button button-secondary button-small filter-toggle"
              aria-controls="filters"
              aria-expanded={drawer.open}
              onClick={drawer.show}
            >
              {active.length > 0
                ? t("catalogue:list.filterCount", { count: active.length })
                : t("catalogue:list.filter")}
            </a>
            <p aria-live="polite" className="result-count">
              {totalText}
            </p>
            <Form
              method="get"
              className="sort-form"
              onChange={(e) => submit(e.currentTarget, { preventScrollReset: true })}
            >
              {[...params.entries()]
                .filter(([k]) => k !== "sort" && k !== "page")
                .map(([k, v]) => (
                  <input key={k} type="hidden" name={k} value={v} />
                ))}
              <label htmlFor="sort">{t("catalogue:sort.label")}</label>{" "}
              <select
                id="sort"
                name="sort"
                // Keyed on the value: after Back/Forward the select shows the sort of the URL, not the last choice.
                key={query.sort ?? (query.q ? "relevance" : "newest")}
                defaultValue={query.sort ?? (query.q ? "relevance" : "newest")}
              >
                {(query.q
                  ? (["relevance", "price_asc", "price_desc", "newest"] as const)
                  : (["newest", "price_asc", "price_desc"] as const)
                ).map((s) => (
                  <option key={s} value={s}>
                    {t(`catalogue:sort.${s}`)}
                  </option>
                ))}
              </select>{" "}
              <noscript>
                <button type="submit" className="button button-small">
                  {t("catalogue:list.apply")}
                </button>
              </noscript>
            </Form>
          </div>
          {active.length > 0 && (
            <ul className="active-filters catalogue-chips" aria-label={t("catalogue:list.activeFilters")}>
              {active.map(({ key, value }) => (
                <li key={key}>
                  <Link
                    to={withParam(params, key, null)}
                    preventScrollReset
                    aria-label={t("common:removeFilter", { filter: filterLabel(key, value) })}
                  >
                    {filterLabel(key, value)} <span aria-hidden="true">×</span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
          {hits.length === 0 ? (
            <p className="empty">{t("catalogue:list.empty")}</p>
          ) : (
            <div className="card-grid product-grid">
              {hits.map((p, i) => (
                <ProductCard key={p.id} product={p} locale={locale} eager={i < 4} />
              ))}
            </div>
          )}
          <Pagination page={page} perPage={perPage} total={total} />
        </div>
      </div>
    </div>
  );
}

/**
 * The filters as a drawer on a phone (CSS shows them as a sidebar on wider screens, where `open` changes
 * nothing). Opening moves focus into it; Escape or "show results" closes it and gives focus back to the button.
 * Picking a filter keeps it open and the page where it was (the links use preventScrollReset).
 */
function useFilterDrawer() {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  useEffect(() => {
    document.documentElement.classList.toggle("drawer-open", open);
    if (open) ref.current?.querySelector<HTMLElement>("#filters-title")?.focus();
    else opener.current?.focus();
    return () => document.documentElement.classList.remove("drawer-open");
  }, [open]);
  return {
    open,
    ref,
    show(event: React.MouseEvent<HTMLElement>) {
      event.preventDefault();
      opener.current = event.currentTarget;
      setOpen(true);
    },
    close(event: React.MouseEvent) {
      event.preventDefault();
      setOpen(false);
    },
    onKeyDown(event: React.KeyboardEvent) {
      if (event.key === "Escape" && open) setOpen(false);
    },
  };
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
