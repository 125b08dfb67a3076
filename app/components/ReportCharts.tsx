import type { ReactElement } from "react";
import type { ReportDashboard } from "../../server/reports/dashboard";
import {
  bucketLabel,
  bucketsInOneYear,
  periodLabel,
  provinceName,
  type Translate,
} from "../../server/reports/labels";
import type { ReportChartKey } from "../../server/reports/narrative";
import { formatDate, formatNumber } from "../../server/vocabulary/format";
import type { Locale } from "../../server/vocabulary/locale";
import {
  BarChart,
  ColumnChart,
  DistributionChart,
  LineChart,
  PipelineChart,
  type PipelineStage,
} from "./charts";

/** Pipeline order: the way forward, then the two ways off it. */
const STAGES = ["sealed", "in_implementation", "completed", "stalled", "cancelled"] as const;

/** A pipeline's stages (any order, any missing) as the pipeline chart draws them, in the reports' words. */
export function pipelineStages(
  stages: ReadonlyArray<{ status: string; count: number; valueVnd: number }>,
  t: Translate,
): PipelineStage[] {
  return STAGES.map((status) => {
    const stage = stages.find((s) => s.status === status);
    return {
      label: t(`reports:stage.${status}`),
      count: stage?.count ?? 0,
      value: stage?.valueVnd ?? 0,
      tone: status === "stalled" ? "stalled" : status === "cancelled" ? "cancelled" : "progress",
    };
  });
}
const PROVINCE_BARS = 15;

/** "1,5 tỷ", "250 tr", "80 nghìn" on an axis, where a whole amount in đồng would not fit. */
export function compactVnd(t: Translate, value: number, locale: Locale): string {
  const abs = Math.abs(value);
  const [unit, size] =
    abs >= 1e9 ? ["billion", 1e9] : abs >= 1e6 ? ["million", 1e6] : abs >= 1e3 ? ["thousand", 1e3] : ["", 1];
  if (!unit) return formatNumber(value, locale);
  return t(`reports:compact.${unit}`, { n: formatNumber(Math.round((value / size) * 10) / 10, locale) });
}

/**
 * The report's five charts, server-rendered SVG with their data tables, built from the dashboard in the reader's
 * language. The page shows them, the printed report too, and the PDF draws them from the same markup.
 */
export function reportCharts(
  d: ReportDashboard,
  t: Translate,
  locale: Locale,
): Record<ReportChartKey, ReactElement> {
  const period = periodLabel(t, d.period, locale);
  const oneYear = bucketsInOneYear(d.timeline);
  const months = d.timeline.map((b) => bucketLabel(t, b, oneYear));
  const span =
    d.timeline.length > 0
      ? t("reports:chart.span", {
          from: bucketLabel(t, d.timeline[0]!, false),
          to: bucketLabel(t, d.timeline.at(-1)!, false),
        })
      : period;
  const common = (key: ReportChartKey, caption: string) => ({
    title: t(`reports:chart.${key}.title`),
    caption,
    description: t(`reports:chart.${key}.description`),
    emptyMessage: t("reports:chart.empty"),
    tableLabel: t("reports:chart.table"),
  });
  const compact = (n: number) => compactVnd(t, n, locale);

  return {
    pipeline: (
      <PipelineChart
        {...common("pipeline", period)}
        stageLabel={t("reports:column.stage")}
        countLabel={t("reports:column.agreements")}
        valueLabel={t("reports:column.agreementVnd")}
        locale={locale}
        stages={pipelineStages(d.agreements.byStage, t)}
      />
    ),
    valueByMonth: (
      <ColumnChart
        {...common("valueByMonth", span)}
        categoryLabel={t(d.timeline[0]?.kind === "year" ? "reports:column.year" : "reports:column.month")}
        seriesLabel={t("reports:chart.valueByMonth.series")}
        previousLabel={t("reports:chart.valueByMonth.previous")}
        formatTick={compact}
        locale={locale}
        points={d.timeline.map((b, i) => ({
          label: months[i]!,
          value: b.valueVnd,
          previous: b.yearEarlierVnd,
        }))}
      />
    ),
    fulfilment: (
      <LineChart
        {...common("fulfilment", span)}
        categoryLabel={t(d.timeline[0]?.kind === "year" ? "reports:column.year" : "reports:column.month")}
        labels={months}
        yDomain={[0, 100]}
        formatValue={(n) => `${formatNumber(Math.round(n), locale)}%`}
        locale={locale}
        series={[
          {
            name: t("reports:chart.fulfilment.series"),
            values: d.timeline.map((b) => (b.fulfilment === null ? null : Math.min(100, b.fulfilment * 100))),
          },
        ]}
      />
    ),
    valueByProvince: (
      <BarChart
        {...common("valueByProvince", period)}
        categoryLabel={t("reports:column.province")}
        valueLabel={t("reports:column.agreementVnd")}
        locale={locale}
        limit={PROVINCE_BARS}
        items={d.byProvince
          .filter((p) => p.agreementVnd > 0)
          .map((p) => ({ label: provinceName(t, p.provinceCode), value: p.agreementVnd }))}
      />
    ),
    ocopStars: (
      <DistributionChart
        {...common(
          "ocopStars",
          t("reports:chart.ocopStars.caption", { date: formatDate(d.refDay.current, locale) }),
        )}
        categoryLabel={t("reports:column.stars")}
        valueLabel={t("reports:column.products")}
        locale={locale}
        bins={d.products.ocopByStars.map((s) => ({
          label: t("reports:stars", { count: s.stars }),
          value: s.count.current,
        }))}
      />
    ),
  };
}
