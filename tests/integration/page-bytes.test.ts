import { readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS } from "../../seeds";
import { CATEGORIES, CERTIFICATIONS, SECTORS } from "../../server/vocabulary/domain";
import { LOCALES, type Locale } from "../../server/vocabulary/locale";
import { DIALECTS } from "../support/db";
import { startTestServer, type TestServer } from "../support/server";

/**
 * Every page a guest can open, over the demo data, in both languages: the bytes must be UTF-8 and hold no NUL.
 * React 18's stream pads some 2 KB chunks with zero bytes inside Vietnamese words (app/lib/nul-padding.server.ts
 * takes them out; tests/unit/nul-padding.test.tsx tests it against React itself). The list of pages comes from
 * app/routes: every route module is classified below, so a new one fails the first test until it is, and a
 * route said to need a login must really send a guest to log in.
 */

/** What the seeded database holds, and whether a guest may see it. */
interface Seeded {
  products: Shown[];
  cooperatives: Shown[];
  fairs: Shown[];
  conferences: Shown[];
  batches: Shown[];
  resetToken: string;
}
interface Shown {
  key: string;
  shown: boolean;
}
interface Page {
  path: string;
  status: number;
}
type RouteCheck =
  | { access: "public"; pages: (seeded: Seeded) => Page[] }
  | { access: "signed-in"; sample: string }
  | { access: "redirect"; sample: string; location: string };

const ok = (...paths: string[]): Page[] => paths.map((p) => ({ path: p, status: 200 }));
const query = (base: string, params: Record<string, string>) =>
  `${base}${Object.keys(params).length ? `?${new URLSearchParams(params)}` : ""}`;
const each = (items: Shown[], to: (key: string) => string, hidden = 404) =>
  items.map((i) => ({ path: to(encodeURIComponent(i.key)), status: i.shown ? 200 : hidden }));

/** Searches people type, with and without tone marks, and every facet once. */
const PRODUCT_QUERIES: Record<string, string>[] = [
  {},
  { q: "trà" },
  { q: "tra" },
  { q: "miến dong" },
  { q: "mien dong" },
  { q: "chè Thái Nguyên" },
  { q: "mật ong" },
  { q: "gạo nếp" },
  { q: "nấm hương" },
  { q: "trà", sort: "price_desc" },
  { per_page: "100" },
  { page: "2" },
  { sort: "newest", in_stock: "1" },
  { ocop_min: "4" },
  { price: "100k-200k" },
  { province: "19" },
  ...CATEGORIES.map((category) => ({ category })),
  ...CERTIFICATIONS.map((certification) => ({ certification })),
];
const DIRECTORY_QUERIES: Record<string, string>[] = [
  {},
  { q: "chè" },
  { q: "Hợp tác xã" },
  { province: "19" },
  { page: "2" },
  ...SECTORS.map((sector) => ({ sector })),
];

