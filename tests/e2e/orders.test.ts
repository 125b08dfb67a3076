import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import viAuth from "../../app/locales/vi/auth.json";
import viCatalogue from "../../app/locales/vi/catalogue.json";
import viCommon from "../../app/locales/vi/common.json";
import viErrors from "../../app/locales/vi/errors.json";
import viGeo from "../../app/locales/vi/geo.json";
import viOrders from "../../app/locales/vi/orders.json";
import viSales from "../../app/locales/vi/sales.json";
import viShop from "../../app/locales/vi/shop.json";
import { makeCooperative, makeProduct, makeUser, PASSWORD } from "../support/factories";
import { startTestServer, type TestServer } from "../support/server";
import {
  chooseWard,
  field,
  openAccountMenu,
  openWorkspace,
  launchBrowser,
  newVietnameseContext,
  step,
  textOf,
  waitForHeading,
  waitForHydration,
  waitForStatus,
  watchPage,
  type PageProblem,
} from "./browser";
import { interpolate, plain, vnd } from "../support/text";

/**
 * The orders feature clicked through in a real Chromium, in Vietnamese: a guest fills a cart from two
 * cooperatives, logs in at checkout (the cart follows), places one checkout that becomes two orders, each
 * cooperative confirms and ships its own, and the buyer follows the order to "on its way".
 */

const TEA = {
  coop: "HTX Chè Tân Cương",
  owner: "Lê Thị Minh",
  product: "Chè búp Tân Cương 500g",
  priceVnd: 120_000,
  quantity: 2,
  carrier: "Giao Hàng Tiết Kiệm (GHTK)",
  tracking: "S22843.SG01.A7.123456789",
};
const NOODLES = {
  coop: "HTX Miến dong Na Rì",
  owner: "Hoàng Văn Páo",
  product: "Miến dong Na Rì 1kg",
  priceVnd: 85_000,
  quantity: 3,
  carrier: "Viettel Post",
  tracking: "VTP1712345678",
};
type Seller = typeof TEA;

const BUYER = {
  fullName: "Phạm Thị Lan",
  badPhone: "12345",
  phone: "0912 345 678",
  email: `lan.${Date.now()}@example.vn`,
  province: "Hà Nội",
  provinceCode: "01",
  // The former Dịch Vọng ward lies in Phường Cầu Giấy since 1 July 2025.
  ward: interpolate(viGeo.wardKind.phuong, { name: "Cầu Giấy" }),
  wardCode: "00166",
  address: "Số 8 ngõ 45 đường Trần Thái Tông",
  note: "Giao giờ hành chính giúp em.",
};

async function selectedText(select: Locator) {
  return select.evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.textContent?.trim() ?? "");
}

/** The header's cart link says how many products (lines) the cart holds. */
async function cartLabel(page: Page) {
  return page.locator("header.site-header a.cart-link").getAttribute("aria-label");
}
const cartSays = (count: number) => interpolate(viShop.header.cart_other, { count });

/** A failed form post that the test provokes on purpose: the data request and Chromium's console line. */
function rejected(pathname: string, status: number) {
  return (p: PageProblem) =>
    (p.kind === "http" &&
      p.text.startsWith(`POST `) &&
      p.text.endsWith(`→ ${status}`) &&
      new URL(p.text.split(" ")[1]!).pathname === pathname) ||
    (p.kind === "console" && p.text.includes(`status of ${status}`) && p.text.includes(`${pathname}?`));
}

async function logIn(page: Page, email: string) {
  await (await openAccountMenu(page)).getByRole("link", { name: viCommon.nav.login, exact: true }).click();
  await page.waitForURL((url) => url.pathname === "/login");
  await waitForHeading(page, viAuth.login.title);
  const form = page.locator("main form");
  await field(form, viAuth.fields.email).fill(email);
  await field(form, viAuth.fields.password).fill(PASSWORD);
  await form.getByRole("button", { name: viAuth.login.submit, exact: true }).click();
}

