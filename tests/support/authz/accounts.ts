import viAuth from "../../../app/locales/vi/auth.json";
import { by, everyone, get, ok, post, redirect, signedIn, status, title } from "./cells";
import type { F } from "./fixtures";
import { CONFLICT, INVALID, OK, type RouteEntry } from "./matrix";

/**
 * Accounts: logging in and out, registering, the language, one's own account and resetting a password.
 */
export const ACCOUNTS: Array<RouteEntry<F>> = [
  {
    file: "login.tsx",
    probes: [
      get("the form", () => "/login", by({ guest: OK, signedIn: redirect("/") }), {
        shows: () => [title("Đăng nhập")],
      }),
      post(
        "(form)",
        () => "/login",
        () => ({ email: "", password: "" }),
        // Signed in, the refused form is not shown again: the page sends them on, as its loader does.
        by({ guest: INVALID, signedIn: redirect("/") }),
      ),
      post(
        "register",
        () => "/login",
        () => ({ intent: "register", redirectTo: "/checkout", email: "" }),
        by({ guest: INVALID, signedIn: redirect("/") }),
      ),
    ],
  },
  {
    file: "logout.tsx",
    probes: [
      get("GET does nothing", () => "/logout", everyone(redirect("/"))),
      post(
        "(form)",
        () => "/logout",
        () => ({}),
        everyone(redirect("/")),
        { fresh: true },
      ),
    ],
  },
  {
    file: "register.tsx",
    probes: [
      get("the form", () => "/register", by({ guest: OK, signedIn: redirect("/account") }), {
        shows: () => [title("Tạo tài khoản")],
      }),
      post(
        "(form)",
        () => "/register",
        () => ({ accountType: "buyer", fullName: "Vũ Thị Mai", email: "mai@@example" }),
        by({ guest: INVALID, signedIn: redirect("/account") }),
      ),
    ],
  },
  {
    file: "language.tsx",
    probes: [
      get("GET does nothing", () => "/language", everyone(redirect("/"))),
      post(
        "(form)",
        () => "/language",
        () => ({ lng: "xx", redirectTo: "/fairs" }),
        everyone(redirect("/fairs")),
      ),
    ],
  },
  {
    file: "account.tsx",
    probes: [
      get(
        "my account",
        () => "/account",
        signedIn(OK, {
          buyerA: ok(
            (f) => [f.emails.buyerA],
            (f) => [f.emails.buyerB],
          ),
          buyerB: ok(
            (f) => [f.emails.buyerB],
            (f) => [f.emails.buyerA],
          ),
          memberX: ok(
            (f) => [f.emails.memberX],
            (f) => [f.emails.memberY],
          ),
          memberY: ok(
            (f) => [f.emails.memberY],
            (f) => [f.emails.memberX],
          ),
          pending: ok((f) => [f.emails.pending]),
          staff: ok((f) => [f.emails.staff]),
        }),
        { shows: () => [title("Tài khoản")] },
      ),
      post(
        "profile",
        () => "/account",
        () => ({ intent: "profile", fullName: "" }),
        signedIn(INVALID),
      ),
      post(
        "organisation",
        () => "/account",
        () => ({ intent: "organisation", organisationName: "" }),
        signedIn(INVALID),
      ),
      post(
        "password",
        () => "/account",
        () => ({
          intent: "password",
          currentPassword: "sai",
          password: "mat-khau-moi-1",
          passwordConfirm: "mat-khau-moi-1",
        }),
        signedIn(INVALID),
      ),
      // Ends the asker's own sessions only; a guest has none and is sent to log in.
      post(
        "signOutEverywhere",
        () => "/account",
        () => ({ intent: "signOutEverywhere" }),
        signedIn(redirect("/login?signedOut=everywhere")),
        { fresh: true },
      ),
    ],
  },

  {
    file: "forgot-password.tsx",
    probes: [
      get("the form", () => "/forgot-password", everyone(OK), { shows: () => [title(viAuth.forgot.title)] }),
      post(
        "(form)",
        () => "/forgot-password",
        () => ({ email: "khong-phai-email" }),
        everyone(INVALID),
      ),
    ],
  },
  {
    // The token in the link is the guard: no session, whoever's, stands in for it.
    file: "reset-password.$token.tsx",
    probes: [
      get("an unknown link", () => "/reset-password/khong-co-lien-ket-nay", everyone(status(410)), {
        shows: () => [title(viAuth.reset.invalidTitle)],
      }),
      post(
        "(form)",
        () => "/reset-password/khong-co-lien-ket-nay",
        () => ({ password: "mat-khau-moi-an-toan", passwordConfirm: "mat-khau-moi-an-toan" }),
        everyone(CONFLICT),
      ),
    ],
  },
];
