import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { resources } from "../../app/i18n";
import type { CurrentUser } from "../../server/accounts/current-user";
import { createSearchEngine } from "../../server/search";
import type { Locale } from "../../server/vocabulary/locale";
import { createTestContainer, DIALECTS, type TestContainer } from "../support/db";
import {
  checkoutForm,
  currentUser,
  makeCooperative,
  makeProduct,
  makeUser,
  PASSWORD,
} from "../support/factories";
import {
  failEachStatement,
  makeSqliteFileUnopenable,
  serveWithLog,
  snapshotDatabase,
  SwitchableSearchEngine,
  TcpProxy,
  throughProxy,
  type LoggedServer,
} from "../support/faults";
import { openFair, stateOf } from "../support/fairs";
import { PLACE, sellingCooperative, signedInBuyer, signedInStaff } from "../support/orders";
import { Browserless, startTestServer, type TestServer } from "../support/server";
import { html } from "../support/text";

/** What the reader is told while the database is unreachable, in each language. */
const UNAVAILABLE = (locale: Locale) => ({
  title: resources[locale].common.errorPage.unavailable.title,
  text: resources[locale].errors.service_unavailable,
  retry: resources[locale].common.errorPage.retry,
  refusedTitle: resources[locale].errors.http_error_title.replace("{{status}}", "503"),
});

/**
 * A 503 page from the root error boundary, in the reader's language, that asks to come back shortly and links to
 * the same address to try again.
 */
async function expectUnavailablePage(res: Response, locale: Locale, address: string) {
  expect(res.status).toBe(503);
  expect(res.headers.get("retry-after")).toBe("10");
  expect(res.headers.get("content-type")).toMatch(/^text\/html/);
  const page = await res.text();
  expect(page).toContain(`<html lang="${locale}"`);
  expect(page).toContain(html(UNAVAILABLE(locale).title));
  expect(page).toContain(html(UNAVAILABLE(locale).text));
  expect(page).toContain(`<a href="${html(address)}" class="button">${html(UNAVAILABLE(locale).retry)}</a>`);
  expect(page).not.toMatch(/Sequelize|ECONN|SQLITE_|at .*\.(ts|js):\d+/);
}

/** The cart's lines, straight from the table. */
async function cartLines(c: TestContainer) {
  return (
    await c.db.models.CartItem.findAll({
      order: [
        ["cartId", "ASC"],
        ["productId", "ASC"],
      ],
    })
  ).map((l) => ({
    cartId: l.cartId,
    productId: l.productId,
    quantity: l.quantity,
  }));
}

const addToCart = (productId: number) => ({ intent: "add", productId: String(productId), quantity: "1" });

