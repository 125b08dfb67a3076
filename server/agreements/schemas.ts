import { z } from "zod";
import {
  blankToUndefined,
  cleanList,
  optionalDate,
  optionalEmail,
  optionalTaxCode,
  optionalText,
  requiredDate,
  requiredText,
  vnd,
  wholeNumber,
} from "../fields";
import { CATEGORIES, CERTIFICATIONS, MAX_LINE_QUANTITY, UNITS } from "../vocabulary/domain";
import { AGREEMENT_TYPES, type AgreementContent, type AgreementParty } from "./content";

const party = (prefix: "buyer" | "supplier") => ({
  [`${prefix}LegalName`]: requiredText(2, 300),
  [`${prefix}Representative`]: requiredText(2, 200),
  [`${prefix}RepresentativeTitle`]: requiredText(2, 200),
  // Blank while drafting; required to sign (readyToSign).
  [`${prefix}TaxCode`]: optionalTaxCode,
  [`${prefix}Address`]: requiredText(5, 500),
  [`${prefix}Phone`]: optionalText(20),
  [`${prefix}Email`]: optionalEmail,
});

/** One list of repeated form fields (deliveryDate[], deliveryQuantity[]), blanks dropped in pairs later. */
const repeated = z.preprocess(
  (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.unknown()),
);

/**
 * The terms a party writes or changes: one flat form, the same for a first draft and a revision. Amounts are whole
 * đồng; the total defaults to quantity × unit price.
 */
export const agreementTermsSchema = z
  .object({
    type: z.preprocess(blankToUndefined, z.enum(AGREEMENT_TYPES)),
    english: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
    ...party("buyer"),
    ...party("supplier"),
    productName: requiredText(2, 300),
    category: z.preprocess(blankToUndefined, z.enum(CATEGORIES)),
    qualityStandard: requiredText(2, 1000),
    certifications: z.preprocess(
      (v) => [...new Set(cleanList(/[;,]+/)(v).map((s) => s.toLowerCase()))],
      z.array(z.enum(CERTIFICATIONS, "unknown_certification")),
    ),
    minOcopStars: z.preprocess(
      blankToUndefined,
      z.coerce.number().int().min(3, "ocop_stars").max(5, "ocop_stars").optional(),
    ),
    quantity: wholeNumber(1, MAX_LINE_QUANTITY),
    unit: z.preprocess(blankToUndefined, z.enum(UNITS)),
    deliveryDate: repeated,
    deliveryQuantity: repeated,
    unitPriceVnd: vnd,
    totalVnd: z.preprocess(blankToUndefined, vnd.optional()),
    paymentTermsVi: requiredText(5, 3000),
    paymentTermsEn: optionalText(3000),
    deliveryTermsVi: requiredText(5, 3000),
    deliveryTermsEn: optionalText(3000),
    disputeClauseVi: requiredText(5, 3000),
    disputeClauseEn: optionalText(3000),
    validFrom: requiredDate,
    validUntil: requiredDate,
    note: optionalText(1000),
  })
  .transform((v, ctx) => {
    const deliveries: Array<{ date: string; quantity: number }> = [];
    const count = Math.max(v.deliveryDate.length, v.deliveryQuantity.length);
    for (let i = 0; i < count; i++) {
      const rawDate = v.deliveryDate[i];
      const rawQuantity = v.deliveryQuantity[i];
      if (blankToUndefined(rawDate) === undefined && blankToUndefined(rawQuantity) === undefined) continue;
      const date = optionalDate.safeParse(rawDate);
      const quantity = wholeNumber(1, MAX_LINE_QUANTITY).safeParse(rawQuantity);
      if (!date.success || !date.data)
        ctx.addIssue({
          code: "custom",
          path: ["deliveryDate", i],
          message: date.success ? "required" : "date",
        });
      if (!quantity.success)
        ctx.addIssue({ code: "custom", path: ["deliveryQuantity", i], message: "format" });
      if (date.success && date.data && quantity.success)
        deliveries.push({ date: date.data, quantity: quantity.data });
    }
    deliveries.sort((a, b) => a.date.localeCompare(b.date));
    if (deliveries.reduce((sum, d) => sum + d.quantity, 0) > v.quantity)
      ctx.addIssue({ code: "custom", path: ["deliveryQuantity"], message: "deliveries_exceed_quantity" });
    if (v.validUntil < v.validFrom)
      ctx.addIssue({ code: "custom", path: ["validUntil"], message: "ends_before_starts" });
    return { ...v, deliveries };
  });
