import { useTranslation } from "react-i18next";
import { CATEGORIES, CERTIFICATIONS, PRODUCT_STATUSES, UNITS } from "../../server/vocabulary/domain";
import { PROVINCES } from "../../server/vocabulary/geo";
import {
  BilingualField,
  CheckboxGroup,
  SelectField,
  TextField,
  valueOf,
  valuesOf,
  type Errors,
} from "./Fields";
import { HarvestMonthPicker } from "./HarvestMonths";
import { PriceTierFields } from "./PriceTiers";
import type { PriceTier } from "../../server/vocabulary/price-tiers";

export interface ProductDefaults {
  sku?: string;
  nameVi?: string;
  nameEn?: string | null;
  descriptionVi?: string;
  descriptionEn?: string | null;
  category?: string;
  unit?: string;
  priceVnd?: number;
  minOrderQty?: number;
  stock?: number;
  status?: string;
  originProvinceCode?: string;
  originRegion?: string | null;
  harvestMonths?: number[];
  shelfLifeDays?: number | null;
  certifications?: string[];
  tags?: string[];
  priceTiers?: PriceTier[];
}

/** Product statuses drawn with the badge colours (and shapes) the site already has for cooperatives. */
const STATUS_BADGE: Record<string, string> = {
  active: "badge-approved",
  draft: "badge-pending",
  archived: "badge-rejected",
};

export function ProductStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={`badge ${STATUS_BADGE[status] ?? ""}`}>{t(`catalogue:status.${status}`)}</span>;
}

/**
 * The product form's fields, shared by the create and edit pages; names are those of productSchema. On the edit
 * page the status travels as a hidden field (the schema would otherwise reset it to draft) and is changed with
 * the page's own status buttons.
 */
export function ProductFields({
  errors,
  values,
  defaults = {},
  statusField = "select",
}: {
  errors: Errors;
  values?: Record<string, string | string[]>;
  defaults?: ProductDefaults;
  statusField?: "select" | "hidden";
}) {
  const { t } = useTranslation();
  const v = (name: string, fallback?: string | number | null) => valueOf(values, name, fallback);
  return (
    <>
      <fieldset>
        <legend>{t("dashboard:fields.sectionBasics")}</legend>
        <TextField
          name="sku"
          label={t("dashboard:fields.sku")}
          errors={errors}
          autoComplete="off"
          defaultValue={v("sku", defaults.sku)}
          hint={t("dashboard:fields.skuHint")}
        />
        <BilingualField
          name="name"
          labels={[t("dashboard:fields.nameVi"), t("dashboard:fields.nameEn")]}
          hints={[undefined, t("dashboard:fields.nameEnHint")]}
          defaults={[v("nameVi", defaults.nameVi), v("nameEn", defaults.nameEn)]}
          errors={errors}
        />
        <BilingualField
          name="description"
          multiline
          labels={[t("dashboard:fields.descriptionVi"), t("dashboard:fields.descriptionEn")]}
          hints={[t("dashboard:fields.descriptionViHint"), t("dashboard:fields.descriptionEnHint")]}
          defaults={[v("descriptionVi", defaults.descriptionVi), v("descriptionEn", defaults.descriptionEn)]}
          errors={errors}
        />
        <div className="field-row">
          <SelectField
            name="category"
            label={t("dashboard:fields.category")}
            errors={errors}
            defaultValue={v("category", defaults.category)}
            placeholder={t("dashboard:fields.chooseCategory")}
            options={CATEGORIES.map((c) => ({ value: c, label: t(`cooperatives:sector.${c}`) }))}
          />
          {statusField === "select" ? (
            <SelectField
              name="status"
              label={t("dashboard:fields.status")}
              errors={errors}
              defaultValue={v("status", defaults.status ?? "draft")}
              options={PRODUCT_STATUSES.map((s) => ({ value: s, label: t(`catalogue:status.${s}`) }))}
              hint={t("dashboard:fields.statusHint")}
            />
          ) : (
            <input type="hidden" name="status" value={v("status", defaults.status ?? "draft")} />
          )}
        </div>
        <TextField
          name="tags"
          label={t("dashboard:fields.tags")}
          errors={errors}
          defaultValue={v("tags", defaults.tags?.join(", "))}
          hint={t("dashboard:fields.tagsHint")}
        />
      </fieldset>

      <fieldset>
        <legend>{t("dashboard:fields.sectionSales")}</legend>
        <div className="field-row">
          <TextField
            name="priceVnd"
            label={t("dashboard:fields.priceVnd")}
            errors={errors}
            inputMode="numeric"
            defaultValue={v("priceVnd", defaults.priceVnd)}
            hint={t("dashboard:fields.priceVndHint")}
          />
          <SelectField
            name="unit"
            label={t("dashboard:fields.unit")}
            errors={errors}
            defaultValue={v("unit", defaults.unit)}
            placeholder={t("dashboard:fields.chooseUnit")}
            options={UNITS.map((u) => ({ value: u, label: t(`catalogue:unit.${u}`) }))}
          />
        </div>
        <div className="field-row">
          <TextField
            name="minOrderQty"
            label={t("dashboard:fields.minOrderQty")}
            errors={errors}
            inputMode="numeric"
            defaultValue={v("minOrderQty", defaults.minOrderQty ?? 1)}
            hint={t("dashboard:fields.minOrderQtyHint")}
          />
          <TextField
            name="stock"
            label={t("dashboard:fields.stock")}
            errors={errors}
            inputMode="numeric"
            defaultValue={v("stock", defaults.stock ?? 0)}
            hint={t("dashboard:fields.stockHint")}
          />
        </div>
      </fieldset>

      <PriceTierFields errors={errors} values={values} tiers={defaults.priceTiers} />

      <fieldset>
        <legend>{t("dashboard:fields.sectionOrigin")}</legend>
        <div className="field-row">
          <SelectField
            name="originProvinceCode"
            label={t("dashboard:fields.originProvince")}
            errors={errors}
            required
            defaultValue={v("originProvinceCode", defaults.originProvinceCode)}
            placeholder={t("geo:chooseProvince")}
            options={PROVINCES.map((p) => ({ value: p.code, label: p.name }))}
          />
          <TextField
            name="originRegion"
            label={t("geo:originRegion")}
            hint={t("geo:originRegionHint")}
            errors={errors}
            defaultValue={v("originRegion", defaults.originRegion)}
          />
        </div>
        <HarvestMonthPicker
          errors={errors}
          selected={valuesOf(values, "harvestMonths", (defaults.harvestMonths ?? []).map(String))}
        />
        <TextField
          name="shelfLifeDays"
          label={t("dashboard:fields.shelfLifeDays")}
          errors={errors}
          inputMode="numeric"
          defaultValue={v("shelfLifeDays", defaults.shelfLifeDays)}
          hint={t("dashboard:fields.shelfLifeDaysHint")}
        />
        <CheckboxGroup
          name="certifications"
          legend={t("dashboard:fields.certifications")}
          errors={errors}
          selected={valuesOf(values, "certifications", defaults.certifications ?? [])}
          options={CERTIFICATIONS.map((c) => ({ value: c, label: t(`catalogue:certification.${c}`) }))}
        />
      </fieldset>
    </>
  );
}
