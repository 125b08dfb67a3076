import { json, type LoaderFunctionArgs } from "@remix-run/node";
import {
  CSV_CONTENT_TYPE,
  toCsv,
  toXlsx,
  XLSX_CONTENT_TYPE,
  type ExportColumn,
} from "../../server/reports/exports";
import { errorAnswer } from "../../server/errors";
import { vietnamDay } from "../../server/vocabulary/dates";
import { provinceByCode } from "../../server/vocabulary/geo";
import { requireRole } from "./auth.server";

type Row = Awaited<
  ReturnType<LoaderFunctionArgs["context"]["services"]["agreements"]["exportPipeline"]>
>["rows"][number];

/**
 * The staff's agreement list as a file, with the page's filters (the same query string): every row they select,
 * headers and words in the reader's language, amounts as numbers formatted in đồng.
 */
export async function pipelineExport({ request, context }: LoaderFunctionArgs, format: "csv" | "xlsx") {
  const user = requireRole(context, request, "staff");
  const { agreements, i18n } = context.services;
  const locale = await i18n.getLocale(request);
  const params = Object.fromEntries(new URL(request.url).searchParams);
  let rows: Row[];
  try {
    rows = (await agreements.exportPipeline(user, params)).rows;
  } catch (error) {
    const answer = errorAnswer(error);
    if (!answer) throw error;
    return json(answer.body, { status: answer.status });
  }
  const [vi, en] = [i18n.t("vi"), i18n.t("en")];
  const t = i18n.t(locale);
  const both = (key: string) => ({ vi: vi(key), en: en(key) });
  const columns: ExportColumn<Row>[] = [
    { header: both("agreements:list.id"), value: (r) => r.publicId, width: 16 },
    { header: both("agreements:pipeline.stage"), value: (r) => t(`agreements:status.${r.status}`) },
    { header: both("agreements:pipeline.method"), value: (r) => t(`agreements:method.${r.method}`) },
    { header: both("agreements:list.type"), value: (r) => t(`agreements:type.${r.type}`) },
    {
      header: both("agreements:pipeline.province"),
      value: (r) => provinceByCode(r.provinceCode)?.name ?? "",
    },
    { header: both("agreements:paper.cooperative"), value: (r) => r.cooperative },
    { header: both("agreements:pipeline.buyer"), value: (r) => r.buyer },
    {
      header: both("agreements:form.category"),
      value: (r) => (r.category ? t(`cooperatives:sector.${r.category}`) : ""),
    },
    { header: both("agreements:list.total"), value: (r) => r.totalVnd, kind: "vnd" },
    { header: both("agreements:tracking.delivered"), value: (r) => r.deliveredVnd, kind: "vnd" },
    { header: both("agreements:tracking.fulfilment"), value: (r) => r.fulfilment, kind: "percent" },
    { header: both("agreements:list.sealedAt"), value: (r) => r.sealedAt, kind: "date" },
    { header: both("agreements:tracking.nextDue"), value: (r) => r.nextDueOn, kind: "date" },
    {
      header: both("agreements:pipeline.overdue"),
      value: (r) => (r.overdue ? t("agreements:pipeline.overdue") : ""),
    },
  ];
  const day = vietnamDay(new Date());
  const filename = `thoa-thuan-${day}.${format}`;
  const body =
    format === "csv"
      ? toCsv(columns, rows, locale)
      : await toXlsx(columns, rows, {
          locale,
          sheetName: t("agreements:pipeline.title"),
          title: t("agreements:pipeline.title"),
        });
  return new Response(typeof body === "string" ? body : new Uint8Array(body), {
    headers: {
      "Content-Type": format === "csv" ? CSV_CONTENT_TYPE : XLSX_CONTENT_TYPE,
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
