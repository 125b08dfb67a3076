import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRANSITIONS } from "../../server/orders/state-machine";
import { ACCOUNTS } from "../support/authz/accounts";
import { API } from "../support/authz/api";
import { SHOPPING } from "../support/authz/buyer";
import { CONFERENCES } from "../support/authz/conferences";
import { COOPERATIVE_CONSOLE } from "../support/authz/cooperative";
import { DEMANDS } from "../support/authz/demands";
import { makeFixtures, type F } from "../support/authz/fixtures";
import { MATCHES } from "../support/authz/matches";
import { AGREEMENTS } from "../support/authz/agreements";
import { FOLLOW_UPS } from "../support/authz/follow-ups";
import { REPORTS } from "../support/authz/reports";
import { OFFERS } from "../support/authz/offers";
import { QUOTES } from "../support/authz/quotes";
import {
  fingerprint,
  moduleShape,
  ROLES,
  routeModules,
  runRoute,
  Visitor,
  type MatrixContext,
  type RoleName,
  type RouteEntry,
} from "../support/authz/matrix";
import { PUBLIC_PAGES } from "../support/authz/public";
import { STAFF_CONSOLE } from "../support/authz/staff";
import { DIALECTS } from "../support/db";
import { startTestServer, type TestServer } from "../support/server";
import { STRIPE_ENV, StripeApiDouble } from "../support/stripe";

/**
 * Issue 9 — the authorization matrix. Every route module in app/routes has an entry in `MATRIX` (a new module
 * without one fails the first test, naming it); each entry says which URLs to request, built from fixtures
 * so that ownership is really tested (a member of Y asking for X's order, buyer B for buyer A's checkout), and
 * what each of seven users gets for the loader and for every action intent: served, sent to log in, 403, or
 * 404 where the app hides that the thing exists. A refusal must carry none of the owner's data, and no POST —
 * refused, or let through with deliberately invalid input so it answers 400/409 — may change the database.
 *
 * Reading a cell: OK / ok(shows, hides) served (200, showing the probe's `shows`); redirect(to) the page's own
 * redirect; LOGIN 302 to /login?redirectTo=<this URL>; DENY 403; HIDDEN 404 where the app hides existence;
 * INVALID 400 / CONFLICT 409 / missing(msg) 404 for a part of the request — let through, then refused for the
 * input or the state of the thing. A failure prints the route file, method and URL, intent, what was asked
 * for, the role, what was expected and what came back (status, redirect, leaked marker, changed rows).
 *
 * The table lives in tests/support/authz/, one file per area of the site, and is put together here. Later
 * features (demands, matches, agreements, reports) add their fixtures to `Fixtures` (fixtures.ts) and their
 * routes to an area's file (or a new area, added to `MATRIX`); the roles and the runner (matrix.ts) stay as
 * they are.
 */
const MATRIX: Array<RouteEntry<F>> = [
  ...PUBLIC_PAGES,
  ...API,
  ...ACCOUNTS,
  ...SHOPPING,
  ...COOPERATIVE_CONSOLE,
  ...OFFERS,
  ...STAFF_CONSOLE,
  ...DEMANDS,
  ...MATCHES,
  ...AGREEMENTS,
  ...FOLLOW_UPS,
  ...REPORTS,
  ...CONFERENCES,
  ...QUOTES,
];

const ROUTES_DIR = path.resolve("app/routes");

describe("authorization matrix: the table covers every route module", () => {
  it("has one entry per module in app/routes, and none for a module that is gone", () => {
    const onDisk = routeModules(ROUTES_DIR).map((m) => m.name);
    const inTable = MATRIX.map((e) => e.file);
    const missingEntries = onDisk.filter((n) => !inTable.includes(n));
    const stale = inTable.filter((n) => !onDisk.includes(n));
    const twice = inTable.filter((n, i) => inTable.indexOf(n) !== i);
    expect(missingEntries, "route modules without an entry in the authorization matrix").toEqual([]);
    expect(stale, "matrix entries whose route module is gone").toEqual([]);
    expect(twice, "route modules with two entries").toEqual([]);
  });

  it("probes every loader, every action intent and every multipart form", () => {
    const gaps: string[] = [];
    for (const { name, file } of routeModules(ROUTES_DIR)) {
      const entry = MATRIX.find((e) => e.file === name);
      if (!entry) continue;
      const shape = moduleShape(file);
      const posts = entry.probes.filter((p) => p.form);
      const intents = new Set(posts.map((p) => p.intent));
      if (shape.loader && !entry.probes.some((p) => !p.form))
        gaps.push(`${name}: its loader has no GET probe`);
      if (!shape.loader && entry.probes.some((p) => !p.form)) gaps.push(`${name}: GET probes but no loader`);
      if (shape.action && posts.length === 0) gaps.push(`${name}: its action has no POST probe`);
      if (!shape.action && posts.length > 0) gaps.push(`${name}: POST probes but no action`);
      const wanted = [...shape.intents, ...(shape.orderActions ? Object.keys(TRANSITIONS) : [])];
      for (const intent of wanted)
        if (!intents.has(intent)) gaps.push(`${name}: intent "${intent}" is not probed`);
      if (shape.multipart && !posts.some((p) => p.multipart))
        gaps.push(`${name}: its multipart form is not probed`);
      for (const p of entry.probes)
        for (const role of ROLES) if (!p.expect[role]) gaps.push(`${name}: no expectation for ${role}`);
    }
    expect(gaps).toEqual([]);
  });
});

describe.each(DIALECTS)("authorization matrix on %s", (dialect) => {
  let server: TestServer;
  let ctx: MatrixContext<F>;
  const stripe = new StripeApiDouble();
  let started = 0;

  beforeAll(async () => {
    started = Date.now();
    // Card payments on (Stripe answered at the HTTP edge), so paying and refunding reach their guards.
    server = await startTestServer(dialect, STRIPE_ENV, { stripeHttpClient: stripe.httpClient });
    const fixtures = await makeFixtures(server);
    const visitors = new Map<RoleName, Visitor>([["guest", new Visitor(server.url, "guest")]]);
    for (const role of ROLES)
      if (role !== "guest") visitors.set(role, await Visitor.signIn(server.url, role, fixtures.emails[role]));
    ctx = {
      fixtures,
      own: (role) => fixtures.own[role],
      visitor: (role) => visitors.get(role)!,
      renew: async (role) => {
        if (role !== "guest")
          visitors.set(role, await Visitor.signIn(server.url, role, fixtures.emails[role]));
      },
      freshVisitor: async (role) =>
        role === "guest"
          ? new Visitor(server.url, "guest")
          : Visitor.signIn(server.url, role, fixtures.emails[role]),
      snapshot: () => fingerprint(server.container.db, { stripeRequests: stripe.requests.length }),
      stats: { requests: 0, snapshotMs: 0 },
    };
  });
  afterAll(async () => {
    if (ctx)
      console.info(
        `authz matrix on ${dialect}: ${ctx.stats.requests} requests in ${((Date.now() - started) / 1000).toFixed(1)} s ` +
          `(${(ctx.stats.snapshotMs / 1000).toFixed(1)} s of it comparing the database before and after each POST)`,
      );
    await server?.close();
  });

  it.each(MATRIX.map((e) => [e.file, e] as const))("%s", async (_file, entry) => {
    const failures = await runRoute(ctx, entry);
    expect(failures, `\n${failures.join("\n")}\n`).toEqual([]);
  });
});
