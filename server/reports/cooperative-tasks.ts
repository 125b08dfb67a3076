import { QueryTypes } from "sequelize";
import type { CurrentUser } from "../accounts/current-user";
import type { Database } from "../db";
import { Forbidden } from "../errors";
import { vietnamDay } from "../vocabulary/dates";
import type { Locale } from "../vocabulary/locale";
import { addDays, startOfDay } from "./period";
import { num, SOLD_ORDER_STATUSES } from "./queries";

/** A listed product is running low below this many units, or below this many of its minimum orders. */
export const LOW_STOCK_UNITS = 10;
export const LOW_STOCK_MIN_ORDERS = 3;
/** An OCOP certificate is flagged this many days before it expires (and once expired). */
export const OCOP_WARNING_DAYS = 90;
/** A match suggested within this many days counts as new. */
export const NEW_MATCH_DAYS = 14;
/** How many products a to-do card names; the rest are counted. */
export const TASK_ITEMS = 5;
/** The weeks of the small sales chart, this one included. */
export const SALES_WEEKS = 8;

type Num = number | string | null;

export interface TaskProduct {
  id: number;
  name: string;
  nameLang: Locale;
}

export interface CooperativeTasks {
  lowStock: { count: number; items: Array<TaskProduct & { stock: number; unit: string }> };
  ocopExpiring: { count: number; items: Array<TaskProduct & { expiresOn: string; expired: boolean }> };
  matches: { fresh: number; asked: number };
  /** The last SALES_WEEKS weeks (Monday to Sunday, Vietnam time), oldest first. */
  salesWeeks: Array<{ from: string; orders: number; salesVnd: number }>;
}

/** Monday of the week holding `day` (YYYY-MM-DD). */
function mondayOf(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return addDays(day, -((weekday + 6) % 7));
}

/**
 * What the cooperative has to act on, for its dashboard's to-do cards, and its sales by week: one aggregate
 * statement per group (products low in stock, OCOP certificates expiring, new matches, weekly sales), over the
 * acting member's own cooperative only. Any member may see them, approved or not (a pending cooperative
 * prepares its products).
 */
export function cooperativeTasks({ db, now }: { db: Database; now: () => Date }) {
  function select<T extends object>(sql: string, replacements: Record<string, unknown>) {
    return db.sequelize.query<T>(sql, { type: QueryTypes.SELECT, replacements });
  }
  const nameOf = (row: { name_vi: string; name_en: string | null }, locale: Locale) =>
    locale === "en" && row.name_en
      ? { name: row.name_en, nameLang: "en" as const }
      : { name: row.name_vi, nameLang: "vi" as const };

  return {
    async cooperativeTasks(user: CurrentUser, { locale }: { locale: Locale }): Promise<CooperativeTasks> {
      if (!user.cooperative) throw new Forbidden("not_a_cooperative_member");
      const cooperativeId = user.cooperative.id;
      const today = vietnamDay(now());
      const weeks = Array.from({ length: SALES_WEEKS }, (_, i) =>
        addDays(mondayOf(today), -7 * (SALES_WEEKS - 1 - i)),
      );
      const weekly: Record<string, unknown> = { cooperativeId, sold: [...SOLD_ORDER_STATUSES] };
      const weekColumns = weeks.flatMap((from, i) => {
        weekly[`s${i}`] = startOfDay(from);
        weekly[`e${i}`] = startOfDay(addDays(from, 7));
        const inWeek = `o.created_at >= :s${i} AND o.created_at < :e${i}`;
        return [
          `SUM(CASE WHEN ${inWeek} THEN 1 ELSE 0 END) AS n${i}`,
          `SUM(CASE WHEN ${inWeek} THEN o.subtotal_vnd ELSE 0 END) AS v${i}`,
        ];
      });
      weekly.first = weekly.s0;
      weekly.last = weekly[`e${SALES_WEEKS - 1}`];

      const [low, ocop, [matches], [sales = {}]] = await Promise.all([
        // Window functions are in both SQLite 3.25+ and MariaDB 10.2+: the count rides along with the rows.
        select<{ id: number; name_vi: string; name_en: string | null; stock: Num; unit: string; total: Num }>(
          `SELECT p.id, p.name_vi, p.name_en, p.stock, p.unit, COUNT(*) OVER () AS total
             FROM products p
            WHERE p.cooperative_id = :cooperativeId AND p.status = 'active'
              AND (p.stock < :units OR p.stock < p.min_order_qty * :orders)
            ORDER BY p.stock ASC, p.id ASC
            LIMIT ${TASK_ITEMS}`,
          { cooperativeId, units: LOW_STOCK_UNITS, orders: LOW_STOCK_MIN_ORDERS },
        ),
        select<{ id: number; name_vi: string; name_en: string | null; expires_on: string; total: Num }>(
          `SELECT p.id, p.name_vi, p.name_en, o.expires_on, COUNT(*) OVER () AS total
             FROM product_ocop o
             JOIN products p ON p.id = o.product_id
            WHERE p.cooperative_id = :cooperativeId AND p.status <> 'archived' AND o.expires_on <= :soon
            ORDER BY o.expires_on ASC, p.id ASC
            LIMIT ${TASK_ITEMS}`,
          { cooperativeId, soon: addDays(today, OCOP_WARNING_DAYS) },
        ),
        select<{ fresh: Num; asked: Num }>(
          `SELECT SUM(CASE WHEN m.status = 'suggested' AND m.created_at >= :since THEN 1 ELSE 0 END) AS fresh,
                  SUM(CASE WHEN m.status = 'requested' AND m.requested_by = 'buyer' THEN 1 ELSE 0 END) AS asked
             FROM matches m
            WHERE m.cooperative_id = :cooperativeId`,
          { cooperativeId, since: startOfDay(addDays(today, -NEW_MATCH_DAYS)) },
        ),
        select<Record<string, Num>>(
          `SELECT ${weekColumns.join(", ")}
             FROM orders o
            WHERE o.cooperative_id = :cooperativeId AND o.status IN (:sold)
              AND o.created_at >= :first AND o.created_at < :last`,
          weekly,
        ),
      ]);
      return {
        lowStock: {
          count: num(low[0]?.total),
          items: low.map((r) => ({ id: r.id, ...nameOf(r, locale), stock: num(r.stock), unit: r.unit })),
        },
        ocopExpiring: {
          count: num(ocop[0]?.total),
          items: ocop.map((r) => {
            const expiresOn = String(r.expires_on).slice(0, 10);
            return { id: r.id, ...nameOf(r, locale), expiresOn, expired: expiresOn < today };
          }),
        },
        matches: { fresh: num(matches?.fresh), asked: num(matches?.asked) },
        salesWeeks: weeks.map((from, i) => ({
          from,
          orders: num(sales[`n${i}`]),
          salesVnd: num(sales[`v${i}`]),
        })),
      };
    },
  };
}
