import { z } from "zod";
import { MAX_LINE_QUANTITY, ORDER_STATUSES, PAYMENT_METHODS } from "../vocabulary/domain";
import { SHIPPING_ZONES } from "../vocabulary/shipping";
import { emailField } from "../accounts/schemas";
import {
  blankToUndefined,
  checkbox,
  optionalDate,
  optionalTaxCode,
  optionalText,
  provinceField,
  requiredText,
  searchTerms,
  vnd,
  vnPhone,
  wardField,
  wardInProvince,
} from "../fields";

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
    provinceCode: provinceField,
    wardCode: wardField,
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
    /** Bought for a business: its name and tax code are then required, a purchase-order number optional. */
    forBusiness: checkbox,
    organisationName: optionalText(200),
    taxCode: optionalTaxCode,
    purchaseOrderNo: optionalText(60),
    /** A VAT e-invoice is requested: the name, address and mailbox it is issued to are then required. */
    invoice: checkbox,
    invoiceName: optionalText(200),
    invoiceAddress: optionalText(300),
    invoiceEmail: z.preprocess(
      blankToUndefined,
      z.string().trim().toLowerCase().max(254).pipe(z.email()).optional(),
    ),
  })
  .superRefine((v, ctx) => {
    wardInProvince(v, ctx);
    const required = (field: keyof typeof v, when: boolean) => {
      if (when && v[field] === undefined)
        ctx.addIssue({ code: "custom", path: [field], message: "required" });
    };
    required("organisationName", v.forBusiness);
    required("taxCode", v.forBusiness);
    for (const field of ["invoiceName", "invoiceAddress", "invoiceEmail"] as const)
      required(field, v.invoice);
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

export const orderListQuerySchema = z.object({
  status: z.preprocess(blankToUndefined, z.enum(ORDER_STATUSES).optional()),
  from: optionalDate,
  to: optionalDate,
  q: searchTerms(40),
  page: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(10_000).default(1)),
});
export type OrderListQuery = z.output<typeof orderListQuerySchema>;

const optionalVnd = z.preprocess(blankToUndefined, vnd.optional());
const optionalDays = z.preprocess(
  (v) => (blankToUndefined(v) === undefined ? undefined : Number(v)),
  z.number().int("format").min(0).max(90).optional(),
);

/**
 * A cooperative's delivery options. Each zone it delivers to needs a fee (0 is free) and carrier days; pick-up
 * needs an address and the days until ready; at least one way to get the goods must be offered.
 */
export const shippingPolicySchema = z
  .object({
    provinceOn: checkbox,
    provinceFeeVnd: optionalVnd,
    provinceDaysMin: optionalDays,
    provinceDaysMax: optionalDays,
    regionOn: checkbox,
    regionFeeVnd: optionalVnd,
    regionDaysMin: optionalDays,
    regionDaysMax: optionalDays,
    countryOn: checkbox,
    countryFeeVnd: optionalVnd,
    countryDaysMin: optionalDays,
    countryDaysMax: optionalDays,
    freeAboveVnd: optionalVnd,
    pickup: checkbox,
    pickupAddress: optionalText(300),
    pickupReadyDays: optionalDays,
    freightQuote: checkbox,
  })
  .superRefine((v, ctx) => {
    const required = (field: string) => ctx.addIssue({ code: "custom", path: [field], message: "required" });
    for (const zone of SHIPPING_ZONES) {
      if (!v[`${zone}On`]) continue;
      for (const part of ["FeeVnd", "DaysMin", "DaysMax"] as const)
        if (v[`${zone}${part}`] === undefined) required(`${zone}${part}`);
      const min = v[`${zone}DaysMin`];
      const max = v[`${zone}DaysMax`];
      if (min !== undefined && max !== undefined && max < min)
        ctx.addIssue({ code: "custom", path: [`${zone}DaysMax`], message: "days_max_below_min" });
    }
    if (v.pickup) {
      if (v.pickupAddress === undefined) required("pickupAddress");
      if (v.pickupReadyDays === undefined) required("pickupReadyDays");
    }
    if (!SHIPPING_ZONES.some((zone) => v[`${zone}On`]) && !v.pickup && !v.freightQuote)
      ctx.addIssue({ code: "custom", path: ["freightQuote"], message: "no_shipping_option" });
  });
export type ShippingPolicyInput = z.output<typeof shippingPolicySchema>;
