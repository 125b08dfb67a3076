import { createHash } from "node:crypto";
import type { ServerResponse } from "node:http";
import type { NextFunction, Request, Response } from "express";

/**
 * Who may keep a response, and for how long: the whole policy (docs/decisions/0024-http-caching.md).
 *
 * | response                                                        | Cache-Control                           |
 * | --------------------------------------------------------------- | --------------------------------------- |
 * | personal page (PERSONAL below), any method or status            | `private, no-store`                     |
 * | POST/PUT/PATCH/DELETE                                           | `private, no-store` (or the route's)    |
 * | 4xx/5xx                                                         | `no-store` (or the route's, if private) |
 * | redirects and other non-200                                     | `private, no-cache` (or the route's…)   |
 * | GET 200 to a request with the session or guest-cart cookie      | `private, no-cache`, or the route's     |
 * |   (or one that sets a cookie)                                   |   policy made private                   |
 * | GET 200 to anyone else, route chose no policy (pages, data)     | `publicPage`                            |
 * | GET 200 to anyone else, route chose one (API, robots, sitemap)  | the route's                             |
 *
 * Every response a shared cache may keep (`public`) gets `Vary: Accept-Language, Cookie` unless its route named a
 * Vary of its own (the language comes from the `lng` cookie or Accept-Language when the URL does not name it; a
 * cookie can also make the page private), and a weak ETag from its body; a GET whose If-None-Match matches is
 * answered 304 without a body. Files served by express.static (/build, /uploads, public/) keep their own headers
 * and never reach this middleware.
 */
export const CACHE_CONTROL = {
  /**
   * HTML pages and Remix route data for a visitor without a session or cart. Browsers revalidate every time (a
   * 304 when nothing changed); a CDN may answer for 15 s and for 15 s more while it refetches in the background,
   * so nobody sees a price or stock level older than 30 s. The cart and checkout check both again anyway
   * (`price_changed`, `insufficient_stock`).
   */
  publicPage: "public, max-age=0, s-maxage=15, stale-while-revalidate=15",
  /** The public JSON API: the same prices and stock as the pages, the same 30 s at most. */
  publicApi: "public, max-age=15, stale-while-revalidate=15",
  /** The header's suggestions: names as people type, not the price anyone pays. */
  suggestions: "public, max-age=60, stale-while-revalidate=300",
  /** The wards of a province change by law, not by the day. */
  wards: "public, max-age=86400, stale-while-revalidate=604800",
  personal: "private, no-store",
  /** A page with a signed-in user's name or a guest's cart count in its header. */
  signedIn: "private, no-cache",
  error: "no-store",
  otherStatus: "private, no-cache",
} as const;

/** Pages that show one person's or one cooperative's data: never kept by a shared cache or the browser's disk. */
const PERSONAL =
  /^\/(account|orders|checkout|cart|cooperative|staff|agreements|matches|calendar|login|logout|register|password)(\/|$|[.])/;

const SAFE_METHODS = new Set(["GET", "HEAD"]);

/** What the policy looks at. */
export interface CachingFacts {
  method: string;
  path: string;
  status: number;
  /** The request carried the session or guest-cart cookie, or a signed-in user. */
  credentialed: boolean;
  /** The response sets a cookie. */
  setsCookie: boolean;
  /** The Cache-Control the route chose, if any. */
  routePolicy: string | undefined;
}

const isShared = (cacheControl: string) => /(^|,)\s*(public|s-maxage=)/i.test(cacheControl);

/** The route's own policy, for one browser only: `public` becomes `private`, shared-cache directives go. */
function privately(cacheControl: string): string {
  const kept = cacheControl
    .split(",")
    .map((d) => d.trim())
    .filter((d) => d && !/^(public|private|s-maxage=.*|proxy-revalidate)$/i.test(d));
  return ["private", ...kept].join(", ");
}

/** The Cache-Control a response goes out with, and whether a shared cache may keep it. */
export function cachePolicy(f: CachingFacts): { cacheControl: string; shared: boolean } {
  const route = f.routePolicy;
  const unlessPublic = (fallback: string) => (route && !isShared(route) ? route : fallback);
  let cacheControl: string;
  if (PERSONAL.test(f.path)) cacheControl = CACHE_CONTROL.personal;
  else if (!SAFE_METHODS.has(f.method)) cacheControl = unlessPublic(CACHE_CONTROL.personal);
  else if (f.status >= 400) cacheControl = unlessPublic(CACHE_CONTROL.error);
  else if (f.status !== 200) cacheControl = unlessPublic(CACHE_CONTROL.otherStatus);
  else if (f.credentialed || f.setsCookie) cacheControl = route ? privately(route) : CACHE_CONTROL.signedIn;
  else cacheControl = route ?? CACHE_CONTROL.publicPage;
  return { cacheControl, shared: isShared(cacheControl) };
}

/**
 * A weak validator from the body's bytes, leaving out `ignore` (the page's CSP nonce, new on every request but
 * meaning nothing): two renderings of the same page compare equal. Weak, because the bytes differ by the nonce
 * and by compression, which this tag does not see.
 */
export function etagOf(body: Buffer, ignore?: string): string {
  const hash = createHash("sha1");
  let from = 0;
  if (ignore) {
    const needle = Buffer.from(ignore);
    for (let at = body.indexOf(needle); at !== -1; at = body.indexOf(needle, from)) {
      hash.update(body.subarray(from, at));
      from = at + needle.length;
    }
  }
  hash.update(body.subarray(from));
  return `W/"${hash.digest("base64url")}"`;
}

