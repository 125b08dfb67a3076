import type { Frequency, Unit } from "../vocabulary/domain";
import { provinceDistanceKm } from "../vocabulary/geo";
import { foldVietnamese } from "../vocabulary/text";

/**
 * How well an offer answers a demand: six criteria, each scored 0–1 with the reason the reader is shown
 * ("Giá trong khoảng bạn cần", "Cách 45 km"), combined by fixed weights into 0–100. Pure: candidates come from
 * the search engine and filters (never all pairs); this only ranks them.
 *
 * Weights (sum 1): what is offered matters most, then whether there is enough of it at an acceptable price;
 * certifications the buyer requires, distance and season decide between otherwise similar offers.
 */
export const WEIGHTS = {
  product: 0.3,
  quantity: 0.2,
  price: 0.2,
  certification: 0.15,
  distance: 0.1,
  season: 0.05,
} as const;
export type Criterion = keyof typeof WEIGHTS;

export interface DemandSide {
  category: string;
  title: string;
  description: string;
  quantity: number;
  unit: Unit;
  frequency: Frequency;
  priceMinVnd: number | null;
  priceMaxVnd: number | null;
  deliveryProvinceCode: string;
  /** YYYY-MM-DD */
  deliveryFrom: string | null;
  deliveryTo: string | null;
  certifications: readonly string[];
  minOcopStars: number | null;
}

export interface OfferSide {
  category: string;
  title: string;
  description: string;
  /** The linked product's name, when there is one. */
  productName: string | null;
  quantity: number;
  unit: Unit;
  period: Frequency;
  priceMinVnd: number | null;
  priceMaxVnd: number | null;
  /** Months it can be supplied; empty all year. */
  seasonMonths: readonly number[];
  certifications: readonly string[];
  /** Valid OCOP stars of the linked product, if any. */
  ocopStars: number | null;
  /** Where the cooperative is. */
  provinceCode: string;
}

/** Why a criterion scored as it did: a code under matches:reason, with its parameters. */
export interface Reason {
  code: string;
  params?: Record<string, string | number>;
}

export interface CriterionScore {
  criterion: Criterion;
  weight: number;
  /** 0–1 */
  score: number;
  reason: Reason;
}

export interface MatchScore {
  /** 0–100, rounded */
  total: number;
  criteria: CriterionScore[];
}

/**
 * Words that say nothing about the product ("cần mua 200 kg loại 1"), as written with their marks: folded, some
 * would hide product words ("tấn" the tonne folds to "tan" as in Tân Cương, "bộ" to "bo" as in thịt bò, "hộp" to
 * "hop" as in hợp tác).
 */
const STOPWORDS = new Set(
  "cần mua bán cho của và với các một hàng tháng mùa vụ loại kg tấn gói hộp chai túi lọ hũ cái bộ thứ để từ tại là có"
    .split(" ")
    .filter(Boolean),
);
/** The same typed without marks, where the bare word has no product meaning of its own. */
const UNMARKED_STOPWORDS = new Set(
  "can mua ban cho cua va voi cac mot hang thang loai kg goi chai tui cai de tu tai la co".split(" "),
);
/**
 * Word sets already read: a demand's text is scored against hundreds of offers, and an offer's against many demands
 * in a recompute, so each text is split and folded once. Bounded; the oldest entries go first.
 */
const WORD_CACHE = new Map<string, Set<string>>();
const WORD_CACHE_SIZE = 20_000;
function words(text: string): Set<string> {
  const known = WORD_CACHE.get(text);
  if (known) return known;
  const out = readWords(text);
  if (WORD_CACHE.size >= WORD_CACHE_SIZE) WORD_CACHE.delete(WORD_CACHE.keys().next().value!);
  WORD_CACHE.set(text, out);
  return out;
}
function readWords(text: string): Set<string> {
  const out = new Set<string>();
  for (const word of text
    .normalize("NFC")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)) {
    if (word.length < 2 || /^\d+$/.test(word) || STOPWORDS.has(word)) continue;
    const folded = foldVietnamese(word);
    if (folded === word && UNMARKED_STOPWORDS.has(folded)) continue;
    for (const part of folded.split(/[^a-z0-9]+/)) if (part.length > 1) out.add(part);
  }
  return out;
}

/** Periods per year, to compare "500 kg a month" with "2 tonnes a season". */
const PER_YEAR: Record<Frequency, number> = { once: 1, monthly: 12, seasonal: 2 };

function product(d: DemandSide, o: OfferSide): [number, Reason] {
  const wanted = words(`${d.title} ${d.description}`);
  const offered = words(`${o.title} ${o.productName ?? ""} ${o.description}`);
  const shared = [...wanted].filter((w) => offered.has(w));
  // The share of what the buyer asked for that the offer mentions; the title's words count most.
  const titleWords = [...words(d.title)];
  const titleHit = titleWords.length
    ? titleWords.filter((w) => offered.has(w)).length / titleWords.length
    : 0;
  const textHit = wanted.size ? shared.length / wanted.size : 0;
  const text = Math.min(1, 0.7 * titleHit + 0.3 * textHit);
  const sameCategory = d.category === o.category;
  const score = (sameCategory ? 0.4 : 0) + 0.6 * text;
  const terms = shared.slice(0, 3).join(", ");
  if (!sameCategory) return [score, { code: "category_differs" }];
  return [score, terms ? { code: "product_terms", params: { terms } } : { code: "same_category" }];
}

