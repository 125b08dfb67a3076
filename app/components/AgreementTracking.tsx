import { useTranslation } from "react-i18next";
import { MAX_IMAGE_BYTES, OPEN_PIPELINE_STATUSES } from "../../server/vocabulary/domain";
import { formatDate, formatNumber, formatVnd } from "../../server/vocabulary/format";
import type { Locale } from "../../server/vocabulary/locale";
import { FieldMessage, FormError, SelectField, TextField, valueOf } from "./Fields";
import { failureOf, IntentForm, useSubmitting } from "./IntentForm";

interface Delivery {
  id: number;
  scheduledOn: string | null;
  deliveredOn: string;
  quantity: number;
  valueVnd: number;
  note: string | null;
  /** The proof photo: a thumbnail linking to the full photo. */
  photo: { url: string; thumbnailUrl: string } | null;
  side: "buyer" | "supplier";
  status: "recorded" | "confirmed" | "disputed";
  disputeReason: string | null;
}

interface Tracking {
  schedule: Array<{ date: string; quantity: number }>;
  unit: string;
  fulfilment: {
    planned: { quantity: number; valueVnd: number };
    delivered: { quantity: number; valueVnd: number };
    awaiting: { quantity: number; valueVnd: number };
    percent: number;
    overdue: string[];
    nextDue: string | null;
  };
  deliveries: Delivery[];
}

const DELIVERING: readonly string[] = OPEN_PIPELINE_STATUSES;
const PIPELINE_ACTIONS = ["start", "stall", "complete", "terminate"] as const;

/**
 * A sealed agreement being carried out: planned against delivered, the schedule with what is overdue, each
 * delivery with its answer; a party records deliveries and answers the other's, staff move the pipeline.
 */
