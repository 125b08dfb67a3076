import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { Model, ModelStatic } from "sequelize";
import type { Container } from "../../../server/context";
import { PASSWORD } from "../factories";

/**
 * The machinery of the authorization matrix (tests/integration/authz-matrix.test.ts): who asks, what they are
 * expected to get, a cookie-keeping client that also posts multipart forms, the route modules on disk and what
 * their actions dispatch on, and a fingerprint of the database to prove a refused request changed nothing.
 */

export const ROLES = ["guest", "buyerA", "buyerB", "memberX", "memberY", "pending", "staff"] as const;
export type RoleName = (typeof ROLES)[number];
export type SignedIn = Exclude<RoleName, "guest">;

/** What an answer means: served, sent to log in, refused (403), or told the thing does not exist (404). */
export type Kind = "allowed" | "login" | "forbidden" | "hidden";

export interface Expected<F> {
  status: number;
  kind: Kind;
  /** For a redirect the page makes on success. */
  location?: string | ((f: F) => string);
  /** Must appear in the body (besides the probe's `shows` for a 200). */
  shows?: (f: F) => string[];
  /** Must not appear in the body (besides the probe's `secrets` for a refusal). */
  hides?: (f: F) => string[];
  /** Why this cell is what it is, when that is not obvious; printed with a failure. */
  note?: string;
  /** What an allowed request may write (a staff member's new calendar link): "Model.column". */
  writes?: string[];
}

export const OK: Expected<unknown> = { status: 200, kind: "allowed" };
export const LOGIN: Expected<unknown> = { status: 302, kind: "login" };
export const DENY: Expected<unknown> = { status: 403, kind: "forbidden" };
export const HIDDEN: Expected<unknown> = { status: 404, kind: "hidden" };
/** Let through, then refused for the (deliberately invalid) input: nothing changes. */
export const INVALID: Expected<unknown> = { status: 400, kind: "allowed" };
/** Let through, then refused by the state of the thing (a transition it cannot make now): nothing changes. */
export const CONFLICT: Expected<unknown> = { status: 409, kind: "allowed" };

/** Groups a table cell may name; a role takes its own key first, then the first group it belongs to, then `all`. */
const GROUPS = {
  buyers: ["buyerA", "buyerB"],
  members: ["memberX", "memberY"],
  cooperatives: ["memberX", "memberY", "pending"],
  signedIn: ["buyerA", "buyerB", "memberX", "memberY", "pending", "staff"],
  all: ROLES,
} as const satisfies Record<string, readonly RoleName[]>;

export type Cells<F> = Partial<Record<RoleName | keyof typeof GROUPS, Expected<F>>>;
export type Outcomes<F> = Record<RoleName, Expected<F>>;

export type Form = Record<string, string | string[]>;

/** One request of the matrix, made by every role. */
export interface Probe<F> {
  /** What it asks for, in words ("X's order"); printed with a failure. */
  label?: string;
  /** For POSTs: the `intent` (or other dispatch value) the action branches on, or "(form)" for a single form. */
  intent?: string;
  path: (f: F) => string;
  /** Present for a POST: the fields, form-encoded unless `multipart` (then without a file). */
  form?: (f: F) => Form;
  multipart?: boolean;
  /** Ask Remix for this route module's loader alone (`?_data=`), e.g. a layout whose children guard themselves. */
  dataRoute?: string;
  /**
   * The request may end the asker's sessions (logging out, signing out everywhere): it is made with a fresh
   * session, and every role signs in again afterwards.
   */
  fresh?: boolean;
  /** What a 200 must show: proof the data was served. */
  shows?: (f: F) => string[];
  /** What must not leak to anyone refused (login, 403, 404). */
  secrets?: (f: F) => string[];
  expect: Outcomes<F>;
}

export interface RouteEntry<F> {
  /** The file (or folder) name under app/routes. */
  file: string;
  probes: Array<Probe<F>>;
}

