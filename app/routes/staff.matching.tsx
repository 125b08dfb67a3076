import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { IntentForm, UnclaimedFailure, useSubmitting } from "../components/IntentForm";
import { requireRole } from "../lib/auth.server";
import { orRespond, readForm, runIntent } from "../lib/forms.server";
import { formatNumber } from "../../server/vocabulary/format";

/** Matching at a glance for the union's staff, and the button that recomputes every match (queued). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = requireRole(context, request, "staff");
  const { matching, i18n } = context.services;
  const locale = await i18n.getLocale(request);
  const overview = await orRespond(matching.matchingOverview(staff));
  const queued = new URL(request.url).searchParams.get("queued");
  return json({
    overview,
    locale,
    queued: queued && /^\d{1,9}$/.test(queued) ? Number(queued) : null,
    title: i18n.t(locale)("matches:staff.title"),
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
];

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = requireRole(context, request, "staff");
  const values = await readForm(request);
  const outcome = await runIntent(
    values,
    values.intent === "recompute" ? () => context.services.matching.recomputeAllMatches(staff) : null,
  );
  if (!outcome.ok) return outcome.response;
  return redirect(`/staff/matching?queued=${outcome.result.demands}`);
}

export default function StaffMatching() {
  const { overview, locale, queued, title } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const busy = useSubmitting();
  return (
    <>
      <h1>{title}</h1>
      <UnclaimedFailure claimed={() => false} />
      {queued !== null && (
        <p className="notice notice-approved" role="status">
          {t("matches:staff.recomputed", { count: queued })}
        </p>
      )}
      <p className="muted">{t("matches:staff.intro")}</p>
      <dl className="stat-cards">
        <div className="card">
          <dt>{t("matches:staff.openDemands")}</dt>
          <dd>{formatNumber(overview.demands, locale)}</dd>
        </div>
        <div className="card">
          <dt>{t("matches:staff.activeOffers")}</dt>
          <dd>{formatNumber(overview.offers, locale)}</dd>
        </div>
      </dl>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t("matches:staff.status")}</th>
            <th scope="col" className="num">
              {t("matches:staff.count")}
            </th>
          </tr>
        </thead>
        <tbody>
          {overview.statuses.map((s) => (
            <tr key={s.status}>
              <td>{t(`matches:status.${s.status}`)}</td>
              <td className="num">{formatNumber(s.count, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <IntentForm intent="recompute">
        <button type="submit" className="button" disabled={busy}>
          {t("matches:staff.recompute")}
        </button>
      </IntentForm>
    </>
  );
}
