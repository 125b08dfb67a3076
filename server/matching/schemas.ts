import { z } from "zod";
import {
  CATEGORIES,
  CERTIFICATIONS,
  DECLINE_REASONS,
  FIRST_OUTCOMES,
  FOLLOW_UP_OUTCOMES,
  FREQUENCIES,
  MAX_LINE_QUANTITY,
  OUTCOME_STAGES,
  UNITS,
} from "../vocabulary/domain";
import {
  blankToUndefined,
  cleanList,
  optionalDate,
  optionalText,
  provinceField,
  requiredText,
  searchTerms,
  vnd,
  wholeNumber,
} from "../fields";
import { isProvinceCode } from "../vocabulary/geo";

const optionalVnd = z.preprocess(blankToUndefined, vnd.optional());
const certifications = z.preprocess(
  (v) => [...new Set(cleanList(/[;,]+/)(v).map((s) => s.toLowerCase()))],
  z.array(z.enum(CERTIFICATIONS, "unknown_certification")),
);

/** A price range: either end may be open, but not upside down. */
function priceRange(v: { priceMinVnd?: number; priceMaxVnd?: number }, ctx: z.RefinementCtx) {
  if (v.priceMinVnd !== undefined && v.priceMaxVnd !== undefined && v.priceMaxVnd < v.priceMinVnd)
    ctx.addIssue({ code: "custom", path: ["priceMaxVnd"], message: "price_range" });
}

/** What a buyer wants to buy ("nhu cầu mua"). */
export const demandSchema = z
  .object({
    category: z.preprocess(blankToUndefined, z.enum(CATEGORIES)),
    title: requiredText(5, 200),
    description: requiredText(10, 2000),
    quantity: wholeNumber(1, MAX_LINE_QUANTITY),
    unit: z.preprocess(blankToUndefined, z.enum(UNITS)),
    frequency: z.preprocess((v) => blankToUndefined(v) ?? "once", z.enum(FREQUENCIES)),
    priceMinVnd: optionalVnd,
    priceMaxVnd: optionalVnd,
    deliveryProvinceCode: provinceField,
    deliveryFrom: optionalDate,
    deliveryTo: optionalDate,
    certifications,
    minOcopStars: z.preprocess(
      blankToUndefined,
      z.coerce.number().int().min(3, "ocop_stars").max(5, "ocop_stars").optional(),
    ),
    notes: optionalText(1000),
  })
  .superRefine((v, ctx) => {
    priceRange(v, ctx);
    if (v.deliveryFrom && v.deliveryTo && v.deliveryTo < v.deliveryFrom)
      ctx.addIssue({ code: "custom", path: ["deliveryTo"], message: "ends_before_starts" });
  });
export type DemandInput = z.output<typeof demandSchema>;

/** What a cooperative offers to sell ("chào bán"): one of its products, or a free description. */
export const offerSchema = z
  .object({
    productId: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).optional()),
    category: z.preprocess(blankToUndefined, z.enum(CATEGORIES)),
    title: requiredText(5, 200),
    description: requiredText(10, 2000),
    quantity: wholeNumber(1, MAX_LINE_QUANTITY),
    unit: z.preprocess(blankToUndefined, z.enum(UNITS)),
    period: z.preprocess((v) => blankToUndefined(v) ?? "monthly", z.enum(FREQUENCIES)),
    priceMinVnd: optionalVnd,
    priceMaxVnd: optionalVnd,
    seasonMonths: z.preprocess(
      cleanList(/[;,\s]+/),
      z.array(z.coerce.number().int("format").min(1, "month").max(12, "month")).max(12),
    ),
    certifications,
  })
  .superRefine(priceRange);
export type OfferInput = z.output<typeof offerSchema>;

/** The public demand board's query string. */
export const demandBoardQuerySchema = z.object({
  q: searchTerms(100),
  category: z.preprocess(blankToUndefined, z.enum(CATEGORIES).optional()),
  province: z.preprocess(blankToUndefined, z.string().refine(isProvinceCode, "choose_one").optional()),
  page: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(1000).default(1)),
});
export type DemandBoardQuery = z.output<typeof demandBoardQuerySchema>;

/** Why a buyer or cooperative closes or pauses: optional words for the other side. */
export const demandActionSchema = z.object({
  action: z.enum(["pause", "resume", "fulfil", "close", "renew"]),
});
export const offerActionSchema = z.object({
  action: z.enum(["pause", "resume", "close"]),
});

/** Interest carries its first message: a request without words is what the other side ignores. */
export const matchRequestSchema = z.object({ intent: z.literal("request"), message: requiredText(10, 2000) });
export const matchAcceptSchema = z.object({ intent: z.literal("accept"), message: optionalText(2000) });
export const matchDeclineSchema = z.object({
  intent: z.literal("decline"),
  reason: z.preprocess(blankToUndefined, z.enum(DECLINE_REASONS, "choose_one")),
  message: optionalText(2000),
});
export const matchMessageSchema = z.object({ intent: z.literal("message"), body: requiredText(1, 2000) });

/** The forms on a match's page, told apart by their intent. */
export const matchActionSchema = z.discriminatedUnion("intent", [
  matchRequestSchema,
  matchAcceptSchema,
  matchDeclineSchema,
  z.object({ intent: z.literal("withdraw") }),
  z.object({ intent: z.literal("dismiss") }),
  matchMessageSchema,
]);
export type MatchActionInput = z.output<typeof matchActionSchema>;

/** One side's outcome of a contact, for one stage of the ladder. */
export const outcomeSchema = z
  .object({
    stage: z.enum(OUTCOME_STAGES),
    outcome: z.preprocess(blankToUndefined, z.enum([...FIRST_OUTCOMES, ...FOLLOW_UP_OUTCOMES], "choose_one")),
    note: optionalText(1000),
  })
  .superRefine((v, ctx) => {
    const ladder: readonly string[] = v.stage === "first" ? FIRST_OUTCOMES : FOLLOW_UP_OUTCOMES;
    if (!ladder.includes(v.outcome))
      ctx.addIssue({ code: "custom", path: ["outcome"], message: "choose_one" });
  });

/** Filters of a match list (a buyer's demand, or a cooperative's matches). */
export const matchListQuerySchema = z.object({
  status: z.preprocess(
    blankToUndefined,
    z.enum(["open", "waiting", "to_answer", "connected", "closed"]).optional(),
  ),
  minScore: z.preprocess(blankToUndefined, z.coerce.number().int().min(0).max(100).optional()),
  category: z.preprocess(blankToUndefined, z.enum(CATEGORIES).optional()),
  province: z.preprocess(blankToUndefined, z.string().refine(isProvinceCode, "choose_one").optional()),
  offer: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).optional()),
});
export type MatchListQuery = z.output<typeof matchListQuerySchema>;
