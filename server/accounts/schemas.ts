import { z } from "zod";
import { ORGANISATION_KINDS } from "../db/models/accounts";
import { blankToUndefined, requiredText, vnPhone } from "../fields";

export const emailField = z.preprocess(
  blankToUndefined,
  z.string().trim().toLowerCase().max(254).pipe(z.email()),
);
const passwordField = z.preprocess(blankToUndefined, z.string().min(8, "password_too_short").max(200));
const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

/** Vietnamese tax code (mã số thuế): 10 digits, or 10 digits and a 3-digit branch suffix. */
const taxCode = z.preprocess(
  blankToUndefined,
  z
    .string()
    .trim()
    .transform((v) => v.replace(/\s/g, ""))
    .pipe(z.string().regex(/^\d{10}(-\d{3})?$/, "tax_code"))
    .optional(),
);

export const organisationSchema = z.object({
  organisationName: requiredText(2, 200),
  organisationKind: z.enum(ORGANISATION_KINDS),
  taxCode,
  organisationAddress: z.preprocess(blankToUndefined, z.string().trim().max(300).optional()),
});

const accountFields = {
  fullName: requiredText(2, 120),
  email: emailField,
  phone: z.preprocess(blankToUndefined, vnPhone.optional()),
  password: passwordField,
  passwordConfirm: z.string(),
};

function passwordsMatch(v: { password: string; passwordConfirm: string }, ctx: z.RefinementCtx) {
  if (v.password !== v.passwordConfirm) {
    ctx.addIssue({ code: "custom", path: ["passwordConfirm"], message: "password_mismatch" });
  }
}

/** A buyer's or a cooperative member's own account; business buyers add organisationSchema. */
export const accountSchema = z.object({ ...accountFields, isBusiness: checkbox }).superRefine(passwordsMatch);

export const loginSchema = z.object({
  email: emailField,
  password: z.preprocess(blankToUndefined, z.string().max(200)),
});

export const profileSchema = z.object({
  fullName: accountFields.fullName,
  phone: accountFields.phone,
});

export const passwordChangeSchema = z
  .object({
    currentPassword: z.preprocess(blankToUndefined, z.string()),
    password: passwordField,
    passwordConfirm: z.string(),
  })
  .superRefine(passwordsMatch);

export const forgotPasswordSchema = z.object({ email: emailField });

/** A new password follows the registration rules. */
export const passwordResetSchema = z
  .object({ password: passwordField, passwordConfirm: z.string() })
  .superRefine(passwordsMatch);