describe("orders in the browser", () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const slugs: Record<string, string> = {};
  const ownerEmails: Record<string, string> = {};
  let buyerEmail: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    const c = server.container;
    for (const [seller, place, stock] of [
      [TEA, { provinceCode: "19", wardCode: "05503" }, 40],
      [NOODLES, { provinceCode: "19", wardCode: "02185" }, 25],
    ] as const) {
      const owner = await makeUser(c, { role: "cooperative", fullName: seller.owner });
      ownerEmails[seller.coop] = owner.email;
      const coop = await makeCooperative(c, { name: seller.coop, ownerId: owner.id, ...place });
      const product = await makeProduct(c, coop.id, {
        nameVi: seller.product,
        priceVnd: seller.priceVnd,
        stock,
        unit: "goi",
      });
      slugs[seller.coop] = product.slug;
      // A second product each, so a cooperative's page is not all the catalogue holds.
      await makeProduct(c, coop.id, { nameVi: `${seller.product} (hộp quà)`, priceVnd: seller.priceVnd * 3 });
    }
    const buyer = await makeUser(c, { fullName: BUYER.fullName, email: BUYER.email });
    buyerEmail = buyer.email;
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await server?.close();
  });

  // Later steps build on earlier ones: when one fails, the next ones are skipped rather than failing twice.
  let buyerPage: Page;
  let buyerProblems: PageProblem[];
  const codes: Record<string, string> = {};
  let atCheckout = false;
  let placed = false;
  const shipped: string[] = [];

  it("lets a guest fill a cart from two cooperatives, log in at checkout and keep the cart", async () => {
    const context = await newVietnameseContext(browser, server.url);
    contexts.push(context);
    buyerPage = await context.newPage();
    const page = buyerPage;
    buyerProblems = watchPage(page, [rejected("/checkout", 400)]);

    await step(page, "guest-cart", async () => {
      let inCart = 0;
      for (const seller of [TEA, NOODLES]) {
        await page.goto(`/products/${slugs[seller.coop]}`);
        await waitForHydration(page);
        await waitForHeading(page, seller.product);
        expect(await cartLabel(page)).toBe(cartSays(inCart));

        const form = page.locator("form.cart-add");
        const quantity = field(form, interpolate(viShop.add.quantity, { unit: viCatalogue.unit.goi }));
        await quantity.fill(String(seller.quantity));
        const answered = page.waitForResponse(
          (r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/cart",
        );
        await form.getByRole("button", { name: viShop.add.submit, exact: true }).click();
        // With JavaScript the fetcher answers in place: the buyer stays on the product page.
        expect((await answered).status()).toBe(200);
        const status = form.getByRole("status");
        expect(plain(await textOf(status))).toBe(
          `${interpolate(viShop.add.added, { name: seller.product })} ${viShop.add.viewCart}`,
        );
        expect(new URL(page.url()).pathname).toBe(`/products/${slugs[seller.coop]}`);
        inCart += seller.quantity;
        // The root loader is revalidated after the fetcher: the header counts the units added.
        await expect.poll(() => cartLabel(page)).toBe(cartSays(inCart));
        expect(await textOf(page.locator("header.site-header .cart-count"))).toBe(String(inCart));
      }

      await page
        .locator("form.cart-add")
        .getByRole("link", { name: viShop.add.viewCart, exact: true })
        .click();
      await page.waitForURL((url) => url.pathname === "/cart");
      await waitForHeading(page, viShop.cart.title);

      const groups = page.locator("section.cart-group");
      await expect.poll(() => groups.count()).toBe(2);
      for (const seller of [TEA, NOODLES]) {
        const group = groups.filter({ has: page.getByRole("heading", { level: 2, name: seller.coop }) });
        expect(await group.count()).toBe(1);
        expect(await textOf(group.locator(".cart-line-name"))).toBe(seller.product);
        expect(await group.getByRole("spinbutton").inputValue()).toBe(String(seller.quantity));
        expect(plain(await textOf(group.locator(".cart-subtotal strong")))).toBe(
          vnd(seller.priceVnd * seller.quantity),
        );
      }
      // The formatting the buyer reads, spelled out once.
      expect(vnd(TEA.priceVnd * TEA.quantity)).toBe("240.000 ₫");
      const total = TEA.priceVnd * TEA.quantity + NOODLES.priceVnd * NOODLES.quantity;
      expect(plain(await textOf(page.locator(".cart-summary .cart-total")))).toBe(vnd(total));
      expect(vnd(total)).toBe("495.000 ₫");
      expect(await textOf(page.getByText(viShop.cart.signInNote, { exact: true }))).toBe(
        viShop.cart.signInNote,
      );

      // A guest who goes on to checkout is asked to log in first, and comes back to the checkout.
      await page.getByRole("link", { name: viShop.cart.checkout, exact: true }).click();
      await page.waitForURL(
        (url) => url.pathname === "/login" && url.searchParams.get("redirectTo") === "/checkout",
      );
      await waitForHeading(page, viAuth.checkoutGate.title);
      // The gate offers signing in and signing up side by side; this buyer has an account.
      const login = page
        .getByRole("region", { name: viAuth.checkoutGate.signIn, exact: true })
        .locator("form");
      await field(login, viAuth.fields.email).fill(buyerEmail);
      await field(login, viAuth.fields.password).fill(PASSWORD);
      await login.getByRole("button", { name: viAuth.login.submit, exact: true }).click();
      await page.waitForURL((url) => url.pathname === "/checkout");
      await waitForHeading(page, viShop.checkout.title);

      // The guest's cart became the buyer's: both lines, both cooperatives.
      const summary = page.locator("aside.checkout-summary");
      await expect.poll(() => summary.locator("section.checkout-summary-group").count()).toBe(2);
      const lines = (await summary.locator(".checkout-summary-lines li").allInnerTexts()).map(plain);
      expect(lines).toHaveLength(2);
      expect(lines.some((l) => l.startsWith(`${TEA.product} × 2 gói`))).toBe(true);
      expect(lines.some((l) => l.startsWith(`${NOODLES.product} × 3 gói`))).toBe(true);
      expect(plain(await textOf(summary.locator(".checkout-summary-total strong")))).toBe(vnd(total));
      expect(await cartLabel(page)).toBe(cartSays(TEA.quantity + NOODLES.quantity));
    });

    // In the database: no guest cart left, the buyer's cart holds both lines.
    const { Cart, CartItem } = server.container.db.models;
    const carts = await Cart.findAll();
    expect(carts).toHaveLength(1);
    const buyer = await server.container.db.models.User.findOne({ where: { email: buyerEmail } });
    expect(carts[0]!.userId).toBe(buyer!.id);
    expect(
      (await CartItem.findAll({ where: { cartId: carts[0]!.id } })).map((i) => i.quantity).sort(),
    ).toEqual([2, 3]);
    expect(buyerProblems).toEqual([]);
    atCheckout = true;
  });

  it("refuses a bad phone beside the field, keeps what was typed, then places one order per cooperative", async (ctx) => {
    if (!atCheckout) return ctx.skip("the buyer did not reach the checkout");
    const page = buyerPage;

    await step(page, "checkout", async () => {
      const form = page.locator("main form.checkout-form");
      const name = field(form, viShop.checkout.contactName);
      // The account's name is offered; the buyer keeps it.
      expect(await name.inputValue()).toBe(BUYER.fullName);
      const phone = field(form, viAuth.fields.phone);
      await phone.fill(BUYER.badPhone);
      const email = field(form, viAuth.fields.email);
      expect(await email.inputValue()).toBe(buyerEmail);
      const ward = await chooseWard(form, { province: BUYER.province, ward: BUYER.ward });
      const address = field(form, viShop.checkout.address);
      await address.fill(BUYER.address);
      await field(form, viShop.checkout.note).fill(BUYER.note);
      const cod = form.getByRole("radio", {
        name: new RegExp(`^${viOrders.paymentMethod.cod.replace(/[()]/g, "\\$&")}`),
      });
      await cod.check();

      const submit = form.getByRole("button", { name: viShop.checkout.submit, exact: true });
      const refused = page.waitForResponse(
        (r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/checkout",
      );
      await submit.click();
      expect((await refused).status()).toBe(400);

      const message = form.locator("#phone-error");
      expect(await textOf(message)).toBe(viErrors.phone);
      expect(await phone.getAttribute("aria-invalid")).toBe("true");
      expect((await phone.getAttribute("aria-describedby"))?.split(" ")).toContain("phone-error");
      expect(await form.locator("[aria-invalid='true']").count()).toBe(1);
      expect(await textOf(form.locator(".form-error"))).toBe(
        interpolate(viErrors.form_has_errors_other, { count: 1 }),
      );
      // Everything else is as the buyer left it.
      expect(new URL(page.url()).pathname).toBe("/checkout");
      expect(await phone.inputValue()).toBe(BUYER.badPhone);
      expect(await name.inputValue()).toBe(BUYER.fullName);
      expect(await address.inputValue()).toBe(BUYER.address);
      expect(await selectedText(field(form, viGeo.province))).toBe(BUYER.province);
      expect(await selectedText(ward)).toBe(BUYER.ward);
      expect(await field(form, viShop.checkout.note).inputValue()).toBe(BUYER.note);
      expect(await cod.isChecked()).toBe(true);
      expect(await server.container.db.models.Order.count()).toBe(0);

      await phone.fill(BUYER.phone);
      await submit.click();
      await page.waitForURL((url) => /^\/checkout\/[\w-]+$/.test(url.pathname));
      await waitForHeading(page, viShop.confirmation.heading);
      expect(await textOf(page.locator("main p.lead"))).toBe(viShop.confirmation.lead.placed_cod);

      const orders = page.locator("li.confirmation-order");
      await expect.poll(() => orders.count()).toBe(2);
      for (const seller of [TEA, NOODLES]) {
        const order = orders.filter({ has: page.getByRole("link", { name: seller.coop, exact: true }) });
        expect(await order.count()).toBe(1);
        expect(await textOf(order.locator(".order-status"))).toBe(viOrders.status.placed);
        expect(plain(await textOf(order.locator(".shop-order-total strong")))).toBe(
          vnd(seller.priceVnd * seller.quantity),
        );
        const code = await textOf(order.locator("h3 .shop-order-code"));
        expect(code).toMatch(/^HTX-[0-9A-Z]{8}$/);
        codes[seller.coop] = code;
      }
      expect(codes[TEA.coop]).not.toBe(codes[NOODLES.coop]);
      // The cart was spent on the order.
      await expect.poll(() => cartLabel(page)).toBe(cartSays(0));
    });

    const { Order, Checkout, Product } = server.container.db.models;
    const publicId = new URL(page.url()).pathname.split("/")[2];
    const checkout = await Checkout.findOne({ where: { publicId } });
    expect(checkout).toMatchObject({
      phone: "0912345678",
      provinceCode: BUYER.provinceCode,
      wardCode: BUYER.wardCode,
      address: BUYER.address,
      note: BUYER.note,
      paymentMethod: "cod",
      totalVnd: 495_000,
    });
    const orders = await Order.findAll({ where: { checkoutId: checkout!.id } });
    expect(orders.map((o) => o.code).sort()).toEqual(Object.values(codes).sort());
    expect(orders.every((o) => o.status === "placed")).toBe(true);
    expect((await Product.findOne({ where: { slug: slugs[TEA.coop] } }))!.stock).toBe(40 - TEA.quantity);
    expect((await Product.findOne({ where: { slug: slugs[NOODLES.coop] } }))!.stock).toBe(
      25 - NOODLES.quantity,
    );
    expect(buyerProblems).toEqual([]);
    placed = true;
  });

  /** One owner, in a fresh browser: finds only its own order, confirms it and ships it. */
  async function fulfil(seller: Seller, other: Seller) {
    const context = await newVietnameseContext(browser, server.url);
    contexts.push(context);
    const page = await context.newPage();
    const problems = watchPage(page);
    const code = codes[seller.coop]!;

    await step(page, `fulfil-${code}`, async () => {
      await page.goto("/");
      await waitForHydration(page);
      await logIn(page, ownerEmails[seller.coop]!);
      await page.waitForURL((url) => url.pathname === "/");
      await openWorkspace(page, viCommon.nav.myCooperative, viShop.header.cooperativeOrders);
      await page.waitForURL((url) => url.pathname === "/cooperative/orders");
      await waitForHeading(page, viSales.list.title);

      const rows = page.locator("table.sales-table tbody tr");
      await expect.poll(() => rows.count()).toBe(1);
      expect(await textOf(rows.locator(".sales-code"))).toBe(code);
      expect(await textOf(rows.locator(".order-status"))).toBe(viOrders.status.placed);
      expect(plain(await textOf(rows.locator("td.numeric").last()))).toBe(
        vnd(seller.priceVnd * seller.quantity),
      );
      // The other cooperative's order is not here, not even by name.
      expect(await page.getByText(codes[other.coop]!).count()).toBe(0);
      expect(await page.getByText(other.product).count()).toBe(0);

      await rows.getByRole("link", { name: code, exact: true }).click();
      await page.waitForURL((url) => url.pathname === `/cooperative/orders/${code}`);
      await waitForHeading(page, interpolate(viSales.detail.title, { code }));
      const badge = page.locator(".sales-order-meta .order-status");
      expect(await textOf(badge)).toBe(viOrders.status.placed);
      const items = page.getByRole("table", { name: viOrders.items.caption, exact: true });
      expect(await textOf(items.locator("tbody th"))).toContain(seller.product);
      expect(plain(await textOf(items.locator("tfoot tr").last().locator("td")))).toBe(
        vnd(seller.priceVnd * seller.quantity),
      );

      await page.getByRole("button", { name: viSales.action.confirm.submit, exact: true }).click();
      await page.waitForURL(
        (url) => url.pathname === `/cooperative/orders/${code}` && url.searchParams.get("done") === "confirm",
      );
      await waitForStatus(page, viSales.detail.done.confirm);
      expect(await textOf(badge)).toBe(viOrders.status.confirmed);

      const ship = page.getByRole("form", { name: viSales.action.ship.title, exact: true });
      await field(ship, viSales.action.ship.carrier).fill(seller.carrier);
      await field(ship, viSales.action.ship.trackingNumber).fill(seller.tracking);
      await ship.getByRole("button", { name: viSales.action.ship.submit, exact: true }).click();
      await page.waitForURL(
        (url) => url.pathname === `/cooperative/orders/${code}` && url.searchParams.get("done") === "ship",
      );
      await waitForStatus(page, viSales.detail.done.ship);
      expect(await textOf(badge)).toBe(viOrders.status.shipped);
      const shipping = page.getByRole("region", { name: viSales.detail.shipping.title, exact: true });
      expect(await textOf(shipping.locator("dd").first())).toBe(seller.carrier);
      expect(await textOf(shipping.locator("dd code"))).toBe(seller.tracking);
    });

    const order = await server.container.db.models.Order.findOne({ where: { code } });
    expect(order).toMatchObject({
      status: "shipped",
      carrier: seller.carrier,
      trackingNumber: seller.tracking,
    });
    expect(problems).toEqual([]);
    shipped.push(code);
  }

  it("lets the tea cooperative's owner see only its order, confirm it and ship it", async (ctx) => {
    if (!placed) return ctx.skip("the order was not placed");
    await fulfil(TEA, NOODLES);
  });

  it("lets the noodle cooperative's owner do the same with its own order", async (ctx) => {
    if (!placed) return ctx.skip("the order was not placed");
    await fulfil(NOODLES, TEA);
  });

  it("shows the buyer each order on its way, with the timeline and the tracking number", async (ctx) => {
    if (shipped.length !== 2) return ctx.skip("the cooperatives did not ship both orders");
    const page = buyerPage;

    await step(page, "buyer-follows", async () => {
      await (
        await openAccountMenu(page)
      )
        .getByRole("link", { name: viShop.header.myOrders, exact: true })
        .click();
      await page.waitForURL((url) => url.pathname === "/orders");
      await waitForHeading(page, viShop.orders.title);
      const rows = page.locator("li.shop-order-row");
      await expect.poll(() => rows.count()).toBe(2);
      expect((await rows.locator(".order-status").allInnerTexts()).map((s) => s.trim())).toEqual([
        viOrders.status.shipped,
        viOrders.status.shipped,
      ]);

      for (const seller of [TEA, NOODLES]) {
        const code = codes[seller.coop]!;
        if (new URL(page.url()).pathname !== "/orders") {
          await (
            await openAccountMenu(page)
          )
            .getByRole("link", { name: viShop.header.myOrders, exact: true })
            .click();
          await page.waitForURL((url) => url.pathname === "/orders");
          await expect.poll(() => rows.count()).toBe(2);
        }
        await rows.getByRole("link", { name: code, exact: true }).click();
        await page.waitForURL((url) => url.pathname === `/orders/${code}`);
        await page.locator("h1 .shop-order-code", { hasText: code }).waitFor();
        expect(await textOf(page.locator(".shop-order-title .order-status"))).toBe(viOrders.status.shipped);

        const items = page.getByRole("table", { name: viOrders.items.caption, exact: true });
        const row = plain(await textOf(items.locator("tbody tr")));
        for (const part of [
          seller.product,
          vnd(seller.priceVnd),
          `${seller.quantity} ${viCatalogue.unit.goi}`,
          vnd(seller.priceVnd * seller.quantity),
        ])
          expect(row).toContain(part);

        const timeline = page.getByRole("region", { name: viShop.detail.timeline, exact: true });
        const steps = timeline.locator("li.order-timeline-step");
        expect((await steps.locator(".order-timeline-status").allInnerTexts()).map((s) => s.trim())).toEqual([
          viOrders.status.placed,
          viOrders.status.confirmed,
          viOrders.status.shipped,
        ]);
        const who = (await steps.locator("p.muted").allInnerTexts()).map((s) => plain(s).split(" · ")[1]);
        expect(who).toEqual([
          `${viOrders.actor.buyer} (${BUYER.fullName})`,
          `${viOrders.actor.cooperative} (${seller.owner})`,
          `${viOrders.actor.cooperative} (${seller.owner})`,
        ]);

        const shipping = page.getByRole("region", { name: viShop.detail.shipping, exact: true });
        const facts = (await shipping.locator("dt, dd").allInnerTexts()).map((s) => s.trim());
        expect(facts).toEqual([
          viShop.detail.carrier,
          seller.carrier,
          viShop.detail.tracking,
          seller.tracking,
        ]);
        const delivery = await textOf(page.locator("address.shop-order-address"));
        expect(delivery).toContain(BUYER.address);
        expect(delivery).toContain(`${BUYER.ward}, `);
        // Shipped orders are no longer the buyer's to cancel.
        expect(await page.getByRole("region", { name: viShop.detail.cancelTitle, exact: true }).count()).toBe(
          0,
        );
      }
    });

    expect(buyerProblems).toEqual([]);
  });
});
