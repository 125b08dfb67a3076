import { Link, NavLink, useMatch } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatNumber, formatPercent } from "../../server/vocabulary/format";
import { fairTabPath, type Occupancy, type StaffFair, type StaffHall } from "./FairAdmin";
import { FairDates, FairStatusBadge } from "./FairCard";
import { BoothLegend } from "./BoothList";
import type { Locale } from "../../server/vocabulary/locale";

/**
 * What every tab of the fair editor shows above itself: where the fair stands (status, dates, place), the last
 * thing done, how full it is at a glance, and the tabs as links — each one its own address.
 */
export function FairAdminHeader({
  fair,
  halls,
  occupancy,
  pending,
  waiting,
  done,
  created,
  locale,
}: {
  fair: Pick<StaffFair, "id" | "slug" | "name" | "status" | "startsOn" | "endsOn" | "venue" | "province">;
  /** For the legend's count per booth state. */
  halls: StaffHall[];
  occupancy: Occupancy;
  /** Bookings awaiting approval, and cooperatives on the waiting list: counted on their tabs. */
  pending: number;
  waiting: number;
  /** A key under fairAdmin:done, with the number of booths a grid made. */
  done: string | null;
  created: number;
  locale: Locale;
}) {
  const { t } = useTranslation();
  const onDetails = useMatch(fairTabPath(":id", "details")) !== null;
  const total = Object.values(occupancy).reduce((s, n) => s + n, 0);
  return (
    <>
      <nav aria-label={t("common:breadcrumb")} className="breadcrumb">
        <Link to="/staff/fairs">{t("fairAdmin:list.title")}</Link> › <span>{fair.name}</span>
      </nav>
      <header className="fa-fair-head">
        <div>
          <h1 id="fair-title">{fair.name}</h1>
          <p className="fa-fair-meta">
            <FairStatusBadge status={fair.status} />
            {!onDetails && (
              <Link to={`${fairTabPath(fair.id, "details")}#status-title`}>
                {t("fairAdmin:fair.changeStatus")}
              </Link>
            )}
            <span>
              <FairDates fair={fair} locale={locale} /> · {fair.venue}, {fair.province.name}
            </span>
          </p>
        </div>
        <div className="actions fa-fair-links">
          <a href={`/fairs/${fair.slug}`}>{t("fairAdmin:fair.publicPage")}</a>
          <a href={`/staff/fairs/${fair.id}/exhibitors.csv`} download>
            {t("fairAdmin:fair.exportCsv")}
          </a>
        </div>
      </header>

      {done && (
        <p className="notice notice-approved" role="status">
          {t(`fairAdmin:done.${done}`, { count: created })}
        </p>
      )}

      <section className="card fa-occupancy" aria-labelledby="occupancy-title">
        <h2 id="occupancy-title">{t("fairAdmin:occupancy.title")}</h2>
        {total === 0 ? (
          <p className="muted">{t("fairAdmin:occupancy.none")}</p>
        ) : (
          <>
            <p className="fa-occupancy-line">
              {t("fairAdmin:occupancy.summary", {
                count: total,
                total: formatNumber(total, locale),
                booked: formatNumber(occupancy.booked, locale),
                percent: formatPercent(occupancy.booked / total, locale),
              })}
            </p>
            <BoothLegend halls={halls} showMine={false} />
          </>
        )}
      </section>

      {/* NavLink marks the tab of the current address with aria-current="page"; the plan is the fair's own. */}
      <nav className="tabs sales-tabs fa-tabs" aria-label={t("fairAdmin:tabs.label")}>
        <NavLink to={fairTabPath(fair.id)} end>
          {t("fairAdmin:tabs.plan")}
        </NavLink>
        <NavLink to={fairTabPath(fair.id, "bookings")}>
          {t("fairAdmin:tabs.bookings")}
          {pending > 0 && (
            <span className="count-badge" aria-label={t("fairAdmin:tabs.pending", { count: pending })}>
              {formatNumber(pending, locale)}
            </span>
          )}
        </NavLink>
        <NavLink to={fairTabPath(fair.id, "waitlist")}>
          {t("fairAdmin:tabs.waitlist")}
          {waiting > 0 && (
            <span className="sales-tab-count">
              <span className="visually-hidden">: </span>
              {formatNumber(waiting, locale)}
            </span>
          )}
        </NavLink>
        <NavLink to={fairTabPath(fair.id, "visitors")}>{t("fairAdmin:tabs.visitors")}</NavLink>
        <NavLink to={fairTabPath(fair.id, "details")}>{t("fairAdmin:tabs.details")}</NavLink>
      </nav>
    </>
  );
}
