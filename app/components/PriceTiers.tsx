import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { CartLine } from "../../server/orders";
import { formatNumber, formatVnd } from "../../server/vocabulary/format";
import type { Locale } from "../../server/vocabulary/locale";
import { priceRows, type PriceTier } from "../../server/vocabulary/price-tiers";
import { MAX_PRICE_TIERS } from "../../server/vocabulary/quotes";
import { TextField, valueOf, type Errors } from "./Fields";

/**
 * The product page's "Giá theo số lượng": each quantity range and its unit price, from the minimum order at the
 * list price. Nothing when no volume price lowers the price.
 */
export function PriceTierTable({
  product,
  tiers,
  locale,
}: {
  product: { priceVnd: number; minOrderQty: number; unit: string };
  tiers: readonly PriceTier[];
  locale: Locale;
}) {
  const { t } = useTranslation();
  const rows = priceRows({ ...product, tiers });
  if (rows.length < 2) return null;
  const unit = t(`catalogue:unit.${product.unit}`);
  const n = (x: number) => formatNumber(x, locale);
  return (
    <section className="price-tiers" aria-labelledby="price-tiers-title">
      <h2 id="price-tiers-title" className="small">
        {t("catalogue:tiers.title")}
      </h2>
      <table className="data-table price-tier-table">
        <caption className="visually-hidden">{t("catalogue:tiers.caption", { unit })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("catalogue:tiers.quantity")}</th>
            <th scope="col" className="numeric">
              {t("catalogue:tiers.unitPrice")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.from}>
              <th scope="row">
                {r.to === null
                  ? t("catalogue:tiers.from", { from: n(r.from), unit })
                  : t("catalogue:tiers.range", { from: n(r.from), to: n(r.to), unit })}
              </th>
              <td className="numeric">
                {formatVnd(r.priceVnd, locale)} {t("catalogue:perUnit", { unit })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/**
 * The product form's volume prices: MAX_PRICE_TIERS rows of "from this quantity, this unit price", blank rows
 * unused. Field names are those of productFormSchema (tier1MinQty, tier1PriceVnd…).
 */
export function PriceTierFields({
  errors,
  values,
  tiers = [],
}: {
  errors: Errors;
  values?: Record<string, string | string[]>;
  tiers?: readonly PriceTier[];
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="price-tier-fields" aria-describedby="price-tiers-hint">
      <legend>{t("catalogue:tiers.form.legend")}</legend>
      <p className="field-hint" id="price-tiers-hint">
        {t("catalogue:tiers.form.hint", { max: MAX_PRICE_TIERS })}
      </p>
      {Array.from({ length: MAX_PRICE_TIERS }, (_, i) => i + 1).map((n) => (
        <div className="field-row" key={n}>
          <TextField
            name={`tier${n}MinQty`}
            label={t("catalogue:tiers.form.minQty", { n })}
            errors={errors}
            inputMode="numeric"
            defaultValue={valueOf(values, `tier${n}MinQty`, tiers[n - 1]?.minQty)}
          />
          <TextField
            name={`tier${n}PriceVnd`}
            label={t("catalogue:tiers.form.priceVnd", { n })}
            errors={errors}
            inputMode="numeric"
            defaultValue={valueOf(values, `tier${n}PriceVnd`, tiers[n - 1]?.priceVnd)}
          />
        </div>
      ))}
    </fieldset>
  );
}

/** Under a cart line's price: the volume price it gets ("Giá sỉ từ 50 kg"), or that it comes from a quote. */
export function CartLineTerms({ line, locale }: { line: CartLine; locale: Locale }) {
  const { t } = useTranslation();
  const unit = t(`catalogue:unit.${line.unit}`);
  if (line.quoteId)
    return (
      <p className="small cart-line-terms">
        {t("quotes:cartLine.quoted")} · <Link to="/account/quotes">{t("quotes:cartLine.quotedLink")}</Link>
      </p>
    );
  if (!line.tier) return null;
  return (
    <p className="small cart-line-terms">
      {t("catalogue:tiers.applied", { min: formatNumber(line.tier.minQty, locale), unit })}{" "}
      <span className="muted">
        ({t("catalogue:tiers.appliedList", { price: formatVnd(line.listPriceVnd, locale) })})
      </span>
    </p>
  );
}
