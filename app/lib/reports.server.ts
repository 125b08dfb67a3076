import { json, type LoaderFunctionArgs } from "@remix-run/node";
import type { ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { z } from "zod";
import { errorAnswer } from "../../server/errors";
import {
  CSV_CONTENT_TYPE,
  toCsv,
  toXlsxWorkbook,
  XLSX_CONTENT_TYPE,
  type ExportColumn,
  type XlsxSheet,
} from "../../server/reports/exports";
import { periodLabel, unionName, type Translate } from "../../server/reports/labels";
import { REPORT_CHARTS, reportDocument, type ReportChartKey } from "../../server/reports/narrative";
import { renderPeriodReportPdf } from "../../server/reports/period-report-pdf";
import type { ReportPeriod } from "../../server/reports/period";
import { REPORT_TABLES, reportTables, type ReportCell, type ReportTable } from "../../server/reports/tables";
import { slugify } from "../../server/vocabulary/text";
import { provinceByCode } from "../../server/vocabulary/geo";
import { requireRole } from "./auth.server";

type Args = Pick<LoaderFunctionArgs, "request" | "context">;

/**
 * The dashboard a reports page asks for: the staff member, their language, the query and the figures. A query that
 * is not one (a month of 13, a custom period ending before it starts) comes back as field errors with the default
 * period's figures, so the page shows the form with its messages instead of failing.
 */
export async function loadReport({ request, context }: Args) {
  const user = requireRole(context, request, "staff");
  const { reports, i18n } = context.services;
  const locale = await i18n.getLocale(request);
  const params = Object.fromEntries(new URL(request.url).searchParams);
  try {
    return { user, locale, params, dashboard: await reports.dashboard(user, params), errors: null };
  } catch (error) {
    const answer = errorAnswer(error);
    if (!answer?.fields) throw error;
    return { user, locale, params, dashboard: await reports.dashboard(user, {}), errors: answer.fields };
  }
}

/** The same figures for a file: a query that is not one is answered 400 with its field errors, as the list exports do. */
async function loadForFile(args: Args) {
  const report = await loadReport(args);
  if (report.errors) {
    const answer = { error: { code: "invalid", params: {}, fields: report.errors } };
    throw json(answer, { status: 400 });
  }
  return report;
}

/** "bao-cao-lang-son-2026-q4": who and when, in a name any file system keeps. */
function fileName(province: string | null, period: ReportPeriod) {
  const when =
    period.kind === "year"
      ? String(period.year)
      : period.kind === "quarter"
        ? `${period.year}-q${period.quarter}`
        : period.kind === "month"
          ? `${period.year}-${String(period.month).padStart(2, "0")}`
          : `${period.from}_${period.to}`;
  const where = provinceByCode(province);
  return ["bao-cao", where ? slugify(where.name) : "toan-quoc", when].join("-");
}

const fileHeaders = (contentType: string, name: string, disposition = "attachment") => ({
  "Content-Type": contentType,
  "Content-Disposition": `${disposition}; filename="${name}"`,
  "Cache-Control": "private, no-store",
});

/** A table's columns for the exports: each cell keeps its own kind (a summary's column mixes counts, đồng and shares). */
function exportColumns(table: ReportTable): ExportColumn<ReportCell[]>[] {
  return table.headers.map((header, i) => ({
    // The table was built in the reader's language already.
    header: { vi: header, en: header },
    value: (row) => row[i]?.value ?? null,
    kind: (row) => row[i]?.kind ?? "text",
  }));
}

/** Every table of the dashboard as one workbook, a sheet each, with the union and period above each table. */
export async function reportXlsx(args: Args) {
  const { dashboard, locale } = await loadForFile(args);
  const t = args.context.services.i18n.t(locale);
  const tables = reportTables(dashboard, t, locale);
  const heading = `${unionName(t, dashboard.scope)} – ${periodLabel(t, dashboard.period, locale)}`;
  const sheets: XlsxSheet<ReportCell[]>[] = REPORT_TABLES.map((key) => ({
    columns: exportColumns(tables[key]),
    rows: tables[key].rows,
    sheetName: tables[key].title,
    title: `${tables[key].title} – ${heading}`,
  }));
  const body = await toXlsxWorkbook(sheets, { locale, now: new Date(dashboard.generatedAt) });
  return new Response(new Uint8Array(body), {
    headers: fileHeaders(XLSX_CONTENT_TYPE, `${fileName(dashboard.scope.province, dashboard.period)}.xlsx`),
  });
}

const csvQuery = z.object({ table: z.enum(REPORT_TABLES).catch("summary") });

/** One table of the dashboard as CSV (`?table=provinces`; the main indicators by default). */
export async function reportCsv(args: Args) {
  const { dashboard, locale, params } = await loadForFile(args);
  const t = args.context.services.i18n.t(locale);
  const { table: key } = csvQuery.parse(params);
  const table = reportTables(dashboard, t, locale)[key];
  const body = toCsv(exportColumns(table), table.rows, locale);
  return new Response(body, {
    headers: fileHeaders(
      CSV_CONTENT_TYPE,
      `${fileName(dashboard.scope.province, dashboard.period)}-${key}.csv`,
    ),
  });
}

/** The page's charts for a dashboard (app/components/ReportCharts), handed in by the route: lib does not draw. */
export type ReportChartsOf = (
  dashboard: Awaited<ReturnType<typeof loadReport>>["dashboard"],
  t: Translate,
  locale: Awaited<ReturnType<typeof loadReport>>["locale"],
) => Record<ReportChartKey, ReactElement>;

/** The printed period report as a PDF: the print page's document, tables and charts (drawn from the same SVG). */
export async function reportPdf(args: Args, chartsOf: ReportChartsOf) {
  const { dashboard, locale, user } = await loadForFile(args);
  const t = args.context.services.i18n.t(locale);
  const document = reportDocument(dashboard, t, locale, user.fullName);
  const elements = chartsOf(dashboard, t, locale);
  const charts = Object.fromEntries(
    REPORT_CHARTS.map((key) => [
      key,
      {
        title: t(`reports:chart.${key}.title`),
        caption: elements[key].props.caption as string | undefined,
        markup: renderToStaticMarkup(elements[key]),
      },
    ]),
  );
  const union = unionName(t, dashboard.scope);
  const period = periodLabel(t, dashboard.period, locale);
  const pdf = await renderPeriodReportPdf({
    document,
    tables: reportTables(dashboard, t, locale),
    charts,
    words: {
      page: (page, pages) => t("reports:pdf.page", { page, pages }),
      footer: t("reports:pdf.footer", { union, period }),
      emptyTable: t("reports:table.empty"),
      emptyChart: t("reports:chart.empty"),
      notes: t("reports:pdf.notes"),
    },
    locale,
    generatedAt: new Date(dashboard.generatedAt),
  });
  return new Response(new Uint8Array(pdf), {
    headers: fileHeaders(
      "application/pdf",
      `${fileName(dashboard.scope.province, dashboard.period)}.pdf`,
      "inline",
    ),
  });
}
