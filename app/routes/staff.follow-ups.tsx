import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { vietnamDay } from "../../server/vocabulary/dates";
import { formatNumber } from "../../server/vocabulary/format";
import { provinceByCode } from "../../server/vocabulary/geo";
import { CompleteFollowUp, FollowUpTable } from "../components/FollowUps";
import { IntentForm, UnclaimedFailure } from "../components/IntentForm";
import { Pagination } from "../components/Pagination";
import { requireRole } from "../lib/auth.server";
import { formId, orRespond, readForm, runIntent } from "../lib/forms.server";
import { ErrorPage } from "../root";

const DONE = ["completed", "taken", "calendar"] as const;

/** The staff member's follow-ups first, overdue ones on top; the unassigned and the whole team's a tab away. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireRole(context, request, "staff");
  const { agreements, i18n, forms } = context.services;
  const locale = await i18n.getLocale(request);
  const url = new URL(request.url);
  const [list, token] = await Promise.all([
    orRespond(agreements.listFollowUps(user, Object.fromEntries(url.searchParams))),
    agreements.calendarTokenOf(user),
  ]);
  const done = url.searchParams.get("done");
  return json({
    list,
    calendarUrl: token ? `${context.origin}/calendar/${token}.ics` : null,
    province: user.unionProvinceCode ? (provinceByCode(user.unionProvinceCode)?.name ?? null) : null,
    today: vietnamDay(new Date()),
    rules: forms.rules("followUpDone"),
    done: (DONE as readonly string[]).includes(done ?? "") ? done : null,
    locale,
    title: i18n.t(locale)("followUps:title"),
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
  { name: "robots", content: "noindex" },
];

/** Complete a follow-up (with its outcome), take one, or get a (new) calendar link. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireRole(context, request, "staff");
  const { agreements } = context.services;
  const values = await readForm(request);
  const intent = String(values.intent ?? "");
  const back = (done: (typeof DONE)[number]) => {
    const url = new URL(request.url);
    url.searchParams.set("done", done);
    return redirect(`${url.pathname}${url.search}`);
  };
  const work = {
    follow_up_done: async () => {
      await agreements.completeFollowUp(user, { form: values });
      return "completed" as const;
    },
    follow_up_take: async () => {
      await agreements.assignFollowUp(user, {
        followUpId: formId(values, "followUpId"),
        form: { assigneeId: String(user.id) },
      });
      return "taken" as const;
    },
    calendar: async () => {
      await agreements.issueCalendarToken(user);
      return "calendar" as const;
    },
  }[intent];
  const outcome = await runIntent(values, work ?? null);
  return outcome.ok ? back(outcome.result) : outcome.response;
}

export default function StaffFollowUps() {
  const { list, calendarUrl, province, today, done, locale, title } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const location = useLocation();
  const linkTo = (change: Record<string, string | null>) => {
    const next = new URLSearchParams(location.search);
    next.delete("page");
    next.delete("done");
    for (const [k, v] of Object.entries(change))
      if (v === null) next.delete(k);
      else next.set(k, v);
    return `?${next.toString()}`;
  };
  const views = [
    ["mine", list.counts.mine],
    ["unassigned", list.counts.unassigned],
    ["team", list.counts.team],
  ] as const;
  return (
    <div className="container section">
      <h1>{title}</h1>
      <p className="muted">
        {province ? t("followUps:scopeProvince", { province }) : t("followUps:scopeNational")}{" "}
        {t("followUps:intro")}
      </p>
      {done && (
        <p role="status" className="notice">
          {t(
            done === "completed"
              ? "followUps:completed"
              : done === "taken"
                ? "followUps:taken"
                : "followUps:calendar.issued",
          )}
        </p>
      )}
      <UnclaimedFailure claimed={(f) => f.intent === "follow_up_done"} />

      <nav aria-label={t("followUps:views.label")} className="stage-tabs">
        <ul className="plain stage-list">
          {views.map(([view, count]) => (
            <li key={view}>
              <Link
                to={linkTo({ view, status: null })}
                aria-current={list.view === view ? "page" : undefined}
              >
                {t(`followUps:views.${view}`)}: <strong>{formatNumber(count, locale)}</strong>
                {view === "mine" && list.counts.mineOverdue > 0 && (
                  <span className="block overdue small">
                    {t("followUps:mineOverdue", { count: list.counts.mineOverdue })}
                  </span>
                )}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <p className="actions">
        {(["open", "done"] as const).map((status) => (
          <Link
            key={status}
            to={linkTo({ status })}
            className={list.status === status ? "button" : "button button-secondary"}
            aria-current={list.status === status ? "page" : undefined}
          >
            {t(`followUps:statusTabs.${status}`)}
          </Link>
        ))}
      </p>

      <p role="status">{t("followUps:count", { count: list.total })}</p>
      {list.rows.length === 0 ? (
        <p className="muted">{t(`followUps:empty.${list.status}`)}</p>
      ) : (
        <FollowUpTable
          rows={list.rows}
          locale={locale}
          today={today}
          actions={(f) => (
            <>
              {list.view !== "mine" && f.assigneeId === null && (
                <IntentForm intent="follow_up_take" className="inline-form">
                  <input type="hidden" name="followUpId" value={f.id} />
                  <button type="submit" className="button button-secondary">
                    {t("followUps:take")}
                  </button>
                </IntentForm>
              )}
              <CompleteFollowUp f={f} />
            </>
          )}
        />
      )}
      <Pagination page={list.page} perPage={list.perPage} total={list.total} />

      <section className="card" aria-labelledby="calendar-title">
        <h2 id="calendar-title">{t("followUps:calendar.title")}</h2>
        <p>{t("followUps:calendar.intro")}</p>
        {calendarUrl && (
          <p>
            <label htmlFor="calendar-url">{t("followUps:calendar.link")}</label>
            <input id="calendar-url" type="url" readOnly value={calendarUrl} className="block" />
          </p>
        )}
        <IntentForm intent="calendar">
          <button type="submit" className="button button-secondary">
            {t(calendarUrl ? "followUps:calendar.renew" : "followUps:calendar.get")}
          </button>
        </IntentForm>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
