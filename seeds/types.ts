/** Shapes of the hand-written demo data. Codes are the 2025 administrative units (server/vocabulary/geo.ts, wards.ts). */

import type {
  BatchEventKind,
  Certification,
  CooperativeKind,
  Sector,
  Unit,
} from "../server/vocabulary/domain";

export interface SeedCooperative {
  /** Full Vietnamese name with correct diacritics, e.g. "HTX Chè Tân Hương". */
  name: string;
  kind: CooperativeKind;
  /** Province on the 2025 map (statistics office code), e.g. "19" (Thái Nguyên, with the former Bắc Kạn). */
  provinceCode: string;
  /** Five-digit ward/commune code inside that province, e.g. "05503" (xã Tân Cương). */
  wardCode: string;
  /**
   * The name the area's products go by, given to them as their origin region: the former district, and the
   * former province where it merged away ("Na Rì, Bắc Kạn"), so buyers searching the old names find them.
   */
  region?: string;
  foundedYear: number;
  memberCount: number;
  sectors: Sector[];
  descriptionVi: string;
  descriptionEn: string;
  representative: string;
  phone: string;
  email: string | null;
  /** Street and hamlet part of the address (province and ward come from the codes). */
  address: string;
  status: "approved" | "pending" | "rejected";
  /** Only for status "rejected". */
  rejectionReason?: string;
}

export interface SeedProduct {
  /** Exact `name` of a cooperative in seeds/data/cooperatives.ts (approved ones mostly). */
  cooperative: string;
  /** Stock-keeping unit, unique within its cooperative: ASCII, e.g. "TC-MOCCAU-200G". */
  sku: string;
  nameVi: string;
  nameEn: string;
  descriptionVi: string;
  descriptionEn: string;
  category: Sector;
  /** What one unit of stock is (server/vocabulary/domain.ts UNITS): a tea cake is a "banh", cloth a "met". */
  unit: Unit;
  /** Integer VND per unit, realistic retail/wholesale price. */
  priceVnd: number;
  minOrderQty: number;
  /** What a cooperative has on hand: tens to a few hundred (a few hundred kg for wholesale), not 99999. */
  stock: number;
  status: "active" | "draft" | "archived";
  /**
   * OCOP certificate, when the product has one: most have none, most that have one hold 3 or 4 stars (provincial);
   * 5 stars is national and rare (one product in the demo). Expired ones are kept but never claimed in a text.
   */
  ocop?: { stars: 3 | 4 | 5; certificateNo: string; issuedOn: string /* YYYY-MM-DD */ };
  certifications: Certification[];
  /** Harvest months 1–12, empty for non-seasonal goods. */
  harvestMonths: number[];
  shelfLifeDays: number | null;
  tags: string[];
  /** Production batches for traceability (a few products have them). */
  batches?: Array<{
    lotCode: string;
    producedOn: string;
    quantity: number;
    expiresOn: string | null;
    notes: string;
    /** Steps of the batch's story for its trace page (a few demo batches have them; no photos, to seed fast). */
    events?: Array<{ kind: BatchEventKind; happenedOn: string; note: string }>;
  }>;
}
