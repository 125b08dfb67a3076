import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { staffFairView } from "../lib/fair-admin.server";
import { formatDateTime, formatNumber } from "../../server/vocabulary/format";
import { ErrorPage } from "../root";

/** The waiting-list tab: who waits for a booth to come free, in the order they will be offered one. */
export async function loader(args: LoaderFunctionArgs) {
  const { view, locale, t } = await staffFairView(args);
  return json({
    waitlist: view.waitlist,
    offerHours: view.fair.input.offerHours,
    locale,
    title: `${t("fairAdmin:tabs.waitlist")} · ${view.fair.name}`,
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
];

export default function FairWaitlistTab() {
  const { waitlist, offerHours, locale } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section aria-labelledby="waitlist-title">
      <h2 id="waitlist-title">{t("fairAdmin:waitlist.title")}</h2>
      <p className="muted">{t("fairAdmin:waitlist.lead", { count: offerHours })}</p>
      {waitlist.length === 0 ? (
        <p className="empty">{t("fairAdmin:waitlist.empty")}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table sales-table">
            <caption className="visually-hidden">{t("fairAdmin:waitlist.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("fairAdmin:waitlist.col.position")}</th>
                <th scope="col">{t("fairAdmin:waitlist.col.cooperative")}</th>
                <th scope="col">{t("fairAdmin:waitlist.col.status")}</th>
                <th scope="col">{t("fairAdmin:waitlist.col.since")}</th>
              </tr>
            </thead>
            <tbody>
              {waitlist.map((w, i) => (
                <tr key={w.cooperativeId}>
                  <th scope="row">{formatNumber(i + 1, locale)}</th>
                  <td data-label={t("fairAdmin:waitlist.col.cooperative")}>{w.name}</td>
                  <td data-label={t("fairAdmin:waitlist.col.status")}>
                    <span className={`fa-waitlist fa-waitlist-${w.status}`}>
                      {t(`fairs:waitlistStatus.${w.status}`)}
                    </span>
                  </td>
                  <td data-label={t("fairAdmin:waitlist.col.since")}>{formatDateTime(w.since, locale)}</td>
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
