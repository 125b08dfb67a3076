import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useRootData } from "../lib/root-data";
import { SearchBox } from "./SearchBox";

export function SiteHeader() {
  const { t } = useTranslation();
  const data = useRootData();
  const user = data?.user ?? null;
  const location = useLocation();
  const here = location.pathname + location.search;
  return (
    <header className="site-header">
      {/* A member's many links get a row of their own rather than pushing the tools onto a ragged second line. */}
      <div className={`container header-row${user?.role === "cooperative" ? " header-row-long-nav" : ""}`}>
        <Link to="/" className="brand" aria-label={t("common:brandHome")}>
          <span className="brand-mark" aria-hidden="true">
            H
          </span>
          <span className="brand-name">HTX Connect</span>
        </Link>
        <nav aria-label={t("common:nav.main")} className="main-nav">
          <NavLink to="/products">{t("common:nav.products")}</NavLink>
          <NavLink to="/cooperatives">{t("common:nav.cooperatives")}</NavLink>
          <NavLink to="/demands">{t("demands:nav")}</NavLink>
          {/* A member's "Hội chợ" is where they book (it links on to every fair), so one link, not two. */}
          {user?.role !== "cooperative" && <NavLink to="/fairs">{t("fairs:nav.fairs")}</NavLink>}
          {user?.role !== "staff" && <NavLink to="/conferences">{t("conferences:nav")}</NavLink>}
          {user?.role === "buyer" && <NavLink to="/orders">{t("shop:header.myOrders")}</NavLink>}
          {user?.role === "buyer" && <NavLink to="/account/matches">{t("matches:nav")}</NavLink>}
          {user?.role === "buyer" && <NavLink to="/agreements">{t("agreements:nav")}</NavLink>}
          {user?.role === "cooperative" && (
            <>
              <NavLink to="/cooperative" end>
                {t("common:nav.myCooperative")}
              </NavLink>
              <NavLink to="/cooperative/products">{t("common:nav.myProducts")}</NavLink>
              <NavLink to="/cooperative/offers">{t("offers:nav")}</NavLink>
              <NavLink to="/cooperative/matches">{t("matches:nav")}</NavLink>
              <NavLink to="/agreements">{t("agreements:nav")}</NavLink>
              <NavLink to="/cooperative/orders">{t("shop:header.cooperativeOrders")}</NavLink>
              <NavLink to="/cooperative/fairs">{t("fairs:nav.fairs")}</NavLink>
              {/* Beside the cooperative's own "Orders", what the member bought needs a name of its own. */}
              <NavLink to="/orders">{t("shop:header.myPurchases")}</NavLink>
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
          <CartLink count={data?.cartCount ?? 0} />
          {user ? (
            <>
              <NavLink
                to="/account"
                className="account-link"
                title={user.fullName}
                aria-label={t("shop:header.account", { name: user.fullName })}
              >
                {shortName(user.fullName)}
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

/**
 * Vietnamese full names end with the given name, which is how people are addressed ("Phạm Thị Lan" → "Lan");
 * the full name stays in the link's title and accessible name. Keeps the header on one row.
 */
function shortName(fullName: string) {
  const parts = fullName.trim().split(/\s+/);
  return parts.length > 2 ? parts[parts.length - 1] : fullName;
}

/** The cart, for guests too. The count is of products (cart lines), not of units. */
function CartLink({ count }: { count: number }) {
  const { t } = useTranslation();
  return (
    <NavLink to="/cart" className="cart-link" aria-label={t("shop:header.cart", { count })}>
      <svg aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="22" height="22">
        <path
          d="M2.5 4h2.2l2.2 10.1a1.6 1.6 0 0 0 1.6 1.3h8.4a1.6 1.6 0 0 0 1.5-1.1L20.5 8H6"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
        <circle cx="9.5" cy="19.5" r="1.6" fill="currentColor" />
        <circle cx="17" cy="19.5" r="1.6" fill="currentColor" />
      </svg>
      <span className="cart-count" aria-hidden="true">
        {count}
      </span>
    </NavLink>
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
        <p>
          <Link to="/privacy">{t("common:footer.privacy")}</Link>
        </p>
      </div>
    </footer>
  );
}
