import { QueryTypes } from "sequelize";
import type { Database } from "../db";
import type { AgreementStatus, CooperativeKind } from "../vocabulary/domain";

/*
 * The reports' reads: one aggregate query per figure group, across the domains' tables (reports are the one place
 * that reads them side by side). Each query sums the period and the one before it in the same pass, with
 * conditional aggregates, so a dashboard is a fixed number of statements whatever the size of the data; none loads
 * rows to count them in JavaScript. Values come in as replacements, never as SQL text.
 *
 * Scope is the cooperative's province: an agreement's own province_code (the cooperative's, kept on it), and for
 * everything else the province of the cooperative the row belongs to. Fairs and conferences held are counted by
 * where they are held.
 */

/** The days and instants one dashboard reads; "prev" is the period compared with, which ends where this starts. */
export interface ReportWindow {
  province: string | null;
  from: string;
  to: string;
  prevFrom: string;
  start: Date;
  end: Date;
  prevStart: Date;
  /** The day certificates are judged valid on (the period's last, or today if sooner), and the previous one's. */
  refDay: string;
  prevRefDay: string;
  /** Certificates valid on refDay that expire by this day are "expiring". */
  expiringBy: string;
  prevExpiringBy: string;
  /**
   * The charts' columns over time, preceded by the year before the first: one unbroken run of months (or years),
   * each with its first instant, its midnight after, and its last day. Column i of a chart is `series[lead + i]`.
   */
  series: Array<{ start: Date; end: Date; firstDay: string; lastDay: string }>;
  lead: number;
}

/** Orders that are a sale: placed and not called off (a refunded or cancelled one sold nothing). */
export const SOLD_ORDER_STATUSES = ["placed", "paid", "confirmed", "shipped", "delivered"] as const;

type Num = number | string | null;
/** mysql2 returns sums of BIGINT as DECIMAL (a string unless it fits); SQLite a number; an empty sum is NULL. */
export const num = (v: Num | undefined) => Number(v ?? 0);

/**
 * A date column compared inside an aggregate (CASE WHEN c.created_at < :start …). SQLite gives DATE and DATETIME
 * columns NUMERIC affinity, so comparing one with a text bound makes it try to turn the bound into a number on every
 * row: most of the cost of a count over 100,000 products. A unary "+" strips the column's affinity and leaves a
 * plain text comparison (the same answer: the values are ISO text). MySQL compares dates natively, and would turn
 * "+column" into a number, so it gets the column as it is. Index ranges in WHERE keep the bare column.
 */
const DATE_MARK = "\u00a7";
const date = (column: string) => `${DATE_MARK}${column}${DATE_MARK}`;

function select<T extends object>(db: Database, sql: string, replacements: Record<string, unknown>) {
  const marked = new RegExp(`${DATE_MARK}([a-z_.]+)${DATE_MARK}`, "g");
  const text = sql.replace(marked, db.dialect === "sqlite" ? "+$1" : "$1");
  return db.sequelize.query<T>(text, { type: QueryTypes.SELECT, replacements });
}

/** "c.province_code = :province" when the scope is a province, nothing at national level. */
const scoped = (w: ReportWindow, column: string) => (w.province ? ` AND ${column} = :province` : "");
const base = (w: ReportWindow) => ({
  province: w.province,
  from: w.from,
  to: w.to,
  prevFrom: w.prevFrom,
  start: w.start,
  end: w.end,
  prevStart: w.prevStart,
});

/** Approved cooperatives registered by the end of each period, their members and the newcomers, per province and kind. */
export function cooperativeRows(db: Database, w: ReportWindow) {
  return select<{
    province: string;
    kind: CooperativeKind;
    total: Num;
    total_prev: Num;
    new_cur: Num;
    new_prev: Num;
    members: Num;
    members_prev: Num;
  }>(
    db,
    `SELECT c.province_code AS province, c.kind AS kind,
            COUNT(*) AS total,
            SUM(CASE WHEN ${date("c.created_at")} < :start THEN 1 ELSE 0 END) AS total_prev,
            SUM(CASE WHEN ${date("c.created_at")} >= :start THEN 1 ELSE 0 END) AS new_cur,
            SUM(CASE WHEN ${date("c.created_at")} >= :prevStart AND ${date("c.created_at")} < :start THEN 1 ELSE 0 END) AS new_prev,
            SUM(COALESCE(c.member_count, 0)) AS members,
            SUM(CASE WHEN ${date("c.created_at")} < :start THEN COALESCE(c.member_count, 0) ELSE 0 END) AS members_prev
       FROM cooperatives c
      WHERE c.status = 'approved' AND c.created_at < :end${scoped(w, "c.province_code")}
      GROUP BY c.province_code, c.kind`,
    base(w),
  );
}

