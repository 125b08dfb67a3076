import type { Browser, BrowserContext, Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import viAuth from "../../app/locales/vi/auth.json";
import viTrace from "../../app/locales/vi/trace.json";
import { makeCooperative, makeProduct, makeUser, PASSWORD, currentUser } from "../support/factories";
import { startTestServer, type TestServer } from "../support/server";
import { interpolate } from "../support/text";
import {
  field,
  launchBrowser,
  step,
  waitForHeading,
  waitForStatus,
  watchPage,
  type PageProblem,
} from "./browser";

/**
 * Issue 16: a cooperative writes down a step of a batch's story with its photo, and the public page behind the
 * batch's QR code shows it on its timeline beside the production area and the QR code; neither that page, the
 * batch page nor the label sheet scrolls sideways on a 390 px phone or a 1366 px laptop, and the label sheet
 * prints on one A4 page.
 */

const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1366, height: 768 };
const NOTE = "Hái tay một tôm hai lá trên đồi chè Tân Cương, 1,6 tấn búp tươi";

/** The page is no wider than the screen. */
async function scrollsSideways(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}

/** Whether the page scrolls sideways at each width, reloaded at that width. */
async function sidewaysAtBothWidths(page: Page) {
  const result: Record<string, boolean> = {};
  for (const [name, size] of Object.entries({ phone: PHONE, laptop: LAPTOP })) {
    await page.setViewportSize(size);
    await page.reload();
    result[name] = await scrollsSideways(page);
  }
  return result;
}

describe("a batch's story, from the cooperative's batch page to the public trace page", () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblem[];
  const fixture = {
    email: "",
    productId: 0,
    batchId: 0,
    productName: "Chè búp Tân Cương đặc biệt 200g",
    lot: "TC2026-03-A",
  };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    const c = server.container;
    const owner = await makeUser(c, { role: "cooperative" });
    // The cooperative's seat is in Hà Nội, its tea grows in Thái Nguyên: the map marks both.
    const coop = await makeCooperative(c, {
      name: "HTX Chè Hồng Phúc",
      ownerId: owner.id,
      provinceCode: "01",
      wardCode: "00004",
    });
    const product = await makeProduct(c, coop.id, { nameVi: fixture.productName });
    const batch = await c.services.catalogue.addBatch(await currentUser(c, owner.email), {
      productId: product.id,
      form: { lotCode: fixture.lot, producedOn: "2026-03-22", quantity: "400" },
    });
    Object.assign(fixture, { email: owner.email, productId: product.id, batchId: batch.id });
    context = await browser.newContext({ baseURL: server.url, locale: "vi-VN", viewport: LAPTOP });
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
    problems = watchPage(page);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it("records a harvest with its photo on the batch page, reached from the product's batch list", async () => {
    await step(page, "batch-page", async () => {
      await page.goto(
        `/login?redirectTo=${encodeURIComponent(`/cooperative/products/${fixture.productId}`)}`,
      );
      const login = page.locator("main form");
      await field(login, viAuth.fields.email).fill(fixture.email);
      await field(login, viAuth.fields.password).fill(PASSWORD);
      await login.getByRole("button", { name: viAuth.login.submit, exact: true }).click();
      await page.waitForURL((url) => url.pathname === `/cooperative/products/${fixture.productId}`);
      await page
        .getByRole("link", { name: interpolate(viTrace.batch.openLabel, { lot: fixture.lot }) })
        .click();
      await waitForHeading(page, interpolate(viTrace.batch.title, { lot: fixture.lot }));

      const form = page
        .locator("form")
        .filter({ has: page.getByRole("heading", { name: viTrace.batch.addTitle }) });
      await field(form, viTrace.batch.kind).selectOption({ label: viTrace.kind.harvest });
      await field(form, viTrace.batch.happenedOn).fill("2026-03-18");
      await field(form, viTrace.batch.note).fill(NOTE);
      const photo = await sharp({
        create: { width: 800, height: 600, channels: 3, background: { r: 70, g: 140, b: 60 } },
      })
        .jpeg()
        .toBuffer();
      await form
        .getByLabel(viTrace.batch.photo)
        .setInputFiles({ name: "doi-che.jpg", mimeType: "image/jpeg", buffer: photo });
      await form.getByRole("button", { name: viTrace.batch.add, exact: true }).click();
      await waitForStatus(page, viTrace.batch.saved.added);
      const steps = page.locator("#events ol li");
      await expect.poll(() => steps.count()).toBe(1);
      expect(await steps.first().innerText()).toContain(NOTE);
      expect(await sidewaysAtBothWidths(page)).toEqual({ phone: false, laptop: false });
    });
  });

  it("shows the step on the public page's timeline, with its photo, the map and the QR code, at both widths", async () => {
    await step(page, "trace-page", async () => {
      // Opened as a scanned QR code opens it: a fresh document.
      const address = await page.getByRole("link", { name: viTrace.batch.publicPage }).getAttribute("href");
      await page.goto(address!);
      await page.getByRole("heading", { level: 1, name: fixture.productName }).waitFor();
      const timeline = page
        .locator("section")
        .filter({ has: page.getByRole("heading", { name: viTrace.page.timeline }) });
      const items = await timeline.locator("ol > li").allInnerTexts();
      expect(items).toHaveLength(1);
      expect(items[0]).toContain(viTrace.kind.harvest);
      expect(items[0]).toContain(NOTE);
      // The harvest's photo, loaded (a lazy picture scrolled to).
      const picture = page.locator(".trace-gallery img").first();
      await picture.scrollIntoViewIfNeeded();
      await expect
        .poll(() => picture.evaluate((img) => (img as HTMLImageElement).naturalWidth))
        .toBeGreaterThan(0);
      // The production area: Thái Nguyên marked among the 34 seats, the cooperative's Hà Nội too.
      const map = page.getByRole("img", {
        name: interpolate(viTrace.page.mapLabel, { province: "Thái Nguyên" }),
      });
      await map.scrollIntoViewIfNeeded();
      expect(await map.locator("circle.province-map__seat").count()).toBe(34);
      expect(await map.locator(".province-map__origin").isVisible()).toBe(true);
      expect(await map.locator(".province-map__coop").isVisible()).toBe(true);
      // The QR code is drawn, and visible.
      const qr = page.getByRole("img", { name: viTrace.page.qr });
      expect(await qr.locator("svg path").count()).toBeGreaterThan(0);
      expect((await qr.boundingBox())!.width).toBeGreaterThan(80);
      // Sent without the app's scripts.
      expect(await page.locator("script[src], script[type=module]").count()).toBe(0);
      expect(await sidewaysAtBothWidths(page)).toEqual({ phone: false, laptop: false });
    });
  });

  it("lays out the label sheet for one A4 page", async () => {
    await step(page, "labels", async () => {
      await page.goto(`/cooperative/products/${fixture.productId}/batches/${fixture.batchId}`);
      await page.getByRole("link", { name: viTrace.batch.labels }).click();
      await waitForHeading(page, interpolate(viTrace.labels.title, { lot: fixture.lot }));
      const labels = page.locator(".label-sheet .label");
      expect(await labels.count()).toBe(24);
      expect(await labels.first().innerText()).toContain(fixture.productName);
      expect(await sidewaysAtBothWidths(page)).toEqual({ phone: false, laptop: false });
      const pdf = await page.pdf({ format: "A4", preferCSSPageSize: true });
      expect(pdf.toString("latin1").match(/\/Type\s*\/Page\b/g)).toHaveLength(1);
    });
    expect(problems).toEqual([]);
  });
});
