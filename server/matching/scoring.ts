import type { Frequency, Unit } from "../vocabulary/domain";
import { provinceDistanceKm } from "../vocabulary/geo";
import { productWords } from "../vocabulary/product-words";

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
 * The words of each side, read once per side object: a demand is scored against hundreds of offers, and in a
 * recompute an offer (its side kept by the match index) against many demands, so each text is split and folded
 * once, not once per pair. Sides are never changed after they are made; a changed row makes a new side.
 */
const DEMAND_WORDS = new WeakMap<DemandSide, { all: Set<string>; title: string[] }>();
const OFFER_WORDS = new WeakMap<OfferSide, Set<string>>();
function demandWords(d: DemandSide) {
  let known = DEMAND_WORDS.get(d);
  if (!known) {
    known = { all: productWords(`${d.title} ${d.description}`), title: [...productWords(d.title)] };
    DEMAND_WORDS.set(d, known);
  }
  return known;
}
function offerWords(o: OfferSide) {
  let known = OFFER_WORDS.get(o);
  if (!known) {
    known = productWords(`${o.title} ${o.productName ?? ""} ${o.description}`);
    OFFER_WORDS.set(o, known);
  }
  return known;
}

/** Periods per year, to compare "500 kg a month" with "2 tonnes a season". */
const PER_YEAR: Record<Frequency, number> = { once: 1, monthly: 12, seasonal: 2 };

function product(d: DemandSide, o: OfferSide): [number, Reason] {
  const { all: wanted, title: titleWords } = demandWords(d);
  const offered = offerWords(o);
  const shared = [...wanted].filter((w) => offered.has(w));
  // The share of what the buyer asked for that the offer mentions; the title's words count most.
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
