import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CooperativeCard } from "../components/CooperativeCard";
import { formatNumber } from "../lib/format";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { cooperatives, i18n } = context.services;
  const locale = await i18n.getLocale(request);
  const [stats, featured] = await Promise.all([cooperatives.stats(), cooperatives.featured(6, locale)]);
  return json({ stats, featured, locale, title: i18n.t(locale)("home:meta.title") });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "HTX Connect" }];

export default function Home() {
  const { stats, featured, locale } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const sectors = [...stats.sectors].sort((a, b) => b.count - a.count);
  return (
    <>
      <section className="hero">
        <div className="container hero-inner">
          <h1>{t("home:hero.title")}</h1>
          <p className="lead">{t("home:hero.lead")}</p>
          <form method="get" action="/cooperatives" className="hero-search" role="search">
            <label htmlFor="hero-q" className="visually-hidden">
              {t("cooperatives:directory.searchLabel")}
            </label>
            <input id="hero-q" name="q" type="search" placeholder={t("home:hero.searchPlaceholder")} />
            <button type="submit" className="button">
              {t("common:search")}
            </button>
          </form>
          <dl className="stats">
            <div>
              <dt>{t("home:stats.cooperatives")}</dt>
              <dd>{formatNumber(stats.cooperatives, locale)}</dd>
            </div>
            <div>
              <dt>{t("home:stats.provinces")}</dt>
              <dd>{formatNumber(stats.provinces, locale)}</dd>
            </div>
            <div>
              <dt>{t("home:stats.members")}</dt>
              <dd>{formatNumber(stats.members, locale)}</dd>
            </div>
          </dl>
        </div>
      </section>

      <section className="container section" aria-labelledby="sectors-title">
        <h2 id="sectors-title">{t("home:sectors.title")}</h2>
        <ul className="sector-grid">
          {sectors.map((s) => (
            <li key={s.sector}>
              <Link to={`/cooperatives?sector=${s.sector}`} className={`sector-tile sector-${s.sector}`}>
                <span className="sector-name">{t(`cooperatives:sector.${s.sector}`)}</span>
                <span className="sector-count">{t("home:sectors.count", { count: s.count })}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>

      <section className="container section" aria-labelledby="featured-title">
        <div className="section-head">
          <h2 id="featured-title">{t("home:featured.title")}</h2>
          <Link to="/cooperatives">{t("home:featured.all")}</Link>
        </div>
        <div className="card-grid">
          {featured.map((c) => (
            <CooperativeCard key={c.id} cooperative={c} />
          ))}
        </div>
      </section>

      <section className="container section cta-band" aria-labelledby="join-title">
        <div>
          <h2 id="join-title">{t("home:join.title")}</h2>
          <p>{t("home:join.body")}</p>
        </div>
        <Link to="/register?as=cooperative" className="button">
          {t("home:join.action")}
        </Link>
      </section>
    </>
  );
}
