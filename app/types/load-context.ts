import type { CurrentUser } from "../../server/accounts/current-user";
import type { Services } from "../../server/context";

/** What every loader and action receives from the Express server (server/http/app.ts). */
declare module "@remix-run/node" {
  interface AppLoadContext {
    services: Services;
    user: CurrentUser | null;
    cspNonce: string;
    session: {
      token: string | null;
      /** Set-Cookie value for a new session token. */
      commit(token: string): Promise<string>;
      /** Set-Cookie value that removes the session cookie. */
      clear(): Promise<string>;
    };
    cart: {
      /** A guest's cart token from its cookie (signed-in buyers' carts are found by user). */
      guestToken: string | null;
      commit(token: string): Promise<string>;
      clear(): Promise<string>;
    };
    requestMeta: { ip: string | null; userAgent: string | null };
    /** The site's public origin (PUBLIC_URL, else the one this request came to): for links in mails, QR codes, sitemaps. */
    origin: string;
  }
}

export {};
