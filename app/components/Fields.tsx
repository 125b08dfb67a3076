import { useTranslation } from "react-i18next";
import { createContext, useContext, useState, type ReactNode } from "react";
import type { FieldRule, FormRules } from "../../server/validation";

export type { FormRules } from "../../server/validation";

const RulesContext = createContext<FormRules>({});

/**
 * The rules of the form around these fields, as the server's schema has them (a loader returns
 * `formRules(schema)`): each field takes its `required`, `maxLength`, `min`… from here by its name, so no limit is
 * copied by hand. A prop given on the field wins.
 */
export function FieldRules({ rules, children }: { rules: FormRules; children: ReactNode }) {
  return <RulesContext.Provider value={rules}>{children}</RulesContext.Provider>;
}

function useRule(name: string): FieldRule | undefined {
  return useContext(RulesContext)[name];
}

export type FieldError = { code: string; params?: Record<string, string | number> } | undefined;
export type Errors = Record<string, FieldError> | undefined;

/** The translated message for a field, with the id the input points to. */
export function FieldMessage({ id, error }: { id: string; error: FieldError }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <p className="field-error" id={id} role="alert">
      {t(`errors:${error.code}`, error.params ?? {})}
    </p>
  );
}

/** A form-level error (wrong password, already reviewed…), announced to screen readers. */
export function FormError({ errors }: { errors: Errors }) {
  const { t } = useTranslation();
  const error = errors?._form;
  const count = errors ? Object.keys(errors).filter((k) => k !== "_form").length : 0;
  if (!error && count === 0) return null;
  return (
    <div className="form-error" role="alert">
      {error ? t(`errors:${error.code}`, error.params ?? {}) : t("errors:form_has_errors", { count })}
    </div>
  );
}

interface BaseProps {
  name: string;
  /** The element id when a page has two forms with a field of one name (defaults to the name). */
  id?: string;
  label: string;
  errors: Errors;
  hint?: string;
  required?: boolean;
}

function describedBy(name: string, error: FieldError, hint?: string) {
  return (
    [error ? `${name}-error` : null, hint ? `${name}-hint` : null].filter(Boolean).join(" ") || undefined
  );
}

function Wrapper({
  name,
  id = name,
  label,
  errors,
  hint,
  required,
  children,
}: BaseProps & { children: ReactNode }) {
  const { t } = useTranslation();
  const rule = useRule(name);
  required ??= rule?.required;
  return (
    <div className={`field${errors?.[name] ? " field-invalid" : ""}`}>
      <label htmlFor={id}>
        {label}
        {required ? (
          <span className="required" aria-hidden="true">
            {" "}
            *
          </span>
        ) : (
          <span className="optional"> ({t("common:optional")})</span>
        )}
      </label>
      {children}
      {hint && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <FieldMessage id={`${id}-error`} error={errors?.[name]} />
    </div>
  );
}

export function TextField({
  defaultValue,
  type = "text",
  autoComplete,
  inputMode,
  maxLength,
  minLength,
  min,
  max,
  list,
  ...props
}: BaseProps & {
  /** The id of a <datalist> of suggestions (any value may still be typed). */
  list?: string;
  defaultValue?: string | number | null;
  type?: string;
  autoComplete?: string;
  inputMode?: "text" | "email" | "tel" | "numeric" | "decimal";
  maxLength?: number;
  minLength?: number;
  min?: number;
  max?: number;
}) {
  const error = props.errors?.[props.name];
  const rule = useRule(props.name);
  const numeric = type === "number";
  return (
    <Wrapper {...props}>
      <input
        id={props.id ?? props.name}
        name={props.name}
        type={type}
        defaultValue={defaultValue ?? undefined}
        required={props.required ?? rule?.required}
        autoComplete={autoComplete}
        inputMode={inputMode}
        list={list}
        maxLength={maxLength ?? rule?.maxLength}
        minLength={minLength ?? rule?.minLength}
        min={min ?? (numeric ? rule?.min : undefined)}
        max={max ?? (numeric ? rule?.max : undefined)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(props.id ?? props.name, error, props.hint)}
      />
    </Wrapper>
  );
}

export function TextArea({
  defaultValue,
  rows = 4,
  maxLength,
  ...props
}: BaseProps & { defaultValue?: string | null; rows?: number; maxLength?: number }) {
  const error = props.errors?.[props.name];
  const rule = useRule(props.name);
  return (
    <Wrapper {...props}>
      <textarea
        id={props.id ?? props.name}
        name={props.name}
        rows={rows}
        defaultValue={defaultValue ?? undefined}
        required={props.required ?? rule?.required}
        maxLength={maxLength ?? rule?.maxLength}
        minLength={rule?.minLength}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(props.id ?? props.name, error, props.hint)}
      />
    </Wrapper>
  );
}

