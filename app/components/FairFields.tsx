import { useTranslation } from "react-i18next";
import { vietnamDateTimeLocal } from "../../server/vocabulary/dates";
import { AddressFields, type WardOption } from "./AddressFields";
import { BilingualField, FieldMessage, SelectField, TextField, valueOf, type Errors } from "./Fields";

type Values = Record<string, string | string[]> | undefined;

/** The stored fair as the form shows it; absent for a new fair. */
export interface FairDefaults {
  nameVi?: string;
  nameEn?: string | null;
  descriptionVi?: string;
  descriptionEn?: string | null;
  organiser?: string;
  organiserEn?: string | null;
  venue?: string;
  venueEn?: string | null;
  provinceCode?: string;
  wardCode?: string | null;
  startsOn?: string;
  endsOn?: string;
  /** ISO instants; shown in Vietnam's time. */
  bookingOpensAt?: string;
  bookingClosesAt?: string;
  maxBoothsPerCooperative?: number;
  requiresApproval?: boolean;
  holdMinutes?: number;
  transferDays?: number;
  offerHours?: number;
  bankBin?: string | null;
  bankAccountNo?: string | null;
  bankAccountName?: string | null;
}

/** What a new fair starts with: the domain's defaults, so staff see them rather than guess. */
export const NEW_FAIR_DEFAULTS: FairDefaults = {
  maxBoothsPerCooperative: 2,
  requiresApproval: false,
  holdMinutes: 15,
  transferDays: 5,
  offerHours: 48,
};

/**
 * "2026-12-01T01:00:00.000Z" → "2026-12-01T08:00": a datetime-local input holds Vietnam's wall-clock time,
 * which is what the server reads it as (server/fairs/schemas.ts).
 */
export function vietnamLocalInput(iso: string | null | undefined): string | undefined {
  if (!iso || Number.isNaN(Date.parse(iso))) return undefined;
  return vietnamDateTimeLocal(iso);
}

/** A tick box with the markup of the shared fields: hint and error beside it, announced by id. */
export function CheckboxField({
  name,
  label,
  hint,
  errors,
  checked,
}: {
  name: string;
  label: string;
  hint?: string;
  errors: Errors;
  checked: boolean;
}) {
  const error = errors?.[name];
  const described = [error ? `${name}-error` : null, hint ? `${name}-hint` : null].filter(Boolean).join(" ");
  return (
    <div className={`field fa-checkbox-field${error ? " field-invalid" : ""}`}>
      <label className="checkbox" htmlFor={name}>
        <input
          type="checkbox"
          id={name}
          name={name}
          defaultChecked={checked}
          aria-invalid={error ? true : undefined}
          aria-describedby={described || undefined}
        />
        <span>{label}</span>
      </label>
      {hint && (
        <p className="field-hint" id={`${name}-hint`}>
          {hint}
        </p>
      )}
      <FieldMessage id={`${name}-error`} error={error} />
    </div>
  );
}

/**
 * Whole metres and đồng: a numeric text input (no spinner arrows to nudge by accident). Whether it is required,
 * and its bounds, come from the form's schema through <FieldRules>.
 */
export function NumberField({
  name,
  id,
  label,
  hint,
  errors,
  value,
}: {
  name: string;
  /** The element id when several forms on the page have a field of this name. */
  id?: string;
  label: string;
  hint?: string;
  errors: Errors;
  value: string | number | undefined | null;
}) {
  return (
    <TextField
      name={name}
      id={id}
      label={label}
      hint={hint}
      errors={errors}
      inputMode="numeric"
      autoComplete="off"
      defaultValue={value}
    />
  );
}

/**
 * The fair form's fields, shared by "create" and "edit": what the fair is, when it runs and takes bookings,
 * the booking rules and the account booth fees are paid to. A failed submission's values win over the stored
 * ones, so nothing typed is lost.
 */
