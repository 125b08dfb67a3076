import { useRef, type DragEvent } from "react";
import { useTranslation } from "react-i18next";
import type { Locale } from "../../server/vocabulary/locale";
import { slotTime } from "./Conferences";
import { FieldRules, SelectField, TextField, type FormRules } from "./Fields";
import { IntentForm, useSubmitting, type IntentFailureData } from "./IntentForm";

interface TimetableView {
  conference: { tables: number; phase: string };
  slots: Array<{ id: number; startsAt: string; endsAt: string }>;
  meetings: Array<{
    id: number;
    slotId: number | null;
    table: number | null;
    buyer: string;
    cooperative: string;
    status: string;
    published: boolean;
  }>;
}

/**
 * The timetable as slots × tables. A meeting is moved with the form under the grid — or, with JavaScript, by
 * dragging it onto a free cell, which fills that same form and sends it, so both ways take the server's checks
 * (a clash is refused by the database, never drawn). Marking a meeting held, no-show or cancelled has its form too.
 */
export function Timetable({
  view,
  locale,
  action,
  rules,
  failure,
}: {
  view: TimetableView;
  locale: Locale;
  action: string;
  rules: FormRules;
  failure: IntentFailureData | undefined;
}) {
  const { t } = useTranslation();
  const busy = useSubmitting();
  const moveForm = useRef<HTMLDivElement>(null);
  const tables = Array.from({ length: view.conference.tables }, (_, i) => i + 1);
  const at = new Map(view.meetings.filter((m) => m.slotId).map((m) => [`${m.slotId}/${m.table}`, m]));
  const movable = view.conference.phase === "provisional" || view.conference.phase === "published";
  const label = (m: TimetableView["meetings"][number]) => {
    const slot = view.slots.find((s) => s.id === m.slotId);
    return `${slot ? slotTime(slot, locale) : "—"} · ${t("conferences:table", { n: m.table })} · ${m.buyer} ↔ ${m.cooperative}`;
  };

  function drop(e: DragEvent<HTMLTableCellElement>, slotId: number, table: number) {
    e.preventDefault();
    const meetingId = e.dataTransfer.getData("text/plain");
    const form = moveForm.current?.querySelector("form");
    if (!meetingId || !form) return;
    (form.elements.namedItem("meetingId") as HTMLSelectElement).value = meetingId;
    (form.elements.namedItem("slotId") as HTMLSelectElement).value = String(slotId);
    (form.elements.namedItem("tableNo") as HTMLInputElement).value = String(table);
    form.requestSubmit();
  }

  return (
    <>
      <div className="timetable-scroll">
        <table className="timetable">
          <caption className="visually-hidden">{t("conferences:staff.timetable")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("conferences:time")}</th>
              {tables.map((n) => (
                <th key={n} scope="col">
                  {t("conferences:table", { n })}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {view.slots.map((slot) => (
              <tr key={slot.id}>
                <th scope="row">{slotTime(slot, locale)}</th>
                {tables.map((n) => {
                  const m = at.get(`${slot.id}/${n}`);
                  return (
                    <td
                      key={n}
                      className={m ? `meeting meeting-${m.status}` : "free"}
                      onDragOver={movable && !m ? (e) => e.preventDefault() : undefined}
                      onDrop={movable && !m ? (e) => drop(e, slot.id, n) : undefined}
                    >
                      {m && (
                        <span
                          className="meeting-chip"
                          draggable={movable && m.status === "scheduled"}
                          onDragStart={(e) => e.dataTransfer.setData("text/plain", String(m.id))}
                          title={label(m)}
                        >
                          {m.buyer}
                          <br />
                          {m.cooperative}
                          {m.status !== "scheduled" && (
                            <span className="muted small">
                              {" "}
                              · {t(`conferences:meetingStatus.${m.status}`)}
                            </span>
                          )}
                        </span>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {movable && (
        <div ref={moveForm}>
          <IntentForm intent="move" action={action} className="inline-form" labelledBy="move-title">
            <FieldRules rules={rules}>
              <h3 id="move-title">{t("conferences:staff.move")}</h3>
              <p className="muted small">{t("conferences:staff.moveHelp")}</p>
              <div className="field-row">
                <SelectField
                  name="meetingId"
                  label={t("conferences:staff.meeting")}
                  options={view.meetings
                    .filter((m) => m.status === "scheduled")
                    .map((m) => ({ value: String(m.id), label: label(m) }))}
                  errors={failure?.errors}
                  defaultValue={failure?.values.meetingId as string | undefined}
                />
                <SelectField
                  name="slotId"
                  label={t("conferences:staff.toSlot")}
                  options={view.slots.map((s) => ({ value: String(s.id), label: slotTime(s, locale) }))}
                  errors={failure?.errors}
                  defaultValue={failure?.values.slotId as string | undefined}
                />
                <TextField
                  name="tableNo"
                  type="number"
                  inputMode="numeric"
                  label={t("conferences:staff.toTable")}
                  errors={failure?.errors}
                  defaultValue={failure?.values.tableNo as string | undefined}
                  max={view.conference.tables}
                />
              </div>
              <button type="submit" className="button button-secondary" disabled={busy}>
                {t("conferences:staff.moveSubmit")}
              </button>
            </FieldRules>
          </IntentForm>
        </div>
      )}
      {(movable || view.conference.phase === "finished") && (
        <IntentForm intent="mark" action={action} className="inline-form" labelledBy="mark-title">
          <h3 id="mark-title">{t("conferences:staff.mark")}</h3>
          <div className="field-row">
            <SelectField
              name="meetingId"
              id="mark-meeting"
              label={t("conferences:staff.meeting")}
              options={view.meetings.map((m) => ({ value: String(m.id), label: label(m) }))}
              errors={undefined}
            />
            <SelectField
              name="status"
              id="mark-status"
              label={t("conferences:staff.markAs")}
              options={(["held", "no_show", "cancelled"] as const).map((s) => ({
                value: s,
                label: t(`conferences:meetingStatus.${s}`),
              }))}
              errors={undefined}
            />
          </div>
          <button type="submit" className="button button-secondary" disabled={busy}>
            {t("conferences:staff.markSubmit")}
          </button>
        </IntentForm>
      )}
    </>
  );
}
