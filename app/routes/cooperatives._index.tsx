import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams, useSubmit } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CooperativeCard } from "../components/CooperativeCard";
import { Pagination } from "../components/Pagination";
import { orRespond } from "../lib/forms.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { cooperatives, i18n } = context.services;
  const locale = await i18n.getLocale(request);
  const url = new URL(request.url);
  const result = await orRespond(
    cooperatives.listDirectory({ query: Object.fromEntries(url.searchParams), locale }),
  );
  return json({ ...result, title: i18n.t(locale)("cooperatives:directory.title") });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
];

export default function Directory() {
  const { items, total, page, perPage, facets, query } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const submit = useSubmit();
  const without = (key: string) => {
    const p = new URLSearchParams(params);
    p.delete(key);
    p.delete("page");
    const qs = p.toString();
    return `/cooperatives${qs ? `?${qs}` : ""}`;
  };
  return (
    <div className="container section">
      <h1>{t("cooperatives:directory.title")}</h1>
      <p className="lead">{t("cooperatives:directory.lead")}</p>
      <Form
        method="get"
        className="filter-bar"
        role="search"
        onChange={(e) => submit(e.currentTarget, { replace: true })}
      >
        <div className="field">
          <label htmlFor="q">{t("cooperatives:directory.searchLabel")}</label>
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={query.q ?? ""}
            placeholder={t("cooperatives:directory.searchPlaceholder")}
          />
        </div>
        <div className="field">
          <label htmlFor="province">{t("cooperatives:fields.province")}</label>
          <select id="province" name="province" defaultValue={query.province ?? ""}>
            <option value="">{t("cooperatives:directory.allProvinces")}</option>
            {facets.provinces.map((p) => (
              <option key={p.code} value={p.code}>
                {p.name} ({p.count})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="sector">{t("cooperatives:fields.sector")}</label>
          <select id="sector" name="sector" defaultValue={query.sector ?? ""}>
            <option value="">{t("cooperatives:directory.allSectors")}</option>
            {facets.sectors.map((s) => (
              <option key={s.sector} value={s.sector}>
                {t(`cooperatives:sector.${s.sector}`)} ({s.count})
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {t("common:filter")}
        </button>
      </Form>

      <div className="result-line" aria-live="polite">
        <p>{t("cooperatives:directory.count", { count: total })}</p>
        {(query.q || query.province || query.sector) && (
          <ul className="active-filters">
            {query.q && (
              <li>
                <Link to={without("q")} aria-label={t("common:removeFilter", { filter: query.q })}>
                  “{query.q}” ×
                </Link>
              </li>
            )}
            {query.province && (
              <li>
                <Link
                  to={without("province")}
                  aria-label={t("common:removeFilter", {
                    filter: facets.provinces.find((p) => p.code === query.province)?.name ?? query.province,
                  })}
                >
                  {facets.provinces.find((p) => p.code === query.province)?.name ?? query.province} ×
                </Link>
              </li>
            )}
            {query.sector && (
              <li>
                <Link
                  to={without("sector")}
                  aria-label={t("common:removeFilter", { filter: t(`cooperatives:sector.${query.sector}`) })}
                >
                  {t(`cooperatives:sector.${query.sector}`)} ×
                </Link>
              </li>
            )}
          </ul>
        )}
      </div>

      {items.length === 0 ? (
        <p className="empty">{t("cooperatives:directory.empty")}</p>
      ) : (
        <div className="card-grid">
          {items.map((c) => (
            <CooperativeCard key={c.id} cooperative={c} />
          ))}
        </div>
      )}
      <Pagination page={page} perPage={perPage} total={total} />
    </div>
  );
}
