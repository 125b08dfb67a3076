import { NavLink } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Console } from "./Console";

/**
 * The cooperative's workspace: its own navigation (dashboard, products, batches, orders, quotes, delivery,
 * offers, matches, fairs, agreements, profile) beside the page. Pages under /cooperative get it from their
 * layout route; a page a member shares with buyers (their agreements) wraps itself in it for a member.
 */
export function CooperativeWorkspace({ children }: { children: ReactNode }) {
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
      {children}
    </Console>
  );
}
