import { z } from "zod";
import { isProvinceCode } from "../vocabulary/geo";
import { COOPERATIVE_KINDS, SECTORS } from "../db/models/cooperatives";
import {
  blankToUndefined,
  optionalEmail,
  provinceField,
  requiredText,
  searchTerms,
  vnPhone,
  wardField,
  wardInProvince,
} from "../fields";

const currentYear = () => new Date().getUTCFullYear();

/** The profile a cooperative keeps: used at registration and when a member edits it. */
export const cooperativeProfileSchema = z
  .object({
    cooperativeName: requiredText(3, 200),
    kind: z.enum(COOPERATIVE_KINDS),
    provinceCode: provinceField,
    wardCode: wardField,
    address: requiredText(3, 300),
    foundedYear: z.preprocess(
      blankToUndefined,
      z.coerce.number().int("format").min(1945, "year_range").max(currentYear(), "year_range").optional(),
    ),
    memberCount: z.preprocess(
      blankToUndefined,
      z.coerce.number().int("format").min(1).max(1_000_000).optional(),
    ),
    sectors: z.preprocess(
      (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
      z.array(z.enum(SECTORS)).min(1, "choose_sector").max(SECTORS.length),
    ),
    descriptionVi: requiredText(20, 5000),
    descriptionEn: z.preprocess(blankToUndefined, z.string().trim().max(5000).optional()),
    representative: requiredText(2, 120),
    cooperativePhone: z.preprocess(blankToUndefined, vnPhone),
    cooperativeEmail: optionalEmail,
    website: z.preprocess(
      blankToUndefined,
      z
        .url({ protocol: /^https?$/ })
        .max(300)
        .optional(),
    ),
  })
  .superRefine((v, ctx) => wardInProvince(v, ctx));

export type CooperativeProfileInput = z.output<typeof cooperativeProfileSchema>;

export const reviewSchema = z.discriminatedUnion("decision", [
  z.object({ decision: z.literal("approve") }),
  z.object({
    decision: z.literal("reject"),
    reason: z.preprocess(blankToUndefined, z.string().trim().min(10, "reason_too_short").max(500)),
  }),
]);

export const directoryQuerySchema = z.object({
  q: searchTerms(100),
  province: z.preprocess(blankToUndefined, z.string().refine(isProvinceCode, "choose_one").optional()),
  sector: z.preprocess(blankToUndefined, z.enum(SECTORS).optional()),
  page: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(1000).default(1)),
});
export type DirectoryQuery = z.output<typeof directoryQuerySchema>;