describe.runIf(DIALECTS.includes("mysql"))(
  "the database becomes unreachable (MariaDB behind a proxy)",
  () => {
    let proxy: TcpProxy;
    let server: LoggedServer;
    let slug: string;
    let productId: number;
    let buyerEmail: string;

    beforeAll(async () => {
      const mysql = new URL(process.env.MYSQL_URL!);
      proxy = await TcpProxy.start({ host: mysql.hostname, port: Number(mysql.port || 3306) });
      server = await serveWithLog(await throughProxy(proxy, () => createTestContainer("mysql")));
      const coop = await makeCooperative(server.container, { name: "HTX Chè Tân Cương" });
      const product = await makeProduct(server.container, coop.id, { nameVi: "Chè búp Tân Cương" });
      slug = product.slug;
      productId = product.id;
      buyerEmail = (await makeUser(server.container)).email;
      // Searched for, it is found by the engine, then read from the database.
      await server.container.reindex();
    });
    // A test that failed while the database was away must not leave it away for the next one.
    afterEach(() => proxy.restore());
    afterAll(async () => {
      // The database is dropped through the proxy.
      await proxy?.restore();
      await server?.close();
      await proxy?.close();
    });

    const get = (p: string, locale: Locale, headers: Record<string, string> = {}) =>
      fetch(server.url + p, { headers: { "accept-language": locale, ...headers } });

    it("answers 503 in the reader's language while it is gone, and serves again once it is back", async () => {
      const signedIn = new Browserless(server.url, { "accept-language": "vi" });
      expect((await signedIn.post("/login", { email: buyerEmail, password: PASSWORD })).status).toBe(302);
      const guest = new Browserless(server.url, { "accept-language": "vi" });
      const guestEn = new Browserless(server.url, { "accept-language": "en" });
      expect((await get(`/products/${slug}`, "vi")).status).toBe(200);
      expect((await guest.post("/cart", addToCart(productId))).status).toBe(302);
      const linesBefore = await cartLines(server.container);

      await proxy.cut();

      // Pages and forms, through Remix: the root error boundary says so in the reader's language.
      await expectUnavailablePage(await get(`/products/${slug}`, "vi"), "vi", `/products/${slug}`);
      await expectUnavailablePage(await get(`/products/${slug}`, "en"), "en", `/products/${slug}`);
      await expectUnavailablePage(await guest.post("/cart", addToCart(productId)), "vi", "/cart");
      await expectUnavailablePage(await guestEn.post("/cart", addToCart(productId)), "en", "/cart");
      // The JSON API: the code, no page.
      for (const p of ["/api/v1/products?q=che", `/api/v1/products/${slug}`]) {
        const api = await get(p, "vi");
        expect(api.status).toBe(503);
        expect(api.headers.get("retry-after")).toBe("10");
        expect(await api.json()).toEqual({ error: { code: "service_unavailable", params: {} } });
      }
      // A signed-in reader meets the outage before Remix, when the session is looked up: the same answer.
      const early = await signedIn.get("/cart");
      expect(early.status).toBe(503);
      expect(early.headers.get("retry-after")).toBe("10");
      const earlyPage = await early.text();
      expect(earlyPage).toContain(UNAVAILABLE("vi").refusedTitle);
      expect(earlyPage).toContain(UNAVAILABLE("vi").text);
      const earlyApi = await signedIn.get("/api/v1/products", { "accept-language": "en" });
      expect(earlyApi.status).toBe(503);
      expect(await earlyApi.json()).toMatchObject({
        error: { code: "service_unavailable", message: UNAVAILABLE("en").text },
      });
      expect((await fetch(server.url + "/healthz")).status).toBe(503);

      await proxy.restore();

      // The same process, the same requests: the pool reconnects by itself.
      const page = await get(`/products/${slug}`, "en");
      expect(page.status).toBe(200);
      expect(await page.text()).toContain("Chè búp Tân Cương");
      expect((await guest.post("/cart", addToCart(productId))).status).toBe(302);
      const found = await get("/api/v1/products?q=che", "vi");
      expect(found.status).toBe(200);
      expect(await found.json()).toMatchObject({ degraded: false, hits: [{ slug }] });
      const one = await get(`/api/v1/products/${slug}`, "vi");
      expect(one.status).toBe(200);
      expect(await one.json()).toMatchObject({ slug });
      expect((await signedIn.get("/cart")).status).toBe(200);
      expect((await fetch(server.url + "/healthz")).status).toBe(200);
      // What was posted during the outage left nothing; the post after it counted once.
      expect(await cartLines(server.container)).toEqual(
        linesBefore.map((l) => ({ ...l, quantity: l.quantity + 1 })),
      );
    });

    it("answers 503 when the connection drops in the middle of a request, and that request leaves nothing", async () => {
      const guest = new Browserless(server.url, { "accept-language": "en" });
      expect((await guest.post("/cart", addToCart(productId))).status).toBe(302);
      const linesBefore = await cartLines(server.container);

      // The cart's change has reached the server, its COMMIT has not, when the connection is cut.
      proxy.hold({ from: "COMMIT" });
      const posting = guest.post("/cart", addToCart(productId));
      await proxy.somethingHeld();
      await proxy.cut();
      await expectUnavailablePage(await posting, "en", "/cart");

      // A page in the middle of its loaders: a query sent, unanswered.
      await proxy.restore();
      proxy.hold();
      const loading = get(`/products/${slug}`, "vi");
      await proxy.somethingHeld();
      await proxy.cut();
      await expectUnavailablePage(await loading, "vi", `/products/${slug}`);

      await proxy.restore();
      // The server rolled the cut transaction back: nothing of that post is left.
      expect(await cartLines(server.container)).toEqual(linesBefore);
      expect((await guest.post("/cart", addToCart(productId))).status).toBe(302);
      // This guest's cart is the newest one.
      const mine = linesBefore.at(-1)!;
      expect(await cartLines(server.container)).toEqual([
        ...linesBefore.slice(0, -1),
        { ...mine, quantity: mine.quantity + 1 },
      ]);
    });

    it("logs each failed request once, with its id, as a 503 and not as an unhandled error", async () => {
      const signedIn = new Browserless(server.url, { "accept-language": "vi" });
      expect((await signedIn.post("/login", { email: buyerEmail, password: PASSWORD })).status).toBe(302);
      await proxy.cut();
      // A page and an API call met the outage in Remix; the signed-in request before it, at the session.
      const requests = [
        ["fault-page", () => get(`/products/${slug}`, "vi", { "x-request-id": "fault-page" })],
        ["fault-api", () => get("/api/v1/products?q=che", "vi", { "x-request-id": "fault-api" })],
        ["fault-session", () => signedIn.get("/cart", { "x-request-id": "fault-session" })],
      ] as const;
      for (const [, send] of requests) {
        const res = await send();
        expect(res.status).toBe(503);
        await res.text();
      }
      await proxy.restore();
      const logged = (id: string) => server.log.filter((l) => l.req?.id === id);
      // The request's line is written when its response has finished, which the client may see first.
      await vi.waitFor(() => expect(requests.map(([id]) => logged(id).length)).toEqual([1, 1, 1]));
      for (const [id] of requests) {
        const [line] = logged(id);
        expect(line!.level, id).toBeGreaterThanOrEqual(40);
        expect(line!.res, id).toEqual({ statusCode: 503 });
        // The database's own error (refused, or the connection lost), not "failed with status code 503".
        expect(line!.err?.type, id).toMatch(/^(Connection\w*Error|DatabaseError)$/);
      }
      expect(server.log.filter((l) => l.msg === "unhandled error")).toEqual([]);
    });
  },
);

