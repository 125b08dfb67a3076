import type { OutgoingHttpHeaders } from "node:http";
import { brotliCompressSync, constants as zlib, gzipSync } from "node:zlib";
import type { NextFunction, Request, Response } from "express";
import { hasCookie, matches } from "./caching";

/**
 * A few seconds' memory of what anonymous visitors were shown (decision 0026): when a televised OCOP programme
 * sends thousands of people to the same product page, one render serves them all for `ttlMs`.
 *
 * Only responses `httpCaching` found shareable are kept — a GET answered 200 with `public` to a request carrying
 * neither the session nor the guest-cart cookie, that sets no cookie — with their headers (the CSP and its nonce
 * belong to the body they came with) and their body, compressed once per encoding asked for. A hit is answered
 * before anything else runs but the request log, so it costs about what node:http itself does.
 *
 * Nothing stays longer than `ttlMs` (prices and stock are never older than that), and everything goes at once
 * when this process handles a write (any non-GET request) or hears a domain event it published commit: the
 * cooperative that changed a price sees it on the next load. Another process's writes reach it within `ttlMs`.
 */
export interface PageCacheOptions {
  ttlMs: number;
  /** The cookies that make a request personal: the session's and the guest cart's. */
  credentialCookies: readonly string[];
  maxEntries?: number;
  /** Total bytes of uncompressed bodies kept; the oldest go first. */
  maxBytes?: number;
  now?: () => number;
}

interface Entry {
  at: number;
  headers: OutgoingHttpHeaders;
  etag: string | undefined;
  body: Buffer;
  encoded: Map<"br" | "gzip", Buffer>;
}

/** Headers that belong to one response on one connection, never to a stored copy. */
const PER_RESPONSE = new Set([
  "content-length",
  "content-encoding",
  "transfer-encoding",
  "connection",
  "keep-alive",
  "date",
  "x-request-id",
  "set-cookie",
  "age",
  "x-page-cache",
]);

/** Writes that change only their writer's session, cart, password or language, never a public page. */
const PERSONAL_WRITES = /^\/(cart|language|login|logout|register|forgot-password|reset-password)(\/|$)/;

export type PageCache = ReturnType<typeof createPageCache>;

export function createPageCache(options: PageCacheOptions) {
  const maxEntries = options.maxEntries ?? 1_000;
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  let bytes = 0;
  // A render that began before a write and ends after it must not be kept: it may show what the write changed.
  let generation = 0;
  const counts = { hits: 0, misses: 0, stored: 0, cleared: 0 };

  const keyOf = (req: Request) =>
    [
      req.protocol,
      req.get("x-forwarded-host") ?? req.get("host") ?? "",
      req.originalUrl,
      // What decides the language when the URL does not (server/i18n): the lng cookie, then Accept-Language.
      cookieValue(req.headers.cookie, "lng") ?? "",
      req.get("accept-language") ?? "",
    ].join("\n");

  const personal = (req: Request) => hasCookie(req.headers.cookie, options.credentialCookies);

  function remove(key: string) {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    bytes -= entry.body.length;
  }

  function clear() {
    generation += 1;
    if (entries.size > 0) counts.cleared += 1;
    entries.clear();
    bytes = 0;
  }

  function encoded(entry: Entry, encoding: "br" | "gzip") {
    let body = entry.encoded.get(encoding);
    if (!body) {
      // Once per page and encoding for the whole `ttlMs`, where compression would run on every response.
      body =
        encoding === "br"
          ? brotliCompressSync(entry.body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5 } })
          : gzipSync(entry.body, { level: 6 });
      entry.encoded.set(encoding, body);
    }
    return body;
  }

  return {
    /** Early in the chain: answers from memory, or lets the request through (and forgets all after a write). */
    serve(req: Request, res: Response, next: NextFunction) {
      if (req.method !== "GET" && req.method !== "HEAD") {
        // A write that went through may have changed what visitors see (stock after a checkout, a booth booked):
        // forget all. Refused ones change nothing, and neither do the writes that only touch the writer's own
        // session, cart or language — a crowd filling carts would otherwise empty the cache many times a second.
        if (!PERSONAL_WRITES.test(req.path))
          res.once("finish", () => {
            if (res.statusCode < 400) clear();
          });
        return next();
      }
      if (options.ttlMs <= 0 || personal(req) || /^\/(build|uploads)\//.test(req.path)) return next();
      const key = keyOf(req);
      const entry = entries.get(key);
      if (!entry || now() - entry.at >= options.ttlMs) {
        if (entry) remove(key);
        counts.misses += 1;
        res.locals.pageCacheKey = key;
        res.locals.pageCacheGeneration = generation;
        res.setHeader("X-Page-Cache", "miss");
        return next();
      }
      counts.hits += 1;
      for (const [name, value] of Object.entries(entry.headers))
        if (value !== undefined) res.setHeader(name, value);
      res.setHeader("Age", String(Math.floor((now() - entry.at) / 1000)));
      res.setHeader("X-Page-Cache", "hit");
      if (entry.etag && matches(req.get("If-None-Match"), entry.etag)) {
        // As httpCaching answers a 304: the client's stored copy keeps its own CSP nonce.
        for (const name of ["Content-Security-Policy", "Content-Type"]) res.removeHeader(name);
        res.statusCode = 304;
        return res.end();
      }
      const encoding = req.acceptsEncodings("br", "gzip", "identity");
      const body = encoding === "br" || encoding === "gzip" ? encoded(entry, encoding) : entry.body;
      if (encoding === "br" || encoding === "gzip") res.setHeader("Content-Encoding", encoding);
      res.setHeader("Content-Length", String(body.length));
      res.statusCode = 200;
      res.end(req.method === "HEAD" ? undefined : body);
    },

    /** Called by httpCaching with a complete, shareable 200 body and its final headers. */
    store(req: Request, res: Response, body: Buffer) {
      const key = res.locals.pageCacheKey as string | undefined;
      if (!key || options.ttlMs <= 0 || req.method !== "GET" || res.hasHeader("Set-Cookie")) return;
      if (res.locals.pageCacheGeneration !== generation) return;
      if (body.length > maxBytes / 8) return;
      const headers: OutgoingHttpHeaders = {};
      for (const [name, value] of Object.entries(res.getHeaders()))
        if (!PER_RESPONSE.has(name.toLowerCase())) headers[name] = value;
      remove(key);
      entries.set(key, {
        at: now(),
        headers,
        etag: res.getHeader("ETag") as string | undefined,
        body,
        encoded: new Map(),
      });
      bytes += body.length;
      counts.stored += 1;
      for (const [oldest] of entries) {
        if (entries.size <= maxEntries && bytes <= maxBytes) break;
        remove(oldest);
      }
    },

    clear,
    stats: () => ({ ...counts, entries: entries.size, bytes }),
  };
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const pair of header.split(";")) {
    const at = pair.indexOf("=");
    if (at > 0 && pair.slice(0, at).trim() === name) return pair.slice(at + 1).trim();
  }
  return undefined;
}
