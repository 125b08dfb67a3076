import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BOOTH_TYPES, type BookingStatus } from "../../server/vocabulary/domain";
import { formatVnd } from "../../server/vocabulary/format";
import {
  fairTabPath,
  useFormKey,
  usePostTarget,
  useQueryHref,
  type StaffBooth,
  type StaffHall,
} from "./FairAdmin";
import { NumberField } from "./FairFields";
import { FormError, SelectField, TextField, valueOf, type FormRules } from "./Fields";
import { boothSize } from "./FloorPlan";
import { IntentForm, useIntentFailure, useSubmitting } from "./IntentForm";
import type { Locale } from "../../server/vocabulary/locale";

/** The active booking on a booth, as the booth's panel names it. */
export interface BoothHolder {
  publicId: string;
  status: BookingStatus;
  cooperative: string;
}

/**
 * One booth chosen on the plan: what it is, who holds it, and its two forms — change its code, type, place or
 * price (or block it), and delete it. Each shows only its own failure, for this booth.
 */
export function FairBoothPanel({
  fairId,
  booth,
  hall,
  holder,
  rules,
  locale,
}: {
  fairId: number;
  booth: StaffBooth;
  hall: StaffHall | undefined;
  holder: BoothHolder | undefined;
  /** The booth schema's rules (forms.rules("booth")). */
  rules: FormRules;
  locale: Locale;
}) {
  const formKey = useFormKey(booth.id);
  const { t } = useTranslation();
  const postTarget = usePostTarget();
  const href = useQueryHref();
  const busy = useSubmitting();
  const key = { name: "boothId", value: String(booth.id) };
  const edit = useIntentFailure("booth", key);
  const removal = useIntentFailure("deleteBooth", key);
  const errors = edit?.errors;
  const v = (name: string, fallback: string | number | null) => valueOf(edit?.values, name, fallback);
  return (
    <section className="card fa-booth-panel" id="booth-panel" aria-labelledby="booth-title">
      <div className="fa-section-head">
        <h2 id="booth-title">{t("fairAdmin:booth.title", { code: booth.code })}</h2>
        <Link to={href({ booth: null })} preventScrollReset className="fa-close">
          {t("fairAdmin:booth.close")}
        </Link>
      </div>
      <p className="muted small">
        {t(`fairs:boothState.${booth.state}`)} · {t(`fairs:boothType.${booth.type}`)} ·{" "}
        {boothSize(booth, locale)} ·{" "}
        {booth.priceVnd > 0 ? formatVnd(booth.priceVnd, locale) : t("fairs:plan.free")}
        {hall && <> · {t("fairAdmin:booth.inHall", { hall: hall.name, size: boothSize(hall, locale) })}</>}
      </p>
      {holder && (
        <p className="notice notice-pending">
          {t("fairAdmin:booth.booked", {
            cooperative: holder.cooperative,
            status: t(`fairs:bookingStatus.${holder.status}`),
          })}{" "}
          <Link
            to={`${fairTabPath(fairId, "bookings")}?booking=${encodeURIComponent(holder.publicId)}#booking-panel`}
          >
            {t("fairAdmin:booth.toBooking")}
          </Link>
        </p>
      )}
      <IntentForm intent="booth" action={postTarget} rules={rules} labelledBy="booth-title" key={formKey}>
        <input type="hidden" name="boothId" value={booth.id} />
        <FormError errors={errors} />
        <div className="field-row">
          <TextField
            name="code"
            id="booth-code"
            label={t("fairAdmin:booth.code")}
            errors={errors}
            // The schema checks a code by its pattern (a letter or digit, then up to 15 more), and the rules
            // read no length off a pattern: the limit is said here.
            maxLength={16}
            autoComplete="off"
            defaultValue={v("code", booth.code)}
          />
          <SelectField
            name="type"
            id="booth-type"
            label={t("fairAdmin:booth.type")}
            errors={errors}
            options={BOOTH_TYPES.map((x) => ({ value: x, label: t(`fairs:boothType.${x}`) }))}
            defaultValue={v("type", booth.type)}
          />
        </div>
        <div className="fa-field-grid">
          {(["xM", "yM", "widthM", "depthM"] as const).map((name) => (
            <NumberField
              key={name}
              name={name}
              id={`booth-${name}`}
              label={t(`fairAdmin:booth.${name}`)}
              errors={errors}
              value={v(name, booth[name])}
            />
          ))}
        </div>
        <p className="field-hint">{t("fairAdmin:booth.positionHint")}</p>
        <div className="field-row">
          <NumberField
            name="priceVnd"
            id="booth-priceVnd"
            label={t("fairAdmin:booth.priceVnd")}
            hint={t("fairAdmin:booth.priceHint")}
            errors={errors}
            value={v("priceVnd", booth.priceVnd)}
          />
          <TextField
            name="blockedReason"
            id="booth-blockedReason"
            label={t("fairAdmin:booth.blockedReason")}
            hint={t("fairAdmin:booth.blockedHint")}
            errors={errors}
            defaultValue={v("blockedReason", booth.blockedReason)}
          />
        </div>
        <button type="submit" className="button" disabled={busy}>
          {t("fairAdmin:booth.save")}
        </button>
      </IntentForm>
      <IntentForm
        intent="deleteBooth"
        action={postTarget}
        className="stack fa-danger-zone"
        confirm={t("fairAdmin:booth.deleteConfirm", { code: booth.code })}
      >
        <input type="hidden" name="boothId" value={booth.id} />
        <FormError errors={removal?.errors} />
        <p className="muted small">{t("fairAdmin:booth.deleteHint")}</p>
        <button type="submit" className="button button-danger" disabled={busy}>
          {t("fairAdmin:booth.delete", { code: booth.code })}
        </button>
      </IntentForm>
    </section>
  );
}
