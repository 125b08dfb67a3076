import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../seeds";
import type { CurrentUser } from "../../server/accounts/current-user";
import { EmbeddedSearchEngine } from "../../server/search/embedded";
import type { SearchQuery } from "../../server/search/types";
import { bulkSealedAgreements } from "../support/agreements";
import { createTestContainer, DIALECTS, type TestContainer } from "../support/db";
import {
  checkoutForm,
  currentUser,
  makeCooperative,
  makeProduct,
  makeUser,
  META,
  PASSWORD,
} from "../support/factories";
import { openFair } from "../support/fairs";
import { PLACE } from "../support/orders";
import { statementsOf } from "../support/query-count";
import { Browserless, startTestServer, type TestServer } from "../support/server";

/**
 * How many SQL statements each key page sends per request (the session lookup, the root loader and the page's
 * own loaders together), over the demo data, and that the number stays the same when the data grows: a page
 * that reads one row at a time (an N+1) needs more statements for more rows and fails here. The embedded search
 * engine keeps its own SQLite file; its searches are counted beside, per request.
 */

type Who = "guest" | "shopper" | "buyer" | "staff" | "member";

/** What the pages are about: slugs found in the seeded data. */
interface Subjects {
  product: string;
  cooperative: string;
  fair: string;
}

interface PageCount {
  who: Who;
  path: (s: Subjects) => string;
  /** SQL statements per request, exactly. */
  statements: number;
  /** Searches the page asks of the search engine. */
  searches: number;
}

const Q = encodeURIComponent("tra tan cuong");

/**
 * Every signed-in request pays 1 statement for the session (user, organisation and cooperative joined) and the
 * header's cart count 1 more; a guest pays the cart count once their cart cookie is set (the shopper).
 */
const PAGES: Record<string, PageCount> = {
  home: { who: "guest", path: () => "/", statements: 7, searches: 3 },
  "home, signed in": { who: "buyer", path: () => "/", statements: 9, searches: 3 },
  products: { who: "guest", path: () => "/products", statements: 1, searches: 1 },
  "products search": { who: "guest", path: () => `/products?q=${Q}`, statements: 1, searches: 1 },
  product: { who: "guest", path: (s) => `/products/${s.product}`, statements: 3, searches: 1 },
  cooperatives: { who: "guest", path: () => "/cooperatives", statements: 5, searches: 0 },
  cooperative: { who: "guest", path: (s) => `/cooperatives/${s.cooperative}`, statements: 5, searches: 1 },
  fairs: { who: "guest", path: () => "/fairs", statements: 3, searches: 0 },
  // The fair, its halls, booths, bookings, the plan's elements (entrances, stage…), exhibitors' products, and the
  // fair's matchmaking conferences: one statement each.
  "fair (floor plan)": { who: "guest", path: (s) => `/fairs/${s.fair}`, statements: 7, searches: 0 },
  "api products search": { who: "guest", path: () => `/api/v1/products?q=${Q}`, statements: 1, searches: 1 },
  // The cart prices delivery: 1 statement for every cooperative's options, and for a signed-in buyer 1 for the
  // province their goods usually go to.
  cart: { who: "buyer", path: () => "/cart", statements: 6, searches: 0 },
  "cart, guest": { who: "shopper", path: () => "/cart", statements: 4, searches: 0 },
  "staff orders": { who: "staff", path: () => "/staff/orders", statements: 5, searches: 0 },
  "staff agreements": { who: "staff", path: () => "/staff/agreements", statements: 15, searches: 0 },
  "cooperative orders": { who: "member", path: () => "/cooperative/orders", statements: 5, searches: 0 },
  // The dashboard: its profile, the orders by state, one statement per to-do card (4) and per chart group (4),
  // the fairs' summary; as many whatever the cooperative holds.
  "cooperative dashboard": { who: "member", path: () => "/cooperative", statements: 17, searches: 0 },
  "cooperative products": { who: "member", path: () => "/cooperative/products", statements: 3, searches: 0 },
};

/** The embedded engine, counting the searches asked of it. */
class CountingSearchEngine extends EmbeddedSearchEngine {
  searches = 0;
  override search(query: SearchQuery) {
    this.searches += 1;
    return super.search(query);
  }
}

