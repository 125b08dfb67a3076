/**
 * Filters, totals and facet counts over the in-memory columns. Facets are disjunctive: each counts the products
 * that pass every filter except its own, so that ticking a category still shows how many the other categories
 * hold.
 */
import { PRICE_BUCKETS, type PriceBucketKey, type SearchFacets, type SearchFilters } from "../types";
import type { Dictionary, ProductColumns } from "./columns";

/** One bit per filter; a facet counts the products that fail no filter but its own. */
const F_CATEGORY = 1;
const F_PROVINCE = 2;
const F_OCOP = 4;
const F_CERTIFICATION = 8;
const F_PRICE = 16;
const F_STOCK = 32;
const F_COOPERATIVE = 64;

export interface Filters {
  /** Bits of the filters in use. */
  active: number;
  category: number;
  province: number;
  ocopMin: number;
  now: number;
  /** Word and bit of the certification in the bitsets; word -1 when no product has it. */
  certWord: number;
  certBit: number;
  priceMin: number;
  priceMax: number;
  cooperative: number;
}

/** Checks of values that come from outside (filters here; paging and ids in the engine). */
export const isInt = (n: unknown): n is number => typeof n === "number" && Number.isSafeInteger(n);
export const isNum = (n: unknown): n is number => typeof n === "number" && Number.isFinite(n);

export function compileFilters(f: SearchFilters | undefined, now: number, columns: ProductColumns): Filters {
  const filters: Filters = {
    active: 0,
    category: -1,
    province: -1,
    ocopMin: 0,
    now,
    certWord: -1,
    certBit: 0,
    priceMin: -Infinity,
    priceMax: Infinity,
    cooperative: NaN,
  };
  if (!f) return filters;
  // A value no product has gets code -1, which no slot has: the filter then passes nothing.
  if (f.category) {
    filters.active |= F_CATEGORY;
    filters.category = columns.categories.find(String(f.category));
  }
  if (f.provinceCode) {
    filters.active |= F_PROVINCE;
    filters.province = columns.provinces.find(String(f.provinceCode));
  }
  if (isNum(f.ocopMin)) {
    filters.active |= F_OCOP;
    filters.ocopMin = f.ocopMin;
  }
  if (f.certification) {
    filters.active |= F_CERTIFICATION;
    const code = columns.certifications.find(String(f.certification));
    if (code >= 0) {
      filters.certWord = code >>> 5;
      filters.certBit = 1 << (code & 31);
    }
  }
  if (isNum(f.priceMin)) {
    filters.active |= F_PRICE;
    filters.priceMin = f.priceMin;
  }
  if (isNum(f.priceMax)) {
    filters.active |= F_PRICE;
    filters.priceMax = f.priceMax;
  }
  // Only `true` filters: an unticked "in stock" box is no filter (there is no "out of stock only" view).
  if (f.inStock === true) filters.active |= F_STOCK;
  if (isInt(f.cooperativeId)) {
    filters.active |= F_COOPERATIVE;
    filters.cooperative = f.cooperativeId;
  }
  return filters;
}

/** The bits of the filters a product fails (0: it passes them all). */
export function failures(c: ProductColumns, f: Filters, s: number): number {
  const active = f.active;
  if (active === 0) return 0;
  let failed = 0;
  if (active & F_CATEGORY && c.category[s] !== f.category) failed |= F_CATEGORY;
  if (active & F_PROVINCE && c.province[s] !== f.province) failed |= F_PROVINCE;
  if (active & F_OCOP && !(c.stars[s]! >= f.ocopMin && c.expires[s]! > f.now)) failed |= F_OCOP;
  if (
    active & F_CERTIFICATION &&
    (f.certWord < 0 || (c.certs[s * c.certWords + f.certWord]! & f.certBit) === 0)
  )
    failed |= F_CERTIFICATION;
  if (active & F_PRICE && !(c.price[s]! >= f.priceMin && c.price[s]! < f.priceMax)) failed |= F_PRICE;
  if (active & F_STOCK && c.inStock[s] !== 1) failed |= F_STOCK;
  if (active & F_COOPERATIVE && c.cooperative[s] !== f.cooperative) failed |= F_COOPERATIVE;
  return failed;
}

const EMPTY_COUNTS = new Int32Array(0);
/** Upper bounds of the price buckets but the last, in order. */
const PRICE_LIMITS = PRICE_BUCKETS.flatMap((b) => (b.max === null ? [] : [b.max]));

/** Facet counts: each facet counts the products that pass every filter except its own (see tally). */
export class FacetCounter {
  readonly category: Int32Array;
  readonly province: Int32Array;
  readonly certification: Int32Array;
  readonly price = new Int32Array(PRICE_BUCKETS.length);
  /** Valid certificates of ≥ 3, 4, 5 stars. */
  readonly ocop = new Int32Array(3);
  inStock = 0;

