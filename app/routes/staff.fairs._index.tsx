import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FairDates, FairStatusBadge } from "../components/FairCard";
import { requireRole } from "../lib/auth.server";
import { orRespond } from "../lib/forms.server";
import { formatDateTime, formatNumber } from "../../server/vocabulary/format";
import { ErrorPage } from "../root";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = requireRole(context, request, "staff");
  const { fairs, i18n } = context.services;
  const locale = await i18n.getLocale(request);
  const list = await orRespond(fairs.listFairsForStaff(staff, { locale }));
  return json({ fairs: list, locale, title: i18n.t(locale)("fairAdmin:list.title") });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
];

/** Every fair, newest first: where it stands, how full it is and what waits for a decision. */
export default function StaffFairs() {
  const { fairs, locale } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const pending = fairs.reduce((s, f) => s + f.pendingApproval, 0);
  return (
    <>
      <div className="fa-head">
        <div>
          <h1>{t("fairAdmin:list.title")}</h1>
          <p className="lead">{t("fairAdmin:list.lead")}</p>
        </div>
        <Link to="/staff/fairs/new" className="button">
          {t("fairAdmin:list.create")}
        </Link>
      </div>
      {pending > 0 && (
        <p className="notice notice-pending" role="status">
          {t("fairAdmin:list.pendingNotice", { count: pending })}
        </p>
      )}
      {fairs.length === 0 ? (
        <p className="empty">{t("fairAdmin:list.empty")}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table sales-table fa-table">
            <caption className="visually-hidden">{t("fairAdmin:list.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("fairAdmin:list.col.fair")}</th>
                <th scope="col">{t("fairAdmin:list.col.status")}</th>
                <th scope="col">{t("fairAdmin:list.col.dates")}</th>
                <th scope="col">{t("fairAdmin:list.col.booking")}</th>
                <th scope="col" className="numeric">
                  {t("fairAdmin:list.col.booths")}
                </th>
                <th scope="col" className="numeric">
                  {t("fairAdmin:list.col.pending")}
                </th>
              </tr>
            </thead>
            <tbody>
              {fairs.map((f) => (
                <tr key={f.id}>
                  <th scope="row">
                    <Link to={`/staff/fairs/${f.id}`} className="fa-fair-name">
                      {f.name}
                    </Link>
                    <span className="muted small fa-fair-place">
                      {f.venue} · {f.province.name}
                    </span>
                  </th>
                  <td data-label={t("fairAdmin:list.col.status")}>
                    <FairStatusBadge status={f.status} />
                  </td>
                  <td data-label={t("fairAdmin:list.col.dates")}>
                    <span className="fa-nowrap">
                      <FairDates fair={f} locale={locale} />
                    </span>
                  </td>
                  <td data-label={t("fairAdmin:list.col.booking")}>
                    <span className="fa-nowrap">{formatDateTime(f.bookingOpensAt, locale)}</span> –{" "}
                    <span className="fa-nowrap">{formatDateTime(f.bookingClosesAt, locale)}</span>
                  </td>
                  <td className="numeric" data-label={t("fairAdmin:list.col.booths")}>
                    {f.boothCount === 0
                      ? t("fairAdmin:list.noBooths")
                      : t("fairAdmin:list.available", {
                          available: formatNumber(f.availableCount, locale),
                          total: formatNumber(f.boothCount, locale),
                        })}
                  </td>
                  <td className="numeric" data-label={t("fairAdmin:list.col.pending")}>
                    {f.pendingApproval > 0 ? (
                      <Link
                        to={`/staff/fairs/${f.id}/bookings?status=pending_approval`}
                        className="fa-pending-link"
                        aria-label={t("fairAdmin:list.pendingLink", { count: f.pendingApproval })}
                      >
                        <span className="count-badge">{formatNumber(f.pendingApproval, locale)}</span>
                      </Link>
                    ) : (
                      <span className="muted">0</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
