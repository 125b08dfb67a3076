/**
 * Load benchmark: the public pages under a fair-week crowd, each as a share of ceilings measured in the same run.
 *
 *   npm run bench:load -- [--products 10000] [--workers 1,2] [--connections 50] [--duration 5] [--only home,product]
 *                         [--identity] [--keep] [--json results.json]
 *
 * 1. Builds the app for production into a temporary directory, with two routes only that build has
 *    (tests/bench/ceiling/, remix.config.js): an HTML page rendering the site's layout (root loader, header,
 *    footer, stylesheets, scripts) around 24 constant list items, and a JSON resource route with constant data
 *    behind the same Express middleware as the public API.
 * 2. Seeds the demo data (and with --products N, N synthetic products over N/20 cooperatives) into a fresh
 *    database: MySQL/MariaDB when MYSQL_URL is set (a new database, dropped afterwards unless --keep), SQLite
 *    otherwise.
 * 3. Starts the real server (server/main.ts, NODE_ENV=production, default log level) with each WEB_CONCURRENCY
 *    of --workers, plus a bare node:http server answering the ceiling page's bytes (what Express, Remix and React
 *    cost on top of the socket). It runs the jobs the seed left first (jobs:work --until-idle), warms each
 *    server with 150 requests per route and process, then drives each route from this process with autocannon: one
 *    connection alone (the latency of a request with the server to itself), then --connections at once.
 * 4. Prints one table per worker count: req/s, p50/p95/p99, errors (non-2xx, timeouts, socket errors), and the
 *    share of the ceiling (HTML pages against the HTML ceiling, the API against the JSON one). The ceilings are
 *    measured first and again last, and the mean is the reference: the spread between them shows the machine's
 *    noise. The targets of issue 14 are printed, never enforced: the script exits 0 unless something broke.
 *
 * Requests carry what a browser sends (Accept-Encoding gzip/br, Accept-Language vi): compression is part of the
 * cost, as in production without a proxy compressing in front. --identity measures without compression.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync, openSync } from "node:fs";
import { createServer } from "node:http";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import mysql from "mysql2/promise";

const ROOT = path.resolve(import.meta.dirname, "../..");
const { values: args } = parseArgs({
  options: {
    products: { type: "string", default: "0" },
    workers: { type: "string", default: "1,2" },
    connections: { type: "string", default: "50" },
    duration: { type: "string", default: "5" },
    only: { type: "string" },
    identity: { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
    json: { type: "string" },
    "no-page-cache": { type: "boolean", default: false },
    reuse: { type: "string" },
  },
});
const PRODUCTS = Number(args.products.replace(/_/g, ""));
const WORKERS = args.workers.split(",").map(Number);
/** Requests per route in the pass that warms a freshly started server before anything is measured. */
const WARM_UP_REQUESTS = 150;
const CONNECTIONS = Number(args.connections);
const DURATION = Number(args.duration);
if (!Number.isInteger(PRODUCTS) || PRODUCTS < 0 || PRODUCTS > 200_000) fail("--products: 0 to 200000");
if (WORKERS.some((w) => !Number.isInteger(w) || w < 1 || w > 16)) fail("--workers: a list like 1,2");
if (!(CONNECTIONS >= 1 && DURATION >= 1)) fail("--connections and --duration: at least 1");

const BROWSER_HEADERS: Record<string, string> = {
  "accept-language": "vi-VN,vi;q=0.9,en;q=0.8",
  accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
  "user-agent": "Mozilla/5.0 (X11; Linux x86_64) htx-bench-load",
  ...(args.identity ? {} : { "accept-encoding": "gzip, deflate, br" }),
};

interface Target {
  key: string;
  label: string;
  path: string;
  /** Which ceiling the page is a share of; none for the ceilings themselves and the raw server. */
  ceiling: "html" | "json" | null;
  /** Who asks: anonymous unless a signed-in session's cookie. */
  cookie?: string;
  /** The raw node:http server's port instead of the app's. */
  raw?: boolean;
}

interface Measure {
  key: string;
  label: string;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  alone: number | null;
  bytes: number;
}

const log = (...parts: unknown[]) => console.error(...parts);

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

// ---- setup --------------------------------------------------------------------------------------------------

