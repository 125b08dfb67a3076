import { useTranslation } from "react-i18next";
import { PROVINCES } from "../../server/vocabulary/geo";
import { vietnamLocalInput } from "./FairFields";
import { BilingualField, SelectField, TextField, valueOf, type Errors } from "./Fields";

type Values = Record<string, string | string[]> | undefined;

/** The stored conference as the form shows it; absent for a new one. */
export interface ConferenceDefaults {
  nameVi?: string;
  nameEn?: string | null;
  descriptionVi?: string;
  descriptionEn?: string | null;
  fairId?: number | null;
  venue?: string;
  address?: string | null;
  provinceCode?: string;
  startsOn?: string;
  endsOn?: string;
  meetingMinutes?: number;
  tables?: number;
  maxMeetings?: number;
  /** ISO instants, shown in Vietnam's time. */
  registrationOpensAt?: string;
  registrationClosesAt?: string;
}

export const NEW_CONFERENCE_DEFAULTS: ConferenceDefaults = {
  meetingMinutes: 20,
  tables: 20,
  maxMeetings: 12,
};

/**
 * A conference's fields, for "create" and "edit": what it is, where (on its own or at a fair), when, the meeting
 * length, tables and per-person cap, and the registration window. What a failed submission carried wins.
 */
export function ConferenceFields({
  errors,
  values,
  defaults = NEW_CONFERENCE_DEFAULTS,
  fairs,
}: {
  errors: Errors;
  values: Values;
  defaults?: ConferenceDefaults;
  fairs: Array<{ id: number; name: string }>;
}) {
  const { t } = useTranslation();
  const v = (name: keyof ConferenceDefaults, fallback?: string | number | null) =>
    valueOf(values, name, fallback ?? (defaults[name] as string | number | null | undefined));
  return (
    <>
      <fieldset>
        <legend>{t("conferences:form.about")}</legend>
        <BilingualField
          name="name"
          labels={[t("conferences:form.nameVi"), t("conferences:form.nameEn")]}
          defaults={[v("nameVi"), v("nameEn")]}
          errors={errors}
        />
        <BilingualField
          name="description"
          multiline
          labels={[t("conferences:form.descriptionVi"), t("conferences:form.descriptionEn")]}
          defaults={[v("descriptionVi"), v("descriptionEn")]}
          errors={errors}
        />
        <SelectField
          name="fairId"
          label={t("conferences:form.fair")}
          hint={t("conferences:form.fairHint")}
          placeholder={t("conferences:form.noFair")}
          options={fairs.map((f) => ({ value: String(f.id), label: f.name }))}
          errors={errors}
          defaultValue={v("fairId")}
        />
        <TextField
          name="venue"
          label={t("conferences:form.venue")}
          errors={errors}
          defaultValue={v("venue")}
        />
        <TextField
          name="address"
          label={t("conferences:form.address")}
          errors={errors}
          defaultValue={v("address")}
        />
        <SelectField
          name="provinceCode"
          label={t("conferences:form.province")}
          placeholder="—"
          options={PROVINCES.map((p) => ({ value: p.code, label: p.name }))}
          errors={errors}
          defaultValue={v("provinceCode")}
        />
      </fieldset>
      <fieldset>
        <legend>{t("conferences:form.dates")}</legend>
        <div className="field-row">
          <TextField
            name="startsOn"
            type="date"
            label={t("conferences:form.startsOn")}
            errors={errors}
            defaultValue={v("startsOn")}
          />
          <TextField
            name="endsOn"
            type="date"
            label={t("conferences:form.endsOn")}
            errors={errors}
            defaultValue={v("endsOn")}
          />
        </div>
        <div className="field-row">
          <TextField
            name="registrationOpensAt"
            type="datetime-local"
            label={t("conferences:form.registrationOpensAt")}
            hint={t("conferences:form.vietnamTime")}
            errors={errors}
            defaultValue={v("registrationOpensAt", vietnamLocalInput(defaults.registrationOpensAt))}
          />
          <TextField
            name="registrationClosesAt"
            type="datetime-local"
            label={t("conferences:form.registrationClosesAt")}
            hint={t("conferences:form.closesHint")}
            errors={errors}
            defaultValue={v("registrationClosesAt", vietnamLocalInput(defaults.registrationClosesAt))}
          />
        </div>
      </fieldset>
      <fieldset>
        <legend>{t("conferences:form.meetings")}</legend>
        <div className="field-row">
          <TextField
            name="meetingMinutes"
            type="number"
            inputMode="numeric"
            label={t("conferences:form.meetingMinutes")}
            errors={errors}
            defaultValue={v("meetingMinutes")}
          />
          <TextField
            name="tables"
            type="number"
            inputMode="numeric"
            label={t("conferences:form.tables")}
            errors={errors}
            defaultValue={v("tables")}
          />
          <TextField
            name="maxMeetings"
            type="number"
            inputMode="numeric"
            label={t("conferences:form.maxMeetings")}
            hint={t("conferences:form.maxMeetingsHint")}
            errors={errors}
            defaultValue={v("maxMeetings")}
          />
        </div>
      </fieldset>
    </>
  );
}
