import type { Figure, ReportDashboard } from "./dashboard";
import type { ValueKind } from "./labels";

/*
 * The report's main table, as the unions' reports have it: one line per indicator with its unit, this period,
 * the previous period and the change. The dashboard's cards, the printed report, the PDF and the exports all take
 * their lines from here, in this order.
 */

/** OCOP certificates this many days from expiry are flagged, so the cooperative can apply for re-assessment in time. */
export const OCOP_EXPIRING_DAYS = 90;

export const REPORT_SECTIONS = ["cooperatives", "products", "promotion", "agreements", "commerce"] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];

export interface Indicator {
  /** reports:indicator.<key> names it. */
  key: string;
  section: ReportSection;
  /** reports:unit.<unit> is its unit ("Đơn vị", "Đồng", "%"). */
  unit: string;
  kind: ValueKind;
  current: number | null;
  previous: number | null;
  /** A part of the line above ("of which…"). */
  part?: boolean;
}

const line = (
  section: ReportSection,
  key: string,
  unit: string,
  kind: ValueKind,
  figure: Figure | { current: number | null; previous: number | null },
  part = false,
): Indicator => ({ section, key, unit, kind, current: figure.current, previous: figure.previous, part });

export function summaryIndicators(d: ReportDashboard): Indicator[] {
  const method = (m: "platform" | "paper") => d.agreements.byMethod.find((x) => x.method === m)!;
  return [
    line("cooperatives", "cooperatives", "units", "count", d.cooperatives.total),
    line("cooperatives", "newCooperatives", "units", "count", d.cooperatives.new, true),
    line("cooperatives", "members", "members", "count", d.cooperatives.members),
    line("products", "productsListed", "products", "count", d.products.listed),
    line("products", "productsNew", "products", "count", d.products.new, true),
    line("products", "ocop", "products", "count", d.products.ocop),
    line("products", "ocopIssued", "products", "count", d.products.ocopIssued, true),
    line("products", "ocopExpiring", "products", "count", d.products.ocopExpiring, true),
    line("promotion", "fairs", "fairs", "count", d.fairs.held),
    line("promotion", "booths", "booths", "count", d.fairs.booths),
    line("promotion", "exhibitors", "units", "count", d.fairs.exhibitors),
    line("promotion", "conferences", "conferences", "count", d.conferences.held),
    line("promotion", "meetingsHeld", "meetings", "count", d.conferences.meetingsHeld),
    line("promotion", "noShows", "meetings", "count", d.conferences.noShows, true),
    line("promotion", "matchesRequested", "times", "count", d.matches.requested),
    line("promotion", "matchesConnected", "times", "count", d.matches.connected, true),
    line("agreements", "agreementsSigned", "agreements", "count", d.agreements.signed),
    line("agreements", "agreementsPlatform", "agreements", "count", method("platform").count, true),
    line("agreements", "agreementsPaper", "agreements", "count", method("paper").count, true),
    line("agreements", "agreementsValue", "vnd", "vnd", d.agreements.valueVnd),
    line("agreements", "delivered", "vnd", "vnd", d.agreements.deliveredVnd),
    line("agreements", "fulfilment", "percent", "percent", d.agreements.fulfilment),
    line("commerce", "orders", "orders", "count", d.orders.count),
    line("commerce", "sales", "vnd", "vnd", d.orders.salesVnd),
  ];
}
