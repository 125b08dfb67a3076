import { NavLink, Outlet } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Console } from "../components/Console";
import { ErrorPage } from "../root";

/**
 * The cooperative's workspace: its own navigation beside every page under /cooperative, instead of links
 * in the shop's header. No loader: each page checks who is asking (requireRole) and loads only what it shows.
 */
export default function CooperativeWorkspace() {
  const { t } = useTranslation();
  return (
    <Console
      id="workspace-title"
      title={t("common:nav.myCooperative")}
      navLabel={t("common:nav.workspace")}
      links={
        <>
          <NavLink to="/cooperative" end>
            {t("common:nav.overview")}
          </NavLink>
          <NavLink to="/cooperative/products">{t("common:nav.myProducts")}</NavLink>
          <NavLink to="/cooperative/batches">{t("workspace:nav.batches")}</NavLink>
          <NavLink to="/cooperative/orders">{t("shop:header.cooperativeOrders")}</NavLink>
          <NavLink to="/cooperative/quotes">{t("quotes:nav")}</NavLink>
          <NavLink to="/cooperative/shipping">{t("sales:shipping.nav")}</NavLink>
          <NavLink to="/cooperative/offers">{t("offers:nav")}</NavLink>
          <NavLink to="/cooperative/matches">{t("matches:nav")}</NavLink>
          <NavLink to="/cooperative/fairs">{t("fairs:nav.fairs")}</NavLink>
          <NavLink to="/agreements">{t("agreements:nav")}</NavLink>
          <NavLink to="/cooperative/profile">{t("workspace:nav.profile")}</NavLink>
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
