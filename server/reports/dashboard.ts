import { z } from "zod";
import type { CurrentUser } from "../accounts/current-user";
import type { Database } from "../db";
import { Forbidden } from "../errors";
import { blankToUndefined } from "../fields";
import { vietnamDay } from "../vocabulary/dates";
import {
  COOPERATIVE_KINDS,
  PIPELINE_STATUSES,
  type AgreementStatus,
  type CooperativeKind,
} from "../vocabulary/domain";
import { isProvinceCode } from "../vocabulary/geo";
import { parseOrInvalid } from "../validation";
import {
  addDays,
  chartBuckets,
  chartSeries,
  parsePeriod,
  periodInstants,
  previousPeriod,
  startOfDay,
  type PeriodBucket,
  type ReportPeriod,
} from "./period";
import * as q from "./queries";
import { OCOP_EXPIRING_DAYS } from "./summary";

const { num } = q;

/** A figure for the period and the one it is compared with. */
export interface Figure {
  current: number;
  previous: number;
}

export const OCOP_STARS = [3, 4, 5] as const;
export const AGREEMENT_METHODS = ["platform", "paper"] as const;

export interface ReportScope {
  /** The province reported on, or null for the whole country. */
  province: string | null;
  /** A province union's staff see their province only; national staff choose. */
  locked: boolean;
}

export interface ProvinceLine {
  provinceCode: string | null;
  cooperatives: number;
  members: number;
  newCooperatives: number;
  products: number;
  ocop: number;
  agreements: number;
  agreementVnd: number;
  deliveredVnd: number;
  /** Fulfilment's base: the value of the period's agreements not cancelled. */
  agreedVnd: number;
  orders: number;
  salesVnd: number;
}

export interface ReportDashboard {
  scope: ReportScope;
  period: ReportPeriod;
  previous: ReportPeriod;
  /** Vietnam's day the OCOP figures are judged on, for each period. */
  refDay: { current: string; previous: string };
  generatedAt: string;
  cooperatives: {
    total: Figure;
    new: Figure;
    members: Figure;
    byKind: Array<{ kind: CooperativeKind; total: Figure; new: Figure; members: Figure }>;
  };
  products: {
    listed: Figure;
    new: Figure;
    ocop: Figure;
    ocopIssued: Figure;
    ocopExpiring: Figure;
    ocopByStars: Array<{ stars: number; count: Figure }>;
  };
  fairs: { held: Figure; booths: Figure; exhibitors: Figure };
  conferences: { held: Figure; meetingsHeld: Figure; noShows: Figure };
  matches: { requested: Figure; connected: Figure };
  agreements: {
    signed: Figure;
    valueVnd: Figure;
    byMethod: Array<{ method: (typeof AGREEMENT_METHODS)[number]; count: Figure; valueVnd: Figure }>;
    byType: Array<{ type: string; count: Figure; valueVnd: Figure }>;
    /** The period's agreements by where they stand now: the pipeline. */
    byStage: Array<{ status: AgreementStatus; count: number; valueVnd: number }>;
    /** Of the period's agreements not cancelled: agreed value and the value of confirmed deliveries so far. */
    agreedVnd: Figure;
    deliveredVnd: Figure;
    /** delivered / agreed, null when nothing was agreed. */
    fulfilment: { current: number | null; previous: number | null };
  };
  orders: { count: Figure; salesVnd: Figure };
  byProvince: ProvinceLine[];
  topCooperatives: Array<{
    id: number;
    name: string;
    provinceCode: string;
    agreements: number;
    agreementVnd: number;
    orders: number;
    salesVnd: number;
    totalVnd: number;
  }>;
  topBuyers: Array<{
    name: string;
    /** An organisation's kind (distributor, supermarket…), null for a person buying for themself. */
    kind: string | null;
    agreements: number;
    agreementVnd: number;
    orders: number;
    purchasesVnd: number;
    totalVnd: number;
  }>;
  /** The charts over time: one entry per month (or year) column. */
  timeline: Array<
    PeriodBucket & {
      agreements: number;
      valueVnd: number;
      /** The same span a year before. */
      yearEarlierVnd: number;
      /** Cumulative, at the column's end: every agreement sealed by then and not cancelled, and what was delivered. */
      agreedToDateVnd: number;
      deliveredToDateVnd: number;
      fulfilment: number | null;
    }
  >;
}

const scopeSchema = z.object({
  province: z.preprocess(blankToUndefined, z.string().refine(isProvinceCode, "choose_one").optional()),
});

const figure = (current: Num, previous: Num): Figure => ({ current: num(current), previous: num(previous) });
type Num = number | string | null | undefined;
const zero = (): Figure => ({ current: 0, previous: 0 });
const add = (into: Figure, current: Num, previous: Num) => {
  into.current += num(current);
  into.previous += num(previous);
};
const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);
const earlier = (a: string, b: string) => (a < b ? a : b);

export function reportScope(user: CurrentUser, input: Record<string, unknown>): ReportScope {
  if (user.role !== "staff") throw new Forbidden("staff_only");
  const { province } = parseOrInvalid(scopeSchema, input);
  const locked = user.unionProvinceCode;
  return { province: locked ?? province ?? null, locked: locked !== null };
}

