import type { z } from "zod";
import { Invalid, type FieldErrors } from "./errors";

/**
 * Turn zod issues into translatable field errors (errors:validation.<code>).
 * Schemas may set their own message to a code (e.g. "tax_code"); otherwise the code follows the issue kind.
 */
export function fieldErrorsFrom(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    // An item of a list ("certifications", 1) is reported on the list's field, which is what the form shows.
    const field =
      issue.path
        .filter((p) => typeof p !== "number")
        .map(String)
        .join(".") || "_form";
    if (out[field]) continue;
    out[field] = describeIssue(issue);
  }
  return out;
}

const OWN_CODE = /^[a-z_]+$/;

/** Keep the offending input on issues, so a missing value reads "required" rather than "choose one". */
export const PARSE_OPTIONS = { reportInput: true } as const;

function describeIssue(issue: z.core.$ZodIssue): FieldErrors[string] {
  if (OWN_CODE.test(issue.message)) {
    // A refinement may name what its message needs ("lower than {{previous}}"): ctx.addIssue({ params }).
    const params = issue.code === "custom" ? (issue.params as FieldErrors[string]["params"]) : undefined;
    return params ? { code: issue.message, params } : { code: issue.message };
  }
  switch (issue.code) {
    case "too_small":
      if (issue.origin === "string") {
        return Number(issue.minimum) <= 1
          ? { code: "required" }
          : { code: "too_short", params: { min: Number(issue.minimum) } };
      }
      if (issue.origin === "array" || issue.origin === "set")
        return { code: "choose_at_least", params: { min: Number(issue.minimum) } };
      return { code: "too_small", params: { min: Number(issue.minimum) } };
    case "too_big":
      if (issue.origin === "string") return { code: "too_long", params: { max: Number(issue.maximum) } };
      return { code: "too_big", params: { max: Number(issue.maximum) } };
    case "invalid_format":
      return { code: issue.format === "email" ? "email" : "format" };
    case "invalid_value":
      return issue.input === undefined ? { code: "required" } : { code: "choose_one" };
    case "invalid_type":
      return issue.input === undefined || issue.input === null || issue.input === ""
        ? { code: "required" }
        : { code: "format" };
    default:
      return { code: "format" };
  }
}

/** Parse or throw Invalid with per-field codes. */
export function parseOrInvalid<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input, PARSE_OPTIONS);
  if (!result.success) throw new Invalid(fieldErrorsFrom(result.error));
  return result.data;
}

/**
 * Parse one input against several schemas and report every field error at once, so a form shows all its
 * problems in one round trip. Returns the parsed parts in order.
 */
export function parseParts<T extends readonly z.ZodType[]>(
  input: unknown,
  ...schemas: T
): { [K in keyof T]: z.output<T[K]> } {
  const errors: FieldErrors = {};
  const out: unknown[] = [];
  for (const schema of schemas) {
    const result = schema.safeParse(input, PARSE_OPTIONS);
    if (result.success) out.push(result.data);
    else Object.assign(errors, { ...fieldErrorsFrom(result.error), ...errors });
  }
  if (Object.keys(errors).length > 0) throw new Invalid(errors);
  return out as { [K in keyof T]: z.output<T[K]> };
}

/** What the browser can check before sending a field, read off the zod schema the server checks with. */
export interface FieldRule {
  required: boolean;
  minLength?: number;
  maxLength?: number;
  min?: number;
  max?: number;
}
export type FormRules = Record<string, FieldRule>;

interface ZodDefLike {
  type: string;
  shape?: Record<string, { _zod: { def: ZodDefLike } }>;
  left?: { _zod: { def: ZodDefLike } };
  right?: { _zod: { def: ZodDefLike } };
  innerType?: { _zod: { def: ZodDefLike } };
  in?: { _zod: { def: ZodDefLike } };
  out?: { _zod: { def: ZodDefLike } };
  checks?: Array<{ _zod: { def: { check: string; maximum?: number; minimum?: number; value?: number } } }>;
}

/** The innermost schema a field's value ends in (through preprocess pipes, optional, default, catch). */
function settled(def: ZodDefLike): ZodDefLike {
  // A preprocessed field pipes into its schema; a transformed object is the object piped into a transform.
  if (def.type === "pipe" && def.out)
    return settled((def.out._zod.def.type === "transform" && def.in ? def.in : def.out)._zod.def);
  if (def.innerType && ["optional", "default", "nullable", "catch", "prefault"].includes(def.type))
    return settled(def.innerType._zod.def);
  return def;
}

const cache = new WeakMap<object, FormRules>();

/**
 * The client-side hints of a form (`required`, `maxLength`, `min`…) derived from its zod object schema, so the
 * form and the server never disagree and no limit is copied by hand. A field is required when the schema
 * refuses it blank, exactly as a submitted empty input would arrive. Plain data, for a loader to return.
 */
export function formRules(schema: z.ZodType): FormRules {
  const known = cache.get(schema);
  if (known) return known;
  const rules = rulesOf((schema as unknown as { _zod: { def: ZodDefLike } })._zod.def);
  cache.set(schema, rules);
  return rules;
}

function rulesOf(outer: ZodDefLike): FormRules {
  const def = settled(outer);
  // `a.and(b)`: a form made of two schemas (a fair and its bank account).
  if (def.type === "intersection" && def.left && def.right)
    return { ...rulesOf(def.left._zod.def), ...rulesOf(def.right._zod.def) };
  const rules: FormRules = {};
  for (const [name, field] of Object.entries(def.shape ?? {})) {
    const blank = (field as unknown as z.ZodType).safeParse("", PARSE_OPTIONS);
    const inner = settled(field._zod.def);
    const rule: FieldRule = { required: !blank.success };
    for (const check of inner.checks ?? []) {
      const c = check._zod.def;
      if (inner.type === "string" && c.check === "max_length") rule.maxLength = c.maximum;
      if (inner.type === "string" && c.check === "min_length" && (c.minimum ?? 0) > 1)
        rule.minLength = c.minimum;
      if (inner.type === "number" && c.check === "less_than") rule.max = c.value;
      if (inner.type === "number" && c.check === "greater_than") rule.min = c.value;
    }
    rules[name] = rule;
  }
  return rules;
}