export type AgreementTermsInput = z.output<typeof agreementTermsSchema>;

function partyOf(v: Record<string, unknown>, prefix: "buyer" | "supplier"): AgreementParty {
  const s = (key: string) => String(v[`${prefix}${key}`] ?? "");
  return {
    legalName: s("LegalName"),
    representative: s("Representative"),
    representativeTitle: s("RepresentativeTitle"),
    taxCode: s("TaxCode"),
    address: s("Address"),
    phone: s("Phone"),
    email: s("Email"),
  };
}

/** The content of a version from the parsed terms (its id and number filled in by the use case). */
export function contentFromTerms(
  v: AgreementTermsInput,
  fixed: Pick<AgreementContent, "publicId" | "version" | "origin">,
): AgreementContent {
  const english = v.english;
  const both = (vi: string, en: string | undefined) => ({ vi, en: english ? (en ?? "") : "" });
  return {
    schema: "htx-connect/agreement/1",
    publicId: fixed.publicId,
    type: v.type,
    version: fixed.version,
    languages: english ? ["vi", "en"] : ["vi"],
    parties: { buyer: partyOf(v, "buyer"), supplier: partyOf(v, "supplier") },
    product: {
      name: v.productName,
      category: v.category,
      qualityStandard: v.qualityStandard,
      certifications: v.certifications,
      minOcopStars: v.minOcopStars ?? null,
    },
    quantity: v.quantity,
    unit: v.unit,
    deliveries: v.deliveries,
    unitPriceVnd: v.unitPriceVnd,
    totalVnd: v.totalVnd ?? v.quantity * v.unitPriceVnd,
    paymentTerms: both(v.paymentTermsVi, v.paymentTermsEn),
    deliveryTerms: both(v.deliveryTermsVi, v.deliveryTermsEn),
    disputeClause: both(v.disputeClauseVi, v.disputeClauseEn),
    validFrom: v.validFrom,
    validUntil: v.validUntil,
    origin: fixed.origin,
  };
}

/** The form's fields for a version's content: what the revision form starts from. */
export function termsOf(c: AgreementContent): Record<string, string | string[]> {
  const party = (prefix: string, p: AgreementParty) => ({
    [`${prefix}LegalName`]: p.legalName,
    [`${prefix}Representative`]: p.representative,
    [`${prefix}RepresentativeTitle`]: p.representativeTitle,
    [`${prefix}TaxCode`]: p.taxCode,
    [`${prefix}Address`]: p.address,
    [`${prefix}Phone`]: p.phone,
    [`${prefix}Email`]: p.email,
  });
  return {
    type: c.type,
    english: c.languages.includes("en") ? "on" : "",
    ...party("buyer", c.parties.buyer),
    ...party("supplier", c.parties.supplier),
    productName: c.product.name,
    category: c.product.category,
    qualityStandard: c.product.qualityStandard,
    certifications: c.product.certifications,
    minOcopStars: c.product.minOcopStars === null ? "" : String(c.product.minOcopStars),
    quantity: String(c.quantity),
    unit: c.unit,
    deliveryDate: c.deliveries.map((d) => d.date),
    deliveryQuantity: c.deliveries.map((d) => String(d.quantity)),
    unitPriceVnd: String(c.unitPriceVnd),
    totalVnd: String(c.totalVnd),
    paymentTermsVi: c.paymentTerms.vi,
    paymentTermsEn: c.paymentTerms.en,
    deliveryTermsVi: c.deliveryTerms.vi,
    deliveryTermsEn: c.deliveryTerms.en,
    disputeClauseVi: c.disputeClause.vi,
    disputeClauseEn: c.disputeClause.en,
    validFrom: c.validFrom,
    validUntil: c.validUntil,
  };
}

/** What must be filled before anyone signs: both tax codes (a draft may leave them blank). */
export function missingToSign(c: AgreementContent): string[] {
  const missing: string[] = [];
  if (!c.parties.buyer.taxCode) missing.push("buyerTaxCode");
  if (!c.parties.supplier.taxCode) missing.push("supplierTaxCode");
  if (c.languages.includes("en"))
    for (const [field, text] of [
      ["paymentTermsEn", c.paymentTerms.en],
      ["deliveryTermsEn", c.deliveryTerms.en],
      ["disputeClauseEn", c.disputeClause.en],
    ] as const)
      if (!text) missing.push(field);
  return missing;
}

