import { Form, Link, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import {
  CODED_COLUMNS,
  CSV_COLUMNS,
  EXAMPLE_SKU_PREFIX,
  IMPORT_REPORT_HOURS,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_ROWS,
  MAX_IMPORT_ZIP_BYTES,
  REQUIRED_COLUMNS,
  type CodedColumn,
  type CsvColumn,
  type ImportProblem,
} from "../../server/catalogue/csv-columns";
import { importProblemText } from "../lib/import-messages";
import { FieldMessage, FormError, type FieldError } from "./Fields";

const MAX_IMPORT_MB = MAX_IMPORT_BYTES / 1024 / 1024;

/** What the action answered: a form error on the file, the problems of the file, or a check's counts. */
export type ImportActionData =
  | { ok: false; errors: Record<string, FieldError>; values: unknown }
  | { ok: false; dryRun: boolean; rows: number; problems: ImportProblem[]; reportId: string }
  | {
      ok: true;
      dryRun: boolean;
      rows: number;
      created: number;
      updated: number;
      drafts: number;
      reportId: string;
    };

export interface Imported {
  created: number;
  updated: number;
  drafts: number;
  reportId: string | null;
}

function ReportLink({ id }: { id: string }) {
  const { t } = useTranslation();
  return (
    <p>
      <a href={`/import-reports/${id}.csv`} download>
        {t("imports:report")}
      </a>{" "}
      <span className="muted">{t("imports:reportHint", { hours: IMPORT_REPORT_HOURS })}</span>
    </p>
  );
}

/**
 * The import page of a cooperative (its own products) and of union staff (a `cooperative` column naming each
 * row's cooperative): upload, check or import, the problems named row by row, the row report, and the format.
 */
export function ProductImport({
  union,
  title,
  lead,
  breadcrumb,
  templateHref,
  productsHref,
  imported,
  data,
}: {
  union: boolean;
  title: string;
  lead: string;
  breadcrumb: ReactNode;
  templateHref: string;
  productsHref: string | null;
  imported: Imported | null;
  data: ImportActionData | undefined;
}) {
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const errors = data && "errors" in data ? data.errors : undefined;
  const fileError = errors?.file;
  const imagesError = errors?.images;
  const problems = data && "problems" in data ? data : null;
  const checked = data && "created" in data ? data : null;
  const columns = (Object.keys(CSV_COLUMNS) as CsvColumn[])
    .filter((name) => union || name !== "cooperative")
    .map((name) => ({
      name,
      required: REQUIRED_COLUMNS.includes(name) || (union && name === "cooperative"),
    }));
  const doc = (name: string, part: "meaning" | "example") =>
    t([`imports:column.${name}.${part}`, `dashboard:import.column.${name}.${part}`]);
  return (
    <div className="container section">
      <nav aria-label={t("common:breadcrumb")} className="breadcrumb">
        {breadcrumb} › {title}
      </nav>
      <h1>{title}</h1>
      <p className="lead">{lead}</p>

      {imported && (
        <div className="notice notice-approved" role="status">
          <p>{t("dashboard:import.done", { created: imported.created, updated: imported.updated })}</p>
          {imported.drafts > 0 && <p>{t("imports:createdDrafts", { count: imported.drafts })}</p>}
          {imported.reportId && <ReportLink id={imported.reportId} />}
          {productsHref && <Link to={productsHref}>{t("dashboard:import.viewProducts")}</Link>}
        </div>
      )}
      {checked && (
        <div className="notice notice-approved" role="status">
          <p>{t("dashboard:import.checked", checked)}</p>
          {checked.drafts > 0 && <p>{t("imports:willBeDrafts", { count: checked.drafts })}</p>}
          <p>{t("dashboard:import.checkedNext")}</p>
          <ReportLink id={checked.reportId} />
        </div>
      )}

      <section className="card" aria-labelledby="upload-title">
        <h2 id="upload-title">{t("dashboard:import.uploadTitle")}</h2>
        <p>
          <a href={templateHref} download>
            {union ? t("imports:template") : t("dashboard:import.template")}
          </a>{" "}
          <span className="muted">{t("dashboard:import.templateHint")}</span>
        </p>
        <p className="muted">{t("imports:exampleRows", { prefix: EXAMPLE_SKU_PREFIX })}</p>
        <Form method="post" encType="multipart/form-data" className="stack">
          <FormError errors={errors?._form ? errors : undefined} />
          <div className={`field${fileError ? " field-invalid" : ""}`}>
            <label htmlFor="file">{t("imports:file")}</label>
            <input
              id="file"
              name="file"
              type="file"
              accept=".csv,text/csv,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              required
              aria-invalid={fileError ? true : undefined}
              aria-describedby={`file-hint${fileError ? " file-error" : ""}`}
            />
            <p className="field-hint" id="file-hint">
              {t("imports:fileHint", { maxMb: MAX_IMPORT_MB, maxRows: MAX_IMPORT_ROWS })}
            </p>
            <FieldMessage id="file-error" error={fileError} />
          </div>
          <div className={`field${imagesError ? " field-invalid" : ""}`}>
            <label htmlFor="images">
              {t("imports:images")}
              <span className="optional"> ({t("common:optional")})</span>
            </label>
            <input
              id="images"
              name="images"
              type="file"
              accept=".zip,application/zip"
              aria-invalid={imagesError ? true : undefined}
              aria-describedby={`images-hint${imagesError ? " images-error" : ""}`}
            />
            <p className="field-hint" id="images-hint">
              {t("imports:imagesHint", { maxMb: MAX_IMPORT_ZIP_BYTES / 1024 / 1024 })}
            </p>
            <FieldMessage id="images-error" error={imagesError} />
          </div>
          <div className="actions">
            <button
              type="submit"
              name="mode"
              value="check"
              className="button button-secondary"
              disabled={busy}
            >
              {t("dashboard:import.check")}
            </button>
            <button type="submit" name="mode" value="import" className="button" disabled={busy}>
              {busy ? t("common:working") : t("dashboard:import.submit")}
            </button>
          </div>
        </Form>
      </section>

      {problems && (
        <section className="card" aria-labelledby="problems-title" role="alert">
          <h2 id="problems-title">
            {t("dashboard:import.problems.title", { count: problems.problems.length })}
          </h2>
          <p>
            {t(problems.dryRun ? "dashboard:import.problems.checkLead" : "dashboard:import.problems.lead")}
          </p>
          <ReportLink id={problems.reportId} />
          <div className="table-scroll">
            <table className="data-table">
              <caption className="visually-hidden">{t("dashboard:import.problems.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col" className="numeric">
                    {t("dashboard:import.problems.line")}
                  </th>
                  <th scope="col">{t("dashboard:import.problems.column")}</th>
                  <th scope="col">{t("dashboard:import.problems.message")}</th>
                </tr>
              </thead>
              <tbody>
                {problems.problems.map((p, i) => (
                  <tr key={i}>
                    <td className="numeric">
                      {p.line > 0 ? p.line : t("dashboard:import.problems.wholeFile")}
                    </td>
                    <td>{p.column ? <code>{p.column}</code> : "—"}</td>
                    <td>{importProblemText(t, p)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}

      <section className="card" aria-labelledby="columns-title">
        <h2 id="columns-title">{t("dashboard:import.columns.title")}</h2>
        <p>{t("dashboard:import.columns.lead")}</p>
        <div className="table-scroll">
          <table className="data-table sales-table import-columns">
            <caption className="visually-hidden">{t("dashboard:import.columns.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("dashboard:import.columns.name")}</th>
                <th scope="col">{t("dashboard:import.columns.required")}</th>
                <th scope="col">{t("dashboard:import.columns.meaning")}</th>
                <th scope="col">{t("dashboard:import.columns.example")}</th>
              </tr>
            </thead>
            <tbody>
              {columns.map((c) => (
                <tr key={c.name}>
                  <th scope="row">
                    <code>{c.name}</code>
                  </th>
                  <td data-label={t("dashboard:import.columns.required")}>
                    {t(c.required ? "dashboard:import.columns.yes" : "dashboard:import.columns.no")}
                  </td>
                  <td data-label={t("dashboard:import.columns.meaning")}>{doc(c.name, "meaning")}</td>
                  <td data-label={t("dashboard:import.columns.example")}>
                    <code>{doc(c.name, "example")}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="card" aria-labelledby="values-title">
        <h2 id="values-title">{t("dashboard:import.values.title")}</h2>
        <p>{t("dashboard:import.values.lead")}</p>
        {(Object.keys(CODED_COLUMNS) as CodedColumn[]).map((name) => (
          <div key={name}>
            <h3>
              <code>{name}</code>
            </h3>
            <dl className="code-values">
              {CODED_COLUMNS[name].codes.map((k) => (
                <div key={k}>
                  <dt>
                    <code>{k}</code>
                  </dt>
                  <dd>{t(`${CODED_COLUMNS[name].labels}.${k}`)}</dd>
                </div>
              ))}
            </dl>
          </div>
        ))}
      </section>
    </div>
  );
}
