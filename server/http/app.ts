import { randomBytes, randomUUID } from "node:crypto";
import { readdirSync } from "node:fs";
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";
import helmet from "helmet";
import { pinoHttp } from "pino-http";
import type { Container } from "../context";
import { MAX_IMPORT_BYTES } from "../catalogue/csv-columns";
import { MAX_IMAGE_BYTES, MAX_PRODUCT_IMAGES, MAX_SCAN_MB, MAX_VERIFY_PDF_MB } from "../vocabulary/domain";
import { httpCaching } from "./caching";
import { createPageCache } from "./page-cache";
import {
  requireFormBodies,
  limitBodies,
  refuser,
  rejectMalformedPaths,
  type BodyLimits,
  type Refuse,
} from "./guards";
import { createCartCookie, createSessionCookie } from "./session-cookie";
import {
  guardServices,
  isDatabaseUnavailable,
  noteUnavailable,
  SERVICE_UNAVAILABLE,
  unavailableResponse,
} from "./unavailable";

const MB = 1024 * 1024;
/** Each upload form's files and its text fields (1 MB); any other body, 1 MB. */
const BODY_LIMITS: BodyLimits = {
  defaultBytes: MB,
  uploads: [
    { path: /^\/cooperative\/products\/\d+\/?$/, bytes: MAX_PRODUCT_IMAGES * MAX_IMAGE_BYTES + MB },
    { path: /^\/cooperative\/products\/import\/?$/, bytes: MAX_IMPORT_BYTES + MB },
    { path: /^\/cooperative\/?$/, bytes: MAX_IMAGE_BYTES + MB },
    { path: /^\/staff\/fairs\/\d+(\/[\w-]+)?\/?$/, bytes: MAX_IMAGE_BYTES + MB },
    // A delivery's proof photo.
    { path: /^\/agreements\/[\w-]+\/?$/, bytes: MAX_IMAGE_BYTES + MB },
    // A paper agreement's scan, and a PDF brought to be checked.
    { path: /^\/staff\/agreements\/paper\/?$/, bytes: MAX_SCAN_MB * MB + MB },
    { path: /^\/verify\/?$/, bytes: MAX_VERIFY_PDF_MB * MB + MB },
  ],
};

export interface AppOptions {
  /** Loads the Remix server build; called per request in development so rebuilds are picked up. */
  getBuild: () => Promise<ServerBuild>;
  publicDir?: string;
}

/**
 * Express in front of Remix: logging, security headers, static files, an Origin check on every mutation,
 * the session resolved once per request, then Remix with the service container in its load context.
 */
