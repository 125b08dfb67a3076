import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import viFairs from "../../app/locales/vi/fairs.json";
import { exhibitor, fairForm, gridForm } from "../support/fairs";
import { signedInStaff } from "../support/orders";
import { startTestServer, type TestServer } from "../support/server";
import { interpolate } from "../support/text";
import { launchBrowser, step, waitForHydration, type PageProblem, openAt, PHONE, LAPTOP } from "./browser";

const DAY = 86_400_000;

/**
 * The public fair plan (issue 16), over a fair made through the fairs use cases as staff and cooperatives make
 * them (the demo seed takes a minute and a half): booked booths name their exhibitors, searching the
 * exhibitor directory picks their booths out on the plan, "Gian A04" leads to the booth and a booth to its
 * exhibitor, the plan zooms on a phone, a visitor gets a pass with a QR code, and no page scrolls sideways at
 * 390 or 1366 px.
 */

async function scrollsSideways(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}

describe("the fair floor plan", () => {
  let server: TestServer;
  let browser: Browser;
  let upcoming: string;
  let past: string;
  const contexts: BrowserContext[] = [];
  const problems: PageProblem[][] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    const c = server.container;
    const { fairs } = c.services;
    const staff = await signedInStaff(c);
    // A hall of two rows of eight 3×3 m booths, its entrance and stage beside them.
    const setUp = async (form: Record<string, string>) => {
      const fair = await fairs.createFair(staff, fairForm(form));
      const hall = await fairs.addHall(staff, {
        fairId: fair.id,
        form: { name: "Nhà A — Gian hàng OCOP", nameEn: "Hall A — OCOP booths", widthM: "34", depthM: "16" },
      });
      await fairs.generateBoothGrid(staff, {
        fairId: fair.id,
        form: gridForm(hall.id, { rows: "2", columns: "8", aisleM: "4" }),
      });
      const element = (kind: string, at: number[], labelVi = "") =>
        fairs.addPlanElement(staff, {
          fairId: fair.id,
          form: {
            hallId: String(hall.id),
            kind,
            xM: String(at[0]),
            yM: String(at[1]),
            widthM: String(at[2]),
            depthM: String(at[3]),
            labelVi,
            labelEn: "",
          },
        });
      await element("stage", [28, 2, 5, 8]);
      await element("entrance", [10, 13, 8, 3], "Cổng chính");
      await fairs.setFairStatus(staff, { fairId: fair.id, status: "open" });
      const booths = await c.db.models.Booth.findAll({ where: { fairId: fair.id } });
      return { ...fair, booth: (code: string) => booths.find((b) => b.code === code)!.id };
    };
    const fair = await setUp({});
    upcoming = fair.slug;
    const book = async (x: Awaited<ReturnType<typeof exhibitor>>, code: string) => {
      const { publicId } = await fairs.holdBooth(x.owner, { boothId: fair.booth(code) });
      await fairs.confirmBooking(x.owner, { publicId, form: { productIds: [String(x.products[0]!.id)] } });
    };
    const tea = await exhibitor(c, {
      name: "HTX Chè Suối Ngàn",
      products: [{ nameVi: "Chè búp Tân Cương" }],
    });
    const noodles = await exhibitor(c, {
      name: "HTX Miến dong Sợi Vàng",
      products: [{ nameVi: "Miến dong" }],
    });
    await book(tea, "A04");
    await book(tea, "A05");
    await book(noodles, "B02");
    // Last year's fair, over, where nobody booked.
    const local = (ms: number) => new Date(ms + 7 * 3_600_000).toISOString().slice(0, 16);
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    past = (
      await setUp({
        nameVi: "Tuần hàng OCOP năm ngoái",
        startsOn: day(Date.now() - 300 * DAY),
        endsOn: day(Date.now() - 297 * DAY),
        bookingOpensAt: local(Date.now() - 330 * DAY),
        bookingClosesAt: local(Date.now() - 301 * DAY),
      })
    ).slug;
  });

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.close();
    expect(problems.flat()).toEqual([]);
  });

  /** The on-screen font size, in CSS pixels, of a booth's code on the plan. */
  async function codePx(page: Page, code: string) {
    return page.locator(`svg #booth-${code} .booth-code`).evaluate((el) => {
      const text = el as SVGTextElement;
      return Number(text.getAttribute("font-size")) * (text.getScreenCTM()?.a ?? 0);
    });
  }

  const newPage = async (viewport: { width: number; height: number }) =>
    (await openAt(browser, server.url, viewport, { contexts, problems })).page;

  it("names exhibitors on their booths, and the directory's search and booth links find them on the plan", async () => {
    const page = await newPage(LAPTOP);
    await step(page, "fair-plan-laptop", async () => {
      await page.goto(`/fairs/${upcoming}`);
      await waitForHydration(page);
      // A04 and A05 are HTX Chè Suối Ngàn's: its name is drawn on the booth (in lines), over its band.
      const lines = await page.locator('svg .booth-exhibitor[data-booth="A04"] tspan').allTextContents();
      expect(lines.join(" ")).toBe("HTX Chè Suối Ngàn");
      // The whole hall shows on a laptop, its codes readable as they are.
      expect(await page.getByRole("button", { name: viFairs.plan.zoom.out }).first().isDisabled()).toBe(true);
      expect(await codePx(page, "A01")).toBeGreaterThanOrEqual(12);
      expect(await page.locator("svg .booth-highlight").count()).toBe(0);
      expect(await scrollsSideways(page)).toBe(false);

      // Typing in the directory's box narrows the list and picks the exhibitor's booths out on the plan.
      await page.locator("#exhibitor-q").fill("Suối Ngàn");
      await page.waitForURL((url) => url.searchParams.get("q") === "Suối Ngàn");
      await page.locator("svg #booth-A04.booth-highlight").waitFor({ state: "attached" });
      expect(await page.locator("svg .booth-highlight").evaluateAll((els) => els.map((e) => e.id))).toEqual([
        "booth-A04",
        "booth-A05",
      ]);
      expect(await page.locator(".exhibitor-list > li").count()).toBe(1);
      await page.locator(".floor-plan").first().screenshot({ path: "/tmp/fair-plan-laptop.png" });

      // "Gian A05" in the directory leads to the booth on the plan …
      await page
        .getByRole("link", { name: interpolate(viFairs.directory.boothLink, { code: "A05" }), exact: true })
        .click();
      await page.waitForURL((url) => url.hash === "#booth-A05");
      expect(await page.locator("svg #booth-A05").evaluate((el) => el.matches(":target"))).toBe(true);
      // … and the booth back to its exhibitor in the directory.
      await page.locator("svg #booth-A04").click();
      await page.waitForURL((url) => url.hash.startsWith("#exhibitor-"));
      const target = page.locator(".exhibitor-list > li:target");
      expect(await target.locator("h3").textContent()).toContain("Suối Ngàn");
      expect(await scrollsSideways(page)).toBe(false);
    });
  });

  it("zooms the plan on a phone, gives a visitor a pass, and shows a finished fair with nothing available", async () => {
    const page = await newPage(PHONE);
    await step(page, "fair-plan-phone", async () => {
      await page.goto(`/fairs/${upcoming}`);
      await waitForHydration(page);
      expect(await scrollsSideways(page)).toBe(false);
      const svg = page.locator(".floor-plan-hall svg").first();
      // The plan opens zoomed in at the hall's top-left corner, its booth codes readable, and it can zoom out.
      await expect
        .poll(async () => (await svg.getAttribute("viewBox"))!.split(" ").slice(0, 2))
        .toEqual(["0", "0"]);
      await expect.poll(() => codePx(page, "A01")).toBeGreaterThanOrEqual(12);
      expect(await page.getByRole("button", { name: viFairs.plan.zoom.out }).first().isEnabled()).toBe(true);
      expect(await page.getByRole("link", { name: viFairs.plan.listLink }).count()).toBe(1);
      await page.locator(".floor-plan").first().screenshot({ path: "/tmp/fair-plan-phone.png" });
      const before = await svg.getAttribute("viewBox");
      await page.getByRole("button", { name: viFairs.plan.zoom.in }).first().click();
      await expect.poll(() => svg.getAttribute("viewBox")).not.toBe(before);
      // Two fingers spreading apart zoom further in (touch events, as the phone sends them).
      const width = async () => Number((await svg.getAttribute("viewBox"))!.split(" ")[2]);
      const zoomedWidth = await width();
      const box = (await svg.boundingBox())!;
      const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
      const cdp = await page.context().newCDPSession(page);
      const touch = (type: "touchStart" | "touchMove" | "touchEnd", gap: number) =>
        cdp.send("Input.dispatchTouchEvent", {
          type,
          touchPoints:
            type === "touchEnd"
              ? []
              : [
                  { x: cx - gap, y: cy, id: 1 },
                  { x: cx + gap, y: cy, id: 2 },
                ],
        });
      await touch("touchStart", 20);
      for (const gap of [40, 60, 80]) await touch("touchMove", gap);
      await touch("touchEnd", 0);
      await expect.poll(width).toBeLessThan(zoomedWidth);
      expect(await scrollsSideways(page)).toBe(false);

      const visit = page.locator("form").filter({ has: page.locator("#visit-phone") });
      await visit.locator("#visit-name").fill("Nguyễn Thị Lan");
      await visit.locator("#visit-email").fill("lan.e2e@example.vn");
      await visit.locator("#visit-phone").fill("0912345678");
      await visit.getByRole("button", { name: viFairs.visit.submit }).click();
      await page.waitForURL((url) => url.pathname.startsWith(`/fairs/${upcoming}/pass/`));
      await page.getByRole("heading", { level: 1, name: viFairs.pass.title }).waitFor();
      await page.locator(".visitor-pass-qr svg").waitFor();
      await page.getByRole("status").filter({ hasText: viFairs.pass.registered }).waitFor();
      await page.getByRole("button", { name: viFairs.pass.print }).waitFor();
      expect(await scrollsSideways(page)).toBe(false);

      await page.goto(`/fairs/${past}`);
      await waitForHydration(page);
      expect(await page.locator("svg .booth-unused").count()).toBe(16);
      expect(await page.locator("svg .booth-available, svg .booth-held, svg .booth-pending").count()).toBe(0);
      expect(await scrollsSideways(page)).toBe(false);
    });
  });
});