// --reuse DIR: a directory an earlier run kept (--keep, SQLite): rebuilt, not seeded again — for profiling.
const REUSE = args.reuse ? path.resolve(args.reuse) : null;
const dir = REUSE ?? mkdtempSync(path.join(tmpdir(), "htx-bench-load-"));
const children = new Set<ChildProcess>();
let mysqlDatabase: { url: string; name: string } | null = null;

async function main() {
  const started = Date.now();
  log(`htx bench:load — ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, node ${process.version}`);
  log(
    `load average at start: ${loadavg()
      .map((n) => n.toFixed(2))
      .join(" ")}`,
  );
  log(`working directory ${dir}`);

  step("building for production with the ceiling routes", () =>
    execFileSync("npx", ["remix", "build"], {
      cwd: ROOT,
      env: { ...process.env, HTX_BENCH_BUILD_DIR: dir, NODE_ENV: "production" },
      stdio: ["ignore", "ignore", "inherit"],
    }),
  );
  // The server runs with this directory as its working directory: its build/ and public/build are the bench's,
  // every other public file and the dependencies are the repository's.
  if (!REUSE) {
    symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"));
    // The server build is ESM, as the repository's package.json says.
    writeFileSync(path.join(dir, "package.json"), JSON.stringify({ type: "module", private: true }));
    for (const entry of readdirSync(path.join(ROOT, "public"))) {
      if (entry === "build" || entry === "uploads") continue;
      symlinkSync(path.join(ROOT, "public", entry), path.join(dir, "public", entry));
    }
    mkdirSync(path.join(dir, "data"));
    mkdirSync(path.join(dir, "uploads"));
  }

  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    NODE_ENV: "production",
    DATA_DIR: path.join(dir, "data"),
    UPLOADS_DIR: path.join(dir, "uploads"),
    UV_THREADPOOL_SIZE: "16",
    LOG_LEVEL: process.env.LOG_LEVEL ?? "info",
  };
  delete env.MEILI_URL;
  if (process.env.MYSQL_URL && !REUSE) {
    const server = new URL(process.env.MYSQL_URL);
    const name = `htx_load_${Date.now().toString(36)}`;
    const admin = await mysql.createConnection({
      host: server.hostname,
      port: Number(server.port || 3306),
      user: decodeURIComponent(server.username),
      password: decodeURIComponent(server.password),
    });
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await admin.end();
    server.pathname = `/${name}`;
    mysqlDatabase = { url: server.toString(), name };
    env.DATABASE_URL = server.toString();
  } else {
    env.DATABASE_URL = `sqlite:${path.join(dir, "data", "htx.sqlite")}`;
  }
  const database = mysqlDatabase ? `MySQL (${mysqlDatabase.name})` : "SQLite";

  if (!REUSE) step("seeding the demo data", () => run("server/scripts/seed.ts", [], env));
  if (PRODUCTS > 0 && !REUSE) {
    const cooperatives = String(Math.max(1, Math.round(PRODUCTS / 20)));
    step(`seeding ${PRODUCTS} synthetic products over ${cooperatives} cooperatives`, () =>
      run(
        "server/scripts/seed-synthetic.ts",
        ["--cooperatives", cooperatives, "--products", String(PRODUCTS)],
        env,
      ),
    );
  }

  // The seed leaves jobs (match recomputation, notifications, the index): run them now, or the first minute's
  // figures measure the job worker as much as the pages.
  if (!REUSE)
    step("running the jobs the seed left", () => run("server/scripts/jobs-worker.ts", ["--until-idle"], env));

  const tables: { workers: number; rows: Measure[] }[] = [];
  let baseline: Map<string, number> | null = null;
  for (const workers of WORKERS) {
    const port = 4600 + workers;
    // Uncached: every request renders (the page cache has its own run below).
    const app = await startApp({
      ...env,
      PORT: String(port),
      HOST: "127.0.0.1",
      WEB_CONCURRENCY: String(workers),
      PAGE_CACHE_SECONDS: "0",
    });
    const base = `http://127.0.0.1:${port}`;
    const targets = await resolveTargets(base);
    const raw = await startRaw(base);
    await warmUp(targets, base, workers);
    const alone = tables.length === 0;
    log(
      `\n— WEB_CONCURRENCY=${workers}: ${targets.length} routes, ${CONNECTIONS} connections, ${DURATION} s each`,
    );
    const rows: Measure[] = [];
    const first = await measureAll(
      targets.filter((t) => t.ceiling === null && !t.raw),
      base,
      raw,
      alone,
    );
    const pages = await measureAll(
      targets.filter((t) => t.ceiling !== null),
      base,
      raw,
      alone,
    );
    const last = await measureAll(
      targets.filter((t) => t.ceiling === null),
      base,
      raw,
      false,
    );
    // The ceilings' two runs, and their mean as the reference.
    for (const m of first) {
      const again = last.find((l) => l.key === m.key)!;
      rows.push({ ...m, label: `${m.label} (first)` }, { ...again, label: `${m.label} (last)` });
      rows.push({ ...mean(m, again), label: m.label });
    }
    rows.push(last.find((l) => l.key === "raw")!);
    rows.push(...pages);
    await stop(app);
    raw.close();
    tables.push({ workers, rows });
    printTable(workers, rows, targets, baseline);
    if (!baseline) baseline = new Map(rows.map((r) => [r.key, r.rps]));
  }

  let cached: Measure[] = [];
  if (!args["no-page-cache"]) {
    const workers = WORKERS[0]!;
    const port = 4650;
    const app = await startApp({
      ...env,
      PORT: String(port),
      HOST: "127.0.0.1",
      WEB_CONCURRENCY: String(workers),
      PAGE_CACHE_SECONDS: "3",
    });
    const base = `http://127.0.0.1:${port}`;
    const targets = (await resolveTargets(base)).filter((t) => t.ceiling !== null && !t.cookie);
    await warmUp(targets, base, workers);
    log(`\n— page cache on (PAGE_CACHE_SECONDS=3), WEB_CONCURRENCY=${workers}: anonymous visitors' pages`);
    cached = await measureAll(targets, base, { port: 0 }, false);
    await stop(app);
    printCached(workers, cached, tables[0]!.rows);
  }

  printTargets(tables, cached);
  log(`\n${database}, demo data${PRODUCTS ? ` + ${PRODUCTS} products` : ""}; finished in ${secs(started)} s`);
  log(
    `load average at end: ${loadavg()
      .map((n) => n.toFixed(2))
      .join(" ")}`,
  );
  if (args.json) writeFileSync(args.json, JSON.stringify({ database, products: PRODUCTS, tables }, null, 2));
}

