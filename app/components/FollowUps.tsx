import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { FollowUpRow } from "../../server/agreements/follow-ups";
import { formatDate } from "../../server/vocabulary/format";
import type { Locale } from "../../server/vocabulary/locale";
import { followUpWhat } from "../lib/follow-ups";
import { SelectField, TextArea, valueOf } from "./Fields";
import { IntentForm, useIntentFailure, useSubmitting } from "./IntentForm";

/** A follow-up as the page gets it (server/agreements/follow-ups.ts); across agreements, with the agreement's row. */
export type FollowUpView = Omit<FollowUpRow, "agreement"> & { agreement?: FollowUpRow["agreement"] };

/** The due day, and how late it is: overdue ones stand out in words, not only in colour. */
export function DueDay({ f, locale, today }: { f: FollowUpView; locale: Locale; today: string }) {
  const { t } = useTranslation();
  return (
    <>
      <time dateTime={f.dueOn}>{formatDate(f.dueOn, locale)}</time>
      {f.overdue && (
        <strong className="block overdue">{t("followUps:overdue", { count: f.daysLate })}</strong>
      )}
      {f.status === "open" && f.dueOn === today && (
        <strong className="block">{t("followUps:dueToday")}</strong>
      )}
    </>
  );
}

/** Completing a follow-up asks what came of it; the text typed stays when it is refused. */
export function CompleteFollowUp({ f }: { f: FollowUpView }) {
  const { t } = useTranslation();
  const failure = useIntentFailure("follow_up_done", { name: "followUpId", value: String(f.id) });
  const submitting = useSubmitting();
  return (
    <details open={failure !== undefined}>
      <summary>{t("followUps:complete")}</summary>
      <IntentForm intent="follow_up_done">
        <input type="hidden" name="followUpId" value={f.id} />
        <TextArea
          id={`outcome-${f.id}`}
          name="outcome"
          rows={3}
          label={t("followUps:outcome")}
          hint={t("followUps:outcomeHint")}
          defaultValue={valueOf(failure?.values, "outcome")}
          errors={failure?.errors}
          required
        />
        <button type="submit" className="button" disabled={submitting}>
          {t("followUps:complete")}
        </button>
      </IntentForm>
    </details>
  );
}

/** Giving one follow-up to a staff member of the union, or back to the team. */
export function AssignFollowUp({
  f,
  staff,
}: {
  f: FollowUpView;
  staff: Array<{ id: number; name: string }>;
}) {
  const { t } = useTranslation();
  const failure = useIntentFailure("follow_up_assign", { name: "followUpId", value: String(f.id) });
  return (
    <IntentForm intent="follow_up_assign" className="inline-form">
      <input type="hidden" name="followUpId" value={f.id} />
      <SelectField
        id={`assignee-${f.id}`}
        name="assigneeId"
        label={t("followUps:agreement.assign")}
        placeholder={t("followUps:unassigned")}
        defaultValue={valueOf(failure?.values, "assigneeId", f.assigneeId)}
        errors={failure?.errors}
        options={staff.map((s) => ({ value: String(s.id), label: s.name }))}
      />
      <button type="submit" className="button button-secondary">
        {t("followUps:agreement.assign")}
      </button>
    </IntentForm>
  );
}

/** The follow-ups as a table: due day, what, the agreement (when listed across agreements), who, and actions. */
export function FollowUpTable({
  rows,
  locale,
  today,
  actions,
}: {
  rows: FollowUpView[];
  locale: Locale;
  today: string;
  actions: (f: FollowUpView) => React.ReactNode;
}) {
  const { t } = useTranslation();
  const across = rows.some((f) => f.agreement);
  return (
    <div className="table-scroll">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t("followUps:columns.due")}</th>
            <th scope="col">{t("followUps:columns.what")}</th>
            {across && <th scope="col">{t("followUps:columns.agreement")}</th>}
            <th scope="col">{t("followUps:columns.assignee")}</th>
            <th scope="col">{t("followUps:columns.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((f) => (
            <tr key={f.id} className={f.overdue ? "row-overdue" : undefined} id={`follow-up-${f.id}`}>
              <td>
                <DueDay f={f} locale={locale} today={today} />
              </td>
              <td>
                {followUpWhat(t, f, locale)}
                {f.status === "done" && (
                  <span className="block small">
                    {f.completedBy
                      ? `${t("followUps:doneBy", {
                          name: f.completedBy,
                          date: f.completedAt ? formatDate(f.completedAt, locale) : "",
                        })}: ${f.outcome ?? ""}`
                      : t("followUps:settledByDelivery", {
                          date: f.completedAt ? formatDate(f.completedAt, locale) : "",
                        })}
                  </span>
                )}
              </td>
              {across && f.agreement && (
                <td>
                  <Link to={`/agreements/${f.agreement.publicId}`}>{f.agreement.publicId}</Link>{" "}
                  <span className={`badge status-${f.agreement.status}`}>
                    {t(`agreements:status.${f.agreement.status}`)}
                  </span>
                  <span className="block small">{f.agreement.cooperative}</span>
                  <span className="block muted small">{f.agreement.buyer}</span>
                </td>
              )}
              <td>{f.assignee ?? <span className="muted">{t("followUps:unassigned")}</span>}</td>
              <td>{f.status === "open" ? actions(f) : null}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
