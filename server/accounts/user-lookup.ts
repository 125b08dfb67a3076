import { QueryTypes } from "sequelize";
import type { Database } from "../db";
import type { CooperativeStatus } from "../db/models/cooperatives";
import type { Role } from "../db/models/accounts";
import type { Locale } from "../vocabulary/locale";
import type { CurrentUser } from "./current-user";

/** One row of the lookup: the user with their organisation and cooperative membership, joined. */
interface Row {
  id: number;
  email: string;
  fullName: string;
  phone: string | null;
  role: Role;
  isAdmin: number | boolean;
  unionProvinceCode: string | null;
  locale: Locale;
  disabled: number;
  orgId: number | null;
  orgName: string | null;
  orgKind: string | null;
  orgTaxCode: string | null;
  orgProvinceCode: string | null;
  orgWardCode: string | null;
  orgAddress: string | null;
  memberRole: "owner" | "member" | null;
  coopId: number | null;
  coopSlug: string | null;
  coopName: string | null;
  coopStatus: CooperativeStatus | null;
  /** Only when looked up by session: 1 once the session has expired. */
  expired?: number;
}

const COLUMNS = `u.id, u.email, u.full_name AS fullName, u.phone, u.role, u.is_admin AS isAdmin,
  u.union_province_code AS unionProvinceCode, u.locale,
  CASE WHEN u.disabled_at IS NULL THEN 0 ELSE 1 END AS disabled,
  o.id AS orgId, o.name AS orgName, o.kind AS orgKind, o.tax_code AS orgTaxCode,
  o.province_code AS orgProvinceCode, o.ward_code AS orgWardCode, o.address AS orgAddress,
  m.role AS memberRole, c.id AS coopId, c.slug AS coopSlug, c.name AS coopName, c.status AS coopStatus`;

const JOINS = `LEFT JOIN organisations o ON o.id = u.organisation_id
  LEFT JOIN cooperative_members m ON m.user_id = u.id
  LEFT JOIN cooperatives c ON c.id = m.cooperative_id`;

function toCurrentUser(r: Row): CurrentUser {
  return {
    id: Number(r.id),
    email: r.email,
    fullName: r.fullName,
    phone: r.phone,
    role: r.role,
    isAdmin: Boolean(Number(r.isAdmin)),
    unionProvinceCode: r.role === "staff" ? (r.unionProvinceCode ?? null) : null,
    locale: r.locale,
    organisation:
      r.orgId !== null
        ? {
            id: Number(r.orgId),
            name: r.orgName!,
            kind: r.orgKind!,
            taxCode: r.orgTaxCode,
            provinceCode: r.orgProvinceCode ?? null,
            wardCode: r.orgWardCode ?? null,
            address: r.orgAddress,
          }
        : null,
    cooperative:
      r.coopId !== null && r.memberRole
        ? {
            id: Number(r.coopId),
            slug: r.coopSlug!,
            name: r.coopName!,
            status: r.coopStatus!,
            memberRole: r.memberRole,
          }
        : null,
  };
}

/**
 * Who is asking, in one statement: every request resolves its session cookie to a CurrentUser, so the session,
 * the user, their organisation and their cooperative membership are read together rather than one after another.
 */
export function userLookup({ sequelize }: Database) {
  async function one(sql: string, replacements: Record<string, unknown>) {
    const [row] = await sequelize.query<Row>(sql, { type: QueryTypes.SELECT, replacements });
    return row;
  }

  return {
    /** The user behind a session id (the token's hash); `expired` when the session has run out. */
    async bySession(
      sessionId: string,
      now: Date,
    ): Promise<{ user: CurrentUser | null; expired: boolean } | null> {
      const row = await one(
        `SELECT ${COLUMNS}, CASE WHEN s.expires_at < :now THEN 1 ELSE 0 END AS expired
         FROM sessions s JOIN users u ON u.id = s.user_id ${JOINS} WHERE s.id = :sessionId`,
        { sessionId, now },
      );
      if (!row) return null;
      if (Number(row.expired)) return { user: null, expired: true };
      return { user: Number(row.disabled) ? null : toCurrentUser(row), expired: false };
    },

    /** A user by id or by (lower-cased) e-mail; null when unknown or disabled. */
    async byUser(where: { userId: number } | { email: string }): Promise<CurrentUser | null> {
      const row =
        "userId" in where
          ? await one(`SELECT ${COLUMNS} FROM users u ${JOINS} WHERE u.id = :userId`, {
              userId: where.userId,
            })
          : await one(`SELECT ${COLUMNS} FROM users u ${JOINS} WHERE u.email = :email`, {
              email: where.email,
            });
      return row && !Number(row.disabled) ? toCurrentUser(row) : null;
    },
  };
}
