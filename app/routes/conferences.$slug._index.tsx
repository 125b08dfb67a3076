import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ConferencePhaseBadge, conferenceDays, slotsByDay, slotTime } from "../components/Conferences";
import { FieldMessage, FormError } from "../components/Fields";
import { failureOf, IntentForm, UnclaimedFailure, useSubmitting } from "../components/IntentForm";
import { requireUser } from "../lib/auth.server";
import { conferenceSlugFrom } from "../lib/conferences.server";
import { orRespond, readForm, runIntent } from "../lib/forms.server";
import { formatDate, formatDateTime } from "../../server/vocabulary/format";
import { ErrorPage } from "../root";

const DONE = ["register", "cancel", "availability"] as const;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const slug = conferenceSlugFrom(params.slug);
  const user = context.user;
  const { matching, i18n } = context.services;
  const locale = await i18n.getLocale(request);
  const page = await orRespond(matching.getConference(user, { slug, locale }));
  const done = new URL(request.url).searchParams.get("done");
  return json({
    ...page,
    locale,
    role: user?.role ?? null,
    approvedCooperative: user?.role !== "cooperative" || user.cooperative?.status === "approved",
    done: (DONE as readonly string[]).includes(done ?? "") ? done : null,
    title: page.conference.name,
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
  { name: "description", content: data?.conference.description.slice(0, 160) ?? "" },
];

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const slug = conferenceSlugFrom(params.slug);
  const values = await readForm(request);
  const m = context.services.matching;
  const intent = String(values.intent ?? "");
  const work: Record<string, () => Promise<unknown>> = {
    register: () => m.registerForConference(user, { slug }),
    cancel: () => m.cancelRegistration(user, { slug }),
    availability: () => m.setAvailability(user, { slug, form: values }),
  };
  const outcome = await runIntent(values, work[intent] ?? null);
  if (!outcome.ok) return outcome.response;
  return redirect(`/conferences/${slug}?done=${intent}`);
}

export default function ConferencePage() {
  const {
    conference: c,
    slots,
    counts,
    registrationOpen,
    me,
    locale,
    role,
    approvedCooperative,
    done,
  } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  const busy = useSubmitting();
  const self = `/conferences/${c.slug}`;
  const canTakePart = role === "buyer" || (role === "cooperative" && approvedCooperative);
  const availability = failureOf(data, "availability");
  return (
    <div className="container section">
      <nav aria-label={t("common:breadcrumb")} className="breadcrumb">
        <Link to="/conferences">{t("conferences:list.title")}</Link> › {c.name}
      </nav>
      <h1>{c.name}</h1>
      <UnclaimedFailure claimed={(f) => ["register", "cancel", "availability"].includes(f.intent)} />
      {done && (
        <p className="notice notice-approved" role="status">
          {t(`conferences:page.done.${done}`)}
        </p>
      )}
      <p>
        <ConferencePhaseBadge phase={c.phase} /> · {conferenceDays(c, locale)}
      </p>
      <p>
        {c.venue}
        {c.address && `, ${c.address}`}, {c.province}
      </p>
      <p className="prose">{c.description}</p>
      <dl className="summary">
        <dt>{t("conferences:page.registration")}</dt>
        <dd>
          {t("conferences:page.registrationWindow", {
            from: formatDateTime(c.registrationOpensAt, locale),
            to: formatDateTime(c.registrationClosesAt, locale),
          })}
        </dd>
        <dt>{t("conferences:page.format")}</dt>
        <dd>{t("conferences:page.formatValue", { minutes: c.meetingMinutes, tables: c.tables })}</dd>
        <dt>{t("conferences:page.registered")}</dt>
        <dd>
          {t("conferences:page.registeredValue", {
            buyers: counts.buyers,
            cooperatives: counts.cooperatives,
          })}
        </dd>
      </dl>

      <section className="card" aria-labelledby="take-part-title">
        <h2 id="take-part-title">{t("conferences:page.takePart")}</h2>
        <FormError errors={failureOf(data, "register")?.errors ?? failureOf(data, "cancel")?.errors} />
        {me ? (
          <>
            <p>{t("conferences:page.youAreRegistered")}</p>
            <p className="actions">
              <Link to={`${self}/participants`} className="button">
                {t("conferences:page.choosePartners")}
              </Link>
              <Link to={`${self}/agenda`} className="button button-secondary">
                {t("conferences:page.myAgenda")}
              </Link>
            </p>
            {(c.phase === "registration" || c.phase === "preferences_closed") && (
              <IntentForm intent="cancel" action={self} confirm={t("conferences:page.cancelConfirm")}>
                <button type="submit" className="link-button" disabled={busy}>
                  {t("conferences:page.cancel")}
                </button>
              </IntentForm>
            )}
          </>
        ) : !role ? (
          <p>
            <Link to={`/login?redirectTo=${encodeURIComponent(self)}`}>
              {t("conferences:page.logInToRegister")}
            </Link>
          </p>
        ) : !canTakePart ? (
          <p className="muted">{t("conferences:page.forParticipants")}</p>
        ) : registrationOpen ? (
          <IntentForm intent="register" action={self}>
            <button type="submit" className="button" disabled={busy}>
              {t("conferences:page.register")}
            </button>
          </IntentForm>
        ) : (
          <p className="muted">{t("conferences:page.registrationClosed")}</p>
        )}
      </section>

      <section className="card" aria-labelledby="slots-title">
        <h2 id="slots-title">{t("conferences:page.slots")}</h2>
        {me && (c.phase === "registration" || c.phase === "preferences_closed") ? (
          <IntentForm intent="availability" action={self}>
            <p className="muted">{t("conferences:page.availabilityHelp")}</p>
            <FormError errors={availability?.errors} />
            {slotsByDay(slots).map(([day, list]) => (
              <fieldset key={day}>
                <legend>{formatDate(day, locale)}</legend>
                <div className="slot-checks">
                  {list.map((s) => (
                    <label key={s.id} className="checkbox">
                      <input
                        type="checkbox"
                        name="available"
                        value={s.id}
                        defaultChecked={!me.unavailable.includes(s.id)}
                        aria-describedby={availability?.errors.available ? "available-error" : undefined}
                      />
                      <span>{slotTime(s, locale)}</span>
                    </label>
                  ))}
                </div>
              </fieldset>
            ))}
            <FieldMessage id="available-error" error={availability?.errors.available} />
            <button type="submit" className="button button-secondary" disabled={busy}>
              {t("conferences:page.saveAvailability")}
            </button>
          </IntentForm>
        ) : (
          slotsByDay(slots).map(([day, list]) => (
            <p key={day}>
              <strong>{formatDate(day, locale)}</strong>: {list.map((s) => slotTime(s, locale)).join(", ")}
            </p>
          ))
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
