import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { QuoteView } from "../../server/quotes";
import { formatDate, formatNumber, formatVnd } from "../../server/vocabulary/format";
import { PROVINCES } from "../../server/vocabulary/geo";
import type { Locale } from "../../server/vocabulary/locale";
import type { QuoteStatus } from "../../server/vocabulary/quotes";
import { FormError, SelectField, TextArea, TextField, valueOf, type FormRules } from "./Fields";
import { IntentForm, useIntentFailure, useSubmitting } from "./IntentForm";

const STATUS_BADGE: Record<QuoteStatus, string> = {
  requested: "badge-pending",
  answered: "badge-approved",
  declined: "badge-rejected",
  expired: "badge-rejected",
  ordered: "badge-approved",
};

export function QuoteStatusBadge({ status }: { status: QuoteStatus }) {
  const { t } = useTranslation();
  return <span className={`badge ${STATUS_BADGE[status]}`}>{t(`quotes:status.${status}`)}</span>;
}

/** What was asked and, once answered, what was quoted: the same list for the buyer and the cooperative. */
export function QuoteFacts({ quote: q, locale }: { quote: QuoteView; locale: Locale }) {
  const { t } = useTranslation();
  const unit = t(`catalogue:unit.${q.unit}`);
  return (
    <dl className="summary quote-facts">
      <dt>{t("quotes:facts.quantity")}</dt>
      <dd>{t("quotes:facts.quantityValue", { quantity: formatNumber(q.quantity, locale), unit })}</dd>
      {q.wantedBy && (
        <>
          <dt>{t("quotes:facts.wantedBy")}</dt>
          <dd>{formatDate(q.wantedBy, locale)}</dd>
        </>
      )}
      <dt>{t("quotes:facts.province")}</dt>
      <dd>{q.province.name}</dd>
      <dt>{t("quotes:facts.message")}</dt>
      <dd className="prose">{q.message}</dd>
      <dt>{t("quotes:facts.requestedAt")}</dt>
      <dd>{formatDate(q.createdAt, locale)}</dd>
      {q.unitPriceVnd !== null && (
        <>
          <dt>{t("quotes:facts.unitPrice")}</dt>
          <dd>
            <strong>{t("quotes:facts.perUnit", { price: formatVnd(q.unitPriceVnd, locale), unit })}</strong>
          </dd>
          <dt>{t("quotes:facts.total")}</dt>
          <dd>{formatVnd(q.totalVnd ?? 0, locale)}</dd>
          {q.validUntil && (
            <>
              <dt>{t("quotes:facts.validUntil")}</dt>
              <dd>{formatDate(q.validUntil, locale)}</dd>
            </>
          )}
          {q.note && (
            <>
              <dt>{t("quotes:facts.note")}</dt>
              <dd className="prose">{q.note}</dd>
            </>
          )}
        </>
      )}
      {q.declineReason && (
        <>
          <dt>{t("quotes:facts.declineReason")}</dt>
          <dd className="prose">{q.declineReason}</dd>
        </>
      )}
    </dl>
  );
}

/** Who is looking at a product's quote form: a guest logs in first, another role is told it is for buyers. */
export type QuoteAsker = "guest" | "buyer" | "other";

/**
 * The product page's "Yêu cầu báo giá": a closed section (a <details>, so it works without scripts) holding the
 * form for a buyer, a way to log in and come back for a guest. It opens when the form has just been sent or
 * came back with errors.
 */
export function QuoteRequestSection({
  product,
  asker,
  rules,
  provinceCode,
  sent,
}: {
  product: { id: number; slug: string; unit: string; minOrderQty: number };
  asker: QuoteAsker;
  rules: FormRules;
  provinceCode: string;
  sent: boolean;
}) {
  const { t } = useTranslation();
  const failure = useIntentFailure("quote");
  const busy = useSubmitting();
  const unit = t(`catalogue:unit.${product.unit}`);
  const here = `/products/${product.slug}`;
  const v = (name: string, fallback?: string | number | null) => valueOf(failure?.values, name, fallback);
  return (
    <details className="card quote-request" id="quote" open={sent || failure !== undefined}>
      <summary>
        <h2 className="quote-request-title">{t("quotes:request.title")}</h2>
      </summary>
      <p className="muted">{t("quotes:request.lead")}</p>
      {asker === "guest" ? (
        <>
          <p>{t("quotes:request.loginLead")}</p>
          <Link
            to={`/login?redirectTo=${encodeURIComponent(`${here}#quote`)}`}
            className="button button-secondary"
          >
            {t("quotes:request.login")}
          </Link>
        </>
      ) : asker === "other" ? (
        <p className="notice notice-pending">{t("quotes:request.buyersOnly")}</p>
      ) : (
        <>
          {sent && !failure && (
            <p className="notice notice-approved" role="status">
              {t("quotes:request.sent")} <Link to="/account/quotes">{t("quotes:request.viewMine")}</Link>
            </p>
          )}
          <IntentForm intent="quote" action={here} rules={rules} labelledBy="quote-form-title">
            <span id="quote-form-title" className="visually-hidden">
              {t("quotes:request.title")}
            </span>
            <FormError errors={failure?.errors} />
            <input type="hidden" name="productId" value={product.id} />
            <div className="field-row">
              <TextField
                name="quantity"
                id="quote-quantity"
                label={t("quotes:request.quantity", { unit })}
                errors={failure?.errors}
                inputMode="numeric"
                defaultValue={v("quantity")}
                hint={t("quotes:request.quantityHint", { min: product.minOrderQty, unit })}
              />
              <TextField
                name="wantedBy"
                id="quote-wantedBy"
                type="date"
                label={t("quotes:request.wantedBy")}
                errors={failure?.errors}
                defaultValue={v("wantedBy")}
              />
            </div>
            <SelectField
              name="provinceCode"
              id="quote-provinceCode"
              label={t("quotes:request.province")}
              errors={failure?.errors}
              defaultValue={v("provinceCode", provinceCode)}
              placeholder={t("geo:chooseProvince")}
              options={PROVINCES.map((p) => ({ value: p.code, label: p.name }))}
            />
            <TextArea
              name="message"
              id="quote-message"
              label={t("quotes:request.message")}
              errors={failure?.errors}
              rows={3}
              defaultValue={v("message")}
              hint={t("quotes:request.messageHint")}
            />
            <button type="submit" className="button" disabled={busy}>
              {busy ? t("common:working") : t("quotes:request.submit")}
            </button>
          </IntentForm>
        </>
      )}
    </details>
  );
}
