import { useTranslation } from "react-i18next";
import type { AgreementsService } from "../../server/agreements";
import { formatDate, formatDateTime, formatNumber } from "../../server/vocabulary/format";
import type { Locale } from "../../server/vocabulary/locale";
import { followUpWhat } from "../lib/follow-ups";
import { SelectField, TextArea, TextField, valueOf, type FormRules } from "./Fields";
import { AssignFollowUp, CompleteFollowUp, FollowUpTable } from "./FollowUps";
import { IntentForm, useIntentFailure, useSubmitting } from "./IntentForm";

/** What the loader hands the panel (server/agreements/following.ts followingOf). */
export type FollowingView = Awaited<ReturnType<AgreementsService["followingOf"]>>;

/**
 * The union staff's panel on a sealed agreement: who follows it, its follow-ups (complete, reassign, add), internal
 * notes, and the timeline of everything that happened to it. Parties never see it.
 */
export function AgreementFollowing({
  following,
  locale,
  today,
  requestId,
  rules,
}: {
  following: FollowingView;
  locale: Locale;
  today: string;
  /** The add forms' id: the same form sent twice adds once. */
  requestId: string;
  rules: Record<"followUp" | "agreementNote", FormRules>;
}) {
  const { t } = useTranslation();
  const submitting = useSubmitting();
  const owner = useIntentFailure("owner_assign");
  const add = useIntentFailure("follow_up_add");
  const note = useIntentFailure("note_add");
  const staffOptions = following.staff.map((s) => ({ value: String(s.id), label: s.name }));
  return (
    <section className="card stack" aria-labelledby="following-title">
      <h2 id="following-title">{t("followUps:agreement.title")}</h2>

      <IntentForm intent="owner_assign" className="inline-form">
        <SelectField
          id="owner"
          name="assigneeId"
          label={t("followUps:agreement.owner")}
          placeholder={t("followUps:agreement.noOwner")}
          defaultValue={valueOf(owner?.values, "assigneeId", following.owner?.id)}
          errors={owner?.errors}
          options={staffOptions}
        />
        <button type="submit" className="button button-secondary" disabled={submitting}>
          {t("followUps:agreement.ownerSubmit")}
        </button>
      </IntentForm>

      <h3>{t("followUps:agreement.followUps")}</h3>
      {following.followUps.length === 0 ? (
        <p className="muted">{t("followUps:agreement.none")}</p>
      ) : (
        <FollowUpTable
          rows={following.followUps}
          locale={locale}
          today={today}
          actions={(f) => (
            <>
              <CompleteFollowUp f={f} />
              <AssignFollowUp f={f} staff={following.staff} />
            </>
          )}
        />
      )}

      <details open={add !== undefined}>
        <summary>{t("followUps:agreement.add")}</summary>
        <IntentForm intent="follow_up_add" rules={rules.followUp}>
          <input type="hidden" name="requestId" value={valueOf(add?.values, "requestId") ?? requestId} />
          <TextField
            name="dueOn"
            type="date"
            label={t("followUps:agreement.dueOn")}
            defaultValue={valueOf(add?.values, "dueOn")}
            errors={add?.errors}
          />
          <TextArea
            name="note"
            rows={2}
            label={t("followUps:agreement.note")}
            defaultValue={valueOf(add?.values, "note")}
            errors={add?.errors}
          />
          <SelectField
            id="follow-up-assignee"
            name="assigneeId"
            label={t("followUps:agreement.assignee")}
            placeholder={t("followUps:agreement.defaultAssignee")}
            defaultValue={valueOf(add?.values, "assigneeId")}
            errors={add?.errors}
            options={staffOptions}
          />
          <button type="submit" className="button" disabled={submitting}>
            {t("followUps:agreement.submit")}
          </button>
        </IntentForm>
      </details>

      <h3>{t("followUps:agreement.notes")}</h3>
      <p className="muted small">{t("followUps:agreement.notesHint")}</p>
      <IntentForm intent="note_add" rules={rules.agreementNote}>
        <input type="hidden" name="requestId" value={valueOf(note?.values, "requestId") ?? requestId} />
        <TextArea
          id="note-body"
          name="body"
          rows={2}
          label={t("followUps:agreement.noteBody")}
          defaultValue={valueOf(note?.values, "body")}
          errors={note?.errors}
        />
        <button type="submit" className="button button-secondary" disabled={submitting}>
          {t("followUps:agreement.addNote")}
        </button>
      </IntentForm>

      <h3 id="timeline-title">{t("followUps:timeline.title")}</h3>
      <p className="muted small">{t("followUps:timeline.intro")}</p>
      {following.timeline.length === 0 ? (
        <p className="muted">{t("followUps:timeline.empty")}</p>
      ) : (
        <ol className="timeline plain" aria-labelledby="timeline-title">
          {following.timeline.map((entry, i) => (
            <li key={`${entry.kind}-${entry.at}-${i}`} className={`timeline-${entry.kind}`}>
              <time dateTime={entry.at} className="muted small">
                {formatDateTime(entry.at, locale)}
              </time>{" "}
              <strong>{entry.actor ?? t("followUps:timeline.system")}</strong>
              {": "}
              <TimelineText entry={entry} locale={locale} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function TimelineText({ entry, locale }: { entry: FollowingView["timeline"][number]; locale: Locale }) {
  const { t } = useTranslation();
  if (entry.kind === "note") return <span className="pre-line">{entry.body}</span>;
  if (entry.kind !== "trail") {
    const what = followUpWhat(t, entry.followUp, locale);
    if (entry.kind === "follow_up_added")
      return (
        <>{t("followUps:timeline.followUpAdded", { date: formatDate(entry.followUp.dueOn, locale), what })}</>
      );
    return (
      <>
        {entry.followUp.completedBy
          ? t("followUps:timeline.followUpDone", { what, outcome: entry.followUp.outcome ?? "" })
          : t("followUps:timeline.followUpSettled", { what })}
      </>
    );
  }
  const d = entry.detail;
  const label = t(`followUps:timeline.actions.${entry.action}`, {
    defaultValue: entry.action,
    version: d.version ?? "",
    quantity: d.quantity !== undefined ? formatNumber(d.quantity, locale) : "",
    date: d.deliveredOn ? formatDate(d.deliveredOn, locale) : "",
  });
  const why = d.note ?? d.reason;
  return (
    <>
      {label}
      {why ? ` — ${why}` : ""}
    </>
  );
}
