import { shiftDay, vietnamDay } from "./dates";

/**
 * How a cooperative's goods reach a buyer, and what that costs, as Vietnamese carriers price it: a flat fee by
 * zone (within the province, within the region — North, Centre, South — or across regions), free above an
 * amount, pick-up at the cooperative, or "contact for freight" for bulk, agreed after the order. Browser-safe: the
 * checkout page prices the options as the buyer picks a province, and the server prices them again on placing.
 */
export const SHIPPING_METHODS = ["delivery", "pickup", "freight_quote"] as const;
export type ShippingMethod = (typeof SHIPPING_METHODS)[number];

export const SHIPPING_ZONES = ["province", "region", "country"] as const;
export type ShippingZone = (typeof SHIPPING_ZONES)[number];

/** Fee and carrier days for one zone. */
export interface ZoneRate {
  feeVnd: number;
  daysMin: number;
  daysMax: number;
}

export interface ShippingPolicy {
  /** Where the goods leave from: the cooperative's province. */
  originProvinceCode: string;
  /** Delivery by zone; a zone left out is not delivered to (the buyer can still pick up or ask for freight). */
  zones: Partial<Record<ShippingZone, ZoneRate>>;
  /** Delivery is free from this subtotal on (null: never). */
  freeAboveVnd: number | null;
  /** Pick-up at the cooperative: where, and how many days until the goods are ready (null: not offered). */
  pickup: { address: string; readyDays: number } | null;
  /** "Contact for freight": the cooperative quotes the freight after the order, paid separately. */
  freightQuote: boolean;
}

/** What a buyer chooses between, for one cooperative's goods, priced for their province and subtotal. */
export interface ShippingOption {
  method: ShippingMethod;
  zone: ShippingZone | null;
  /** What the buyer pays for it now; null when it is agreed later (freight). */
  feeVnd: number | null;
  /** The zone's fee when delivery is free by amount (to show what was waived). */
  waivedVnd: number | null;
  /** How much more to buy before delivery is free (null: already free, or never). */
  freeShortfallVnd: number | null;
  /** Days from the order until delivery (or until ready for pick-up); null when agreed later. */
  daysMin: number | null;
  daysMax: number | null;
  pickupAddress: string | null;
}

/** A cooperative that has not said how it ships: it contacts the buyer about freight, as before. */
export function defaultPolicy(originProvinceCode: string): ShippingPolicy {
  return { originProvinceCode, zones: {}, freeAboveVnd: null, pickup: null, freightQuote: true };
}

type Region = "north" | "centre" | "south";
/** The 34 provinces of the 2025 map by region, as carriers zone them (the Central Highlands count as Centre). */
const REGIONS: Record<Region, readonly string[]> = {
  north: ["01", "04", "08", "11", "12", "14", "15", "19", "20", "22", "24", "25", "31", "33", "37"],
  centre: ["38", "40", "42", "44", "46", "48", "51", "52", "56", "66", "68"],
  south: ["75", "79", "80", "82", "86", "91", "92", "96"],
};
const regionOf = new Map<string, Region>(
  (Object.entries(REGIONS) as [Region, readonly string[]][]).flatMap(([r, codes]) =>
    codes.map((c) => [c, r]),
  ),
);

export function zoneBetween(from: string, to: string): ShippingZone {
  if (from === to) return "province";
  const a = regionOf.get(from);
  return a && a === regionOf.get(to) ? "region" : "country";
}

/**
 * The options for one cooperative's goods: delivery to the buyer's province (when its zone is served), then
 * pick-up, then freight. Without a province, delivery cannot be priced and is left out.
 */
export function shippingOptions(
  policy: ShippingPolicy,
  subtotalVnd: number,
  destinationProvinceCode: string | null,
): ShippingOption[] {
  const options: ShippingOption[] = [];
  const zone = destinationProvinceCode
    ? zoneBetween(policy.originProvinceCode, destinationProvinceCode)
    : null;
  const rate = zone ? policy.zones[zone] : undefined;
  if (zone && rate) {
    const free = policy.freeAboveVnd !== null && subtotalVnd >= policy.freeAboveVnd && rate.feeVnd > 0;
    options.push({
      method: "delivery",
      zone,
      feeVnd: free ? 0 : rate.feeVnd,
      waivedVnd: free ? rate.feeVnd : null,
      freeShortfallVnd:
        policy.freeAboveVnd !== null && !free && rate.feeVnd > 0 ? policy.freeAboveVnd - subtotalVnd : null,
      daysMin: rate.daysMin,
      daysMax: rate.daysMax,
      pickupAddress: null,
    });
  }
  if (policy.pickup)
    options.push({
      method: "pickup",
      zone: null,
      feeVnd: 0,
      waivedVnd: null,
      freeShortfallVnd: null,
      daysMin: policy.pickup.readyDays,
      daysMax: policy.pickup.readyDays,
      pickupAddress: policy.pickup.address,
    });
  if (policy.freightQuote || options.length === 0)
    options.push({
      method: "freight_quote",
      zone: null,
      feeVnd: null,
      waivedVnd: null,
      freeShortfallVnd: null,
      daysMin: null,
      daysMax: null,
      pickupAddress: null,
    });
  return options;
}

/** The calendar days (Vietnam time) an option's goods are expected, counted from `from`. */
export function deliveryWindow(
  option: { daysMin: number | null; daysMax: number | null },
  from: string | Date = new Date(),
): { first: string; last: string } | null {
  if (option.daysMin === null || option.daysMax === null) return null;
  const day = vietnamDay(from);
  return { first: shiftDay(day, { days: option.daysMin }), last: shiftDay(day, { days: option.daysMax }) };
}

/** A radio's value: the method and the fee the buyer was shown ("delivery:30000", "freight_quote:"). */
export function shippingChoiceValue(option: Pick<ShippingOption, "method" | "feeVnd">): string {
  return `${option.method}:${option.feeVnd ?? ""}`;
}
