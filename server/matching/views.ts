import type { DemandRecord, OfferRecord } from "../db/models/matching";
import type { Category, DemandStatus, Frequency, OfferStatus, Unit } from "../vocabulary/domain";
import { provinceByCode } from "../vocabulary/geo";
import type { Locale } from "../vocabulary/locale";
import { parseList } from "./kit";

/** A demand as the board shows it: what is wanted, where and when, and what kind of buyer — never who. */
export interface PublicDemand {
  publicId: string;
  title: string;
  description: string;
  category: Category;
  quantity: number;
  unit: Unit;
  frequency: Frequency;
  priceMinVnd: number | null;
  priceMaxVnd: number | null;
  deliveryProvince: { code: string; name: string };
  deliveryFrom: string | null;
  deliveryTo: string | null;
  certifications: string[];
  minOcopStars: number | null;
  notes: string | null;
  /** "household" for a buyer without an organisation, else the organisation's kind ("supermarket"…). */
  buyerKind: string;
  createdAt: string;
  expiresAt: string;
}

/** The buyer's own view: the public one, its state, what it may do now, and the values its edit form starts from. */
export interface OwnDemand extends PublicDemand {
  status: DemandStatus;
  /** Ends within the reminder window, or already has. */
  expiringSoon: boolean;
}

export function toPublicDemand(
  d: DemandRecord & { organisation?: { kind: string } | null },
  _locale: Locale,
): PublicDemand {
  return {
    publicId: d.publicId,
    title: d.title,
    description: d.description,
    category: d.category,
    quantity: d.quantity,
    unit: d.unit,
    frequency: d.frequency,
    priceMinVnd: d.priceMinVnd,
    priceMaxVnd: d.priceMaxVnd,
    deliveryProvince: {
      code: d.deliveryProvinceCode,
      name: provinceByCode(d.deliveryProvinceCode)?.name ?? d.deliveryProvinceCode,
    },
    deliveryFrom: d.deliveryFrom,
    deliveryTo: d.deliveryTo,
    certifications: parseList(d.certifications),
    minOcopStars: d.minOcopStars,
    notes: d.notes,
    buyerKind: d.organisation?.kind ?? "household",
    createdAt: d.createdAt.toISOString(),
    expiresAt: d.expiresAt.toISOString(),
  };
}

const WEEK = 7 * 86_400_000;

export function toOwnDemand(d: DemandRecord, locale: Locale, now: Date): OwnDemand {
  return {
    ...toPublicDemand(d, locale),
    status: d.status,
    expiringSoon: d.expiresAt.getTime() - now.getTime() < WEEK,
  };
}

/** A supply offer as buyers see it on a cooperative's profile, and the cooperative in its list. */
export interface OfferView {
  id: number;
  title: string;
  description: string;
  category: Category;
  product: { id: number; slug: string; name: string } | null;
  quantity: number;
  unit: Unit;
  period: Frequency;
  priceMinVnd: number | null;
  priceMaxVnd: number | null;
  seasonMonths: number[];
  certifications: string[];
  status: OfferStatus;
  updatedAt: string;
}

export function toOfferView(
  o: OfferRecord,
  product: { id: number; slug: string; name: string } | null,
): OfferView {
  return {
    id: o.id,
    title: o.title,
    description: o.description,
    category: o.category,
    product,
    quantity: o.quantity,
    unit: o.unit,
    period: o.period,
    priceMinVnd: o.priceMinVnd,
    priceMaxVnd: o.priceMaxVnd,
    seasonMonths: o.seasonMonths ? o.seasonMonths.split(",").map(Number) : [],
    certifications: parseList(o.certifications),
    status: o.status,
    updatedAt: o.updatedAt.toISOString(),
  };
}
