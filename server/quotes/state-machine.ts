import { stateMachine } from "../lifecycle";
import type { QuoteStatus } from "../vocabulary/quotes";

export type QuoteAction = "answer" | "decline" | "expire" | "order" | "reopen";
export type QuoteActor = "buyer" | "cooperative" | "system";

/**
 * A quote's lifecycle: the buyer asks (requested); the cooperative answers with a unit price and a last valid
 * day, or declines with a reason; an answer lapses after that day (expired, by the job or when read) unless the
 * buyer's checkout with it was placed first (ordered). An order cancelled before it was carried out gives its
 * quote back (answered again, so it lapses on its day as before). Nothing leaves declined or expired.
 */
export const quoteMachine = stateMachine<QuoteAction, QuoteStatus, QuoteActor, { status: QuoteStatus }>({
  answer: { from: ["requested"], to: ["answered"], by: ["cooperative"] },
  decline: { from: ["requested"], to: ["declined"], by: ["cooperative"] },
  expire: { from: ["answered"], to: ["expired"], by: ["system"] },
  order: { from: ["answered"], to: ["ordered"], by: ["buyer"] },
  reopen: { from: ["ordered"], to: ["answered"], by: ["system"] },
});