export function SelectField({
  options,
  defaultValue,
  placeholder,
  onChange,
  children,
  ...props
}: BaseProps & {
  options?: Array<{ value: string; label: string }>;
  defaultValue?: string | null;
  placeholder?: string;
  onChange?: (value: string) => void;
  children?: ReactNode;
}) {
  const error = props.errors?.[props.name];
  const rule = useRule(props.name);
  return (
    <Wrapper {...props}>
      <select
        id={props.id ?? props.name}
        name={props.name}
        defaultValue={defaultValue ?? ""}
        required={props.required ?? rule?.required}
        onChange={onChange ? (e) => onChange(e.currentTarget.value) : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(props.id ?? props.name, error, props.hint)}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options?.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
        {children}
      </select>
    </Wrapper>
  );
}

export function CheckboxGroup({
  name,
  legend,
  options,
  selected,
  errors,
  required,
}: {
  name: string;
  legend: string;
  options: Array<{ value: string; label: string }>;
  selected: string[];
  errors: Errors;
  required?: boolean;
}) {
  const { t } = useTranslation();
  const error = errors?.[name];
  const rule = useRule(name);
  required ??= rule?.required ?? true;
  return (
    <fieldset
      className={`field checkbox-group${error ? " field-invalid" : ""}`}
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? `${name}-error` : undefined}
    >
      <legend>
        {legend}
        {required ? (
          <span className="required" aria-hidden="true">
            {" "}
            *
          </span>
        ) : (
          <span className="optional"> ({t("common:optional")})</span>
        )}
      </legend>
      <div className="checkbox-grid">
        {options.map((o) => (
          <label key={o.value} className="checkbox">
            <input type="checkbox" name={name} value={o.value} defaultChecked={selected.includes(o.value)} />
            {o.label}
          </label>
        ))}
      </div>
      <FieldMessage id={`${name}-error`} error={error} />
    </fieldset>
  );
}

/**
 * One box to tick, whose label may hold a link (consent to the privacy notice): unticked unless the user ticked
 * it, `required` when the schema refuses it unticked, the server's message beside it.
 */
export function CheckboxField({
  name,
  legend,
  label,
  errors,
  defaultChecked = false,
}: {
  name: string;
  legend: string;
  label: ReactNode;
  errors: Errors;
  defaultChecked?: boolean;
}) {
  const error = errors?.[name];
  const rule = useRule(name);
  return (
    <fieldset className={`field${error ? " field-invalid" : ""}`}>
      <legend>{legend}</legend>
      <label className="checkbox">
        <input
          type="checkbox"
          id={name}
          name={name}
          defaultChecked={defaultChecked}
          required={rule?.required}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${name}-error` : undefined}
        />
        <span>{label}</span>
      </label>
      <FieldMessage id={`${name}-error`} error={error} />
    </fieldset>
  );
}

/** Read back what the user typed (from a failed submission) before falling back to stored values. */
export function valueOf(
  values: Record<string, string | string[]> | undefined,
  name: string,
  fallback?: string | number | null,
) {
  const v = values?.[name];
  if (v !== undefined) return Array.isArray(v) ? v[0] : v;
  return fallback === undefined || fallback === null ? undefined : String(fallback);
}

export function valuesOf(
  values: Record<string, string | string[]> | undefined,
  name: string,
  fallback: string[] = [],
) {
  if (!values) return fallback;
  const v = values[name];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/**
 * One text written in Vietnamese and in English: the fields `${name}Vi` and `${name}En` (the schema says which is
 * required), side by side for short texts, one above the other for long ones.
 */
export function BilingualField({
  name,
  labels,
  hints = [],
  defaults = [],
  errors,
  multiline = false,
  rows = 5,
}: {
  name: string;
  labels: [vi: string, en: string];
  hints?: [vi?: string, en?: string];
  defaults?: [vi?: string | number | null, en?: string | number | null];
  errors: Errors;
  multiline?: boolean;
  rows?: number;
}) {
  const fields = (["Vi", "En"] as const).map((lang, i) => {
    const props = {
      name: `${name}${lang}`,
      label: labels[i]!,
      hint: hints[i],
      errors,
    };
    return multiline ? (
      <TextArea
        key={lang}
        {...props}
        rows={rows}
        defaultValue={defaults[i] == null ? null : String(defaults[i])}
      />
    ) : (
      <TextField key={lang} {...props} defaultValue={defaults[i]} />
    );
  });
  return multiline ? <>{fields}</> : <div className="field-row">{fields}</div>;
}

/**
 * A box that opens a group of fields ("I am buying for a business"). Without JavaScript the fields are always
 * shown and the server reads them only when the box is ticked. `children` may take whether it is open, to mark
 * the fields it makes required.
 */
export function ConditionalFields({
  name,
  label,
  defaultChecked,
  children,
}: {
  name: string;
  label: ReactNode;
  defaultChecked: boolean;
  children: ReactNode | ((open: boolean) => ReactNode);
}) {
  const [open, setOpen] = useState(defaultChecked);
  return (
    <>
      <label className="checkbox">
        <input
          type="checkbox"
          name={name}
          defaultChecked={defaultChecked}
          onChange={(e) => setOpen(e.currentTarget.checked)}
        />
        {label}
      </label>
      <div className="conditional" data-open={open ? "true" : "false"}>
        {typeof children === "function" ? children(open) : children}
      </div>
    </>
  );
}
