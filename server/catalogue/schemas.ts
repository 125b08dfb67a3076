import { z } from "zod";
import { isProvinceCode, provinceNamed } from "../vocabulary/geo";
import {
  BATCH_EVENT_KINDS,
  CATEGORIES,
  CERTIFICATIONS,
  MAX_LINE_QUANTITY,
  PRODUCT_STATUSES,
  UNITS,
} from "../vocabulary/domain";
import type { PriceTier } from "../vocabulary/price-tiers";
import { MAX_PRICE_TIERS } from "../vocabulary/quotes";
import { LOCALES } from "../vocabulary/locale";
import {
  blankToUndefined,
  cleanList,
  optionalDate,
  optionalText,
  requiredDate,
  requiredText,
  searchTerms,
  vnd,
  wholeNumber,
} from "../fields";
import { vietnamDay } from "../vocabulary/dates";

/**
 * A province by code or by name, with or without marks, current or former ("Thái Nguyên", "thai nguyen", "19",
 * "Bắc Kạn" → Thái Nguyên): a CSV written from older papers still imports.
 */
export const originProvinceField = z.preprocess(
  (v) => {
    if (typeof v !== "string" || v.trim() === "") return undefined;
    const s = v.trim();
    return isProvinceCode(s) ? s : (provinceNamed(s)?.code ?? s);
  },
  z.string().refine(isProvinceCode, "unknown_province"),
);

export const productSchema = z.object({
  sku: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .max(64)
      .regex(/^[A-Za-z0-9][A-Za-z0-9._\-/]*$/, "sku_format"),
  ),
  nameVi: requiredText(3, 200),
  nameEn: z.preprocess(blankToUndefined, z.string().trim().max(200).optional()),
  descriptionVi: requiredText(10, 5000),
  descriptionEn: z.preprocess(blankToUndefined, z.string().trim().max(5000).optional()),
  category: z.preprocess(blankToUndefined, z.enum(CATEGORIES)),
  unit: z.preprocess(blankToUndefined, z.enum(UNITS)),
  priceVnd: vnd,
  minOrderQty: z.preprocess((v) => blankToUndefined(v) ?? "1", wholeNumber(1, 1_000_000)),
  stock: z.preprocess((v) => blankToUndefined(v) ?? "0", wholeNumber(0, 100_000_000)),
  status: z.preprocess((v) => blankToUndefined(v) ?? "draft", z.enum(PRODUCT_STATUSES)),
  originProvinceCode: originProvinceField,
  originRegion: optionalText(120),
  harvestMonths: z.preprocess(
    cleanList(/[;,\s]+/),
    z.array(z.coerce.number().int("format").min(1, "month").max(12, "month")).max(12),
  ),
  shelfLifeDays: z.preprocess(blankToUndefined, wholeNumber(1, 3650).optional()),
  certifications: z.preprocess(
    // Ticked twice or written twice in a CSV cell ("vietgap;vietgap"): one certification.
    (v) => [...new Set(cleanList(/[;,]+/)(v).map((s) => s.toLowerCase()))],
    z.array(z.enum(CERTIFICATIONS, "unknown_certification")),
  ),
  tags: z.preprocess(
    (v) => [...new Set(cleanList(/[;,]+/)(v).map((s) => s.toLocaleLowerCase("vi")))],
    z.array(z.string().max(40, "tag_too_long")).max(12, "too_many_tags"),
  ),
});
export type ProductInput = z.output<typeof productSchema>;

/** The product form's volume prices: MAX_PRICE_TIERS rows of "from this quantity, this unit price", each optional. */
export const TIER_ROWS = [1, 2, 3, 4] as const;
const tierQty = z.preprocess(blankToUndefined, wholeNumber(2, MAX_LINE_QUANTITY).optional());
const tierPrice = z.preprocess(blankToUndefined, vnd.optional());
const tierFields = {
  tier1MinQty: tierQty,
  tier1PriceVnd: tierPrice,
  tier2MinQty: tierQty,
  tier2PriceVnd: tierPrice,
  tier3MinQty: tierQty,
  tier3PriceVnd: tierPrice,
  tier4MinQty: tierQty,
  tier4PriceVnd: tierPrice,
};
type TierRow = (typeof TIER_ROWS)[number];
type TierValues = { [K in keyof typeof tierFields]?: number };
const qtyField = (n: TierRow) => `tier${n}MinQty` as const;
const priceField = (n: TierRow) => `tier${n}PriceVnd` as const;

/**
 * The product form on the cooperative's pages: the product and its volume prices. Each filled row starts above the
 * minimum order and above the row before it, and is cheaper than the list price and the row before it; a row half
 * filled asks for its other half. (The CSV import keeps to productSchema: a file does not touch the tiers.)
 */
