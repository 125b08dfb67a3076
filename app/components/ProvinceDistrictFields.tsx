import { useState } from "react";
import { useTranslation } from "react-i18next";
import { PROVINCES } from "../../server/vocabulary/geo";
import { SelectField, type Errors } from "./Fields";

/**
 * Province then district. The server renders every district grouped by province, so the form works without
 * JavaScript (the server checks the pair); in the browser only the chosen province's districts are offered.
 */
export function ProvinceDistrictFields({
  errors,
  province,
  district,
  names = { province: "provinceCode", district: "districtCode" },
  labels,
  districtRequired = true,
}: {
  errors: Errors;
  province?: string;
  district?: string;
  /** Form field names; the cooperative's address uses the defaults, a product's origin its own. */
  names?: { province: string; district: string };
  labels?: { province: string; district: string };
  districtRequired?: boolean;
}) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<string | null>(null);
  const visible = chosen === null ? PROVINCES : PROVINCES.filter((p) => p.code === chosen);
  return (
    <div className="field-row">
      <SelectField
        name={names.province}
        label={labels?.province ?? t("cooperatives:fields.province")}
        errors={errors}
        required
        defaultValue={province}
        placeholder={t("cooperatives:fields.chooseProvince")}
        options={PROVINCES.map((p) => ({ value: p.code, label: p.name }))}
        onChange={setChosen}
      />
      <SelectField
        key={chosen ?? "all"}
        name={names.district}
        label={labels?.district ?? t("cooperatives:fields.district")}
        errors={errors}
        required={districtRequired}
        defaultValue={chosen === null ? district : ""}
        placeholder={t("cooperatives:fields.chooseDistrict")}
      >
        {visible.map((p) => (
          <optgroup key={p.code} label={p.name}>
            {p.districts.map((d) => (
              <option key={d.code} value={d.code}>
                {d.name}
              </option>
            ))}
          </optgroup>
        ))}
      </SelectField>
    </div>
  );
}
