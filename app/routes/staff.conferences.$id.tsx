import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ConferenceFields } from "../components/ConferenceFields";
import { ConferencePhaseBadge, conferenceDays, slotsByDay, slotTime } from "../components/Conferences";
import { FieldRules, FormError, TextField } from "../components/Fields";
import { failureOf, IntentForm, UnclaimedFailure, useSubmitting } from "../components/IntentForm";
import { Timetable } from "../components/Timetable";
import { requireRole } from "../lib/auth.server";
import { formId, orRespond, pathId, readForm, runIntent } from "../lib/forms.server";
import type { ConferenceAction } from "../../server/matching/conference-kit";
import { formatDate, formatNumber } from "../../server/vocabulary/format";
import { ErrorPage } from "../root";

const DONE = [
  "created",
  "update",
  "phase",
  "slots",
  "deleteSlot",
  "participant",
  "move",
  "addMeeting",
  "mark",
] as const;
const PHASE_ACTIONS: readonly ConferenceAction[] = [
  "open_registration",
  "close_preferences",
  "reopen_preferences",
  "schedule",
  "publish",
  "finish",
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const staff = requireRole(context, request, "staff");
  const id = pathId(params.id, "conference_not_found");
  const { matching, fairs, forms, i18n } = context.services;
  const locale = await i18n.getLocale(request);
  const [view, fairList] = await Promise.all([
    orRespond(matching.getConferenceForStaff(staff, { id, locale })),
    fairs.listFairsForStaff(staff, { locale }),
  ]);
  const done = new URL(request.url).searchParams.get("done");
  return json({
    view,
    locale,
    fairs: fairList.map((f) => ({ id: f.id, name: f.name })),
    rules: forms.rules("conference", "slotRun", "addParticipant", "moveMeeting"),
    done: (DONE as readonly string[]).includes(done ?? "") ? done : null,
    title: view.conference.name,
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
];

/** Every staff form of a conference, told apart by its intent. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const staff = requireRole(context, request, "staff");
  const id = pathId(params.id, "conference_not_found");
  const values = await readForm(request);
  const m = context.services.matching;
  const intent = String(values.intent ?? "");
  const work: Record<string, () => Promise<unknown>> = {
    update: () => m.updateConference(staff, { id, form: values }),
    phase: async () => {
      const action = String(values.action ?? "") as ConferenceAction;
      if (!PHASE_ACTIONS.includes(action)) throw json({ error: { code: "unknown_intent" } }, { status: 400 });
      return m.moveConference(staff, { id, action });
    },
    slots: () => m.addSlots(staff, { id, form: values }),
    deleteSlot: () => m.deleteSlot(staff, { id, slotId: formId(values, "slotId") }),
    participant: () => m.addParticipant(staff, { id, form: values }),
    move: () => m.moveMeeting(staff, { id, form: values }),
    addMeeting: () => m.addMeeting(staff, { id, form: values }),
    mark: () => m.markMeeting(staff, { id, form: values }),
  };
  const outcome = await runIntent(values, work[intent] ?? null);
  if (!outcome.ok) return outcome.response;
  const anchor = intent === "move" || intent === "addMeeting" || intent === "mark" ? "#timetable" : "";
  return redirect(`/staff/conferences/${id}?done=${intent}${anchor}`);
}

export default function StaffConference() {
  const { view, locale, fairs, rules, done } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  const busy = useSubmitting();
  const c = view.conference;
  const self = `/staff/conferences/${view.id}`;
  const s = view.stats;
  return (
    <>
      <nav aria-label={t("common:breadcrumb")} className="breadcrumb">
        <Link to="/staff/conferences">{t("conferences:staff.title")}</Link> › <span>{c.name}</span>
      </nav>
      <h1>{c.name}</h1>
      <UnclaimedFailure
        claimed={(f) =>
          ["update", "slots", "participant", "move", "addMeeting", "phase", "deleteSlot", "mark"].includes(
            f.intent,
          )
        }
      />
      {done && (
        <p className="notice notice-approved" role="status">
          {t(`conferences:staff.done.${done}`)}
        </p>
      )}
      <p>
        <ConferencePhaseBadge phase={c.phase} /> · {conferenceDays(c, locale)} · {c.venue}
        {c.phase !== "draft" && (
          <>
            {" · "}
            <Link to={`/conferences/${c.slug}`}>{t("conferences:staff.publicPage")}</Link>
          </>
        )}
      </p>

      <section className="card" aria-labelledby="phase-title">
        <h2 id="phase-title">{t("conferences:staff.phaseTitle")}</h2>
        <p className="muted">{t(`conferences:staff.phaseHelp.${c.phase}`)}</p>
        <FormError errors={failureOf(data, "phase")?.errors} />
        <div className="actions">
          {view.actions.map((a) => (
            <IntentForm key={a} intent="phase" action={self} className="inline-form">
              <input type="hidden" name="action" value={a} />
              <button
                type="submit"
                className={a === "reopen_preferences" ? "button button-secondary" : "button"}
                disabled={busy}
              >
                {t(
                  `conferences:staff.action.${a === "schedule" && c.phase === "published" ? "scheduleLate" : a}`,
                )}
              </button>
            </IntentForm>
          ))}
        </div>
      </section>

      {view.meetings.length > 0 && (
        <section className="card" id="timetable" aria-labelledby="timetable-title">
          <h2 id="timetable-title">{t("conferences:staff.timetable")}</h2>
          <dl className="stat-cards">
            <div>
              <dt>{t("conferences:staff.stats.placed")}</dt>
              <dd>
                {t("conferences:staff.stats.placedValue", { placed: s.placed, requested: s.requested })}
              </dd>
            </div>
            <div>
              <dt>{t("conferences:staff.stats.meetings")}</dt>
              <dd>{formatNumber(s.meetings, locale)}</dd>
            </div>
            <div>
              <dt>{t("conferences:staff.stats.slots")}</dt>
              <dd>{t("conferences:staff.stats.slotsValue", { used: s.slotsUsed, bound: s.lowerBound })}</dd>
            </div>
            <div>
              <dt>{t("conferences:staff.stats.held")}</dt>
              <dd>{t("conferences:staff.stats.heldValue", { held: s.held, noShow: s.noShow })}</dd>
            </div>
          </dl>
          <p className="muted small">{t("conferences:staff.stats.boundHelp")}</p>
          <FormError errors={failureOf(data, "move")?.errors ?? failureOf(data, "mark")?.errors} />
          <Timetable
            view={view}
            locale={locale}
            action={self}
            rules={rules.moveMeeting}
            failure={failureOf(data, "move")}
          />
          {view.unplaced.length > 0 && (
            <>
              <h3>{t("conferences:staff.unplaced", { count: view.unplaced.length })}</h3>
              <FormError errors={failureOf(data, "addMeeting")?.errors} />
              <ul className="plain">
                {view.unplaced.map((u) => (
                  <li key={`${u.buyerId}:${u.cooperativeId}`}>
                    {u.buyer} ↔ {u.cooperative}{" "}
                    {(c.phase === "provisional" || c.phase === "published") && (
                      <IntentForm intent="addMeeting" action={self} className="inline-form">
                        <input type="hidden" name="buyerId" value={u.buyerId} />
                        <input type="hidden" name="cooperativeId" value={u.cooperativeId} />
                        <button
                          type="submit"
                          className="button button-small button-secondary"
                          disabled={busy}
                        >
                          {t("conferences:staff.place")}
                        </button>
                      </IntentForm>
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}

      <section className="card" aria-labelledby="slots-title">
        <h2 id="slots-title">{t("conferences:staff.slots")}</h2>
        {view.slots.length === 0 && <p className="muted">{t("conferences:staff.noSlots")}</p>}
        <FormError errors={failureOf(data, "deleteSlot")?.errors} />
        {slotsByDay(view.slots).map(([day, slots]) => (
          <div key={day}>
            <h3>{formatDate(day, locale)}</h3>
            <ul className="slot-list">
              {slots.map((slot) => (
                <li key={slot.id}>
                  {slotTime(slot, locale)}{" "}
                  {c.phase !== "finished" && (
                    <IntentForm
                      intent="deleteSlot"
                      action={self}
                      className="inline-form"
                      confirm={t("conferences:staff.deleteSlotConfirm")}
                    >
                      <input type="hidden" name="slotId" value={slot.id} />
                      <button
                        type="submit"
                        className="link-button"
                        disabled={busy}
                        aria-label={t("conferences:staff.deleteSlotLabel", { time: slotTime(slot, locale) })}
                      >
                        {t("conferences:staff.deleteSlot")}
                      </button>
                    </IntentForm>
                  )}
                </li>
              ))}
            </ul>
          </div>
        ))}
        {c.phase !== "finished" && (
          <IntentForm intent="slots" action={self} rules={rules.slotRun} labelledBy="slot-run-title">
            <h3 id="slot-run-title">{t("conferences:staff.addSlots")}</h3>
            <FormError errors={failureOf(data, "slots")?.errors} />
            <div className="field-row">
              <TextField
                name="day"
                type="date"
                label={t("conferences:staff.slotDay")}
                errors={failureOf(data, "slots")?.errors}
                defaultValue={(failureOf(data, "slots")?.values.day as string) ?? c.startsOn}
              />
              <TextField
                name="from"
                type="time"
                label={t("conferences:staff.slotFrom")}
                errors={failureOf(data, "slots")?.errors}
                defaultValue={(failureOf(data, "slots")?.values.from as string) ?? "08:00"}
              />
              <TextField
                name="to"
                type="time"
                label={t("conferences:staff.slotTo")}
                errors={failureOf(data, "slots")?.errors}
                defaultValue={(failureOf(data, "slots")?.values.to as string) ?? "11:30"}
              />
              <TextField
                name="breakFrom"
                type="time"
                label={t("conferences:staff.breakFrom")}
                errors={failureOf(data, "slots")?.errors}
                defaultValue={failureOf(data, "slots")?.values.breakFrom as string}
              />
              <TextField
                name="breakTo"
                type="time"
                label={t("conferences:staff.breakTo")}
                errors={failureOf(data, "slots")?.errors}
                defaultValue={failureOf(data, "slots")?.values.breakTo as string}
              />
            </div>
            <button type="submit" className="button button-secondary" disabled={busy}>
              {t("conferences:staff.addSlotsSubmit", { minutes: c.meetingMinutes })}
            </button>
          </IntentForm>
        )}
      </section>

      <section className="card" aria-labelledby="participants-title">
        <h2 id="participants-title">
          {t("conferences:staff.participantsTitle", { count: view.participants.length })}
        </h2>
        {view.participants.length > 0 && (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("conferences:staff.participant")}</th>
                <th scope="col">{t("conferences:staff.side")}</th>
                <th scope="col" className="num">
                  {t("conferences:staff.meetingsOfCap")}
                </th>
                <th scope="col" className="num">
                  {t("conferences:staff.unavailable")}
                </th>
              </tr>
            </thead>
            <tbody>
              {view.participants.map((p) => (
                <tr key={p.id}>
                  <td>{p.name}</td>
                  <td>{t(`conferences:side.${p.side}`)}</td>
                  <td className="num">
                    {p.meetings}/{p.maxMeetings}
                  </td>
                  <td className="num">{p.unavailable}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {c.phase !== "finished" && (
          <IntentForm
            intent="participant"
            action={self}
            rules={rules.addParticipant}
            labelledBy="add-participant-title"
          >
            <h3 id="add-participant-title">{t("conferences:staff.addParticipant")}</h3>
            <FormError errors={failureOf(data, "participant")?.errors} />
            <div className="field-row">
              <TextField
                name="who"
                label={t("conferences:staff.who")}
                hint={t("conferences:staff.whoHint")}
                errors={failureOf(data, "participant")?.errors}
                defaultValue={failureOf(data, "participant")?.values.who as string}
              />
              <TextField
                name="maxMeetings"
                type="number"
                inputMode="numeric"
                label={t("conferences:staff.participantCap")}
                errors={failureOf(data, "participant")?.errors}
                defaultValue={failureOf(data, "participant")?.values.maxMeetings as string}
              />
            </div>
            <button type="submit" className="button button-secondary" disabled={busy}>
              {t("conferences:staff.addParticipantSubmit")}
            </button>
          </IntentForm>
        )}
      </section>

      <section className="card" aria-labelledby="details-title">
        <h2 id="details-title">{t("conferences:staff.details")}</h2>
        <IntentForm intent="update" action={self}>
          <FieldRules rules={rules.conference}>
            <FormError errors={failureOf(data, "update")?.errors} />
            <ConferenceFields
              errors={failureOf(data, "update")?.errors}
              values={failureOf(data, "update")?.values}
              defaults={view.form}
              fairs={fairs}
            />
            <button type="submit" className="button" disabled={busy}>
              {t("conferences:staff.save")}
            </button>
          </FieldRules>
        </IntentForm>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
