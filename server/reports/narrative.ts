import { vietnamWallClock } from "../vocabulary/dates";
import { formatDate, formatNumber, formatPercent, formatTime, formatVnd } from "../vocabulary/format";
import { provinceByCode } from "../vocabulary/geo";
import type { Locale } from "../vocabulary/locale";
import type { Figure, ReportDashboard } from "./dashboard";
import { changeLabel, periodLabel, provinceFull, unionName, type Translate, type ValueKind } from "./labels";
import { OCOP_EXPIRING_DAYS, type ReportSection } from "./summary";
import type { ReportTableKey } from "./tables";

/*
 * The printed period report, shaped like the unions' own yearly reports: the union and the national motto at the
 * top, the title and period, then sections I–V in sentences with their tables and charts, notes on what the
 * figures count, and room to sign. The page (staff.reports.print) and the PDF lay out the same document.
 */

export const REPORT_CHARTS = [
  "ocopStars",
  "pipeline",
  "valueByMonth",
  "fulfilment",
  "valueByProvince",
] as const;
export type ReportChartKey = (typeof REPORT_CHARTS)[number];

export interface ReportDocumentSection {
  key: ReportSection;
  /** "I. Hợp tác xã" */
  heading: string;
  paragraphs: string[];
  tables: ReportTableKey[];
  charts: ReportChartKey[];
}

export interface ReportDocument {
  /** Upper left: the union (upper case when printed). */
  union: string;
  /** Upper right: the national name and motto, and the place and day. */
  nation: string;
  motto: string;
  placeAndDate: string;
  title: string;
  subtitle: string;
  intro: string;
  /** The main indicators' table comes right after the introduction. */
  summaryTable: ReportTableKey;
  sections: ReportDocumentSection[];
  notes: string[];
  signatures: Array<{ role: string; hint: string; name: string | null }>;
}

const ROMAN = ["I", "II", "III", "IV", "V"];

