import type { LoaderFunctionArgs } from "@remix-run/node";
import type { TFunction } from "i18next";
import type { ImportReport, ImportRowReport } from "../../server/catalogue/csv-columns";
import { vietnamDay } from "../../server/vocabulary/dates";
import { requireUser } from "../lib/auth.server";
import { orRespond } from "../lib/forms.server";
import { importProblemText } from "../lib/import-messages";
import { csvDownload } from "../lib/sales.server";

const COLUMNS = ["line", "sku", "cooperative", "outcome", "message"] as const;

function outcomeOf(t: TFunction, report: ImportReport, row: ImportRowReport): string {
  if (row.outcome === "invalid") return t("imports:csv.outcomes.invalid");
  if (report.dryRun)
    return t(
      row.outcome === "create" ? "imports:csv.outcomes.willCreate" : "imports:csv.outcomes.willUpdate",
    );
  return t(`imports:csv.outcomes.${row.outcome}`);
}

/**
 * The row report of an import or a check, for the person who ran it: one line per row (or per problem of a row),
 * with what became of it, in the reader's language.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const { catalogue, i18n } = context.services;
  const t = i18n.t(await i18n.getLocale(request));
  const report = await orRespond(catalogue.importReport(user, params.id ?? ""));
  const rows: string[][] = report.fileProblems.map((p) => [
    p.line > 0 ? String(p.line) : t("imports:csv.wholeFile"),
    "",
    "",
    t("imports:csv.outcomes.file"),
    `${p.column ? `${p.column}: ` : ""}${importProblemText(t, p)}`,
  ]);
  for (const row of report.rows) {
    const cells = [String(row.line), row.sku, row.cooperative ?? "", outcomeOf(t, report, row)];
    if (row.problems.length === 0) {
      const note = !row.statusBlank
        ? ""
        : t(row.outcome === "create" ? "imports:csv.statusBlankNew" : "imports:csv.statusBlankKept");
      rows.push([...cells, note]);
    }
    for (const p of row.problems)
      rows.push([...cells, `${p.column ? `${p.column}: ` : ""}${importProblemText(t, p)}`]);
  }
  return csvDownload(
    `${t("imports:csv.filename")}-${vietnamDay()}.csv`,
    COLUMNS.map((c) => t(`imports:csv.${c}`)),
    rows,
  );
}