function step(what: string, work: () => unknown) {
  const started = Date.now();
  log(`${what}…`);
  work();
  log(`  ${secs(started)} s`);
}

const secs = (since: number) => ((Date.now() - since) / 1000).toFixed(1);

function run(script: string, argv: string[], env: Record<string, string>) {
  execFileSync(process.execPath, ["--import", "tsx", path.join(ROOT, script), ...argv], {
    cwd: ROOT,
    env: { ...env, LOG_LEVEL: "warn" } as unknown as NodeJS.ProcessEnv,
    stdio: ["ignore", "ignore", "inherit"],
  });
}

async function startApp(env: Record<string, string>) {
  const out = openSync(path.join(dir, `server-${env.WEB_CONCURRENCY}.log`), "a");
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "server/main.ts")], {
    cwd: dir,
    env: env as unknown as NodeJS.ProcessEnv,
    stdio: ["ignore", out, out],
  });
  children.add(child);
  const base = `http://127.0.0.1:${env.PORT}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}); see ${dir}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the server did not start within a minute");
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
  if (child.exitCode === null) child.kill("SIGKILL");
  children.delete(child);
}

/** node:http alone, answering the ceiling page's bytes: the floor under Express, Remix and React. */
async function startRaw(base: string) {
  const page = Buffer.from(await (await fetch(`${base}/__bench/ceiling`)).arrayBuffer());
  const server = createServer((_req, res) => {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Length": page.length });
    res.end(page);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  return { port, close: () => server.close() };
}

// ---- what to measure ----------------------------------------------------------------------------------------

async function resolveTargets(base: string): Promise<Target[]> {
  const api = (await (await fetch(`${base}/api/v1/products?q=tra%20tan%20cuong`)).json()) as {
    hits: {
      id: number;
      slug: string;
      minOrderQty: number;
      inStock: boolean;
      cooperative: { slug: string };
    }[];
  };
  const product = api.hits[0];
  if (!product) throw new Error("the demo data has no tea: the search found nothing");
  const fairs = await (await fetch(`${base}/fairs`)).text();
  const fair = /href="\/fairs\/([\w-]+)"/.exec(fairs)?.[1];
  if (!fair) throw new Error("no fair linked from /fairs");
  const buyer = await signIn(base, "nguoimua@htxconnect.example");
  let lines = 0;
  for (const hit of api.hits.filter((h) => h.inStock)) {
    const res = await fetch(`${base}/cart`, {
      method: "POST",
      headers: { cookie: buyer, origin: base, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        intent: "add",
        productId: String(hit.id),
        slug: hit.slug,
        quantity: String(hit.minOrderQty),
      }),
      redirect: "manual",
    });
    if (res.status === 302 && ++lines === 3) break;
  }
  if (lines < 3) throw new Error(`only ${lines} products could be added to the buyer's cart`);
  const staff = await signIn(base, "canbo@htxconnect.example");
  const all: Target[] = [
    { key: "ceiling", label: "ceiling route (HTML)", path: "/__bench/ceiling", ceiling: null },
    { key: "ceiling-json", label: "ceiling route (JSON)", path: "/__bench/ceiling.json", ceiling: null },
    { key: "raw", label: "raw node:http (ceiling bytes)", path: "/", ceiling: null, raw: true },
    { key: "home", label: "home /", path: "/", ceiling: "html" },
    {
      key: "home-constant",
      label: "home, loader answer kept in memory",
      path: "/__bench/home-constant",
      ceiling: "html",
    },
    { key: "catalogue", label: "catalogue /products", path: "/products", ceiling: "html" },
    {
      key: "search",
      label: "search /products?q=tra tan cuong",
      path: "/products?q=tra%20tan%20cuong",
      ceiling: "html",
    },
    { key: "product", label: "product page", path: `/products/${product.slug}`, ceiling: "html" },
    {
      key: "cooperative",
      label: "cooperative page",
      path: `/cooperatives/${product.cooperative.slug}`,
      ceiling: "html",
    },
    { key: "fair", label: "fair page (floor plan)", path: `/fairs/${fair}`, ceiling: "html" },
    {
      key: "api",
      label: "GET /api/v1/products?q=tra tan cuong",
      path: "/api/v1/products?q=tra%20tan%20cuong",
      ceiling: "json",
    },
    { key: "cart", label: "cart, signed-in buyer (3 lines)", path: "/cart", ceiling: "html", cookie: buyer },
    {
      key: "staff",
      label: "staff pipeline /staff/agreements",
      path: "/staff/agreements",
      ceiling: "html",
      cookie: staff,
    },
  ];
  const only = args.only?.split(",");
  return all.filter((t) => t.ceiling === null || !only || only.includes(t.key));
}

