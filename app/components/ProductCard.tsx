import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ProductCard as Card } from "../../server/catalogue/views";
import { formatVnd } from "../../server/vocabulary/format";
import { Highlighted } from "./Highlighted";
import { ResponsivePicture } from "./ResponsivePicture";
import type { Locale } from "../../server/vocabulary/locale";

export function OcopBadge({ stars }: { stars: number }) {
  const { t } = useTranslation();
  return (
    <span className="ocop-badge" title={t("catalogue:card.ocop", { stars })}>
      <span aria-hidden="true">OCOP {"★".repeat(stars)}</span>
      <span className="visually-hidden">{t("catalogue:card.ocop", { stars })}</span>
    </span>
  );
}

export function PriceTag({ priceVnd, unit, locale }: { priceVnd: number; unit: string; locale: Locale }) {
  const { t } = useTranslation();
  return (
    <span className="price">
      <strong>{formatVnd(priceVnd, locale)}</strong>{" "}
      <span className="muted">{t("catalogue:perUnit", { unit: t(`catalogue:unit.${unit}`) })}</span>
    </span>
  );
}

export function ProductCard({
  product: p,
  locale,
  eager = false,
}: {
  product: Card;
  locale: Locale;
  eager?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <article className="card product-card">
      <Link to={`/products/${p.slug}`} className="product-card-image" tabIndex={-1} aria-hidden="true">
        {p.image ? (
          <ResponsivePicture
            image={p.image}
            alt=""
            sizes="(min-width: 1120px) 260px, (min-width: 640px) 45vw, 100vw"
            loading={eager ? "eager" : "lazy"}
          />
        ) : (
          <span className="image-missing">{t("catalogue:product.noImage")}</span>
        )}
      </Link>
      <div className="product-card-body">
        <h3 lang={p.nameLang}>
          <Link to={`/products/${p.slug}`}>
            {p.highlight?.name ? <Highlighted html={p.highlight.name} /> : p.name}
          </Link>
        </h3>
        {p.highlight?.description && (
          <p className="small muted snippet">
            <Highlighted html={p.highlight.description} />
          </p>
        )}
        <p className="small muted">
          {t("catalogue:card.by", { cooperative: p.cooperative.name })} · {p.province.name}
        </p>
        <p className="product-card-meta">
          <PriceTag priceVnd={p.priceVnd} unit={p.unit} locale={locale} />
          {p.ocopStars ? <OcopBadge stars={p.ocopStars} /> : null}
        </p>
        {!p.inStock && <p className="badge badge-rejected">{t("catalogue:card.outOfStock")}</p>}
      </div>
    </article>
  );
}
