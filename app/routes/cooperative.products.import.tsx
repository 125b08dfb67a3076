import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import {
  CSV_COLUMNS,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_ROWS,
  REQUIRED_COLUMNS,
  type CsvColumn,
  type ImportProblem,
} from "../../server/catalogue/csv-columns";
import { FieldMessage, FormError, type FieldError } from "../components/Fields";
import { requireRole } from "../lib/auth.server";
import { CATEGORIES, CERTIFICATIONS, PRODUCT_STATUSES, UNITS } from "../../server/vocabulary/domain";
import { runForm, type FormFailure } from "../lib/forms.server";
import { readUploads } from "../lib/uploads.server";
import { ErrorPage } from "../root";

const MAX_IMPORT_MB = MAX_IMPORT_BYTES / 1024 / 1024;
const IMPORT_COLUMNS = (Object.keys(CSV_COLUMNS) as CsvColumn[]).map((name) => ({
  name,
  required: REQUIRED_COLUMNS.includes(name),
}));

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireRole(context, request, "cooperative");
  const locale = await context.services.i18n.getLocale(request);
  const url = new URL(request.url);
  const count = (name: string) => {
    const n = Number(url.searchParams.get(name));
    return Number.isSafeInteger(n) && n >= 0 ? n : 0;
  };
  return json({
    imported: url.searchParams.has("imported")
      ? { created: count("created"), updated: count("updated") }
      : null,
    title: context.services.i18n.t(locale)("dashboard:import.title"),
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
];

function fileProblem(code: string) {
  const failure: FormFailure = { ok: false, errors: { file: { code } }, values: {} };
  return json(failure, { status: 400 });
}

/** Check (dry run) or import: all rows are validated first and nothing is written unless every row is valid. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireRole(context, request, "cooperative");
  if (!request.headers.get("content-type")?.startsWith("multipart/form-data"))
    return fileProblem("choose_file");
  const upload = await runForm({}, () =>
    readUploads(request, { fileField: "file", maxBytes: MAX_IMPORT_MB * 1024 * 1024 }),
  );
  if (!upload.ok) return upload.response;
  const { values, files } = upload.result;
  const file = files[0];
  if (!file) return fileProblem("choose_file");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(file.data);
  } catch {
    return fileProblem("file_not_utf8");
  }
  const dryRun = values.mode !== "import";
  const outcome = await runForm(values, () =>
    context.services.catalogue.importProductsCsv(user, { file: { text, bytes: file.data.length }, dryRun }),
  );
  if (!outcome.ok) return outcome.response;
  const result = outcome.result;
  if (!result.ok) {
    return json(
      { ok: false as const, dryRun, rows: result.rows, problems: result.problems },
      { status: 400 },
    );
  }
  if (result.dryRun) return json(result);
  return redirect(
    `/cooperative/products/import?imported=1&created=${result.created}&updated=${result.updated}`,
  );
}

function ProblemMessage({ problem }: { problem: ImportProblem }) {
  const { t } = useTranslation();
  const params = problem.code === "csv_malformed" ? { line: problem.line } : (problem.params ?? {});
  return <>{t(`errors:${problem.code}`, params)}</>;
}

function FileMessage({ error }: { error: FieldError }) {
  return <FieldMessage id="file-error" error={error} />;
}

export default function ImportProducts() {
  const { imported } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const errors = data && "errors" in data ? data.errors : undefined;
  const fileError = errors?.file;
  const problems = data && "problems" in data ? data : null;
  const checked = data && "created" in data ? data : null;
  const accepted = [
    { name: "category", keys: CATEGORIES, label: (k: string) => t(`cooperatives:sector.${k}`) },
    { name: "unit", keys: UNITS, label: (k: string) => t(`catalogue:unit.${k}`) },
    { name: "status", keys: PRODUCT_STATUSES, label: (k: string) => t(`catalogue:status.${k}`) },
    { name: "certifications", keys: CERTIFICATIONS, label: (k: string) => t(`catalogue:certification.${k}`) },
  ];
  return (
    <div className="container section">
      <nav aria-label={t("common:breadcrumb")} className="breadcrumb">
        <Link to="/cooperative/products">{t("dashboard:list.title")}</Link> › {t("dashboard:import.title")}
      </nav>
      <h1>{t("dashboard:import.title")}</h1>
      <p className="lead">{t("dashboard:import.lead")}</p>

      {imported && (
        <div className="notice notice-approved" role="status">
          <p>{t("dashboard:import.done", imported)}</p>
          <Link to="/cooperative/products">{t("dashboard:import.viewProducts")}</Link>
        </div>
      )}
      {checked && (
        <div className="notice notice-approved" role="status">
          <p>
            {t("dashboard:import.checked", {
              rows: checked.rows,
              created: checked.created,
              updated: checked.updated,
            })}
          </p>
          <p>{t("dashboard:import.checkedNext")}</p>
        </div>
      )}

      <section className="card" aria-labelledby="upload-title">
        <h2 id="upload-title">{t("dashboard:import.uploadTitle")}</h2>
        <p>
          <a href="/cooperative/products/import/template.csv" download>
            {t("dashboard:import.template")}
          </a>{" "}
          <span className="muted">{t("dashboard:import.templateHint")}</span>
        </p>
        <Form method="post" encType="multipart/form-data" className="stack">
          <FormError errors={errors?._form ? errors : undefined} />
          <div className={`field${fileError ? " field-invalid" : ""}`}>
            <label htmlFor="file">{t("dashboard:import.file")}</label>
            <input
              id="file"
              name="file"
              type="file"
              accept=".csv,text/csv"
              required
              aria-invalid={fileError ? true : undefined}
              aria-describedby={`file-hint${fileError ? " file-error" : ""}`}
            />
            <p className="field-hint" id="file-hint">
              {t("dashboard:import.fileHint", { maxMb: MAX_IMPORT_MB, maxRows: MAX_IMPORT_ROWS })}
            </p>
            <FileMessage error={fileError} />
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
                    <td>
                      <ProblemMessage problem={p} />
                    </td>
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
          <table className="data-table">
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
              {IMPORT_COLUMNS.map((c) => (
                <tr key={c.name}>
                  <th scope="row">
                    <code>{c.name}</code>
                  </th>
                  <td>{t(c.required ? "dashboard:import.columns.yes" : "dashboard:import.columns.no")}</td>
                  <td>{t(`dashboard:import.column.${c.name}.meaning`)}</td>
                  <td>
                    <code>{t(`dashboard:import.column.${c.name}.example`)}</code>
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
        {accepted.map((group) => (
          <div key={group.name}>
            <h3>
              <code>{group.name}</code>
            </h3>
            <dl className="summary">
              {group.keys.map((k) => (
                <Fragment key={k}>
                  <dt>
                    <code>{k}</code>
                  </dt>
                  <dd>{group.label(k)}</dd>
                </Fragment>
              ))}
            </dl>
          </div>
        ))}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
