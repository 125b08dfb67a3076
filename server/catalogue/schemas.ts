import { z } from "zod";
import { isProvinceCode, provinceNamed } from "../vocabulary/geo";
import { CATEGORIES, CERTIFICATIONS, PRODUCT_STATUSES, UNITS } from "../vocabulary/domain";
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
