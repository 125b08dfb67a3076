import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { useEffect, useRef, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useRootData } from "../lib/root-data";
import { SearchBox } from "./SearchBox";

/**
 * One row at every width: brand, the shop's sections, search, cart and one account menu. On a phone the sections
 * fold into a menu of their own (one of the two "main navigation" landmarks is hidden at any width); what a member, a cooperative or staff work on lives in the account menu and in
 * their workspace's own navigation (the staff console, the cooperative's workspace), not in the shop's header.
 */
export function SiteHeader() {
  const { t } = useTranslation();
  const data = useRootData();
  const user = data?.user ?? null;
  return (
    <header className="site-header">
      <div className="container header-row">
        <HeaderMenu
          className="sections-menu"
          label={t("common:nav.menu")}
          summary={<MenuIcon />}
          panelLabel={t("common:nav.main")}
          navigation
        >
          <SectionLinks />
        </HeaderMenu>
        <Link to="/" className="brand" aria-label={t("common:brandHome")}>
          {/* The "H" is drawn by CSS: as text it would be part of what the link shows but not of its name. */}
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">HTX Connect</span>
        </Link>
        <nav aria-label={t("common:nav.main")} className="main-nav">
          <SectionLinks />
        </nav>
        <SearchBox />
        <CartLink count={data?.cartCount ?? 0} />
        <HeaderMenu
          className="account-menu"
          label={user ? t("shop:header.account", { name: user.fullName }) : t("common:nav.guestMenu")}
          summary={
            <>
              <PersonIcon />
              <span className="menu-label">{user ? shortName(user.fullName) : t("common:nav.login")}</span>
            </>
          }
          panelLabel={t("common:nav.accountMenu")}
        >
          <AccountLinks />
        </HeaderMenu>
      </div>
    </header>
  );
}

/** The shop's public sections: the main navigation on a wide screen, the sections menu on a phone. */
function SectionLinks() {
  const { t } = useTranslation();
  return (
    <>
      <NavLink to="/products">{t("common:nav.products")}</NavLink>
      <NavLink to="/cooperatives">{t("common:nav.cooperatives")}</NavLink>
      <NavLink to="/demands">{t("demands:nav")}</NavLink>
      <NavLink to="/fairs">{t("fairs:nav.fairs")}</NavLink>
      <NavLink to="/conferences">{t("conferences:nav")}</NavLink>
    </>
  );
}

/** Who is signed in and where their own work is, the language, and signing in or out. */
function AccountLinks() {
  const { t } = useTranslation();
  const data = useRootData();
  const user = data?.user ?? null;
  const location = useLocation();
  const here = location.pathname + location.search;
  return (
    <>
      {user ? (
        <>
          <p className="menu-heading">{user.fullName}</p>
          <ul className="menu-links">
            {user.role === "cooperative" && (
              <li>
                <NavLink to="/cooperative" end>
                  {t("common:nav.myCooperative")}
                </NavLink>
              </li>
            )}
            {user.role === "staff" && (
              <li>
                <NavLink to="/staff">{t("common:nav.staff")}</NavLink>
              </li>
            )}
            <li>
              {/* Beside the cooperative's own orders, what its member bought needs a name of its own. */}
              <NavLink to="/orders">
                {user.role === "cooperative" ? t("shop:header.myPurchases") : t("shop:header.myOrders")}
              </NavLink>
            </li>
            {user.role === "buyer" && (
              <>
                <li>
                  <NavLink to="/account/demands">{t("demands:mine.title")}</NavLink>
                </li>
                <li>
                  <NavLink to="/account/quotes">{t("quotes:nav")}</NavLink>
                </li>
                <li>
                  <NavLink to="/account/matches">{t("matches:nav")}</NavLink>
                </li>
                <li>
                  <NavLink to="/agreements">{t("agreements:nav")}</NavLink>
                </li>
              </>
            )}
            <li>
              <NavLink to="/account" end>
                {t("common:nav.account")}
              </NavLink>
            </li>
          </ul>
        </>
      ) : (
        <ul className="menu-links">
          <li>
            <Link to={`/login?redirectTo=${encodeURIComponent(here)}`}>{t("common:nav.login")}</Link>
          </li>
          <li>
            <Link to="/register">{t("common:nav.register")}</Link>
          </li>
        </ul>
      )}
      <Form method="post" action="/language" className="lang-switch" aria-label={t("common:language.label")}>
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
      {user && (
        <Form method="post" action="/logout">
          <button type="submit" className="link-button">
            {t("common:nav.logout")}
          </button>
        </Form>
      )}
    </>
  );
}

/**
 * A menu that opens under its button: a <details>, so it opens and its links work before the scripts load or
 * without them. In the browser it also closes on Escape (focus back on its button), on a click outside and when
 * the page changes.
 */
function HeaderMenu({
  className,
  label,
  summary,
  panelLabel,
  navigation = false,
  children,
}: {
  className: string;
  label: string;
  summary: ReactNode;
  panelLabel: string;
  /** The panel is a navigation landmark (the sections on a phone), not just a group of controls. */
  navigation?: boolean;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDetailsElement>(null);
  const location = useLocation();
  useEffect(() => {
    if (ref.current) ref.current.open = false;
  }, [location.key]);
  useEffect(() => {
    const menu = ref.current;
    if (!menu) return;
    const onPointer = (event: PointerEvent) => {
      if (menu.open && !menu.contains(event.target as Node)) menu.open = false;
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape" || !menu.open) return;
      menu.open = false;
      menu.querySelector("summary")?.focus();
    };
    document.addEventListener("pointerdown", onPointer);
    menu.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      menu.removeEventListener("keydown", onKey);
    };
  }, []);
  return (
    <details ref={ref} className={`header-menu ${className}`}>
      <summary aria-label={label} title={label}>
        {summary}
      </summary>
      {navigation ? (
        <nav className="menu-panel" aria-label={panelLabel}>
          {children}
        </nav>
      ) : (
        <div className="menu-panel" role="group" aria-label={panelLabel}>
          {children}
        </div>
      )}
    </details>
  );
}

function MenuIcon() {
  return (
    <svg aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="22" height="22">
      <path
        d="M4 6h16M4 12h16M4 18h16"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
      />
    </svg>
  );
}

function PersonIcon() {
  return (
    <svg aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="22" height="22">
      <circle cx="12" cy="8" r="4" fill="none" stroke="currentColor" strokeWidth="2" />
      <path
        d="M4 21c0-4.4 3.6-7 8-7s8 2.6 8 7"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
      />
    </svg>
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

/** The cart, for guests too. */
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
