import { z } from "zod";
import { districtByCodes, isProvinceCode } from "../../app/lib/geo";
import { MAX_LINE_QUANTITY, ORDER_STATUSES, PAYMENT_METHODS } from "../../app/lib/domain";
import { emailField } from "../accounts/schemas";
import { blankToUndefined, requiredText, searchTerms, vnPhone } from "../fields";
import { bankByBin } from "../payments/vietqr";

const positiveInt = (max: number) =>
  z.preprocess(blankToUndefined, z.coerce.number().int("format").min(1).max(max));

export const cartLineSchema = z.object({
  productId: positiveInt(2_147_483_647),
  quantity: positiveInt(MAX_LINE_QUANTITY),
});
export type CartLineInput = z.output<typeof cartLineSchema>;

export const checkoutSchema = z
  .object({
    contactName: requiredText(2, 120),
    phone: z.preprocess(blankToUndefined, vnPhone),
    email: emailField,
    provinceCode: z.preprocess(blankToUndefined, z.string().refine(isProvinceCode, "choose_one")),
    districtCode: z.preprocess(blankToUndefined, z.string()),
    address: requiredText(5, 300),
    note: z.preprocess(blankToUndefined, z.string().trim().max(1000).optional()),
    paymentMethod: z.preprocess(blankToUndefined, z.enum(PAYMENT_METHODS, "choose_payment_method")),
    /** Rendered into the checkout form once; a resent form (double click, reload) finds its checkout by it. */
    submissionKey: z.preprocess(
      blankToUndefined,
      z
        .string()
        .regex(/^[\w-]{16,32}$/)
        .optional()
        .catch(undefined),
    ),
  })
  .superRefine((v, ctx) => {
    if (isProvinceCode(v.provinceCode) && !districtByCodes(v.provinceCode, v.districtCode)) {
      ctx.addIssue({ code: "custom", path: ["districtCode"], message: "district_mismatch" });
    }
  });
export type CheckoutInput = z.output<typeof checkoutSchema>;

export const shipSchema = z.object({
  carrier: requiredText(2, 80),
  trackingNumber: requiredText(3, 80),
});

export const cancelSchema = z.object({
  reason: z.preprocess(blankToUndefined, z.string().trim().min(5, "cancel_reason_too_short").max(500)),
});

export const settleSchema = z.object({
  cooperativeId: positiveInt(2_147_483_647),
  reference: z.preprocess(blankToUndefined, z.string().trim().min(3).max(120)),
  /** The amount the staff member saw and transferred; when given, settling refuses if the ledger moved since. */
  expectedVnd: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).optional()),
  /** The box saying the transfer was made: nothing is settled on a reference alone. */
  confirmed: z.preprocess(blankToUndefined, z.literal("yes")),
});

const isoDate = z.preprocess(blankToUndefined, z.iso.date("format").optional());

export const orderListQuerySchema = z.object({
  status: z.preprocess(blankToUndefined, z.enum(ORDER_STATUSES).optional()),
  from: isoDate,
  to: isoDate,
  q: searchTerms(40),
  page: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(10_000).default(1)),
});
export type OrderListQuery = z.output<typeof orderListQuerySchema>;

/** A cooperative's account for bank transfers: all three fields, or none (then transfers are not offered). */
export const bankAccountSchema = z
  .object({
    bankBin: z.preprocess(blankToUndefined, z.string().optional()),
    bankAccountNo: z.preprocess(
      blankToUndefined,
      z
        .string()
        .trim()
        .transform((v) => v.replace(/[\s.-]/g, ""))
        .pipe(z.string().regex(/^[0-9A-Za-z]{6,19}$/, "bank_account_no"))
        .optional(),
    ),
    // Banks print the holder in capitals; upper-casing can lengthen it ("ß" → "SS"), so it is done before the
    // length is checked, and stored as checked.
    bankAccountName: z.preprocess(
      (v) => (typeof v === "string" ? blankToUndefined(v.toUpperCase()) : blankToUndefined(v)),
      z.string().trim().min(3).max(120).optional(),
    ),
  })
  .superRefine((v, ctx) => {
    if (v.bankBin && !bankByBin(v.bankBin))
      ctx.addIssue({ code: "custom", path: ["bankBin"], message: "choose_one" });
    const given = [v.bankBin, v.bankAccountNo, v.bankAccountName].filter(Boolean).length;
    if (given > 0 && given < 3) {
      for (const field of ["bankBin", "bankAccountNo", "bankAccountName"] as const)
        if (!v[field]) ctx.addIssue({ code: "custom", path: [field], message: "bank_account_incomplete" });
    }
  });
export type BankAccountInput = z.output<typeof bankAccountSchema>;
