/**
 * Orders over slots of the in-memory columns: the first k of a set (a page and those before it), and the orders
 * of the non-relevance sorts. The relevance order is relevance.ts's.
 */
import type { Sort } from "../types";
import type { ProductColumns } from "./columns";

/** The first `k` of `count` slots in the order `before` (a strict total order), best first. */
export function firstK(
  slots: Int32Array,
  count: number,
  k: number,
  before: (a: number, b: number) => boolean,
): number[] {
  if (k <= 0 || count === 0) return [];
  if (k > 1024 || k * 8 > count) {
    const all = Array.from(slots.subarray(0, count));
    all.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
    return all.slice(0, k);
  }
  // A sorted window of the best k so far; most slots lose to its last and cost one comparison.
  const top: number[] = [];
  for (let i = 0; i < count; i++) {
    const s = slots[i]!;
    if (top.length === k && !before(s, top[k - 1]!)) continue;
    let lo = 0;
    let hi = top.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (before(top[mid]!, s)) lo = mid + 1;
      else hi = mid;
    }
    top.splice(lo, 0, s);
    if (top.length > k) top.pop();
  }
  return top;
}

/** The order of a non-relevance sort (and of a browse), as "a comes before b". */
export function sortOrder(c: ProductColumns, sort: Sort): (a: number, b: number) => boolean {
  const ids = c.ids;
  if (sort === "price_asc") {
    const price = c.price;
    return (a, b) => (price[a] !== price[b] ? price[a]! < price[b]! : ids[a]! < ids[b]!);
  }
  if (sort === "price_desc") {
    const price = c.price;
    return (a, b) => (price[a] !== price[b] ? price[a]! > price[b]! : ids[a]! < ids[b]!);
  }
  const created = c.created;
  return (a, b) => (created[a] !== created[b] ? created[a]! > created[b]! : ids[a]! > ids[b]!);
}
