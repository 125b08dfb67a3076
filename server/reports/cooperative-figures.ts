import { QueryTypes } from "sequelize";
import { approvedCooperativeOf, type CurrentUser } from "../accounts/current-user";
import type { Database } from "../db";
import { vietnamDay } from "../vocabulary/dates";
import {
  ACTIVE_BOOKING_STATUSES,
  BOOKING_STATUSES,
  PIPELINE_STATUSES,
  type BookingStatus,
} from "../vocabulary/domain";
import { cooperativeTasks } from "./cooperative-tasks";
import { addDays, chartBuckets, startOfDay, type PeriodBucket } from "./period";
import { num, SOLD_ORDER_STATUSES } from "./queries";

export interface CooperativeFiguresDeps {
  db: Database;
  now?: () => Date;
}

type Num = number | string | null;
type PipelineStatus = (typeof PIPELINE_STATUSES)[number];

/** A month of the sales chart: the orders placed in it with the cooperative (not called off) and what they sold. */
export interface SalesMonth extends PeriodBucket {
  orders: number;
  salesVnd: number;
}

/** The cooperative's own dashboard figures: its sales over twelve months, its fair bookings and its agreements. */
export interface CooperativeDashboardFigures {
  sales: { months: SalesMonth[]; orders: number; salesVnd: number };
  bookings: {
    /** Every booking status, zero when it has none: all of its bookings, past fairs included. */
    byStatus: Array<{ status: BookingStatus; count: number }>;
    /** Booths held, awaiting approval or payment, or booked at fairs not yet over; at how many fairs; the next opening day. */
    upcoming: { booths: number; fairs: number; nextStartsOn: string | null };
  };
  agreements: {
    /** Every pipeline stage (sealed agreements), zero when empty: count, agreed value and confirmed delivered value. */
    stages: Array<{ status: PipelineStatus; count: number; valueVnd: number; deliveredVnd: number }>;
    /** Over the sealed agreements not cancelled: agreed against confirmed delivered, as the union's reports count it. */
    agreedVnd: number;
    deliveredVnd: number;
    /** deliveredVnd / agreedVnd (0.45 for 45%), null with nothing agreed. */
    fulfilment: number | null;
  };
}

/**
 * A cooperative's own figures for its dashboard, read with aggregate queries over its rows alone (four statements
 * whatever its size): the cooperative is the acting member's, never one named by the request, so another's
 * numbers cannot be asked for. Only the members of an approved cooperative see them.
 */
export function createCooperativeFiguresService({ db, now = () => new Date() }: CooperativeFiguresDeps) {
  function select<T extends object>(sql: string, replacements: Record<string, unknown>) {
    return db.sequelize.query<T>(sql, { type: QueryTypes.SELECT, replacements });
  }

  /** Per month: one pass over the cooperative's orders of the twelve months, a pair of sums per month. */
  async function salesMonths(cooperativeId: number, buckets: PeriodBucket[]): Promise<SalesMonth[]> {
    const replacements: Record<string, unknown> = {
      cooperativeId,
      sold: [...SOLD_ORDER_STATUSES],
      first: startOfDay(buckets[0]!.from),
      last: startOfDay(addDays(buckets.at(-1)!.to, 1)),
    };
    const columns = buckets.flatMap((b, i) => {
      replacements[`s${i}`] = startOfDay(b.from);
      replacements[`e${i}`] = startOfDay(addDays(b.to, 1));
      const inMonth = `o.created_at >= :s${i} AND o.created_at < :e${i}`;
      return [
        `SUM(CASE WHEN ${inMonth} THEN 1 ELSE 0 END) AS n${i}`,
        `SUM(CASE WHEN ${inMonth} THEN o.subtotal_vnd ELSE 0 END) AS v${i}`,
      ];
    });
    const [row = {}] = await select<Record<string, Num>>(
      `SELECT ${columns.join(", ")}
         FROM orders o
        WHERE o.cooperative_id = :cooperativeId AND o.status IN (:sold)
          AND o.created_at >= :first AND o.created_at < :last`,
      replacements,
    );
    return buckets.map((b, i) => ({ ...b, orders: num(row[`n${i}`]), salesVnd: num(row[`v${i}`]) }));
  }

  async function bookingFigures(cooperativeId: number, today: string) {
    const [byStatus, [upcoming]] = await Promise.all([
      select<{ status: BookingStatus; count: Num }>(
        `SELECT b.status AS status, COUNT(*) AS count
           FROM booth_bookings b
          WHERE b.cooperative_id = :cooperativeId
          GROUP BY b.status`,
        { cooperativeId },
      ),
      select<{ booths: Num; fairs: Num; next_starts_on: string | null }>(
        `SELECT COUNT(*) AS booths, COUNT(DISTINCT b.fair_id) AS fairs, MIN(f.starts_on) AS next_starts_on
           FROM booth_bookings b
           JOIN fairs f ON f.id = b.fair_id
          WHERE b.cooperative_id = :cooperativeId AND b.status IN (:active) AND f.ends_on >= :today`,
        { cooperativeId, active: [...ACTIVE_BOOKING_STATUSES], today },
      ),
    ]);
    return {
      byStatus: BOOKING_STATUSES.map((status) => ({
        status,
        count: num(byStatus.find((r) => r.status === status)?.count),
      })),
      upcoming: {
        booths: num(upcoming?.booths),
        fairs: num(upcoming?.fairs),
        nextStartsOn: upcoming?.next_starts_on ?? null,
      },
    };
  }

  async function agreementFigures(cooperativeId: number) {
    const rows = await select<{ status: PipelineStatus; count: Num; value: Num; delivered: Num }>(
      `SELECT a.status AS status, COUNT(*) AS count,
              SUM(a.total_vnd) AS value, SUM(a.delivered_vnd) AS delivered
         FROM agreements a
        WHERE a.cooperative_id = :cooperativeId AND a.sealed_at IS NOT NULL
        GROUP BY a.status`,
      { cooperativeId },
    );
    const stages = PIPELINE_STATUSES.map((status) => {
      const r = rows.find((x) => x.status === status);
      return { status, count: num(r?.count), valueVnd: num(r?.value), deliveredVnd: num(r?.delivered) };
    });
    const carried = stages.filter((s) => s.status !== "cancelled");
    const agreedVnd = carried.reduce((sum, s) => sum + s.valueVnd, 0);
    const deliveredVnd = carried.reduce((sum, s) => sum + s.deliveredVnd, 0);
    return { stages, agreedVnd, deliveredVnd, fulfilment: agreedVnd > 0 ? deliveredVnd / agreedVnd : null };
  }

  return {
    ...cooperativeTasks({ db, now }),
    /** The dashboard's figures for the member's own cooperative; Forbidden for anyone else. */
    async cooperativeDashboard(user: CurrentUser): Promise<CooperativeDashboardFigures> {
      const cooperativeId = approvedCooperativeOf(user);
      const today = vietnamDay(now());
      // The twelve months ending with this one, as the union's charts draw them.
      const buckets = chartBuckets({ from: today, to: today });
      const [months, bookings, agreements] = await Promise.all([
        salesMonths(cooperativeId, buckets),
        bookingFigures(cooperativeId, today),
        agreementFigures(cooperativeId),
      ]);
      return {
        sales: {
          months,
          orders: months.reduce((sum, m) => sum + m.orders, 0),
          salesVnd: months.reduce((sum, m) => sum + m.salesVnd, 0),
        },
        bookings,
        agreements,
      };
    },
  };
}

export type CooperativeFiguresService = ReturnType<typeof createCooperativeFiguresService>;
