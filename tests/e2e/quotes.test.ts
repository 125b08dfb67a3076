import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import viAuth from "../../app/locales/vi/auth.json";
import viCatalogue from "../../app/locales/vi/catalogue.json";
import viCommon from "../../app/locales/vi/common.json";
import viErrors from "../../app/locales/vi/errors.json";
import viOrders from "../../app/locales/vi/orders.json";
import viQuotes from "../../app/locales/vi/quotes.json";
import viShop from "../../app/locales/vi/shop.json";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../seeds";
import { startTestServer, type TestServer } from "../support/server";
import { escapeRegExp, interpolate, plain, vnd } from "../support/text";
import {
  badgeIn,
  field,
  launchBrowser,
  openAccountMenu,
  openWorkspace,
  step,
  textOf,
  waitForHeading,
  waitForHydration,
  waitForStatus,
  waitUntilQuiet,
  watchPage,
  watchTraffic,
  type PageProblem,
} from "./browser";

/**
 * A business buyer needs 300 kg, more than the product page sells at its list price: they ask the cooperative
 * for a quote (logging in on the way), the cooperative answers with a unit price, and the buyer orders at that
 * price and checks out. The product page shows its volume prices, too.
 */
describe("a quote from request to order", () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let product = { id: 0, slug: "", name: "", cooperative: "", unit: "" };
  const MESSAGE = "Cần 300 đơn vị đóng gói theo lô cho chuỗi cửa hàng ở Hà Nội, giao trong tháng.";
  let answered = false;
  let ordered = false;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer("sqlite", {}, { demo: true }), launchBrowser()]);
    const { models } = server.container.db;
    const owner = await models.User.findOne({ where: { email: DEMO_ACCOUNTS.cooperative.email } });
    const membership = await models.CooperativeMember.findOne({ where: { userId: owner!.id } });
    const found = await models.Product.findOne({
      where: { cooperativeId: membership!.cooperativeId, status: "active" },
      order: [["id", "DESC"]],
    });
    const cooperative = await models.Cooperative.findByPk(membership!.cooperativeId);
    await found!.update({ stock: 1000, minOrderQty: 1, priceVnd: 100_000 });
    // Volume prices as the product form would have saved them.
    await models.ProductPriceTier.bulkCreate([
      { productId: found!.id, minQty: 50, priceVnd: 90_000 },
      { productId: found!.id, minQty: 200, priceVnd: 85_000 },
    ]);
    product = {
      id: found!.id,
      slug: found!.slug,
      name: found!.nameVi,
      cooperative: cooperative!.name,
      unit: (viCatalogue.unit as Record<string, string>)[found!.unit]!,
    };
  });

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.close();
  });

  async function visitor(allow: Array<(p: PageProblem) => boolean> = []) {
    const context = await browser.newContext({ baseURL: server.url, locale: "vi-VN" });
    context.setDefaultTimeout(15_000);
    contexts.push(context);
    const page = await context.newPage();
    const problems = watchPage(page, allow);
    watchTraffic(page);
    return { page, problems };
  }

  async function logInHere(page: Page, email: string) {
    const form = page.locator("main form");
    await field(form, viAuth.fields.email).fill(email);
    await field(form, viAuth.fields.password).fill(DEMO_PASSWORD);
    await form.getByRole("button", { name: viAuth.login.submit, exact: true }).click();
  }

  /** The quote section of a product page, opened as a visitor opens it. */
  async function quoteSection(page: Page) {
    const section = page.locator("details#quote");
    if (!(await section.evaluate((d) => (d as HTMLDetailsElement).open)))
      await section.locator("summary").click();
    return section;
  }

  const refused = (p: PageProblem) =>
    (p.kind === "http" && / → 400$/.test(p.text)) ||
    (p.kind === "console" && p.text.includes("status of 400"));

  it("lets a guest log in on the way and send a quote request, after fixing what was refused", async () => {
    const { page, problems } = await visitor([refused]);
    await step(page, "quote-request", async () => {
      await page.goto(`/products/${product.slug}`);
      await waitForHydration(page);
      // The volume prices, from the minimum order at the list price.
      const tiers = page.getByRole("table", {
        name: interpolate(viCatalogue.tiers.caption, { unit: product.unit }),
      });
      const rows = await tiers.locator("tbody tr").allInnerTexts();
      expect(rows.map(plain)).toEqual([
        plain(
          `${interpolate(viCatalogue.tiers.range, { from: 1, to: 49, unit: product.unit })}\t${vnd(100_000)} ${interpolate(viCatalogue.perUnit, { unit: product.unit })}`,
        ),
        plain(
          `${interpolate(viCatalogue.tiers.range, { from: 50, to: 199, unit: product.unit })}\t${vnd(90_000)} ${interpolate(viCatalogue.perUnit, { unit: product.unit })}`,
        ),
        plain(
          `${interpolate(viCatalogue.tiers.from, { from: 200, unit: product.unit })}\t${vnd(85_000)} ${interpolate(viCatalogue.perUnit, { unit: product.unit })}`,
        ),
      ]);

      let section = await quoteSection(page);
      await section.getByRole("link", { name: viQuotes.request.login, exact: true }).click();
      await page.waitForURL((url) => url.pathname === "/login");
      await waitForHydration(page);
      await logInHere(page, DEMO_ACCOUNTS.business.email);
      // Back on the product page, at its quote form.
      await page.waitForURL((url) => url.pathname === `/products/${product.slug}`);
      await waitForHydration(page);
      section = await quoteSection(page);
      const form = section.locator("form");
      await field(form, interpolate(viQuotes.request.quantity, { unit: product.unit })).fill("300");
      await field(form, viQuotes.request.province).selectOption({ label: "Hà Nội" });
      const message = field(form, viQuotes.request.message);
      await message.fill("Gấp");
      const submit = form.getByRole("button", { name: viQuotes.request.submit, exact: true });
      await submit.click();
      // Too short: said beside the field, what was typed kept.
      expect(await textOf(form.locator("#quote-message-error"))).toBe(
        interpolate(viErrors.too_short, { min: 10 }),
      );
      expect(await message.getAttribute("aria-invalid")).toBe("true");
      expect(
        await field(form, interpolate(viQuotes.request.quantity, { unit: product.unit })).inputValue(),
      ).toBe("300");
      await message.fill(MESSAGE);
      await submit.click();
      await page.waitForURL((url) => url.searchParams.get("quote") === "sent");
      await section.getByRole("status").filter({ hasText: viQuotes.request.sent }).waitFor();
    });
    expect(problems).toEqual([]);
  });

  it("lets the cooperative answer with a unit price from its workspace", async (ctx) => {
    const { page, problems } = await visitor();
    await step(page, "quote-answer", async () => {
      await page.goto("/login");
      await waitForHydration(page);
      await logInHere(page, DEMO_ACCOUNTS.cooperative.email);
      await page.waitForURL((url) => url.pathname === "/");
      await waitUntilQuiet(page);
      await openWorkspace(page, viCommon.nav.myCooperative, viQuotes.nav);
      await page.waitForURL((url) => url.pathname === "/cooperative/quotes");
      await waitForHeading(page, viQuotes.cooperative.title);
      await waitForHydration(page);
      const card = page.locator("li.quote-card").filter({ hasText: MESSAGE });
      if ((await card.count()) === 0) return ctx.skip("the quote request was not sent");
      expect(await textOf(badgeIn(card))).toBe(viQuotes.status.requested);
      const answer = card
        .locator("form")
        .filter({ has: page.getByRole("heading", { name: viQuotes.cooperative.answerTitle }) });
      await field(answer, interpolate(viQuotes.cooperative.unitPrice, { unit: product.unit })).fill("82.000");
      await field(answer, viQuotes.cooperative.note).fill("Giá đã gồm đóng gói theo lô.");
      await answer.getByRole("button", { name: viQuotes.cooperative.answer, exact: true }).click();
      await waitForStatus(page, viQuotes.saved.answered);
      const done = page.locator("li.quote-card").filter({ hasText: MESSAGE });
      expect(await textOf(badgeIn(done))).toBe(viQuotes.status.answered);
      answered = true;
    });
    expect(problems).toEqual([]);
  });

  it("lets the buyer order at the quoted price and check out", async (ctx) => {
    if (!answered) return ctx.skip("the cooperative did not answer");
    const { page, problems } = await visitor();
    await step(page, "quote-order", async () => {
      await page.goto("/login");
      await waitForHydration(page);
      await logInHere(page, DEMO_ACCOUNTS.business.email);
      await page.waitForURL((url) => url.pathname === "/");
      await waitUntilQuiet(page);
      await (await openAccountMenu(page)).getByRole("link", { name: viQuotes.nav, exact: true }).click();
      await page.waitForURL((url) => url.pathname === "/account/quotes");
      await waitForHeading(page, viQuotes.buyer.title);
      await waitForHydration(page);
      const card = page.locator("li.quote-card").filter({ hasText: MESSAGE });
      expect(await textOf(badgeIn(card))).toBe(viQuotes.status.answered);
      expect(plain(await card.innerText())).toContain(
        plain(interpolate(viQuotes.facts.perUnit, { price: vnd(82_000), unit: product.unit })),
      );
      await card.getByRole("button", { name: viQuotes.buyer.order, exact: true }).click();
      await page.waitForURL((url) => url.pathname === "/cart");
      await waitForHeading(page, viShop.cart.title);

      // One line: the quoted quantity at the quoted price, fixed.
      const line = page.locator("li.cart-line").filter({ hasText: product.name });
      expect(plain(await line.innerText())).toContain(vnd(82_000));
      expect(plain(await line.innerText())).toContain(vnd(300 * 82_000));
      await line.getByText(viQuotes.cartLine.quoted).waitFor();
      const quantity = line.getByRole("spinbutton");
      expect(await quantity.inputValue()).toBe("300");
      expect(await quantity.getAttribute("readonly")).not.toBeNull();

      await waitUntilQuiet(page);
      await page.goto("/checkout");
      await waitForHydration(page);
      await waitForHeading(page, viShop.checkout.title);
      const form = page.locator("main form");
      await form
        .getByRole("radio", { name: new RegExp(`^${escapeRegExp(viOrders.paymentMethod.cod)}`) })
        .check();
      await form.getByRole("button", { name: viShop.checkout.submit, exact: true }).click();
      await page.waitForURL((url) => /^\/checkout\/[\w-]+$/.test(url.pathname));
      await waitForHeading(page, viShop.confirmation.heading);
      ordered = true;

      // The quote now names its order.
      await waitUntilQuiet(page);
      await page.goto("/account/quotes");
      await waitForHydration(page);
      const after = page.locator("li.quote-card").filter({ hasText: MESSAGE });
      expect(await textOf(badgeIn(after))).toBe(viQuotes.status.ordered);
      const orderLink = after.getByRole("link", {
        name: new RegExp(escapeRegExp(viQuotes.buyer.viewOrder.split("{{")[0]!)),
      });
      await orderLink.click();
      await page.waitForURL((url) => url.pathname.startsWith("/orders/"));
    });
    expect(problems).toEqual([]);
    const { models } = server.container.db;
    const quote = await models.Quote.findOne({ where: { productId: product.id }, order: [["id", "DESC"]] });
    expect(quote).toMatchObject({ status: "ordered", unitPriceVnd: 82_000, quantity: 300 });
    const order = await models.Order.findOne({ where: { code: quote!.orderCode! } });
    const items = await models.OrderItem.findAll({ where: { orderId: order!.id } });
    expect(items.map((i) => [i.productId, i.quantity, i.unitPriceVnd])).toEqual([[product.id, 300, 82_000]]);
    expect(ordered).toBe(true);
  });
});
