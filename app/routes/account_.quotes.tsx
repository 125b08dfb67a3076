import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError } from "../components/Fields";
import { failureOf, IntentForm, UnclaimedFailure, useSubmitting } from "../components/IntentForm";
import { QuoteFacts, QuoteStatusBadge } from "../components/Quotes";
import { requireRole } from "../lib/auth.server";
import { formId, orRespond, readForm, runIntent } from "../lib/forms.server";
import { ErrorPage } from "../root";

/** The buyer's quotes, newest first: what waits for an answer, what was quoted, and where it led. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireRole(context, request, "buyer");
  const { quotes, i18n } = context.services;
  const locale = await i18n.getLocale(request);
  const list = await orRespond(quotes.listBuyerQuotes(user, { locale }));
  return json({ quotes: list, locale, title: i18n.t(locale)("quotes:buyer.title") });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
  { name: "robots", content: "noindex" },
];

/** "Order at this price" (intent=order, the quote's id): the quoted line goes into the cart, and on to it. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireRole(context, request, "buyer");
  const values = await readForm(request);
  const outcome = await runIntent(
    values,
    values.intent === "order"
      ? () =>
          context.services.orders.orderAtQuotedPrice({ userId: user.id, quoteId: formId(values, "quoteId") })
      : null,
  );
  if (!outcome.ok) return outcome.response;
  return redirect("/cart?done=added");
}

export default function MyQuotes() {
  const { quotes, locale, title } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  const busy = useSubmitting();
  return (
    <div className="container narrow section">
      <h1>{title}</h1>
      <p className="lead">{t("quotes:buyer.lead")}</p>
      <UnclaimedFailure claimed={(f) => f.intent === "order"} />
      {quotes.length === 0 ? (
        <p className="empty">
          {t("quotes:buyer.empty")} <Link to="/products">{t("quotes:buyer.browse")}</Link>
        </p>
      ) : (
        <ul className="stack quote-list">
          {quotes.map((q) => {
            const headingId = `quote-${q.id}-title`;
            const failure = failureOf(data, "order", { name: "quoteId", value: String(q.id) });
            const name = q.product?.name ?? "";
            return (
              <li key={q.id} id={`quote-${q.id}`} className="card quote-card" aria-labelledby={headingId}>
                <h2 id={headingId}>
                  {q.product ? <Link to={`/products/${q.product.slug}`}>{name}</Link> : name}{" "}
                  <QuoteStatusBadge status={q.status} />
                </h2>
                <p className="muted">{q.cooperative.name}</p>
                <QuoteFacts quote={q} locale={locale} />
                {q.status === "requested" && <p className="muted">{t("quotes:buyer.waiting")}</p>}
                {q.status === "expired" && <p className="muted">{t("quotes:buyer.expired")}</p>}
                {q.status === "ordered" && q.orderCode && (
                  <p>
                    <Link to={`/orders/${q.orderCode}`}>
                      {t("quotes:buyer.viewOrder", { code: q.orderCode })}
                    </Link>
                  </p>
                )}
                {q.status === "answered" && (
                  <IntentForm intent="order" action="/account/quotes" className="stack">
                    <FormError errors={failure?.errors} />
                    <input type="hidden" name="quoteId" value={q.id} />
                    <p className="field-hint" id={`quote-${q.id}-order-hint`}>
                      {t("quotes:buyer.orderHint")}
                    </p>
                    <p>
                      <button
                        type="submit"
                        className="button"
                        disabled={busy}
                        aria-describedby={`quote-${q.id}-order-hint`}
                      >
                        {t("quotes:buyer.order")}
                      </button>
                    </p>
                  </IntentForm>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