/** The days and instants the queries read for a period, within a scope. */
export function reportWindow(
  scope: ReportScope,
  period: ReportPeriod,
  previous: ReportPeriod,
  today: string,
): q.ReportWindow {
  const { start, end } = periodInstants(period);
  const refDay = earlier(period.to, today);
  const prevRefDay = earlier(previous.to, today);
  const { lead, series } = chartSeries(period);
  return {
    province: scope.province,
    from: period.from,
    to: period.to,
    prevFrom: previous.from,
    start,
    end,
    prevStart: startOfDay(previous.from),
    refDay,
    prevRefDay,
    expiringBy: addDays(refDay, OCOP_EXPIRING_DAYS),
    prevExpiringBy: addDays(prevRefDay, OCOP_EXPIRING_DAYS),
    lead,
    series: series.map((b) => ({
      start: startOfDay(b.from),
      end: startOfDay(addDays(b.to, 1)),
      firstDay: b.from,
      lastDay: b.to,
    })),
  };
}

/**
 * The union staff's dashboard for a period and scope: every figure with the previous period's, the tables and the
 * charts' series. A fixed number of aggregate queries (see queries.ts), run side by side.
 */
export async function buildDashboard(
  db: Database,
  user: CurrentUser,
  input: Record<string, unknown>,
  now: Date,
): Promise<ReportDashboard> {
  const scope = reportScope(user, input);
  const today = vietnamDay(now);
  const period = parsePeriod(input, today);
  const previous = previousPeriod(period);
  const w = reportWindow(scope, period, previous, today);
  const [
    coopRows,
    productRows,
    ocopRows,
    fair,
    booth,
    conference,
    meeting,
    match,
    agreementRows,
    bucketAgreements,
    deliveryDays,
    orderRows,
    topCooperatives,
    topBuyers,
  ] = await Promise.all([
    q.cooperativeRows(db, w),
    q.productRows(db, w),
    q.ocopRows(db, w),
    q.heldRow(db, w, "fairs"),
    q.boothRow(db, w),
    q.heldRow(db, w, "conferences"),
    q.meetingRow(db, w),
    q.matchRow(db, w),
    q.agreementRows(db, w),
    q.agreementBuckets(db, w),
    q.deliveryDays(db, w),
    q.orderRows(db, w),
    q.topCooperativeRows(db, w),
    q.topBuyerRows(db, w),
  ]);

  // The rows are already aggregated (a province × kind, a province × stars…): a few dozen at most. What follows
  // only adds them up along the other axis.
  const provinces = new Map<string | null, ProvinceLine>();
  const line = (code: string | null) => {
    let found = provinces.get(code);
    if (!found) {
      found = {
        provinceCode: code,
        cooperatives: 0,
        members: 0,
        newCooperatives: 0,
        products: 0,
        ocop: 0,
        agreements: 0,
        agreementVnd: 0,
        deliveredVnd: 0,
        agreedVnd: 0,
        orders: 0,
        salesVnd: 0,
      };
      provinces.set(code, found);
    }
    return found;
  };

  const cooperatives = { total: zero(), new: zero(), members: zero() };
  const byKind = new Map(
    COOPERATIVE_KINDS.map((kind) => [kind, { kind, total: zero(), new: zero(), members: zero() }]),
  );
  for (const r of coopRows) {
    add(cooperatives.total, r.total, r.total_prev);
    add(cooperatives.new, r.new_cur, r.new_prev);
    add(cooperatives.members, r.members, r.members_prev);
    const kind = byKind.get(r.kind);
    if (kind) {
      add(kind.total, r.total, r.total_prev);
      add(kind.new, r.new_cur, r.new_prev);
      add(kind.members, r.members, r.members_prev);
    }
    const l = line(r.province);
    l.cooperatives += num(r.total);
    l.members += num(r.members);
    l.newCooperatives += num(r.new_cur);
  }

  const products = {
    listed: zero(),
    new: zero(),
    ocop: zero(),
    ocopIssued: zero(),
    ocopExpiring: zero(),
    ocopByStars: OCOP_STARS.map((stars) => ({ stars, count: zero() })),
  };
  for (const r of productRows) {
    add(products.listed, r.listed, r.listed_prev);
    add(products.new, r.new_cur, r.new_prev);
    line(r.province).products += num(r.listed);
  }
  for (const r of ocopRows) {
    add(products.ocop, r.valid, r.valid_prev);
    add(products.ocopIssued, r.issued, r.issued_prev);
    add(products.ocopExpiring, r.expiring, r.expiring_prev);
    const stars = products.ocopByStars.find((s) => s.stars === num(r.stars));
    if (stars) add(stars.count, r.valid, r.valid_prev);
    line(r.province).ocop += num(r.valid);
  }

  const agreements = {
    signed: zero(),
    valueVnd: zero(),
    byMethod: AGREEMENT_METHODS.map((method) => ({ method, count: zero(), valueVnd: zero() })),
    byType: [] as Array<{ type: string; count: Figure; valueVnd: Figure }>,
    byStage: PIPELINE_STATUSES.map((status) => ({
      status: status as AgreementStatus,
      count: 0,
      valueVnd: 0,
    })),
    agreedVnd: zero(),
    deliveredVnd: zero(),
    fulfilment: { current: null as number | null, previous: null as number | null },
  };
  for (const r of agreementRows) {
    add(agreements.signed, r.signed, r.signed_prev);
    add(agreements.valueVnd, r.value, r.value_prev);
    const method = agreements.byMethod.find((m) => m.method === r.method);
    if (method) {
      add(method.count, r.signed, r.signed_prev);
      add(method.valueVnd, r.value, r.value_prev);
    }
    let type = agreements.byType.find((t) => t.type === r.type);
    if (!type) agreements.byType.push((type = { type: r.type, count: zero(), valueVnd: zero() }));
    add(type.count, r.signed, r.signed_prev);
    add(type.valueVnd, r.value, r.value_prev);
    const stage = agreements.byStage.find((s) => s.status === r.status);
    if (stage) {
      stage.count += num(r.signed);
      stage.valueVnd += num(r.value);
    }
    const l = line(r.province);
    l.agreements += num(r.signed);
    l.agreementVnd += num(r.value);
    if (r.status !== "cancelled") {
      add(agreements.agreedVnd, r.value, r.value_prev);
      add(agreements.deliveredVnd, r.delivered, r.delivered_prev);
      l.agreedVnd += num(r.value);
      l.deliveredVnd += num(r.delivered);
    }
  }
  agreements.byType = agreements.byType
    .filter((t) => t.count.current + t.count.previous > 0)
    .sort((a, b) => a.type.localeCompare(b.type));
  agreements.fulfilment = {
    current: ratio(agreements.deliveredVnd.current, agreements.agreedVnd.current),
    previous: ratio(agreements.deliveredVnd.previous, agreements.agreedVnd.previous),
  };

  const orders = { count: zero(), salesVnd: zero() };
  for (const r of orderRows) {
    add(orders.count, r.orders, r.orders_prev);
    add(orders.salesVnd, r.sales, r.sales_prev);
    const l = line(r.province);
    l.orders += num(r.orders);
    l.salesVnd += num(r.sales);
  }

  const buckets = chartBuckets(period);
  const delivered = q.deliveredToDate(w, bucketAgreements.deliveredVnd, deliveryDays);
  return {
    scope,
    period,
    previous,
    refDay: { current: w.refDay, previous: w.prevRefDay },
    generatedAt: now.toISOString(),
    cooperatives: { ...cooperatives, byKind: [...byKind.values()] },
    products,
    fairs: {
      held: figure(fair?.held, fair?.held_prev),
      booths: figure(booth?.booths, booth?.booths_prev),
      exhibitors: figure(booth?.exhibitors, booth?.exhibitors_prev),
    },
    conferences: {
      held: figure(conference?.held, conference?.held_prev),
      meetingsHeld: figure(meeting?.held, meeting?.held_prev),
      noShows: figure(meeting?.no_show, meeting?.no_show_prev),
    },
    matches: {
      requested: figure(match?.requested, match?.requested_prev),
      connected: figure(match?.connected, match?.connected_prev),
    },
    agreements,
    orders,
    byProvince: [...provinces.values()]
      .filter((l) => l.cooperatives + l.products + l.agreements + l.orders > 0)
      .sort((a, b) => b.agreementVnd - a.agreementVnd || b.cooperatives - a.cooperatives),
    topCooperatives: topCooperatives
      .map((r) => ({
        id: Number(r.id),
        name: r.name,
        provinceCode: r.province,
        agreements: num(r.agreements),
        agreementVnd: num(r.agreement_vnd),
        orders: num(r.orders),
        salesVnd: num(r.sales_vnd),
        totalVnd: num(r.agreement_vnd) + num(r.sales_vnd),
      }))
      .sort((a, b) => b.totalVnd - a.totalVnd || a.id - b.id),
    topBuyers: topBuyers
      .map((r) => ({
        name: r.organisation ?? r.person ?? "",
        kind: r.organisation_id === null ? null : r.organisation_kind,
        agreements: num(r.agreements),
        agreementVnd: num(r.agreement_vnd),
        orders: num(r.orders),
        purchasesVnd: num(r.sales_vnd),
        totalVnd: num(r.agreement_vnd) + num(r.sales_vnd),
      }))
      .sort((a, b) => b.totalVnd - a.totalVnd || a.name.localeCompare(b.name, "vi")),
    timeline: buckets.map((b, i) => {
      const a = bucketAgreements.columns[i]!;
      return {
        ...b,
        agreements: a.count,
        valueVnd: a.valueVnd,
        yearEarlierVnd: a.yearEarlierVnd,
        agreedToDateVnd: a.agreedToDateVnd,
        deliveredToDateVnd: delivered[i]!,
        fulfilment: ratio(delivered[i]!, a.agreedToDateVnd),
      };
    }),
  };
}
