import { by, cooperatives, get, ok, only, post, title } from "./cells";
import type { F } from "./fixtures";
import { CONFLICT, DENY, HIDDEN, INVALID, LOGIN, type RouteEntry } from "./matrix";

/** A's quote request: only A and X (whose tea it asks about) may read what A wrote. */
const message = (f: F) => [f.quote.AX.message];

/**
 * Quotes (issue 15): a buyer's quotes are theirs alone (another buyer is told A's does not exist); a cooperative's
 * quote requests are its members' (Y's are told X's does not exist; a pending cooperative sees the page's notice
 * but may not answer); staff act for neither side.
 */
export const QUOTES: Array<RouteEntry<F>> = [
  {
    file: "account_.quotes.tsx",
    probes: [
      get(
        "my quotes",
        () => "/account/quotes",
        only({
          buyerA: ok(message),
          buyerB: ok(() => [title("Báo giá của tôi")], message),
        }),
        { secrets: message },
      ),
      // A's request is not answered yet: A hears it cannot be ordered; B that it does not exist.
      post(
        "order",
        () => "/account/quotes",
        (f) => ({ intent: "order", quoteId: String(f.quote.AX.id) }),
        only({ buyerA: CONFLICT, buyerB: HIDDEN }),
        { label: "A's waiting quote", secrets: message },
      ),
    ],
  },
  {
    file: "cooperative.quotes.tsx",
    probes: [
      get(
        "my quote requests",
        () => "/cooperative/quotes",
        cooperatives({
          memberX: ok(message),
          memberY: ok(() => [title("Yêu cầu báo giá")], message),
          pending: ok(() => [title("Yêu cầu báo giá")], message),
        }),
        { secrets: message },
      ),
      post(
        "answer",
        () => "/cooperative/quotes",
        (f) => ({ intent: "answer", quoteId: String(f.quote.AX.id), unitPriceVnd: "", validUntil: "" }),
        cooperatives({ memberX: INVALID, memberY: HIDDEN, pending: DENY }),
        { label: "A's quote request at X, without a price", secrets: message },
      ),
      post(
        "decline",
        () => "/cooperative/quotes",
        (f) => ({ intent: "decline", quoteId: String(f.quote.AX.id), reason: "x" }),
        cooperatives({ memberX: INVALID, memberY: HIDDEN, pending: DENY }),
        { label: "A's quote request at X, with a one-letter reason", secrets: message },
      ),
    ],
  },
];

/** The product page's quote form: guests log in and come back, buyers are let through to the form's checks. */
export const productQuoteProbe = post(
  "quote",
  (f) => `/products/${f.product.xTea.slug}`,
  (f) => ({
    intent: "quote",
    productId: String(f.product.xTea.id),
    quantity: "0",
    provinceCode: "01",
    message: "x",
  }),
  by({ guest: LOGIN, buyers: INVALID, members: DENY, pending: DENY, staff: DENY }),
  { label: "X's tea, a quantity of 0" },
);
