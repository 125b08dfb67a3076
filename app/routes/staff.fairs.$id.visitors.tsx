import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { fairTabPath } from "../components/FairAdmin";
import { orRespond } from "../lib/forms.server";
import { staffFairView, staffOnFair } from "../lib/fair-admin.server";
import { formatDateTime, formatNumber } from "../../server/vocabulary/format";
import { ErrorPage } from "../root";

/**
 * The visitors tab: who said "I will visit", how many still stand (signed in or as guests), a search by name, phone or
 * email (a plain GET form), and the list as a spreadsheet.
 */
export async function loader(args: LoaderFunctionArgs) {
  const { staff, fairId, fairs } = staffOnFair(args);
  const { view, locale, t } = await staffFairView(args);
  const q = (new URL(args.request.url).searchParams.get("q") ?? "").slice(0, 100);
  const { registered, signedIn, guests, visitors } = await orRespond(
    fairs.listVisitors(staff, { fairId, q }),
  );
  return json({
    fairId,
    registered,
    signedIn,
    guests,
    visitors,
    q,
    locale,
    title: `${t("fairAdmin:tabs.visitors")} · ${view.fair.name}`,
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
];

export default function FairVisitorsTab() {
  const { fairId, registered, signedIn, guests, visitors, q, locale } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section aria-labelledby="visitors-title">
      <div className="fa-section-head">
        <h2 id="visitors-title">{t("fairAdmin:visitors.title")}</h2>
        {visitors.length > 0 && (
          <a href={`${fairTabPath(fairId, "visitors")}.csv`} download>
            {t("fairAdmin:visitors.csv")}
          </a>
        )}
      </div>
      <p className="muted" role="status">
        {t("fairAdmin:visitors.count", { count: registered, formatted: formatNumber(registered, locale) })}{" "}
        {registered > 0 &&
          t("fairAdmin:visitors.byKind", {
            signedIn: formatNumber(signedIn, locale),
            guests: formatNumber(guests, locale),
          })}
      </p>
      {(registered > 0 || visitors.length > 0 || q) && (
        <Form method="get" className="filter-bar" role="search">
          <div className="field">
            <label htmlFor="visitor-q">{t("fairAdmin:visitors.searchLabel")}</label>
            <input id="visitor-q" name="q" type="search" defaultValue={q} maxLength={100} />
          </div>
          <button type="submit" className="button">
            {t("common:search")}
          </button>
          {q && <Link to={fairTabPath(fairId, "visitors")}>{t("fairAdmin:visitors.searchClear")}</Link>}
        </Form>
      )}
      {q && (
        <p className="muted">
          {t("fairAdmin:visitors.found", {
            count: visitors.length,
            formatted: formatNumber(visitors.length, locale),
          })}
        </p>
      )}
      {visitors.length === 0 ? (
        <p className="empty">{t(q ? "fairAdmin:visitors.emptySearch" : "fairAdmin:visitors.empty")}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table sales-table">
            <caption className="visually-hidden">{t("fairAdmin:visitors.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("fairAdmin:visitors.col.name")}</th>
                <th scope="col">{t("fairAdmin:visitors.col.phone")}</th>
                <th scope="col">{t("fairAdmin:visitors.col.email")}</th>
                <th scope="col">{t("fairAdmin:visitors.col.kind")}</th>
                <th scope="col">{t("fairAdmin:visitors.col.status")}</th>
                <th scope="col">{t("fairAdmin:visitors.col.at")}</th>
              </tr>
            </thead>
            <tbody>
              {visitors.map((v) => (
                <tr key={v.code}>
                  <th scope="row">{v.name}</th>
                  <td data-label={t("fairAdmin:visitors.col.phone")}>{v.phone}</td>
                  <td data-label={t("fairAdmin:visitors.col.email")}>{v.email}</td>
                  <td data-label={t("fairAdmin:visitors.col.kind")}>
                    {t(v.signedIn ? "fairAdmin:visitors.kind.signedIn" : "fairAdmin:visitors.kind.guest")}
                  </td>
                  <td data-label={t("fairAdmin:visitors.col.status")}>
                    {t(`fairAdmin:visitors.status.${v.status}`)}
                  </td>
                  <td data-label={t("fairAdmin:visitors.col.at")}>
                    {formatDateTime(v.registeredAt, locale)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
