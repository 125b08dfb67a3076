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
import { OfferFacts, OfferFields, OfferStatusBadge, offerDefaults } from "../components/OfferFields";
import { requireRole } from "../lib/auth.server";
import { orRespond, pathId, readForm, runIntent } from "../lib/forms.server";
import { offerProductOptions, runOfferAction, savedFrom, withActions } from "../lib/offers.server";
import { ErrorPage } from "../root";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireRole(context, request, "cooperative");
  const id = pathId(params.id, "offer_not_found");
  const { matching, forms, i18n } = context.services;
  const locale = await i18n.getLocale(request);
  // A cooperative has a handful of offers: its own list is the one use case that reads them (and says 404 for
  // another cooperative's, as for one that does not exist).
  const offer = (await orRespond(matching.listOwnOffers(user, { locale }))).find((o) => o.id === id);
  if (!offer) throw json({ error: { code: "offer_not_found" } }, { status: 404 });
  return json({
    offer: withActions(offer),
    products: offer.status === "closed" ? [] : await offerProductOptions(context, user, locale),
    rules: forms.rules("offer").offer,
    locale,
    saved: savedFrom(new URL(request.url)),
    title: i18n.t(locale)("offers:edit.title"),
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.offer.title ?? ""} · ${data?.title ?? ""} · HTX Connect` },
  { name: "robots", content: "noindex" },
];

/** Two kinds of form: the offer's details (intent=update) and its action buttons (intent=act). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireRole(context, request, "cooperative");
  const id = pathId(params.id, "offer_not_found");
  const values = await readForm(request);
  const self = `/cooperative/offers/${id}`;
  if (values.intent === "update") {
    const outcome = await runIntent(values, () =>
      context.services.matching.updateOffer(user, { id, form: values }),
    );
    if (!outcome.ok) return outcome.response;
    return redirect(`${self}?saved=updated`);
  }
  return runOfferAction(context, user, values, { id, to: () => self });
}

export default function EditOffer() {
  const { offer: o, products, rules, locale, saved, title } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  const busy = useSubmitting();
  const update = failureOf(data, "update");
  const act = failureOf(data, "act");
  // Explicit, so a failed form does not post back to (and keep showing) a `?saved=` notice.
  const self = `/cooperative/offers/${o.id}`;
  return (
    <div className="container narrow section">
      <nav aria-label={t("common:breadcrumb")} className="breadcrumb">
        <Link to="/cooperative/offers">{t("offers:list.title")}</Link> › <span>{o.title}</span>
      </nav>
      <h1>{o.title}</h1>
      <p className="muted">
        {title} · <OfferStatusBadge status={o.status} />
      </p>
      <UnclaimedFailure claimed={(f) => f.intent === "update" || f.intent === "act"} />
      {saved && (
        <p className="notice notice-approved" role="status">
          {t(`offers:saved.${saved}`)}
        </p>
      )}

      <section className="card" aria-labelledby="status-title">
        <h2 id="status-title">{t("offers:edit.statusTitle")}</h2>
        <p>{t(`offers:actions.body.${o.status}`)}</p>
        <OfferFacts offer={o} locale={locale} />
        <FormError errors={act?.errors} />
        {o.actions.length > 0 && (
          <div className="actions">
            {o.actions.map((a) => (
              <IntentForm
                key={a}
                intent="act"
                action={self}
                className=""
                confirm={a === "close" ? t("offers:actions.confirmClose", { title: o.title }) : undefined}
              >
                <input type="hidden" name="action" value={a} />
                <button
                  type="submit"
                  className={`button ${a === "close" ? "button-danger" : "button-secondary"}`}
                  disabled={busy}
                >
                  {t(`offers:actions.${a}`)}
                </button>
              </IntentForm>
            ))}
          </div>
        )}
      </section>

      <section className="card" aria-labelledby="details-title">
        <h2 id="details-title">{t("offers:edit.details")}</h2>
        {o.status === "closed" ? (
          <p className="notice notice-pending">{t("offers:edit.closed")}</p>
        ) : (
          <IntentForm intent="update" action={self} rules={rules}>
            <FormError errors={update?.errors} />
            <OfferFields
              errors={update?.errors}
              values={update?.values}
              defaults={offerDefaults(o)}
              products={products}
            />
            <button type="submit" className="button" disabled={busy}>
              {busy ? t("common:working") : t("offers:edit.submit")}
            </button>
          </IntentForm>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
