import { z } from "zod";
import { MAX_PRICE_VND } from "./vocabulary/domain";
import { isProvinceCode } from "./vocabulary/geo";
import { wardIn } from "./vocabulary/wards";
import { parseDateInput, parseDateTimeInput } from "./vocabulary/dates";

/**
 * The field schemas every form shares (blank handling, required and optional text, phone, email, tax code, days,
 * search box). Each domain's schemas build on these; none of them knows a domain.
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

/**
 * Vietnamese tax code (mã số thuế): an enterprise's 10 digits, a branch's 10 digits and 3 ("0101234567-001"), or
 * a household business's, which since 1 July 2025 is its owner's 12-digit personal identity number. Spaces go.
 */
export const optionalTaxCode = z.preprocess(
  blankToUndefined,
  z
    .string()
    .trim()
    .transform((v) => v.replace(/\s/g, ""))
    .pipe(z.string().regex(/^(\d{10}(-\d{3})?|\d{12})$/, "tax_code"))
    .optional(),
);

/** A typed day ("02/12/2026", "2/12/2026", ISO "2026-12-02") as ISO; anything else goes on to be refused. */
const toIsoDate = (v: unknown) => {
  const s = blankToUndefined(v);
  return typeof s === "string" ? (parseDateInput(s) ?? s) : s;
};

/**
 * A calendar day from a date input (ISO), a text field or a CSV cell (dd/mm/yyyy): "YYYY-MM-DD" out, and the
 * "date" error for anything that is no day, 31/02/2026 included.
 */
const isoDay = () =>
  // A blank field keeps zod's own issue, which reads "required"; anything typed is a "date" that is not one.
  z.iso.date({ error: (issue) => (issue.input === undefined ? undefined : "date") });
export const requiredDate = z.preprocess(toIsoDate, isoDay());
export const optionalDate = z.preprocess(toIsoDate, isoDay().optional());

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

/** A province of the 2025 map, by its statistics office code. */
export const provinceField = z.preprocess(blankToUndefined, z.string().refine(isProvinceCode, "choose_one"));

/** A ward/commune code; that it lies in the form's province is checked by `wardInProvince`. */
export const wardField = z.preprocess(blankToUndefined, z.string().regex(/^\d{5}$/, "choose_one"));

/** The same, for an address that may be left out (a blank field is absent, not "required"). */
export const optionalProvinceField = z.preprocess(
  blankToUndefined,
  z.string().refine(isProvinceCode, "choose_one").optional(),
);
export const optionalWardField = z.preprocess(
  blankToUndefined,
  z
    .string()
    .regex(/^\d{5}$/, "choose_one")
    .optional(),
);

/**
 * For a schema holding a province and a ward: the ward must lie in that province (a form's pair is checked,
 * never trusted). Names the fields as the form does.
 */
export function wardInProvince<T extends Record<string, unknown>>(
  v: T,
  ctx: z.RefinementCtx,
  fields: { province: keyof T & string; ward: keyof T & string } = {
    province: "provinceCode",
    ward: "wardCode",
  },
) {
  const province = v[fields.province];
  const ward = v[fields.ward];
  if (
    typeof province === "string" &&
    typeof ward === "string" &&
    isProvinceCode(province) &&
    !wardIn(province, ward)
  )
    ctx.addIssue({ code: "custom", path: [fields.ward], message: "ward_mismatch" });
}

/** "120.000", "120 000 ₫", "120000" → 120000. Money is whole đồng: no decimals. */
export const vnd = z.preprocess(
  (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : v.replace(/[\s.,₫đ]|VND|vnd/g, "")) : v),
  z.coerce.number().int("format").min(0).max(MAX_PRICE_VND),
);

export const wholeNumber = (min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : v.replace(/[\s.,]/g, "")) : v),
    z.coerce.number().int("format").min(min).max(max),
  );

/** Lists arrive as repeated form fields, or as one string separated by ; or , (CSV, tags box). */
export const list = (separators: RegExp) => (v: unknown) =>
  v === undefined || v === null
    ? []
    : Array.isArray(v)
      ? v.flatMap((x) => String(x).split(separators))
      : String(v).split(separators);

export const cleanList = (separators: RegExp) => (v: unknown) =>
  list(separators)(v)
    .map((s) => s.trim())
    .filter(Boolean);

/** A checkbox: "on" when ticked, absent when not. */
export const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());
/** A whole number from a form field; blank says "required" (coercion would turn it into NaN, "format"). */
export const int = (min: number, max: number) =>
  z.preprocess(
    (v) => (blankToUndefined(v) === undefined ? undefined : Number(v)),
    z.number().int("format").min(min).max(max),
  );
/**
 * A local time in Vietnam, as a datetime-local input sends it ("2026-12-01T08:00") or as typed
 * ("01/12/2026 08:00").
 */
export const vietnamTime = z.preprocess(
  (v) => {
    const s = blankToUndefined(v);
    return typeof s === "string" ? (parseDateTimeInput(s) ?? s) : s;
  },
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "date")
    .transform((v) => new Date(`${v}:00+07:00`))
    .refine((d) => !Number.isNaN(d.getTime()), "date"),
);
