import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useRootData } from "../root";
import { SearchBox } from "./SearchBox";

export function SiteHeader() {
  const { t } = useTranslation();
  const data = useRootData();
  const user = data?.user ?? null;
  const location = useLocation();
  const here = location.pathname + location.search;
  return (
    <header className="site-header">
      <div className="container header-row">
        <Link to="/" className="brand" aria-label={t("common:brandHome")}>
          <span className="brand-mark" aria-hidden="true">
            H
          </span>
          <span className="brand-name">HTX Connect</span>
        </Link>
        <nav aria-label={t("common:nav.main")} className="main-nav">
          <NavLink to="/products">{t("common:nav.products")}</NavLink>
          <NavLink to="/cooperatives">{t("common:nav.cooperatives")}</NavLink>
          {user?.role === "cooperative" && (
            <>
              <NavLink to="/cooperative" end>
                {t("common:nav.myCooperative")}
              </NavLink>
              <NavLink to="/cooperative/products">{t("common:nav.myProducts")}</NavLink>
            </>
          )}
          {user?.role === "staff" && <NavLink to="/staff">{t("common:nav.staff")}</NavLink>}
        </nav>
        <SearchBox />
        <div className="header-tools">
          <Form
            method="post"
            action="/language"
            className="lang-switch"
            aria-label={t("common:language.label")}
          >
            <input type="hidden" name="redirectTo" value={here} />
            {(["vi", "en"] as const).map((lng) => (
              <button
                key={lng}
                type="submit"
                name="lng"
                value={lng}
                aria-pressed={data?.locale === lng}
                lang={lng}
                title={t(`common:language.${lng}`)}
              >
                {lng.toUpperCase()}
              </button>
            ))}
          </Form>
          {user ? (
            <>
              <NavLink to="/account" className="account-link">
                {user.fullName}
              </NavLink>
              <Form method="post" action="/logout">
                <button type="submit" className="link-button">
                  {t("common:nav.logout")}
                </button>
              </Form>
            </>
          ) : (
            <>
              <Link to={`/login?redirectTo=${encodeURIComponent(here)}`}>{t("common:nav.login")}</Link>
              <Link to="/register" className="button button-small">
                {t("common:nav.register")}
              </Link>
            </>
          )}
        </div>
      </div>
    </header>
  );
}

export function SiteFooter() {
  const { t } = useTranslation();
  return (
    <footer className="site-footer">
      <div className="container footer-row">
        <p>
          <strong>HTX Connect</strong> — {t("common:footer.tagline")}
        </p>
        <p className="muted">{t("common:footer.unions")}</p>
      </div>
    </footer>
  );
}
