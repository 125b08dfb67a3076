import { useFetcher } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { PROVINCES } from "../../server/vocabulary/geo";
import { SelectField, TextField, type Errors } from "./Fields";

export interface WardOption {
  code: string;
  name: string;
  type: string;
}

/**
 * An address on the 2025 map: province, then ward/commune, then street. The page's loader sends the wards of the
 * province it starts with (`wardsOf`), so the form works without JavaScript (the server checks the pair); in the
 * browser, choosing another province fetches its wards.
 */
export function AddressFields({
  errors,
  province,
  ward,
  wards,
  street,
  names = { province: "provinceCode", ward: "wardCode" },
  labels,
  formerUnits,
  required = true,
}: {
  errors: Errors;
  province?: string | null;
  ward?: string | null;
  /** The wards of `province`, from the loader. */
  wards: readonly WardOption[];
  /** The street field, when the address has one (a product's origin does not). */
  street?: { name: string; value?: string | null; label?: string; hint?: string };
  names?: { province: string; ward: string };
  labels?: { province?: string; ward?: string };
  /** The pre-2025 units this address was moved from, shown until it is confirmed. */
  formerUnits?: string | null;
  /** An optional address (a buyer's organisation): nothing is required, but a province needs its ward. */
  required?: boolean;
}) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState(province ?? "");
  const fetcher = useFetcher<{ province: string; wards: WardOption[] }>();
  const options =
    fetcher.data?.province === chosen ? fetcher.data.wards : chosen === (province ?? "") ? wards : [];
  const loading = fetcher.state !== "idle";
  return (
    <>
      <div className="field-row">
        <SelectField
          name={names.province}
          label={labels?.province ?? t("geo:province")}
          errors={errors}
          required={required}
          defaultValue={province}
          placeholder={t("geo:chooseProvince")}
          options={PROVINCES.map((p) => ({ value: p.code, label: p.name }))}
          onChange={(code) => {
            setChosen(code);
            if (code && code !== province) fetcher.load(`/api/v1/provinces/${code}/wards`);
          }}
        />
        <SelectField
          key={chosen}
          name={names.ward}
          label={labels?.ward ?? t("geo:ward")}
          errors={errors}
          required={required || !!chosen}
          defaultValue={chosen === (province ?? "") ? ward : ""}
          placeholder={
            !chosen ? t("geo:chooseProvinceFirst") : loading ? t("geo:loadingWards") : t("geo:chooseWard")
          }
          options={options.map((w) => ({
            value: w.code,
            label: t(`geo:wardKind.${w.type}`, { name: w.name }),
          }))}
        />
      </div>
      {formerUnits && !ward && (
        <p className="notice notice-pending" role="status">
          {t("geo:formerUnitsConfirm", { units: formerUnits })}
        </p>
      )}
      {street && (
        <TextField
          name={street.name}
          label={street.label ?? t("geo:street")}
          errors={errors}
          required={required}
          defaultValue={street.value ?? undefined}
          hint={street.hint ?? t("geo:streetHint")}
        />
      )}
    </>
  );
}

export { AddressText, originText } from "./AddressText";