/**
 * Active products of approved cooperatives listed by the end of each period, and the new ones, per province. The
 * products are counted per cooperative first (an index-only pass over products), then joined to their provinces.
 */
export function productRows(db: Database, w: ReportWindow) {
  const inProvince = w.province
    ? " AND p.cooperative_id IN (SELECT id FROM cooperatives WHERE province_code = :province)"
    : "";
  return select<{ province: string; listed: Num; listed_prev: Num; new_cur: Num; new_prev: Num }>(
    db,
    `SELECT c.province_code AS province,
            SUM(x.listed) AS listed, SUM(x.listed_prev) AS listed_prev,
            SUM(x.new_cur) AS new_cur, SUM(x.new_prev) AS new_prev
       FROM (SELECT p.cooperative_id,
                    COUNT(*) AS listed,
                    SUM(CASE WHEN ${date("p.created_at")} < :start THEN 1 ELSE 0 END) AS listed_prev,
                    SUM(CASE WHEN ${date("p.created_at")} >= :start THEN 1 ELSE 0 END) AS new_cur,
                    SUM(CASE WHEN ${date("p.created_at")} >= :prevStart AND ${date("p.created_at")} < :start THEN 1 ELSE 0 END) AS new_prev
               FROM products p
              WHERE p.status = 'active' AND p.created_at < :end${inProvince}
              GROUP BY p.cooperative_id) x
       JOIN cooperatives c ON c.id = x.cooperative_id
      WHERE c.status = 'approved'
      GROUP BY c.province_code`,
    base(w),
  );
}

/**
 * OCOP certificates of those products, per province and stars: valid on each period's reference day, expiring
 * within the window after it, and newly issued during each period. Read from the certificates, leaving out those
 * that had expired before the previous period's reference day and were not issued since (none of them counts), then
 * their products by key (CROSS JOIN keeps SQLite to that order; to MySQL it is a JOIN), summed per cooperative
 * before joining the cooperatives' provinces.
 */
export function ocopRows(db: Database, w: ReportWindow) {
  const inProvince = w.province
    ? " AND p.cooperative_id IN (SELECT id FROM cooperatives WHERE province_code = :province)"
    : "";
  return select<{
    province: string;
    stars: Num;
    valid: Num;
    valid_prev: Num;
    expiring: Num;
    expiring_prev: Num;
    issued: Num;
    issued_prev: Num;
  }>(
    db,
    `SELECT c.province_code AS province, x.stars AS stars,
            SUM(x.valid) AS valid, SUM(x.valid_prev) AS valid_prev,
            SUM(x.expiring) AS expiring, SUM(x.expiring_prev) AS expiring_prev,
            SUM(x.issued) AS issued, SUM(x.issued_prev) AS issued_prev
       FROM (SELECT p.cooperative_id, o.stars,
                    SUM(CASE WHEN ${date("p.created_at")} < :end AND ${date("o.issued_on")} <= :ref AND ${date("o.expires_on")} >= :ref
                             THEN 1 ELSE 0 END) AS valid,
                    SUM(CASE WHEN ${date("p.created_at")} < :start AND ${date("o.issued_on")} <= :prevRef AND ${date("o.expires_on")} >= :prevRef
                             THEN 1 ELSE 0 END) AS valid_prev,
                    SUM(CASE WHEN ${date("p.created_at")} < :end AND ${date("o.issued_on")} <= :ref AND ${date("o.expires_on")} >= :ref
                              AND ${date("o.expires_on")} <= :expiringBy THEN 1 ELSE 0 END) AS expiring,
                    SUM(CASE WHEN ${date("p.created_at")} < :start AND ${date("o.issued_on")} <= :prevRef AND ${date("o.expires_on")} >= :prevRef
                              AND ${date("o.expires_on")} <= :prevExpiringBy THEN 1 ELSE 0 END) AS expiring_prev,
                    SUM(CASE WHEN ${date("o.issued_on")} >= :from AND ${date("o.issued_on")} <= :to THEN 1 ELSE 0 END) AS issued,
                    SUM(CASE WHEN ${date("o.issued_on")} >= :prevFrom AND ${date("o.issued_on")} < :from THEN 1 ELSE 0 END) AS issued_prev
               FROM product_ocop o
              CROSS JOIN products p ON p.id = o.product_id
              WHERE (o.expires_on >= :prevRef OR o.issued_on >= :prevFrom)
                AND p.status = 'active'${inProvince}
              GROUP BY p.cooperative_id, o.stars) x
       JOIN cooperatives c ON c.id = x.cooperative_id
      WHERE c.status = 'approved'
      GROUP BY c.province_code, x.stars`,
    {
      ...base(w),
      ref: w.refDay,
      prevRef: w.prevRefDay,
      expiringBy: w.expiringBy,
      prevExpiringBy: w.prevExpiringBy,
    },
  );
}

