import { useTranslation } from "react-i18next";
import { CATEGORIES, CERTIFICATIONS, UNITS } from "../../server/vocabulary/domain";
import { AGREEMENT_TYPES } from "../../server/agreements/content";
import {
  CheckboxField,
  CheckboxGroup,
  SelectField,
  TextArea,
  TextField,
  valueOf,
  valuesOf,
  type Errors,
} from "./Fields";

type Values = Record<string, string | string[]>;

function PartyFields({
  prefix,
  values,
  errors,
}: {
  prefix: "buyer" | "supplier";
  values: Values;
  errors?: Errors;
}) {
  const { t } = useTranslation();
  const field = (name: string, extra: { type?: string; autoComplete?: string } = {}) => (
    <TextField
      name={`${prefix}${name}`}
      label={t(`agreements:form.${name.charAt(0).toLowerCase()}${name.slice(1)}`)}
      defaultValue={valueOf(values, `${prefix}${name}`)}
      errors={errors}
      {...extra}
    />
  );
  return (
    <fieldset className="stack">
      <legend>{t(`agreements:form.${prefix}`)}</legend>
      {field("LegalName")}
      {field("Representative")}
      {field("RepresentativeTitle")}
      {field("TaxCode")}
      {field("Address")}
      {field("Phone", { type: "tel" })}
      {field("Email", { type: "email" })}
    </fieldset>
  );
}

/** Every term of an agreement, as a party writes or changes it; `values` are the current version's (or the failed form's). */
export function AgreementTermsFields({ values, errors }: { values: Values; errors?: Errors }) {
  const { t } = useTranslation();
  const text = (name: string, hint?: string) => (
    <TextField
      name={name}
      label={t(`agreements:form.${name}`)}
      defaultValue={valueOf(values, name)}
      errors={errors}
      hint={hint}
    />
  );
  const area = (name: string) => (
    <TextArea
      name={name}
      label={t(`agreements:form.${name}`)}
      defaultValue={valueOf(values, name)}
      errors={errors}
    />
  );
  const dates = valuesOf(values, "deliveryDate");
  const quantities = valuesOf(values, "deliveryQuantity");
  // The schedule's rows, and two empty ones to add deliveries without JavaScript.
  const rows = Math.max(dates.length, quantities.length) + 2;
  return (
    <>
      <SelectField
        name="type"
        label={t("agreements:form.type")}
        defaultValue={valueOf(values, "type")}
        options={AGREEMENT_TYPES.map((type) => ({ value: type, label: t(`agreements:type.${type}`) }))}
        errors={errors}
      />
      <CheckboxField
        name="english"
        legend={t("agreements:form.languages")}
        label={t("agreements:form.english")}
        defaultChecked={valueOf(values, "english") === "on"}
        errors={errors}
      />
      <div className="grid-2">
        <PartyFields prefix="buyer" values={values} errors={errors} />
        <PartyFields prefix="supplier" values={values} errors={errors} />
      </div>
      <fieldset className="stack">
        <legend>{t("agreements:detail.product")}</legend>
        {text("productName")}
        <SelectField
          name="category"
          label={t("agreements:form.category")}
          defaultValue={valueOf(values, "category")}
          options={CATEGORIES.map((c) => ({ value: c, label: t(`cooperatives:sector.${c}`) }))}
          errors={errors}
        />
        {area("qualityStandard")}
        <CheckboxGroup
          name="certifications"
          legend={t("agreements:form.certifications")}
          options={CERTIFICATIONS.map((c) => ({ value: c, label: t(`catalogue:certification.${c}`) }))}
          selected={valuesOf(values, "certifications")}
          errors={errors}
        />
        {text("minOcopStars")}
        <div className="grid-2">
          {text("quantity")}
          <SelectField
            name="unit"
            label={t("agreements:form.unit")}
            defaultValue={valueOf(values, "unit")}
            options={UNITS.map((u) => ({ value: u, label: t(`catalogue:unit.${u}`) }))}
            errors={errors}
          />
          {text("unitPriceVnd")}
          {text("totalVnd", t("agreements:form.totalHint"))}
        </div>
      </fieldset>
      <fieldset className="stack">
        <legend>{t("agreements:detail.deliveries")}</legend>
        {Array.from({ length: rows }, (_, i) => (
          <div className="grid-2" key={i}>
            <TextField
              id={`deliveryDate-${i}`}
              name="deliveryDate"
              type="date"
              label={t("agreements:form.deliveryDate")}
              defaultValue={dates[i] ?? ""}
              required={false}
              errors={undefined}
            />
            <TextField
              id={`deliveryQuantity-${i}`}
              name="deliveryQuantity"
              inputMode="numeric"
              label={t("agreements:form.deliveryQuantity")}
              defaultValue={quantities[i] ?? ""}
              required={false}
              errors={undefined}
            />
          </div>
        ))}
        {errors?.deliveryQuantity && (
          <p className="field-error">{t(`errors:${errors.deliveryQuantity.code}`)}</p>
        )}
      </fieldset>
      <fieldset className="stack">
        <legend>{t("agreements:detail.terms")}</legend>
        {area("paymentTermsVi")}
        {area("paymentTermsEn")}
        {area("deliveryTermsVi")}
        {area("deliveryTermsEn")}
        {area("disputeClauseVi")}
        {area("disputeClauseEn")}
        <div className="grid-2">
          <TextField
            name="validFrom"
            type="date"
            label={t("agreements:form.validFrom")}
            defaultValue={valueOf(values, "validFrom")}
            errors={errors}
          />
          <TextField
            name="validUntil"
            type="date"
            label={t("agreements:form.validUntil")}
            defaultValue={valueOf(values, "validUntil")}
            errors={errors}
          />
        </div>
        {area("note")}
      </fieldset>
    </>
  );
}

/**
 * A changed field of the content (server/agreements/content.ts: "parties.buyer.taxCode", "paymentTerms.en") in
 * the words of the form where it is written: "Buyer (Party A): Tax code", "Payment terms (English)".
 */
export function changedFieldLabel(path: string, t: (key: string) => string): string {
  const [head, key, sub] = path.split(".");
  if (head === "parties" && key && sub)
    return `${t(`agreements:form.${key}`)}: ${t(`agreements:form.${sub}`)}`;
  if (head === "product")
    return t(`agreements:form.${key === "name" ? "productName" : (key ?? "productName")}`);
  if (head === "paymentTerms" || head === "deliveryTerms" || head === "disputeClause")
    return t(`agreements:form.${head}${key === "en" ? "En" : "Vi"}`);
  if (head === "deliveries") return t("agreements:detail.deliveries");
  if (head === "languages") return t("agreements:form.languages");
  return t(`agreements:form.${head}`);
}