describe("the database becomes unreachable (SQLite's file cannot be opened)", () => {
  let server: LoggedServer;
  let slug: string;
  let productId: number;
  let buyerEmail: string;
  let file: string;

  beforeAll(async () => {
    server = await serveWithLog(await createTestContainer("sqlite"));
    const { database } = server.container.config;
    if (database.dialect !== "sqlite") throw new Error("expected SQLite");
    file = database.storage;
    const coop = await makeCooperative(server.container, { name: "HTX Miến Na Rì" });
    const product = await makeProduct(server.container, coop.id, { nameVi: "Miến dong Na Rì" });
    slug = product.slug;
    productId = product.id;
    buyerEmail = (await makeUser(server.container)).email;
  });
  afterAll(async () => server?.close());

  it("answers a form 503 in the reader's language while the file cannot be opened, and serves it again after", async () => {
    const guest = new Browserless(server.url, { "accept-language": "vi" });
    const buyer = new Browserless(server.url, { "accept-language": "en" });
    expect((await buyer.post("/login", { email: buyerEmail, password: PASSWORD })).status).toBe(302);
    expect((await guest.post("/cart", addToCart(productId))).status).toBe(302);
    const linesBefore = await cartLines(server.container);

    const restore = makeSqliteFileUnopenable(file);
    try {
      // Every write opens its own connection (one per transaction), and that is where the outage shows.
      await expectUnavailablePage(await guest.post("/cart", addToCart(productId)), "vi", "/cart");
      await expectUnavailablePage(await buyer.post("/cart", addToCart(productId)), "en", "/cart");
      // Reads go on through the connection SQLite opened at start, which keeps its file: no honest way to make
      // them fail short of a failing disk, so the page still answers.
      expect((await fetch(`${server.url}/products/${slug}`)).status).toBe(200);
    } finally {
      restore();
    }

    expect(await cartLines(server.container)).toEqual(linesBefore);
    expect((await guest.post("/cart", addToCart(productId))).status).toBe(302);
    expect((await buyer.post("/cart", addToCart(productId))).status).toBe(302);
    const lines = await cartLines(server.container);
    expect(lines).toHaveLength(linesBefore.length + 1);
    expect(lines[0]).toEqual({ ...linesBefore[0]!, quantity: linesBefore[0]!.quantity + 1 });
    // Logged once per request, as a 503.
    const failed = () => server.log.filter((l) => l.res?.statusCode === 503);
    await vi.waitFor(() => expect(failed()).toHaveLength(2));
    expect(server.log.filter((l) => l.msg === "unhandled error")).toEqual([]);
    expect(failed().map((l) => [l.err?.type, l.err?.message])).toEqual([
      ["ConnectionError", "SQLITE_CANTOPEN: unable to open database file"],
      ["ConnectionError", "SQLITE_CANTOPEN: unable to open database file"],
    ]);
  });
});

