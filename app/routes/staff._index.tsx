import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "../lib/auth.server";
import { bucketLabel, bucketsInOneYear, scopeLabel } from "../../server/reports/labels";
import { formatNumber, formatVnd } from "../../server/vocabulary/format";
import { ColumnChart, PipelineChart } from "../components/charts";
import { compactVnd, pipelineStages } from "../components/ReportCharts";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = requireRole(context, request, "staff");
  const { cooperatives, orders, ledger, fairs, agreements, reports, i18n } = context.services;
  const locale = await i18n.getLocale(request);
  // Only the totals of these lists are used: one page of each is cheap next to a dedicated count query.
  const [counts, stats, placed, paid, awaitingPayment, balances, fairList, pipeline, recent] =
    await Promise.all([
      cooperatives.countByStatus(),
      cooperatives.getDirectoryStats(),
      orders.listAllOrders(staff, { query: { status: "placed" } }),
      orders.listAllOrders(staff, { query: { status: "paid" } }),
      orders.listAllOrders(staff, { query: { status: "pending_payment" } }),
      ledger.listBalances(staff),
      fairs.listFairsForStaff(staff, { locale }),
      agreements.pipelineSummary(staff),
      reports.recentAgreements(staff),
    ]);
  const stage = (status: string) => pipeline.stages.find((x) => x.status === status)!;
  const agreementFigures = {
    running: stage("sealed").count + stage("in_implementation").count,
    stalled: stage("stalled").count,
    overdue: pipeline.overdue,
    valueVnd: pipeline.stages.filter((x) => x.status !== "cancelled").reduce((n, x) => n + x.valueVnd, 0),
  };
  const orderFigures = {
    toConfirm: placed.total + paid.total,
    awaitingPayment: awaitingPayment.total,
    owedVnd: balances.reduce((s, b) => s + Math.max(0, b.unsettledVnd), 0),
  };
  const fairFigures = {
    open: fairList.filter((f) => f.status === "open").length,
    pendingApproval: fairList.reduce((s, f) => s + f.pendingApproval, 0),
  };
  return json({
    counts,
    stats,
    orderFigures,
    fairFigures,
    agreementFigures,
    stages: pipeline.stages,
    recent,
    locale,
    title: i18n.t(locale)("staff:overview.title"),
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
];

export default function StaffOverview() {
  const { counts, stats, orderFigures, fairFigures, agreementFigures, stages, recent, locale } =
    useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const oneYear = bucketsInOneYear(recent.months);
  return (
    <>
      <h1>{t("staff:overview.title")}</h1>
      <nav aria-labelledby="staff-follow" className="card" style={{ marginBottom: "1.5rem" }}>
        <h2 id="staff-follow" style={{ marginTop: 0 }}>
          {t("staff:overview.follow.title")}
        </h2>
        <ul className="plain">
          <li>
            <Link to="/staff/agreements">{t("staff:overview.follow.agreements")}</Link>
            <span className="block muted small">{t("staff:overview.follow.agreementsHint")}</span>
          </li>
          <li>
            <Link to="/staff/follow-ups">{t("staff:overview.follow.followUps")}</Link>
            <span className="block muted small">{t("staff:overview.follow.followUpsHint")}</span>
          </li>
          <li>
            <Link to="/staff/reports">{t("staff:overview.follow.reports")}</Link>
            <span className="block muted small">{t("staff:overview.follow.reportsHint")}</span>
          </li>
        </ul>
      </nav>
      <dl className="stat-cards">
        <div className="card">
          <dt>{t("staff:overview.pending")}</dt>
          <dd>{formatNumber(counts.pending, locale)}</dd>
          <Link to="/staff/cooperatives">{t("staff:overview.review")}</Link>
        </div>
        <div className="card">
          <dt>{t("staff:overview.approved")}</dt>
          <dd>{formatNumber(counts.approved, locale)}</dd>
        </div>
        <div className="card">
          <dt>{t("staff:overview.rejected")}</dt>
          <dd>{formatNumber(counts.rejected, locale)}</dd>
        </div>
        <div className="card">
          <dt>{t("staff:overview.provinces")}</dt>
          <dd>{formatNumber(stats.provinces, locale)}</dd>
        </div>
        <div className="card">
          <dt>{t("staff:overview.members")}</dt>
          <dd>{formatNumber(stats.members, locale)}</dd>
        </div>
      </dl>
      <h2 className="sales-overview-title">{t("agreements:overview.title")}</h2>
      <dl className="stat-cards">
        <div className="card">
          <dt>{t("agreements:overview.running")}</dt>
          <dd>{formatNumber(agreementFigures.running, locale)}</dd>
          <Link to="/staff/agreements">{t("agreements:overview.view")}</Link>
        </div>
        <div className="card">
          <dt>{t("agreements:overview.overdue")}</dt>
          <dd>{formatNumber(agreementFigures.overdue, locale)}</dd>
          <Link to="/staff/agreements?overdue=on">{t("agreements:overview.viewOverdue")}</Link>
        </div>
        <div className="card">
          <dt>{t("agreements:overview.stalled")}</dt>
          <dd>{formatNumber(agreementFigures.stalled, locale)}</dd>
          <Link to="/staff/agreements?status=stalled">{t("agreements:overview.viewStalled")}</Link>
        </div>
        <div className="card">
          <dt>{t("agreements:overview.value")}</dt>
          <dd>{formatVnd(agreementFigures.valueVnd, locale)}</dd>
        </div>
      </dl>
      <ColumnChart
        title={t("staff:overview.chart.title")}
        caption={`${scopeLabel(t, recent.scope)} · ${t("reports:chart.span", {
          from: bucketLabel(t, recent.months[0]!, false),
          to: bucketLabel(t, recent.months[recent.months.length - 1]!, false),
        })}`}
        description={t("staff:overview.chart.description")}
        emptyMessage={t("staff:overview.chart.empty")}
        tableLabel={t("reports:chart.table")}
        categoryLabel={t("reports:column.month")}
        seriesLabel={t("reports:chart.valueByMonth.series")}
        previousLabel={t("reports:chart.valueByMonth.previous")}
        formatTick={(n) => compactVnd(t, n, locale)}
        locale={locale}
        points={recent.months.map((m) => ({
          label: bucketLabel(t, m, oneYear),
          value: m.valueVnd,
          previous: m.yearEarlierVnd,
        }))}
      />
      <PipelineChart
        title={t("staff:overview.pipeline.title")}
        caption={scopeLabel(t, recent.scope)}
        description={t("staff:overview.pipeline.description")}
        emptyMessage={t("staff:overview.chart.empty")}
        tableLabel={t("reports:chart.table")}
        stageLabel={t("reports:column.stage")}
        countLabel={t("reports:column.agreements")}
        valueLabel={t("reports:column.agreementVnd")}
        locale={locale}
        stages={pipelineStages(stages, t)}
      />
      <p>
        <Link to="/staff/reports">{t("staff:overview.chart.more")}</Link>
      </p>
      <h2 className="sales-overview-title">{t("sales:overview.title")}</h2>
      <dl className="stat-cards">
        <div className="card">
          <dt>{t("sales:overview.toConfirm")}</dt>
          <dd>{formatNumber(orderFigures.toConfirm, locale)}</dd>
          <Link to="/staff/orders">{t("sales:overview.viewOrders")}</Link>
        </div>
        <div className="card">
          <dt>{t("sales:overview.awaitingPayment")}</dt>
          <dd>{formatNumber(orderFigures.awaitingPayment, locale)}</dd>
          <Link to="/staff/orders?status=pending_payment">{t("sales:overview.viewAwaiting")}</Link>
        </div>
        <div className="card">
          <dt>{t("sales:overview.owed")}</dt>
          <dd>{formatVnd(orderFigures.owedVnd, locale)}</dd>
          <Link to="/staff/ledger">{t("sales:overview.viewLedger")}</Link>
        </div>
      </dl>
      <h2 className="sales-overview-title">{t("fairAdmin:overview.title")}</h2>
      <dl className="stat-cards">
        <div className="card">
          <dt>{t("fairAdmin:overview.open")}</dt>
          <dd>{formatNumber(fairFigures.open, locale)}</dd>
          <Link to="/staff/fairs">{t("fairAdmin:overview.view")}</Link>
        </div>
        <div className="card">
          <dt>{t("fairAdmin:overview.pending")}</dt>
          <dd>{formatNumber(fairFigures.pendingApproval, locale)}</dd>
        </div>
      </dl>
    </>
  );
}
