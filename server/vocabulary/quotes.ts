/**
 * Business buyers (issue 15): volume price tiers on a product, and quotes — a buyer asks a cooperative for a price
 * on a quantity, the cooperative answers (a unit price until a day) or declines, and the buyer orders at it.
 */

/** A product's volume prices: at most this many rows on top of its list price. */
export const MAX_PRICE_TIERS = 4;

/**
 * requested → answered (price and valid-until) or declined; an answer lapses after its last valid day (expired)
 * or becomes an order (ordered, with the order's code).
 */
export const QUOTE_STATUSES = ["requested", "answered", "declined", "expired", "ordered"] as const;
export type QuoteStatus = (typeof QUOTE_STATUSES)[number];

/** How far ahead a cooperative may hold a quoted price. */
export const QUOTE_VALID_MAX_DAYS = 90;
/** How far ahead a buyer may say they want the goods. */
export const QUOTE_WANTED_MAX_DAYS = 366;
