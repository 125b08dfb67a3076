import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AGREEMENT_TYPES } from "../../server/agreements/content";
import { errorAnswer } from "../../server/errors";
import { CATEGORIES } from "../../server/vocabulary/domain";
import { formatDate, formatVnd } from "../../server/vocabulary/format";
import { PROVINCES, provinceByCode } from "../../server/vocabulary/geo";
import { PipelineChart } from "../components/charts";
import { FormError, SelectField, TextField } from "../components/Fields";
import { Pagination } from "../components/Pagination";
import { requireRole } from "../lib/auth.server";
import { ErrorPage } from "../root";

/**
 * The union's pipeline of sealed agreements: within the staff member's province (national staff choose), filtered,
 * counted and valued per stage, a page at a time, exportable as CSV or XLSX with the same filters.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireRole(context, request, "staff");
  const { agreements, i18n } = context.services;
  const locale = await i18n.getLocale(request);
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const choices = await agreements.pipelineChoices(user);
  const title = i18n.t(locale)("agreements:pipeline.title");
  try {
    return json({
      list: await agreements.listPipeline(user, params),
      errors: null,
      choices,
      params,
      locale,
      title,
    });
  } catch (error) {
    // A filter that is not one (a hand-edited address) is shown beside the form, with the whole list.
    const answer = errorAnswer(error);
    if (!answer?.fields) throw error;
    return json(
      {
        list: await agreements.listPipeline(user, {}),
        errors: answer.fields,
        choices,
        params,
        locale,
        title,
      },
      { status: 400 },
    );
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
  { name: "robots", content: "noindex" },
];

export default function StaffAgreements() {
  const { list, errors, choices, params, locale, title } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const location = useLocation();
  const p = (name: string) => params[name] ?? "";
  /** One filter of the form: a select keeping what the address says, "—" for any. */
  const select = (
    name: string,
    label: string,
    options: Array<[value: string, label: string]>,
    { placeholder = "—" }: { placeholder?: string } = {},
  ) => (
    <SelectField
      name={name}
      label={label}
      placeholder={placeholder}
      defaultValue={p(name)}
      errors={errors ?? undefined}
      options={options.map(([value, text]) => ({ value, label: text }))}
    />
  );
  const named = (rows: Array<{ id: number; name: string }>): Array<[string, string]> =>
    rows.map((r) => [String(r.id), r.name]);
  const withStatus = (status: string | null) => {
    const next = new URLSearchParams(location.search);
    next.delete("page");
    if (status) next.set("status", status);
    else next.delete("status");
    return `?${next.toString()}`;
  };
  const exportHref = (ext: "csv" | "xlsx") => `/staff/agreements.${ext}${location.search}`;
  const province = list.scope.province ? provinceByCode(list.scope.province)?.name : null;
  return (
    <div className="container section">
      <h1>{title}</h1>
      <p className="muted">
        {province
          ? t("agreements:pipeline.scopeProvince", { province })
          : t("agreements:pipeline.scopeNational")}
      </p>
      <p className="actions">
        <Link to="/staff/agreements/paper" className="button">
          {t("agreements:paper.title")}
        </Link>
        <a href={exportHref("xlsx")} className="button button-secondary" download>
          {t("agreements:pipeline.exportXlsx")}
        </a>
        <a href={exportHref("csv")} className="button button-secondary" download>
          {t("agreements:pipeline.exportCsv")}
        </a>
      </p>

      <nav aria-label={t("agreements:pipeline.stages")} className="stage-tabs">
        <ul className="plain stage-list">
          <li>
            <Link to={withStatus(null)} aria-current={!list.query.status ? "page" : undefined}>
              {t("agreements:pipeline.all")}
            </Link>
          </li>
          {list.stages.map((s) => (
            <li key={s.status}>
              <Link
                to={withStatus(s.status)}
                aria-current={list.query.status === s.status ? "page" : undefined}
              >
                {t(`agreements:status.${s.status}`)}: <strong>{s.count}</strong>
                <span className="block muted small">{formatVnd(s.valueVnd, locale)}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <PipelineChart
        title={t("agreements:pipeline.chartTitle")}
        emptyMessage={t("agreements:pipeline.empty")}
        tableLabel={t("agreements:pipeline.chartTable")}
        stageLabel={t("agreements:pipeline.stage")}
        countLabel={t("agreements:pipeline.countLabel")}
        valueLabel={t("agreements:list.total")}
        locale={locale}
        stages={(["sealed", "in_implementation", "completed", "stalled", "cancelled"] as const).map(
          (status) => {
            const stage = list.stages.find((x) => x.status === status)!;
            return {
              label: t(`agreements:status.${status}`),
              count: stage.count,
              value: stage.valueVnd,
              tone: status === "stalled" ? "stalled" : status === "cancelled" ? "cancelled" : "progress",
            };
          },
        )}
      />

      <details className="card" open={Object.keys(params).some((k) => k !== "page" && k !== "status")}>
        <summary>{t("agreements:pipeline.filters")}</summary>
        <Form method="get" className="stack" noValidate>
          <FormError errors={errors ?? undefined} />
          {list.query.status && <input type="hidden" name="status" value={list.query.status} />}
          <TextField
            name="q"
            type="search"
            label={t("agreements:pipeline.q")}
            defaultValue={p("q")}
            errors={errors ?? undefined}
          />
          <div className="grid-3">
            {!list.scope.locked &&
              select(
                "province",
                t("agreements:pipeline.province"),
                PROVINCES.map((x) => [x.code, x.name]),
                {
                  placeholder: t("agreements:pipeline.allProvinces"),
                },
              )}
            {select("method", t("agreements:pipeline.method"), [
              ["platform", t("agreements:method.platform")],
              ["paper", t("agreements:method.paper")],
            ])}
            {select(
              "type",
              t("agreements:list.type"),
              AGREEMENT_TYPES.map((x) => [x, t(`agreements:type.${x}`)]),
            )}
            {select(
              "category",
              t("agreements:form.category"),
              CATEGORIES.map((x) => [x, t(`cooperatives:sector.${x}`)]),
            )}
            {select("cooperative", t("agreements:paper.cooperative"), named(choices.cooperatives))}
            {select("organisation", t("agreements:pipeline.organisation"), named(choices.organisations))}
            {select("conference", t("agreements:pipeline.conference"), named(choices.conferences))}
            <TextField
              name="from"
              type="date"
              label={t("agreements:pipeline.from")}
              defaultValue={p("from")}
              errors={errors ?? undefined}
            />
            <TextField
              name="to"
              type="date"
              label={t("agreements:pipeline.to")}
              defaultValue={p("to")}
              errors={errors ?? undefined}
            />
          </div>
          <label className="checkbox">
            <input type="checkbox" name="overdue" value="on" defaultChecked={p("overdue") === "on"} />{" "}
            {t("agreements:pipeline.overdueOnly")}
          </label>
          <div className="actions">
            <button type="submit" className="button">
              {t("agreements:pipeline.apply")}
            </button>
            <Link to="/staff/agreements">{t("agreements:pipeline.reset")}</Link>
          </div>
        </Form>
      </details>

      <p role="status">{t("agreements:pipeline.count", { count: list.total })}</p>
      {list.rows.length === 0 ? (
        <p className="muted">{t("agreements:pipeline.empty")}</p>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("agreements:list.id")}</th>
                <th scope="col">{t("agreements:pipeline.parties")}</th>
                <th scope="col">{t("agreements:form.category")}</th>
                <th scope="col">{t("agreements:list.total")}</th>
                <th scope="col">{t("agreements:tracking.fulfilment")}</th>
                <th scope="col">{t("agreements:list.sealedAt")}</th>
                <th scope="col">{t("agreements:tracking.nextDue")}</th>
              </tr>
            </thead>
            <tbody>
              {list.rows.map((a) => (
                <tr key={a.publicId} className={a.overdue ? "row-overdue" : undefined}>
                  <td>
                    <Link to={`/agreements/${a.publicId}`}>{a.publicId}</Link>{" "}
                    <span className={`badge status-${a.status}`}>{t(`agreements:status.${a.status}`)}</span>
                    {a.method === "paper" && <span className="badge">{t("agreements:pipeline.paper")}</span>}
                  </td>
                  <td>
                    {a.cooperative}
                    <span className="block muted small">{a.buyer}</span>
                  </td>
                  <td>{a.category ? t(`cooperatives:sector.${a.category}`) : "—"}</td>
                  <td>{formatVnd(a.totalVnd, locale)}</td>
                  <td>{Math.floor(a.fulfilment * 100)}%</td>
                  <td>{formatDate(a.sealedAt, locale)}</td>
                  <td>
                    {a.nextDueOn ? formatDate(a.nextDueOn, locale) : "—"}
                    {a.overdue && (
                      <strong className="block overdue">{t("agreements:pipeline.overdue")}</strong>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={list.page} perPage={list.perPage} total={list.total} />
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
