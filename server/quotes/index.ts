import { quoteAnswers } from "./answers";
import { quotesForOrders } from "./for-orders";
import { quotesKit, type QuotesDeps } from "./kit";
import { quoteRequests } from "./requests";

export { EXPIRE_QUOTE, endOfValidity } from "./answers";
export type { QuotesDeps } from "./kit";
export { BUYER_QUOTES_PATH, COOPERATIVE_QUOTES_PATH } from "./kit";
export type { PlacedLine, QuotedLine, QuotesForOrders } from "./for-orders";
export { quoteMachine, type QuoteAction } from "./state-machine";
export type { CooperativeQuoteView, QuoteView } from "./views";

/**
 * Quotes (issue 15): a buyer asks a cooperative for a price on a quantity; the cooperative answers or declines;
 * an answer lapses after its last day, or is ordered through the cart. The orders domain uses `forOrders`.
 */
export function createQuotesService(deps: QuotesDeps) {
  const kit = quotesKit(deps);
  const answers = quoteAnswers(kit);
  return {
    ...quoteRequests(kit),
    ...answers,
    /** For the orders domain: the cart and checkout, in their transactions. */
    forOrders: quotesForOrders(kit),
    jobHandlers: () => answers.jobHandlers(),
  };
}

export type QuotesService = ReturnType<typeof createQuotesService>;