describe.each(DIALECTS)("a failure between the steps of a use case on %s", (dialect) => {
  let c: TestContainer;
  beforeAll(async () => {
    c = await createTestContainer(dialect);
  });
  afterAll(async () => c?.destroy());

  const snapshot = () => snapshotDatabase(c.db.sequelize);
  /** Whether the run sent `VERB table …` (e.g. INSERT INTO `order_items`), as Sequelize writes its statements. */
  const wrote = (statements: string[], verb: string, table: string) =>
    statements.some((s) => new RegExp(`^${verb}\\s+[\`"]?${table}[\`"]?[\\s(]`, "i").test(s));

  it("checkout: a failure at any statement leaves no checkout, order, item or outbox row, stock and cart as they were", async () => {
    const tea = await sellingCooperative(c, { bank: true, name: "HTX Chè Tân Cương" });
    const noodles = await sellingCooperative(c, { bank: true, name: "HTX Miến Na Rì" });
    const p1 = await makeProduct(c, tea.coop.id, { stock: 40, priceVnd: 120_000 });
    const p2 = await makeProduct(c, noodles.coop.id, { stock: 30, priceVnd: 65_000 });
    const buyer = await signedInBuyer(c);
    await c.services.orders.addToCart({
      owner: { userId: buyer.id },
      form: { productId: p1.id, quantity: 3 },
    });
    await c.services.orders.addToCart({
      owner: { userId: buyer.id },
      form: { productId: p2.id, quantity: 2 },
    });
    const place = () =>
      c.services.orders.placeOrder(buyer, {
        form: checkoutForm({ paymentMethod: "bank_transfer" }),
        ...PLACE,
      });
    const { models } = c.db;
    const state = async () => ({
      checkouts: await models.Checkout.count(),
      orders: await models.Order.count(),
      items: await models.OrderItem.count(),
      notifications: await models.Notification.count(),
      jobs: await models.Job.count(),
      stock: (await models.Product.findAll({ where: { id: [p1.id, p2.id] }, order: [["id", "ASC"]] })).map(
        (p) => p.stock,
      ),
      cart: (await c.services.orders.viewCart({ owner: { userId: buyer.id }, locale: "vi" })).lineCount,
    });
    const initial = await state();
    expect(initial).toMatchObject({ checkouts: 0, orders: 0, items: 0, stock: [40, 30], cart: 2 });
    const before = await snapshot();

    const { steps, statements } = await failEachStatement(c.db.sequelize, place, async (step) => {
      expect(await state(), `failure at statement ${step}`).toEqual(initial);
      expect(await snapshot(), `failure at statement ${step}`).toEqual(before);
    });
    // The sweep went through every step named in the brief: stock, orders, items, outbox, cart.
    expect(wrote(statements, "UPDATE", "products")).toBe(true);
    expect(wrote(statements, "INSERT INTO", "orders")).toBe(true);
    expect(wrote(statements, "INSERT INTO", "order_items")).toBe(true);
    expect(wrote(statements, "INSERT INTO", "notifications")).toBe(true);
    expect(wrote(statements, "INSERT INTO", "jobs")).toBe(true);
    expect(wrote(statements, "DELETE FROM", "cart_items")).toBe(true);
    expect(steps).toBeGreaterThan(15);

    // Nothing injected: the same checkout goes through.
    const { publicId } = await place();
    const placed = await state();
    expect(placed).toMatchObject({ checkouts: 1, orders: 2, items: 2, stock: [37, 28], cart: 0 });
    // Each notification comes with its delivery job, and the unpaid checkout with its expiry.
    const notices = placed.notifications - initial.notifications;
    expect(notices).toBeGreaterThanOrEqual(4);
    expect(placed.jobs - initial.jobs).toBeGreaterThanOrEqual(notices + 1);
    const checkout = await models.Checkout.findOne({ where: { publicId } });
    expect(await models.Job.count({ where: { payload: JSON.stringify({ checkoutId: checkout!.id }) } })).toBe(
      1,
    );
    expect(checkout!.status).toBe("pending_payment");
  });

  it("booth hold: a failure at any statement leaves no booking, the booth free and the cooperative's count as it was", async () => {
    const staff = await signedInStaff(c);
    const fair = await openFair(c, staff, { rows: 1, columns: 2, form: { maxBoothsPerCooperative: "1" } });
    const { owner } = await sellingCooperative(c);
    const booth = fair.boothByCode("A01");
    const state = async () => {
      const mine = await c.services.fairs.getFairForCooperative(owner, { slug: fair.slug, locale: "vi" });
      return {
        booth: await stateOf(c, fair.slug, "A01"),
        available: mine.fair.availableCount,
        active: mine.activeCount,
        bookings: mine.bookings.length,
        rows: await c.db.models.BoothBooking.count({ where: { fairId: fair.id } }),
      };
    };
    const initial = await state();
    expect(initial).toEqual({ booth: "available", available: 2, active: 0, bookings: 0, rows: 0 });
    const before = await snapshot();

    const { statements } = await failEachStatement(
      c.db.sequelize,
      () => c.services.fairs.holdBooth(owner, { boothId: booth.id }),
      async (step) => {
        expect(await state(), `failure at statement ${step}`).toEqual(initial);
        expect(await snapshot(), `failure at statement ${step}`).toEqual(before);
      },
    );
    expect(wrote(statements, "INSERT INTO", "booth_bookings")).toBe(true);
    expect(wrote(statements, "INSERT INTO", "booking_events")).toBe(true);
    expect(wrote(statements, "INSERT INTO", "jobs")).toBe(true);

    await c.services.fairs.holdBooth(owner, { boothId: booth.id });
    expect(await state()).toEqual({ booth: "held", available: 1, active: 1, bookings: 1, rows: 1 });
  });

  it("booth given back to a waiting list: a failure at any statement leaves the booking, the list and the offer untouched", async () => {
    const staff = await signedInStaff(c);
    const fair = await openFair(c, staff, { rows: 1, columns: 1, form: { maxBoothsPerCooperative: "1" } });
    const [holder, waiting] = await Promise.all([sellingCooperative(c), sellingCooperative(c)]);
    const booth = fair.booths[0]!;
    const hold = await c.services.fairs.holdBooth(holder!.owner, { boothId: booth.id });
    await c.services.fairs.confirmBooking(holder!.owner, { publicId: hold.publicId, form: {} });
    await c.services.fairs.joinWaitlist(waiting!.owner, { fairId: fair.id });
    const state = async () => {
      const theirs = await c.services.fairs.getFairForCooperative(waiting!.owner, {
        slug: fair.slug,
        locale: "vi",
      });
      const mine = await c.services.fairs.getFairForCooperative(holder!.owner, {
        slug: fair.slug,
        locale: "vi",
      });
      return {
        booth: await stateOf(c, fair.slug, booth.code),
        holder: mine.bookings.map((b) => b.status),
        holderActive: mine.activeCount,
        waiting: theirs.waitlist,
        offered: theirs.bookings.map((b) => b.status),
        notifications: await c.db.models.Notification.count({ where: { template: "booth_offered" } }),
      };
    };
    const initial = await state();
    expect(initial).toEqual({
      booth: "booked",
      holder: ["booked"],
      holderActive: 1,
      waiting: { status: "waiting", ahead: 0 },
      offered: [],
      notifications: 0,
    });
    const before = await snapshot();

    const { statements } = await failEachStatement(
      c.db.sequelize,
      () => c.services.fairs.cancelBooking(holder!.owner, { publicId: hold.publicId }),
      async (step) => {
        expect(await state(), `failure at statement ${step}`).toEqual(initial);
        expect(await snapshot(), `failure at statement ${step}`).toEqual(before);
      },
    );
    // The release and the offer to the list are one transaction: the sweep went through both.
    expect(wrote(statements, "UPDATE", "booth_bookings")).toBe(true);
    expect(wrote(statements, "INSERT INTO", "booking_events")).toBe(true);
    expect(wrote(statements, "INSERT INTO", "booth_bookings")).toBe(true);
    expect(wrote(statements, "UPDATE", "fair_waitlist")).toBe(true);
    expect(wrote(statements, "INSERT INTO", "notifications")).toBe(true);

    await c.services.fairs.cancelBooking(holder!.owner, { publicId: hold.publicId });
    expect(await state()).toEqual({
      booth: "held",
      holder: ["cancelled"],
      holderActive: 0,
      waiting: { status: "offered", ahead: 0 },
      offered: ["held"],
      notifications: 1,
    });
  });
});