describe.each(DIALECTS)("statements per page on %s", (dialect) => {
  let server: TestServer;
  let engine: CountingSearchEngine;
  let engineDir: string;
  let subjects: Subjects;
  let browsers: Record<Who, Browserless>;
  let buyer: CurrentUser;
  let member: CurrentUser;
  let staff: CurrentUser;
  /** Units in each of the two carts (the buyer's and the guest's), as the header counts them. */
  let units = 0;

  /** One request as a browser makes it (the whole body read), and what it cost. */
  async function measure(name: string, page: PageCount) {
    const before = engine.searches;
    let status = 0;
    let html = "";
    const { count, sql } = await statementsOf(server.container.db.sequelize, async () => {
      const res = await browsers[page.who].get(page.path(subjects));
      status = res.status;
      html = await res.text();
    });
    expect(status, `${name}: GET ${page.path(subjects)}`).toBe(200);
    return { statements: count, searches: engine.searches - before, sql, html };
  }

  /** Every page once to warm up, then once counted; a mismatch shows the page's statements. */
  async function census() {
    const got: Record<string, { statements: number; searches: number }> = {};
    const sql: Record<string, string[]> = {};
    const html: Record<string, string> = {};
    for (const [name, page] of Object.entries(PAGES)) {
      await measure(name, page);
      const m = await measure(name, page);
      got[name] = { statements: m.statements, searches: m.searches };
      sql[name] = m.sql.map((s) => s.replace(/\s+/g, " ").slice(0, 160));
      html[name] = m.html;
    }
    const expected = Object.fromEntries(
      Object.entries(PAGES).map(([name, p]) => [name, { statements: p.statements, searches: p.searches }]),
    );
    const off = Object.keys(PAGES).filter(
      (name) =>
        got[name]!.statements !== expected[name]!.statements ||
        got[name]!.searches !== expected[name]!.searches,
    );
    expect(got, off.map((name) => `${name}:\n  ${sql[name]!.join("\n  ")}`).join("\n")).toEqual(expected);
    return html;
  }

  beforeAll(async () => {
    engineDir = mkdtempSync(path.join(tmpdir(), "htx-search-"));
    engine = new CountingSearchEngine({ path: path.join(engineDir, "search.sqlite") });
    // What a page costs when it is rendered: a guest's page is not served from the page cache here.
    server = await startTestServer(
      dialect,
      { PAGE_CACHE_SECONDS: "0" },
      { searchEngine: engine, demo: true },
    );
    const c = server.container;
    const person = async (email: string) => (await c.services.accounts.getCurrentUser({ email }))!;
    buyer = await person(DEMO_ACCOUNTS.buyer.email);
    member = await person(DEMO_ACCOUNTS.cooperative.email);
    staff = await person(DEMO_ACCOUNTS.staff.email);
    const { Product, Fair } = c.db.models;
    const product = await Product.findOne({
      where: { cooperativeId: member.cooperative!.id, status: "active" },
      order: [["id", "ASC"]],
    });
    const [fair] = await c.services.fairs.listFairs({ locale: "vi", upcoming: true });
    expect(await Fair.count({ where: { slug: fair!.slug } })).toBe(1);
    subjects = { product: product!.slug, cooperative: member.cooperative!.slug, fair: fair!.slug };

    const signIn = async (email: string) => {
      const b = new Browserless(server.url, { "accept-language": "vi" });
      const res = await b.post("/login", { email, password: DEMO_PASSWORD, redirectTo: "/" });
      expect(res.status).toBe(302);
      return b;
    };
    browsers = {
      guest: new Browserless(server.url, { "accept-language": "vi" }),
      shopper: new Browserless(server.url, { "accept-language": "vi" }),
      buyer: await signIn(DEMO_ACCOUNTS.buyer.email),
      staff: await signIn(DEMO_ACCOUNTS.staff.email),
      member: await signIn(DEMO_ACCOUNTS.cooperative.email),
    };
    // Carts with something in them: three of the demo cooperative's products, the guest's put in over HTTP.
    const three = await Product.findAll({
      where: { cooperativeId: member.cooperative!.id, status: "active" },
      order: [["id", "ASC"]],
      limit: 3,
    });
    for (const p of three) {
      units += p.minOrderQty;
      const line = { productId: String(p.id), quantity: String(p.minOrderQty) };
      await c.services.orders.addToCart({ owner: { userId: buyer.id }, form: line });
      const res = await browsers.shopper.post("/cart", { intent: "add", ...line });
      expect(res.headers.get("location")).toBe("/cart?done=added");
    }
    expect(browsers.shopper.has("htx_cart")).toBe(true);
  }, 300_000);
  afterAll(async () => {
    await server?.close();
    rmSync(engineDir, { recursive: true, force: true });
  });

  it("sends the expected statements for each page over the demo data", async () => {
    const html = await census();
    // The pages had something to show: search hits, a cart's lines, exhibitors on the plan.
    expect(html["products search"]).toMatch(/Tân Cương/);
    expect(html.cart).toContain(`/products/${subjects.product}`);
    // The header counts the units in a signed-in buyer's cart and in a guest's.
    expect(html.cart).toContain(`Giỏ hàng, ${units} món`);
    expect(html["cart, guest"]).toContain(`Giỏ hàng, ${units} món`);
  });

  it("sends as many when there is more of everything", async () => {
    const c = server.container;
    const { models } = c.db;
    const coopId = member.cooperative!.id;

    // Thirty more products of the demo cooperative, in the search index too.
    const added = [];
    for (let i = 0; i < 30; i++)
      added.push(await makeProduct(c, coopId, { nameVi: `Trà Tân Cương thêm số ${i}`, stock: 1_000 }));
    await c.reindex();

    // Twenty more lines in the buyer's cart and in the guest's.
    for (const p of added.slice(0, 20)) {
      const line = { productId: String(p.id), quantity: "1" };
      await c.services.orders.addToCart({ owner: { userId: buyer.id }, form: line });
      expect((await browsers.shopper.post("/cart", { intent: "add", ...line })).status).toBe(302);
    }

    // Twenty-five more orders for the demo cooperative, two lines each, from another buyer.
    const other = await currentUser(c, (await makeUser(c)).email);
    for (let i = 0; i < 25; i++) {
      for (const p of [added[20 + (i % 10)]!, added[(i + 1) % 10]!])
        await c.services.orders.addToCart({
          owner: { userId: other.id },
          form: { productId: String(p.id), quantity: "1" },
        });
      await c.services.orders.placeOrder(other, { form: checkoutForm(), ...PLACE });
    }

    // Every free booth of the fair booked by another approved cooperative showing two of its products, and
    // three more upcoming fairs.
    const fair = (await models.Fair.findOne({ where: { slug: subjects.fair } }))!;
    const taken = new Set(
      (await models.BoothBooking.findAll({ where: { fairId: fair.id }, attributes: ["activeBoothId"] })).map(
        (b) => b.activeBoothId,
      ),
    );
    const free = (await models.Booth.findAll({ where: { fairId: fair.id }, order: [["id", "ASC"]] })).filter(
      (b) => !taken.has(b.id) && !b.blockedReason,
    );
    const exhibitors = await models.Cooperative.findAll({
      where: { status: "approved" },
      order: [["id", "DESC"]],
      limit: free.length,
    });
    expect(free.length).toBeGreaterThanOrEqual(10);
    const bookings = await models.BoothBooking.bulkCreate(
      free.slice(0, exhibitors.length).map((booth, i) => ({
        publicId: `QC-BOOKING-${i}`,
        fairId: fair.id,
        boothId: booth.id,
        cooperativeId: exhibitors[i]!.id,
        status: "booked" as const,
        activeBoothId: booth.id,
        expiresAt: null,
        amountVnd: booth.priceVnd,
        transferReference: `QCBOOK${String(i).padStart(6, "0")}`,
      })),
    );
    const shown = await models.Product.findAll({
      where: { cooperativeId: exhibitors.map((e) => e.id), status: "active" },
      attributes: ["id", "cooperativeId"],
    });
    await models.BookingProduct.bulkCreate(
      bookings.flatMap((b) =>
        shown
          .filter((p) => p.cooperativeId === b.cooperativeId)
          .slice(0, 2)
          .map((p) => ({ bookingId: b.id, productId: p.id })),
      ),
    );
    for (const n of [1, 2, 3])
      await openFair(c, staff, { form: { nameVi: `Hội chợ đếm truy vấn ${n}`, nameEn: "" } });

    // Thirty more sealed agreements in the staff member's province.
    await bulkSealedAgreements(c, {
      count: 30,
      prefix: "TT-QC",
      buyerId: buyer.id,
      cooperativeIds: exhibitors.map((e) => e.id),
      provinceCode: staff.unionProvinceCode ?? "19",
    });

    const html = await census();
    // The pages read the new rows: the cart's new lines, the new exhibitors, the new products and orders.
    expect(html.cart).toContain(`/products/${added[19]!.slug}`);
    expect(html["cart, guest"]).toContain(`/products/${added[19]!.slug}`);
    expect(html.cart).toContain(`Giỏ hàng, ${units + 20} món`);
    expect(html["cart, guest"]).toContain(`Giỏ hàng, ${units + 20} món`);
    expect(html["fair (floor plan)"]).toContain(`/cooperatives/${exhibitors[0]!.slug}`);
    expect(html.cooperative).toContain("Trà Tân Cương thêm số 29");
    const newest = await models.Order.findOne({ where: { cooperativeId: coopId }, order: [["id", "DESC"]] });
    expect(html["cooperative orders"]).toContain(newest!.code);
    expect(html["staff orders"]).toContain(newest!.code);
    expect(html.fairs).toContain("Hội chợ đếm truy vấn 3");
  });
});

