import { useTranslation } from "react-i18next";
import { formatVnd } from "../../server/vocabulary/format";
import { useFormKey, usePostTarget, type StaffBooking, type StaffHall } from "./FairAdmin";
import { FormError, SelectField, TextArea, valueOf, type Errors, type FormRules } from "./Fields";
import { boothSize } from "./FloorPlan";
import { IntentForm, useIntentFailure, useSubmitting } from "./IntentForm";
import type { Locale } from "../../server/vocabulary/locale";

/** What staff decide on a booking, each its own form posting its own intent. */
export const BOOKING_DECISIONS = ["approve", "decline", "mark_paid", "vacate"] as const;
export type BookingDecision = (typeof BOOKING_DECISIONS)[number];

/**
 * The domain's `cancel_reason_too_short` speaks of cancelling; a decline is not a cancellation, so beside the
 * reason the plain length rule is said instead, with the schema's minimum.
 */
function reasonErrors(errors: Errors, minLength: number | undefined): Errors {
  if (errors?.reason?.code !== "cancel_reason_too_short" || minLength === undefined) return errors;
  return { ...errors, reason: { code: "too_short", params: { min: minLength } } };
}

/**
 * One decision on a booking, saying what it means (how long the cooperative has to pay, what is released);
 * declining and vacating need a reason for the cooperative and ask before they are sent.
 */
export function BookingDecisionForm({
  decision,
  booking: b,
  amount,
  transferDays,
  rules,
}: {
  decision: BookingDecision;
  booking: StaffBooking;
  /** The booth fee as shown ("Miễn phí" for a free booth). */
  amount: string;
  transferDays: number;
  /** The reason schema's rules (forms.rules("reason")). */
  rules: FormRules;
}) {
  const { t } = useTranslation();
  const postTarget = usePostTarget();
  const busy = useSubmitting();
  const formKey = useFormKey(b.publicId, decision);
  const failure = useIntentFailure(decision, { name: "publicId", value: b.publicId });
  const titleId = `decision-${decision}`;
  const withReason = decision === "decline" || decision === "vacate";
  const body =
    decision === "approve"
      ? t(b.amountVnd > 0 ? "fairAdmin:action.approve.bodyPaid" : "fairAdmin:action.approve.bodyFree", {
          amount,
          count: transferDays,
        })
      : t(`fairAdmin:action.${decision}.body`, { amount, booth: b.boothCode });
  return (
    <div className={`fa-decision fa-decision-${decision}`}>
      <h3 id={titleId}>{t(`fairAdmin:action.${decision}.title`)}</h3>
      <p>{body}</p>
      {decision === "mark_paid" && (
        <dl className="inline-facts sales-transfer">
          <dt>{t("fairAdmin:action.mark_paid.amount")}</dt>
          <dd>
            <strong>{amount}</strong>
          </dd>
          <dt>{t("fairAdmin:action.mark_paid.reference")}</dt>
          <dd>
            <code>{b.transferReference ?? "—"}</code>
          </dd>
        </dl>
      )}
      <IntentForm
        intent={decision}
        action={postTarget}
        rules={rules}
        labelledBy={titleId}
        key={formKey}
        confirm={withReason ? t(`fairAdmin:action.${decision}.confirm`, { booth: b.boothCode }) : undefined}
      >
        <input type="hidden" name="publicId" value={b.publicId} />
        <FormError errors={failure?.errors} />
        {withReason && (
          <TextArea
            name="reason"
            label={t("fairAdmin:action.reason")}
            hint={t("fairAdmin:action.reasonHint")}
            errors={reasonErrors(failure?.errors, rules.reason?.minLength)}
            rows={3}
            defaultValue={valueOf(failure?.values, "reason")}
          />
        )}
        <button type="submit" className={withReason ? "button button-danger" : "button"} disabled={busy}>
          {t(`fairAdmin:action.${decision}.submit`, { amount })}
        </button>
      </IntentForm>
    </div>
  );
}

/** Move an active booking to an available booth of any hall; the old booth is released. */
export function BookingMoveForm({
  booking: b,
  halls,
  locale,
}: {
  booking: StaffBooking;
  halls: StaffHall[];
  locale: Locale;
}) {
  const { t } = useTranslation();
  const postTarget = usePostTarget();
  const busy = useSubmitting();
  const formKey = useFormKey(b.publicId);
  const failure = useIntentFailure("move", { name: "publicId", value: b.publicId });
  const errors = failure?.errors;
  const options = halls
    .map((h) => ({ hall: h, booths: h.booths.filter((x) => x.state === "available" && x.id !== b.boothId) }))
    .filter((g) => g.booths.length > 0);
  return (
    <div className="fa-decision fa-decision-move">
      <h3 id="decision-move">{t("fairAdmin:action.move.title")}</h3>
      <p>{t("fairAdmin:action.move.body")}</p>
      {options.length === 0 ? (
        <p className="muted">{t("fairAdmin:action.move.none")}</p>
      ) : (
        <IntentForm intent="move" action={postTarget} labelledBy="decision-move" key={formKey}>
          <input type="hidden" name="publicId" value={b.publicId} />
          <FormError errors={errors && !errors.toBoothId ? errors : undefined} />
          <SelectField
            name="toBoothId"
            label={t("fairAdmin:action.move.to")}
            errors={errors}
            // No schema has this field (the route checks a booth was chosen): required is said here.
            required
            placeholder={t("fairAdmin:action.move.choose")}
            defaultValue={valueOf(failure?.values, "toBoothId")}
          >
            {options.map((g) => (
              <optgroup key={g.hall.id} label={g.hall.name}>
                {g.booths.map((x) => (
                  <option key={x.id} value={x.id}>
                    {t("fairAdmin:action.move.option", {
                      code: x.code,
                      type: t(`fairs:boothType.${x.type}`),
                      size: boothSize(x, locale),
                      price: x.priceVnd > 0 ? formatVnd(x.priceVnd, locale) : t("fairs:plan.free"),
                    })}
                  </option>
                ))}
              </optgroup>
            ))}
          </SelectField>
          <button type="submit" className="button button-secondary" disabled={busy}>
            {t("fairAdmin:action.move.submit")}
          </button>
        </IntentForm>
      )}
    </div>
  );
}
