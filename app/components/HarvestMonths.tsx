import { useTranslation } from "react-i18next";
import { FieldMessage, type Errors } from "./Fields";

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

/**
 * The harvest season as twelve month cells in a row (two rows of six on a phone): each cell is a real checkbox
 * named `harvestMonths`, so the form works without JavaScript and a screen reader hears the full month name.
 * None ticked means all year.
 */
export function HarvestMonthPicker({ selected, errors }: { selected: string[]; errors: Errors }) {
  const { t } = useTranslation();
  const error = errors?.harvestMonths;
  return (
    <fieldset
      className={`field month-picker${error ? " field-invalid" : ""}`}
      aria-describedby={`harvestMonths-hint${error ? " harvestMonths-error" : ""}`}
    >
      <legend>
        {t("dashboard:fields.harvestMonths")}
        <span className="optional"> ({t("common:optional")})</span>
      </legend>
      <p className="field-hint" id="harvestMonths-hint">
        {t("workspace:harvest.hint")}
      </p>
      <div className="month-cells">
        {MONTHS.map((m) => (
          <label key={m} className="month-cell">
            <input
              type="checkbox"
              name="harvestMonths"
              value={String(m)}
              defaultChecked={selected.includes(String(m))}
              aria-label={t(`catalogue:month.${m}`)}
            />
            <span aria-hidden="true">{t(`workspace:harvest.short.${m}`)}</span>
          </label>
        ))}
      </div>
      <FieldMessage id="harvestMonths-error" error={error} />
    </fieldset>
  );
}