export function AgreementTracking({
  agreement: a,
  tracking,
  requestId,
  today,
  locale,
  data,
}: {
  agreement: { status: string; side: string; actions: string[] };
  tracking: Tracking;
  requestId: string;
  today: string;
  locale: Locale;
  data: unknown;
}) {
  const { t } = useTranslation();
  const busy = useSubmitting();
  const f = tracking.fulfilment;
  const unit = t(`catalogue:unit.${tracking.unit}`);
  const qty = (n: number) => `${formatNumber(n, locale)} ${unit}`;
  const party = a.side === "buyer" || a.side === "supplier";
  const record = failureOf(data, "delivery");
  const move = failureOf(data, "move");
  const moves = PIPELINE_ACTIONS.filter((m) => a.actions.includes(m));
  const photoError = record?.errors?.photo;
  return (
    <section className="card" aria-labelledby="tracking-title">
      <h2 id="tracking-title">{t("agreements:tracking.title")}</h2>
      <dl className="facts-list">
        <dt>{t("agreements:tracking.planned")}</dt>
        <dd>
          {qty(f.planned.quantity)} · {formatVnd(f.planned.valueVnd, locale)}
        </dd>
        <dt>{t("agreements:tracking.delivered")}</dt>
        <dd>
          {qty(f.delivered.quantity)} · {formatVnd(f.delivered.valueVnd, locale)}
        </dd>
        {f.awaiting.quantity > 0 && (
          <>
            <dt>{t("agreements:tracking.awaiting")}</dt>
            <dd>{qty(f.awaiting.quantity)}</dd>
          </>
        )}
        <dt id="fulfilment-label">{t("agreements:tracking.fulfilment")}</dt>
        <dd>
          <meter min={0} max={100} value={f.percent} aria-labelledby="fulfilment-label" /> {f.percent}%
        </dd>
        {f.nextDue && (
          <>
            <dt>{t("agreements:tracking.nextDue")}</dt>
            <dd>{formatDate(f.nextDue, locale)}</dd>
          </>
        )}
      </dl>
      {f.overdue.length > 0 && (
        <p className="notice notice-rejected" role="status">
          {t("agreements:tracking.overdue", {
            dates: f.overdue.map((d) => formatDate(d, locale)).join(", "),
          })}
        </p>
      )}

      <h3>{t("agreements:tracking.deliveries")}</h3>
      {tracking.deliveries.length === 0 ? (
        <p className="muted">{t("agreements:tracking.none")}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("agreements:tracking.deliveredOn")}</th>
              <th scope="col">{t("agreements:tracking.against")}</th>
              <th scope="col">{t("agreements:tracking.quantity")}</th>
              <th scope="col">{t("agreements:tracking.value")}</th>
              <th scope="col">{t("agreements:tracking.by")}</th>
              <th scope="col">{t("agreements:tracking.photo")}</th>
              <th scope="col">{t("agreements:tracking.state")}</th>
            </tr>
          </thead>
          <tbody>
            {tracking.deliveries.map((d) => {
              const key = { name: "deliveryId", value: String(d.id) };
              const answer = failureOf(data, "answer_delivery", key);
              const mine = d.side === a.side;
              return (
                <tr key={d.id} id={`delivery-${d.id}`}>
                  <td>{formatDate(d.deliveredOn, locale)}</td>
                  <td>
                    {d.scheduledOn ? formatDate(d.scheduledOn, locale) : t("agreements:tracking.unscheduled")}
                  </td>
                  <td>{qty(d.quantity)}</td>
                  <td>{formatVnd(d.valueVnd, locale)}</td>
                  <td>
                    {t(`agreements:side.${d.side}`)}
                    {d.note && <span className="block muted small">{d.note}</span>}
                  </td>
                  <td>
                    {d.photo ? (
                      <a href={d.photo.url} className="product-thumb" target="_blank" rel="noreferrer">
                        <img
                          src={d.photo.thumbnailUrl}
                          alt={t("agreements:tracking.photoAlt", { date: formatDate(d.deliveredOn, locale) })}
                          loading="lazy"
                        />
                      </a>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                  <td>
                    <span className={`badge delivery-${d.status}`}>
                      {t(`agreements:tracking.status.${d.status}`)}
                    </span>
                    {d.disputeReason && <span className="block small">{d.disputeReason}</span>}
                    {party && !mine && d.status === "recorded" && DELIVERING.includes(a.status) && (
                      <>
                        <FormError errors={answer?.errors} />
                        <IntentForm intent="answer_delivery" className="inline-form">
                          <input type="hidden" name="deliveryId" value={d.id} />
                          <input type="hidden" name="answer" value="confirm" />
                          <button type="submit" className="button button-small" disabled={busy}>
                            {t("agreements:tracking.confirm")}
                          </button>
                        </IntentForm>
                        <IntentForm intent="answer_delivery" className="inline-form">
                          <input type="hidden" name="deliveryId" value={d.id} />
                          <input type="hidden" name="answer" value="dispute" />
                          <TextField
                            name="reason"
                            id={`dispute-${d.id}`}
                            label={t("agreements:tracking.disputeReason")}
                            defaultValue={valueOf(answer?.values ?? {}, "reason")}
                            errors={answer?.errors}
                          />
                          <button
                            type="submit"
                            className="button button-small button-secondary"
                            disabled={busy}
                          >
                            {t("agreements:tracking.dispute")}
                          </button>
                        </IntentForm>
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}

      {party && DELIVERING.includes(a.status) && (
        <IntentForm intent="delivery" labelledBy="record-title" encType="multipart/form-data">
          <h3 id="record-title">{t("agreements:tracking.record")}</h3>
          <FormError errors={record?.errors} />
          <input
            type="hidden"
            name="requestId"
            value={valueOf(record?.values ?? {}, "requestId") || requestId}
          />
          <div className="grid-2">
            <SelectField
              name="scheduledOn"
              label={t("agreements:tracking.against")}
              placeholder={t("agreements:tracking.unscheduled")}
              defaultValue={valueOf(record?.values ?? {}, "scheduledOn") || (f.overdue[0] ?? f.nextDue ?? "")}
              errors={record?.errors}
              options={tracking.schedule.map((s) => ({
                value: s.date,
                label: `${formatDate(s.date, locale)} · ${qty(s.quantity)}`,
              }))}
            />
            <TextField
              name="deliveredOn"
              type="date"
              label={t("agreements:tracking.deliveredOn")}
              defaultValue={valueOf(record?.values ?? {}, "deliveredOn") || today}
              errors={record?.errors}
              required
            />
            <TextField
              name="quantity"
              inputMode="numeric"
              label={`${t("agreements:tracking.quantity")} (${unit})`}
              defaultValue={valueOf(record?.values ?? {}, "quantity")}
              errors={record?.errors}
              required
            />
            <TextField
              name="valueVnd"
              inputMode="numeric"
              label={t("agreements:tracking.valueVnd")}
              hint={t("agreements:tracking.valueHint")}
              defaultValue={valueOf(record?.values ?? {}, "valueVnd")}
              errors={record?.errors}
            />
          </div>
          <TextField
            name="note"
            label={t("agreements:tracking.note")}
            defaultValue={valueOf(record?.values ?? {}, "note")}
            errors={record?.errors}
          />
          <div className={`field${photoError ? " field-invalid" : ""}`}>
            <label htmlFor="photo">
              {t("agreements:tracking.photo")}
              <span className="optional"> ({t("common:optional")})</span>
            </label>
            <input
              id="photo"
              name="photo"
              type="file"
              accept="image/*"
              aria-invalid={photoError ? true : undefined}
              aria-describedby={`photo-hint${photoError ? " photo-error" : ""}`}
            />
            <p className="field-hint" id="photo-hint">
              {t("agreements:tracking.photoHint", { maxMb: MAX_IMAGE_BYTES / 1024 / 1024 })}
              {/* A browser never gives a chosen file back: after a refusal, the photo is chosen again. */}
              {record && <> {t("agreements:tracking.photoAgain")}</>}
            </p>
            <FieldMessage id="photo-error" error={photoError} />
          </div>
          <button type="submit" className="button" disabled={busy}>
            {t("agreements:tracking.submit")}
          </button>
        </IntentForm>
      )}

      {moves.length > 0 && (
        <IntentForm intent="move" labelledBy="move-title">
          <h3 id="move-title">{t("agreements:tracking.pipeline")}</h3>
          <FormError errors={move?.errors} />
          <SelectField
            name="action"
            label={t("agreements:tracking.action")}
            defaultValue={valueOf(move?.values ?? {}, "action") || moves[0]}
            errors={move?.errors}
            options={moves.map((m) => ({ value: m, label: t(`agreements:tracking.moves.${m}`) }))}
          />
          <TextField
            name="reason"
            label={t("agreements:tracking.reasonLabel")}
            hint={t("agreements:tracking.reasonHint")}
            defaultValue={valueOf(move?.values ?? {}, "reason")}
            errors={move?.errors}
          />
          <button type="submit" className="button" disabled={busy}>
            {t("agreements:tracking.apply")}
          </button>
        </IntentForm>
      )}
    </section>
  );
}