/**
 * Fairs or supply–demand conferences held in the province: opening within each period, set up past their draft
 * (a fair's `status`, a conference's `phase`).
 */
export async function heldRow(db: Database, w: ReportWindow, table: "fairs" | "conferences") {
  const state = table === "fairs" ? "status" : "phase";
  const [row] = await select<{ held: Num; held_prev: Num }>(
    db,
    `SELECT SUM(CASE WHEN ${date("e.starts_on")} >= :from THEN 1 ELSE 0 END) AS held,
            SUM(CASE WHEN ${date("e.starts_on")} < :from THEN 1 ELSE 0 END) AS held_prev
       FROM ${table} e
      WHERE e.${state} <> 'draft' AND e.starts_on >= :prevFrom AND e.starts_on <= :to${scoped(w, "e.province_code")}`,
    base(w),
  );
  return row;
}

/** Booths booked by the scope's cooperatives at fairs opening within each period, and how many cooperatives exhibited. */
export async function boothRow(db: Database, w: ReportWindow) {
  const [row] = await select<{ booths: Num; booths_prev: Num; exhibitors: Num; exhibitors_prev: Num }>(
    db,
    `SELECT SUM(CASE WHEN ${date("f.starts_on")} >= :from THEN 1 ELSE 0 END) AS booths,
            SUM(CASE WHEN ${date("f.starts_on")} < :from THEN 1 ELSE 0 END) AS booths_prev,
            COUNT(DISTINCT CASE WHEN ${date("f.starts_on")} >= :from THEN b.cooperative_id END) AS exhibitors,
            COUNT(DISTINCT CASE WHEN ${date("f.starts_on")} < :from THEN b.cooperative_id END) AS exhibitors_prev
       FROM booth_bookings b
       JOIN fairs f ON f.id = b.fair_id
       JOIN cooperatives c ON c.id = b.cooperative_id
      WHERE b.status = 'booked' AND f.starts_on >= :prevFrom AND f.starts_on <= :to${scoped(w, "c.province_code")}`,
    base(w),
  );
  return row;
}

/**
 * Meetings at those conferences that took place and those one side did not come to, for the scope's cooperatives.
 * A meeting names its two participants; the cooperative's participant row names the cooperative.
 */
export async function meetingRow(db: Database, w: ReportWindow) {
  const [row] = await select<{ held: Num; held_prev: Num; no_show: Num; no_show_prev: Num }>(
    db,
    `SELECT SUM(CASE WHEN ${date("k.starts_on")} >= :from AND m.status = 'held' THEN 1 ELSE 0 END) AS held,
            SUM(CASE WHEN ${date("k.starts_on")} < :from AND m.status = 'held' THEN 1 ELSE 0 END) AS held_prev,
            SUM(CASE WHEN ${date("k.starts_on")} >= :from AND m.status = 'no_show' THEN 1 ELSE 0 END) AS no_show,
            SUM(CASE WHEN ${date("k.starts_on")} < :from AND m.status = 'no_show' THEN 1 ELSE 0 END) AS no_show_prev
       FROM conference_meetings m
       JOIN conferences k ON k.id = m.conference_id
       JOIN conference_participants p ON p.id = m.cooperative_id
       JOIN cooperatives c ON c.id = p.cooperative_id
      WHERE m.status IN ('held', 'no_show') AND k.starts_on >= :prevFrom AND k.starts_on <= :to${scoped(w, "c.province_code")}`,
    base(w),
  );
  return row;
}

/**
 * Matches on the platform: contacts requested by one side during each period, and accepted (connected) during it.
 * Two index ranges, one per kind of moment, so only the rows of the two periods are read.
 */
