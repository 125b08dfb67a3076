import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { CooperativeDashboardFigures } from "../../server/reports/cooperative-figures";
import { bucketLabel, bucketsInOneYear } from "../../server/reports/labels";
import { formatDate, formatNumber, formatPercent, formatVnd } from "../../server/vocabulary/format";
import type { Locale } from "../../server/vocabulary/locale";
import { BarChart, ColumnChart, PipelineChart } from "./charts";
import { compactVnd } from "./ReportCharts";

const STAGES = ["sealed", "in_implementation", "completed", "stalled", "cancelled"] as const;

/**
 * A cooperative's own figures on its dashboard: sales by month, its fair booths by status, its agreements by stage
 * with what has been delivered against what was agreed. Server-rendered SVG charts, each with its data table.
 */
export function CooperativeFigures({
  figures: { sales, bookings, agreements },
  locale,
}: {
  figures: CooperativeDashboardFigures;
  locale: Locale;
}) {
  const { t } = useTranslation();
  const oneYear = bucketsInOneYear(sales.months);
  const count = (n: number) => formatNumber(n, locale);
  return (
    <section aria-labelledby="figures-title" className="card">
      <h2 id="figures-title">{t("dashboard:figures.title")}</h2>
      <p className="muted">{t("dashboard:figures.lead")}</p>

      <ColumnChart
        title={t("dashboard:figures.sales.title")}
        caption={t("reports:chart.span", {
          from: bucketLabel(t, sales.months[0]!, false),
          to: bucketLabel(t, sales.months[sales.months.length - 1]!, false),
        })}
        description={t("dashboard:figures.sales.description")}
        emptyMessage={t("dashboard:figures.sales.empty")}
        tableLabel={t("reports:chart.table")}
        categoryLabel={t("reports:column.month")}
        seriesLabel={t("dashboard:figures.sales.series")}
        formatTick={(n) => compactVnd(t, n, locale)}
        locale={locale}
        points={sales.months.map((m) => ({ label: bucketLabel(t, m, oneYear), value: m.salesVnd }))}
      />
      <p>
        {t("dashboard:figures.sales.total", {
          orders: count(sales.orders),
          sales: formatVnd(sales.salesVnd, locale),
        })}{" "}
        <Link to="/cooperative/orders">{t("dashboard:figures.sales.link")}</Link>
      </p>

      <BarChart
        title={t("dashboard:figures.bookings.title")}
        description={t("dashboard:figures.bookings.description")}
        emptyMessage={t("dashboard:figures.bookings.empty")}
        tableLabel={t("reports:chart.table")}
        categoryLabel={t("dashboard:figures.bookings.status")}
        valueLabel={t("dashboard:figures.bookings.count")}
        formatValue={count}
        locale={locale}
        items={bookings.byStatus
          .filter((b) => b.count > 0)
          .map((b) => ({ label: t(`fairs:bookingStatus.${b.status}`), value: b.count }))}
      />
      <p>
        {bookings.upcoming.booths > 0 && bookings.upcoming.nextStartsOn
          ? t("dashboard:figures.bookings.upcoming", {
              booths: count(bookings.upcoming.booths),
              fairs: count(bookings.upcoming.fairs),
              date: formatDate(bookings.upcoming.nextStartsOn, locale),
            })
          : t("dashboard:figures.bookings.noUpcoming")}{" "}
        <Link to="/cooperative/fairs">{t("dashboard:figures.bookings.link")}</Link>
      </p>

      <PipelineChart
        title={t("dashboard:figures.agreements.title")}
        description={t("dashboard:figures.agreements.description")}
        emptyMessage={t("dashboard:figures.agreements.empty")}
        tableLabel={t("reports:chart.table")}
        stageLabel={t("reports:column.stage")}
        countLabel={t("reports:column.agreements")}
        valueLabel={t("reports:column.agreementVnd")}
        locale={locale}
        stages={STAGES.map((status) => {
          const stage = agreements.stages.find((s) => s.status === status);
          return {
            label: t(`agreements:status.${status}`),
            count: stage?.count ?? 0,
            value: stage?.valueVnd ?? 0,
            tone: status === "stalled" ? "stalled" : status === "cancelled" ? "cancelled" : "progress",
          };
        })}
      />
      <dl className="facts-list" id="fulfilment-figures">
        <dt>{t("dashboard:figures.agreements.agreed")}</dt>
        <dd>{formatVnd(agreements.agreedVnd, locale)}</dd>
        <dt>{t("dashboard:figures.agreements.delivered")}</dt>
        <dd>{formatVnd(agreements.deliveredVnd, locale)}</dd>
        <dt id="coop-fulfilment-label">{t("dashboard:figures.agreements.fulfilment")}</dt>
        <dd>
          {agreements.fulfilment === null ? (
            "—"
          ) : (
            <>
              <meter
                min={0}
                max={1}
                value={Math.min(1, agreements.fulfilment)}
                aria-labelledby="coop-fulfilment-label"
              />{" "}
              {formatPercent(agreements.fulfilment, locale)}
            </>
          )}
        </dd>
      </dl>
      <p>
        <Link to="/agreements">{t("dashboard:figures.agreements.link")}</Link>
      </p>
    </section>
  );
}
