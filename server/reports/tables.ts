import { formatDate, formatNumber, formatPercent, formatVnd } from "../vocabulary/format";
import type { Locale } from "../vocabulary/locale";
import type { ReportDashboard } from "./dashboard";
import type { ExportCellValue, ExportColumnKind } from "./exports";
import { bucketLabel, changeOf, periodLabel, provinceName, type Translate, type ValueKind } from "./labels";
import { OCOP_EXPIRING_DAYS, summaryIndicators } from "./summary";

/*
 * The dashboard's tables, described once: the page and the printed report render them as HTML, the PDF draws them,
 * CSV and XLSX write them (one sheet each). Cells keep their raw value and kind; each writer formats them its own way.
 * Browser-safe: only types come from exports.ts.
 */

export const REPORT_TABLES = [
  "summary",
  "kinds",
  "provinces",
  "stages",
  "types",
  "months",
  "cooperatives",
  "buyers",
] as const;
export type ReportTableKey = (typeof REPORT_TABLES)[number];

export interface ReportCell {
  value: ExportCellValue;
  kind: ExportColumnKind;
}

export interface ReportTable {
  key: ReportTableKey;
  title: string;
  headers: string[];
  rows: ReportCell[][];
}

const text = (value: string | null): ReportCell => ({ value, kind: "text" });
const count = (value: number | null): ReportCell => ({ value, kind: "integer" });
const vnd = (value: number | null): ReportCell => ({ value, kind: "vnd" });
const share = (value: number | null): ReportCell => ({ value, kind: "percent" });
const byKind = (value: number | null, kind: ValueKind): ReportCell =>
  kind === "vnd" ? vnd(value) : kind === "percent" ? share(value) : count(value);
const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/** A cell as the page and the PDF show it. */
export function formatCell(cell: ReportCell, locale: Locale): string {
  if (cell.value === null || cell.value === "") return "—";
  if (cell.kind === "text") return String(cell.value);
  if (cell.kind === "date" || cell.kind === "datetime")
    return formatDate(cell.value instanceof Date ? cell.value : String(cell.value), locale);
  const n = Number(cell.value);
  if (cell.kind === "vnd") return formatVnd(n, locale);
  if (cell.kind === "percent") return formatPercent(n, locale);
  return formatNumber(n, locale);
}

export function reportTables(
  d: ReportDashboard,
  t: Translate,
  locale: Locale,
): Record<ReportTableKey, ReportTable> {
  const h = (key: string) => t(`reports:column.${key}`);
  const title = (key: ReportTableKey) => t(`reports:table.${key}`);
  const current = periodLabel(t, d.period, locale);
  const previous = periodLabel(t, d.previous, locale);

  return {
    summary: {
      key: "summary",
      title: title("summary"),
      headers: [h("indicator"), h("unit"), current, previous, h("change")],
      rows: summaryIndicators(d).map((i) => {
        const change = changeOf(i.current, i.previous, i.kind);
        return [
          text(`${i.part ? "– " : ""}${t(`reports:indicator.${i.key}`, { days: OCOP_EXPIRING_DAYS })}`),
          text(t(`reports:unit.${i.unit}`)),
          byKind(i.current, i.kind),
          byKind(i.previous, i.kind),
          // A share's change is in points, which a percentage column would misread: the page says it in words.
          share(change?.by === "relative" ? change.value : null),
        ];
      }),
    },
    kinds: {
      key: "kinds",
      title: title("kinds"),
      headers: [h("kind"), h("cooperatives"), h("previousCount"), h("members"), h("newCooperatives")],
      rows: d.cooperatives.byKind.map((k) => [
        text(t(`cooperatives:kind.${k.kind}`)),
        count(k.total.current),
        count(k.total.previous),
        count(k.members.current),
        count(k.new.current),
      ]),
    },
    provinces: {
      key: "provinces",
      title: title("provinces"),
      headers: [
        h("province"),
        h("cooperatives"),
        h("members"),
        h("newCooperatives"),
        h("products"),
        h("ocop"),
        h("agreements"),
        h("agreementVnd"),
        h("fulfilment"),
        h("orders"),
        h("salesVnd"),
      ],
      rows: d.byProvince.map((p) => [
        text(provinceName(t, p.provinceCode)),
        count(p.cooperatives),
        count(p.members),
        count(p.newCooperatives),
        count(p.products),
        count(p.ocop),
        count(p.agreements),
        vnd(p.agreementVnd),
        share(ratio(p.deliveredVnd, p.agreedVnd)),
        count(p.orders),
        vnd(p.salesVnd),
      ]),
    },
    stages: {
      key: "stages",
      title: title("stages"),
      headers: [h("stage"), h("agreements"), h("agreementVnd")],
      rows: d.agreements.byStage.map((s) => [
        text(t(`reports:stage.${s.status}`)),
        count(s.count),
        vnd(s.valueVnd),
      ]),
    },
    types: {
      key: "types",
      title: title("types"),
      headers: [h("type"), h("agreements"), h("agreementVnd"), h("previousCount"), h("previousVnd")],
      rows: d.agreements.byType.map((x) => [
        text(t(`agreements:type.${x.type}`)),
        count(x.count.current),
        vnd(x.valueVnd.current),
        count(x.count.previous),
        vnd(x.valueVnd.previous),
      ]),
    },
    months: {
      key: "months",
      title: title("months"),
      headers: [
        h(d.timeline[0]?.kind === "year" ? "year" : "month"),
        h("agreements"),
        h("agreementVnd"),
        h("yearEarlierVnd"),
        h("agreedToDateVnd"),
        h("deliveredToDateVnd"),
        h("fulfilmentToDate"),
      ],
      rows: d.timeline.map((b) => [
        text(bucketLabel(t, b, false)),
        count(b.agreements),
        vnd(b.valueVnd),
        vnd(b.yearEarlierVnd),
        vnd(b.agreedToDateVnd),
        vnd(b.deliveredToDateVnd),
        share(b.fulfilment),
      ]),
    },
    cooperatives: {
      key: "cooperatives",
      title: title("cooperatives"),
      headers: [
        h("rank"),
        h("cooperative"),
        h("province"),
        h("agreements"),
        h("agreementVnd"),
        h("orders"),
        h("salesVnd"),
        h("totalVnd"),
      ],
      rows: d.topCooperatives.map((c, i) => [
        count(i + 1),
        text(c.name),
        text(provinceName(t, c.provinceCode)),
        count(c.agreements),
        vnd(c.agreementVnd),
        count(c.orders),
        vnd(c.salesVnd),
        vnd(c.totalVnd),
      ]),
    },
    buyers: {
      key: "buyers",
      title: title("buyers"),
      headers: [
        h("rank"),
        h("buyer"),
        h("buyerKind"),
        h("agreements"),
        h("agreementVnd"),
        h("orders"),
        h("purchasesVnd"),
        h("totalVnd"),
      ],
      rows: d.topBuyers.map((b, i) => [
        count(i + 1),
        text(b.name),
        text(b.kind ? t(`account:organisationKind.${b.kind}`) : t("reports:buyerPerson")),
        count(b.agreements),
        vnd(b.agreementVnd),
        count(b.orders),
        vnd(b.purchasesVnd),
        vnd(b.totalVnd),
      ]),
    },
  };
}