export async function matchRow(db: Database, w: ReportWindow) {
  const join = w.province ? " JOIN cooperatives c ON c.id = x.cooperative_id" : "";
  const [row] = await select<{ requested: Num; requested_prev: Num; connected: Num; connected_prev: Num }>(
    db,
    `SELECT SUM(x.requested) AS requested, SUM(x.requested_prev) AS requested_prev,
            SUM(x.connected) AS connected, SUM(x.connected_prev) AS connected_prev
       FROM (SELECT m.cooperative_id,
                    CASE WHEN ${date("m.requested_at")} >= :start THEN 1 ELSE 0 END AS requested,
                    CASE WHEN ${date("m.requested_at")} < :start THEN 1 ELSE 0 END AS requested_prev,
                    0 AS connected, 0 AS connected_prev
               FROM matches m
              WHERE m.requested_at >= :prevStart AND m.requested_at < :end
             UNION ALL
             SELECT m.cooperative_id, 0, 0,
                    CASE WHEN ${date("m.responded_at")} >= :start THEN 1 ELSE 0 END,
                    CASE WHEN ${date("m.responded_at")} < :start THEN 1 ELSE 0 END
               FROM matches m
              WHERE m.status = 'connected' AND m.responded_at >= :prevStart AND m.responded_at < :end) x${join}
      WHERE 1 = 1${scoped(w, "c.province_code")}`,
    base(w),
  );
  return row;
}

/**
 * Agreements sealed during each period (signed, whatever became of them since), per province, signing method,
 * contract type and current pipeline stage: their number, agreed value and confirmed delivered value.
 */
export function agreementRows(db: Database, w: ReportWindow) {
  return select<{
    province: string | null;
    method: "platform" | "paper";
    type: string;
    status: AgreementStatus;
    signed: Num;
    signed_prev: Num;
    value: Num;
    value_prev: Num;
    delivered: Num;
    delivered_prev: Num;
  }>(
    db,
    `SELECT a.province_code AS province, a.method AS method, a.type AS type, a.status AS status,
            SUM(CASE WHEN ${date("a.sealed_at")} >= :start THEN 1 ELSE 0 END) AS signed,
            SUM(CASE WHEN ${date("a.sealed_at")} < :start THEN 1 ELSE 0 END) AS signed_prev,
            SUM(CASE WHEN ${date("a.sealed_at")} >= :start THEN a.total_vnd ELSE 0 END) AS value,
            SUM(CASE WHEN ${date("a.sealed_at")} < :start THEN a.total_vnd ELSE 0 END) AS value_prev,
            SUM(CASE WHEN ${date("a.sealed_at")} >= :start THEN a.delivered_vnd ELSE 0 END) AS delivered,
            SUM(CASE WHEN ${date("a.sealed_at")} < :start THEN a.delivered_vnd ELSE 0 END) AS delivered_prev
       FROM agreements a
      WHERE a.sealed_at >= :prevStart AND a.sealed_at < :end${scoped(w, "a.province_code")}
      GROUP BY a.province_code, a.method, a.type, a.status`,
    base(w),
  );
}

/**
 * "CASE WHEN <column> < :before THEN -1 WHEN <column> < :e0 THEN 0 … ELSE n END": which step of the series a row
 * falls in (-1 before it, n after it), so one GROUP BY sums every month at once. A row's CASE stops at its own step.
 */
function seriesStep(column: string, w: ReportWindow, bound: (i: number) => string) {
  const at = date(column);
  const whens = w.series.map((_, i) => `WHEN ${at} ${bound(i)} THEN ${i}`);
  return `CASE WHEN ${at} < :before THEN -1 ${whens.join(" ")} ELSE ${w.series.length} END`;
}

/**
 * Per chart column: agreements sealed in it (number and value), the value sealed in the same span a year before,
 * and the value of every agreement sealed by its end and not cancelled (what fulfilment over time is measured
 * against), from one pass grouped by the series' months; and the value delivered on every agreement not cancelled,
 * whenever sealed (each agreement keeps the sum of its confirmed deliveries), which deliveryMonths works back from.
 */
