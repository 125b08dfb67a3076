/** Shapes of the hand-written demo data. Codes are GSO administrative codes (app/lib/vn-admin-units.json). */

import type { CooperativeKind, Sector } from "../server/vocabulary/domain";

export interface SeedCooperative {
  /** Full Vietnamese name with correct diacritics, e.g. "HTX Chè Tân Hương". */
  name: string;
  kind: CooperativeKind;
  /** Two-digit GSO province code, e.g. "19" (Thái Nguyên). */
  provinceCode: string;
  /** Three-digit GSO district code inside that province, e.g. "164". */
  districtCode: string;
  foundedYear: number;
  memberCount: number;
  sectors: Sector[];
  descriptionVi: string;
  descriptionEn: string;
  representative: string;
  phone: string;
  email: string | null;
  /** Street / village / commune part of the address (province and district come from the codes). */
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
  /** One of: kg, g, hop, goi, chai, tui, lo, bo, hu, cai, qua, thung */
  unit: "kg" | "g" | "hop" | "goi" | "chai" | "tui" | "lo" | "bo" | "hu" | "cai" | "qua" | "thung";
  /** Integer VND per unit, realistic retail/wholesale price. */
  priceVnd: number;
  minOrderQty: number;
  stock: number;
  status: "active" | "draft" | "archived";
  /** OCOP certificate, when the product has one. */
  ocop?: { stars: 3 | 4 | 5; certificateNo: string; issuedOn: string /* YYYY-MM-DD */ };
  certifications: Array<
    "vietgap" | "globalgap" | "organic" | "haccp" | "iso22000" | "geographical_indication"
  >;
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
  }>;
}
