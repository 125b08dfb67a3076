import { z } from "zod";
import {
  optionalDate,
  optionalText,
  provinceField,
  requiredDate,
  requiredText,
  vnd,
  wholeNumber,
} from "../fields";
import { shiftDay, vietnamDay } from "../vocabulary/dates";
import { MAX_LINE_QUANTITY } from "../vocabulary/domain";
import { QUOTE_VALID_MAX_DAYS, QUOTE_WANTED_MAX_DAYS } from "../vocabulary/quotes";

/**
 * A day from today (in Vietnam) to `maxDays` ahead; checked on the field itself, so the form hears it together
 * with its other fields' problems.
 */
const dayAhead = (day: string | undefined, ctx: z.RefinementCtx, pastCode: string, maxDays: number) => {
  if (!day) return;
  const today = vietnamDay();
  if (day < today) ctx.addIssue({ code: "custom", message: pastCode });
  else if (day > shiftDay(today, { days: maxDays }))
    ctx.addIssue({ code: "custom", message: "date_too_far", params: { days: maxDays } });
};

/** The product page's "request a quote" form. */
export const quoteRequestSchema = z.object({
  quantity: wholeNumber(1, MAX_LINE_QUANTITY),
  wantedBy: optionalDate.superRefine((d, ctx) =>
    dayAhead(d, ctx, "wanted_by_in_past", QUOTE_WANTED_MAX_DAYS),
  ),
  provinceCode: provinceField,
  message: requiredText(10, 1000),
});
export type QuoteRequestInput = z.output<typeof quoteRequestSchema>;

/** The cooperative's answer: a unit price held until a day (today at the earliest), and a note. */
export const quoteAnswerSchema = z.object({
  unitPriceVnd: vnd.superRefine((v, ctx) => {
    if (v < 1) ctx.addIssue({ code: "custom", message: "too_small", params: { min: 1 } });
  }),
  validUntil: requiredDate.superRefine((d, ctx) =>
    dayAhead(d, ctx, "valid_until_in_past", QUOTE_VALID_MAX_DAYS),
  ),
  note: optionalText(1000),
});
export type QuoteAnswerInput = z.output<typeof quoteAnswerSchema>;

/** Declining says why, so the buyer can ask again differently or look elsewhere. */
export const quoteDeclineSchema = z.object({
  reason: requiredText(5, 500),
});