/** The lookup every signed-in request makes: one statement, and what it answers is the whole CurrentUser. */
describe.each(DIALECTS)("the session lookup on %s", (dialect) => {
  let c: TestContainer;
  const signIn = async (email: string) =>
    (await c.services.accounts.login({ form: { email, password: PASSWORD }, meta: META })).token;
  const lookup = async (token: string | null) => {
    let user: CurrentUser | null = null;
    const { count } = await statementsOf(c.db.sequelize, async () => {
      user = await c.services.accounts.getUserForSession({ token });
    });
    return { user: user as CurrentUser | null, count };
  };

  beforeAll(async () => {
    c = await createTestContainer(dialect);
  });
  afterAll(async () => c?.destroy());

  it("answers a member of a cooperative, a buyer with an organisation and a staff member in one statement each", async () => {
    const owner = await makeUser(c, { role: "cooperative", fullName: "Nguyễn Thị Hoa" });
    const coop = await makeCooperative(c, { name: "HTX Chè Hồng Phúc", ownerId: owner.id });
    const org = await c.db.models.Organisation.create({
      name: "Công ty TNHH Thực phẩm Sạch",
      kind: "distributor",
      taxCode: "0101234567",
      provinceCode: "01",
      wardCode: null,
      address: "Số 1 Tràng Tiền",
    });
    const buyer = await makeUser(c);
    await buyer.update({ organisationId: org.id, phone: "0987654321" });
    const admin = await makeUser(c, { role: "staff", locale: "en" });
    await admin.update({ isAdmin: true, unionProvinceCode: "19" });

    expect(await lookup(await signIn(owner.email))).toEqual({
      count: 1,
      user: {
        id: owner.id,
        email: owner.email,
        fullName: "Nguyễn Thị Hoa",
        phone: null,
        role: "cooperative",
        isAdmin: false,
        unionProvinceCode: null,
        locale: "vi",
        organisation: null,
        cooperative: {
          id: coop.id,
          slug: coop.slug,
          name: "HTX Chè Hồng Phúc",
          status: "approved",
          memberRole: "owner",
        },
      },
    });
    expect(await lookup(await signIn(buyer.email))).toMatchObject({
      count: 1,
      user: {
        phone: "0987654321",
        organisation: {
          id: org.id,
          name: "Công ty TNHH Thực phẩm Sạch",
          kind: "distributor",
          taxCode: "0101234567",
          provinceCode: "01",
          wardCode: null,
          address: "Số 1 Tràng Tiền",
        },
        cooperative: null,
      },
    });
    expect(await lookup(await signIn(admin.email))).toMatchObject({
      count: 1,
      user: { role: "staff", isAdmin: true, unionProvinceCode: "19", locale: "en", cooperative: null },
    });
    // Scripts and seeds look people up the same way, by id or by e-mail.
    const byEmail = await c.services.accounts.getCurrentUser({ email: ` ${owner.email.toUpperCase()} ` });
    expect(byEmail).toEqual((await lookup(await signIn(owner.email))).user);
    expect(await c.services.accounts.getCurrentUser({ userId: buyer.id })).toMatchObject({
      organisation: { id: org.id },
    });
  });

  it("answers nobody for no token, an unknown one, a disabled account or an expired session, which it removes", async () => {
    expect(await lookup(null)).toEqual({ user: null, count: 0 });
    expect(await lookup("not-a-session")).toEqual({ user: null, count: 1 });

    const disabled = await makeUser(c);
    const disabledToken = await signIn(disabled.email);
    await disabled.update({ disabledAt: new Date() });
    expect(await lookup(disabledToken)).toEqual({ user: null, count: 1 });
    expect(await c.services.accounts.getCurrentUser({ userId: disabled.id })).toBeNull();

    const late = await makeUser(c);
    const token = await signIn(late.email);
    const { Session } = c.db.models;
    await Session.update({ expiresAt: new Date(Date.now() + 60_000) }, { where: { userId: late.id } });
    expect((await lookup(token)).user?.id).toBe(late.id);
    await Session.update({ expiresAt: new Date(Date.now() - 1_000) }, { where: { userId: late.id } });
    expect(await lookup(token)).toEqual({ user: null, count: 2 });
    expect(await Session.count({ where: { userId: late.id } })).toBe(0);
  });
});
