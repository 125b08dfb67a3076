import type { Response as ExpressResponse } from "express";
import { ConnectionError } from "sequelize";

/** The code API clients and the error page see when the database cannot be reached. */
export const SERVICE_UNAVAILABLE = "service_unavailable";

/**
 * What a 503 asks clients to wait: about what a database restart or a failover takes, and short enough that the
 * reader's own retry is worth it.
 */
export const RETRY_AFTER_SECONDS = 10;

/**
 * Network failures between the app and MySQL/MariaDB, as mysql2 reports them (Node's socket errors, and its own
 * PROTOCOL_* codes when the server goes away mid-conversation), and the server saying it is going away or full.
 */
const UNREACHABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "PROTOCOL_CONNECTION_LOST",
  "PROTOCOL_SEQUENCE_TIMEOUT",
  "ER_SERVER_SHUTDOWN",
  "ER_CONNECTION_KILLED",
  "ER_CON_COUNT_ERROR",
]);

/**
 * SQLite cannot open its file (a volume gone, the file replaced) or the disk failed under it. Constraint, busy and
 * corruption errors are not here: the first two are expected outcomes, corruption is no brief outage.
 */
const SQLITE_UNREACHABLE = /^SQLITE_(CANTOPEN|IOERR)/;

interface DriverError {
  code?: unknown;
  fatal?: unknown;
  parent?: unknown;
  original?: unknown;
  cause?: unknown;
}

/**
 * Whether a failure says the database cannot be reached right now, as opposed to anything about the request:
 * Sequelize's ConnectionError family (refused, host unreachable, pool acquire timeout…), or a query that failed
 * because its connection died (Sequelize wraps those in a plain DatabaseError, with the driver's error as
 * `parent`). mysql2 marks every error that leaves its connection unusable `fatal`, including the one with no
 * code it gives a query sent on a connection already closed.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  for (let e: unknown = error; e && typeof e === "object" && !seen.has(e);) {
    seen.add(e);
    if (e instanceof ConnectionError) return true;
    const { code, fatal, parent, original, cause } = e as DriverError;
    if (typeof code === "string" && (UNREACHABLE_CODES.has(code) || SQLITE_UNREACHABLE.test(code)))
      return true;
    if (fatal === true) return true;
    e = parent ?? original ?? cause;
  }
  return false;
}

/**
 * Mark an Express response as answering "database unavailable": Retry-After, and the cause kept for the request
 * log (pino-http writes one line per request, with its id, and takes `res.err` as that line's error), so the
 * outage is logged once per request rather than as an unhandled error by every loader that met it.
 */
export function noteUnavailable(res: ExpressResponse, cause: unknown) {
  if (!res.headersSent && !res.hasHeader("Retry-After"))
    res.setHeader("Retry-After", String(RETRY_AFTER_SECONDS));
  res.err ??= cause instanceof Error ? cause : new Error(String(cause));
}

/**
 * The 503 a loader or action throws: Remix sends it as is from resource routes (/api/*) and shows it through the
 * error boundary on pages, which read the code. Retry-After is on the Express response (see noteUnavailable):
 * Remix drops a thrown Response's headers on pages, and would repeat them on resource routes.
 */
export function unavailableResponse(): Response {
  return new Response(JSON.stringify({ error: { code: SERVICE_UNAVAILABLE, params: {} } }), {
    status: 503,
    headers: { "Content-Type": "application/json; charset=utf-8" },
  });
}

/**
 * The services as one request's loaders and actions see them. A call whose promise rejects because the database
 * cannot be reached rejects instead with what `unavailable` returns (a 503 Response); everything else passes
 * through untouched, with the same `this` and the same results. Routes reach the database only through these
 * services, so every loader and action answers an outage the same way without code of its own. Sequelize reports
 * every failure asynchronously, so only promises are watched. Wrappers are made on first use and kept for the
 * request, so `services.orders === services.orders` still holds.
 */
export function guardServices<T extends object>(services: T, unavailable: (cause: unknown) => unknown): T {
  const proxies = new WeakMap<object, object>();
  const methods = new WeakMap<object, Map<PropertyKey, unknown>>();
  const rethrow = (error: unknown): never => {
    throw isDatabaseUnavailable(error) ? unavailable(error) : error;
  };

  function method(owner: object, key: PropertyKey, fn: (...args: unknown[]) => unknown) {
    let byKey = methods.get(owner);
    if (!byKey) methods.set(owner, (byKey = new Map()));
    let wrapped = byKey.get(key);
    if (!wrapped) {
      wrapped = (...args: unknown[]) => {
        const result = Reflect.apply(fn, owner, args);
        return isThenable(result) ? Promise.resolve(result).catch(rethrow) : result;
      };
      byKey.set(key, wrapped);
    }
    return wrapped;
  }

  function guard<O extends object>(target: O): O {
    let proxy = proxies.get(target);
    if (!proxy) {
      proxy = new Proxy(target, {
        get(obj, key) {
          const value: unknown = Reflect.get(obj, key, obj);
          if (typeof key === "symbol" || value === null) return value;
          if (typeof value !== "object" && typeof value !== "function") return value;
          // A proxy must give a frozen property back as itself (a Proxy invariant).
          const own = Reflect.getOwnPropertyDescriptor(obj, key);
          if (own && !own.configurable && !own.writable) return value;
          return typeof value === "function"
            ? method(obj, key, value as (...args: unknown[]) => unknown)
            : guard(value);
        },
      });
      proxies.set(target, proxy);
    }
    return proxy as O;
  }

  return guard(services);
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === "object" || typeof value === "function") &&
    value !== null &&
    typeof (value as { then?: unknown }).then === "function"
  );
}