export async function agreementBuckets(db: Database, w: ReportWindow) {
  const replacements: Record<string, unknown> = { province: w.province, before: w.series[0]!.start };
  w.series.forEach((b, i) => (replacements[`e${i}`] = b.end));
  const rows = await select<{ step: Num; agreements: Num; value: Num; agreed: Num; delivered: Num }>(
    db,
    `SELECT ${seriesStep("a.sealed_at", w, (i) => `< :e${i}`)} AS step,
            COUNT(*) AS agreements,
            SUM(a.total_vnd) AS value,
            SUM(CASE WHEN a.status <> 'cancelled' THEN a.total_vnd ELSE 0 END) AS agreed,
            SUM(CASE WHEN a.status <> 'cancelled' THEN a.delivered_vnd ELSE 0 END) AS delivered
       FROM agreements a
      WHERE a.sealed_at IS NOT NULL${scoped(w, "a.province_code")}
      GROUP BY step`,
    replacements,
  );
  const steps = new Map(rows.map((r) => [num(r.step), r]));
  let agreedToDate = num(steps.get(-1)?.agreed);
  const columns = [];
  for (let i = 0; i < w.series.length; i++) {
    agreedToDate += num(steps.get(i)?.agreed);
    if (i < w.lead) continue;
    columns.push({
      count: num(steps.get(i)?.agreements),
      valueVnd: num(steps.get(i)?.value),
      yearEarlierVnd: num(steps.get(i - w.lead)?.value),
      agreedToDateVnd: agreedToDate,
    });
  }
  return { columns, deliveredVnd: rows.reduce((n, r) => n + num(r.delivered), 0) };
}

/**
 * Confirmed deliveries on agreements not cancelled, summed per day, from the chart's first column on: what was
 * delivered by a column's end is everything delivered (agreementBuckets) less what came after it. Deliveries
 * outnumber agreements several times over: this reads only those of the chart's span, each agreement's from the
 * deliveries' index (agreement, status, day), both indexes covering.
 */
export async function deliveryDays(db: Database, w: ReportWindow) {
  const rows = await select<{ day: string; value: Num }>(
    db,
    `SELECT d.delivered_on AS day, SUM(d.value_vnd) AS value
       FROM agreement_deliveries d
      WHERE d.status = 'confirmed' AND d.delivered_on >= :first
        AND d.agreement_id IN (SELECT a.id FROM agreements a
                                WHERE a.sealed_at IS NOT NULL AND a.status <> 'cancelled'${scoped(w, "a.province_code")})
      GROUP BY d.delivered_on`,
    { province: w.province, first: w.series[w.lead]!.firstDay },
  );
  return rows.map((r) => ({ day: r.day, valueVnd: num(r.value) }));
}

/** What was delivered by each chart column's last day: everything delivered, less what came after that day. */
export function deliveredToDate(
  w: ReportWindow,
  deliveredVnd: number,
  days: Array<{ day: string; valueVnd: number }>,
): number[] {
  return w.series
    .slice(w.lead)
    .map((b) => deliveredVnd - days.filter((d) => d.day > b.lastDay).reduce((n, d) => n + d.valueVnd, 0));
}

/**
 * Marketplace orders placed during each period with the scope's cooperatives, and what they sold, per province:
 * summed per cooperative from the orders' index first, then joined to the cooperatives' provinces.
 */
export function orderRows(db: Database, w: ReportWindow) {
  return select<{ province: string; orders: Num; orders_prev: Num; sales: Num; sales_prev: Num }>(
    db,
    `SELECT c.province_code AS province,
            SUM(x.orders) AS orders, SUM(x.orders_prev) AS orders_prev,
            SUM(x.sales) AS sales, SUM(x.sales_prev) AS sales_prev
       FROM (SELECT o.cooperative_id,
                    SUM(CASE WHEN ${date("o.created_at")} >= :start THEN 1 ELSE 0 END) AS orders,
                    SUM(CASE WHEN ${date("o.created_at")} < :start THEN 1 ELSE 0 END) AS orders_prev,
                    SUM(CASE WHEN ${date("o.created_at")} >= :start THEN o.subtotal_vnd ELSE 0 END) AS sales,
                    SUM(CASE WHEN ${date("o.created_at")} < :start THEN o.subtotal_vnd ELSE 0 END) AS sales_prev
               FROM orders o
              WHERE o.status IN (:sold) AND o.created_at >= :prevStart AND o.created_at < :end
              GROUP BY o.cooperative_id) x
       JOIN cooperatives c ON c.id = x.cooperative_id
      WHERE 1 = 1${scoped(w, "c.province_code")}
      GROUP BY c.province_code`,
    { ...base(w), sold: [...SOLD_ORDER_STATUSES] },
  );
}

