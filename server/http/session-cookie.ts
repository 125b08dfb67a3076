import { GUEST_CART_DAYS } from "../orders/cart";
import { createCookie, type Cookie } from "@remix-run/node";
import { SESSION_DAYS } from "../accounts";

/** The signed cookie that carries the session token (the database keeps only its hash). */
export function createSessionCookie(secret: string, secure: boolean): Cookie {
  return createCookie("htx_session", {
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: "/",
    secrets: [secret],
    maxAge: SESSION_DAYS * 86400,
  });
}

/** A guest's cart token (signed). Merged into the buyer's cart at login, then cleared. */
export function createCartCookie(secret: string, secure: boolean): Cookie {
  return createCookie("htx_cart", {
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: "/",
    secrets: [secret],
    maxAge: GUEST_CART_DAYS * 86400,
  });
}
