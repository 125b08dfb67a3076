import type { z } from "zod";
import { Invalid, type FieldErrors } from "./errors";

/**
 * Turn zod issues into translatable field errors (errors:validation.<code>).
 * Schemas may set their own message to a code (e.g. "tax_code"); otherwise the code follows the issue kind.
 */
export function fieldErrorsFrom(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path.map(String).join(".") || "_form";
    if (out[field]) continue;
    out[field] = describeIssue(issue);
  }
  return out;
}

const OWN_CODE = /^[a-z_]+$/;

/** Keep the offending input on issues, so a missing value reads "required" rather than "choose one". */
export const PARSE_OPTIONS = { reportInput: true } as const;

function describeIssue(issue: z.core.$ZodIssue): FieldErrors[string] {
  if (OWN_CODE.test(issue.message)) return { code: issue.message };
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
