import { useTranslation } from "react-i18next";
import type { OfferView } from "../../server/matching/views";
import { CATEGORIES, CERTIFICATIONS, FREQUENCIES, UNITS } from "../../server/vocabulary/domain";
import { CheckboxGroup, SelectField, TextArea, TextField, valueOf, valuesOf, type Errors } from "./Fields";

/** One of the cooperative's own active products, as the offer form lists them. */
export interface OfferProductOption {
  id: number;
  name: string;
  category: string;
  unit: string;
}

export interface OfferDefaults {
  productId?: number | null;
  category?: string;
  title?: string;
  description?: string;
  quantity?: number;
  unit?: string;
  period?: string;
  priceMinVnd?: number | null;
  priceMaxVnd?: number | null;
  seasonMonths?: number[];
  certifications?: string[];
}

/** Offer statuses drawn with the badge colours the site already has (as products and cooperatives). */
const STATUS_BADGE: Record<string, string> = {
  active: "badge-approved",
  paused: "badge-pending",
  closed: "badge-rejected",
};

export function OfferStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={`badge ${STATUS_BADGE[status] ?? ""}`}>{t(`offers:status.${status}`)}</span>;
}

const MONTHS = Array.from({ length: 12 }, (_, i) => String(i + 1));

/** Choosing a product fills in what the form would otherwise ask again; the server still checks everything. */
function prefill(product: OfferProductOption | undefined) {
  if (!product) return;
  const set = (id: string, value: string, onlyIfEmpty = false) => {
    const el = document.getElementById(id) as HTMLInputElement | HTMLSelectElement | null;
    if (el && (!onlyIfEmpty || el.value.trim() === "")) el.value = value;
  };
  set("category", product.category);
  set("unit", product.unit);
  set("title", product.name, true);
}

/**
 * The offer form's fields, shared by the post and edit pages; names are those of offerSchema. `values` are what
 * a refused submission sent back (kept as typed), `defaults` what the offer holds.
 */
export function OfferFields({
  errors,
  values,
  defaults = {},
  products,
}: {
  errors: Errors;
  values?: Record<string, string | string[]>;
  defaults?: OfferDefaults;
  products: OfferProductOption[];
}) {
  const { t } = useTranslation();
  const v = (name: string, fallback?: string | number | null) => valueOf(values, name, fallback);
  return (
    <>
      <fieldset>
        <legend>{t("offers:fields.sectionWhat")}</legend>
        <SelectField
          name="productId"
          label={t("offers:fields.product")}
          errors={errors}
          required={false}
          defaultValue={v("productId", defaults.productId)}
          placeholder={t("offers:fields.noProduct")}
          options={products.map((p) => ({ value: String(p.id), label: p.name }))}
          onChange={(id) => prefill(products.find((p) => String(p.id) === id))}
          hint={t("offers:fields.productHint")}
        />
        <SelectField
          name="category"
          label={t("offers:fields.category")}
          errors={errors}
          defaultValue={v("category", defaults.category)}
          placeholder={t("offers:fields.chooseCategory")}
          options={CATEGORIES.map((c) => ({ value: c, label: t(`cooperatives:sector.${c}`) }))}
        />
        <TextField
          name="title"
          label={t("offers:fields.title")}
          errors={errors}
          defaultValue={v("title", defaults.title)}
          hint={t("offers:fields.titleHint")}
        />
        <TextArea
          name="description"
          label={t("offers:fields.description")}
          errors={errors}
          rows={5}
          defaultValue={v("description", defaults.description)}
          hint={t("offers:fields.descriptionHint")}
        />
      </fieldset>

      <fieldset>
        <legend>{t("offers:fields.sectionHowMuch")}</legend>
        <div className="field-row">
          <TextField
            name="quantity"
            label={t("offers:fields.quantity")}
            errors={errors}
            inputMode="numeric"
            defaultValue={v("quantity", defaults.quantity)}
          />
          <SelectField
            name="unit"
            label={t("offers:fields.unit")}
            errors={errors}
            defaultValue={v("unit", defaults.unit)}
            placeholder={t("offers:fields.chooseUnit")}
            options={UNITS.map((u) => ({ value: u, label: t(`catalogue:unit.${u}`) }))}
          />
        </div>
        <SelectField
          name="period"
          label={t("offers:fields.period")}
          errors={errors}
          required
          defaultValue={v("period", defaults.period ?? "monthly")}
          options={FREQUENCIES.map((f) => ({ value: f, label: t(`offers:period.${f}`) }))}
          hint={t("offers:fields.periodHint")}
        />
        <div className="field-row">
          <TextField
            name="priceMinVnd"
            label={t("offers:fields.priceMinVnd")}
            errors={errors}
            inputMode="numeric"
            defaultValue={v("priceMinVnd", defaults.priceMinVnd)}
            hint={t("offers:fields.priceHint")}
          />
          <TextField
            name="priceMaxVnd"
            label={t("offers:fields.priceMaxVnd")}
            errors={errors}
            inputMode="numeric"
            defaultValue={v("priceMaxVnd", defaults.priceMaxVnd)}
          />
        </div>
      </fieldset>

      <fieldset>
        <legend>{t("offers:fields.sectionWhen")}</legend>
        <CheckboxGroup
          name="seasonMonths"
          legend={t("offers:fields.seasonMonths")}
          errors={errors}
          required={false}
          selected={valuesOf(values, "seasonMonths", (defaults.seasonMonths ?? []).map(String))}
          options={MONTHS.map((m) => ({ value: m, label: t(`catalogue:month.${m}`) }))}
        />
        <p className="field-hint">{t("offers:fields.seasonMonthsHint")}</p>
        <CheckboxGroup
          name="certifications"
          legend={t("offers:fields.certifications")}
          errors={errors}
          required={false}
          selected={valuesOf(values, "certifications", defaults.certifications ?? [])}
          options={CERTIFICATIONS.map((c) => ({ value: c, label: t(`catalogue:certification.${c}`) }))}
        />
      </fieldset>
    </>
  );
}

/** The form's starting values for an offer being edited. */
export function offerDefaults(o: OfferView): OfferDefaults {
  return {
    productId: o.product?.id ?? null,
    category: o.category,
    title: o.title,
    description: o.description,
    quantity: o.quantity,
    unit: o.unit,
    period: o.period,
    priceMinVnd: o.priceMinVnd,
    priceMaxVnd: o.priceMaxVnd,
    seasonMonths: o.seasonMonths,
    certifications: o.certifications,
  };
}

export { OfferFacts, OfferPrice, OfferQuantity } from "./OfferFacts";
