import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AddressText } from "../components/AddressText";
import { CooperativeLogo } from "../components/CooperativeLogo";
import { FairDates } from "../components/FairCard";
import { OfferFacts } from "../components/OfferFacts";
import { ProductCard } from "../components/ProductCard";
import { orRespond } from "../lib/forms.server";
import { formatNumber } from "../../server/vocabulary/format";
import { ErrorPage } from "../root";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { cooperatives, i18n } = context.services;
  const locale = await i18n.getLocale(request);
  const cooperative = await orRespond(
    cooperatives.getCooperativeProfile({ slug: params.slug ?? "", viewer: context.user, locale }),
  );
  const approved = cooperative.status === "approved";
  const [products, fairs, offers] = await Promise.all([
    approved
      ? context.services.catalogue.listCooperativeProducts({
          cooperativeId: cooperative.id,
          locale,
          limit: 12,
        })
      : Promise.resolve(null),
    approved
      ? context.services.fairs.listFairsOfCooperative({ cooperativeId: cooperative.id, locale })
      : Promise.resolve([]),
    approved
      ? context.services.matching.listCooperativeOffers({ cooperativeId: cooperative.id, locale })
      : Promise.resolve([]),
  ]);
  return json({
    cooperative,
    locale,
    products: products ? { hits: products.hits, total: products.total } : null,
    fairs,
    offers,
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? [
        { title: `${data.cooperative.name} · HTX Connect` },
        { name: "description", content: data.cooperative.summary },
        { property: "og:title", content: data.cooperative.name },
        { property: "og:description", content: data.cooperative.summary },
      ]
    : [];

export default function CooperativeProfilePage() {
  const { cooperative: c, locale, products, fairs, offers } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="container section profile">
      <nav aria-label={t("common:breadcrumb")} className="breadcrumb">
        <Link to="/cooperatives">{t("cooperatives:directory.title")}</Link> › <span>{c.name}</span>
      </nav>
      {c.status !== "approved" && (
        <p className={`notice notice-${c.status}`} role="status">
          {t(`cooperatives:statusNotice.${c.status}`)}
        </p>
      )}
      <header className="profile-head">
        <CooperativeLogo name={c.name} logoUrl={c.logoUrl} size={88} />
        <div>
          <h1>{c.name}</h1>
          <p className="muted">
            {t(`cooperatives:kind.${c.kind}`)} ·{" "}
            {c.ward ? `${t(`geo:wardKind.${c.ward.type}`, { name: c.ward.name })}, ` : ""}
            {c.province.name}
          </p>
          <ul className="tags">
            {c.sectors.map((s) => (
              <li key={s} className="tag">
                <Link to={`/cooperatives?sector=${s}`}>{t(`cooperatives:sector.${s}`)}</Link>
              </li>
            ))}
          </ul>
        </div>
      </header>
      <div className="profile-body">
        <section aria-labelledby="about-title">
          <h2 id="about-title">{t("cooperatives:profile.about")}</h2>
          {c.descriptionLang !== locale && (
            <p className="muted small">{t("cooperatives:profile.onlyVietnamese")}</p>
          )}
          <p lang={c.descriptionLang} className="prose">
            {c.description}
          </p>
        </section>
        <aside className="card facts" aria-labelledby="facts-title">
          <h2 id="facts-title">{t("cooperatives:profile.facts")}</h2>
          <dl>
            {c.foundedYear && (
              <>
                <dt>{t("cooperatives:fields.foundedYear")}</dt>
                <dd>{c.foundedYear}</dd>
              </>
            )}
            {c.memberCount && (
              <>
                <dt>{t("cooperatives:fields.memberCount")}</dt>
                <dd>{formatNumber(c.memberCount, locale)}</dd>
              </>
            )}
            <dt>{t("cooperatives:fields.representative")}</dt>
            <dd>{c.representative}</dd>
            <dt>{t("cooperatives:fields.address")}</dt>
            <dd>
              <AddressText address={c.location} />
            </dd>
            <dt>{t("cooperatives:fields.phone")}</dt>
            <dd>
              <a href={`tel:${c.phone}`}>{c.phone}</a>
            </dd>
            {c.email && (
              <>
                <dt>{t("cooperatives:fields.email")}</dt>
                <dd>
                  <a href={`mailto:${c.email}`}>{c.email}</a>
                </dd>
              </>
            )}
            {c.website && (
              <>
                <dt>{t("cooperatives:fields.website")}</dt>
                <dd>
                  <a href={c.website} rel="noopener noreferrer nofollow">
                    {c.website}
                  </a>
                </dd>
              </>
            )}
          </dl>
        </aside>
      </div>
      {products && (
        <section className="section" aria-labelledby="products-title">
          <div className="section-head">
            <h2 id="products-title">{t("catalogue:profile.products")}</h2>
            {products.total > products.hits.length && (
              <Link to={`/products?cooperative=${c.slug}`}>
                {t("catalogue:profile.allProducts", { count: products.total })}
              </Link>
            )}
          </div>
          {products.hits.length === 0 ? (
            <p className="empty">{t("catalogue:profile.noProducts")}</p>
          ) : (
            <div className="card-grid product-grid">
              {products.hits.map((p) => (
                <ProductCard key={p.id} product={p} locale={locale} />
              ))}
            </div>
          )}
        </section>
      )}
      {offers.length > 0 && (
        <section className="section" aria-labelledby="offers-title">
          <h2 id="offers-title">{t("offers:profile.title")}</h2>
          <p className="muted">{t("offers:profile.lead")}</p>
          <ul className="card-grid offer-grid">
            {offers.map((o) => (
              <li key={o.id} className="card offer-card">
                <h3>{o.title}</h3>
                <p className="prose">{o.description}</p>
                <OfferFacts offer={o} locale={locale} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {fairs.length > 0 && (
        <section className="section" aria-labelledby="fairs-title">
          <h2 id="fairs-title">{t("fairs:profile.title")}</h2>
          <ul className="profile-fairs">
            {fairs.map((f) => (
              <li key={f.id}>
                <Link to={`/fairs/${f.slug}`}>{f.name}</Link>
                <span className="muted">
                  {" · "}
                  <FairDates fair={f} locale={locale} />
                  {" · "}
                  {f.province.name}
                  {" · "}
                </span>
                <strong>
                  {t("fairs:directory.booths", { count: f.booths.length, booths: f.booths.join(", ") })}
                </strong>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
