import { useTranslation } from "react-i18next";
import { ORGANISATION_KINDS } from "../../server/vocabulary/domain";
import { AddressFields, type WardOption } from "./AddressFields";
import { SelectField, TextField, valueOf, type Errors } from "./Fields";

/** The business a buyer buys for: registration and the account page share these fields. */
export function OrganisationFields({
  errors,
  values,
  defaults,
  wards = [],
}: {
  errors: Errors;
  values?: Record<string, string | string[]>;
  defaults?: {
    name?: string;
    kind?: string;
    taxCode?: string | null;
    provinceCode?: string | null;
    wardCode?: string | null;
    address?: string | null;
  };
  /** The wards of the organisation's province, from the loader. */
  wards?: readonly WardOption[];
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        name="organisationName"
        label={t("account:organisation.name")}
        errors={errors}
        defaultValue={valueOf(values, "organisationName", defaults?.name)}
      />
      <div className="field-row">
        <SelectField
          name="organisationKind"
          label={t("account:organisation.kind")}
          errors={errors}
          defaultValue={valueOf(values, "organisationKind", defaults?.kind ?? "distributor")}
          options={ORGANISATION_KINDS.map((k) => ({ value: k, label: t(`account:organisationKind.${k}`) }))}
        />
        <TextField
          name="taxCode"
          label={t("account:organisation.taxCode")}
          errors={errors}
          inputMode="numeric"
          defaultValue={valueOf(values, "taxCode", defaults?.taxCode)}
          hint={t("account:organisation.taxCodeHint")}
        />
      </div>
      <AddressFields
        errors={errors}
        names={{ province: "organisationProvinceCode", ward: "organisationWardCode" }}
        province={valueOf(values, "organisationProvinceCode", defaults?.provinceCode)}
        ward={valueOf(values, "organisationWardCode", defaults?.wardCode)}
        wards={wards}
        required={false}
        street={{
          name: "organisationAddress",
          label: t("account:organisation.address"),
          value: valueOf(values, "organisationAddress", defaults?.address),
        }}
      />
    </>
  );
}
