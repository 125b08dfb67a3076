import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError } from "../components/Fields";
import { failureOf, IntentForm, UnclaimedFailure, useSubmitting } from "../components/IntentForm";
import { requireUser } from "../lib/auth.server";
import { conferenceSlugFrom } from "../lib/conferences.server";
import { orRespond, readForm, runIntent } from "../lib/forms.server";
import { PREFERENCE_LEVELS } from "../../server/vocabulary/domain";
import { formatDate } from "../../server/vocabulary/format";
import { ErrorPage } from "../root";

const DONE = ["mark", "request", "answer"] as const;

/** The other side's participants: what each offers or wants, the reader's mark, and meeting requests. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const slug = conferenceSlugFrom(params.slug);
  const { matching, i18n } = context.services;
  const locale = await i18n.getLocale(request);
  const [page, list] = await Promise.all([
    orRespond(matching.getConference(user, { slug, locale })),
    orRespond(matching.listCounterparts(user, { slug })),
  ]);
  const done = new URL(request.url).searchParams.get("done");
  return json({
    conference: page.conference,
    ...list,
    locale,
    rules: context.services.forms.rules("meetingRequest").meetingRequest,
    done: (DONE as readonly string[]).includes(done ?? "") ? done : null,
    title: i18n.t(locale)("conferences:partners.title", { name: page.conference.name }),
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
  const work: Record<string, () => Promise<unknown>> = {
    mark: () => m.setPreference(user, { slug, form: values }),
    request: () => m.requestMeeting(user, { slug, form: values }),
    answer: () => m.answerMeetingRequest(user, { slug, form: values }),
  };
  const outcome = await runIntent(values, work[intent] ?? null);
  if (!outcome.ok) return outcome.response;
  const target = values.targetId ? `#p-${String(values.targetId)}` : "";
  return redirect(`/conferences/${slug}/participants?done=${intent}${target}`);
}

export default function ConferencePartners() {
  const { conference: c, me, open, counterparts, locale, done, title } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  const busy = useSubmitting();
  const self = `/conferences/${c.slug}/participants`;
  return (
    <div className="container section">
      <nav aria-label={t("common:breadcrumb")} className="breadcrumb">
        <Link to="/conferences">{t("conferences:list.title")}</Link> ›{" "}
        <Link to={`/conferences/${c.slug}`}>{c.name}</Link> › {t("conferences:partners.crumb")}
      </nav>
      <h1>{title}</h1>
      <UnclaimedFailure claimed={(f) => ["mark", "request", "answer"].includes(f.intent)} />
      {done && (
        <p className="notice notice-approved" role="status">
          {t(`conferences:partners.done.${done}`)}
        </p>
      )}
      <p className="muted">{t(open ? "conferences:partners.help" : "conferences:partners.closed")}</p>
      <p>
        <Link to={`/conferences/${c.slug}/agenda`}>{t("conferences:page.myAgenda")}</Link>
      </p>
      {counterparts.length === 0 && <p className="muted">{t(`conferences:partners.none.${me.side}`)}</p>}
      <ul className="partner-list plain">
        {counterparts.map((p) => {
          const key = { name: "targetId", value: String(p.id) };
          const markFailure = failureOf(data, "mark", key);
          const requestFailure = failureOf(data, "request", key);
          return (
            <li key={p.id} id={`p-${p.id}`} className="card">
              <h2>
                {p.slug ? <Link to={`/cooperatives/${p.slug}`}>{p.name}</Link> : p.name}
                {p.province && <span className="muted small"> · {p.province}</span>}
              </h2>
              {p.interests.length > 0 && (
                <p>
                  <span className="muted">{t(`conferences:partners.interests.${p.side}`)}</span>{" "}
                  {p.interests.join("; ")}
                </p>
              )}
              {open ? (
                <IntentForm intent="mark" action={self} className="inline-form" labelledBy={`mark-${p.id}`}>
                  <input type="hidden" name="targetId" value={p.id} />
                  <FormError errors={markFailure?.errors} />
                  <fieldset className="choice-row">
                    <legend id={`mark-${p.id}`}>
                      {t("conferences:partners.markLegend", { name: p.name })}
                    </legend>
                    {[...PREFERENCE_LEVELS, ""].map((level) => (
                      <label key={level || "none"} className="radio">
                        <input
                          type="radio"
                          name="level"
                          value={level}
                          defaultChecked={(p.mark ?? "") === level}
                        />
                        <span>{t(`conferences:partners.level.${level || "none"}`)}</span>
                      </label>
                    ))}
                  </fieldset>
                  <button type="submit" className="button button-small button-secondary" disabled={busy}>
                    {t("conferences:partners.saveMark")}
                  </button>
                </IntentForm>
              ) : (
                p.mark && <p>{t(`conferences:partners.level.${p.mark}`)}</p>
              )}
              {p.request ? (
                <div className="request">
                  <p>
                    {t(
                      `conferences:partners.request.${p.request.mine ? "mine" : "theirs"}.${p.request.status}`,
                      {
                        date: formatDate(p.request.respondBy, locale),
                      },
                    )}
                  </p>
                  {p.request.message && <blockquote>{p.request.message}</blockquote>}
                  {p.request.status === "pending" && (
                    <div className="actions">
                      {(p.request.mine ? (["withdraw"] as const) : (["accept", "decline"] as const)).map(
                        (answer) => (
                          <IntentForm key={answer} intent="answer" action={self} className="inline-form">
                            <input type="hidden" name="requestId" value={p.request!.id} />
                            <input type="hidden" name="answer" value={answer} />
                            <button
                              type="submit"
                              className={
                                answer === "accept"
                                  ? "button button-small"
                                  : "button button-small button-secondary"
                              }
                              disabled={busy}
                            >
                              {t(`conferences:partners.answer.${answer}`)}
                            </button>
                          </IntentForm>
                        ),
                      )}
                    </div>
                  )}
                </div>
              ) : (
                open &&
                p.mark !== "not" && (
                  <details>
                    <summary>{t("conferences:partners.requestMeeting")}</summary>
                    <IntentForm intent="request" action={self}>
                      <input type="hidden" name="targetId" value={p.id} />
                      <FormError errors={requestFailure?.errors} />
                      <label htmlFor={`message-${p.id}`}>{t("conferences:partners.message")}</label>
                      <textarea
                        id={`message-${p.id}`}
                        name="message"
                        rows={2}
                        maxLength={1000}
                        defaultValue={requestFailure?.values.message as string | undefined}
                      />
                      <button type="submit" className="button button-small" disabled={busy}>
                        {t("conferences:partners.sendRequest")}
                      </button>
                    </IntentForm>
                  </details>
                )
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