function quantity(d: DemandSide, o: OfferSide): [number, Reason] {
  if (d.unit !== o.unit) return [0.3, { code: "unit_differs" }];
  // What the offer can supply in one of the demand's periods.
  const perDemandPeriod =
    d.frequency === "once" ? o.quantity : (o.quantity * PER_YEAR[o.period]) / PER_YEAR[d.frequency];
  const coverage = Math.min(1, perDemandPeriod / d.quantity);
  const percent = Math.round(coverage * 100);
  return [
    coverage,
    coverage >= 1 ? { code: "quantity_covered" } : { code: "quantity_part", params: { percent } },
  ];
}

function price(d: DemandSide, o: OfferSide): [number, Reason] {
  const offerLow = o.priceMinVnd ?? o.priceMaxVnd;
  const offerHigh = o.priceMaxVnd ?? o.priceMinVnd;
  const buyerLow = d.priceMinVnd ?? 0;
  const buyerHigh = d.priceMaxVnd ?? Number.POSITIVE_INFINITY;
  if (offerLow === null || offerHigh === null) return [0.5, { code: "price_unknown" }];
  if (d.priceMinVnd === null && d.priceMaxVnd === null) return [0.6, { code: "price_open" }];
  if (offerLow >= buyerLow && offerHigh <= buyerHigh) return [1, { code: "price_within" }];
  if (offerLow <= buyerHigh && offerHigh >= buyerLow) return [0.7, { code: "price_overlaps" }];
  if (offerLow > buyerHigh) {
    const over = (offerLow - buyerHigh) / buyerHigh;
    return [Math.max(0, 0.5 - over), { code: "price_above", params: { percent: Math.round(over * 100) } }];
  }
  // Cheaper than the buyer expected: fine for the buyer, a little doubt about quality.
  return [0.8, { code: "price_below" }];
}

function certification(d: DemandSide, o: OfferSide): [number, Reason] {
  const required = d.certifications;
  const held = required.filter((c) => o.certifications.includes(c));
  const ocopOk = d.minOcopStars === null || (o.ocopStars ?? 0) >= d.minOcopStars;
  if (required.length === 0 && d.minOcopStars === null) return [1, { code: "nothing_required" }];
  const share = required.length ? held.length / required.length : 1;
  const score = share * (ocopOk ? 1 : 0.3);
  if (score === 1) return [1, { code: "requirements_met" }];
  if (!ocopOk) return [score, { code: "ocop_below", params: { stars: d.minOcopStars! } }];
  return [score, { code: "certifications_missing", params: { missing: required.length - held.length } }];
}

function distance(d: DemandSide, o: OfferSide): [number, Reason] {
  const km = provinceDistanceKm(o.provinceCode, d.deliveryProvinceCode);
  if (km === undefined) return [0.5, { code: "distance_unknown" }];
  if (km === 0) return [1, { code: "same_province" }];
  // Linear from 1 at the door to 0 at 1,500 km (Hà Nội–Hồ Chí Minh is about 1,140).
  return [Math.max(0, 1 - km / 1500), { code: "distance_km", params: { km } }];
}

function monthsOf(from: string | null, to: string | null): number[] {
  if (!from && !to) return [];
  const start = Number((from ?? to)!.slice(5, 7));
  const end = Number((to ?? from)!.slice(5, 7));
  const months: number[] = [];
  for (let m = start, i = 0; i < 12; i++, m = (m % 12) + 1) {
    months.push(m);
    if (m === end) break;
  }
  return months;
}

function season(d: DemandSide, o: OfferSide): [number, Reason] {
  const wanted = monthsOf(d.deliveryFrom, d.deliveryTo);
  if (o.seasonMonths.length === 0) return [1, { code: "all_year" }];
  if (wanted.length === 0) return [0.8, { code: "seasonal_offer" }];
  const hit = wanted.some((m) => o.seasonMonths.includes(m));
  return hit ? [1, { code: "in_season" }] : [0, { code: "out_of_season" }];
}

const SCORERS: Record<Criterion, (d: DemandSide, o: OfferSide) => [number, Reason]> = {
  product,
  quantity,
  price,
  certification,
  distance,
  season,
};

export function scoreMatch(demand: DemandSide, offer: OfferSide): MatchScore {
  const criteria = (Object.keys(WEIGHTS) as Criterion[]).map((criterion) => {
    const [score, reason] = SCORERS[criterion](demand, offer);
    return { criterion, weight: WEIGHTS[criterion], score: Math.round(score * 1000) / 1000, reason };
  });
  const total = Math.round(criteria.reduce((sum, c) => sum + c.weight * c.score, 0) * 100);
  return { total, criteria };
}

/** Every reason code scoring can give: each has a translation under matches:reason (tests check both languages). */
export const REASON_CODES = [
  "category_differs",
  "product_terms",
  "same_category",
  "unit_differs",
  "quantity_covered",
  "quantity_part",
  "price_unknown",
  "price_open",
  "price_within",
  "price_overlaps",
  "price_above",
  "price_below",
  "nothing_required",
  "requirements_met",
  "ocop_below",
  "certifications_missing",
  "distance_unknown",
  "same_province",
  "distance_km",
  "all_year",
  "seasonal_offer",
  "in_season",
  "out_of_season",
] as const;