export function reportDocument(
  d: ReportDashboard,
  t: Translate,
  locale: Locale,
  preparedBy: string | null,
): ReportDocument {
  const period = periodLabel(t, d.period, locale, { inSentence: true });
  const previous = periodLabel(t, d.previous, locale, { inSentence: true });
  const count = (n: number) => formatNumber(n, locale);
  const money = (n: number) => formatVnd(n, locale);
  /** "tăng 25% so với năm 2025", or that there is nothing to compare with. */
  const compare = (f: Figure | { current: number | null; previous: number | null }, kind: ValueKind) =>
    (kind === "percent" ? f.previous === null : f.previous === 0)
      ? t("reports:doc.noComparison", { previous })
      : t("reports:doc.comparison", {
          change: changeLabel(t, f.current, f.previous, kind, locale),
          previous,
        });
  const generated = new Date(d.generatedAt);
  const province = provinceByCode(d.scope.province);
  const kinds = Object.fromEntries(d.cooperatives.byKind.map((k) => [k.kind, k.total.current]));
  const stars = Object.fromEntries(d.products.ocopByStars.map((s) => [s.stars, s.count.current]));
  const method = (m: "platform" | "paper") => d.agreements.byMethod.find((x) => x.method === m)!;
  const stage = (s: string) => d.agreements.byStage.find((x) => x.status === s)?.count ?? 0;
  const clock = vietnamWallClock(generated);
  const longDate = (day: string) => {
    const [year, month, date] = day.split("-");
    return t("reports:doc.longDate", { day: date, month, year });
  };

  const sections: Array<Omit<ReportDocumentSection, "heading">> = [
    {
      key: "cooperatives",
      paragraphs: [
        t("reports:doc.cooperatives.total", {
          date: formatDate(d.refDay.current, locale),
          total: count(d.cooperatives.total.current),
          comparison: compare(d.cooperatives.total, "count"),
          cooperatives: count(kinds.cooperative ?? 0),
          unions: count(kinds.cooperative_union ?? 0),
          groups: count(kinds.cooperative_group ?? 0),
          members: count(d.cooperatives.members.current),
        }),
        t("reports:doc.cooperatives.new", {
          new: count(d.cooperatives.new.current),
          comparison: compare(d.cooperatives.new, "count"),
        }),
      ],
      tables: d.scope.province ? ["kinds"] : ["kinds", "provinces"],
      charts: [],
    },
    {
      key: "products",
      paragraphs: [
        t("reports:doc.products.listed", {
          listed: count(d.products.listed.current),
          comparison: compare(d.products.listed, "count"),
          new: count(d.products.new.current),
        }),
        t("reports:doc.products.ocop", {
          ocop: count(d.products.ocop.current),
          comparison: compare(d.products.ocop, "count"),
          star3: count(stars[3] ?? 0),
          star4: count(stars[4] ?? 0),
          star5: count(stars[5] ?? 0),
          issued: count(d.products.ocopIssued.current),
        }),
        d.products.ocopExpiring.current > 0
          ? t("reports:doc.products.expiring", {
              expiring: count(d.products.ocopExpiring.current),
              days: OCOP_EXPIRING_DAYS,
            })
          : t("reports:doc.products.noneExpiring", { days: OCOP_EXPIRING_DAYS }),
      ],
      tables: [],
      charts: ["ocopStars"],
    },
    {
      key: "promotion",
      paragraphs: [
        t("reports:doc.promotion.fairs", {
          fairs: count(d.fairs.held.current),
          comparison: compare(d.fairs.held, "count"),
          exhibitors: count(d.fairs.exhibitors.current),
          booths: count(d.fairs.booths.current),
        }),
        t("reports:doc.promotion.conferences", {
          conferences: count(d.conferences.held.current),
          held: count(d.conferences.meetingsHeld.current),
          noShows: count(d.conferences.noShows.current),
        }),
        t("reports:doc.promotion.matches", {
          requested: count(d.matches.requested.current),
          connected: count(d.matches.connected.current),
          comparison: compare(d.matches.connected, "count"),
        }),
      ],
      tables: [],
      charts: [],
    },
    {
      key: "agreements",
      paragraphs: [
        t("reports:doc.agreements.signed", {
          signed: count(d.agreements.signed.current),
          value: money(d.agreements.valueVnd.current),
          comparison: compare(d.agreements.valueVnd, "vnd"),
          platform: count(method("platform").count.current),
          platformValue: money(method("platform").valueVnd.current),
          paper: count(method("paper").count.current),
          paperValue: money(method("paper").valueVnd.current),
        }),
        d.agreements.fulfilment.current === null
          ? t("reports:doc.agreements.noFulfilment")
          : t("reports:doc.agreements.fulfilment", {
              date: formatDate(generated, locale),
              delivered: money(d.agreements.deliveredVnd.current),
              rate: formatPercent(d.agreements.fulfilment.current, locale),
              comparison: compare(d.agreements.fulfilment, "percent"),
            }),
        t("reports:doc.agreements.stages", {
          sealed: count(stage("sealed")),
          running: count(stage("in_implementation")),
          completed: count(stage("completed")),
          stalled: count(stage("stalled")),
          cancelled: count(stage("cancelled")),
        }),
      ],
      tables: ["stages", "types"],
      charts: d.scope.province
        ? ["pipeline", "valueByMonth", "fulfilment"]
        : ["pipeline", "valueByMonth", "fulfilment", "valueByProvince"],
    },
    {
      key: "commerce",
      paragraphs: [
        t("reports:doc.commerce.orders", {
          orders: count(d.orders.count.current),
          sales: money(d.orders.salesVnd.current),
          comparison: compare(d.orders.salesVnd, "vnd"),
        }),
        t("reports:doc.commerce.leaders"),
      ],
      tables: ["cooperatives", "buyers"],
      charts: [],
    },
  ];

  return {
    union: unionName(t, d.scope),
    nation: t("reports:doc.nation"),
    motto: t("reports:doc.motto"),
    placeAndDate: t("reports:doc.placeAndDate", {
      place: province?.name ?? t("reports:doc.capital"),
      date: longDate(
        `${clock.year}-${String(clock.month).padStart(2, "0")}-${String(clock.day).padStart(2, "0")}`,
      ),
    }),
    title: t("reports:doc.title"),
    subtitle: t("reports:doc.subtitle", {
      period: periodLabel(t, d.period, locale),
      previous,
    }),
    intro: t(d.scope.province ? "reports:doc.introProvince" : "reports:doc.introNational", {
      union: unionName(t, d.scope),
      period,
      place: provinceFull(t, d.scope.province),
    }),
    summaryTable: "summary",
    sections: sections.map((s, i) => ({
      ...s,
      heading: `${ROMAN[i]}. ${t(`reports:section.${s.key}`)}`,
    })),
    notes: [
      t("reports:doc.notes.source", {
        time: formatTime(generated, locale),
        date: formatDate(generated, locale),
      }),
      t("reports:doc.notes.cooperatives"),
      t("reports:doc.notes.agreements"),
      t("reports:doc.notes.orders"),
    ],
    signatures: [
      { role: t("reports:doc.preparedBy"), hint: t("reports:doc.signHint"), name: preparedBy },
      { role: t("reports:doc.head"), hint: t("reports:doc.sealHint"), name: null },
    ],
  };
}
