import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { lazy, Suspense, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { originText } from "../components/AddressText";
import { CartAddForm } from "../components/CartAddForm";
import { CooperativeLogo } from "../components/CooperativeLogo";
import { PriceTierTable } from "../components/PriceTiers";
import { OcopBadge, PriceTag, ProductCard } from "../components/ProductCard";
import type { QuoteAsker } from "../components/Quotes";
import { ResponsivePicture } from "../components/ResponsivePicture";
import { requireUser } from "../lib/auth.server";
import { formId, orRespond, readForm, runIntent } from "../lib/forms.server";
import { formatDate, formatNumber } from "../../server/vocabulary/format";
import { useRootData } from "../lib/root-data";
import { seasonBar } from "../lib/season.server";
import { ErrorPage } from "../root";
import { largestJpeg } from "../../server/vocabulary/pictures";

/**
 * "Request a quote" is for the few buying in bulk: its script (the form, the province list) comes after the page,
 * which keeps the page within its JavaScript budget. The server renders it whole; until its script arrives, or
 * without JavaScript, the form posts as a plain one.
 */
const QuoteRequestSection = lazy(() =>
  import("../components/Quotes").then((m) => ({ default: m.QuoteRequestSection })),
);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { catalogue, forms, i18n } = context.services;
  const locale = await i18n.getLocale(request);
  const page = await orRespond(
    catalogue.getProductPage({ slug: params.slug ?? "", viewer: context.user, locale }),
  );
  const { origin, user } = context;
  const c = page.cooperative;
  const asker: QuoteAsker = !user ? "guest" : user.role === "buyer" ? "buyer" : "other";
  return json({
    product: page.product,
    priceTiers: page.priceTiers,
    quote: {
      asker,
      rules: forms.rules("quoteRequest").quoteRequest,
      // A business buyer's own province to start with; the buyer picks where the goods go.
      provinceCode: user?.organisation?.provinceCode ?? "",
      sent: new URL(request.url).searchParams.get("quote") === "sent",
    },
    related: page.related,
    batches: page.batches,
    // The season as a twelve-month bar, made on the server (app/lib/season.server.ts).
    season: seasonBar(page.product.harvestMonths, i18n.t(locale)),
    cooperative: { slug: c.slug, name: c.name, logoUrl: c.logoUrl },
    locale,
    origin,
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [];
  const { product: p, origin, locale } = data;
  const url = `${origin}/products/${p.slug}`;
  const image = p.images[0] ? largestJpeg(p.images[0].sources) : undefined;
  const description = p.description.slice(0, 200);
  const jsonLd = {
    "@context": "https://schema.org",
    "@type": "Product",
    name: p.name,
    description: p.description,
    sku: p.sku,
    category: p.category,
    image: p.images.map((i) => `${origin}${largestJpeg(i.sources)?.url ?? ""}`),
    brand: { "@type": "Organization", name: p.cooperative.name },
    countryOfOrigin: "VN",
    offers: {
      "@type": "Offer",
      url,
      priceCurrency: "VND",
      price: p.priceVnd,
      availability: p.inStock ? "https://schema.org/InStock" : "https://schema.org/OutOfStock",
      seller: { "@type": "Organization", name: p.cooperative.name },
      eligibleQuantity: { "@type": "QuantitativeValue", minValue: p.minOrderQty },
    },
  };
  return [
    { title: `${p.name} · ${p.cooperative.name} · HTX Connect` },
    { name: "description", content: description },
    { tagName: "link", rel: "canonical", href: url },
    { tagName: "link", rel: "alternate", hrefLang: "vi", href: `${url}?lng=vi` },
    { tagName: "link", rel: "alternate", hrefLang: "en", href: `${url}?lng=en` },
    { tagName: "link", rel: "alternate", hrefLang: "x-default", href: url },
    { property: "og:type", content: "product" },
    { property: "og:title", content: p.name },
    { property: "og:description", content: description },
    { property: "og:url", content: url },
    { property: "og:locale", content: locale === "en" ? "en_GB" : "vi_VN" },
    ...(image ? [{ property: "og:image", content: `${origin}${image.url}` }] : []),
    { "script:ld+json": jsonLd },
  ];
};

/**
 * The quote request form (intent=quote): a guest is sent to log in and brought back here; anyone but a buyer is
 * refused by the use case (403). Success comes back to the page's quote section, which says it was sent.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const values = await readForm(request);
  const outcome = await runIntent(
    values,
    values.intent === "quote"
      ? () =>
          context.services.quotes.requestQuote(user, { productId: formId(values, "productId"), form: values })
      : null,
  );
  if (!outcome.ok) return outcome.response;
  return redirect(`/products/${encodeURIComponent(params.slug ?? "")}?quote=sent#quote`);
}

export default function ProductPage() {
  const {
    product: p,
    priceTiers,
    quote,
    related,
    batches,
    cooperative,
    locale,
    season,
  } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const [current, setCurrent] = useState(0);
  // The route is reused from one product to the next (related products): start each on its first picture.
  useEffect(() => setCurrent(0), [p.slug]);
  const image = p.images[current] ?? p.images[0];
  const unit = t(`catalogue:unit.${p.unit}`);
  // A member looking at their own cooperative's product is selling it, not buying it.
  const ownProduct = useRootData()?.user?.cooperative?.slug === cooperative.slug;
  return (
    <div
      className={`container section product-page${p.status === "active" && !ownProduct ? " has-buy-bar" : ""}`}
    >
      <nav aria-label={t("common:breadcrumb")} className="breadcrumb">
        <Link to="/products">{t("catalogue:list.title")}</Link> ›{" "}
        <Link to={`/products?category=${p.category}`}>{t(`cooperatives:sector.${p.category}`)}</Link> ›{" "}
        <span>{p.name}</span>
      </nav>
      {p.status !== "active" && (
        <p className="notice notice-pending" role="status">
          {t("catalogue:product.notPublic", { status: t(`catalogue:status.${p.status}`) })}
        </p>
      )}
      <div className="product-layout">
        <section className="gallery" aria-label={t("catalogue:product.gallery")}>
          {image ? (
            <ResponsivePicture
              image={image}
              alt={t("catalogue:product.image", { n: current + 1, name: p.name })}
              sizes="(min-width: 960px) 560px, 100vw"
              loading="eager"
              className="gallery-main"
            />
          ) : (
            <div className="image-missing gallery-main">{t("catalogue:product.noImage")}</div>
          )}
          {p.images.length > 1 && (
            <ul className="thumbs">
              {p.images.map((img, i) => (
                <li key={img.id}>
                  <button
                    type="button"
                    onClick={() => setCurrent(i)}
                    aria-pressed={i === current}
                    aria-label={t("catalogue:product.image", { n: i + 1, name: p.name })}
                  >
                    <ResponsivePicture image={img} alt="" sizes="80px" />
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="product-summary">
          <h1 lang={p.nameLang}>{p.name}</h1>
          <p className="muted">
            {t("catalogue:card.by", { cooperative: p.cooperative.name })} · {originText(t, p)}
          </p>
          <p className="product-price">
            <PriceTag priceVnd={p.priceVnd} unit={p.unit} locale={locale} />{" "}
            {p.ocopStars ? <OcopBadge stars={p.ocopStars} /> : null}
          </p>
          <PriceTierTable product={p} tiers={priceTiers} locale={locale} />
          <dl className="facts-list">
            <dt>{t("catalogue:product.minOrder")}</dt>
            <dd>
              {formatNumber(p.minOrderQty, locale)} {unit}
            </dd>
            <dt>{t("catalogue:product.stock")}</dt>
            <dd className={p.inStock ? "in-stock" : "out-of-stock"}>
              {p.inStock
                ? t("catalogue:product.inStock", { count: p.stock, unit })
                : t("catalogue:product.outOfStock")}
            </dd>
            <dt>{t("catalogue:product.season")}</dt>
            <dd dangerouslySetInnerHTML={{ __html: season }} />
            {p.shelfLifeDays && (
              <>
                <dt>{t("catalogue:product.shelfLife")}</dt>
                <dd>{t("catalogue:product.shelfLifeDays", { count: p.shelfLifeDays })}</dd>
              </>
            )}
            {p.certifications.length > 0 && (
              <>
                <dt>{t("catalogue:product.certifications")}</dt>
                <dd>{p.certifications.map((c) => t(`catalogue:certification.${c}`)).join(", ")}</dd>
              </>
            )}
            {p.ocop && (
              <>
                <dt>{t("catalogue:product.ocop")}</dt>
                <dd>
                  {p.ocop.valid
                    ? t("catalogue:product.ocopDetail", {
                        stars: p.ocop.stars,
                        number: p.ocop.certificateNo,
                        date: formatDate(p.ocop.expiresOn, locale),
                      })
                    : t("catalogue:product.ocopExpired", {
                        number: p.ocop.certificateNo,
                        date: formatDate(p.ocop.expiresOn, locale),
                      })}
                </dd>
              </>
            )}
          </dl>
          {p.status === "active" && !ownProduct && (
            <CartAddForm
              productId={p.id}
              slug={p.slug}
              name={p.name}
              unitLabel={unit}
              minOrderQty={p.minOrderQty}
              stock={p.stock}
              price={<PriceTag priceVnd={p.priceVnd} unit={p.unit} locale={locale} />}
            />
          )}
          {p.status === "active" && !ownProduct && (
            <Suspense fallback={null}>
              <QuoteRequestSection
                product={p}
                asker={quote.asker}
                rules={quote.rules}
                provinceCode={quote.provinceCode}
                sent={quote.sent}
              />
            </Suspense>
          )}
          <section className="card coop-mini" aria-labelledby="coop-title">
            <h2 id="coop-title" className="small muted">
              {t("catalogue:product.cooperative")}
            </h2>
            <div className="coop-card-head">
              <CooperativeLogo name={cooperative.name} logoUrl={cooperative.logoUrl} size={48} />
              <div>
                <strong>{cooperative.name}</strong>
                <br />
                <Link to={`/cooperatives/${cooperative.slug}`}>{t("catalogue:product.viewCooperative")}</Link>
              </div>
            </div>
          </section>
        </section>
      </div>
      <section className="section" aria-labelledby="desc-title">
        <h2 id="desc-title">{t("catalogue:product.description")}</h2>
        {p.descriptionLang !== locale && (
          <p className="muted small">{t("catalogue:product.onlyVietnamese")}</p>
        )}
        <p className="prose" lang={p.descriptionLang}>
          {p.description}
        </p>
        {p.shownTags.tags.length > 0 && (
          <ul className="tags" aria-label={t("catalogue:product.tags")} lang={p.shownTags.lang}>
            {p.shownTags.tags.map((tag) => (
              <li key={tag} className="tag">
                <Link to={`/products?q=${encodeURIComponent(tag)}`}>{tag}</Link>
              </li>
            ))}
          </ul>
        )}
      </section>
      {batches.length > 0 && (
        <section className="section" aria-labelledby="trace-title">
          <h2 id="trace-title">{t("catalogue:product.trace")}</h2>
          <p>{t("catalogue:product.traceLead")}</p>
          <ul>
            {batches.map((b) => (
              <li key={b.publicCode}>
                <Link to={`/trace/${b.publicCode}`}>
                  {t("catalogue:product.lot", { lot: b.lotCode, date: formatDate(b.producedOn, locale) })}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      {related.length > 0 && (
        <section className="section" aria-labelledby="related-title">
          <h2 id="related-title">{t("catalogue:product.related")}</h2>
          <div className="card-grid product-grid">
            {related.map((r) => (
              <ProductCard key={r.id} product={r} locale={locale} />
            ))}
          </div>
        </section>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