export function FairFields({
  errors,
  values,
  defaults = NEW_FAIR_DEFAULTS,
  banks,
  wards = [],
}: {
  errors: Errors;
  values: Values;
  defaults?: FairDefaults;
  banks: Array<{ value: string; label: string }>;
  /** The wards of the venue's province, from the loader. */
  wards?: readonly WardOption[];
}) {
  const { t } = useTranslation();
  const v = (name: keyof FairDefaults, fallback?: string | number | null) =>
    valueOf(values, name, fallback ?? (defaults[name] as string | number | null | undefined));
  // An unticked box is absent from a submission, so after a failed one its absence means "no".
  const approval = values ? values.requiresApproval === "on" : Boolean(defaults.requiresApproval);
  return (
    <>
      <fieldset>
        <legend>{t("fairAdmin:form.about")}</legend>
        <BilingualField
          name="name"
          labels={[t("fairAdmin:form.nameVi"), t("fairAdmin:form.nameEn")]}
          hints={[undefined, t("fairAdmin:form.enHint")]}
          defaults={[v("nameVi"), v("nameEn")]}
          errors={errors}
        />
        <BilingualField
          name="description"
          multiline
          labels={[t("fairAdmin:form.descriptionVi"), t("fairAdmin:form.descriptionEn")]}
          hints={[t("fairAdmin:form.descriptionHint")]}
          defaults={[v("descriptionVi"), v("descriptionEn")]}
          errors={errors}
        />
        <TextField
          name="organiser"
          label={t("fairAdmin:form.organiser")}
          hint={t("fairAdmin:form.organiserHint")}
          errors={errors}
          defaultValue={v("organiser")}
        />
        <AddressFields
          errors={errors}
          province={v("provinceCode")}
          ward={v("wardCode")}
          wards={wards}
          street={{ name: "venue", label: t("fairAdmin:form.venue"), value: v("venue") }}
        />
        <div className="field-row">
          <TextField
            name="organiserEn"
            label={t("fairAdmin:form.organiserEn")}
            hint={t("fairAdmin:form.enHint")}
            errors={errors}
            defaultValue={v("organiserEn")}
          />
          <TextField
            name="venueEn"
            label={t("fairAdmin:form.venueEn")}
            hint={t("fairAdmin:form.enHint")}
            errors={errors}
            defaultValue={v("venueEn")}
          />
        </div>
      </fieldset>

      <fieldset>
        <legend>{t("fairAdmin:form.dates")}</legend>
        <div className="field-row">
          <TextField
            name="startsOn"
            type="date"
            label={t("fairAdmin:form.startsOn")}
            errors={errors}
            defaultValue={v("startsOn")}
          />
          <TextField
            name="endsOn"
            type="date"
            label={t("fairAdmin:form.endsOn")}
            errors={errors}
            defaultValue={v("endsOn")}
          />
        </div>
        <div className="field-row">
          <TextField
            name="bookingOpensAt"
            type="datetime-local"
            label={t("fairAdmin:form.bookingOpensAt")}
            hint={t("fairAdmin:form.vietnamTime")}
            errors={errors}
            defaultValue={v("bookingOpensAt", vietnamLocalInput(defaults.bookingOpensAt))}
          />
          <TextField
            name="bookingClosesAt"
            type="datetime-local"
            label={t("fairAdmin:form.bookingClosesAt")}
            hint={t("fairAdmin:form.closesHint")}
            errors={errors}
            defaultValue={v("bookingClosesAt", vietnamLocalInput(defaults.bookingClosesAt))}
          />
        </div>
      </fieldset>

      <fieldset>
        <legend>{t("fairAdmin:form.rules")}</legend>
        <div className="field-row">
          <TextField
            name="maxBoothsPerCooperative"
            type="number"
            inputMode="numeric"
            label={t("fairAdmin:form.maxBooths")}
            hint={t("fairAdmin:form.maxBoothsHint")}
            errors={errors}
            defaultValue={v("maxBoothsPerCooperative")}
          />
          <TextField
            name="holdMinutes"
            type="number"
            inputMode="numeric"
            label={t("fairAdmin:form.holdMinutes")}
            hint={t("fairAdmin:form.holdMinutesHint")}
            errors={errors}
            defaultValue={v("holdMinutes")}
          />
        </div>
        <CheckboxField
          name="requiresApproval"
          label={t("fairAdmin:form.requiresApproval")}
          hint={t("fairAdmin:form.requiresApprovalHint")}
          errors={errors}
          checked={approval}
        />
        <div className="field-row">
          <TextField
            name="transferDays"
            type="number"
            inputMode="numeric"
            label={t("fairAdmin:form.transferDays")}
            hint={t("fairAdmin:form.transferDaysHint")}
            errors={errors}
            defaultValue={v("transferDays")}
          />
          <TextField
            name="offerHours"
            type="number"
            inputMode="numeric"
            label={t("fairAdmin:form.offerHours")}
            hint={t("fairAdmin:form.offerHoursHint")}
            errors={errors}
            defaultValue={v("offerHours")}
          />
        </div>
      </fieldset>

      <fieldset>
        <legend>{t("fairAdmin:form.bank")}</legend>
        <p className="field-hint">{t("fairAdmin:form.bankLead")}</p>
        <SelectField
          name="bankBin"
          label={t("sales:bank.bank")}
          errors={errors}
          placeholder={t("sales:bank.choose")}
          options={banks}
          defaultValue={v("bankBin")}
        />
        <div className="field-row">
          <TextField
            name="bankAccountNo"
            label={t("sales:bank.accountNo")}
            hint={t("sales:bank.accountNoHint")}
            errors={errors}
            inputMode="numeric"
            autoComplete="off"
            defaultValue={v("bankAccountNo")}
          />
          <TextField
            name="bankAccountName"
            label={t("sales:bank.accountName")}
            hint={t("fairAdmin:form.accountNameHint")}
            errors={errors}
            autoComplete="off"
            defaultValue={v("bankAccountName")}
          />
        </div>
      </fieldset>
    </>
  );
}
