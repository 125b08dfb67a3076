import { useTranslation } from "react-i18next";
import { BOOTH_TYPES } from "../../server/vocabulary/domain";
import { useFormKey, usePostTarget, type StaffHall } from "./FairAdmin";
import { CheckboxField, NumberField } from "./FairFields";
import { FormError, SelectField, TextField, valueOf, type FormRules } from "./Fields";
import { boothSize } from "./FloorPlan";
import { IntentForm, useIntentFailure, useSubmitting } from "./IntentForm";
import type { Locale } from "../../server/vocabulary/locale";

/** The fair's halls with their sizes, and the form that adds one. */
export function FairHallsSection({
  halls,
  rules,
  locale,
}: {
  halls: StaffHall[];
  /** The hall schema's rules (forms.rules("hall")). */
  rules: FormRules;
  locale: Locale;
}) {
  const formKey = useFormKey();
  const { t } = useTranslation();
  const postTarget = usePostTarget();
  const busy = useSubmitting();
  const mine = useIntentFailure("hall");
  return (
    <section className="card" aria-labelledby="halls-title">
      <h2 id="halls-title">{t("fairAdmin:halls.title")}</h2>
      {halls.length > 0 && (
        <ul className="fa-halls">
          {halls.map((h) => (
            <li key={h.id}>
              <strong>{h.name}</strong>{" "}
              <span className="muted">
                {boothSize(h, locale)} · {t("fairAdmin:halls.booths", { count: h.booths.length })}
              </span>
            </li>
          ))}
        </ul>
      )}
      <IntentForm intent="hall" action={postTarget} rules={rules} labelledBy="hall-form-title" key={formKey}>
        <h3 id="hall-form-title">{t("fairAdmin:halls.add")}</h3>
        <FormError errors={mine?.errors} />
        <TextField
          name="name"
          id="hall-name"
          label={t("fairAdmin:halls.name")}
          hint={t("fairAdmin:halls.nameHint")}
          errors={mine?.errors}
          defaultValue={valueOf(mine?.values, "name")}
        />
        <div className="field-row">
          <NumberField
            name="widthM"
            id="hall-widthM"
            label={t("fairAdmin:halls.widthM")}
            errors={mine?.errors}
            value={valueOf(mine?.values, "widthM")}
          />
          <NumberField
            name="depthM"
            id="hall-depthM"
            label={t("fairAdmin:halls.depthM")}
            errors={mine?.errors}
            value={valueOf(mine?.values, "depthM")}
          />
        </div>
        <button type="submit" className="button button-secondary" disabled={busy}>
          {t("fairAdmin:halls.submit")}
        </button>
      </IntentForm>
    </section>
  );
}

/** Where a new grid fits best: the next free row letter, below the booths already in the last hall. */
function gridSuggestion(halls: StaffHall[]) {
  const hall = halls[halls.length - 1]!;
  const letters = halls
    .flatMap((h) => h.booths.map((b) => b.code.charCodeAt(0)))
    .filter((c) => c >= 65 && c <= 90);
  const next = letters.length ? Math.min(90, Math.max(...letters) + 1) : 65;
  const bottom = hall.booths.reduce((m, b) => Math.max(m, b.yM + b.depthM), 0);
  return { hallId: hall.id, firstRow: String.fromCharCode(next), originYM: bottom > 0 ? bottom + 3 : 2 };
}

/** Rows of booths generated at once in a hall (at least one hall is needed), starting where they fit best. */
export function FairGridSection({
  halls,
  rules,
}: {
  halls: StaffHall[];
  /** The grid schema's rules (forms.rules("grid")). */
  rules: FormRules;
}) {
  const formKey = useFormKey();
  const { t } = useTranslation();
  const postTarget = usePostTarget();
  const busy = useSubmitting();
  const mine = useIntentFailure("grid");
  const errors = mine?.errors;
  const s = gridSuggestion(halls);
  const v = (name: string, fallback?: string | number) => valueOf(mine?.values, name, fallback);
  const number = (name: string, fallback?: number, hint?: string) => (
    <NumberField
      name={name}
      id={`grid-${name}`}
      label={t(`fairAdmin:grid.${name}`)}
      hint={hint}
      errors={errors}
      value={v(name, fallback)}
    />
  );
  return (
    <section className="card" aria-labelledby="grid-title">
      <h2 id="grid-title">{t("fairAdmin:grid.title")}</h2>
      <p className="muted">{t("fairAdmin:grid.lead")}</p>
      <IntentForm intent="grid" action={postTarget} rules={rules} labelledBy="grid-title" key={formKey}>
        <FormError errors={errors} />
        <div className="field-row">
          <SelectField
            name="hallId"
            id="grid-hallId"
            label={t("fairAdmin:grid.hall")}
            errors={errors}
            options={halls.map((h) => ({ value: String(h.id), label: h.name }))}
            defaultValue={v("hallId", s.hallId)}
          />
          <SelectField
            name="type"
            id="grid-type"
            label={t("fairAdmin:grid.type")}
            errors={errors}
            options={BOOTH_TYPES.map((x) => ({ value: x, label: t(`fairs:boothType.${x}`) }))}
            defaultValue={v("type", "standard")}
          />
        </div>
        <div className="fa-field-grid">
          {number("rows", 2)}
          {number("columns", 10)}
          <TextField
            name="firstRow"
            id="grid-firstRow"
            label={t("fairAdmin:grid.firstRow")}
            errors={errors}
            // The schema wants one letter by a pattern, and the rules read no length off a pattern.
            maxLength={1}
            autoComplete="off"
            defaultValue={v("firstRow", s.firstRow)}
          />
          {number("firstNumber", 1)}
        </div>
        <p className="field-hint">{t("fairAdmin:grid.codeHint")}</p>
        <div className="fa-field-grid">
          {number("widthM", 3)}
          {number("depthM", 3)}
          {number("aisleM", 3)}
        </div>
        <div className="fa-field-grid">
          {number("originXM", 2)}
          {number("originYM", s.originYM)}
        </div>
        <p className="field-hint">{t("fairAdmin:grid.originHint")}</p>
        <div className="field-row">
          {number("priceVnd", 0, t("fairAdmin:grid.priceHint"))}
          {number("cornerPriceVnd", undefined, t("fairAdmin:grid.cornerPriceHint"))}
        </div>
        <CheckboxField
          name="cornerEnds"
          label={t("fairAdmin:grid.cornerEnds")}
          hint={t("fairAdmin:grid.cornerEndsHint")}
          errors={errors}
          checked={mine ? mine.values.cornerEnds === "on" : false}
        />
        <button type="submit" className="button" disabled={busy}>
          {t("fairAdmin:grid.submit")}
        </button>
      </IntentForm>
    </section>
  );
}
