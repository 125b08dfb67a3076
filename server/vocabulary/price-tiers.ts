/**
 * Volume prices, as pure functions the cart, the product page and the tests share: "from 50 kg: 85.000 ₫/kg".
 * Browser-safe (the product page draws its table with them).
 */

export interface PriceTier {
  /** From this many units on (in the product's sales unit)… */
  minQty: number;
  /** …each unit costs this (integer VND). */
  priceVnd: number;
}

/**
 * The tiers that lower the price, by quantity: each one cheaper than the list price and every tier before it.
 * The form refuses anything else, but a list price lowered later (a CSV import) can leave a tier that no longer
 * lowers anything: buying more never costs more per unit, so such a tier is not applied, and not shown.
 */
export function effectiveTiers(listPriceVnd: number, tiers: readonly PriceTier[]): PriceTier[] {
  const out: PriceTier[] = [];
  let best = listPriceVnd;
  for (const tier of [...tiers].sort((a, b) => a.minQty - b.minQty)) {
    if (tier.priceVnd >= best) continue;
    best = tier.priceVnd;
    out.push(tier);
  }
  return out;
}

/** The unit price at a quantity, and the tier that gives it (null at the list price). */
export function unitPriceAt(
  product: { priceVnd: number; tiers: readonly PriceTier[] },
  quantity: number,
): { priceVnd: number; tier: PriceTier | null } {
  let tier: PriceTier | null = null;
  for (const t of effectiveTiers(product.priceVnd, product.tiers)) if (quantity >= t.minQty) tier = t;
  return { priceVnd: tier?.priceVnd ?? product.priceVnd, tier };
}

/** The rows of a product's price table: each quantity range and its unit price, the list price first. */
export function priceRows(product: {
  priceVnd: number;
  minOrderQty: number;
  tiers: readonly PriceTier[];
}): Array<{ from: number; to: number | null; priceVnd: number }> {
  // A tier at or below the minimum order (left by a later change of the minimum) is the price from the start.
  const first = { minQty: product.minOrderQty, priceVnd: unitPriceAt(product, product.minOrderQty).priceVnd };
  const later = effectiveTiers(product.priceVnd, product.tiers).filter((t) => t.minQty > product.minOrderQty);
  const starts = [first, ...later];
  return starts.map((s, i) => ({
    from: s.minQty,
    to: i + 1 < starts.length ? starts[i + 1]!.minQty - 1 : null,
    priceVnd: s.priceVnd,
  }));
}