/** Every file in app/routes, by name without extension. */
const ROUTES: Record<string, RouteCheck> = {
  // Pages
  _index: { access: "public", pages: () => ok("/") },
  "products._index": {
    access: "public",
    pages: () => ok(...PRODUCT_QUERIES.map((q) => query("/products", q))),
  },
  "products.$slug": { access: "public", pages: (s) => each(s.products, (slug) => `/products/${slug}`) },
  "cooperatives._index": {
    access: "public",
    pages: () => ok(...DIRECTORY_QUERIES.map((q) => query("/cooperatives", q))),
  },
  "cooperatives.$slug": {
    access: "public",
    pages: (s) => each(s.cooperatives, (slug) => `/cooperatives/${slug}`),
  },
  "fairs._index": { access: "public", pages: () => ok("/fairs") },
  "fairs.$slug": {
    access: "public",
    pages: (s) => [
      ...each(s.fairs, (slug) => `/fairs/${slug}`),
      ...each(s.fairs, (slug) => query(`/fairs/${slug}`, { q: "trà", province: "19" })),
    ],
  },
  "fairs.$slug_.pass.$code": {
    access: "public",
    // A pass's code is in no listing: an unknown one is a 404 on every fair.
    pages: (s) =>
      s.fairs.map((f) => ({ path: `/fairs/${encodeURIComponent(f.key)}/pass/khong-co`, status: 404 })),
  },
  "conferences._index": { access: "public", pages: () => ok("/conferences") },
  "conferences.$slug._index": {
    access: "public",
    pages: (s) => [
      ...each(s.conferences, (slug) => `/conferences/${slug}`),
      { path: "/conferences/khong-co", status: 404 },
    ],
  },
  "conferences.$slug.participants": { access: "signed-in", sample: "/conferences/hoi-nghi/participants" },
  "conferences.$slug.agenda": { access: "signed-in", sample: "/conferences/hoi-nghi/agenda" },
  "conferences.$slug.agenda[.]pdf": { access: "signed-in", sample: "/conferences/hoi-nghi/agenda.pdf" },
  "conferences.$slug.agenda[.]ics": { access: "signed-in", sample: "/conferences/hoi-nghi/agenda.ics" },
  "trace.$code": { access: "public", pages: (s) => each(s.batches, (code) => `/trace/${code}`) },
  "demands._index": {
    access: "public",
    pages: () =>
      ok(
        ...(
          [
            {},
            { q: "miến dong" },
            { q: "mien dong" },
            { province: "01" },
            { page: "2" },
            ...CATEGORIES.map((category) => ({ category })),
          ] as Array<Record<string, string>>
        ).map((q) => query("/demands", q)),
      ),
  },
  "demands.$publicId": { access: "public", pages: () => [{ path: "/demands/khong-co", status: 404 }] },
  register: { access: "public", pages: () => ok("/register") },
  privacy: { access: "public", pages: () => ok("/privacy") },
  login: { access: "public", pages: () => ok("/login", "/login?redirectTo=%2Fcart") },
  "forgot-password": { access: "public", pages: () => ok("/forgot-password") },
  "reset-password.$token": {
    access: "public",
    pages: (s) => [
      ...ok(`/reset-password/${s.resetToken}`),
      { path: "/reset-password/het-han", status: 410 },
    ],
  },
  cart: { access: "public", pages: () => ok("/cart", "/cart?done=added") },
  $: {
    access: "public",
    pages: () => [
      { path: "/khong-ton-tai", status: 404 },
      { path: `/${encodeURIComponent("trà-xanh")}/${encodeURIComponent("miến")}`, status: 404 },
    ],
  },
  // Files and the public API
  "robots[.]txt": { access: "public", pages: () => ok("/robots.txt") },
  // The browser's translations (the document names them with ?v=<hash>; without it they are cached briefly).
  "locales.$lng[.]json": {
    access: "public",
    pages: () => [...ok("/locales/vi.json", "/locales/en.json"), { path: "/locales/fr.json", status: 404 }],
  },
  "[.]well-known.htx-connect.seal-key[.]pem": {
    access: "public",
    pages: () => ok("/.well-known/htx-connect/seal-key.pem"),
  },
  "[.]well-known.htx-connect.seal-keys[.]json": {
    access: "public",
    pages: () => ok("/.well-known/htx-connect/seal-keys.json"),
  },
  "v.$token": { access: "redirect", sample: "/v/ABC", location: "/verify?t=ABC" },
  // A staff member's follow-ups feed answers to its secret alone: one that is none is not found.
  "calendar.$token[.]ics": {
    access: "public",
    pages: () => [{ path: "/calendar/not-a-real-token-0123456789.ics", status: 404 }],
  },
  verify: {
    access: "public",
    pages: () => ok("/verify", "/verify?id=TT-2026-ZZZZZZ", "/verify?t=KHONGPHAIMA"),
  },
  "sitemap[.]xml": { access: "public", pages: () => ok("/sitemap.xml") },
  "api.v1.products": {
    access: "public",
    pages: () => ok(...PRODUCT_QUERIES.slice(0, 10).map((q) => query("/api/v1/products", q))),
  },
  "api.v1.products.$slug": {
    access: "public",
    pages: (s) => each(s.products, (slug) => `/api/v1/products/${slug}`),
  },
  "api.v1.cooperatives.$slug": {
    access: "public",
    pages: (s) => each(s.cooperatives, (slug) => `/api/v1/cooperatives/${slug}`),
  },
  "api.v1.suggest": {
    access: "public",
    pages: () => ok(...["tr", "trà", "miến", "mien d", "mật"].map((q) => query("/api/v1/suggest", { q }))),
  },
  "api.v1.provinces.$code.wards": {
    access: "public",
    pages: () => ok("/api/v1/provinces/01/wards", "/api/v1/provinces/19/wards"),
  },
  "api.$": { access: "public", pages: () => [{ path: "/api/khong-co", status: 404 }] },
  "api.webhooks.stripe": { access: "public", pages: () => [{ path: "/api/webhooks/stripe", status: 405 }] },
  // POST-only: a GET goes home
  language: { access: "redirect", sample: "/language", location: "/" },
  logout: { access: "redirect", sample: "/logout", location: "/" },
  // Behind a login
  account: { access: "signed-in", sample: "/account" },
  "checkout._index": { access: "signed-in", sample: "/checkout" },
  "account_.demands._index": { access: "signed-in", sample: "/account/demands" },
  "account_.demands.new": { access: "signed-in", sample: "/account/demands/new" },
  "account_.demands.$publicId": { access: "signed-in", sample: "/account/demands/abc" },
  "account_.matches": { access: "signed-in", sample: "/account/matches" },
  "account_.quotes": { access: "signed-in", sample: "/account/quotes" },
  "matches.$id": { access: "signed-in", sample: "/matches/1" },
  "agreements._index": { access: "signed-in", sample: "/agreements" },
  "agreements.$publicId": { access: "signed-in", sample: "/agreements/TT-2026-ABCDEF" },
  "agreements.$publicId[.]pdf": { access: "signed-in", sample: "/agreements/TT-2026-ABCDEF.pdf" },
  "agreements.$publicId_.scan": { access: "signed-in", sample: "/agreements/TT-2026-ABCDEF/scan" },
  "checkout.$publicId": { access: "signed-in", sample: "/checkout/abc" },
  "orders._index": { access: "signed-in", sample: "/orders" },
  "orders.$code": { access: "signed-in", sample: "/orders/HTX-00000000" },
  cooperative: { access: "signed-in", sample: "/cooperative" },
  "cooperative._index": { access: "signed-in", sample: "/cooperative" },
  "cooperative.profile": { access: "signed-in", sample: "/cooperative/profile" },
  "cooperative.batches": { access: "signed-in", sample: "/cooperative/batches" },
  "cooperative.bookings.$publicId": { access: "signed-in", sample: "/cooperative/bookings/abc" },
  "cooperative.fairs._index": { access: "signed-in", sample: "/cooperative/fairs" },
  "cooperative.fairs.$slug": { access: "signed-in", sample: "/cooperative/fairs/hoi-cho" },
  "cooperative.orders._index": { access: "signed-in", sample: "/cooperative/orders" },
  "cooperative.shipping": { access: "signed-in", sample: "/cooperative/shipping" },
  "cooperative.orders.$code": { access: "signed-in", sample: "/cooperative/orders/HTX-00000000" },
  "cooperative.orders[.]csv": { access: "signed-in", sample: "/cooperative/orders.csv" },
  "cooperative.offers._index": { access: "signed-in", sample: "/cooperative/offers" },
  "cooperative.quotes": { access: "signed-in", sample: "/cooperative/quotes" },
  "cooperative.matches": { access: "signed-in", sample: "/cooperative/matches" },
  "cooperative.offers.new": { access: "signed-in", sample: "/cooperative/offers/new" },
  "cooperative.offers.$id": { access: "signed-in", sample: "/cooperative/offers/1" },
  "cooperative.products._index": { access: "signed-in", sample: "/cooperative/products" },
  "cooperative.products.new": { access: "signed-in", sample: "/cooperative/products/new" },
  "cooperative.products.import": { access: "signed-in", sample: "/cooperative/products/import" },
  "cooperative.products.import.template[.]csv": {
    access: "signed-in",
    sample: "/cooperative/products/import/template.csv",
  },
  "cooperative.products.$id": { access: "signed-in", sample: "/cooperative/products/1" },
  "cooperative.products.$id.batches.$batchId.qr[.]svg": {
    access: "signed-in",
    sample: "/cooperative/products/1/batches/1/qr.svg",
  },
  "import-reports.$id[.]csv": {
    access: "signed-in",
    sample: "/import-reports/00000000000000000000000000000000.csv",
  },
  "cooperative.products.$id_.batches.$batchId": {
    access: "signed-in",
    sample: "/cooperative/products/1/batches/1",
  },
  "cooperative.products.$id_.batches.$batchId_.labels": {
    access: "signed-in",
    sample: "/cooperative/products/1/batches/1/labels",
  },
  staff: { access: "signed-in", sample: "/staff" },
  "staff.products.import": { access: "signed-in", sample: "/staff/products/import" },
  "staff.products.import.template[.]csv": {
    access: "signed-in",
    sample: "/staff/products/import/template.csv",
  },
  "staff._index": { access: "signed-in", sample: "/staff" },
  "staff.cooperatives": { access: "signed-in", sample: "/staff/cooperatives" },
  "staff.matching": { access: "signed-in", sample: "/staff/matching" },
  "staff.agreements._index": { access: "signed-in", sample: "/staff/agreements" },
  "staff.agreements.paper": { access: "signed-in", sample: "/staff/agreements/paper" },
  "staff.agreements[.]csv": { access: "signed-in", sample: "/staff/agreements.csv" },
  "staff.agreements[.]xlsx": { access: "signed-in", sample: "/staff/agreements.xlsx" },
  "staff.follow-ups": { access: "signed-in", sample: "/staff/follow-ups" },
  "staff.reports._index": { access: "signed-in", sample: "/staff/reports" },
  "staff.reports.print": { access: "signed-in", sample: "/staff/reports/print" },
  "staff.reports[.]csv": { access: "signed-in", sample: "/staff/reports.csv" },
  "staff.reports[.]xlsx": { access: "signed-in", sample: "/staff/reports.xlsx" },
  "staff.reports[.]pdf": { access: "signed-in", sample: "/staff/reports.pdf" },
  "staff.conferences._index": { access: "signed-in", sample: "/staff/conferences" },
  "staff.conferences.new": { access: "signed-in", sample: "/staff/conferences/new" },
  "staff.conferences.$id": { access: "signed-in", sample: "/staff/conferences/1" },
  "staff.fairs._index": { access: "signed-in", sample: "/staff/fairs" },
  "staff.fairs.new": { access: "signed-in", sample: "/staff/fairs/new" },
  "staff.fairs.$id": { access: "signed-in", sample: "/staff/fairs/1" },
  "staff.fairs.$id._index": { access: "signed-in", sample: "/staff/fairs/1" },
  "staff.fairs.$id.bookings": { access: "signed-in", sample: "/staff/fairs/1/bookings" },
  "staff.fairs.$id.details": { access: "signed-in", sample: "/staff/fairs/1/details" },
  "staff.fairs.$id.waitlist": { access: "signed-in", sample: "/staff/fairs/1/waitlist" },
  "staff.fairs.$id.exhibitors[.]csv": { access: "signed-in", sample: "/staff/fairs/1/exhibitors.csv" },
  "staff.fairs.$id.visitors": { access: "signed-in", sample: "/staff/fairs/1/visitors" },
  "staff.fairs.$id.visitors[.]csv": { access: "signed-in", sample: "/staff/fairs/1/visitors.csv" },
  "staff.ledger": { access: "signed-in", sample: "/staff/ledger" },
  "staff.ledger[.]csv": { access: "signed-in", sample: "/staff/ledger.csv" },
  "staff.orders._index": { access: "signed-in", sample: "/staff/orders" },
  "staff.orders.$code": { access: "signed-in", sample: "/staff/orders/HTX-00000000" },
};