/** The table's vocabulary, typed by the fixtures the paths and markers are built from. */
export function tableFor<F>() {
  /** One expectation per role, from its own key or its group's; every role must end up with one. */
  const by = (cells: Cells<F>): Outcomes<F> => {
    const out = {} as Outcomes<F>;
    for (const role of ROLES) {
      const group = (Object.keys(GROUPS) as Array<keyof typeof GROUPS>).find(
        (g) => cells[g] && (GROUPS[g] as readonly RoleName[]).includes(role),
      );
      const cell = cells[role] ?? (group ? cells[group] : undefined);
      if (!cell) throw new Error(`no expectation for ${role} in ${JSON.stringify(Object.keys(cells))}`);
      out[role] = cell;
    }
    return out;
  };
  return {
    by,
    /** Everyone, signed in or not, gets the same. */
    everyone: (expected: Expected<F>) => by({ all: expected }),
    /** Guests log in; everyone signed in gets `expected` unless a cell says otherwise. */
    signedIn: (expected: Expected<F>, cells: Cells<F> = {}) =>
      by({ guest: LOGIN, signedIn: expected, ...cells }),
    /** Only the listed roles get in; guests log in, everyone else is refused with 403. */
    only: (cells: Cells<F>) => by({ guest: LOGIN, signedIn: DENY, ...cells }),
    /** Served, with what this role must (and must not) see. */
    ok: (shows?: (f: F) => string[], hides?: (f: F) => string[]): Expected<F> => ({
      status: 200,
      kind: "allowed",
      shows,
      hides,
    }),
    /** The redirect a page makes on success (or that sends this role elsewhere). */
    redirect: (location: string | ((f: F) => string)): Expected<F> => ({
      status: 302,
      kind: "allowed",
      location,
    }),
    /** Any other status everyone let through gets (405 on a GET of a webhook, the 404 page…). */
    status: (code: number, shows?: (f: F) => string[]): Expected<F> => ({
      status: code,
      kind: "allowed",
      shows,
    }),
    /** Let through, then told a part of the request (an image, a batch) does not exist, with that message. */
    missing: (message: string): Expected<F> => ({ status: 404, kind: "allowed", shows: () => [message] }),
    /** The same expectation, with a note printed on failure. */
    because: (expected: Expected<F>, note: string): Expected<F> => ({ ...expected, note }),
    get: (
      label: string,
      path: (f: F) => string,
      expect: Outcomes<F>,
      extra: Partial<Probe<F>> = {},
    ): Probe<F> => ({
      label,
      path,
      expect,
      ...extra,
    }),
    post: (
      intent: string,
      path: (f: F) => string,
      form: (f: F) => Form,
      expect: Outcomes<F>,
      extra: Partial<Probe<F>> = {},
    ): Probe<F> => ({ intent, path, form, expect, ...extra }),
  };
}

// ---- A browser without JavaScript -----------------------------------------------------------------------

/** Keeps the session cookie, sends the Origin a browser sends on a form post, never follows redirects. */
export class Visitor {
  private cookies = new Map<string, string>();
  constructor(
    readonly base: string,
    readonly role: RoleName,
  ) {}

  static async signIn(base: string, role: SignedIn, email: string) {
    const v = new Visitor(base, role);
    const res = await v.send("POST", "/login", { email, password: PASSWORD, redirectTo: "/" });
    if (res.status !== 302 || !v.cookies.has("htx_session"))
      throw new Error(`${role} (${email}) could not sign in: ${res.status} ${await res.text()}`);
    return v;
  }

