import { useTranslation } from "react-i18next";
import { CATEGORIES, CERTIFICATIONS, PRODUCT_STATUSES, UNITS } from "../lib/domain";
import { ProvinceDistrictFields } from "./ProvinceDistrictFields";
import { CheckboxGroup, SelectField, TextArea, TextField, valueOf, valuesOf, type Errors } from "./Fields";

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
  originDistrictCode?: string | null;
  harvestMonths?: number[];
  shelfLifeDays?: number | null;
  certifications?: string[];
  tags?: string[];
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

const MONTHS = Array.from({ length: 12 }, (_, i) => String(i + 1));

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
          required
          maxLength={64}
          autoComplete="off"
          defaultValue={v("sku", defaults.sku)}
          hint={t("dashboard:fields.skuHint")}
        />
        <div className="field-row">
          <TextField
            name="nameVi"
            label={t("dashboard:fields.nameVi")}
            errors={errors}
            required
            maxLength={200}
            defaultValue={v("nameVi", defaults.nameVi)}
          />
          <TextField
            name="nameEn"
            label={t("dashboard:fields.nameEn")}
            errors={errors}
            maxLength={200}
            defaultValue={v("nameEn", defaults.nameEn)}
            hint={t("dashboard:fields.nameEnHint")}
          />
        </div>
        <TextArea
          name="descriptionVi"
          label={t("dashboard:fields.descriptionVi")}
          errors={errors}
          required
          rows={5}
          maxLength={5000}
          defaultValue={v("descriptionVi", defaults.descriptionVi)}
          hint={t("dashboard:fields.descriptionViHint")}
        />
        <TextArea
          name="descriptionEn"
          label={t("dashboard:fields.descriptionEn")}
          errors={errors}
          rows={5}
          maxLength={5000}
          defaultValue={v("descriptionEn", defaults.descriptionEn)}
          hint={t("dashboard:fields.descriptionEnHint")}
        />
        <div className="field-row">
          <SelectField
            name="category"
            label={t("dashboard:fields.category")}
            errors={errors}
            required
            defaultValue={v("category", defaults.category)}
            placeholder={t("dashboard:fields.chooseCategory")}
            options={CATEGORIES.map((c) => ({ value: c, label: t(`cooperatives:sector.${c}`) }))}
          />
          {statusField === "select" ? (
            <SelectField
              name="status"
              label={t("dashboard:fields.status")}
              errors={errors}
              required
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
            required
            inputMode="numeric"
            defaultValue={v("priceVnd", defaults.priceVnd)}
            hint={t("dashboard:fields.priceVndHint")}
          />
          <SelectField
            name="unit"
            label={t("dashboard:fields.unit")}
            errors={errors}
            required
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

      <fieldset>
        <legend>{t("dashboard:fields.sectionOrigin")}</legend>
        <ProvinceDistrictFields
          errors={errors}
          province={v("originProvinceCode", defaults.originProvinceCode)}
          district={v("originDistrictCode", defaults.originDistrictCode)}
          names={{ province: "originProvinceCode", district: "originDistrictCode" }}
          labels={{
            province: t("dashboard:fields.originProvince"),
            district: t("dashboard:fields.originDistrict"),
          }}
          districtRequired={false}
        />
        <CheckboxGroup
          name="harvestMonths"
          legend={t("dashboard:fields.harvestMonths")}
          errors={errors}
          selected={valuesOf(values, "harvestMonths", (defaults.harvestMonths ?? []).map(String))}
          options={MONTHS.map((m) => ({ value: m, label: t(`catalogue:month.${m}`) }))}
          required={false}
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
          required={false}
        />
      </fieldset>
    </>
  );
}