async function signIn(base: string, email: string) {
  const res = await fetch(`${base}/login`, {
    method: "POST",
    headers: { origin: base, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password: "htx-demo-2026", redirectTo: "/" }),
    redirect: "manual",
  });
  const cookie = res.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");
  if (res.status !== 302 || !cookie) throw new Error(`signing in as ${email} answered ${res.status}`);
  return cookie;
}

const headersOf = (target: Target) => ({
  ...BROWSER_HEADERS,
  ...(target.cookie ? { cookie: target.cookie } : {}),
});

/**
 * Warm a freshly started server on every route before anything is measured: V8 optimises the code every page shares
 * (layout, React, Remix, Express) over the first thousand requests, and without this the first routes measured —
 * the ceiling's first pass above all — came out 20–40% slower than the same routes at the end of the run.
 */
async function warmUp(targets: Target[], base: string, processes: number) {
  for (const target of targets.filter((t) => !t.raw))
    await load(`${base}${target.path}`, headersOf(target), 10, { amount: WARM_UP_REQUESTS * processes });
}

async function measureAll(targets: Target[], base: string, raw: { port: number }, alone: boolean) {
  const out: Measure[] = [];
  for (const target of targets) {
    const url = target.raw ? `http://127.0.0.1:${raw.port}${target.path}` : `${base}${target.path}`;
    const headers = headersOf(target);
    const single = alone ? await load(url, headers, 1, { duration: 1 }) : null;
    const crowd = await load(url, headers, CONNECTIONS, { duration: DURATION });
    out.push({ key: target.key, label: target.label, ...crowd, alone: single?.p50 ?? null });
    log(
      `  ${target.label.padEnd(40)} ${crowd.rps.toFixed(0).padStart(6)} req/s  p50 ${crowd.p50.toFixed(1)} ms` +
        (crowd.errors ? `  ${crowd.errors} errors` : ""),
    );
  }
  return out;
}

