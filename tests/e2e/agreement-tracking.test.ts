import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import viAgreements from "../../app/locales/vi/agreements.json";
import { vietnamDay } from "../../server/vocabulary/dates";
import { agreementCast, sealedAgreement } from "../support/agreements";
import { startTestServer, type TestServer } from "../support/server";
import {
  field,
  launchBrowser,
  logIn,
  newVietnameseContext,
  step,
  textOf,
  waitForHydration,
  waitForStatus,
  waitUntilQuiet,
  watchPage,
  watchTraffic,
  type PageProblem,
} from "./browser";

/**
 * A sealed agreement carried out, in Chromium and Vietnamese (issue 13's "done when"): the cooperative records a
 * delivery, the buyer confirms it, and the union staff's console shows the agreement moved on, its fulfilment rate
 * and the pipeline chart's figures changed.
 */
const t = viAgreements;
const CAST = {
  buyer: { email: "nguoimua.tracking@example.com", fullName: "Nguyễn Thị Hằng" },
  owner: { email: "chunhiem.tracking@example.com", fullName: "Lê Văn Bình" },
  staff: { email: "canbo.tracking@example.com" },
  cooperative: "HTX Chè Tân Cương Đồng Hỷ",
};
const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

describe("a sealed agreement carried out, in the browser", () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const problems: PageProblem[][] = [];
  const pages = new Map<string, Page>();
  let agreementPath = "";

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    const c = server.container;
    const cast = await agreementCast(c, CAST);
    const today = vietnamDay(new Date());
    const publicId = await sealedAgreement(c, cast, [
      { date: today, quantity: 150 },
      { date: addDays(today, 30), quantity: 150 },
    ]);
    agreementPath = `/agreements/${publicId}`;
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await server?.close();
  });

  async function pageOf(email: string) {
    const known = pages.get(email);
    if (known) return known;
    const context = await newVietnameseContext(browser, server.url);
    contexts.push(context);
    const page = await context.newPage();
    problems.push(watchPage(page));
    watchTraffic(page);
    await logIn(page, email);
    pages.set(email, page);
    return page;
  }
  async function open(page: Page, url: string) {
    await waitUntilQuiet(page);
    await page.goto(url);
    await waitForHydration(page);
  }
  /** The staff list's row of the agreement, and the pipeline chart's table. */
  const rowOf = (page: Page) => page.locator("tr", { has: page.locator(`a[href="${agreementPath}"]`) });
  const chartTable = (page: Page) => page.locator("figure table");

  it("records a delivery, has it confirmed, and the staff console follows", async () => {
    const staff = await pageOf(CAST.staff.email);
    await step(staff, "staff see the sealed agreement at 0%", async () => {
      await open(staff, "/staff/agreements");
      expect(await textOf(rowOf(staff))).toContain("0%");
      const chart = await chartTable(staff).textContent();
      expect(chart).toContain(t.status.sealed);
    });

    const coop = await pageOf(CAST.owner.email);
    await step(coop, "the cooperative records half of the tea as delivered", async () => {
      await open(coop, agreementPath);
      const form = coop.locator("form", { has: coop.getByRole("button", { name: t.tracking.submit }) });
      await field(form, `${t.tracking.quantity} (kg)`).fill("150");
      await field(form, t.tracking.note).fill("Lô 1: 300 túi 500 g, kèm phiếu kiểm nghiệm.");
      await form.getByRole("button", { name: t.tracking.submit }).click();
      await waitForStatus(coop, t.done.delivery);
      expect(await textOf(coop.locator("#tracking-title"))).toBe(t.tracking.title);
      await coop.getByText(t.tracking.status.recorded).first().waitFor();
    });

    const buyer = await pageOf(CAST.buyer.email);
    await step(buyer, "the buyer confirms the delivery", async () => {
      await open(buyer, agreementPath);
      await buyer.getByRole("button", { name: t.tracking.confirm }).click();
      await waitForStatus(buyer, t.done.confirmed);
      await buyer.getByText(t.tracking.status.confirmed).first().waitFor();
      const facts = await textOf(buyer.locator("section", { has: buyer.locator("#tracking-title") }));
      expect(facts).toContain("50%");
      expect(facts).toMatch(/48\.000\.000\s₫/);
    });

    await step(staff, "the console shows it in implementation at 50%, and the chart has moved", async () => {
      await open(staff, "/staff/agreements");
      const row = await textOf(rowOf(staff));
      expect(row).toContain("50%");
      expect(row).toContain(t.status.in_implementation);
      const chart = (await chartTable(staff).textContent()) ?? "";
      // The chart's table: one agreement in implementation, none left merely sealed.
      expect(chart).toMatch(new RegExp(`${t.status.in_implementation}\\s*1`));
      expect(chart).toMatch(new RegExp(`${t.status.sealed}\\s*0`));
    });

    await step(staff, "the staff overview counts it among the agreements being followed", async () => {
      await open(staff, "/staff");
      const card = staff.locator(".card", { has: staff.getByText(t.overview.running, { exact: true }) });
      expect(await textOf(card.locator("dd"))).toBe("1");
      await card.getByRole("link", { name: t.overview.view }).waitFor();
    });

    expect(problems.flat()).toEqual([]);
  });
});
