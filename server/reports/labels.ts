import { formatDate, formatNumber, formatPercent, formatVnd } from "../vocabulary/format";
import { provinceByCode } from "../vocabulary/geo";
import type { Locale } from "../vocabulary/locale";
import type { ReportScope } from "./dashboard";
import type { PeriodBucket, ReportPeriod } from "./period";

/*
 * The words around the figures, shared by the dashboard, the printed report, its PDF and the exports (browser-safe:
 * the pages format with it too). Every word comes from the `reports` namespace.
 */

export type Translate = (key: string, options?: Record<string, unknown>) => string;

/** How a number reads: a count, đồng, or a share (0.45 for 45%). */
export type ValueKind = "count" | "vnd" | "percent";

export function formatValue(value: number | null, kind: ValueKind, locale: Locale): string {
  if (value === null) return "—";
  if (kind === "vnd") return formatVnd(value, locale);
  if (kind === "percent") return formatPercent(value, locale);
  return formatNumber(value, locale);
}

/** "Năm 2026", "Quý IV năm 2026", "Tháng 3 năm 2026", "Từ ngày 01/10/2026 đến ngày 15/11/2026". */
export function periodLabel(
  t: Translate,
  period: ReportPeriod,
  locale: Locale,
  { inSentence = false }: { inSentence?: boolean } = {},
): string {
  const label = (() => {
    switch (period.kind) {
      case "month":
        return t("reports:period.month", {
          month: t(`reports:monthName.${period.month}`),
          year: period.year,
        });
      case "quarter":
        return t("reports:period.quarter", {
          quarter: t(`reports:quarterName.${period.quarter}`),
          year: period.year,
        });
      case "year":
        return t("reports:period.year", { year: period.year });
      case "custom":
        return t("reports:period.custom", {
          from: formatDate(period.from, locale),
          to: formatDate(period.to, locale),
        });
    }
  })();
  // Vietnamese writes "tháng", "quý", "năm" in lower case inside a sentence; English months are proper nouns.
  return inSentence && locale === "vi" ? label.charAt(0).toLocaleLowerCase("vi") + label.slice(1) : label;
}

/** A chart column: "T3/2026", "Mar 2026"; the month alone ("T3", "Mar") when every column is in one year; a year. */
export function bucketLabel(t: Translate, bucket: PeriodBucket, oneYear: boolean): string {
  if (bucket.kind === "year") return bucket.key;
  const month = t(`reports:monthShort.${Number(bucket.key.slice(5))}`);
  return oneYear ? month : t("reports:bucket.month", { month, year: bucket.key.slice(0, 4) });
}

/** Whether every column of a chart falls in one calendar year (its labels then leave the year out). */
export function bucketsInOneYear(buckets: readonly PeriodBucket[]): boolean {
  return new Set(buckets.map((b) => b.key.slice(0, 4))).size === 1;
}

/** "tỉnh Lạng Sơn", "thành phố Hà Nội"; "" for no province. */
export function provinceFull(t: Translate, code: string | null): string {
  const province = provinceByCode(code);
  if (!province) return "";
  return t("reports:provinceFull", {
    type: t(`reports:provinceType.${province.type}`),
    province: province.name,
  });
}

/** The union a scope is: "Liên minh Hợp tác xã tỉnh Lạng Sơn", or the national alliance. */
export function unionName(t: Translate, scope: Pick<ReportScope, "province">): string {
  return scope.province
    ? t("reports:union.province", { place: provinceFull(t, scope.province) })
    : t("reports:union.national");
}

/** "Phạm vi: hợp tác xã tỉnh Lạng Sơn", or the whole country. */
export function scopeLabel(t: Translate, scope: Pick<ReportScope, "province">): string {
  return scope.province
    ? t("reports:scope.province", { place: provinceFull(t, scope.province) })
    : t("reports:scope.national");
}

/** A province's name, or "not recorded" for a row without one. */
export function provinceName(t: Translate, code: string | null): string {
  return provinceByCode(code)?.name ?? t("reports:provinceUnknown");
}

/**
 * The change from the previous period: relative for counts and money ("+25%"), in percentage points for shares
 * ("+3 điểm %"); "—" when there is nothing to compare with (the previous figure was zero).
 */
export function changeOf(
  current: number | null,
  previous: number | null,
  kind: ValueKind,
): { by: "points" | "relative"; value: number } | null {
  if (current === null || previous === null) return null;
  if (kind === "percent") return { by: "points", value: current - previous };
  if (previous === 0) return null;
  return { by: "relative", value: (current - previous) / previous };
}

export function changeLabel(
  t: Translate,
  current: number | null,
  previous: number | null,
  kind: ValueKind,
  locale: Locale,
): string {
  const change = changeOf(current, previous, kind);
  if (!change) return t("reports:change.none");
  // To a tenth of a per cent (or point): "tăng 12,5%".
  const tenths = Math.round(change.value * 1000);
  if (tenths === 0) return t("reports:change.same");
  const amount = formatNumber(Math.abs(tenths) / 10, locale);
  return t(`reports:change.${tenths > 0 ? "up" : "down"}.${change.by}`, { amount });
}