const ROUTE_FILES = readdirSync(path.resolve("app/routes"))
  .filter((f) => /\.tsx?$/.test(f))
  .map((f) => f.replace(/\.tsx?$/, ""))
  .sort();
const PUBLIC = Object.entries(ROUTES).flatMap(([route, check]) =>
  check.access === "public" ? [{ route, pages: check.pages }] : [],
);

/** A browser's request: the human path of entry.server (onShellReady), the bytes as sent (no compression). */
const BROWSER = {
  "user-agent":
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36",
  "accept-encoding": "identity",
};

/** Where the zero bytes are, each with the text around it ("kh\0ông bắt buộc"). */
function nulsIn(bytes: Uint8Array) {
  const at: string[] = [];
  for (let i = bytes.indexOf(0); i !== -1; i = bytes.indexOf(0, i + 1)) {
    const around = Buffer.from(bytes.subarray(Math.max(0, i - 12), i + 12)).toString("utf8");
    at.push(`@${i} ${JSON.stringify(around)}`);
  }
  return at;
}

/** Runs `task` over `items`, `width` at a time. */
async function inParallel<T>(items: T[], width: number, task: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await task(items[next++]!);
    }),
  );
}

describe("page bytes: every route module is accounted for", () => {
  it(`classifies all ${ROUTE_FILES.length} route modules in app/routes (${PUBLIC.length} public)`, () => {
    const classified = Object.keys(ROUTES);
    expect({
      unclassified: ROUTE_FILES.filter((r) => !classified.includes(r)),
      gone: classified.filter((r) => !ROUTE_FILES.includes(r)),
    }).toEqual({ unclassified: [], gone: [] });
  });

  it("is run against a build that serves every one of them (npm run build after changing app/)", async () => {
    const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
    const missing = ROUTE_FILES.filter((r) => !build.routes[`routes/${r}`]);
    expect(missing, "build/ is older than app/routes").toEqual([]);
  });
});

