import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DemandActions, DEMAND_SAVED } from "../components/DemandActions";
import { DemandStatusBadge, demandPrice, demandQuantity } from "../components/DemandCard";
import { DemandFields } from "../components/DemandFields";
import { FormError } from "../components/Fields";
import { MatchFilters, MatchList } from "../components/Matches";
import { failureOf, IntentForm, UnclaimedFailure, useSubmitting } from "../components/IntentForm";
import { requireRole } from "../lib/auth.server";
import { buyerActionsOn } from "../lib/demands.server";
import { matchQueryFrom } from "../lib/matches.server";
import { orRespond, readForm, runIntent } from "../lib/forms.server";
import { DEMAND_LIFETIME_DAYS } from "../../server/vocabulary/domain";
import { formatDate } from "../../server/vocabulary/format";
import { ErrorPage } from "../root";

/** A demand id is short base64url; anything else cannot name one, so it is not looked up. */
function publicIdFrom(raw: string | undefined): string {
  if (!raw || !/^[A-Za-z0-9_-]{1,32}$/.test(raw))
    throw json({ error: { code: "demand_not_found" } }, { status: 404 });
  return raw;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireRole(context, request, "buyer");
  const publicId = publicIdFrom(params.publicId);
  const { matching, i18n } = context.services;
  const locale = await i18n.getLocale(request);
  const query = matchQueryFrom(request);
  const [demand, matches] = await Promise.all([
    orRespond(matching.getOwnDemand(user, { publicId, locale })),
    orRespond(matching.listDemandMatches(user, { publicId, locale, query })),
  ]);
  const saved = new URL(request.url).searchParams.get("saved");
  return json({
    demand,
    matches,
    query,
    actions: buyerActionsOn(demand),
    editable: demand.status === "open" || demand.status === "paused",
    rules: context.services.forms.rules("demand").demand,
    locale,
    saved: (DEMAND_SAVED as readonly string[]).includes(saved ?? "") ? saved : null,
    title: i18n.t(locale)("demands:edit.title", { title: demand.title }),
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
];

/** Two forms: the demand's content (`update`) and its lifecycle buttons (`act`). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireRole(context, request, "buyer");
  const publicId = publicIdFrom(params.publicId);
  const values = await readForm(request);
  const { matching } = context.services;
  const intent = values.intent;
  const outcome = await runIntent<unknown>(
    values,
    intent === "update"
      ? () => matching.updateDemand(user, { publicId, form: values })
      : intent === "act"
        ? () => matching.actOnDemand(user, { publicId, form: values })
        : null,
  );
  if (!outcome.ok) return outcome.response;
  const saved = intent === "update" ? "details" : String(values.action);
  return redirect(`/account/demands/${publicId}?saved=${encodeURIComponent(saved)}`);
}

export default function EditDemand() {
  const {
    demand: d,
    matches,
    query,
    actions,
    editable,
    rules,
    locale,
    saved,
  } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  const busy = useSubmitting();
  const update = failureOf(data, "update");
  // Explicit, so a failed form does not post back to (and keep showing) a `?saved=` notice.
  const self = `/account/demands/${d.publicId}`;
  return (
    <div className="container narrow section">
      <nav aria-label={t("common:breadcrumb")} className="breadcrumb">
        <Link to="/account/demands">{t("demands:mine.title")}</Link> › {d.title}
      </nav>
      <h1>{d.title}</h1>
      <UnclaimedFailure claimed={(f) => (f.intent === "update" && editable) || f.intent === "act"} />
      {saved && (
        <p className="notice notice-approved" role="status">
          {t(`demands:saved.${saved}`, { days: DEMAND_LIFETIME_DAYS })}
        </p>
      )}
      <p>
        <DemandStatusBadge status={d.status} /> · {demandQuantity(d, t, locale)} · {demandPrice(d, t, locale)}
      </p>
      <p>
        {t("demands:mine.expires", { date: formatDate(d.expiresAt, locale) })}
        {d.status === "open" && (
          <>
            {" · "}
            <Link to={`/demands/${d.publicId}`}>{t("demands:mine.public")}</Link>
          </>
        )}
      </p>
      {d.status === "expired" ? (
        <p className="notice notice-pending">
          {t("demands:mine.expired", { date: formatDate(d.expiresAt, locale) })}
        </p>
      ) : (
        d.expiringSoon &&
        editable && (
          <p className="notice notice-pending">
            {t("demands:mine.expiringSoon", { date: formatDate(d.expiresAt, locale) })}
          </p>
        )
      )}

      <section className="card" aria-labelledby="demand-actions-title">
        <h2 id="demand-actions-title">{t("demands:actions.title")}</h2>
        <DemandActions publicId={d.publicId} actions={actions} action={self} />
      </section>

      <section className="card" id="matches" aria-labelledby="demand-matches-title">
        <h2 id="demand-matches-title">{t("matches:buyer.demandMatches")}</h2>
        <MatchFilters query={query} count={matches.length} />
        <MatchList matches={matches} side="buyer" locale={locale} empty={t("matches:buyer.empty")} />
        <p>
          <Link to="/account/matches">{t("matches:buyer.allMatches")}</Link>
        </p>
      </section>

      <section className="card" aria-labelledby="demand-details-title">
        <h2 id="demand-details-title">{t("demands:edit.details")}</h2>
        {editable ? (
          <IntentForm intent="update" action={self} rules={rules}>
            <FormError errors={update?.errors} />
            <DemandFields
              errors={update?.errors}
              values={update?.values}
              defaults={{
                category: d.category,
                title: d.title,
                description: d.description,
                quantity: d.quantity,
                unit: d.unit,
                frequency: d.frequency,
                priceMinVnd: d.priceMinVnd,
                priceMaxVnd: d.priceMaxVnd,
                deliveryProvinceCode: d.deliveryProvince.code,
                deliveryFrom: d.deliveryFrom,
                deliveryTo: d.deliveryTo,
                certifications: d.certifications,
                minOcopStars: d.minOcopStars,
                notes: d.notes,
              }}
            />
            <button type="submit" className="button" disabled={busy}>
              {t("common:save")}
            </button>
          </IntentForm>
        ) : (
          <p className="muted">{t("demands:edit.ended")}</p>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
