import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { buyerKindLabel, demandPrice, demandQuantity, demandWindow } from "../components/DemandCard";
import { FormError, SelectField, TextArea } from "../components/Fields";
import { failureOf, IntentForm, UnclaimedFailure, useSubmitting } from "../components/IntentForm";
import { MatchStatusBadge, ScoreBreakdown } from "../components/Matches";
import { OfferFacts } from "../components/OfferFields";
import { requireUser } from "../lib/auth.server";
import { orRespond, pathId, readForm, runIntent } from "../lib/forms.server";
import {
  DECLINE_REASONS,
  FIRST_OUTCOMES,
  FOLLOW_UP_OUTCOMES,
  type OutcomeStage,
} from "../../server/vocabulary/domain";
import { formatDate, formatDateTime } from "../../server/vocabulary/format";
import { ErrorPage } from "../root";

const SAVED = ["request", "accept", "decline", "withdraw", "dismiss", "message", "outcome"] as const;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const matchId = pathId(params.id, "match_not_found");
  const { matching, i18n, forms } = context.services;
  const locale = await i18n.getLocale(request);
  const match = await orRespond(matching.getMatch(user, { matchId, locale }));
  const agreements = await context.services.agreements.linkedAgreements(user, { matchIds: [matchId] });
  const saved = new URL(request.url).searchParams.get("saved");
  return json({
    match,
    agreements,
    locale,
    now: new Date().toISOString(),
    rules: forms.rules("matchRequest", "matchAccept", "matchDecline", "matchMessage", "outcome"),
    saved: (SAVED as readonly string[]).includes(saved ?? "") ? saved : null,
    title: i18n.t(locale)("matches:detail.title", { demand: match.demand.title }),
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
  { name: "robots", content: "noindex" },
];

/** Every form of the page: interest, the answers, withdrawal, dismissal, a message, an outcome. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const matchId = pathId(params.id, "match_not_found");
  const values = await readForm(request);
  const { matching } = context.services;
  const intent = String(values.intent ?? "");
  if (intent === "draft_agreement") {
    const drafted = await runIntent(values, () =>
      context.services.agreements.draftFromMatch(user, { matchId }),
    );
    if (!drafted.ok) return drafted.response;
    return redirect(`/agreements/${drafted.result.publicId}?done=drafted`);
  }
  const outcome = await runIntent<unknown>(
    values,
    intent === "outcome"
      ? () => matching.recordMatchOutcome(user, { matchId, form: values })
      : (SAVED as readonly string[]).includes(intent)
        ? () => matching.actOnMatch(user, { matchId, form: values })
        : null,
  );
  if (!outcome.ok) return outcome.response;
  const anchor = intent === "message" ? "#thread" : intent === "outcome" ? "#outcome" : "";
  return redirect(`/matches/${matchId}?saved=${intent}${anchor}`);
}

export default function MatchPage() {
  const { match: m, agreements, locale, now, rules, saved, title } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  const busy = useSubmitting();
  const self = `/matches/${m.id}`;
  const party = m.side !== "staff";
  const can = (a: string) => (m.actions as string[]).includes(a);
  const window = demandWindow(m.demand, t, locale);
  const authorName = (msg: (typeof m.messages)[number]) =>
    msg.mine ? t("matches:detail.you") : msg.author || t("matches:detail.aBuyer");
  const outcomeOf = (side: string, stage: OutcomeStage) =>
    m.outcomes.find((o) => o.side === side && o.stage === stage);
  const followUpOpen = m.followUpAt !== null && m.followUpAt <= now;
  return (
    <div className="container section">
      <nav aria-label={t("common:breadcrumb")} className="breadcrumb">
        {m.side === "buyer" ? (
          <Link to="/account/matches">{t("matches:detail.breadcrumbBuyer")}</Link>
        ) : m.side === "cooperative" ? (
          <Link to="/cooperative/matches">{t("matches:detail.breadcrumbCooperative")}</Link>
        ) : (
          <Link to="/staff/matching">{t("matches:staff.title")}</Link>
        )}{" "}
        › {m.side === "buyer" ? m.offer.title : m.demand.title}
      </nav>
      <h1>{title}</h1>
      <UnclaimedFailure
        claimed={(f) =>
          ["request", "accept", "decline", "message", "outcome", "draft_agreement"].includes(f.intent)
        }
      />
      {saved && (
        <p className="notice notice-approved" role="status">
          {t(`matches:saved.${saved}`)}
        </p>
      )}
      {!party && <p className="notice notice-pending">{t("matches:detail.staffNote")}</p>}
      <p>
        <MatchStatusBadge status={m.status} requestedBy={m.requestedBy} side={m.side} />
        {m.requestedAt && (
          <> · {t("matches:detail.requestedAt", { date: formatDateTime(m.requestedAt, locale) })}</>
        )}
        {m.status === "requested" && m.respondBy && (
          <> · {t("matches:respondBy", { date: formatDate(m.respondBy, locale) })}</>
        )}
      </p>
      {m.status === "declined" && m.declineReason && (
        <p className="notice notice-rejected">
          {t("matches:detail.declined", { reason: t(`matches:declineReason.${m.declineReason}`) })}
        </p>
      )}
      {(m.status === "expired" || m.status === "withdrawn" || m.status === "dismissed") && (
        <p className="notice notice-pending">{t(`matches:detail.${m.status}`)}</p>
      )}

      <div className="match-layout">
        <section className="card" aria-labelledby="breakdown-title">
          <h2 id="breakdown-title">{t("matches:detail.breakdown")}</h2>
          <ScoreBreakdown score={m.score} criteria={m.criteria} demand={m.demand} />
        </section>

        <section className="card" aria-labelledby="demand-title">
          <h2 id="demand-title">{t("matches:detail.demand")}</h2>
          <h3>{m.demand.title}</h3>
          <p>{m.demand.description}</p>
          <ul className="plain">
            <li>{demandQuantity(m.demand, t, locale)}</li>
            <li>{demandPrice(m.demand, t, locale)}</li>
            <li>{m.demand.deliveryProvince.name}</li>
            {window && <li>{window}</li>}
            {m.demand.certifications.length > 0 && (
              <li>{m.demand.certifications.map((c) => t(`catalogue:certification.${c}`)).join(", ")}</li>
            )}
            <li>{t("matches:detail.buyerKind", { kind: buyerKindLabel(m.demand.buyerKind, t) })}</li>
          </ul>
        </section>

        <section className="card" aria-labelledby="offer-title">
          <h2 id="offer-title">{t("matches:detail.offer")}</h2>
          <h3>{m.offerDetail.title}</h3>
          <p>
            <Link to={`/cooperatives/${m.offer.cooperative.slug}`}>{m.offer.cooperative.name}</Link> ·{" "}
            {m.offer.cooperative.province}
          </p>
          <p>{m.offerDetail.description}</p>
          <OfferFacts offer={m.offerDetail} locale={locale} />
        </section>

        <section className="card" aria-labelledby="contacts-title">
          <h2 id="contacts-title">{t("matches:detail.contacts")}</h2>
          {m.buyerContact && m.cooperativeContact ? (
            <dl className="contact-cards">
              {[
                ["buyerContact", m.buyerContact],
                ["cooperativeContact", m.cooperativeContact],
              ].map(([key, c]) => {
                const contact = c as typeof m.buyerContact & object;
                return (
                  <div key={key as string}>
                    <dt>{t(`matches:detail.${key as string}`)}</dt>
                    <dd>
                      {contact.name}
                      {contact.organisation && ` · ${contact.organisation}`}
                      {contact.phone && (
                        <>
                          <br />
                          {t("matches:detail.phone", { phone: contact.phone })}
                        </>
                      )}
                      {contact.email && (
                        <>
                          <br />
                          {t("matches:detail.email", { email: contact.email })}
                        </>
                      )}
                    </dd>
                  </div>
                );
              })}
            </dl>
          ) : (
            <p className="muted">{t("matches:detail.contactsHidden")}</p>
          )}
        </section>
      </div>

      {party && m.actions.length > 0 && (
        <section className="card" aria-labelledby="actions-title">
          <h2 id="actions-title">{t("matches:action.title")}</h2>
          {can("request") && (
            <IntentForm intent="request" action={self} rules={rules.matchRequest}>
              <FormError errors={failureOf(data, "request")?.errors} />
              <IntentText
                intent="request"
                name="message"
                label={t("matches:action.requestMessage")}
                hint={t("matches:action.requestHint")}
              />
              <button type="submit" className="button" disabled={busy}>
                {t("matches:action.request")}
              </button>
            </IntentForm>
          )}
          {can("accept") && (
            <IntentForm intent="accept" action={self} rules={rules.matchAccept}>
              <FormError errors={failureOf(data, "accept")?.errors} />
              <IntentText
                intent="accept"
                name="message"
                id="accept-message"
                rows={3}
                label={t("matches:action.acceptMessage")}
              />
              <button type="submit" className="button" disabled={busy}>
                {t("matches:action.accept")}
              </button>
            </IntentForm>
          )}
          {can("decline") && (
            <IntentForm intent="decline" action={self} rules={rules.matchDecline}>
              <FormError errors={failureOf(data, "decline")?.errors} />
              <SelectField
                name="reason"
                label={t("matches:action.declineReason")}
                placeholder="—"
                options={DECLINE_REASONS.map((r) => ({ value: r, label: t(`matches:declineReason.${r}`) }))}
                errors={failureOf(data, "decline")?.errors}
                defaultValue={failureOf(data, "decline")?.values.reason as string | undefined}
              />
              <IntentText
                intent="decline"
                name="message"
                id="decline-message"
                rows={3}
                label={t("matches:action.declineMessage")}
              />
              <button type="submit" className="button button-secondary" disabled={busy}>
                {t("matches:action.decline")}
              </button>
            </IntentForm>
          )}
          {can("withdraw") && (
            <IntentForm intent="withdraw" action={self} confirm={t("matches:action.withdrawConfirm")}>
              <button type="submit" className="button button-secondary" disabled={busy}>
                {t("matches:action.withdraw")}
              </button>
            </IntentForm>
          )}
          {can("dismiss") && (
            <IntentForm intent="dismiss" action={self} confirm={t("matches:action.dismissConfirm")}>
              <button type="submit" className="button button-secondary" disabled={busy}>
                {t("matches:action.dismiss")}
              </button>
            </IntentForm>
          )}
        </section>
      )}

      <section className="card" id="thread" aria-labelledby="thread-title">
        <h2 id="thread-title">{t("matches:detail.thread")}</h2>
        {m.messages.length === 0 ? (
          <p className="muted">{t("matches:detail.noMessages")}</p>
        ) : (
          <ol className="thread">
            {m.messages.map((msg) => (
              <li key={msg.id} className={msg.mine ? "message message-mine" : "message"}>
                <p className="muted small">
                  <strong>{authorName(msg)}</strong> · {formatDateTime(msg.at, locale)}
                </p>
                <p className="message-body">{msg.body}</p>
              </li>
            ))}
          </ol>
        )}
        {party && m.status === "connected" && (
          <IntentForm intent="message" action={self} rules={rules.matchMessage}>
            <FormError errors={failureOf(data, "message")?.errors} />
            <IntentText intent="message" name="body" rows={3} label={t("matches:action.messageLabel")} />
            <button type="submit" className="button" disabled={busy}>
              {t("matches:action.send")}
            </button>
          </IntentForm>
        )}
      </section>

      {party && m.status === "connected" && (
        <section className="card" aria-labelledby="agreement-title">
          <h2 id="agreement-title">{t("agreements:form.draft")}</h2>
          <p className="muted">{t("agreements:form.draftHint")}</p>
          {agreements.length > 0 && (
            <ul>
              {agreements.map((a) => (
                <li key={a.publicId}>
                  <Link to={`/agreements/${a.publicId}`}>{a.publicId}</Link> ·{" "}
                  {t(`agreements:status.${a.status}`)}
                </li>
              ))}
            </ul>
          )}
          <IntentForm intent="draft_agreement" action={self}>
            <FormError errors={failureOf(data, "draft_agreement")?.errors} />
            <button type="submit" className="button" disabled={busy}>
              {t("agreements:form.draft")}
            </button>
          </IntentForm>
        </section>
      )}

      {m.status === "connected" && (
        <section className="card" id="outcome" aria-labelledby="outcome-title">
          <h2 id="outcome-title">{t("matches:outcome.title")}</h2>
          <p className="muted">{t("matches:outcome.intro")}</p>
          {m.followUpAt &&
            (followUpOpen ? (
              <p className="notice notice-pending">{t("matches:outcome.followUpDue")}</p>
            ) : (
              <p className="muted small">
                {t("matches:outcome.followUpFrom", { date: formatDate(m.followUpAt, locale) })}
              </p>
            ))}
          {(["first", "follow_up"] as const).map((stage) => {
            const key = { name: "stage", value: stage };
            const failure = failureOf(data, "outcome", key);
            const mine = party ? outcomeOf(m.side, stage) : undefined;
            const ladder = stage === "first" ? FIRST_OUTCOMES : FOLLOW_UP_OUTCOMES;
            return (
              <div key={stage} className="outcome-stage">
                <h3>{t(`matches:outcome.stage.${stage}`)}</h3>
                <ul className="plain">
                  {(["buyer", "cooperative"] as const).map((side) => {
                    const o = outcomeOf(side, stage);
                    return (
                      <li key={side}>
                        {t("matches:outcome.recorded", {
                          side: t(`matches:outcome.side.${side}`),
                          outcome: o ? t(`matches:outcome.value.${o.outcome}`) : t("matches:outcome.notYet"),
                        })}
                        {o?.note && <span className="muted"> — {o.note}</span>}
                      </li>
                    );
                  })}
                </ul>
                {party && (
                  <IntentForm intent="outcome" action={self} rules={rules.outcome} id={`outcome-${stage}`}>
                    <input type="hidden" name="stage" value={stage} />
                    <FormError errors={failure?.errors} />
                    <SelectField
                      name="outcome"
                      id={`outcome-${stage}-value`}
                      label={t("matches:outcome.outcome")}
                      placeholder="—"
                      options={ladder.map((o) => ({ value: o, label: t(`matches:outcome.value.${o}`) }))}
                      errors={failure?.errors}
                      defaultValue={(failure?.values.outcome as string | undefined) ?? mine?.outcome}
                    />
                    <TextArea
                      name="note"
                      id={`outcome-${stage}-note`}
                      rows={2}
                      label={t("matches:outcome.note")}
                      errors={failure?.errors}
                      defaultValue={(failure?.values.note as string | undefined) ?? mine?.note}
                    />
                    <button type="submit" className="button button-secondary" disabled={busy}>
                      {t("matches:outcome.save")}
                    </button>
                  </IntentForm>
                )}
              </div>
            );
          })}
        </section>
      )}
    </div>
  );
}

/** A text field of one of the page's forms, keeping what was typed when that form came back with an error. */
function IntentText({
  intent,
  name,
  ...props
}: {
  intent: string;
  name: string;
  id?: string;
  rows?: number;
  label: string;
  hint?: string;
}) {
  const failure = failureOf(useActionData<typeof action>(), intent);
  return (
    <TextArea
      name={name}
      errors={failure?.errors}
      defaultValue={failure?.values[name] as string | undefined}
      {...props}
    />
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