export const productFormSchema = productSchema.extend(tierFields).superRefine((v, ctx) => {
  const problem = (path: string, message: string, params?: Record<string, number>) =>
    ctx.addIssue({ code: "custom", path: [path], message, ...(params ? { params } : {}) });
  let previous: PriceTier | null = null;
  for (const n of TIER_ROWS) {
    const minQty = v[qtyField(n)];
    const priceVnd = v[priceField(n)];
    if (minQty === undefined && priceVnd === undefined) continue;
    if (minQty === undefined) problem(qtyField(n), "required");
    if (priceVnd === undefined) problem(priceField(n), "required");
    if (minQty === undefined || priceVnd === undefined) continue;
    if (minQty <= v.minOrderQty) problem(qtyField(n), "tier_not_above_minimum", { min: v.minOrderQty });
    else if (previous && minQty <= previous.minQty)
      problem(qtyField(n), "tier_quantity_not_rising", { previous: previous.minQty });
    const above = previous?.priceVnd ?? v.priceVnd;
    if (priceVnd < 1) problem(priceField(n), "too_small", { min: 1 });
    else if (priceVnd >= above) problem(priceField(n), "tier_price_not_lower", { previous: above });
    previous = { minQty, priceVnd };
  }
});
export type ProductFormInput = z.output<typeof productFormSchema>;

/** The filled rows of the form, as tiers. */
export function tiersOf(input: TierValues): PriceTier[] {
  return TIER_ROWS.flatMap((n) => {
    const minQty = input[qtyField(n)];
    const priceVnd = input[priceField(n)];
    return minQty !== undefined && priceVnd !== undefined ? [{ minQty, priceVnd }] : [];
  });
}

/** The form's fields for tiers a product has (blank rows after them). */
export function tierFormValues(tiers: readonly PriceTier[]): Record<string, number> {
  return Object.fromEntries(
    tiers.slice(0, MAX_PRICE_TIERS).flatMap((t, i) => [
      [qtyField(TIER_ROWS[i]!), t.minQty],
      [priceField(TIER_ROWS[i]!), t.priceVnd],
    ]),
  );
}

export const ocopSchema = z.object({
  stars: z.preprocess(blankToUndefined, z.coerce.number().int().min(3, "ocop_stars").max(5, "ocop_stars")),
  certificateNo: requiredText(3, 64),
  // Compared with today in Vietnam, where the certificate was issued.
  issuedOn: requiredDate.refine((d) => d <= vietnamDay(), "date_in_future"),
});

export type OcopInput = z.output<typeof ocopSchema>;

export const batchSchema = z
  .object({
    lotCode: z.preprocess(
      blankToUndefined,
      z
        .string()
        .trim()
        .max(64)
        .regex(/^[A-Za-z0-9][A-Za-z0-9._\-/]*$/, "sku_format"),
    ),
    producedOn: requiredDate,
    quantity: wholeNumber(1, 100_000_000),
    expiresOn: optionalDate,
    notes: z.preprocess(blankToUndefined, z.string().trim().max(2000).optional()),
  })
  .superRefine((v, ctx) => {
    if (v.expiresOn && v.expiresOn < v.producedOn) {
      ctx.addIssue({ code: "custom", path: ["expiresOn"], message: "expires_before_produced" });
    }
  });

/** One step of a batch's story (its photo comes as a file beside the form). */
export const batchEventSchema = z.object({
  kind: z.preprocess(blankToUndefined, z.enum(BATCH_EVENT_KINDS)),
  happenedOn: requiredDate.refine((d) => d <= vietnamDay(), "event_in_future"),
  note: optionalText(1000),
});
export type BatchEventInput = z.infer<typeof batchEventSchema>;

export const productListQuerySchema = z.object({
  q: searchTerms(200),
  category: z.preprocess(blankToUndefined, z.enum(CATEGORIES).optional()),
  province: z.preprocess(blankToUndefined, z.string().refine(isProvinceCode, "unknown_province").optional()),
  ocop_min: z.preprocess(blankToUndefined, z.coerce.number().int().min(3).max(5).optional()),
  certification: z.preprocess(blankToUndefined, z.enum(CERTIFICATIONS).optional()),
  price: z.preprocess(
    blankToUndefined,
    z.enum(["lt50k", "50k-100k", "100k-200k", "200k-500k", "gte500k"]).optional(),
  ),
  in_stock: z.preprocess(blankToUndefined, z.enum(["1", "true"]).optional()),
  sort: z.preprocess(blankToUndefined, z.enum(["relevance", "price_asc", "price_desc", "newest"]).optional()),
  page: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(1000).default(1)),
  per_page: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(100).default(24)),
  locale: z.preprocess(blankToUndefined, z.enum(LOCALES).optional()),
  cooperative: searchTerms(160),
});
export type ProductListQuery = z.output<typeof productListQuerySchema>;

/** The cooperative's own product list: a status tab and a search box; a hand-edited link falls back to all. */
export const ownProductsQuerySchema = z.object({
  status: z.enum(PRODUCT_STATUSES).optional().catch(undefined),
  q: searchTerms(100).catch(undefined),
});