  async send(method: "GET" | "POST", path: string, form?: Form, multipart = false) {
    let body: URLSearchParams | FormData | undefined;
    if (form) {
      body = multipart ? new FormData() : new URLSearchParams();
      for (const [k, v] of Object.entries(form)) for (const one of [v].flat()) body.append(k, one);
    }
    const res = await fetch(this.base + path, {
      method,
      body,
      redirect: "manual",
      headers: {
        "accept-language": "vi",
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "),
        ...(method === "POST" ? { origin: this.base } : {}),
      },
    });
    for (const line of res.headers.getSetCookie()) {
      const pair = line.split(";")[0]!;
      const i = pair.indexOf("=");
      const [name, value] = [pair.slice(0, i), pair.slice(i + 1)];
      if (value === "" || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }
}

// ---- The route modules on disk --------------------------------------------------------------------------

const ROUTE_FILE = /\.(tsx?|jsx?|mdx?)$/;

/**
 * Every route module Remix would pick up from `dir`: files with a route extension, and folders holding a
 * `route.*` file (remix.config ignores dotfiles and tests, so do we).
 */
export function routeModules(dir: string): Array<{ name: string; file: string }> {
  const out: Array<{ name: string; file: string }> = [];
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith(".") || /\.test\.(ts|tsx)$/.test(name)) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) {
      const inner = readdirSync(full).find((f) => /^route\.(tsx?|jsx?|mdx?)$/.test(f));
      if (inner) out.push({ name, file: path.join(full, inner) });
    } else if (ROUTE_FILE.test(name)) out.push({ name, file: full });
  }
  return out;
}

export interface ModuleShape {
  loader: boolean;
  action: boolean;
  /** Values the action dispatches on (`intent === "x"`, `case "x":` before the page component). */
  intents: string[];
  multipart: boolean;
  /** Dispatches through the shared order actions (app/lib/sales.server.ts). */
  orderActions: boolean;
}

