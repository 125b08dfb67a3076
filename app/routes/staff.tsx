import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "../lib/auth.server";
import { Console } from "../components/Console";
import { ErrorPage } from "../root";

/** The staff console shell: one guard and one navigation for every page under /staff. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  requireRole(context, request, "staff");
  const counts = await context.services.cooperatives.countByStatus();
  return json({ pending: counts.pending });
}

export default function StaffLayout() {
  const { pending } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <Console
      id="console-title"
      title={t("staff:console")}
      navLabel={t("staff:console")}
      links={
        <>
          <NavLink to="/staff" end>
            {t("staff:nav.overview")}
          </NavLink>
          <NavLink to="/staff/cooperatives">
            {t("staff:nav.cooperatives")}
            {pending > 0 && (
              <span className="count-badge" aria-label={t("staff:pendingCount", { count: pending })}>
                {pending}
              </span>
            )}
          </NavLink>
          <NavLink to="/staff/products/import">{t("imports:nav")}</NavLink>
          <NavLink to="/staff/orders">{t("sales:nav.orders")}</NavLink>
          <NavLink to="/staff/ledger">{t("sales:nav.ledger")}</NavLink>
          <NavLink to="/staff/fairs">{t("fairAdmin:nav.fairs")}</NavLink>
          <NavLink to="/staff/matching">{t("matches:nav")}</NavLink>
          <NavLink to="/staff/agreements">{t("agreements:nav")}</NavLink>
          <NavLink to="/staff/follow-ups">{t("followUps:nav")}</NavLink>
          <NavLink to="/staff/reports">{t("reports:nav")}</NavLink>
          <NavLink to="/staff/conferences">{t("conferences:nav")}</NavLink>
        </>
      }
    >
      <Outlet />
    </Console>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
