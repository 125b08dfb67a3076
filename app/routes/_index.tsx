import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CooperativeCard } from "../components/CooperativeCard";
import { FairCard } from "../components/FairCard";
import { ProductCard } from "../components/ProductCard";
import { ResponsivePicture } from "../components/ResponsivePicture";
import type { ProductCard as Card } from "../../server/catalogue/views";
import { formatNumber } from "../../server/vocabulary/format";

/**
 * The hero's pictures: three products the page shows anyway (OCOP first, then the newest), of different
 * categories where there are, so the first screen is the cooperatives' own produce. No extra query.
 */
function heroPictures(products: Card[], count = 3) {
  const pictured = products.filter(
    (p, i) => p.image && products.findIndex((q) => q.id === p.id) === i,
  ) as Array<Card & { image: NonNullable<Card["image"]> }>;
  const varied = pictured.filter((p, i) => pictured.findIndex((q) => q.category === p.category) === i);
  return [...varied, ...pictured.filter((p) => !varied.includes(p))].slice(0, count);
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { cooperatives, catalogue, fairs, i18n } = context.services;
  const locale = await i18n.getLocale(request);
  const [stats, featured, ocopProducts, newest, categoryCounts, upcomingFairs] = await Promise.all([
    cooperatives.getDirectoryStats(),
    cooperatives.listFeaturedCooperatives({ limit: 6, locale }),
    catalogue.listFeaturedProducts({ locale, limit: 8 }),
    catalogue.listNewestProducts({ locale, limit: 8 }),
    catalogue.countProductsByCategory({ locale }),
    fairs.listFairs({ locale, upcoming: true, limit: 3 }),
  ]);
  return json({
    stats,
    featured,
    ocopProducts,
    newest,
    categoryCounts,
    upcomingFairs,
    locale,
    title: i18n.t(locale)("home:meta.title"),
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "HTX Connect" }];

export default function Home() {
  const { stats, featured, ocopProducts, newest, categoryCounts, upcomingFairs, locale } =
    useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const categories = (Object.entries(categoryCounts) as Array<[string, number]>).sort((a, b) => b[1] - a[1]);
  const pictures = heroPictures([...ocopProducts, ...newest]);
  return (
    <>
      <section className="hero">
        <div className={`container hero-inner${pictures.length ? " hero-with-pictures" : ""}`}>
          <h1>{t("home:hero.title")}</h1>
          <p className="lead">{t("home:hero.lead")}</p>
          {pictures.length > 0 && (
            <ul className="hero-pictures" aria-label={t("home:hero.picturesLabel")}>
              {pictures.map((p, i) => (
                <li key={p.id}>
                  <Link to={`/products/${p.slug}`}>
                    <ResponsivePicture
                      image={p.image}
                      alt={t("home:hero.pictureAlt", { name: p.name, cooperative: p.cooperative.name })}
                      sizes={i === 0 ? "(min-width: 60rem) 520px, 33vw" : "(min-width: 60rem) 260px, 33vw"}
                      loading="eager"
                    />
                  </Link>
                </li>
              ))}
            </ul>
          )}
          <form method="get" action="/products" className="hero-search" role="search">
            <label htmlFor="hero-q" className="visually-hidden">
              {t("catalogue:search.label")}
            </label>
            <input id="hero-q" name="q" type="search" placeholder={t("catalogue:search.placeholder")} />
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
        <h2 id="sectors-title">{t("catalogue:home.categories")}</h2>
        <ul className="sector-grid">
          {categories.map(([category, count]) => (
            <li key={category}>
              <Link to={`/products?category=${category}`} className={`sector-tile sector-${category}`}>
                <span className="sector-name">{t(`cooperatives:sector.${category}`)}</span>
                <span className="sector-count">{t("catalogue:list.count", { count })}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>

      {ocopProducts.length > 0 && (
        <section className="container section" aria-labelledby="ocop-title">
          <div className="section-head">
            <h2 id="ocop-title">{t("catalogue:home.featured")}</h2>
            <Link to="/products?ocop_min=4">{t("catalogue:home.allProducts")}</Link>
          </div>
          <div className="card-grid product-grid">
            {ocopProducts.map((p) => (
              <ProductCard key={p.id} product={p} locale={locale} />
            ))}
          </div>
        </section>
      )}

      <section className="container section" aria-labelledby="newest-title">
        <div className="section-head">
          <h2 id="newest-title">{t("catalogue:home.newest")}</h2>
          <Link to="/products?sort=newest">{t("catalogue:home.allProducts")}</Link>
        </div>
        <div className="card-grid product-grid">
          {newest.map((p) => (
            <ProductCard key={p.id} product={p} locale={locale} />
          ))}
        </div>
      </section>

      {upcomingFairs.length > 0 && (
        <section className="container section" aria-labelledby="fairs-title">
          <div className="section-head">
            <h2 id="fairs-title">{t("fairs:home.title")}</h2>
            <Link to="/fairs">{t("fairs:home.all")}</Link>
          </div>
          <div className="card-grid fair-grid">
            {upcomingFairs.map((f) => (
              <FairCard key={f.id} fair={f} locale={locale} />
            ))}
          </div>
        </section>
      )}

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
