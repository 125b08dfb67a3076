import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, SelectField } from "../components/Fields";
import { failureOf, IntentForm, UnclaimedFailure, useSubmitting } from "../components/IntentForm";
import { slotTime } from "../components/Conferences";
import { requireUser } from "../lib/auth.server";
import { conferenceSlugFrom } from "../lib/conferences.server";
import { formId, orRespond, readForm, runIntent } from "../lib/forms.server";
import { FIRST_OUTCOMES, FOLLOW_UP_OUTCOMES } from "../../server/vocabulary/domain";
import { formatDate } from "../../server/vocabulary/format";
import { ErrorPage } from "../root";

const DONE = ["mark", "outcome"] as const;

/** The participant's meetings: when, which table, with whom; the files to take away; the day's record. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const slug = conferenceSlugFrom(params.slug);
  const { matching, i18n } = context.services;
  const locale = await i18n.getLocale(request);
  const agenda = await orRespond(matching.agendaOf(user, { slug, locale }));
  const agreements = await context.services.agreements.linkedAgreements(user, {
    meetingIds: agenda.meetings.map((m) => m.id),
  });
  const done = new URL(request.url).searchParams.get("done");
  return json({
    ...agenda,
    agreements,
    locale,
    done: (DONE as readonly string[]).includes(done ?? "") ? done : null,
    title: i18n.t(locale)("conferences:agenda.title", { name: agenda.conference.name }),
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
  { name: "robots", content: "noindex" },
];

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const slug = conferenceSlugFrom(params.slug);
  const values = await readForm(request);
  const m = context.services.matching;
  const intent = String(values.intent ?? "");
  if (intent === "draft_agreement") {
    const drafted = await runIntent(values, () =>
      context.services.agreements.draftFromMeeting(user, { meetingId: formId(values, "meetingId") }),
    );
    if (!drafted.ok) return drafted.response;
    return redirect(`/agreements/${drafted.result.publicId}?done=drafted`);
  }
  const work: Record<string, () => Promise<unknown>> = {
    mark: () => m.markMeeting(user, { slug, form: values }),
    outcome: () => m.recordMeetingOutcome(user, { slug, form: values }),
  };
  const outcome = await runIntent(values, work[intent] ?? null);
  if (!outcome.ok) return outcome.response;
  return redirect(`/conferences/${slug}/agenda?done=${intent}#m-${String(values.meetingId ?? "")}`);
}

export default function Agenda() {
  const {
    conference: c,
    me,
    published,
    started,
    meetings,
    agreements,
    locale,
    done,
    title,
  } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  const busy = useSubmitting();
  const self = `/conferences/${c.slug}/agenda`;
  return (
    <div className="container section">
      <nav aria-label={t("common:breadcrumb")} className="breadcrumb">
        <Link to="/conferences">{t("conferences:list.title")}</Link> ›{" "}
        <Link to={`/conferences/${c.slug}`}>{c.name}</Link> › {t("conferences:agenda.crumb")}
      </nav>
      <h1>{title}</h1>
      <UnclaimedFailure claimed={(f) => ["mark", "outcome", "draft_agreement"].includes(f.intent)} />
      {done && (
        <p className="notice notice-approved" role="status">
          {t(`conferences:agenda.done.${done}`)}
        </p>
      )}
      <p>{t("conferences:agenda.who", { name: me.name })}</p>
      {!published ? (
        <p className="notice notice-pending">{t("conferences:agenda.notYet")}</p>
      ) : (
        <>
          <p className="actions">
            <a href={`${self}.pdf`} className="button" download>
              {t("conferences:agenda.pdf")}
            </a>
            <a href={`${self}.ics`} className="button button-secondary" download>
              {t("conferences:agenda.ics")}
            </a>
          </p>
          {meetings.length === 0 && <p className="muted">{t("conferences:agenda.empty")}</p>}
          <ol className="agenda plain">
            {meetings.map((m) => {
              const key = { name: "meetingId", value: String(m.id) };
              const first = m.outcomes.find((o) => o.stage === "first");
              const later = m.outcomes.find((o) => o.stage === "follow_up");
              return (
                <li key={m.id} id={`m-${m.id}`} className={`card agenda-row meeting-${m.status}`}>
                  <p className="agenda-when">
                    <strong>
                      {m.startsAt && m.endsAt
                        ? slotTime({ startsAt: m.startsAt, endsAt: m.endsAt }, locale)
                        : "—"}
                    </strong>
                    {m.startsAt && <span className="muted"> · {formatDate(m.startsAt, locale)}</span>} ·{" "}
                    {t("conferences:table", { n: m.table })}
                    {m.status !== "scheduled" && <> · {t(`conferences:meetingStatus.${m.status}`)}</>}
                  </p>
                  <h2>
                    {m.counterpartSlug ? (
                      <Link to={`/cooperatives/${m.counterpartSlug}`}>{m.counterpart}</Link>
                    ) : (
                      m.counterpart
                    )}
                    {m.counterpartProvince && <span className="muted small"> · {m.counterpartProvince}</span>}
                  </h2>
                  {m.subject && <p>{m.subject}</p>}
                  <FormError
                    errors={
                      failureOf(data, "mark", key)?.errors ??
                      failureOf(data, "outcome", key)?.errors ??
                      failureOf(data, "draft_agreement", key)?.errors
                    }
                  />
                  {started && m.status !== "cancelled" && (
                    <div className="actions">
                      {(["held", "no_show"] as const)
                        .filter((s) => s !== m.status)
                        .map((s) => (
                          <IntentForm key={s} intent="mark" action={self} className="inline-form">
                            <input type="hidden" name="meetingId" value={m.id} />
                            <input type="hidden" name="status" value={s} />
                            <button
                              type="submit"
                              className="button button-small button-secondary"
                              disabled={busy}
                            >
                              {t(`conferences:agenda.markAs.${s}`)}
                            </button>
                          </IntentForm>
                        ))}
                    </div>
                  )}
                  {m.status === "held" &&
                    (["first", "follow_up"] as const).map((stage) =>
                      stage === "follow_up" && !first ? null : (
                        <IntentForm
                          key={stage}
                          intent="outcome"
                          action={self}
                          className="inline-form"
                          id={`outcome-${m.id}-${stage}`}
                        >
                          <input type="hidden" name="meetingId" value={m.id} />
                          <input type="hidden" name="stage" value={stage} />
                          <SelectField
                            name="outcome"
                            id={`outcome-${m.id}-${stage}-value`}
                            label={t(`matches:outcome.stage.${stage}`)}
                            placeholder="—"
                            options={(stage === "first" ? FIRST_OUTCOMES : FOLLOW_UP_OUTCOMES).map((o) => ({
                              value: o,
                              label: t(`matches:outcome.value.${o}`),
                            }))}
                            errors={failureOf(data, "outcome", key)?.errors}
                            defaultValue={(stage === "first" ? first : later)?.outcome}
                          />
                          <button type="submit" className="button button-small" disabled={busy}>
                            {t("matches:outcome.save")}
                          </button>
                        </IntentForm>
                      ),
                    )}
                  {m.status === "held" && (
                    <div className="actions">
                      {agreements
                        .filter((a) => a.meetingId === m.id)
                        .map((a) => (
                          <Link key={a.publicId} to={`/agreements/${a.publicId}`}>
                            {a.publicId} · {t(`agreements:status.${a.status}`)}
                          </Link>
                        ))}
                      <IntentForm intent="draft_agreement" action={self} className="inline-form">
                        <input type="hidden" name="meetingId" value={m.id} />
                        <button type="submit" className="button button-small" disabled={busy}>
                          {t("agreements:form.draft")}
                        </button>
                      </IntentForm>
                    </div>
                  )}
                </li>
              );
            })}
          </ol>
        </>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