describe.each(DIALECTS)("page bytes on %s", (dialect) => {
  let server: TestServer;
  let seeded: Seeded;

  beforeAll(async () => {
    server = await startTestServer(dialect, {}, { demo: true });
    const c = server.container;
    const { Cooperative, Fair, Product, ProductBatch } = c.db.models;
    const coops = await Cooperative.findAll({ order: [["id", "ASC"]] });
    const approved = new Set(coops.filter((r) => r.status === "approved").map((r) => r.id));
    const products = await Product.findAll({ order: [["id", "ASC"]] });
    const coopOf = new Map(products.map((p) => [p.id, p.cooperativeId]));
    const batches = await ProductBatch.findAll({ order: [["id", "ASC"]] });
    const fairs = await Fair.findAll({ order: [["id", "ASC"]] });
    const conferences = await c.db.models.Conference.findAll({ order: [["id", "ASC"]] });

    // A live password-reset link, through the real request and the outbox.
    const res = await fetch(`${server.url}/forgot-password`, {
      method: "POST",
      headers: { origin: server.url, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: DEMO_ACCOUNTS.buyer.email }),
    });
    expect(res.status).toBe(200);
    await c.worker.drain();
    const link = c.sender.sent
      .filter((m) => m.to === DEMO_ACCOUNTS.buyer.email)
      .map((m) => /\/reset-password\/([A-Za-z0-9_-]+)/.exec(m.body)?.[1])
      .findLast(Boolean);
    expect(link, "a reset link was mailed").toBeTruthy();

    seeded = {
      // A guest sees active products of approved cooperatives, approved cooperatives, fairs out of draft and
      // the trace page of any batch of an approved cooperative.
      products: products.map((p) => ({
        key: p.slug,
        shown: p.status === "active" && approved.has(p.cooperativeId),
      })),
      cooperatives: coops.map((r) => ({ key: r.slug, shown: r.status === "approved" })),
      fairs: fairs.map((f) => ({ key: f.slug, shown: f.status !== "draft" })),
      conferences: conferences.map((x) => ({ key: x.slug, shown: x.phase !== "draft" })),
      batches: batches.map((b) => ({ key: b.publicCode, shown: approved.has(coopOf.get(b.productId)!) })),
      resetToken: link!,
    };
    expect(seeded.products.filter((p) => p.shown).length).toBeGreaterThan(200);
    expect(seeded.fairs.filter((f) => f.shown).length).toBeGreaterThanOrEqual(2);
    expect(seeded.batches.filter((b) => b.shown).length).toBeGreaterThan(0);
  }, 300_000);
  afterAll(async () => server?.close());

  it("sends a guest to log in from every route said to need one, and POST-only routes home", async () => {
    const wrong: string[] = [];
    for (const [route, check] of Object.entries(ROUTES)) {
      if (check.access === "public") continue;
      const res = await fetch(server.url + check.sample, { redirect: "manual", headers: BROWSER });
      const location = res.headers.get("location") ?? "";
      const expected =
        check.access === "redirect"
          ? location === check.location
          : location === `/login?redirectTo=${encodeURIComponent(check.sample)}`;
      if (res.status !== 302 || !expected)
        wrong.push(`${route}: GET ${check.sample} → ${res.status} ${location}`);
    }
    expect(wrong).toEqual([]);
  });

  it.each(LOCALES)(
    "serves every public page in %s as valid UTF-8 without a NUL byte",
    async (lng: Locale) => {
      const pages = PUBLIC.flatMap(({ route, pages }) => pages(seeded).map((page) => ({ route, ...page })));
      const problems: string[] = [];
      const tally = new Map<string, { pages: number; bytes: number; nuls: number }>();
      await inParallel(pages, 4, async ({ route, path: p, status }) => {
        const res = await fetch(server.url + p, {
          redirect: "manual",
          headers: { ...BROWSER, "accept-language": lng },
        });
        const bytes = new Uint8Array(await res.arrayBuffer());
        const nuls = nulsIn(bytes);
        const row = tally.get(route) ?? { pages: 0, bytes: 0, nuls: 0 };
        tally.set(route, {
          pages: row.pages + 1,
          bytes: row.bytes + bytes.length,
          nuls: row.nuls + nuls.length,
        });
        const say = (problem: string) => problems.push(`${p} (${lng}): ${problem}`);
        if (res.status !== status) say(`status ${res.status}, expected ${status}`);
        if (nuls.length) say(`${nuls.length} NUL ${nuls.join(" ")}`);
        let text = "";
        try {
          text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
        } catch {
          say("not valid UTF-8");
        }
        const type = res.headers.get("content-type") ?? "";
        if (/^(text\/|application\/xml)/.test(type) && !/charset=utf-8/i.test(type))
          say(`content-type ${type}`);
        // The language asked for is the one served (the same bytes twice would prove half as much).
        if (type.startsWith("text/html") && !text.includes(`<html lang="${lng}"`))
          say("not in the language asked");
      });

      const total = [...tally.values()].reduce(
        (t, r) => ({ pages: t.pages + r.pages, bytes: t.bytes + r.bytes, nuls: t.nuls + r.nuls }),
        { pages: 0, bytes: 0, nuls: 0 },
      );
      console.info(
        `page bytes on ${dialect}, ${lng}: ${total.pages} pages from ${tally.size} routes, ` +
          `${(total.bytes / 1e6).toFixed(1)} MB, ${total.nuls} NUL byte(s)\n` +
          [...tally]
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([route, r]) => `  ${route.padEnd(28)} ${String(r.pages).padStart(4)} pages  ${r.nuls} NUL`)
            .join("\n"),
      );
      expect(tally.size, "every public route was fetched").toBe(PUBLIC.length);
      expect(problems).toEqual([]);
    },
    300_000,
  );
});
