import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ReportDashboard } from "../../server/reports/dashboard";
import { changeLabel, formatValue, periodLabel, scopeLabel, unionName } from "../../server/reports/labels";
import { reportDocument } from "../../server/reports/narrative";
import { PERIOD_KINDS, reportQuery } from "../../server/reports/period";
import { OCOP_EXPIRING_DAYS, summaryIndicators } from "../../server/reports/summary";
import { REPORT_TABLES, reportTables } from "../../server/reports/tables";
import { PROVINCES } from "../../server/vocabulary/geo";
import { FormError, SelectField, TextField } from "../components/Fields";
import { reportCharts } from "../components/ReportCharts";
import { ReportTable } from "../components/ReportTable";
import { loadReport } from "../lib/reports.server";
import { ErrorPage } from "../root";
import reportStyles from "../styles/reports.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportStyles }];

/**
 * The union staff's report for a period, within their union (national staff choose a province or the whole
 * country): the figures against the previous period, the charts, the tables, and the ways out — the printable
 * report, its PDF, and the tables as Excel or CSV.
 */
export async function loader(args: LoaderFunctionArgs) {
  const { dashboard, errors, params, locale } = await loadReport(args);
  const title = args.context.services.i18n.t(locale)("reports:title");
  return json({ dashboard, errors, params, locale, title }, { status: errors ? 400 : 200 });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
  { name: "robots", content: "noindex" },
];

