import { z } from "zod";
import { isProvinceCode } from "../vocabulary/geo";
import { BOOTH_TYPES, CATEGORIES, PLAN_ELEMENT_KINDS } from "../vocabulary/domain";
import {
  blankToUndefined,
  checkbox,
  int,
  optionalText,
  provinceField,
  requiredDate,
  requiredText,
  searchTerms,
  vietnamTime,
  vnPhone,
  wardField,
  wardInProvince,
} from "../fields";
import { bankAccountSchema } from "../payments/schemas";

export const fairSchema = z
  .object({
    nameVi: requiredText(3, 200),
    nameEn: optionalText(200),
    descriptionVi: requiredText(20, 5000),
    descriptionEn: optionalText(5000),
    organiser: requiredText(3, 200),
    organiserEn: optionalText(200),
    venue: requiredText(3, 300),
    venueEn: optionalText(300),
    provinceCode: provinceField,
    wardCode: wardField,
    startsOn: requiredDate,
    endsOn: requiredDate,
    bookingOpensAt: vietnamTime,
    bookingClosesAt: vietnamTime,
    maxBoothsPerCooperative: int(1, 20),
    requiresApproval: checkbox,
    holdMinutes: z.preprocess(blankToUndefined, int(5, 120).default(15)),
    transferDays: z.preprocess(blankToUndefined, int(1, 30).default(5)),
    offerHours: z.preprocess(blankToUndefined, int(1, 168).default(48)),
  })
  .and(bankAccountSchema)
  .superRefine((v, ctx) => {
    wardInProvince(v, ctx);
    if (v.endsOn < v.startsOn)
      ctx.addIssue({ code: "custom", path: ["endsOn"], message: "ends_before_starts" });
    if (v.bookingClosesAt <= v.bookingOpensAt)
      ctx.addIssue({ code: "custom", path: ["bookingClosesAt"], message: "closes_before_opens" });
    if (v.bookingClosesAt.getTime() > Date.parse(`${v.startsOn}T23:59:59+07:00`))
      ctx.addIssue({ code: "custom", path: ["bookingClosesAt"], message: "closes_after_start" });
  });
export type FairInput = z.output<typeof fairSchema>;

export const hallSchema = z.object({
  name: requiredText(1, 120),
  nameEn: optionalText(120),
  widthM: int(5, 1000),
  depthM: int(5, 1000),
});

/** A hall's names, changed after it is drawn (its size is fixed once booths stand in it). */
export const hallNamesSchema = hallSchema.pick({ name: true, nameEn: true });

export const gridSchema = z.object({
  hallId: int(1, 2_147_483_647),
  rows: int(1, 26),
  columns: int(1, 60),
  firstRow: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .regex(/^[A-Za-z]$/, "row_letter"),
  ),
  firstNumber: z.preprocess(blankToUndefined, int(1, 999).default(1)),
  widthM: int(1, 50),
  depthM: int(1, 50),
  aisleM: z.preprocess(blankToUndefined, int(0, 50).default(3)),
  originXM: z.preprocess(blankToUndefined, int(0, 1000).default(2)),
  originYM: z.preprocess(blankToUndefined, int(0, 1000).default(2)),
  type: z.enum(BOOTH_TYPES),
  cornerEnds: checkbox,
  priceVnd: int(0, 10_000_000_000),
  cornerPriceVnd: z.preprocess(blankToUndefined, int(0, 10_000_000_000).optional()),
});
export type GridInput = z.output<typeof gridSchema>;

export const boothSchema = z.object({
  code: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9][A-Z0-9-]{0,15}$/, "booth_code"),
  ),
  type: z.enum(BOOTH_TYPES),
  xM: int(0, 1000),
  yM: int(0, 1000),
  widthM: int(1, 50),
  depthM: int(1, 50),
  priceVnd: int(0, 10_000_000_000),
  blockedReason: optionalText(200),
});
export type BoothInput = z.output<typeof boothSchema>;

export const confirmSchema = z.object({
  paymentMethod: z.preprocess(
    blankToUndefined,
    z.enum(["card", "bank_transfer"], "choose_payment_method").optional(),
  ),
  productIds: z.preprocess(
    (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.coerce.number().int().positive()).max(50),
  ),
});

export const reasonSchema = z.object({
  reason: z.preprocess(blankToUndefined, z.string().trim().min(5, "cancel_reason_too_short").max(500)),
});

export const exhibitorQuerySchema = z.object({
  q: searchTerms(100),
  province: z.preprocess(blankToUndefined, z.string().refine(isProvinceCode, "choose_one").optional()),
  category: z.preprocess(blankToUndefined, z.enum(CATEGORIES).optional()),
});
export type ExhibitorQuery = z.output<typeof exhibitorQuerySchema>;

/** Something staff draw on a hall besides booths, in the hall's metres; labels are optional in both languages. */
export const planElementSchema = z.object({
  hallId: int(1, 2_147_483_647),
  kind: z.enum(PLAN_ELEMENT_KINDS),
  xM: int(0, 1000),
  yM: int(0, 1000),
  widthM: int(1, 1000),
  depthM: int(1, 1000),
  labelVi: optionalText(80),
  labelEn: optionalText(80),
});
export type PlanElementInput = z.output<typeof planElementSchema>;

/** "I will visit": a guest gives all three; a signed-in person's name and email come from the account. */
export const visitorSchema = z.object({
  name: requiredText(2, 120),
  phone: z.preprocess(blankToUndefined, vnPhone),
  email: z.preprocess(blankToUndefined, z.string().trim().toLowerCase().max(254).pipe(z.email())),
});
export type VisitorInput = z.output<typeof visitorSchema>;
