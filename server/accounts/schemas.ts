import { z } from "zod";
import { ORGANISATION_KINDS } from "../db/models/accounts";
import {
  blankToUndefined,
  checkbox,
  optionalTaxCode,
  optionalProvinceField,
  optionalWardField,
  requiredText,
  vnPhone,
  wardInProvince,
} from "../fields";

export const emailField = z.preprocess(
  blankToUndefined,
  z.string().trim().toLowerCase().max(254).pipe(z.email()),
);
const passwordField = z.preprocess(blankToUndefined, z.string().min(8, "password_too_short").max(200));

/** A business buyer's organisation; its address is optional, but a given one is on the 2025 map. */
export const organisationSchema = z
  .object({
    organisationName: requiredText(2, 200),
    organisationKind: z.enum(ORGANISATION_KINDS),
    taxCode: optionalTaxCode,
    organisationProvinceCode: optionalProvinceField,
    organisationWardCode: optionalWardField,
    organisationAddress: z.preprocess(blankToUndefined, z.string().trim().max(300).optional()),
  })
  .superRefine((v, ctx) => {
    if (v.organisationProvinceCode && !v.organisationWardCode)
      ctx.addIssue({ code: "custom", path: ["organisationWardCode"], message: "choose_one" });
    wardInProvince(v, ctx, { province: "organisationProvinceCode", ward: "organisationWardCode" });
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

/**
 * Consent to the privacy notice (/privacy), on which the processing of a user's personal data rests (Decree
 * 13/2023/NĐ-CP, the Personal Data Protection Law): given by ticking a box that starts unticked; anything else is
 * a refusal, and no account is opened.
 */
const privacyConsent = z.preprocess(
  (v) => v === "on" || v === "true" || v === true,
  z.literal(true, "consent_required"),
);

/** A buyer's or a cooperative member's own account; business buyers add organisationSchema. */
export const accountSchema = z
  .object({ ...accountFields, isBusiness: checkbox, privacyConsent })
  .superRefine(passwordsMatch);

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