export const TOP_LIMIT = 10;

/** The period's cooperatives with the most agreement value and marketplace sales together. */
export function topCooperativeRows(db: Database, w: ReportWindow) {
  const ordersInProvince = w.province
    ? " AND o.cooperative_id IN (SELECT id FROM cooperatives WHERE province_code = :province)"
    : "";
  return select<{
    id: number;
    name: string;
    province: string;
    agreements: Num;
    agreement_vnd: Num;
    orders: Num;
    sales_vnd: Num;
  }>(
    db,
    `SELECT c.id AS id, c.name AS name, c.province_code AS province,
            g.agreements, g.agreement_vnd, g.orders, g.sales_vnd
       FROM (SELECT x.cooperative_id,
                    SUM(x.agreements) AS agreements, SUM(x.agreement_vnd) AS agreement_vnd,
                    SUM(x.orders) AS orders, SUM(x.sales_vnd) AS sales_vnd
               FROM (SELECT a.cooperative_id, 1 AS agreements, a.total_vnd AS agreement_vnd, 0 AS orders, 0 AS sales_vnd
                       FROM agreements a
                      WHERE a.sealed_at >= :start AND a.sealed_at < :end${scoped(w, "a.province_code")}
                     UNION ALL
                     SELECT o.cooperative_id, 0, 0, 1, o.subtotal_vnd
                       FROM orders o
                      WHERE o.status IN (:sold) AND o.created_at >= :start AND o.created_at < :end${ordersInProvince}) x
              GROUP BY x.cooperative_id
              ORDER BY SUM(x.agreement_vnd) + SUM(x.sales_vnd) DESC, x.cooperative_id
              LIMIT ${TOP_LIMIT}) g
       JOIN cooperatives c ON c.id = g.cooperative_id`,
    { ...base(w), sold: [...SOLD_ORDER_STATUSES] },
  );
}

/**
 * The period's buyers with the most agreement value and marketplace purchases together: an organisation counts as
 * one buyer whoever of its people signed or ordered; a buyer without one counts as themself.
 */
export function topBuyerRows(db: Database, w: ReportWindow) {
  const ordersInProvince = w.province
    ? " AND o.cooperative_id IN (SELECT id FROM cooperatives WHERE province_code = :province)"
    : "";
  return select<{
    organisation_id: number | null;
    person_id: number | null;
    organisation: string | null;
    organisation_kind: string | null;
    person: string | null;
    agreements: Num;
    agreement_vnd: Num;
    orders: Num;
    sales_vnd: Num;
  }>(
    db,
    `SELECT g.organisation_id, g.person_id, org.name AS organisation, org.kind AS organisation_kind,
            u.full_name AS person, g.agreements, g.agreement_vnd, g.orders, g.sales_vnd
       FROM (SELECT x.organisation_id, x.person_id,
                    SUM(x.agreements) AS agreements, SUM(x.agreement_vnd) AS agreement_vnd,
                    SUM(x.orders) AS orders, SUM(x.sales_vnd) AS sales_vnd
               FROM (SELECT a.buyer_organisation_id AS organisation_id,
                            CASE WHEN a.buyer_organisation_id IS NULL THEN a.buyer_id END AS person_id,
                            1 AS agreements, a.total_vnd AS agreement_vnd, 0 AS orders, 0 AS sales_vnd
                       FROM agreements a
                      WHERE a.sealed_at >= :start AND a.sealed_at < :end${scoped(w, "a.province_code")}
                     UNION ALL
                     SELECT u.organisation_id,
                            CASE WHEN u.organisation_id IS NULL THEN o.buyer_id END,
                            0, 0, 1, o.subtotal_vnd
                       FROM orders o
                       JOIN users u ON u.id = o.buyer_id
                      WHERE o.status IN (:sold) AND o.created_at >= :start AND o.created_at < :end${ordersInProvince}) x
              GROUP BY x.organisation_id, x.person_id
              ORDER BY SUM(x.agreement_vnd) + SUM(x.sales_vnd) DESC, x.organisation_id, x.person_id
              LIMIT ${TOP_LIMIT}) g
       LEFT JOIN organisations org ON org.id = g.organisation_id
       LEFT JOIN users u ON u.id = g.person_id`,
    { ...base(w), sold: [...SOLD_ORDER_STATUSES] },
  );
}
