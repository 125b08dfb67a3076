import type { Role } from "../db/models/accounts";
import type { CooperativeStatus } from "../db/models/cooperatives";
import type { Locale } from "../vocabulary/locale";

/** Who is asking: plain data, resolved once per request from the session cookie. */
export interface CurrentUser {
  id: number;
  email: string;
  fullName: string;
  phone: string | null;
  role: Role;
  isAdmin: boolean;
  locale: Locale;
  organisation: {
    id: number;
    name: string;
    kind: string;
    taxCode: string | null;
    provinceCode: string | null;
    wardCode: string | null;
    address: string | null;
  } | null;
  cooperative: {
    id: number;
    slug: string;
    name: string;
    status: CooperativeStatus;
    memberRole: "owner" | "member";
  } | null;
}
