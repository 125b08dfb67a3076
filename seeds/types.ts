/** Shapes of the hand-written demo data. Codes are GSO administrative codes (app/lib/vn-admin-units.json). */

import type { CooperativeKind, Sector } from "../app/lib/domain";

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
