import { z } from "zod";
import { blankToUndefined } from "../fields";
import { bankByBin } from "./vietqr";

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