/** One autocannon run; latencies from every response (autocannon's own summary has no p95). */
async function load(
  url: string,
  headers: Record<string, string>,
  connections: number,
  /** For how many seconds, or how many requests in all. */
  limit: { duration: number } | { amount: number },
) {
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections, ...limit, headers, timeout: 20 }, (error, done) =>
      error ? reject(error) : resolve(done),
    );
    instance.on("response", (_client, _status, _bytes, ms) => times.push(ms));
  });
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? NaN;
  return {
    rps: result.requests.total / (result.duration || ("duration" in limit ? limit.duration : 1)),
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    errors: result.non2xx + result.errors + result.timeouts,
    bytes: result.requests.total ? result.throughput.total / result.requests.total : 0,
  };
}

function mean(a: Measure, b: Measure): Measure {
  const avg = (x: number, y: number) => (x + y) / 2;
  return {
    key: a.key,
    label: a.label,
    rps: avg(a.rps, b.rps),
    p50: avg(a.p50, b.p50),
    p95: avg(a.p95, b.p95),
    p99: avg(a.p99, b.p99),
    errors: a.errors + b.errors,
    alone: a.alone,
    bytes: a.bytes,
  };
}

// ---- output -------------------------------------------------------------------------------------------------

function printTable(
  workers: number,
  rows: Measure[],
  targets: Target[],
  baseline: Map<string, number> | null,
) {
  const ceilingOf = new Map(targets.map((t) => [t.key, t.ceiling]));
  const ref = {
    html: rows.find((r) => r.label === "ceiling route (HTML)")!.rps,
    json: rows.find((r) => r.label === "ceiling route (JSON)")!.rps,
  };
  const header = [
    "page",
    "req/s",
    "share of ceiling",
    "p50 ms",
    "p95 ms",
    "p99 ms",
    "errors",
    "alone p50 ms",
    "KB/resp",
  ];
  if (baseline) header.push(`× WEB_CONCURRENCY=${WORKERS[0]}`);
  const lines = rows.map((r) => {
    const ceiling = r.label === r.label.replace(/ \((first|last)\)$/, "") ? ceilingOf.get(r.key) : null;
    const cells = [
      r.label,
      r.rps.toFixed(0),
      ceiling
        ? `${((100 * r.rps) / ref[ceiling]).toFixed(0)}%`
        : r.key === "ceiling" || r.key === "ceiling-json"
          ? "100%"
          : "—",
      r.p50.toFixed(1),
      r.p95.toFixed(1),
      r.p99.toFixed(1),
      String(r.errors),
      r.alone === null ? "—" : r.alone.toFixed(1),
      (r.bytes / 1024).toFixed(1),
    ];
    if (/\((first|last)\)$/.test(r.label)) cells[2] = "";
    if (baseline) {
      const before = baseline.get(r.key);
      cells.push(before && !/\((first|last)\)$/.test(r.label) ? `${(r.rps / before).toFixed(2)}×` : "");
    }
    return cells;
  });
  console.log(`\n### WEB_CONCURRENCY=${workers}\n`);
  console.log(markdown(header, lines));
}

