import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { OfferView } from "../../server/matching/views";
import { formatNumber, formatVnd } from "../../server/vocabulary/format";
import type { Locale } from "../../server/vocabulary/locale";

/** "500 kg mỗi tháng". */
export function OfferQuantity({ offer, locale }: { offer: OfferView; locale: Locale }) {
  const { t } = useTranslation();
  return (
    <>
      {t(`offers:quantity.${offer.period}`, {
        quantity: formatNumber(offer.quantity, locale),
        unit: t(`catalogue:unit.${offer.unit}`),
      })}
    </>
  );
}

/** "120.000 ₫ – 150.000 ₫ / kg", an open end said in words, or "negotiable". */
export function OfferPrice({ offer, locale }: { offer: OfferView; locale: Locale }) {
  const { t } = useTranslation();
  const unit = t(`catalogue:unit.${offer.unit}`);
  const min = offer.priceMinVnd === null ? null : formatVnd(offer.priceMinVnd, locale);
  const max = offer.priceMaxVnd === null ? null : formatVnd(offer.priceMaxVnd, locale);
  if (min && max)
    return <>{min === max ? `${min} / ${unit}` : t("offers:price.range", { min, max, unit })}</>;
  if (min) return <>{t("offers:price.from", { min, unit })}</>;
  if (max) return <>{t("offers:price.upTo", { max, unit })}</>;
  return <>{t("offers:price.open")}</>;
}

/** What buyers (and the cooperative in its list) read of an offer: quantity, price, season, certifications. */
export function OfferFacts({ offer, locale }: { offer: OfferView; locale: Locale }) {
  const { t } = useTranslation();
  return (
    <dl className="summary offer-facts">
      <dt>{t("offers:facts.quantity")}</dt>
      <dd>
        <OfferQuantity offer={offer} locale={locale} />
      </dd>
      <dt>{t("offers:facts.price")}</dt>
      <dd>
        <OfferPrice offer={offer} locale={locale} />
      </dd>
      <dt>{t("offers:facts.season")}</dt>
      <dd>
        {offer.seasonMonths.length
          ? offer.seasonMonths.map((m) => t(`catalogue:month.${m}`)).join(", ")
          : t("offers:facts.allYear")}
      </dd>
      {offer.certifications.length > 0 && (
        <>
          <dt>{t("offers:facts.certifications")}</dt>
          <dd>{offer.certifications.map((c) => t(`catalogue:certification.${c}`)).join(", ")}</dd>
        </>
      )}
      <dt>{t("offers:facts.category")}</dt>
      <dd>{t(`cooperatives:sector.${offer.category}`)}</dd>
      {offer.product && (
        <>
          <dt>{t("offers:facts.product")}</dt>
          <dd>
            <Link to={`/products/${offer.product.slug}`}>{offer.product.name}</Link>
          </dd>
        </>
      )}
    </dl>
  );
}
