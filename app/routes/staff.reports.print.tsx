import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ReportDashboard } from "../../server/reports/dashboard";
import { reportQuery } from "../../server/reports/period";
import { reportDocument } from "../../server/reports/narrative";
import { reportTables } from "../../server/reports/tables";
import { reportCharts } from "../components/ReportCharts";
import { ReportTable } from "../components/ReportTable";
import { loadReport } from "../lib/reports.server";
import { ErrorPage } from "../root";
import reportStyles from "../styles/reports.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportStyles }];

/**
 * The period report to print and send to the province, shaped like the unions' own reports: the union and the
 * national motto, the title and period, sections I–V with their figures, tables and charts, notes and room to
 * sign. The PDF (staff.reports.pdf) is the same document.
 */
export async function loader(args: LoaderFunctionArgs) {
  const { dashboard, errors, locale, user } = await loadReport(args);
  const t = args.context.services.i18n.t(locale);
  return json(
    { dashboard, locale, preparedBy: user.fullName, title: t("reports:doc.title") },
    { status: errors ? 400 : 200 },
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
  { name: "robots", content: "noindex" },
];

export default function PrintableReport() {
  const { dashboard, locale, preparedBy } = useLoaderData<typeof loader>();
  const d = dashboard as ReportDashboard;
  const { t } = useTranslation();
  const doc = reportDocument(d, t, locale, preparedBy);
  const tables = reportTables(d, t, locale);
  const charts = reportCharts(d, t, locale);
  const query = reportQuery(d.period, d.scope);

  return (
    <article className="report-print" lang={locale}>
      <p className="report-print__tools no-print">
        <Link to={`/staff/reports?${query.toString()}`}>{t("reports:print.back")}</Link>
        <button type="button" className="button" onClick={() => window.print()}>
          {t("reports:print.button")}
        </button>
        <a href={`/staff/reports.pdf?${query.toString()}`} className="button button-secondary">
          {t("reports:export.pdf")}
        </a>
      </p>

      <header className="report-print__letterhead">
        <div className="report-print__issuer">
          <p className="report-print__union">{doc.union}</p>
        </div>
        <div className="report-print__nation">
          <p className="report-print__state">{doc.nation}</p>
          <p className="report-print__motto">{doc.motto}</p>
          <p className="report-print__date">{doc.placeAndDate}</p>
        </div>
      </header>

      <h1 className="report-print__title">{doc.title}</h1>
      <p className="report-print__subtitle">{doc.subtitle}</p>
      <p>{doc.intro}</p>
      <ReportTable table={tables[doc.summaryTable]} locale={locale} emptyMessage={t("reports:table.empty")} />

      {doc.sections.map((section) => (
        <section key={section.key} className="report-print__section" aria-labelledby={`print-${section.key}`}>
          <h2 id={`print-${section.key}`}>{section.heading}</h2>
          {section.paragraphs.map((p, i) => (
            <p key={i}>{p}</p>
          ))}
          {section.tables.map((key) => (
            <ReportTable
              key={key}
              table={tables[key]}
              locale={locale}
              emptyMessage={t("reports:table.empty")}
            />
          ))}
          {section.charts.map((key) => (
            <div key={key} className="report-print__chart">
              {charts[key]}
            </div>
          ))}
        </section>
      ))}

      <section className="report-print__notes" aria-labelledby="print-notes">
        <h2 id="print-notes">{t("reports:pdf.notes")}</h2>
        <ul>
          {doc.notes.map((note, i) => (
            <li key={i}>{note}</li>
          ))}
        </ul>
      </section>

      <footer className="report-print__signatures">
        {doc.signatures.map((s) => (
          <div key={s.role}>
            <p className="report-print__role">{s.role}</p>
            <p className="report-print__hint">{s.hint}</p>
            <p className="report-print__name">{s.name ?? "\u00a0"}</p>
          </div>
        ))}
      </footer>
    </article>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
