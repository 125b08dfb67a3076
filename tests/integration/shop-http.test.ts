import { afterAll, beforeAll, describe, expect, it } from "vitest";
import viErrors from "../../app/locales/vi/errors.json";
import viOrders from "../../app/locales/vi/orders.json";
import viSales from "../../app/locales/vi/sales.json";
import viShop from "../../app/locales/vi/shop.json";
import { DIALECTS } from "../support/db";
import { checkoutForm, makeCooperative, makeProduct, makeUser, PASSWORD } from "../support/factories";
import { ordersOf, transitions } from "../support/orders";
import { Browserless, startTestServer, type TestServer } from "../support/server";
import { html, interpolate, VND } from "../support/text";

/**
 * The shop's pages spoken to over HTTP the way a browser without JavaScript would: plain form posts, cookies
 * kept, redirects not followed. What the browser test cannot easily show (statuses, cookies, privacy between
 * accounts, many buyers at once, the CSV file) is asserted here.
 */

/** The order codes a file mentions. */
const codesIn = (text: string) => [...new Set(text.match(/HTX-[0-9A-Z]{8}/g) ?? [])].sort();
/** The orders a page links to (the filter's placeholder shows a made-up code, which is not a link). */
const linkedCodes = (page: string) =>
  [...new Set([...page.matchAll(/href="[^"]*\/orders\/(HTX-[0-9A-Z]{8})"/g)].map((m) => m[1]!))].sort();

const TEA = { coop: "HTX Chè Tân Cương", product: "Chè búp Tân Cương 500g", priceVnd: 120_000, stock: 40 };
const NOODLES = { coop: "HTX Miến dong Na Rì", product: "Miến dong Na Rì 1kg", priceVnd: 85_000, stock: 25 };

/** The product page's add-to-cart form, posted without JavaScript (no `stay`, so the answer is the cart). */
function addToCart(b: Browserless, product: { id: number; slug: string }, quantity: number) {
  return b.post("/cart", {
    intent: "add",
    productId: String(product.id),
    slug: product.slug,
    quantity: String(quantity),
  });
}

async function loggedIn(server: TestServer, email: string, redirectTo = "/") {
  const b = new Browserless(server.url, { "accept-language": "vi" });
  const res = await b.post("/login", { email, password: PASSWORD, redirectTo });
  expect(res.status).toBe(302);
  expect(b.has("htx_session")).toBe(true);
  return b;
}

describe("shop pages over HTTP without JavaScript", () => {
  let server: TestServer;
  const ids = { tea: 0, noodles: 0, teaCoop: 0, noodlesCoop: 0 };
  const slugs = { tea: "", noodles: "" };
  const emails = { buyer: "", otherBuyer: "", teaOwner: "", noodlesOwner: "", noodlesMember: "" };

  beforeAll(async () => {
    server = await startTestServer("sqlite");
    const c = server.container;
    const teaOwner = await makeUser(c, { role: "cooperative", fullName: "Lê Thị Minh" });
    const teaCoop = await makeCooperative(c, { name: TEA.coop, ownerId: teaOwner.id });
    const noodlesOwner = await makeUser(c, { role: "cooperative", fullName: "Hoàng Văn Páo" });
    const noodlesCoop = await makeCooperative(c, {
      name: NOODLES.coop,
      ownerId: noodlesOwner.id,
      provinceCode: "19",
      wardCode: "02185",
    });
    const noodlesMember = await makeUser(c, { role: "cooperative", fullName: "Nông Thị Hằng" });
    await c.db.models.CooperativeMember.create({
      userId: noodlesMember.id,
      cooperativeId: noodlesCoop.id,
      role: "member",
    });
    const tea = await makeProduct(c, teaCoop.id, {
      nameVi: TEA.product,
      priceVnd: TEA.priceVnd,
      stock: TEA.stock,
      unit: "goi",
    });
    const noodles = await makeProduct(c, noodlesCoop.id, {
      nameVi: NOODLES.product,
      priceVnd: NOODLES.priceVnd,
      stock: NOODLES.stock,
      unit: "goi",
    });
    Object.assign(ids, {
      tea: tea.id,
      noodles: noodles.id,
      teaCoop: teaCoop.id,
      noodlesCoop: noodlesCoop.id,
    });
    Object.assign(slugs, { tea: tea.slug, noodles: noodles.slug });
    const buyer = await makeUser(c, { fullName: "Trần Thị Mai" });
    const otherBuyer = await makeUser(c, { fullName: "Đỗ Văn Hùng" });
    Object.assign(emails, {
      buyer: buyer.email,
      otherBuyer: otherBuyer.email,
      teaOwner: teaOwner.email,
      noodlesOwner: noodlesOwner.email,
      noodlesMember: noodlesMember.email,
    });
  });
  afterAll(async () => server?.close());

  /** The buyer's session, from the guest cart merged at login on; later steps build on it. */
  let buyer: Browserless | null = null;
  let publicId: string | null = null;
  const codes = { tea: "", noodles: "" };
  let shipped = false;

  const cartLines = async (email: string) => {
    const { User, Cart, CartItem } = server.container.db.models;
    const user = await User.findOne({ where: { email } });
    const cart = await Cart.findOne({ where: { userId: user!.id } });
    if (!cart) return [];
    const items = await CartItem.findAll({ where: { cartId: cart.id }, order: [["productId", "ASC"]] });
    return items.map((i) => ({ productId: i.productId, quantity: i.quantity }));
  };

  it("keeps a guest's cart in a cookie and merges it into the buyer's cart at login", async () => {
    const guest = new Browserless(server.url, { "accept-language": "vi" });
    const add = await addToCart(guest, { id: ids.tea, slug: slugs.tea }, 2);
    // Without JavaScript there is no `stay`: the post lands on the cart.
    expect(add.status).toBe(302);
    expect(add.headers.get("location")).toBe("/cart?done=added");
    expect(add.headers.getSetCookie().some((c) => c.startsWith("htx_cart="))).toBe(true);
    expect(guest.has("htx_cart")).toBe(true);
    expect(guest.has("htx_session")).toBe(false);

    const more = await addToCart(guest, { id: ids.noodles, slug: slugs.noodles }, 1);
    expect(more.status).toBe(302);
    // The second line goes into the same guest cart: one cart, two lines.
    const { Cart, CartItem } = server.container.db.models;
    const guestCarts = await Cart.findAll({ where: { userId: null } });
    expect(guestCarts).toHaveLength(1);
    expect(await CartItem.count({ where: { cartId: guestCarts[0]!.id } })).toBe(2);

    const page = await guest.get("/cart?done=added");
    expect(page.status).toBe(200);
    const body = await page.text();
    expect(body).toContain(viShop.cart.done.added);
    expect(body).toContain(TEA.product);
    expect(body).toContain(NOODLES.product);
    expect(body).toContain(VND.format(2 * TEA.priceVnd));
    expect(body).toContain(VND.format(2 * TEA.priceVnd + NOODLES.priceVnd));
    // The header counts units: two of tea and one of vermicelli.
    expect(body).toContain(interpolate(viShop.header.cart_other, { count: 3 }));
    // Another visitor, without the cookie, has an empty cart.
    expect(await (await fetch(`${server.url}/cart`)).text()).not.toContain(TEA.product);

    const login = await guest.post("/login", {
      email: emails.buyer,
      password: PASSWORD,
      redirectTo: "/cart",
    });
    expect(login.status).toBe(302);
    expect(login.headers.get("location")).toBe("/cart");
    const cleared = login.headers.getSetCookie().find((c) => c.startsWith("htx_cart="));
    expect(cleared).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i);
    expect(guest.has("htx_cart")).toBe(false);
    expect(guest.has("htx_session")).toBe(true);

    expect(await cartLines(emails.buyer)).toEqual(
      [
        { productId: ids.tea, quantity: 2 },
        { productId: ids.noodles, quantity: 1 },
      ].sort((a, b) => a.productId - b.productId),
    );
    expect(await Cart.count({ where: { userId: null } })).toBe(0);
    const after = await (await guest.get("/cart")).text();
    expect(after).toContain(TEA.product);
    expect(after).toContain(NOODLES.product);
    buyer = guest;
  });

  it("refuses more than the stock with the translated message, keeping the cart and the typed quantity", async (ctx) => {
    if (!buyer) return ctx.skip("the buyer has no cart");
    const add = await addToCart(buyer, { id: ids.tea, slug: slugs.tea }, 39);
    expect(add.status).toBe(400);
    const addPage = await add.text();
    // 2 already in the cart + 39 > 40 in stock: the message counts both.
    expect(addPage).toContain(
      html(
        interpolate(viShop.cart.addFailed, {
          message: interpolate(viErrors.not_enough_stock_in_cart, { available: TEA.stock, inCart: 2 }),
        }),
      ),
    );
    expect(addPage).toContain(`href="/products/${slugs.tea}"`);

    const update = await buyer.post("/cart", {
      intent: "update",
      productId: String(ids.tea),
      quantity: "41",
    });
    expect(update.status).toBe(400);
    const updatePage = await update.text();
    const input = updatePage.match(new RegExp(`<input[^>]*id="qty-${ids.tea}"[^>]*>`))?.[0] ?? "";
    expect(input).toContain('value="41"');
    expect(input).toContain('aria-invalid="true"');
    expect(input).toContain(`aria-describedby="qty-${ids.tea}-error"`);
    expect(updatePage).toMatch(
      new RegExp(
        `id="qty-${ids.tea}-error"[^>]*>${interpolate(viErrors.not_enough_stock, { available: TEA.stock })}<`,
      ),
    );
    expect(await cartLines(emails.buyer)).toContainEqual({ productId: ids.tea, quantity: 2 });
  });

  it("sends a guest at the checkout to log in first", async () => {
    const guest = new Browserless(server.url);
    const res = await guest.get("/checkout");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/login?redirectTo=%2Fcheckout");
    const post = await guest.post("/checkout?index", checkoutForm());
    expect(post.status).toBe(302);
    expect(post.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
    expect(await server.container.db.models.Checkout.count()).toBe(0);
  });

  it("answers a bad phone with 400 beside the field, then places one order per cooperative", async (ctx) => {
    if (!buyer) return ctx.skip("the buyer has no cart");
    const address = "Xóm Đồng Tâm, xã Hùng Sơn <gần chợ>";
    const bad = await buyer.post(
      "/checkout?index",
      checkoutForm({ phone: "12345", address, note: "Gọi trước khi giao" }),
    );
    expect(bad.status).toBe(400);
    const page = await bad.text();
    expect(page).toMatch(new RegExp(`id="phone-error"[^>]*>${viErrors.phone.replace(/[()]/g, "\\$&")}<`));
    const phone = page.match(/<input[^>]*id="phone"[^>]*>/)?.[0] ?? "";
    expect(phone).toContain('aria-invalid="true"');
    expect(phone).toContain('value="12345"');
    // What the buyer typed comes back (escaped), so nothing has to be typed twice.
    expect(page.match(/<input[^>]*id="address"[^>]*>/)?.[0]).toContain(`value="${html(address)}"`);
    expect(page).toContain(">Gọi trước khi giao</textarea>");
    expect(page.match(/<input[^>]*id="contactName"[^>]*>/)?.[0]).toContain('value="Trần Thị Mai"');
    expect(await server.container.db.models.Order.count()).toBe(0);

    const good = await buyer.post("/checkout?index", checkoutForm({ address }));
    expect(good.status).toBe(302);
    const location = good.headers.get("location") ?? "";
    expect(location).toMatch(/^\/checkout\/[\w-]+$/);
    publicId = location.split("/")[2]!;

    const { checkout, orders } = await ordersOf(server.container, publicId);
    expect(checkout).toMatchObject({
      address,
      provinceCode: "19",
      wardCode: "05503",
      paymentMethod: "cod",
      totalVnd: 2 * TEA.priceVnd + NOODLES.priceVnd,
    });
    expect(orders.map((o) => [o.cooperativeId, o.status, o.subtotalVnd])).toEqual(
      [
        [ids.teaCoop, "placed", 2 * TEA.priceVnd],
        [ids.noodlesCoop, "placed", NOODLES.priceVnd],
      ].sort((a, b) => (a[0] as number) - (b[0] as number)),
    );
    codes.tea = orders.find((o) => o.cooperativeId === ids.teaCoop)!.code;
    codes.noodles = orders.find((o) => o.cooperativeId === ids.noodlesCoop)!.code;
    expect(await cartLines(emails.buyer)).toEqual([]);

    const confirmation = await (await buyer.get(location)).text();
    expect(confirmation).toContain(viShop.confirmation.heading);
    expect(linkedCodes(confirmation)).toEqual([codes.tea, codes.noodles].sort());
  });

  it("keeps orders private: other buyers and other cooperatives are told they do not exist", async (ctx) => {
    if (!publicId) return ctx.skip("no order was placed");
    const mine = await buyer!.get(`/orders/${codes.tea}`);
    expect(mine.status).toBe(200);
    expect(await mine.text()).toContain("Xóm Đồng Tâm");

    const other = await loggedIn(server, emails.otherBuyer);
    for (const path of [`/orders/${codes.tea}`, `/checkout/${publicId}`]) {
      const res = await other.get(path);
      expect(res.status, path).toBe(404);
      const body = await res.text();
      expect(body).not.toContain("Xóm Đồng Tâm");
      expect(body).not.toContain("Trần Thị Mai");
    }
    const list = await (await other.get("/orders")).text();
    expect(linkedCodes(list)).toEqual([]);
    // A buyer is not a cooperative member: the sales page is forbidden outright.
    expect((await other.get(`/cooperative/orders/${codes.tea}`)).status).toBe(403);

    const noodlesMember = await loggedIn(server, emails.noodlesMember);
    const foreign = await noodlesMember.get(`/cooperative/orders/${codes.tea}`);
    expect(foreign.status).toBe(404);
    expect(await foreign.text()).toContain(viErrors.order_not_found);
    // Nor can it act on that order.
    const act = await noodlesMember.post(`/cooperative/orders/${codes.tea}`, { intent: "confirm" });
    expect(act.status).toBe(404);
    expect((await server.container.db.models.Order.findOne({ where: { code: codes.tea } }))!.status).toBe(
      "placed",
    );
    // Its own cooperative's order it may see, as a member.
    expect((await noodlesMember.get(`/cooperative/orders/${codes.noodles}`)).status).toBe(200);
    expect(linkedCodes(await (await noodlesMember.get("/cooperative/orders")).text())).toEqual([
      codes.noodles,
    ]);

    const guest = new Browserless(server.url);
    for (const path of [`/orders/${codes.tea}`, `/cooperative/orders/${codes.tea}`]) {
      const res = await guest.get(path);
      expect(res.status, path).toBe(302);
      expect(res.headers.get("location")).toBe(`/login?redirectTo=${encodeURIComponent(path)}`);
    }
  });

  it("refuses to ship without a tracking number, keeping the carrier, then ships", async (ctx) => {
    if (!publicId) return ctx.skip("no order was placed");
    const owner = await loggedIn(server, emails.teaOwner);
    const path = `/cooperative/orders/${codes.tea}`;
    const confirm = await owner.post(path, { intent: "confirm" });
    expect(confirm.status).toBe(302);
    expect(confirm.headers.get("location")).toBe(`${path}?done=confirm`);

    const carrier = "Giao Hàng Tiết Kiệm (GHTK)";
    const bad = await owner.post(path, { intent: "ship", carrier, trackingNumber: "  " });
    expect(bad.status).toBe(400);
    const page = await bad.text();
    expect(page).toMatch(new RegExp(`id="trackingNumber-error"[^>]*>${viErrors.required}<`));
    expect(page.match(/<input[^>]*id="trackingNumber"[^>]*>/)?.[0]).toContain('aria-invalid="true"');
    expect(page.match(/<input[^>]*id="carrier"[^>]*>/)?.[0]).toContain(`value="${carrier}"`);
    expect(page).not.toContain(viSales.detail.done.ship);
    const order = server.container.db.models.Order;
    expect(await order.findOne({ where: { code: codes.tea } })).toMatchObject({
      status: "confirmed",
      trackingNumber: null,
    });

    const good = await owner.post(path, { intent: "ship", carrier, trackingNumber: "S22843.SG01.A7" });
    expect(good.status).toBe(302);
    expect(good.headers.get("location")).toBe(`${path}?done=ship`);
    const shippedOrder = await order.findOne({ where: { code: codes.tea } });
    expect(shippedOrder).toMatchObject({ status: "shipped", carrier, trackingNumber: "S22843.SG01.A7" });
    expect(await transitions(server.container, shippedOrder!.id)).toEqual([
      "∅→placed by buyer",
      "placed→confirmed by cooperative",
      "confirmed→shipped by cooperative",
    ]);
    const done = await (await owner.get(good.headers.get("location")!)).text();
    expect(done).toContain(viSales.detail.done.ship);
    shipped = true;
  });

  it("exports the cooperative's own orders as a UTF-8 CSV with a BOM", async (ctx) => {
    if (!shipped) return ctx.skip("the tea order was not shipped");
    const owner = await loggedIn(server, emails.teaOwner);
    const res = await owner.get("/cooperative/orders.csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(
      /^attachment; filename="don-hang-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // Response.text() would drop the BOM; decode keeping it, and strictly (bad UTF-8 throws).
    const text = new TextDecoder("utf-8", { ignoreBOM: true, fatal: true }).decode(bytes);
    expect(text.startsWith(`\uFEFF${viSales.csv.orders.code},${viSales.csv.orders.createdAt},`)).toBe(true);
    const lines = text.slice(1).split("\r\n").filter(Boolean);
    expect(lines).toHaveLength(2);
    expect(codesIn(text)).toEqual([codes.tea]);
    expect(text).not.toContain(NOODLES.product);
    const row = lines[1]!;
    for (const cell of [
      codes.tea,
      viOrders.status.shipped,
      viOrders.paymentMethod.cod,
      "Trần Thị Mai",
      "Xã Tân Cương",
      "Thái Nguyên",
      TEA.product,
      "gói",
      String(TEA.priceVnd),
      String(2 * TEA.priceVnd),
      "Giao Hàng Tiết Kiệm (GHTK)",
    ])
      expect(row).toContain(cell);

    // The other cooperative's file holds only its order.
    const noodles = await loggedIn(server, emails.noodlesOwner);
    const theirs = await (await noodles.get("/cooperative/orders.csv")).text();
    expect(codesIn(theirs)).toEqual([codes.noodles]);
    // A buyer gets no file.
    expect((await buyer!.get("/cooperative/orders.csv")).status).toBe(403);
  });
});

describe.each(DIALECTS)("checkout under load over HTTP on %s", (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(async () => server?.close());

  it("sells exactly the 10 units in stock when 50 logged-in buyers check out at once", async () => {
    const c = server.container;
    const owner = await makeUser(c, { role: "cooperative" });
    const coop = await makeCooperative(c, { name: "HTX Chè Shan tuyết Suối Giàng", ownerId: owner.id });
    const name = "Chè Shan tuyết cổ thụ Suối Giàng 200g";
    const product = await makeProduct(c, coop.id, { nameVi: name, stock: 10, priceVnd: 350_000 });

    const users = [];
    for (let i = 0; i < 50; i++) users.push(await makeUser(c, { fullName: `Người mua ${i + 1}` }));
    const buyers = await Promise.all(users.map((u) => loggedIn(server, u.email)));
    const added = await Promise.all(buyers.map((b) => addToCart(b, product, 1)));
    expect(added.map((r) => r.status)).toEqual(Array(50).fill(302));

    const answers = await Promise.all(buyers.map((b) => b.post("/checkout?index", checkoutForm())));

    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 302)).toHaveLength(10);
    expect(statuses.filter((s) => s === 409)).toHaveLength(40);
    for (const r of answers.filter((a) => a.status === 302))
      expect(r.headers.get("location")).toMatch(/^\/checkout\/[\w-]+$/);
    const message = interpolate(viErrors.insufficient_stock, { product: name, available: 0 });
    const pages = await Promise.all(answers.filter((a) => a.status === 409).map((r) => r.text()));
    for (const page of pages) expect(page).toContain(message);

    expect((await c.db.models.Product.findByPk(product.id))!.stock).toBe(0);
    expect(await c.db.models.Order.count({ where: { cooperativeId: coop.id } })).toBe(10);
    expect(await c.db.models.Checkout.count()).toBe(10);
    expect(await c.db.models.OrderItem.sum("quantity", { where: { productId: product.id } })).toBe(10);
  });
});
