import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "../lib/auth.server";
import { formatNumber } from "../lib/format";

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireRole(context, request, "staff");
  const { cooperatives, i18n } = context.services;
  const locale = await i18n.getLocale(request);
  const [counts, stats] = await Promise.all([cooperatives.countsByStatus(), cooperatives.stats()]);
  return json({ counts, stats, locale, title: i18n.t(locale)("staff:overview.title") });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
];

export default function StaffOverview() {
  const { counts, stats, locale } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <h1>{t("staff:overview.title")}</h1>
      <dl className="stat-cards">
        <div className="card">
          <dt>{t("staff:overview.pending")}</dt>
          <dd>{formatNumber(counts.pending, locale)}</dd>
          <Link to="/staff/cooperatives">{t("staff:overview.review")}</Link>
        </div>
        <div className="card">
          <dt>{t("staff:overview.approved")}</dt>
          <dd>{formatNumber(counts.approved, locale)}</dd>
        </div>
        <div className="card">
          <dt>{t("staff:overview.rejected")}</dt>
          <dd>{formatNumber(counts.rejected, locale)}</dd>
        </div>
        <div className="card">
          <dt>{t("staff:overview.provinces")}</dt>
          <dd>{formatNumber(stats.provinces, locale)}</dd>
        </div>
        <div className="card">
          <dt>{t("staff:overview.members")}</dt>
          <dd>{formatNumber(stats.members, locale)}</dd>
        </div>
      </dl>
    </>
  );
}
