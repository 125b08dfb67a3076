import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AGREEMENT_TYPES } from "../../server/agreements/content";
import { errorAnswer } from "../../server/errors";
import { CATEGORIES } from "../../server/vocabulary/domain";
import { formatDate, formatVnd } from "../../server/vocabulary/format";
import { PROVINCES, provinceByCode } from "../../server/vocabulary/geo";
import { PipelineChart } from "../components/charts";
import {
  FieldMessage,
  FieldRules,
  FormError,
  SelectField,
  TextArea,
  TextField,
  valueOf,
  valuesOf,
} from "../components/Fields";
import { failureOf } from "../components/IntentForm";
import { Pagination } from "../components/Pagination";
import { requireRole } from "../lib/auth.server";
import { readForm, runIntent } from "../lib/forms.server";
import { ErrorPage } from "../root";

const BULK_DONE = ["assigned", "added"] as const;

/**
 * The union's pipeline of sealed agreements: within the staff member's province (national staff choose), filtered,
 * counted and valued per stage, a page at a time, exportable as CSV or XLSX with the same filters. Agreements chosen
 * on the page are given to a staff member, or get the same follow-up, in one go.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireRole(context, request, "staff");
  const { agreements, i18n, forms } = context.services;
  const locale = await i18n.getLocale(request);
  const url = new URL(request.url);
  const { done: doneParam, count: countParam, ...params } = Object.fromEntries(url.searchParams);
  const [choices, staff] = await Promise.all([
    agreements.pipelineChoices(user),
    agreements.assignableStaffOf(user),
  ]);
  const title = i18n.t(locale)("agreements:pipeline.title");
  const bulk = {
    staff,
    // The bulk follow-up form's id: the same form sent twice adds one follow-up per agreement.
    requestId: crypto.randomUUID(),
    rules: forms.rules("followUp"),
    done: (BULK_DONE as readonly string[]).includes(doneParam ?? "")
      ? { what: doneParam as (typeof BULK_DONE)[number], count: Number(countParam) || 0 }
      : null,
  };
  try {
    return json({
      list: await agreements.listPipeline(user, params),
      errors: null,
      choices,
      bulk,
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
        bulk,
        params,
        locale,
        title,
      },
      { status: 400 },
    );
  }
}

/** The bulk actions on the agreements chosen in the list: give them a follower, or add one follow-up to each. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireRole(context, request, "staff");
  const { agreements } = context.services;
  const values = await readForm(request);
  const intent = String(values.intent ?? "");
  const work = {
    bulk_assign: async () => ({ what: "assigned", ...(await agreements.assignAgreements(user, values)) }),
    // The follow-ups go to each agreement's follower: the assignee chosen above is for the other button.
    bulk_follow_up: async () => ({
      what: "added",
      ...(await agreements.addFollowUps(user, { ...values, assigneeId: "" })),
    }),
  }[intent];
  const outcome = await runIntent(values, work ?? null);
  if (!outcome.ok) return outcome.response;
  const url = new URL(request.url);
  url.searchParams.set("done", outcome.result.what);
  url.searchParams.set("count", String(outcome.result.count));
  return redirect(`${url.pathname}${url.search}`);
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
  { name: "robots", content: "noindex" },
];

export default function StaffAgreements() {
  const { list, errors, choices, bulk, params, locale, title } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const data = useActionData<typeof action>();
  const failure = failureOf(data, "bulk_assign") ?? failureOf(data, "bulk_follow_up");
  const chosen = valuesOf(failure?.values, "publicIds");
  const submitting = useNavigation().state === "submitting";
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
                <th scope="col">
                  <span className="visually-hidden">{t("followUps:bulk.title")}</span>
                </th>
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
                    <input
                      type="checkbox"
                      form="bulk"
                      name="publicIds"
                      value={a.publicId}
                      defaultChecked={chosen.includes(a.publicId)}
                      aria-label={t("followUps:bulk.select", { id: a.publicId })}
                    />
                  </td>
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

      {bulk.done && (
        <p role="status" className="notice">
          {t(`followUps:bulk.${bulk.done.what}`, { count: bulk.done.count })}
        </p>
      )}
      {list.rows.length > 0 && (
        <section className="card" aria-labelledby="bulk-title">
          <h2 id="bulk-title">{t("followUps:bulk.title")}</h2>
          <FieldRules rules={bulk.rules.followUp}>
            <Form method="post" id="bulk" className="stack" noValidate>
              <FormError errors={failure?.errors} />
              {failure?.errors.publicIds && (
                <FieldMessage
                  id="publicIds-error"
                  error={
                    failure.errors.publicIds.code === "choose_one"
                      ? { code: "bulk_nothing_chosen" }
                      : failure.errors.publicIds
                  }
                />
              )}
              <fieldset className="stack">
                <legend>{t("followUps:bulk.assign")}</legend>
                <SelectField
                  name="assigneeId"
                  label={t("followUps:bulk.assignTo")}
                  placeholder={t("followUps:bulk.nobody")}
                  defaultValue={valueOf(failure?.values, "assigneeId")}
                  errors={failureOf(data, "bulk_assign")?.errors}
                  options={bulk.staff.map((x) => ({ value: String(x.id), label: x.name }))}
                />
                <button
                  type="submit"
                  name="intent"
                  value="bulk_assign"
                  className="button"
                  disabled={submitting}
                >
                  {t("followUps:bulk.assignSubmit")}
                </button>
              </fieldset>
              <fieldset className="stack">
                <legend>{t("followUps:agreement.add")}</legend>
                <input
                  type="hidden"
                  name="requestId"
                  value={valueOf(failure?.values, "requestId") ?? bulk.requestId}
                />
                <TextField
                  name="dueOn"
                  type="date"
                  label={t("followUps:agreement.dueOn")}
                  defaultValue={valueOf(failure?.values, "dueOn")}
                  errors={failureOf(data, "bulk_follow_up")?.errors}
                />
                <TextArea
                  name="note"
                  rows={2}
                  label={t("followUps:agreement.note")}
                  defaultValue={valueOf(failure?.values, "note")}
                  errors={failureOf(data, "bulk_follow_up")?.errors}
                />
                <button
                  type="submit"
                  name="intent"
                  value="bulk_follow_up"
                  className="button"
                  disabled={submitting}
                >
                  {t("followUps:bulk.addSubmit")}
                </button>
              </fieldset>
            </Form>
          </FieldRules>
        </section>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
