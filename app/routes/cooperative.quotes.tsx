import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { CooperativeQuoteView } from "../../server/quotes";
import { shiftDay, vietnamDay } from "../../server/vocabulary/dates";
import { formatNumber, formatVnd } from "../../server/vocabulary/format";
import type { Locale } from "../../server/vocabulary/locale";
import { QUOTE_VALID_MAX_DAYS } from "../../server/vocabulary/quotes";
import { FormError, TextArea, TextField, valueOf, type FormRules } from "../components/Fields";
import { failureOf, IntentForm, UnclaimedFailure, useSubmitting } from "../components/IntentForm";
import { QuoteFacts, QuoteStatusBadge } from "../components/Quotes";
import { requireRole } from "../lib/auth.server";
import { formId, orRespond, readForm, runIntent } from "../lib/forms.server";
import { ErrorPage } from "../root";

const SAVED = ["answered", "declined"] as const;

/** The cooperative's quote requests: those waiting for an answer, each with its forms, then the rest. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireRole(context, request, "cooperative");
  const { quotes, forms, i18n } = context.services;
  const locale = await i18n.getLocale(request);
  // Quotes are an approved cooperative's: a pending one is told so instead of being refused the page.
  const approved = user.cooperative?.status === "approved";
  const list = approved ? await orRespond(quotes.listCooperativeQuotes(user, { locale })) : [];
  const saved = new URL(request.url).searchParams.get("saved");
  return json({
    quotes: list,
    approved,
    locale,
    rules: forms.rules("quoteAnswer", "quoteDecline"),
    // A week, unless the cooperative says otherwise.
    defaultValidUntil: shiftDay(vietnamDay(), { days: 7 }),
    saved: (SAVED as readonly string[]).includes(saved ?? "") ? saved : null,
    title: i18n.t(locale)("quotes:cooperative.title"),
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
  { name: "robots", content: "noindex" },
];

/** Two forms per waiting request, the quote in a hidden field: answer with a price (intent=answer), or decline. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireRole(context, request, "cooperative");
  const values = await readForm(request);
  const { quotes } = context.services;
  const intent = values.intent;
  const work =
    intent === "answer"
      ? () => quotes.answerQuote(user, { quoteId: formId(values, "quoteId"), form: values })
      : intent === "decline"
        ? () => quotes.declineQuote(user, { quoteId: formId(values, "quoteId"), form: values })
        : null;
  const outcome = await runIntent(values, work);
  if (!outcome.ok) return outcome.response;
  return redirect(`/cooperative/quotes?saved=${intent === "answer" ? "answered" : "declined"}`);
}

export default function CooperativeQuotes() {
  const { quotes, approved, locale, rules, defaultValidUntil, saved, title } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const waiting = quotes.filter((q) => q.status === "requested");
  const handled = quotes.filter((q) => q.status !== "requested");
  return (
    <div className="container section">
      <h1>{title}</h1>
      <p className="lead">{t("quotes:cooperative.lead")}</p>
      <UnclaimedFailure claimed={(f) => f.intent === "answer" || f.intent === "decline"} />
      {saved && (
        <p className="notice notice-approved" role="status">
          {t(`quotes:saved.${saved}`)}
        </p>
      )}
      {!approved ? (
        <p className="notice notice-pending" role="status">
          {t("quotes:cooperative.notApproved")}
        </p>
      ) : (
        <>
          <section aria-labelledby="waiting-title" className="section">
            <h2 id="waiting-title">{t("quotes:cooperative.waiting", { count: waiting.length })}</h2>
            {waiting.length === 0 ? (
              <p className="empty">{t("quotes:cooperative.noneWaiting")}</p>
            ) : (
              <ul className="stack quote-list">
                {waiting.map((q) => (
                  <WaitingQuote
                    key={q.id}
                    quote={q}
                    locale={locale}
                    rules={rules}
                    defaultValidUntil={defaultValidUntil}
                  />
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="handled-title" className="section">
            <h2 id="handled-title">{t("quotes:cooperative.handled")}</h2>
            {handled.length === 0 ? (
              <p className="empty">{t("quotes:cooperative.noneHandled")}</p>
            ) : (
              <ul className="stack quote-list">
                {handled.map((q) => (
                  <li
                    key={q.id}
                    id={`quote-${q.id}`}
                    className="card quote-card"
                    aria-labelledby={`quote-${q.id}-title`}
                  >
                    <QuoteHeading quote={q} />
                    <QuoteFacts quote={q} locale={locale} />
                    {q.orderCode && (
                      <p>
                        <Link to={`/cooperative/orders/${q.orderCode}`}>
                          {t("quotes:buyer.viewOrder", { code: q.orderCode })}
                        </Link>
                      </p>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </div>
  );
}

function QuoteHeading({ quote: q }: { quote: CooperativeQuoteView }) {
  const { t } = useTranslation();
  const buyer = q.buyer.organisation ? `${q.buyer.organisation} (${q.buyer.name})` : q.buyer.name;
  return (
    <>
      <h3 id={`quote-${q.id}-title`}>
        {q.product ? <Link to={`/products/${q.product.slug}`}>{q.product.name}</Link> : null}{" "}
        <QuoteStatusBadge status={q.status} />
      </h3>
      <p className="muted">
        {t("quotes:facts.buyer")}: {buyer}
      </p>
    </>
  );
}

/** A request waiting for an answer: what was asked, the cooperative's own price and stock, and its two forms. */
function WaitingQuote({
  quote: q,
  locale,
  rules,
  defaultValidUntil,
}: {
  quote: CooperativeQuoteView;
  locale: Locale;
  rules: { quoteAnswer: FormRules; quoteDecline: FormRules };
  defaultValidUntil: string;
}) {
  const { t } = useTranslation();
  const data = useActionData<typeof action>();
  const busy = useSubmitting();
  const key = { name: "quoteId", value: String(q.id) };
  const answer = failureOf(data, "answer", key);
  const decline = failureOf(data, "decline", key);
  const unit = t(`catalogue:unit.${q.unit}`);
  const id = (field: string) => `quote-${q.id}-${field}`;
  return (
    <li id={`quote-${q.id}`} className="card quote-card" aria-labelledby={`quote-${q.id}-title`}>
      <QuoteHeading quote={q} />
      <QuoteFacts quote={q} locale={locale} />
      <dl className="summary quote-reference">
        {q.priceAtQuantityVnd !== null && (
          <>
            <dt>{t("quotes:facts.listPrice")}</dt>
            <dd>{t("quotes:facts.perUnit", { price: formatVnd(q.priceAtQuantityVnd, locale), unit })}</dd>
          </>
        )}
        {q.stock !== null && (
          <>
            <dt>{t("quotes:facts.stock")}</dt>
            <dd>{t("quotes:facts.quantityValue", { quantity: formatNumber(q.stock, locale), unit })}</dd>
          </>
        )}
      </dl>
      <IntentForm
        intent="answer"
        action="/cooperative/quotes"
        rules={rules.quoteAnswer}
        labelledBy={id("answer-title")}
      >
        <h4 id={id("answer-title")}>{t("quotes:cooperative.answerTitle")}</h4>
        <FormError errors={answer?.errors} />
        <input type="hidden" name="quoteId" value={q.id} />
        <div className="field-row">
          <TextField
            name="unitPriceVnd"
            id={id("unitPriceVnd")}
            label={t("quotes:cooperative.unitPrice", { unit })}
            errors={answer?.errors}
            inputMode="numeric"
            defaultValue={valueOf(answer?.values, "unitPriceVnd")}
            hint={t("quotes:cooperative.unitPriceHint")}
          />
          <TextField
            name="validUntil"
            id={id("validUntil")}
            type="date"
            label={t("quotes:cooperative.validUntil")}
            errors={answer?.errors}
            defaultValue={valueOf(answer?.values, "validUntil", defaultValidUntil)}
            hint={t("quotes:cooperative.validUntilHint", { days: QUOTE_VALID_MAX_DAYS })}
          />
        </div>
        <TextArea
          name="note"
          id={id("note")}
          label={t("quotes:cooperative.note")}
          errors={answer?.errors}
          rows={2}
          defaultValue={valueOf(answer?.values, "note")}
          hint={t("quotes:cooperative.noteHint")}
        />
        <p>
          <button type="submit" className="button" disabled={busy}>
            {t("quotes:cooperative.answer")}
          </button>
        </p>
      </IntentForm>
      <IntentForm
        intent="decline"
        action="/cooperative/quotes"
        rules={rules.quoteDecline}
        labelledBy={id("decline-title")}
        confirm={t("quotes:cooperative.confirmDecline")}
      >
        <h4 id={id("decline-title")}>{t("quotes:cooperative.declineTitle")}</h4>
        <FormError errors={decline?.errors} />
        <input type="hidden" name="quoteId" value={q.id} />
        <TextField
          name="reason"
          id={id("reason")}
          label={t("quotes:cooperative.reason")}
          errors={decline?.errors}
          defaultValue={valueOf(decline?.values, "reason")}
        />
        <p>
          <button type="submit" className="button button-secondary" disabled={busy}>
            {t("quotes:cooperative.decline")}
          </button>
        </p>
      </IntentForm>
    </li>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
