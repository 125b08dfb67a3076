import sharp from "sharp";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import viAgreements from "../../app/locales/vi/agreements.json";
import viCatalogue from "../../app/locales/vi/catalogue.json";
import viCommon from "../../app/locales/vi/common.json";
import viDashboard from "../../app/locales/vi/dashboard.json";
import viFairs from "../../app/locales/vi/fairs.json";
import viMatches from "../../app/locales/vi/matches.json";
import viOffers from "../../app/locales/vi/offers.json";
import viQuotes from "../../app/locales/vi/quotes.json";
import viSales from "../../app/locales/vi/sales.json";
import viShop from "../../app/locales/vi/shop.json";
import viWorkspace from "../../app/locales/vi/workspace.json";
import { currentUser, makeCooperative, makeProduct, makeUser } from "../support/factories";
import { BANK_ACCOUNT, buy, signedInBuyer } from "../support/orders";
import { startTestServer, type TestServer } from "../support/server";
import { interpolate } from "../support/text";
import {
  field,
  launchBrowser,
  logIn,
  step,
  waitForHeading,
  waitForHydration,
  workspaceNav,
  type PageProblem,
  openAt,
  PHONE,
  LAPTOP,
} from "./browser";

const COOP = "HTX Nông sản Sạch Đồng Hỷ";

/** The page is no wider than the screen. */
const scrollsSideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

/** A photo of its own colour, as a phone would send it. */
const photo = async (background: string) =>
  sharp({ create: { width: 800, height: 600, channels: 3, background } })
    .jpeg()
    .toBuffer();

/**
 * A cooperative member works in the workspace: every page from its sidebar, a product created with its photos
 * in one pass and archived only once confirmed, a warning before edits are lost; at a laptop's width and a
 * phone's, no page scrolls sideways. Staff see the whole orders table at 1366 px.
 */
