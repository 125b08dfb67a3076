import { z } from "zod";

/**
 * The field schemas every form shares (blank handling, required and optional text, phone, email, search box).
 * Each domain's schemas build on these; none of them knows a domain.
 */

/** Empty form fields arrive as "": treat them as absent. */
export const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** A required text field: blank means "required", too short or too long say so with the limit. */
export const requiredText = (min: number, max: number) =>
  z.preprocess(blankToUndefined, z.string().trim().min(min).max(max));

/** An optional text field: blank is absent, too long says so with the limit. */
export const optionalText = (max: number) =>
  z.preprocess(blankToUndefined, z.string().trim().max(max).optional());

/** Vietnamese phone numbers: mobile 0[35789]xxxxxxxx or landline 02xxxxxxxxx; +84 and separators accepted. */
export const vnPhone = z
  .string()
  .trim()
  .transform((v) => v.replace(/[\s.\-()]/g, "").replace(/^\+?84/, "0"))
  .pipe(z.string().regex(/^(0[35789]\d{8}|02\d{9})$/, "phone"));

export const optionalEmail = z.preprocess(
  blankToUndefined,
  z.string().trim().toLowerCase().max(254).pipe(z.email()).optional(),
);

// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f]/g;

/**
 * What someone typed in a search box (a query string parameter): control characters mean nothing there, and a
 * NUL would cut an SQLite literal short, so they become spaces; blank is no search.
 */
export const searchTerms = (max: number) =>
  z.preprocess(
    (v) => blankToUndefined(typeof v === "string" ? v.replace(CONTROLS, " ") : v),
    z.string().trim().max(max).optional(),
  );
