import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError } from "../components/Fields";
import { failureOf, IntentForm, UnclaimedFailure, useSubmitting } from "../components/IntentForm";
import { OfferFacts, OfferStatusBadge } from "../components/OfferFields";
import { requireRole } from "../lib/auth.server";
import { orRespond, readForm } from "../lib/forms.server";
import { runOfferAction, savedFrom, withActions } from "../lib/offers.server";
import { formatDate } from "../../server/vocabulary/format";
import { ErrorPage } from "../root";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireRole(context, request, "cooperative");
  const { matching, i18n } = context.services;
  const locale = await i18n.getLocale(request);
  // Offers are an approved cooperative's: a pending one is told so instead of being refused the page.
  const approved = user.cooperative?.status === "approved";
  const offers = approved ? await orRespond(matching.listOwnOffers(user, { locale })) : [];
  return json({
    offers: offers.map(withActions),
    approved,
    locale,
    saved: savedFrom(new URL(request.url)),
    title: i18n.t(locale)("offers:list.title"),
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
  { name: "robots", content: "noindex" },
];

/** Each offer's action buttons post here (intent=act, the offer's id and the action). */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireRole(context, request, "cooperative");
  const values = await readForm(request);
  return runOfferAction(context, user, values, { to: () => "/cooperative/offers" });
}

export default function CooperativeOffers() {
  const { offers, approved, locale, saved, title } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  const busy = useSubmitting();
  return (
    <div className="container section">
      <h1>{title}</h1>
      <p className="lead">{t("offers:list.lead")}</p>
      <UnclaimedFailure claimed={(f) => f.intent === "act"} />
      {saved && (
        <p className="notice notice-approved" role="status">
          {t(`offers:saved.${saved}`)}
        </p>
      )}
      {!approved ? (
        <p className="notice notice-pending" role="status">
          {t("offers:list.notApproved")}
        </p>
      ) : (
        <>
          <p className="actions">
            <Link to="/cooperative/offers/new" className="button">
              {t("offers:list.add")}
            </Link>
          </p>
          <div className="result-line" aria-live="polite">
            <p>{t("offers:list.count", { count: offers.length })}</p>
          </div>
          {offers.length === 0 ? (
            <p className="empty">{t("offers:list.empty")}</p>
          ) : (
            <ul className="offer-list stack">
              {offers.map((o) => {
                const key = { name: "id", value: String(o.id) };
                const failure = failureOf(data, "act", key);
                const headingId = `offer-${o.id}-title`;
                return (
                  <li key={o.id} className="card offer-card" aria-labelledby={headingId}>
                    <h2 id={headingId}>
                      <Link to={`/cooperative/offers/${o.id}`}>{o.title}</Link>{" "}
                      <OfferStatusBadge status={o.status} />
                    </h2>
                    <OfferFacts offer={o} locale={locale} />
                    <p className="muted small">
                      {t("offers:facts.updatedAt", { date: formatDate(o.updatedAt, locale) })}
                    </p>
                    <FormError errors={failure?.errors} />
                    <div
                      className="actions"
                      role="group"
                      aria-label={t("offers:actions.label", { title: o.title })}
                    >
                      <Link
                        to={`/cooperative/offers/${o.id}`}
                        className="button button-secondary button-small"
                        aria-label={t(
                          o.status === "closed" ? "offers:list.viewLabel" : "offers:list.editLabel",
                          { title: o.title },
                        )}
                      >
                        {t(o.status === "closed" ? "offers:list.view" : "offers:list.edit")}
                      </Link>
                      {o.actions.map((a) => (
                        <IntentForm
                          key={a}
                          intent="act"
                          action="/cooperative/offers"
                          className=""
                          confirm={
                            a === "close" ? t("offers:actions.confirmClose", { title: o.title }) : undefined
                          }
                        >
                          <input type="hidden" name="id" value={o.id} />
                          <input type="hidden" name="action" value={a} />
                          <button
                            type="submit"
                            className={`button button-small ${a === "close" ? "button-danger" : "button-secondary"}`}
                            disabled={busy}
                          >
                            {t(`offers:actions.${a}`)}
                          </button>
                        </IntentForm>
                      ))}
                    </div>
                  </li>
                );
              })}
            </ul>
          )}
        </>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