describe("the cooperative's workspace", () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const problems: PageProblem[][] = [];
  const member = "thanhvien.workspace@example.vn";
  const staff = "canbo.workspace@example.vn";
  let created: number | null = null;
  let teaId = 0;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    const c = server.container;
    const owner = await makeUser(c, { role: "cooperative", email: member, fullName: "Lương Thị Hoa" });
    const coop = await makeCooperative(c, { name: COOP, ownerId: owner.id, provinceCode: "19" });
    await makeUser(c, { role: "staff", email: staff });
    const tea = await makeProduct(c, coop.id, { nameVi: "Chè búp Đồng Hỷ hộp quà", stock: 4 });
    await tea.update({ harvestMonths: "3,4,5" });
    teaId = tea.id;
    // A batch with a long lot code: its row in the product's and the register's tables must fit a phone.
    await c.services.catalogue.addBatch(await currentUser(c, member), {
      productId: tea.id,
      form: { lotCode: "DH-CHE-BUP-2026-03-22", producedOn: "2026-03-22", quantity: "400" },
    });
    await c.services.cooperatives.setBankAccount(await currentUser(c, member), BANK_ACCOUNT);
    // An order whose buyer and cooperative have long names: the staff table must still fit.
    const buyer = await signedInBuyer(c, { fullName: "Nguyễn Thị Phương Thảo Hoàng Bảo Ngọc" });
    await buy(c, buyer, [{ productId: tea.id, quantity: 1 }], { paymentMethod: "bank_transfer" });
    await c.worker.drain();
  });

  afterAll(async () => {
    for (const ctx of contexts) await ctx.close();
    await browser?.close();
    await server?.close();
  });

  const newPage = async (viewport: { width: number; height: number }) =>
    (await openAt(browser, server.url, viewport, { contexts, problems })).page;

  it("finds every workspace page from the sidebar at 1366 px, none scrolling sideways", async () => {
    const page = await newPage(LAPTOP);
    await step(page, "sidebar", async () => {
      await logIn(page, member);
      await page.goto("/cooperative");
      await waitForHydration(page);
      const pages: Array<[string, string]> = [
        [viCommon.nav.myProducts, viDashboard.list.title],
        [viWorkspace.nav.batches, viWorkspace.batches.title],
        [viShop.header.cooperativeOrders, viSales.list.title],
        [viQuotes.nav, viQuotes.cooperative.title],
        [viSales.shipping.nav, viSales.shipping.title],
        [viOffers.nav, viOffers.list.title],
        [viMatches.nav, viMatches.cooperative.title],
        [viFairs.nav.fairs, viFairs.coop.title],
        [viAgreements.nav, viAgreements.list.title],
        [viWorkspace.nav.profile, viWorkspace.profile.title],
        [viCommon.nav.overview, COOP],
      ];
      for (const [link, heading] of pages) {
        await workspaceNav(page).getByRole("link", { name: link, exact: true }).click();
        await waitForHeading(page, heading);
        expect(await scrollsSideways(page), link).toBe(false);
      }
      // The dashboard's to-do cards link to where the work is done: the product running low.
      const stock = page.getByRole("region", { name: new RegExp(viWorkspace.task.stock.title_other) });
      await stock.getByRole("link", { name: "Chè búp Đồng Hỷ hộp quà", exact: true }).click();
      await waitForHeading(page, "Chè búp Đồng Hỷ hộp quà");

      // The product list ticks every row at once and counts the ticked ones.
      await page.goto("/cooperative/products");
      await waitForHydration(page);
      const bulk = page.locator("form.bulk-form");
      const all = bulk.getByRole("checkbox", { name: viWorkspace.bulk.selectAll, exact: true });
      const row = bulk.getByRole("checkbox", {
        name: interpolate(viWorkspace.bulk.pick, { name: "Chè búp Đồng Hỷ hộp quà" }),
        exact: true,
      });
      const count = (n: number) => bulk.getByText(interpolate(viWorkspace.bulk.selected_other, { count: n }));
      await count(0).waitFor();
      await all.check();
      expect(await row.isChecked()).toBe(true);
      await count(1).waitFor();
      await row.uncheck();
      await count(0).waitFor();
      expect(await all.isChecked()).toBe(false);
    });
  });

  it("creates a product with photos in one pass, its province already chosen", async () => {
    const page = await newPage(LAPTOP);
    await step(page, "create-with-photos", async () => {
      await logIn(page, member);
      await page.goto("/cooperative/products/new");
      await waitForHydration(page);
      const form = page.locator("main form");
      expect(await field(form, viDashboard.fields.originProvince).inputValue()).toBe("19");
      await field(form, viDashboard.fields.sku).fill("DH-MIEN-500");
      await field(form, viDashboard.fields.nameVi).fill("Miến dong Đồng Hỷ gói 500g");
      await field(form, viDashboard.fields.descriptionVi).fill(
        "Miến dong làm thủ công, sợi dai, không chất tẩy.",
      );
      await field(form, viDashboard.fields.category).selectOption("vermicelli_noodles");
      await field(form, viDashboard.fields.unit).selectOption("goi");
      await field(form, viDashboard.fields.priceVnd).fill("65000");
      await field(form, viDashboard.fields.stock).fill("200");
      // The season: two month cells of the twelve.
      await form.getByRole("checkbox", { name: viCatalogue.month["11"], exact: true }).check();
      await form.getByRole("checkbox", { name: viCatalogue.month["12"], exact: true }).check();
      await form.locator('input[type="file"][name="images"]').setInputFiles([
        { name: "mien-1.jpg", mimeType: "image/jpeg", buffer: await photo("#c9a66b") },
        { name: "mien-2.jpg", mimeType: "image/jpeg", buffer: await photo("#7a4a00") },
      ]);
      await form.getByRole("button", { name: viDashboard.new.submit, exact: true }).click();
      await page.waitForURL((url) => /^\/cooperative\/products\/\d+$/.test(url.pathname));
      await waitForHeading(page, "Miến dong Đồng Hỷ gói 500g");
      created = Number(new URL(page.url()).pathname.split("/").at(-1));
      expect(await page.locator(".image-list .image-item").count()).toBe(2);
      const row = await server.container.db.models.Product.findByPk(created);
      expect(row).toMatchObject({ originProvinceCode: "19", harvestMonths: "11,12", status: "draft" });
    });
  });

  it("archives a product only after confirming, warning that unsaved edits would be lost", async (ctx) => {
    if (!created) return ctx.skip("the product was not created");
    const page = await newPage(LAPTOP);
    const status = async () => (await server.container.db.models.Product.findByPk(created!))!.status;
    await step(page, "archive-confirmed", async () => {
      await logIn(page, member);
      await page.goto(`/cooperative/products/${created}`);
      await waitForHydration(page);
      await field(page, viDashboard.fields.stock).fill("150");

      // Leaving by the sidebar with an edit not saved: asked first, and staying keeps the edit.
      await workspaceNav(page).getByRole("link", { name: viWorkspace.nav.batches, exact: true }).click();
      const leave = page.getByRole("dialog", { name: viWorkspace.leave.title });
      await leave.waitFor();
      await leave.getByRole("button", { name: viWorkspace.leave.stay, exact: true }).click();
      await leave.waitFor({ state: "hidden" });
      expect(new URL(page.url()).pathname).toBe(`/cooperative/products/${created}`);
      expect(await field(page, viDashboard.fields.stock).inputValue()).toBe("150");

      // Archive is in the "more actions" menu and asks first; cancelling changes nothing.
      const more = page.locator("details.menu");
      await more.locator("summary").click();
      await more.getByRole("link", { name: viWorkspace.more.status.archived.label, exact: true }).click();
      const name = "Miến dong Đồng Hỷ gói 500g";
      const confirm = page.getByRole("dialog", {
        name: interpolate(viWorkspace.more.status.archived.title, { name }),
      });
      await confirm.waitFor();
      expect(await confirm.getByText(viWorkspace.confirm.unsaved, { exact: true }).isVisible()).toBe(true);
      await confirm.getByRole("button", { name: viWorkspace.confirm.cancel, exact: true }).click();
      await confirm.waitFor({ state: "hidden" });
      expect(await status()).toBe("draft");

      await more.locator("summary").click();
      await more.getByRole("link", { name: viWorkspace.more.status.archived.label, exact: true }).click();
      await confirm.waitFor();
      await confirm
        .getByRole("button", { name: viWorkspace.more.status.archived.confirm, exact: true })
        .click();
      await page.waitForURL((url) => url.searchParams.get("saved") === "archived");
      expect(await status()).toBe("archived");

      // Without JavaScript the menu's link leads to the same confirmation, in the page.
      await page.goto(`/cooperative/products/${created}?confirm=active`);
      await page
        .getByRole("region", { name: interpolate(viWorkspace.more.status.active.title, { name }) })
        .waitFor();
      expect(await status()).toBe("archived");
    });
  });

  it("fits the workspace, the product form and the season bar on a phone", async () => {
    const page = await newPage(PHONE);
    await step(page, "phone", async () => {
      await logIn(page, member);
      for (const path of [
        "/cooperative",
        "/cooperative/products",
        "/cooperative/products/new",
        `/cooperative/products/${created ?? ""}`,
        "/cooperative/orders",
        `/cooperative/products/${teaId}`,
        "/cooperative/batches",
        "/cooperative/profile",
      ]) {
        await page.goto(path);
        await page.locator("h1").first().waitFor();
        expect(await scrollsSideways(page), path).toBe(false);
      }
      // On the register, a batch's links are a list, with no separator left alone on a line.
      await page.goto("/cooperative/batches");
      const links = page.locator("table.sales-table tbody tr").first().locator(".inline-links li");
      expect(await links.count()).toBe(2);
      expect(await page.locator("table.sales-table tbody").innerText()).not.toContain("·");
      // The public page shows the season as twelve months, three of them filled.
      const tea = await server.container.db.models.Product.findOne({
        where: { nameVi: "Chè búp Đồng Hỷ hộp quà" },
      });
      await page.goto(`/products/${tea!.slug}`);
      const bar = page.locator(".harvest-bar");
      await bar.waitFor();
      // Read out as the list of months; the twelve cells are for the eye.
      expect(await bar.locator(".visually-hidden").textContent()).toBe(
        interpolate(viWorkspace.harvest.barLabel, {
          months: [viCatalogue.month["3"], viCatalogue.month["4"], viCatalogue.month["5"]].join(", "),
        }),
      );
      expect(await bar.locator(".harvest-month").count()).toBe(12);
      expect(await bar.locator(".harvest-month.in-season").count()).toBe(3);
      expect(await scrollsSideways(page)).toBe(false);
    });
  });

  it("shows staff the whole orders table at 1366 px, status column included", async () => {
    const page = await newPage(LAPTOP);
    await step(page, "staff-orders", async () => {
      await logIn(page, staff);
      await page.goto("/staff/orders");
      const table = page.locator("table.sales-table");
      await table.waitFor();
      const header = table.getByRole("columnheader", { name: viSales.list.col.status, exact: true });
      const box = await header.boundingBox();
      expect(box!.x + box!.width).toBeLessThanOrEqual(LAPTOP.width);
      expect(
        await page
          .locator(".table-scroll")
          .first()
          .evaluate((el) => el.scrollWidth > el.clientWidth),
      ).toBe(false);
      expect(await scrollsSideways(page)).toBe(false);
      // Names wrap to two lines at most.
      const buyer = table.getByText("Nguyễn Thị Phương Thảo Hoàng Bảo Ngọc", { exact: true });
      const lines = await buyer.evaluate((el) => {
        const range = document.createRange();
        range.selectNodeContents(el);
        return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
      });
      expect(lines).toBeLessThanOrEqual(2);
    });
  });

  it("met no browser error on any page", () => {
    expect(problems.flat()).toEqual([]);
  });
});
