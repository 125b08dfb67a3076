import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams, useSubmit } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Pagination } from "../components/Pagination";
import { ProductCard } from "../components/ProductCard";
import { CATEGORIES, CERTIFICATIONS } from "../../server/vocabulary/domain";
import { orRespond } from "../lib/forms.server";
import { formatNumber } from "../../server/vocabulary/format";
import { provinceByCode } from "../../server/vocabulary/geo";
import { toggleParam } from "../lib/url-state";
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

export default function Catalogue() {
  const { hits, total, page, perPage, facets, query, degraded, locale, title } =
    useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const submit = useSubmit();
  const count = (n: number | undefined) => (facets ? (n ?? 0) : undefined);
  const hasFilters = ["category", "province", "ocop_min", "certification", "price", "in_stock"].some((k) =>
    params.get(k),
  );
  const provinces = facets
    ? Object.entries(facets.province)
        .map(([code, n]) => ({ code, n, name: provinceByCode(code)?.name ?? code }))
        .sort((a, b) => a.name.localeCompare(b.name, "vi"))
    : query.province
      ? [{ code: query.province, n: 0, name: provinceByCode(query.province)?.name ?? query.province }]
      : [];
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
        <aside className="facets" aria-label={t("catalogue:list.filters")}>
          <h2 className="visually-hidden">{t("catalogue:list.filters")}</h2>
          {hasFilters && (
            <p>
              <Link to={`?${new URLSearchParams(query.q ? { q: query.q } : {}).toString()}`}>
                {t("catalogue:list.clearAll")}
              </Link>
            </p>
          )}
          <FacetGroup title={t("catalogue:facet.category")}>
            {CATEGORIES.filter((c) => !facets || facets.category[c] || query.category === c).map((c) => (
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
            {(["5", "4", "3"] as const).map((s) => (
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
            {CERTIFICATIONS.filter(
              (c) => !facets || facets.certification[c] || query.certification === c,
            ).map((c) => (
              <FacetLink
                key={c}
                to={toggleParam(params, "certification", c)}
                active={query.certification === c}
                label={t(`catalogue:certification.${c}`)}
                count={count(facets?.certification[c])}
              />
            ))}
          </FacetGroup>
          <FacetGroup title={t("catalogue:facet.price")}>
            {PRICE_KEYS.map((k) => (
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
            <FacetLink
              to={toggleParam(params, "in_stock", "1")}
              active={!!query.in_stock}
              label={
                facets
                  ? t("catalogue:facet.inStockCount", { count: facets.inStock })
                  : t("catalogue:facet.inStock")
              }
            />
          </FacetGroup>
        </aside>
        <div className="results">
          <div className="result-line">
            <p aria-live="polite">
              {t("catalogue:list.count", { count: total, formatted: formatNumber(total, locale) })}
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

export function ErrorBoundary() {
  return <ErrorPage />;
}
