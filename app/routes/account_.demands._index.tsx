import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DemandActions, DEMAND_SAVED } from "../components/DemandActions";
import { DemandStatusBadge, demandQuantity } from "../components/DemandCard";
import { UnclaimedFailure } from "../components/IntentForm";
import { requireRole } from "../lib/auth.server";
import { buyerActionsOn } from "../lib/demands.server";
import { readForm, runIntent } from "../lib/forms.server";
import { DEMAND_LIFETIME_DAYS } from "../../server/vocabulary/domain";
import { formatDate } from "../../server/vocabulary/format";
import { ErrorPage } from "../root";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireRole(context, request, "buyer");
  const { matching, i18n } = context.services;
  const locale = await i18n.getLocale(request);
  const demands = await matching.listOwnDemands(user, { locale });
  const saved = new URL(request.url).searchParams.get("saved");
  return json({
    demands: demands.map((d) => ({ ...d, actions: buyerActionsOn(d) })),
    locale,
    saved: (DEMAND_SAVED as readonly string[]).includes(saved ?? "") ? saved : null,
    title: i18n.t(locale)("demands:mine.title"),
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
];

/** One form per demand and action button: the demand travels in a hidden field, the action in the button. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireRole(context, request, "buyer");
  const values = await readForm(request);
  const outcome = await runIntent(
    values,
    values.intent === "act"
      ? () =>
          context.services.matching.actOnDemand(user, {
            publicId: String(values.publicId ?? ""),
            form: values,
          })
      : null,
  );
  if (!outcome.ok) return outcome.response;
  return redirect(`/account/demands?saved=${encodeURIComponent(String(values.action))}`);
}

export default function MyDemands() {
  const { demands, locale, saved } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="container narrow section">
      <nav aria-label={t("common:breadcrumb")} className="breadcrumb">
        <Link to="/account">{t("account:title")}</Link> › {t("demands:mine.title")}
      </nav>
      <div className="result-line">
        <h1>{t("demands:mine.title")}</h1>
        <Link to="/account/demands/new" className="button">
          {t("demands:post")}
        </Link>
      </div>
      <p className="lead">{t("demands:mine.lead", { days: DEMAND_LIFETIME_DAYS })}</p>
      {saved && (
        <p className="notice notice-approved" role="status">
          {t(`demands:saved.${saved}`, { days: DEMAND_LIFETIME_DAYS })}
        </p>
      )}
      <UnclaimedFailure claimed={(f) => f.intent === "act" && Boolean(f.values.publicId)} />
      {demands.length === 0 ? (
        <p className="empty">{t("demands:mine.empty")}</p>
      ) : (
        <div className="stack">
          {demands.map((d) => (
            <article key={d.publicId} className="card">
              <h2>
                <Link to={`/account/demands/${d.publicId}`}>{d.title}</Link>
              </h2>
              <p>
                <DemandStatusBadge status={d.status} /> · {demandQuantity(d, t, locale)} ·{" "}
                {t("demands:mine.expires", { date: formatDate(d.expiresAt, locale) })}
              </p>
              {d.status === "expired" ? (
                <p className="notice notice-pending">
                  {t("demands:mine.expired", { date: formatDate(d.expiresAt, locale) })}
                </p>
              ) : (
                d.expiringSoon &&
                (d.status === "open" || d.status === "paused") && (
                  <p className="notice notice-pending">
                    {t("demands:mine.expiringSoon", { date: formatDate(d.expiresAt, locale) })}
                  </p>
                )
              )}
              <DemandActions publicId={d.publicId} actions={d.actions} />
              <p className="small">
                <Link to={`/account/demands/${d.publicId}`}>{t("demands:mine.edit")}</Link>
                {d.status === "open" && (
                  <>
                    {" · "}
                    <Link to={`/demands/${d.publicId}`}>{t("demands:mine.public")}</Link>
                  </>
                )}
              </p>
            </article>
          ))}
        </div>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