function markdown(header: string[], lines: string[][]) {
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? "").length)));
  const row = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(" | ")} |`;
  return [
    row(header),
    `|${widths.map((w, i) => (i === 0 ? "-" : "-").repeat(w + 1) + (i === 0 ? "-" : ":")).join("|")}|`,
    ...lines.map(row),
  ].join("\n");
}

function printCached(workers: number, cached: Measure[], uncached: Measure[]) {
  const find = (key: string) => uncached.find((r) => r.key === key && !/\((first|last)\)$/.test(r.label));
  const ceiling = find("ceiling")!.rps;
  const jsonCeiling = find("ceiling-json")!.rps;
  const header = [
    "page",
    "req/s",
    "× uncached ceiling",
    "× same page uncached",
    "p50 ms",
    "p95 ms",
    "p99 ms",
    "errors",
  ];
  const lines = cached.map((r) => [
    r.label,
    r.rps.toFixed(0),
    `${(r.rps / (r.key === "api" ? jsonCeiling : ceiling)).toFixed(1)}×`,
    `${(r.rps / (find(r.key)?.rps ?? NaN)).toFixed(1)}×`,
    r.p50.toFixed(1),
    r.p95.toFixed(1),
    r.p99.toFixed(1),
    String(r.errors),
  ]);
  console.log(`\n### Page cache on (PAGE_CACHE_SECONDS=3), WEB_CONCURRENCY=${workers}\n`);
  console.log(markdown(header, lines));
}

function printTargets(tables: { workers: number; rows: Measure[] }[], cached: Measure[]) {
  const [first] = tables;
  if (!first) return;
  const get = (rows: Measure[], key: string) =>
    rows.find((r) => r.key === key && !/\((first|last)\)$/.test(r.label));
  const html = get(first.rows, "ceiling")!.rps;
  const jsonCeiling = get(first.rows, "ceiling-json")!.rps;
  console.log("\nTargets (issue 14), printed not enforced:");
  for (const r of first.rows.filter((r) => !["ceiling", "ceiling-json", "raw"].includes(r.key))) {
    const share = r.rps / (r.key === "api" ? jsonCeiling : html);
    const personal = r.key === "cart" || r.key === "staff";
    console.log(
      `  ${share >= 0.5 ? "met " : personal ? "info" : "MISS"}  ${r.label}: ${(100 * share).toFixed(0)}% of the ${r.key === "api" ? "JSON" : "HTML"} ceiling (≥ 50%${personal ? ", public pages only" : ""})${r.errors ? `, ${r.errors} ERRORS` : ""}`,
    );
  }
  const second = tables.find((t) => t.workers === 2);
  const one = tables.find((t) => t.workers === 1);
  if (one && second) {
    const keys = one.rows
      .filter((r) => r.key !== "raw" && !/\((first|last)\)$/.test(r.label))
      .map((r) => r.key);
    const ratios = keys.map((k) => get(second.rows, k)!.rps / get(one.rows, k)!.rps);
    const geo = Math.exp(ratios.reduce((s, r) => s + Math.log(r), 0) / ratios.length);
    console.log(
      `  ${geo >= 1.7 ? "met " : "MISS"}  WEB_CONCURRENCY=2 vs 1: ${geo.toFixed(2)}× (geometric mean over the routes; ≥ 1.7×)`,
    );
  }
  for (const r of cached) {
    const times = r.rps / get(first.rows, r.key === "api" ? "ceiling-json" : "ceiling")!.rps;
    console.log(
      `  ${times >= 10 ? "met " : "MISS"}  page cache, ${r.label}: ${times.toFixed(1)}× the uncached ceiling (stretch ≥ 10×)${r.errors ? `, ${r.errors} ERRORS` : ""}`,
    );
  }
}

// ---- teardown -----------------------------------------------------------------------------------------------

async function cleanUp() {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  if (mysqlDatabase && !args.keep) {
    const server = new URL(mysqlDatabase.url);
    const admin = await mysql.createConnection({
      host: server.hostname,
      port: Number(server.port || 3306),
      user: decodeURIComponent(server.username),
      password: decodeURIComponent(server.password),
    });
    await admin.query(`DROP DATABASE IF EXISTS \`${mysqlDatabase.name}\``);
    await admin.end();
  }
  if (!args.keep && !REUSE) rmSync(dir, { recursive: true, force: true });
  else log(`kept ${dir}${mysqlDatabase ? ` and the database ${mysqlDatabase.name}` : ""}`);
}

process.on("SIGINT", () => void cleanUp().finally(() => process.exit(130)));
try {
  await main();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
