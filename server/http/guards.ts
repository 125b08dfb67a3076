import type { NextFunction, Request, Response } from "express";
import type { I18n } from "../i18n";
import { DEFAULT_LOCALE } from "../vocabulary/locale";

/**
 * Refusals made before Remix sees the request (a malformed path, a body too large, a request from another site):
 * a small page in the reader's language, or a JSON error body for API clients, never a stack trace.
 */
export function refuser(i18n: I18n) {
  return async function refuse(
    req: Request,
    res: Response,
    status: number,
    code: string,
    params: Record<string, string | number> = {},
  ) {
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers.set(k, String(v));
    // The path may be the malformed part: the locale is read from the cookie and Accept-Language only.
    const locale = await i18n
      .getLocale(new Request("http://localhost/", { headers }))
      .catch(() => DEFAULT_LOCALE);
    const t = i18n.t(locale);
    const message = t(`errors:${code}`, params);
    // The body is not read: the client may still be sending it, so say the connection ends here.
    if (status === 411 || status === 413) res.setHeader("Connection", "close");
    res.status(status);
    if (req.path.startsWith("/api/") || req.accepts(["html", "json"]) === "json") {
      res.json({ error: { code, message, params } });
      return;
    }
    const title = t("errors:http_error_title", { status });
    res
      .type("html")
      .send(
        `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)} · HTX Connect</title></head>` +
          `<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p><p><a href="/">${escapeHtml(t("errors:back_home"))}</a></p></body></html>`,
      );
  };
}
export type Refuse = ReturnType<typeof refuser>;

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/**
 * A path whose percent-encoding is not valid UTF-8 (`/products/%C3%28`, `/trace/%FF`) cannot name anything here.
 * Remix and the static file server would throw on decoding it and log an error; it is the client's mistake: 400.
 */
export function rejectMalformedPaths(refuse: Refuse) {
  return (req: Request, res: Response, next: NextFunction) => {
    try {
      // A NUL names nothing either (and SQLite would cut a literal short at it). Query strings are each
      // parameter's own business: their schemas say which value is wrong (server/fields.ts searchTerms).
      if (decodeURIComponent(req.path).includes("\0")) throw new URIError("NUL in a path");
      next();
    } catch {
      void refuse(req, res, 400, "malformed_url");
    }
  };
}

/**
 * The pages' forms are sent by browsers as url-encoded or multipart bodies; anything else (JSON, text, a multipart
 * body without its boundary) cannot be read as a form, and Remix would fail on it with a 500. The JSON API and
 * webhooks under /api/ read their own bodies.
 */
export function requireFormBodies(refuse: Refuse) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!BODY_METHODS.has(req.method) || req.path.startsWith("/api/")) return next();
    const type = (req.get("content-type") ?? "").toLowerCase();
    const form =
      type.startsWith("application/x-www-form-urlencoded") ||
      (type.startsWith("multipart/form-data") && /;\s*boundary=\S/.test(type));
    if (form) return next();
    void refuse(req, res, 415, "unsupported_form");
  };
}

/** How much a request body may hold, by route. Multipart uploads name their own limit; every other body 1 MB. */
export interface BodyLimits {
  defaultBytes: number;
  uploads: Array<{ path: RegExp; bytes: number }>;
}

const BODY_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Refuse an oversized body before anything reads it. Node stops reading a body at its Content-Length, so a
 * declared length within the limit bounds what the handlers can be made to buffer; a body of unknown length
 * (chunked) is refused, as no browser form sends one. Uploads get their larger limit only on their own routes.
 */
export function limitBodies(limits: BodyLimits, refuse: Refuse) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!BODY_METHODS.has(req.method)) return next();
    const declared = req.get("content-length");
    if (declared === undefined) {
      if (req.get("transfer-encoding")) return void refuse(req, res, 411, "length_required");
      return next();
    }
    const multipart = (req.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data");
    const upload = multipart ? limits.uploads.find((u) => u.path.test(req.path)) : undefined;
    const max = upload?.bytes ?? limits.defaultBytes;
    if (Number(declared) > max)
      return void refuse(req, res, 413, "payload_too_large", {
        maxMb: Math.max(1, Math.round(max / 1048576)),
      });
    next();
  };
}
