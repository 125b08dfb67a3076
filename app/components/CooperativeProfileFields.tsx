import { useTranslation } from "react-i18next";
import { COOPERATIVE_KINDS, SECTORS } from "../../server/vocabulary/domain";
import {
  BilingualField,
  CheckboxGroup,
  SelectField,
  TextField,
  valueOf,
  valuesOf,
  type Errors,
} from "./Fields";
import { AddressFields, type WardOption } from "./AddressFields";

export interface CooperativeProfileDefaults {
  name?: string;
  kind?: string;
  provinceCode?: string;
  wardCode?: string | null;
  /** Set while the address still awaits its ward on the 2025 map. */
  formerUnits?: string | null;
  address?: string;
  foundedYear?: number | null;
  memberCount?: number | null;
  sectors?: string[];
  descriptionVi?: string;
  descriptionEn?: string | null;
  representative?: string;
  phone?: string;
  email?: string | null;
  website?: string | null;
}

/** The cooperative's profile fields: registration and the member's edit page share them. */
export function CooperativeProfileFields({
  errors,
  values,
  defaults = {},
  wards = [],
}: {
  errors: Errors;
  values?: Record<string, string | string[]>;
  defaults?: CooperativeProfileDefaults;
  /** The wards of the province the form starts with. */
  wards?: readonly WardOption[];
}) {
  const { t } = useTranslation();
  const v = (name: string, fallback?: string | number | null) => valueOf(values, name, fallback);
  return (
    <>
      <TextField
        name="cooperativeName"
        label={t("cooperatives:fields.name")}
        errors={errors}
        defaultValue={v("cooperativeName", defaults.name)}
        hint={t("cooperatives:fields.nameHint")}
      />
      <SelectField
        name="kind"
        label={t("cooperatives:fields.kind")}
        errors={errors}
        defaultValue={v("kind", defaults.kind ?? "cooperative")}
        options={COOPERATIVE_KINDS.map((k) => ({ value: k, label: t(`cooperatives:kind.${k}`) }))}
      />
      <AddressFields
        errors={errors}
        province={v("provinceCode", defaults.provinceCode)}
        ward={v("wardCode", defaults.wardCode)}
        wards={wards}
        formerUnits={defaults.formerUnits}
      />
      <TextField
        name="address"
        label={t("cooperatives:fields.address")}
        errors={errors}
        defaultValue={v("address", defaults.address)}
        hint={t("cooperatives:fields.addressHint")}
      />
      <div className="field-row">
        <TextField
          name="foundedYear"
          label={t("cooperatives:fields.foundedYear")}
          errors={errors}
          inputMode="numeric"
          defaultValue={v("foundedYear", defaults.foundedYear)}
        />
        <TextField
          name="memberCount"
          label={t("cooperatives:fields.memberCount")}
          errors={errors}
          inputMode="numeric"
          defaultValue={v("memberCount", defaults.memberCount)}
        />
      </div>
      <CheckboxGroup
        name="sectors"
        legend={t("cooperatives:fields.sectors")}
        errors={errors}
        selected={valuesOf(values, "sectors", defaults.sectors ?? [])}
        options={SECTORS.map((s) => ({ value: s, label: t(`cooperatives:sector.${s}`) }))}
      />
      <BilingualField
        name="description"
        multiline
        labels={[t("cooperatives:fields.descriptionVi"), t("cooperatives:fields.descriptionEn")]}
        hints={[t("cooperatives:fields.descriptionViHint"), t("cooperatives:fields.descriptionEnHint")]}
        defaults={[v("descriptionVi", defaults.descriptionVi), v("descriptionEn", defaults.descriptionEn)]}
        errors={errors}
      />
      <div className="field-row">
        <TextField
          name="representative"
          label={t("cooperatives:fields.representative")}
          errors={errors}
          defaultValue={v("representative", defaults.representative)}
        />
        <TextField
          name="cooperativePhone"
          label={t("cooperatives:fields.phone")}
          errors={errors}
          type="tel"
          inputMode="tel"
          defaultValue={v("cooperativePhone", defaults.phone)}
        />
      </div>
      <div className="field-row">
        <TextField
          name="cooperativeEmail"
          label={t("cooperatives:fields.email")}
          errors={errors}
          type="email"
          defaultValue={v("cooperativeEmail", defaults.email)}
        />
        <TextField
          name="website"
          label={t("cooperatives:fields.website")}
          errors={errors}
          type="url"
          defaultValue={v("website", defaults.website)}
        />
      </div>
    </>
  );
}
