import { useTranslation } from "react-i18next";
import { CATEGORIES, CERTIFICATIONS, FREQUENCIES, UNITS } from "../../server/vocabulary/domain";
import { PROVINCES } from "../../server/vocabulary/geo";
import { CheckboxGroup, SelectField, TextArea, TextField, valueOf, valuesOf, type Errors } from "./Fields";

/** What the edit page starts from: a demand as its owner sees it. */
export interface DemandDefaults {
  category?: string;
  title?: string;
  description?: string;
  quantity?: number;
  unit?: string;
  frequency?: string;
  priceMinVnd?: number | null;
  priceMaxVnd?: number | null;
  deliveryProvinceCode?: string;
  deliveryFrom?: string | null;
  deliveryTo?: string | null;
  certifications?: string[];
  minOcopStars?: number | null;
  notes?: string | null;
}

const OCOP_CHOICES = ["3", "4", "5"] as const;

/**
 * The demand form's fields, shared by the new and edit pages; names are those of demandSchema. After a failed
 * post the user's input (`values`) wins over the stored demand (`defaults`).
 */
export function DemandFields({
  errors,
  values,
  defaults = {},
}: {
  errors: Errors;
  values?: Record<string, string | string[]>;
  defaults?: DemandDefaults;
}) {
  const { t } = useTranslation();
  const v = (name: string, fallback?: string | number | null) => valueOf(values, name, fallback);
  return (
    <>
      <fieldset>
        <legend>{t("demands:fields.sectionWhat")}</legend>
        <SelectField
          name="category"
          label={t("demands:fields.category")}
          errors={errors}
          defaultValue={v("category", defaults.category)}
          placeholder={t("demands:fields.chooseCategory")}
          options={CATEGORIES.map((c) => ({ value: c, label: t(`cooperatives:sector.${c}`) }))}
        />
        <TextField
          name="title"
          label={t("demands:fields.title")}
          errors={errors}
          autoComplete="off"
          defaultValue={v("title", defaults.title)}
          hint={t("demands:fields.titleHint")}
        />
        <TextArea
          name="description"
          label={t("demands:fields.description")}
          errors={errors}
          rows={5}
          defaultValue={v("description", defaults.description)}
          hint={t("demands:fields.descriptionHint")}
        />
      </fieldset>

      <fieldset>
        <legend>{t("demands:fields.sectionTerms")}</legend>
        <div className="field-row">
          <TextField
            name="quantity"
            label={t("demands:fields.quantity")}
            errors={errors}
            inputMode="numeric"
            defaultValue={v("quantity", defaults.quantity)}
          />
          <SelectField
            name="unit"
            label={t("demands:fields.unit")}
            errors={errors}
            defaultValue={v("unit", defaults.unit)}
            placeholder={t("demands:fields.chooseUnit")}
            options={UNITS.map((u) => ({ value: u, label: t(`catalogue:unit.${u}`) }))}
          />
          <SelectField
            name="frequency"
            label={t("demands:fields.frequency")}
            errors={errors}
            defaultValue={v("frequency", defaults.frequency ?? "once")}
            options={FREQUENCIES.map((f) => ({ value: f, label: t(`demands:frequency.${f}`) }))}
          />
        </div>
        <div className="field-row">
          <TextField
            name="priceMinVnd"
            label={t("demands:fields.priceMinVnd")}
            errors={errors}
            inputMode="numeric"
            defaultValue={v("priceMinVnd", defaults.priceMinVnd)}
            hint={t("demands:fields.priceHint")}
          />
          <TextField
            name="priceMaxVnd"
            label={t("demands:fields.priceMaxVnd")}
            errors={errors}
            inputMode="numeric"
            defaultValue={v("priceMaxVnd", defaults.priceMaxVnd)}
          />
        </div>
      </fieldset>

      <fieldset>
        <legend>{t("demands:fields.sectionDelivery")}</legend>
        <SelectField
          name="deliveryProvinceCode"
          label={t("demands:fields.deliveryProvinceCode")}
          errors={errors}
          defaultValue={v("deliveryProvinceCode", defaults.deliveryProvinceCode)}
          placeholder={t("demands:fields.chooseProvince")}
          options={PROVINCES.map((p) => ({ value: p.code, label: p.name }))}
        />
        <div className="field-row">
          <TextField
            name="deliveryFrom"
            type="date"
            label={t("demands:fields.deliveryFrom")}
            errors={errors}
            defaultValue={v("deliveryFrom", defaults.deliveryFrom)}
          />
          <TextField
            name="deliveryTo"
            type="date"
            label={t("demands:fields.deliveryTo")}
            errors={errors}
            defaultValue={v("deliveryTo", defaults.deliveryTo)}
          />
        </div>
      </fieldset>

      <fieldset>
        <legend>{t("demands:fields.sectionRequirements")}</legend>
        <CheckboxGroup
          name="certifications"
          legend={t("demands:fields.certifications")}
          errors={errors}
          required={false}
          selected={valuesOf(values, "certifications", defaults.certifications ?? [])}
          options={CERTIFICATIONS.map((c) => ({ value: c, label: t(`catalogue:certification.${c}`) }))}
        />
        <SelectField
          name="minOcopStars"
          label={t("demands:fields.minOcopStars")}
          errors={errors}
          defaultValue={v("minOcopStars", defaults.minOcopStars)}
          placeholder={t("demands:fields.ocopNone")}
          options={OCOP_CHOICES.map((s) => ({
            value: s,
            label: t("demands:fields.ocopStars", { stars: s }),
          }))}
        />
        <TextArea
          name="notes"
          label={t("demands:fields.notes")}
          errors={errors}
          rows={3}
          defaultValue={v("notes", defaults.notes)}
          hint={t("demands:fields.notesHint")}
        />
      </fieldset>
    </>
  );
}