/** Which version is signed, and how (server/agreements/signers.ts); the signer reads the rest of the form. */
export const signSchema = z.object({
  version: wholeNumber(1, 10_000),
  method: z.enum(["password"]).default("password"),
});
export const commentSchema = z.object({ body: requiredText(1, 4000) });
export const cancelSchema = z.object({ reason: requiredText(5, 500) });

/**
 * A paper agreement's registration, beside its terms: who signed (the meeting's two participants, or a buyer's
 * account e-mail and a cooperative) and on which day. The scan is checked by paper.ts.
 */
export const paperSchema = z
  .object({
    meetingId: z.preprocess(blankToUndefined, wholeNumber(1, 2 ** 31 - 1).optional()),
    // The buyer's login, not the party's e-mail on the agreement (buyerEmail, one of the terms).
    buyerAccount: optionalEmail,
    cooperativeId: z.preprocess(blankToUndefined, wholeNumber(1, 2 ** 31 - 1).optional()),
    signedOn: requiredDate,
  })
  .superRefine((v, ctx) => {
    if (v.meetingId) return;
    if (!v.buyerAccount) ctx.addIssue({ code: "custom", path: ["buyerAccount"], message: "required" });
    if (!v.cooperativeId) ctx.addIssue({ code: "custom", path: ["cooperativeId"], message: "choose_one" });
  });

/** A delivery a party records against the schedule; `requestId` is the form's, so a second submit is the same one. */
export const deliverySchema = z.object({
  requestId: z.string().regex(/^[A-Za-z0-9-]{8,40}$/, "form_outdated"),
  scheduledOn: optionalDate,
  deliveredOn: requiredDate,
  quantity: wholeNumber(1, MAX_LINE_QUANTITY),
  valueVnd: z.preprocess(blankToUndefined, vnd.optional()),
  note: optionalText(1000),
});
export const deliveryAnswerSchema = z
  .object({
    deliveryId: wholeNumber(1, 2 ** 31 - 1),
    answer: z.enum(["confirm", "dispute"]),
    reason: optionalText(500),
  })
  .superRefine((v, ctx) => {
    if (v.answer === "dispute" && (v.reason?.length ?? 0) < 5)
      ctx.addIssue({ code: "custom", path: ["reason"], message: "cancel_reason_too_short" });
  });
/** Staff moving a sealed agreement along the pipeline; stalling and cancelling say why. */
export const pipelineMoveSchema = z
  .object({
    action: z.enum(["start", "stall", "complete", "terminate"]),
    reason: optionalText(500),
  })
  .superRefine((v, ctx) => {
    if ((v.action === "stall" || v.action === "terminate") && (v.reason?.length ?? 0) < 5)
      ctx.addIssue({ code: "custom", path: ["reason"], message: "cancel_reason_too_short" });
  });

/** The form's own id: the same form sent twice (a double click, a retry) adds one follow-up or note. */
const requestId = z.string().regex(/^[A-Za-z0-9-]{8,40}$/, "form_outdated");
const staffId = z.preprocess(blankToUndefined, wholeNumber(1, 2 ** 31 - 1).optional());

/** A follow-up staff add by hand: when, what to do, and who does it (the agreement's follower when left blank). */
export const followUpSchema = z.object({
  requestId,
  dueOn: requiredDate,
  note: requiredText(5, 1000),
  assigneeId: staffId,
});
export type FollowUpInput = z.infer<typeof followUpSchema>;

/** Completing a follow-up says what came of it. */
export const followUpDoneSchema = z.object({
  followUpId: wholeNumber(1, 2 ** 31 - 1),
  outcome: requiredText(5, 2000),
});

/** Giving a follow-up (or, in bulk, agreements) to a staff member; blank gives it back to the team. */
export const assignSchema = z.object({ assigneeId: staffId });

/** A note staff write on an agreement they follow. */
export const agreementNoteSchema = z.object({ requestId, body: requiredText(2, 2000) });

/** The agreements a bulk action on the pipeline applies to: at most one page of them. */
export const bulkSelectionSchema = z.object({
  publicIds: z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z
      .array(z.string().regex(/^TT-\d{4}-[A-Z0-9]{6}$/))
      .min(1, "choose_one")
      .max(100),
  ),
});
