import type { Role } from "../db/models/accounts";
import { Forbidden } from "../errors";
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
  /** Staff: the province whose cooperative union they work for; null for the national level (and non-staff). */
  unionProvinceCode: string | null;
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

/** The cooperative a user acts for, when it may trade (booths, offers): a member of an approved cooperative. */
export function approvedCooperativeOf(user: CurrentUser): number {
  if (!user.cooperative) throw new Forbidden("not_a_cooperative_member");
  if (user.cooperative.status !== "approved") throw new Forbidden("cooperative_not_approved");
  return user.cooperative.id;
}
