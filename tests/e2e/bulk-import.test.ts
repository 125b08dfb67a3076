import { readFile } from "node:fs/promises";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import viCatalogue from "../../app/locales/vi/catalogue.json";
import viDashboard from "../../app/locales/vi/dashboard.json";
import viImports from "../../app/locales/vi/imports.json";
import { UNITS } from "../../server/vocabulary/domain";
import { makeCooperative, makeUser } from "../support/factories";
import { startTestServer, type TestServer } from "../support/server";
import { interpolate } from "../support/text";
import {
  launchBrowser,
  logIn,
  newVietnameseContext,
  step,
  waitForHeading,
  waitForHydration,
  watchPage,
  type PageProblem,
} from "./browser";

/**
 * A union's staff member lists products for two member cooperatives from one CSV file with OCOP columns: the
 * first try names the bad unit and what is accepted, the row report downloads, and the corrected file imports.
 * The page scrolls no wider than a 390 px phone or a 1366 px laptop.
 */
const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1366, height: 768 };

async function scrollsSideways(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}

describe("a union's bulk listing", () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblem[] = [];
  let coops: Array<{ id: number; slug: string; name: string }> = [];
  const email = "can.bo.nhap@lmhtx.vn";

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    const c = server.container;
    await makeUser(c, { role: "staff", email });
    coops = [
      await makeCooperative(c, { name: "HTX Chè Tân Cương", provinceCode: "19" }),
      await makeCooperative(c, { name: "HTX Gạo Nếp Cái Hoa Vàng", provinceCode: "33", wardCode: "12244" }),
    ];
    context = await newVietnameseContext(browser, server.url);
    page = await context.newPage();
    await page.setViewportSize(PHONE);
    // The refused import answers 400 on purpose.
    problems = watchPage(page, [
      (p) => p.text.includes("/staff/products/import?_data=") && p.text.includes("400"),
    ]);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  const csv = (teaUnit: string) =>
    [
      "cooperative,sku,name_vi,description_vi,category,unit,price_vnd,status,origin_province,tags_en,ocop_stars,ocop_certificate_no,ocop_issued_on",
      `${coops[0]!.slug},TC-200,Trà móc câu hộp 200g,Chè búp non sao thủ công.,tea,${teaUnit},180000,active,Thái Nguyên,green tea,4,OCOP-TN-2025-0042,15/03/2025`,
      `${coops[1]!.name},NEP-10,Gạo nếp cái hoa vàng bao 10kg,Gạo nếp thơm dẻo vụ mùa.,rice_grains,bao,350000,,Hưng Yên,,,,`,
    ].join("\n");

  const upload = async (text: string, button: string) => {
    await page
      .locator("#file")
      .setInputFiles({ name: "san-pham.csv", mimeType: "text/csv", buffer: Buffer.from(text) });
    await page.getByRole("button", { name: button, exact: true }).click();
  };

  it("names the bad unit, offers the row report, then imports for both cooperatives", async () => {
    await step(page, "log in and open the import page", async () => {
      await logIn(page, email);
      await page.goto("/staff/products/import");
      await waitForHeading(page, viImports.title);
      await waitForHydration(page);
      expect(await scrollsSideways(page)).toBe(false);
    });

    await step(page, "a bad unit is named with the accepted ones", async () => {
      await upload(csv("sọt"), viDashboard.import.submit);
      const alert = page.getByRole("alert");
      const accepted = UNITS.map((u) => viCatalogue.unit[u]).join(", ");
      await alert
        .getByText(interpolate(viImports.problem.import_unknown_unit, { value: "sọt", accepted }), {
          exact: true,
        })
        .waitFor();
      // The long list of units wraps on a phone: nothing scrolls sideways but the table's own box.
      expect(await scrollsSideways(page)).toBe(false);
      expect(await server.container.db.models.Product.count()).toBe(0);
    });

    await step(page, "the row report downloads as CSV", async () => {
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("alert").getByRole("link", { name: viImports.report, exact: true }).click(),
      ]);
      const report = await readFile((await download.path())!, "utf8");
      expect(report.split("\r\n").slice(0, 3)).toEqual([
        "\uFEFFDòng,SKU,Hợp tác xã,Kết quả,Ghi chú",
        `2,TC-200,${coops[0]!.slug},Lỗi,"unit: ${interpolate(viImports.problem.import_unknown_unit, {
          value: "sọt",
          accepted: UNITS.map((u) => viCatalogue.unit[u]).join(", "),
        })}"`,
        `3,NEP-10,${coops[1]!.slug},Tạo mới,${viImports.csv.statusBlankNew}`,
      ]);
    });

    await step(
      page,
      "the corrected file imports for both cooperatives, and says what is a draft",
      async () => {
        await upload(csv("hộp"), viDashboard.import.submit);
        const status = page.getByRole("status");
        await status
          .getByText(interpolate(viDashboard.import.done, { created: 2, updated: 0 }), { exact: true })
          .waitFor();
        await status
          .getByText(interpolate(viImports.createdDrafts_one, { count: 1 }), { exact: true })
          .waitFor();
        const rows = await server.container.db.models.Product.findAll({ order: [["sku", "ASC"]] });
        expect(rows.map((p) => [p.sku, p.cooperativeId, p.unit, p.status])).toEqual([
          ["NEP-10", coops[1]!.id, "bao", "draft"],
          ["TC-200", coops[0]!.id, "hop", "active"],
        ]);
        expect(await scrollsSideways(page)).toBe(false);
      },
    );

    await step(page, "a laptop's width does not scroll sideways either", async () => {
      await page.setViewportSize(LAPTOP);
      expect(await scrollsSideways(page)).toBe(false);
    });
    expect(problems).toEqual([]);
  });
});