describe.each(DIALECTS)("the search engine goes away on %s", (dialect) => {
  let server: TestServer;
  let engine: SwitchableSearchEngine;
  let indexDir: string;
  let member: CurrentUser;

  const product = (overrides: Record<string, string | string[]>) => ({
    sku: "TC-200",
    nameVi: "Trà móc câu Tân Cương",
    nameEn: "",
    descriptionVi: "Chè búp non sao thủ công, nước xanh, hậu ngọt.",
    descriptionEn: "",
    category: "tea",
    unit: "hop",
    priceVnd: "180000",
    minOrderQty: "1",
    stock: "120",
    status: "active",
    originProvinceCode: "19",
    originRegion: "Tân Cương",
    harvestMonths: ["3", "4"],
    shelfLifeDays: "365",
    certifications: [],
    tags: "",
    ...overrides,
  });

  beforeAll(async () => {
    indexDir = mkdtempSync(path.join(tmpdir(), "htx-faults-index-"));
    engine = new SwitchableSearchEngine(
      createSearchEngine({ kind: "embedded", indexPath: path.join(indexDir, "search.sqlite") }),
    );
    server = await startTestServer(dialect, {}, { searchEngine: engine });
    const owner = await makeUser(server.container, { role: "cooperative" });
    await makeCooperative(server.container, { name: "HTX Chè Tân Cương", ownerId: owner.id });
    member = await currentUser(server.container, owner.email);
    await server.container.services.catalogue.createProduct(member, product({}));
    await server.container.worker.drain();
  });
  afterAll(async () => {
    await server?.close();
    rmSync(indexDir, { recursive: true, force: true });
  });

  const page = async (p: string, locale: Locale = "vi") => {
    const res = await fetch(server.url + p, { headers: { "accept-language": locale } });
    expect(res.status).toBe(200);
    return res.text();
  };
  const notice = (locale: Locale) => html(resources[locale].catalogue.list.degraded);

  it("answers from the database with a notice, keeps index updates in the outbox, and applies them once it is back", async () => {
    const { container } = server;
    const { Job } = container.db.models;
    const teaPage = await page("/products?q=moc+cau");
    expect(teaPage).toContain("/products/tra-moc-cau-tan-cuong");
    expect(teaPage).not.toContain(notice("vi"));

    engine.down = true;

    // The catalogue still answers, from the database, and says so.
    const down = await page("/products?q=moc+cau");
    expect(down).toContain(notice("vi"));
    expect(down).toContain("/products/tra-moc-cau-tan-cuong");
    expect(await page("/products?q=moc+cau", "en")).toContain(notice("en"));
    const api = await fetch(server.url + "/api/v1/products?q=moc+cau");
    expect(api.status).toBe(200);
    expect(await api.json()).toMatchObject({ degraded: true, hits: [{ slug: "tra-moc-cau-tan-cuong" }] });

    // A product saved meanwhile: the save succeeds, its index update waits in the outbox.
    const { id, slug } = await container.services.catalogue.createProduct(
      member,
      product({ sku: "ST-1", nameVi: "Chè Shan tuyết cổ thụ Hà Giang" }),
    );
    // The change's search subscriber (matches hear of it too, through their own job). The matches job runs
    // first and succeeds: it needs only the database.
    const queued = () =>
      Job.findAll({
        where: {
          payload: JSON.stringify({ productId: id }),
          status: ["pending", "running"],
          type: "product.changed>search-index",
        },
      });
    await Job.update(
      { status: "done" },
      { where: { payload: JSON.stringify({ productId: id }), type: "product.changed>matches" } },
    );
    const [job, ...others] = await queued();
    expect(others).toEqual([]);
    // The worker tries, fails, and puts it back for later: not lost, not done.
    await container.worker.runOnce();
    await job!.reload();
    expect(job).toMatchObject({ status: "pending", attempts: 1 });
    expect(job!.lastError).toMatch(/SearchUnavailable/);
    expect(job!.runAt.getTime()).toBeGreaterThan(Date.now());
    // The database already knows it.
    expect(await page("/products?q=shan+tuyet")).toContain(`/products/${slug}`);

    engine.down = false;

    // The engine answers again, without the change: that is still waiting in the outbox.
    const stale = await page("/products?q=shan+tuyet");
    expect(stale).not.toContain(notice("vi"));
    expect(stale).not.toContain(`/products/${slug}`);
    // Its backoff over, the worker applies it.
    await job!.update({ runAt: new Date(Date.now() - 1000) });
    await container.worker.runOnce();
    await job!.reload();
    expect(job!.status).toBe("done");
    const found = await page("/products?q=shan+tuyet");
    expect(found).not.toContain(notice("vi"));
    expect(found).toContain(`/products/${slug}`);
    const after = await fetch(server.url + "/api/v1/products?q=shan+tuyet");
    expect(after.status).toBe(200);
    expect(await after.json()).toMatchObject({ degraded: false, hits: [{ slug }] });
  });
});