  constructor(private readonly columns: ProductColumns) {
    this.category = new Int32Array(columns.categories.values.length);
    this.province = new Int32Array(columns.provinces.values.length);
    this.certification = new Int32Array(columns.certWords * 32);
  }

  result(): SearchFacets {
    const named = (counts: Int32Array, dictionary: Dictionary) => {
      const out: Record<string, number> = {};
      counts.forEach((n, code) => {
        if (n > 0) out[dictionary.values[code]!] = n;
      });
      return out;
    };
    return {
      category: named(this.category, this.columns.categories) as SearchFacets["category"],
      province: named(this.province, this.columns.provinces),
      ocopMin: { "3": this.ocop[0]!, "4": this.ocop[1]!, "5": this.ocop[2]! },
      certification: named(this.certification, this.columns.certifications),
      price: Object.fromEntries(PRICE_BUCKETS.map((b, i) => [b.key, this.price[i]!])) as Record<
        PriceBucketKey,
        number
      >,
      inStock: this.inStock,
    };
  }
}

/**
 * One pass over the products `slots[0…n)` (dead slots skipped): writes those that pass every filter to `passing`
 * (when given) and returns how many do; with `facets`, counts each product in the facets of the filters it does
 * not fail but the facet's own. A tight loop over the typed arrays (about 10 ns a product, everything in locals: it
 * is most of a facet query's work, and it runs for every kind of query, so it must stay cheap when V8 sees it
 * called every way).
 */
export function tally(
  c: ProductColumns,
  f: Filters,
  slots: Int32Array,
  n: number,
  facets: FacetCounter | null,
  passing: Int32Array | null,
): number {
  const { alive, category, province, stars, expires, certs, certWords, price, inStock, cooperative } = c;
  const { active, now, ocopMin, priceMin, priceMax, certWord, certBit } = f;
  const wantCategory = f.category;
  const wantProvince = f.province;
  const wantCooperative = f.cooperative;
  const counting = facets !== null;
  const categoryCounts = facets ? facets.category : EMPTY_COUNTS;
  const provinceCounts = facets ? facets.province : EMPTY_COUNTS;
  const certificationCounts = facets ? facets.certification : EMPTY_COUNTS;
  const priceCounts = facets ? facets.price : EMPTY_COUNTS;
  const limits = PRICE_LIMITS;
  let ocop3 = 0;
  let ocop4 = 0;
  let ocop5 = 0;
  let stocked = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const s = slots[i]!;
    if (alive[s] !== 1) continue;
    let failed = 0;
    if (active !== 0) {
      if (active & F_CATEGORY && category[s] !== wantCategory) failed |= F_CATEGORY;
      if (active & F_PROVINCE && province[s] !== wantProvince) failed |= F_PROVINCE;
      if (active & F_OCOP && !(stars[s]! >= ocopMin && expires[s]! > now)) failed |= F_OCOP;
      if (active & F_CERTIFICATION && (certWord < 0 || (certs[s * certWords + certWord]! & certBit) === 0))
        failed |= F_CERTIFICATION;
      if (active & F_PRICE && !(price[s]! >= priceMin && price[s]! < priceMax)) failed |= F_PRICE;
      if (active & F_STOCK && inStock[s] !== 1) failed |= F_STOCK;
      if (active & F_COOPERATIVE && cooperative[s] !== wantCooperative) failed |= F_COOPERATIVE;
    }
    if (failed === 0) {
      if (passing !== null) passing[total] = s;
      total += 1;
    }
    // Failing two filters or more: in no facet.
    if (!counting || (failed & (failed - 1)) !== 0) continue;
    if (failed === 0 || failed === F_CATEGORY) categoryCounts[category[s]!]! += 1;
    if (failed === 0 || failed === F_PROVINCE) provinceCounts[province[s]!]! += 1;
    if (failed === 0 || failed === F_CERTIFICATION) {
      for (let w = 0; w < certWords; w++) {
        let bits = certs[s * certWords + w]!;
        while (bits !== 0) {
          certificationCounts[w * 32 + 31 - Math.clz32(bits & -bits)]! += 1;
          bits &= bits - 1;
        }
      }
    }
    if (failed === 0 || failed === F_PRICE) {
      const p = price[s]!;
      let bucket = 0;
      while (bucket < limits.length && !(p < limits[bucket]!)) bucket++;
      priceCounts[bucket]! += 1;
    }
    if ((failed === 0 || failed === F_OCOP) && expires[s]! > now) {
      const st = stars[s]!;
      if (st >= 3) ocop3 += 1;
      if (st >= 4) ocop4 += 1;
      if (st >= 5) ocop5 += 1;
    }
    if ((failed === 0 || failed === F_STOCK) && inStock[s] === 1) stocked += 1;
  }
  if (facets) {
    facets.ocop[0]! += ocop3;
    facets.ocop[1]! += ocop4;
    facets.ocop[2]! += ocop5;
    facets.inStock += stocked;
  }
  return total;
}
