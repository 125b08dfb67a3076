import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams, useSubmit } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DemandCard } from "../components/DemandCard";
import { Pagination } from "../components/Pagination";
import { DEMAND_BOARD_PAGE_SIZE } from "../lib/demands.server";
import { orRespond } from "../lib/forms.server";
import { formatNumber } from "../../server/vocabulary/format";
import { provinceByCode } from "../../server/vocabulary/geo";
import { ErrorPage } from "../root";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { matching, i18n } = context.services;
  const locale = await i18n.getLocale(request);
  const url = new URL(request.url);
  const params = Object.fromEntries(url.searchParams);
  delete params.lng;
  const result = await orRespond(matching.searchDemandBoard({ query: params, locale }));
  const t = i18n.t(locale);
  const role = context.user?.role ?? null;
  return json({
    ...result,
    locale,
    perPage: DEMAND_BOARD_PAGE_SIZE,
    // Buyers post; a guest is asked to sign in first and comes back to the form.
    postLink:
      role === "buyer"
        ? "/account/demands/new"
        : role === null
          ? `/login?redirectTo=${encodeURIComponent("/account/demands/new")}`
          : null,
    title: result.query.q ? t("demands:board.titleFor", { q: result.query.q }) : t("demands:board.title"),
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
  ...(data?.query.q || (data?.page ?? 1) > 1 ? [{ name: "robots", content: "noindex, follow" }] : []),
];

export default function DemandBoard() {
  const { hits, total, page, perPage, facets, query, locale, title, postLink } =
    useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const submit = useSubmit();
  const provinceName = (code: string) => provinceByCode(code)?.name ?? code;
  const provinces = facets.province
    .map((p) => ({ ...p, name: provinceName(p.value) }))
    .sort((a, b) => a.name.localeCompare(b.name, "vi"));
  // A chosen filter stays in its list even when nothing matches it any more, so it can be seen and undone.
  if (query.province && !provinces.some((p) => p.value === query.province))
    provinces.unshift({ value: query.province, count: 0, name: provinceName(query.province) });
  const categories = [...facets.category];
  if (query.category && !categories.some((c) => c.value === query.category))
    categories.unshift({ value: query.category, count: 0 });
  const filtered = Boolean(query.q || query.category || query.province);
  const without = (key: string) => {
    const p = new URLSearchParams(params);
    p.delete(key);
    p.delete("page");
    const qs = p.toString();
    return `/demands${qs ? `?${qs}` : ""}`;
  };
  return (
    <div className="container section">
      <div className="result-line">
        <h1>{title}</h1>
        {postLink && (
          <Link to={postLink} className="button">
            {t("demands:post")}
          </Link>
        )}
      </div>
      <p className="lead">{t("demands:board.lead")}</p>
      <Form
        method="get"
        className="filter-bar"
        role="search"
        onChange={(e) => submit(e.currentTarget, { replace: true })}
      >
        <div className="field">
          <label htmlFor="demand-q">{t("demands:board.searchLabel")}</label>
          <input
            id="demand-q"
            name="q"
            type="search"
            defaultValue={query.q ?? ""}
            placeholder={t("demands:board.searchPlaceholder")}
          />
        </div>
        <div className="field">
          <label htmlFor="category">{t("demands:board.category")}</label>
          <select id="category" name="category" defaultValue={query.category ?? ""}>
            <option value="">{t("demands:board.allCategories")}</option>
            {categories.map((c) => (
              <option key={c.value} value={c.value}>
                {`${t(`cooperatives:sector.${c.value}`)} (${formatNumber(c.count, locale)})`}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="province">{t("demands:board.province")}</label>
          <select id="province" name="province" defaultValue={query.province ?? ""}>
            <option value="">{t("demands:board.allProvinces")}</option>
            {provinces.map((p) => (
              <option key={p.value} value={p.value}>
                {`${p.name} (${formatNumber(p.count, locale)})`}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {t("common:filter")}
        </button>
      </Form>
      <div className="result-line" aria-live="polite">
        <p>{t("demands:board.count", { count: total })}</p>
        {filtered && (
          <ul className="active-filters">
            {query.q && (
              <li>
                <Link to={without("q")} aria-label={t("common:removeFilter", { filter: query.q })}>
                  “{query.q}” ×
                </Link>
              </li>
            )}
            {query.category && (
              <li>
                <Link
                  to={without("category")}
                  aria-label={t("common:removeFilter", {
                    filter: t(`cooperatives:sector.${query.category}`),
                  })}
                >
                  {t(`cooperatives:sector.${query.category}`)} ×
                </Link>
              </li>
            )}
            {query.province && (
              <li>
                <Link
                  to={without("province")}
                  aria-label={t("common:removeFilter", { filter: provinceName(query.province) })}
                >
                  {provinceName(query.province)} ×
                </Link>
              </li>
            )}
          </ul>
        )}
      </div>
      {hits.length === 0 ? (
        <div className="empty">
          <p>{filtered ? t("demands:board.emptyFiltered") : t("demands:board.empty")}</p>
          {filtered && (
            <p>
              <Link to="/demands">{t("demands:board.clearAll")}</Link>
            </p>
          )}
        </div>
      ) : (
        <div className="card-grid">
          {hits.map((d) => (
            <DemandCard key={d.publicId} demand={d} locale={locale} />
          ))}
        </div>
      )}
      <Pagination page={page} perPage={perPage} total={total} />
      {postLink?.startsWith("/login") && <p className="muted small">{t("demands:board.loginToPost")}</p>}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