export function createApp(container: Container, options: AppOptions) {
  const { config, services, logger } = container;
  const publicDir = options.publicDir ?? path.resolve("public");
  const sessionCookie = createSessionCookie(container.sessionSecret, config.https);
  const cartCookie = createCartCookie(container.sessionSecret, config.https);
  const app = express();
  app.disable("x-powered-by");
  if (config.trustProxy) app.set("trust proxy", true);

  app.use(
    pinoHttp({
      logger: logger.child({ component: "http" }),
      genReqId: (req, res) => {
        const id = (req.headers["x-request-id"] as string | undefined)?.slice(0, 64) ?? randomUUID();
        res.setHeader("X-Request-Id", id);
        return id;
      },
      autoLogging: { ignore: (req) => (req.url ?? "").startsWith("/build/") || req.url === "/healthz" },
      customLogLevel: (_req, res, err) =>
        err || res.statusCode >= 500 ? "error" : res.statusCode >= 400 ? "warn" : "info",
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: req.url,
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );

  // Anonymous visitors' pages for a few seconds, answered before the rest of the chain (decision 0026).
  const credentialCookies = [sessionCookie.name, cartCookie.name];
  const pageCache = createPageCache({ ttlMs: config.pageCacheMs, credentialCookies });
  container.events.onCommitted(() => pageCache.clear());
  app.use(pageCache.serve);

  app.use((_req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString("base64");
    next();
  });
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          "default-src": ["'self'"],
          "script-src": ["'self'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce as string}'`],
          "style-src": ["'self'", "'unsafe-inline'"],
          "img-src": ["'self'", "data:", "blob:"],
          "connect-src": ["'self'"],
          // Card checkout: the form posts here and is redirected on to Stripe's hosted page.
          "form-action": ["'self'", "https://checkout.stripe.com"],
          "frame-ancestors": ["'none'"],
          "object-src": ["'none'"],
          "base-uri": ["'self'"],
          "upgrade-insecure-requests": config.https ? [] : null,
        },
      },
      crossOriginEmbedderPolicy: false,
      strictTransportSecurity: config.https,
      referrerPolicy: { policy: "strict-origin-when-cross-origin" },
    }),
  );
  app.use(compression());

  const refuse = refuser(services.i18n);
  // Before anything decodes the path or reads the body: static files, Remix and the Stripe webhook alike.
  app.use(rejectMalformedPaths(refuse));
  app.use(limitBodies(BODY_LIMITS, refuse));

  app.get("/healthz", async (_req, res) => {
    try {
      await container.db.sequelize.query("SELECT 1");
      res.json({ status: "ok" });
    } catch {
      res.status(503).json({ status: "unavailable" });
    }
  });

  // Fingerprinted build assets live forever; other public files for an hour.
  app.use("/build", express.static(path.join(publicDir, "build"), { immutable: true, maxAge: "1y" }));
  // Uploaded images are named by content hash: they never change either.
  app.use("/uploads", express.static(config.uploadsDir, { immutable: true, maxAge: "1y", index: false }));
  // Other public files (the favicons) for an hour. Listed once, so that a page does not cost a stat() of the disk.
  const publicEntries = new Set(listPublicEntries(publicDir));
  const publicFiles = express.static(publicDir, { maxAge: "1h", index: false });
  app.use((req, res, next) =>
    publicEntries.has(req.path.split("/")[1] ?? "") ? publicFiles(req, res, next) : next(),
  );

  app.use(originCheck(config.publicUrl, refuse));
  app.use(requireFormBodies(refuse));
  app.use(httpCaching({ credentialCookies, onShared: pageCache.store }));

  app.use(async (req, res, next) => {
    try {
      const token = ((await sessionCookie.parse(req.headers.cookie ?? null)) as string | null) || null;
      res.locals.sessionToken = token;
      res.locals.cartToken = ((await cartCookie.parse(req.headers.cookie ?? null)) as string | null) || null;
      res.locals.user = await services.accounts.getUserForSession({ token });
      next();
    } catch (error) {
      next(error);
    }
  });

  const isDev = config.env === "development";
  let current: { build: ServerBuild; handler: ReturnType<typeof createRequestHandler> } | null = null;
  app.all("*", async (req, res, next) => {
    try {
      const build = await options.getBuild();
      if (current?.build !== build) current = { build, handler: makeHandler(build) };
      await current.handler(req, res, next);
    } catch (error) {
      next(error);
    }
  });

  function makeHandler(build: ServerBuild) {
    return createRequestHandler({
      build,
      mode: isDev ? "development" : "production",
      getLoadContext: (request, response) => ({
        // A database outage met by any loader or action becomes a translated 503 (server/http/unavailable.ts).
        services: guardServices(services, (cause) => {
          noteUnavailable(response, cause);
          return unavailableResponse();
        }),
        user: response.locals.user ?? null,
        cspNonce: response.locals.cspNonce as string,
        session: {
          token: (response.locals.sessionToken as string | null) ?? null,
          commit: (token: string) => sessionCookie.serialize(token),
          clear: () => sessionCookie.serialize("", { maxAge: 0, expires: new Date(0) }),
        },
        cart: {
          guestToken: (response.locals.cartToken as string | null) ?? null,
          commit: (token: string) => cartCookie.serialize(token),
          clear: () => cartCookie.serialize("", { maxAge: 0, expires: new Date(0) }),
        },
        requestMeta: { ip: request.ip ?? null, userAgent: request.get("user-agent") ?? null },
        origin: config.publicUrl ?? `${request.protocol}://${request.get("host")}`,
      }),
    });
  }

  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    // Before Remix: the session lookup met a database outage. Same answer as a loader's, in a small page.
    if (isDatabaseUnavailable(error)) {
      noteUnavailable(res, error);
      if (!res.headersSent) void refuse(req, res, 503, SERVICE_UNAVAILABLE);
      return;
    }
    req.log?.error({ err: error }, "unhandled error");
    if (res.headersSent) return;
    res.status(500).type("text/plain").send("500 — Lỗi máy chủ / Server error");
  });

  return app;
}

/**
 * Cross-site request forgery guard for every mutation: the Origin header (or, failing that, Sec-Fetch-Site)
 * must say the request comes from this site. Same-site cookies are the first line; this is the second. The host
 * the request was sent to must be the Origin's too (Remix refuses the action otherwise, with a 500): behind a
 * proxy, pass the public Host or X-Forwarded-Host on.
 */
export function originCheck(publicUrl: string | undefined, refuse: Refuse) {
  const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE.has(req.method) || req.path.startsWith("/api/webhooks/")) return next();
    const origin = req.get("origin");
    const host = req.get("x-forwarded-host")?.split(",")[0]?.trim() || req.get("host");
    const expected = publicUrl ? new URL(publicUrl).origin : `${req.protocol}://${host}`;
    const site = req.get("sec-fetch-site");
    const ok = origin
      ? origin === expected && hostOf(origin) === host
      : !site || site === "same-origin" || site === "none";
    if (ok) return next();
    req.log?.warn({ origin, host, site }, "cross-origin mutation refused");
    void refuse(req, res, 403, "cross_origin");
  };
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/** The top-level files and folders of public/ that the chain serves itself (build/ and uploads/ have their own). */
function listPublicEntries(publicDir: string): string[] {
  try {
    return readdirSync(publicDir).filter((name) => name !== "build" && name !== "uploads");
  } catch {
    return [];
  }
}