export default function StaffReports() {
  const { dashboard, errors, params, locale } = useLoaderData<typeof loader>();
  const d = dashboard as ReportDashboard;
  const { t } = useTranslation();
  const tables = reportTables(d, t, locale);
  const charts = reportCharts(d, t, locale);
  const doc = reportDocument(d, t, locale, null);
  const indicators = summaryIndicators(d);
  const query = reportQuery(d.period, d.scope);
  const link = (path: string, extra: Record<string, string> = {}) => {
    const q = new URLSearchParams(query);
    for (const [k, v] of Object.entries(extra)) q.set(k, v);
    return `${path}?${q.toString()}`;
  };
  // What the form shows: what was asked for when it was refused, else the period on screen.
  const value = (name: string, fallback: string) => (errors ? (params[name] ?? "") : fallback);
  const custom = d.period.kind === "custom";

  return (
    <div className="reports">
      <h1>{t("reports:title")}</h1>
      <p className="muted">
        {unionName(t, d.scope)} · {scopeLabel(t, d.scope)}
      </p>
      <p className="muted small">{t("reports:lead")}</p>

      <Form method="get" className="card report-period" noValidate>
        <fieldset>
          <legend>{t("reports:form.legend")}</legend>
          <FormError errors={errors ?? undefined} />
          <div className="report-period__fields">
            <SelectField
              name="period"
              label={t("reports:form.kind")}
              required
              defaultValue={value("period", d.period.kind)}
              errors={errors ?? undefined}
              options={PERIOD_KINDS.map((k) => ({ value: k, label: t(`reports:form.kinds.${k}`) }))}
            />
            <TextField
              name="year"
              type="number"
              inputMode="numeric"
              min={2000}
              max={2100}
              label={t("reports:form.year")}
              defaultValue={value("year", String(d.period.year))}
              errors={errors ?? undefined}
            />
            <SelectField
              name="quarter"
              label={t("reports:form.quarter")}
              defaultValue={value("quarter", String(d.period.quarter))}
              errors={errors ?? undefined}
              options={[1, 2, 3, 4].map((n) => ({ value: String(n), label: t(`reports:quarterName.${n}`) }))}
            />
            <SelectField
              name="month"
              label={t("reports:form.month")}
              defaultValue={value("month", String(d.period.month))}
              errors={errors ?? undefined}
              options={Array.from({ length: 12 }, (_, i) => ({
                value: String(i + 1),
                label: t(`reports:monthName.${i + 1}`),
              }))}
            />
            <TextField
              name="from"
              type="date"
              label={t("reports:form.from")}
              hint={t("reports:form.customHint")}
              defaultValue={value("from", custom ? d.period.from : "")}
              errors={errors ?? undefined}
            />
            <TextField
              name="to"
              type="date"
              label={t("reports:form.to")}
              defaultValue={value("to", custom ? d.period.to : "")}
              errors={errors ?? undefined}
            />
            {!d.scope.locked && (
              <SelectField
                name="province"
                label={t("reports:form.province")}
                placeholder={t("reports:form.allProvinces")}
                defaultValue={value("province", d.scope.province ?? "")}
                errors={errors ?? undefined}
                options={PROVINCES.map((p) => ({ value: p.code, label: p.name }))}
              />
            )}
          </div>
          <div className="actions">
            <button type="submit" className="button">
              {t("reports:form.submit")}
            </button>
            <Link to="/staff/reports">{t("reports:form.reset")}</Link>
          </div>
        </fieldset>
      </Form>

      <h2 className="report-period__title">{periodLabel(t, d.period, locale)}</h2>
      <p className="muted">
        {t("reports:comparedWith", { previous: periodLabel(t, d.previous, locale, { inSentence: true }) })}
      </p>

      <nav aria-labelledby="report-exports" className="report-exports">
        <h2 id="report-exports" className="visually-hidden">
          {t("reports:export.title")}
        </h2>
        <ul className="plain report-exports__list">
          <li>
            <Link to={link("/staff/reports/print")} className="button">
              {t("reports:export.print")}
            </Link>
          </li>
          <li>
            <a href={link("/staff/reports.pdf")} className="button button-secondary">
              {t("reports:export.pdf")}
            </a>
          </li>
          <li>
            <a href={link("/staff/reports.xlsx")} className="button button-secondary" download>
              {t("reports:export.xlsx")}
            </a>
          </li>
        </ul>
        <details>
          <summary>{t("reports:export.title")}: CSV</summary>
          <ul className="report-exports__csv">
            {REPORT_TABLES.map((key) => (
              <li key={key}>
                <a href={link("/staff/reports.csv", { table: key })} download>
                  {t("reports:export.csv", { table: tables[key].title })}
                </a>
              </li>
            ))}
          </ul>
        </details>
      </nav>

      {doc.sections.map((section) => (
        <section key={section.key} aria-labelledby={`report-${section.key}`} className="report-section">
          <h2 id={`report-${section.key}`}>{section.heading}</h2>
          <dl className="stat-cards report-cards">
            {indicators
              .filter((i) => i.section === section.key)
              .map((i) => (
                <div key={i.key} className={`card${i.part ? " report-card--part" : ""}`}>
                  <dt>{t(`reports:indicator.${i.key}`, { days: OCOP_EXPIRING_DAYS })}</dt>
                  <dd className={i.kind === "vnd" ? "report-card__value--long" : undefined}>
                    {formatValue(i.current, i.kind, locale)}
                  </dd>
                  <dd className="report-card__previous">
                    {t("reports:card.previous", { value: formatValue(i.previous, i.kind, locale) })}
                    <span className="block">{changeLabel(t, i.current, i.previous, i.kind, locale)}</span>
                  </dd>
                </div>
              ))}
          </dl>
          {section.charts.map((key) => (
            <div key={key}>{charts[key]}</div>
          ))}
          {section.tables.map((key) => (
            <ReportTable
              key={key}
              table={tables[key]}
              locale={locale}
              emptyMessage={t("reports:table.empty")}
            />
          ))}
        </section>
      ))}

      <section aria-labelledby="report-summary" className="report-section">
        <h2 id="report-summary">{tables.summary.title}</h2>
        <ReportTable table={tables.summary} locale={locale} emptyMessage={t("reports:table.empty")} />
        <ReportTable table={tables.months} locale={locale} emptyMessage={t("reports:table.empty")} />
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
