import { useTranslation } from "react-i18next";
import { BOOTH_TYPES, PLAN_ELEMENT_KINDS } from "../../server/vocabulary/domain";
import { useFormKey, usePostTarget, type StaffHall } from "./FairAdmin";
import { CheckboxField, NumberField } from "./FairFields";
import { FormError, SelectField, TextField, valueOf, type Errors, type FormRules } from "./Fields";
import { boothSize } from "./FloorPlan";
import { IntentForm, useIntentFailure, useSubmitting } from "./IntentForm";
import { formatNumber } from "../../server/vocabulary/format";
import { toLocale, type Locale } from "../../server/vocabulary/locale";

/** The fair's halls with their sizes, and the form that adds one. */
export function FairHallsSection({
  halls,
  rules,
  renameRules,
  locale,
}: {
  halls: StaffHall[];
  /** The hall schema's rules (forms.rules("hall")). */
  rules: FormRules;
  /** The rename form's rules (forms.rules("hallNames")). */
  renameRules: FormRules;
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
              <strong>{h.nameVi}</strong>
              {h.nameEn && <span lang="en"> / {h.nameEn}</span>}{" "}
              <span className="muted">
                {boothSize(h, locale)} · {t("fairAdmin:halls.booths", { count: h.booths.length })}
              </span>
              <HallRenameForm hall={h} rules={renameRules} />
            </li>
          ))}
        </ul>
      )}
      <IntentForm intent="hall" action={postTarget} rules={rules} labelledBy="hall-form-title" key={formKey}>
        <h3 id="hall-form-title">{t("fairAdmin:halls.add")}</h3>
        <FormError errors={mine?.errors} />
        <div className="field-row">
          <TextField
            name="name"
            id="hall-name"
            label={t("fairAdmin:halls.name")}
            hint={t("fairAdmin:halls.nameHint")}
            errors={mine?.errors}
            defaultValue={valueOf(mine?.values, "name")}
          />
          <TextField
            name="nameEn"
            id="hall-nameEn"
            label={t("fairAdmin:halls.nameEn")}
            hint={t("fairAdmin:form.enHint")}
            errors={mine?.errors}
            defaultValue={valueOf(mine?.values, "nameEn")}
          />
        </div>
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

/**
 * Where a new grid fits best, and how large: the next free row letter, below the booths already in the last hall,
 * and as many 3×3 m booths with 3 m aisles as fill the rest of it, so a new hall is not left mostly empty.
 */