/**
 * If-None-Match by weak comparison (RFC 9110 §13.1.2). Not Express's `req.fresh`: it ignores the validators
 * when the request says `Cache-Control: no-cache`, as fetch() adds to every conditional request and a CDN may
 * pass on, though that directive is for caches, not for the server that makes the page.
 */
export function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, "");
  return ifNoneMatch.trim() === "*" || ifNoneMatch.split(",").some((tag) => opaque(tag) === opaque(etag));
}

export function hasCookie(header: string | undefined, names: readonly string[]): boolean {
  if (!header) return false;
  return header.split(";").some((pair) => names.includes(pair.split("=", 1)[0]!.trim()));
}

type Callback = (error?: Error | null) => void;
/** `write`, `end` and `writeHead` as this middleware passes them on: whatever arguments it was given. */
type Passed = (this: ServerResponse, ...args: unknown[]) => unknown;

const encodingOf = (e: unknown) => (typeof e === "string" ? (e as BufferEncoding) : undefined);
const callbackOf = (args: unknown[]) => args.find((a): a is Callback => typeof a === "function");

export interface HttpCachingOptions {
  /** The cookies whose presence makes a response private: the session's and the guest cart's. */
  credentialCookies: readonly string[];
  /** A shared response longer than this goes out streamed, without an ETag. */
  maxEtagBytes?: number;
  /** Hears every complete shared GET 200 body with its final headers (the page cache keeps them). */
  onShared?: (req: Request, res: Response, body: Buffer) => void;
}

/**
 * Applies `cachePolicy` just before the headers go out (Remix appends its headers to the Express response, then
 * streams the body), and for a shared GET response holds the body back to hash it: the ETag has to go out with
 * the headers. Only those responses lose streaming; what a signed-in user sees streams as before.
 */
export function httpCaching(options: HttpCachingOptions) {
  const maxEtagBytes = options.maxEtagBytes ?? 2 * 1024 * 1024;
  return (req: Request, res: Response, next: NextFunction) => {
    const cookie = hasCookie(req.headers.cookie, options.credentialCookies);
    const write = res.write as unknown as Passed;
    const end = res.end as unknown as Passed;
    const writeHead = res.writeHead as unknown as Passed;
    let decided = false;
    let holding = false;
    let held: Buffer[] = [];
    let heldBytes = 0;

    const decide = () => {
      if (decided) return;
      decided = true;
      const route = res.getHeader("Cache-Control");
      const { cacheControl, shared } = cachePolicy({
        method: req.method,
        path: req.path,
        status: res.statusCode,
        credentialed: cookie || Boolean(res.locals.user),
        setsCookie: res.hasHeader("Set-Cookie"),
        routePolicy: route === undefined ? undefined : [route].flat().join(", "),
      });
      res.setHeader("Cache-Control", cacheControl);
      if (shared) {
        // A route that names its own Vary has said what its answer depends on; any other may depend on the
        // language (cookie or header) and on who is asking (cookie).
        if (!res.hasHeader("Vary")) res.vary("Accept-Language").vary("Cookie");
        // Compression's own, named here too so that a 304 (which compression leaves alone) has it.
        res.vary("Accept-Encoding");
      }
      // A HEAD response has no body to hash (Remix drops it), so it carries no validator either.
      holding = shared && req.method === "GET" && !res.hasHeader("ETag") && !res.headersSent;
    };

    const hold = (chunk: unknown, encoding?: BufferEncoding) => {
      if (chunk === undefined || chunk === null) return;
      const bytes = Buffer.isBuffer(chunk)
        ? chunk
        : chunk instanceof Uint8Array
          ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
          : Buffer.from(String(chunk), encoding ?? "utf8");
      held.push(bytes);
      heldBytes += bytes.length;
    };

    /** Too long to hold: what is held goes out as it is, and the rest streams after it. */
    const letGo = () => {
      holding = false;
      const body = Buffer.concat(held);
      held = [];
      write.call(res, body);
    };

    res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
      // Called directly (not by write or end), the status is in the arguments and not yet on the response.
      if (typeof args[0] === "number") res.statusCode = args[0];
      decide();
      return writeHead.apply(this, args);
    } as unknown as Response["writeHead"];

    res.write = function (this: ServerResponse, ...args: unknown[]) {
      if (!res.headersSent) decide();
      if (!holding) return write.apply(this, args);
      const [chunk, encoding] = args;
      hold(chunk, encodingOf(encoding));
      if (heldBytes > maxEtagBytes) letGo();
      const callback = callbackOf(args);
      if (callback) process.nextTick(callback);
      return true;
    } as unknown as Response["write"];

    res.end = function (this: ServerResponse, ...args: unknown[]) {
      if (!res.headersSent) decide();
      if (!holding) return end.apply(this, args);
      holding = false;
      const [chunk, encoding] = args;
      if (typeof chunk !== "function") hold(chunk, encodingOf(encoding));
      const callback = callbackOf(args);
      const body = Buffer.concat(held);
      held = [];
      res.setHeader("ETag", etagOf(body, res.locals.cspNonce as string | undefined));
      if (res.statusCode === 200) options.onShared?.(req, res, body);
      if (!matches(req.get("If-None-Match"), res.getHeader("ETag") as string))
        return end.call(this, body, callback);
      res.statusCode = 304;
      // The client keeps the body it has; its nonce is that copy's, so the CSP header stays the stored one too
      // (browsers merge a 304's headers into the stored response). A 304 carries only caching fields.
      for (const name of ["Content-Security-Policy", "Content-Type", "Content-Length", "Transfer-Encoding"])
        res.removeHeader(name);
      return end.call(this, callback);
    } as unknown as Response["end"];

    next();
  };
}
