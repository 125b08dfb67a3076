import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "../lib/auth.server";
import { formatNumber, formatVnd } from "../../server/vocabulary/format";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = requireRole(context, request, "staff");
  const { cooperatives, orders, ledger, fairs, agreements, i18n } = context.services;
  const locale = await i18n.getLocale(request);
  // Only the totals of these lists are used: one page of each is cheap next to a dedicated count query.
  const [counts, stats, placed, paid, awaitingPayment, balances, fairList, pipeline] = await Promise.all([
    cooperatives.countByStatus(),
    cooperatives.getDirectoryStats(),
    orders.listAllOrders(staff, { query: { status: "placed" } }),
    orders.listAllOrders(staff, { query: { status: "paid" } }),
    orders.listAllOrders(staff, { query: { status: "pending_payment" } }),
    ledger.listBalances(staff),
    fairs.listFairsForStaff(staff, { locale }),
    agreements.pipelineSummary(staff),
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
    locale,
    title: i18n.t(locale)("staff:overview.title"),
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
];

export default function StaffOverview() {
  const { counts, stats, orderFigures, fairFigures, agreementFigures, locale } =
    useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <h1>{t("staff:overview.title")}</h1>
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