export function gridSuggestion(
  halls: Array<{
    id: number;
    widthM: number;
    depthM: number;
    booths: Array<{ code: string; yM: number; depthM: number }>;
  }>,
) {
  const hall = halls[halls.length - 1]!;
  const letters = halls
    .flatMap((h) => h.booths.map((b) => b.code.charCodeAt(0)))
    .filter((c) => c >= 65 && c <= 90);
  const next = letters.length ? Math.min(90, Math.max(...letters) + 1) : 65;
  const bottom = hall.booths.reduce((m, b) => Math.max(m, b.yM + b.depthM), 0);
  const originYM = bottom > 0 ? bottom + 3 : 2;
  // Booths 3 m deep, 3 m aisles between rows, 2 m kept free at each edge.
  const rows = Math.floor((hall.depthM - originYM - 2 + 3) / (3 + 3));
  const columns = Math.floor((hall.widthM - 4) / 3);
  return {
    hallId: hall.id,
    firstRow: String.fromCharCode(next),
    originYM,
    rows: Math.min(26 - (next - 65), Math.max(1, rows)),
    columns: Math.min(60, Math.max(1, columns)),
  };
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
          {number("rows", s.rows)}
          {number("columns", s.columns)}
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

/** A hall's names in both languages, changed in place (no-JS: a plain form posting `hallNames`). */
function HallRenameForm({ hall, rules }: { hall: StaffHall; rules: FormRules }) {
  const { t } = useTranslation();
  const postTarget = usePostTarget();
  const busy = useSubmitting();
  const formKey = useFormKey("hall", hall.id);
  const mine = useIntentFailure("hallNames", { name: "hallId", value: String(hall.id) });
  return (
    <details className="fa-hall-rename" open={Boolean(mine)}>
      <summary>{t("fairAdmin:halls.rename")}</summary>
      <IntentForm intent="hallNames" action={postTarget} rules={rules} key={formKey}>
        <input type="hidden" name="hallId" value={hall.id} />
        <FormError errors={mine?.errors} />
        <div className="field-row">
          <TextField
            name="name"
            id={`hall-${hall.id}-name`}
            label={t("fairAdmin:halls.name")}
            errors={mine?.errors}
            defaultValue={valueOf(mine?.values, "name", hall.nameVi)}
          />
          <TextField
            name="nameEn"
            id={`hall-${hall.id}-nameEn`}
            label={t("fairAdmin:halls.nameEn")}
            hint={t("fairAdmin:form.enHint")}
            errors={mine?.errors}
            defaultValue={valueOf(mine?.values, "nameEn", hall.nameEn)}
          />
        </div>
        <button type="submit" className="button button-secondary" disabled={busy}>
          {t("fairAdmin:halls.renameSubmit")}
        </button>
      </IntentForm>
    </details>
  );
}

type StaffElement = StaffHall["elements"][number];

/** The fields of a plan element, for adding one or changing it (`id` tells the forms' fields apart). */
function ElementFields({
  id,
  halls,
  element,
  values,
  errors,
}: {
  id: string;
  halls: StaffHall[];
  element?: StaffElement & { hallId: number };
  values: Record<string, string | string[]> | undefined;
  errors: Errors;
}) {
  const { t } = useTranslation();
  const v = (name: string, fallback?: string | number | null) => valueOf(values, name, fallback);
  const number = (name: "xM" | "yM" | "widthM" | "depthM", fallback: number) => (
    <NumberField
      name={name}
      id={`${id}-${name}`}
      label={t(`fairAdmin:elements.${name}`)}
      errors={errors}
      value={v(name, element?.[name] ?? fallback)}
    />
  );
  return (
    <>
      <div className="field-row">
        <SelectField
          name="hallId"
          id={`${id}-hallId`}
          label={t("fairAdmin:grid.hall")}
          errors={errors}
          options={halls.map((h) => ({ value: String(h.id), label: h.name }))}
          defaultValue={v("hallId", element?.hallId ?? halls[0]?.id)}
        />
        <SelectField
          name="kind"
          id={`${id}-kind`}
          label={t("fairAdmin:elements.kind")}
          errors={errors}
          options={PLAN_ELEMENT_KINDS.map((k) => ({ value: k, label: t(`fairs:element.${k}`) }))}
          defaultValue={v("kind", element?.kind ?? "entrance")}
        />
      </div>
      <div className="fa-field-grid">
        {number("xM", 0)}
        {number("yM", 0)}
        {number("widthM", 4)}
        {number("depthM", 2)}
      </div>
      <div className="field-row">
        <TextField
          name="labelVi"
          id={`${id}-labelVi`}
          label={t("fairAdmin:elements.labelVi")}
          hint={t("fairAdmin:elements.labelHint")}
          errors={errors}
          defaultValue={v("labelVi", element?.labelVi)}
        />
        <TextField
          name="labelEn"
          id={`${id}-labelEn`}
          label={t("fairAdmin:elements.labelEn")}
          hint={t("fairAdmin:form.enHint")}
          errors={errors}
          defaultValue={v("labelEn", element?.labelEn)}
        />
      </div>
    </>
  );
}

/**
 * Entrances, exits, the stage, aisles and labels of the fair's halls: each one's place and size in metres from
 * the hall's top-left corner, changed or removed in its own form, and a form to add one.
 */
export function FairElementsSection({ halls, rules }: { halls: StaffHall[]; rules: FormRules }) {
  const { t } = useTranslation();
  const postTarget = usePostTarget();
  const busy = useSubmitting();
  const formKey = useFormKey("element");
  const adding = useIntentFailure("element");
  const elements = halls.flatMap((h) => h.elements.map((e) => ({ ...e, hallId: h.id, hall: h.name })));
  return (
    <section className="card" aria-labelledby="elements-title" id="plan-elements">
      <h2 id="elements-title">{t("fairAdmin:elements.title")}</h2>
      <p className="muted">{t("fairAdmin:elements.lead")}</p>
      {elements.length > 0 && (
        <ul className="fa-elements">
          {elements.map((e) => (
            <ElementRow key={e.id} element={e} halls={halls} rules={rules} />
          ))}
        </ul>
      )}
      <IntentForm
        intent="element"
        action={postTarget}
        rules={rules}
        labelledBy="element-add-title"
        key={formKey}
      >
        <h3 id="element-add-title">{t("fairAdmin:elements.add")}</h3>
        <FormError errors={adding?.errors} />
        <ElementFields id="element-new" halls={halls} values={adding?.values} errors={adding?.errors} />
        <button type="submit" className="button button-secondary" disabled={busy}>
          {t("fairAdmin:elements.submit")}
        </button>
      </IntentForm>
    </section>
  );
}

function ElementRow({
  element,
  halls,
  rules,
}: {
  element: StaffElement & { hallId: number; hall: string };
  halls: StaffHall[];
  rules: FormRules;
}) {
  const { t, i18n } = useTranslation();
  const postTarget = usePostTarget();
  const busy = useSubmitting();
  const formKey = useFormKey("element", element.id);
  const key = { name: "elementId", value: String(element.id) };
  const edit = useIntentFailure("elementUpdate", key);
  const removal = useIntentFailure("elementDelete", key);
  const locale = toLocale(i18n.language);
  const kind = t(`fairs:element.${element.kind}`);
  // Two "Main aisle"s are told apart by where they are; the kind is said once when it is also the label.
  const where = t("fairAdmin:elements.where", {
    x: formatNumber(element.xM, locale),
    y: formatNumber(element.yM, locale),
    size: boothSize(element, locale),
  });
  const name = `${element.label ?? kind} (${formatNumber(element.xM, locale)}; ${formatNumber(element.yM, locale)})`;
  return (
    <li>
      <strong>{element.label ?? kind}</strong>{" "}
      <span className="muted small">
        {[element.label && element.label !== kind ? kind : null, element.hall, where]
          .filter(Boolean)
          .join(" · ")}
      </span>
      <details className="fa-element-edit" open={Boolean(edit || removal)}>
        <summary>{t("fairAdmin:elements.edit", { name })}</summary>
        <IntentForm intent="elementUpdate" action={postTarget} rules={rules} key={formKey}>
          <input type="hidden" name="elementId" value={element.id} />
          <FormError errors={edit?.errors} />
          <ElementFields
            id={`element-${element.id}`}
            halls={halls}
            element={element}
            values={edit?.values}
            errors={edit?.errors}
          />
          <button type="submit" className="button button-secondary" disabled={busy}>
            {t("fairAdmin:elements.save")}
          </button>
        </IntentForm>
        <IntentForm
          intent="elementDelete"
          action={postTarget}
          confirm={t("fairAdmin:elements.deleteConfirm")}
        >
          <input type="hidden" name="elementId" value={element.id} />
          <FormError errors={removal?.errors} />
          <button type="submit" className="button button-danger" disabled={busy}>
            {t("fairAdmin:elements.delete", { name })}
          </button>
        </IntentForm>
      </details>
    </li>
  );
}