/** What a route module exports and branches on, read from its source (the server half, before the page). */
export function moduleShape(file: string): ModuleShape {
  const source = readFileSync(file, "utf8");
  const server = source.split(/^export default function/m)[0]!;
  const exported = (name: string) =>
    new RegExp(`export\\s+(async\\s+)?function\\s+${name}\\b|export\\s+const\\s+${name}\\b`).test(source);
  const intents = new Set<string>();
  for (const m of server.matchAll(/\bintent\s*[!=]==\s*"([\w-]+)"/g)) intents.add(m[1]!);
  for (const m of server.matchAll(/\bcase\s+"([\w-]+)"\s*:/g)) intents.add(m[1]!);
  return {
    loader: exported("loader"),
    action: exported("action"),
    intents: [...intents].sort(),
    multipart: server.includes("multipart/form-data"),
    // The helper itself, not the orders service's use case of the same name (`orders.actOnOrder(`).
    orderActions: /(?<![.\w])actOnOrder\(/.test(server),
  };
}

// ---- Nothing changed ------------------------------------------------------------------------------------

/** Bookkeeping that any request may write (sign-ins, audit trail, queued jobs), left out of the fingerprint. */
const VOLATILE_MODELS = new Set(["Session", "LoginFailure", "AuditEvent", "Job"]);
const VOLATILE_COLUMNS = new Set(["updatedAt", "updated_at", "lastLoginAt", "last_login_at"]);

export type Fingerprint = Map<string, string>;

/**
 * Every row of every domain table (new tables included, so later features are covered without a change
 * here), volatile bookkeeping left out. Small fixtures keep this cheap.
 */
export async function fingerprint(db: Container["db"], extra: Record<string, unknown> = {}) {
  const out: Fingerprint = new Map();
  const models = Object.entries(db.models as unknown as Record<string, ModelStatic<Model>>);
  await Promise.all(
    models
      .filter(([name]) => !VOLATILE_MODELS.has(name))
      .map(async ([name, model]) => {
        const pk = model.primaryKeyAttributes;
        const rows = await model.findAll({ raw: true, order: pk.map((k) => [k, "ASC"]) });
        const kept = rows.map((r) =>
          Object.fromEntries(
            Object.entries(r as unknown as Record<string, unknown>).filter(([k]) => !VOLATILE_COLUMNS.has(k)),
          ),
        );
        out.set(name, JSON.stringify(kept));
      }),
  );
  for (const [k, v] of Object.entries(extra)) out.set(k, JSON.stringify(v));
  return out;
}

/** What differs, per table: rows added or removed, or the changed columns of the first changed row. */
export function changes(before: Fingerprint, after: Fingerprint): string[] {
  const out: string[] = [];
  for (const [name, was] of before) {
    const now = after.get(name) ?? "null";
    if (now === was) continue;
    const a = JSON.parse(was) as unknown;
    const b = JSON.parse(now) as unknown;
    if (!Array.isArray(a) || !Array.isArray(b)) {
      out.push(`${name}: ${was} → ${now}`);
    } else if (a.length !== b.length) {
      out.push(`${name}: ${a.length} → ${b.length} rows`);
    } else {
      const i = a.findIndex((row, n) => JSON.stringify(row) !== JSON.stringify(b[n]));
      const [x, y] = [a[i], b[i]] as Array<Record<string, unknown>>;
      const cols = Object.keys({ ...x, ...y }).filter(
        (k) => JSON.stringify(x?.[k]) !== JSON.stringify(y?.[k]),
      );
      const id = x?.id ?? y?.id ?? `row ${i + 1}`;
      out.push(
        `${name}#${String(id)}: ${cols.map((k) => `${k} ${JSON.stringify(x?.[k])} → ${JSON.stringify(y?.[k])}`).join(", ")}`,
      );
    }
  }
  return out;
}

// ---- Running the table ----------------------------------------------------------------------------------

export interface MatrixContext<F> {
  fixtures: F;
  /**
   * What each role may see of itself anywhere (its name and email, its cooperative's name in the header): never
   * counted as a leak, even where it is also someone's secret.
   */
  own: (role: RoleName) => string[];
  visitor: (role: RoleName) => Visitor;
  /** A new session for the role (a new guest for "guest"). */
  freshVisitor: (role: RoleName) => Promise<Visitor>;
  /** Sign the role's usual visitor in again (after a request that may have ended its sessions). */
  renew: (role: RoleName) => Promise<void>;
  /** The fingerprint before and after each POST. */
  snapshot: () => Promise<Fingerprint>;
  /** For the summary: requests made, and time spent fingerprinting the database. */
  stats: { requests: number; snapshotMs: number };
}

async function timedSnapshot<F>(ctx: MatrixContext<F>) {
  const t = performance.now();
  const out = await ctx.snapshot();
  ctx.stats.snapshotMs += performance.now() - t;
  return out;
}

function describeExpected<F>(e: Expected<F>, f: F) {
  if (e.kind === "login") return "302 to /login";
  if (e.kind === "forbidden") return "403";
  if (e.kind === "hidden") return "404 (hidden)";
  const to = typeof e.location === "function" ? e.location(f) : e.location;
  return `${e.status}${to ? ` → ${to}` : ""} (allowed)`;
}

const loginLocation = (path: string) => `/login?redirectTo=${encodeURIComponent(path)}`;

/** The URL requested: the probe's path, with `_data` for a loader asked for alone. */
function requestPath(probe: Probe<unknown>, f: unknown) {
  const p = probe.path(f);
  if (!probe.dataRoute) return p;
  return `${p}${p.includes("?") ? "&" : "?"}_data=${encodeURIComponent(probe.dataRoute)}`;
}

/** One role's request of one probe, checked; failures as readable lines. */
async function runOne<F>(
  ctx: MatrixContext<F>,
  file: string,
  probe: Probe<F>,
  role: RoleName,
  /** The database just before this request (POSTs): the previous POST's "after", or a fresh one. */
  before: Fingerprint | null = null,
): Promise<{ failures: string[]; after: Fingerprint | null }> {
  const f = ctx.fixtures;
  const expected = probe.expect[role];
  const method = probe.form ? "POST" : "GET";
  const target = requestPath(probe as Probe<unknown>, f);
  const visitor = probe.fresh ? await ctx.freshVisitor(role) : ctx.visitor(role);
  ctx.stats.requests += 1;
  const res = await visitor.send(method, target, probe.form?.(f), probe.multipart);
  const body = await res.text();
  const after = method === "POST" ? await timedSnapshot(ctx) : null;

  const what = [
    file,
    `${method} ${target}`,
    probe.intent ? `intent=${probe.intent}${probe.multipart ? " (multipart)" : ""}` : null,
    probe.label ?? null,
    role,
  ]
    .filter(Boolean)
    .join(" · ");
  const problems: string[] = [];

  // A `_data` request answers a redirect with 204 and X-Remix-Redirect instead of a 302.
  const redirected = probe.dataRoute ? res.status === 204 : res.status === 302;
  const location = probe.dataRoute ? res.headers.get("x-remix-redirect") : res.headers.get("location");
  const gotStatus = probe.dataRoute && res.status === 204 ? 302 : res.status;
  if (gotStatus !== expected.status) {
    const where = redirected ? ` → ${location}` : "";
    const snippet = redirected ? "" : ` ${JSON.stringify(body.replace(/\s+/g, " ").slice(0, 160))}…`;
    problems.push(`expected ${describeExpected(expected, f)}, got ${res.status}${where}${snippet}`);
  } else if (expected.kind === "login") {
    const want = loginLocation(probe.path(f).replace(/[?&]index$/, ""));
    if (location !== want) problems.push(`expected a login redirect to ${want}, got → ${location}`);
  } else if (expected.location) {
    const want = typeof expected.location === "function" ? expected.location(f) : expected.location;
    if (location !== want) problems.push(`expected a redirect to ${want}, got → ${location}`);
  }

  const refused = expected.kind !== "allowed";
  const mustShow = [
    ...(expected.status === 200 && expected.kind === "allowed" ? (probe.shows?.(f) ?? []) : []),
    ...(expected.shows?.(f) ?? []),
  ];
  const own = ctx.own(role);
  const mustHide = [...(refused ? (probe.secrets?.(f) ?? []) : []), ...(expected.hides?.(f) ?? [])].filter(
    (s) => !own.includes(s),
  );
  for (const s of mustShow)
    if (!body.includes(s)) problems.push(`the answer does not show ${JSON.stringify(s)}`);
  for (const s of mustHide) if (body.includes(s)) problems.push(`the answer leaks ${JSON.stringify(s)}`);

  if (before && after) {
    const allowedWrites = expected.kind === "allowed" ? (expected.writes ?? []) : [];
    const changed = changes(before, after).filter(
      (c) =>
        !allowedWrites.some((w) => {
          // That column alone, on one row of that model: any other change is still reported.
          const [model, column] = w.split(".");
          return new RegExp(`^${model}#\\d+: ${column} [^,]*$`).test(c);
        }),
    );
    if (changed.length) problems.push(`the request changed the database: ${changed.join("; ")}`);
  }
  if (expected.note && problems.length) problems.push(`(${expected.note})`);
  return { failures: problems.length ? [`${what}: ${problems.join("; ")}`] : [], after };
}

/**
 * Every probe of a route, by every role: GETs of one probe in parallel, POSTs one at a time, each checked
 * against a fingerprint of the database taken just before it (the previous POST's, when one came right before).
 */
export async function runRoute<F>(ctx: MatrixContext<F>, entry: RouteEntry<F>): Promise<string[]> {
  const failures: string[] = [];
  for (const probe of entry.probes) {
    if (probe.form) {
      let before = await timedSnapshot(ctx);
      for (const role of ROLES) {
        const one = await runOne(ctx, entry.file, probe, role, before);
        failures.push(...one.failures);
        before = one.after!;
      }
      if (probe.fresh) await Promise.all(ROLES.map((role) => ctx.renew(role)));
    } else {
      const all = await Promise.all(ROLES.map((role) => runOne(ctx, entry.file, probe, role)));
      failures.push(...all.flatMap((one) => one.failures));
    }
  }
  return failures;
}
