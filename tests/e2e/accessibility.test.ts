import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import viAuth from "../../app/locales/vi/auth.json";
import viShop from "../../app/locales/vi/shop.json";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../seeds";
import { startTestServer, type TestServer } from "../support/server";
import { field, launchBrowser, step, waitForHydration, watchPage, type PageProblem } from "./browser";

/**
 * axe-core (the npm package, run inside the page as it is after hydration) over the pages a buyer goes through,
 * in both languages, on a laptop and on a phone (the header's menus and the filter drawer differ): no serious or
 * critical finding. The rules are WCAG 2.1 A and AA.
 */

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

interface Finding {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

async function axe(page: Page): Promise<Finding[]> {
  await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    const run = (window as unknown as { axe: { run: (...args: unknown[]) => Promise<AxeResults> } }).axe.run;
    interface AxeResults {
      violations: Array<{
        id: string;
        impact: string | null;
        help: string;
        nodes: Array<{ target: unknown[] }>;
      }>;
    }
    const results = await run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
      resultTypes: ["violations"],
    });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ")),
    }));
  });
}

const serious = (findings: Finding[]) =>
  findings.filter((f) => f.impact === "serious" || f.impact === "critical");

describe("accessibility of the buyer's pages (axe-core)", () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const problems: PageProblem[][] = [];
  let product = "";
  let fair = "";
  let order = "";

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer("sqlite", {}, { demo: true }), launchBrowser()]);
    const c = server.container;
    const { models } = c.db;
    product = (await models.Product.findOne({ where: { status: "active" }, order: [["id", "ASC"]] }))!.slug;
    fair = (await models.Fair.findOne({ where: { status: "open" }, order: [["id", "ASC"]] }))?.slug ?? "";
    const buyer = await models.User.findOne({ where: { email: DEMO_ACCOUNTS.buyer.email } });
    order = (await models.Order.findOne({ where: { buyerId: buyer!.id }, order: [["id", "ASC"]] }))!.code;
  });

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.close();
  });

  async function newPage(viewport: { width: number; height: number }) {
    // axe is added to the page as an inline script, which the site's CSP rightly refuses: bypassed for this test.
    const context = await browser.newContext({
      baseURL: server.url,
      locale: "vi-VN",
      viewport,
      bypassCSP: true,
    });
    context.setDefaultTimeout(15_000);
    contexts.push(context);
    const page = await context.newPage();
    // Going from page to page by address before the last one's icon arrived cancels that request, nothing else.
    const faviconLeftBehind = (p: PageProblem) =>
      p.kind === "requestfailed" && /\/favicon\.\w+ — net::ERR_ABORTED$/.test(p.text);
    problems.push(watchPage(page, [faviconLeftBehind]));
    return { page, seen: problems[problems.length - 1]! };
  }

  /** Every page in the list, each language, with the menus and the drawer open where the screen has them. */
  async function check(page: Page, paths: string[], phone: boolean) {
    const found: Array<{ path: string; lng: string; findings: Finding[] }> = [];
    for (const lng of ["vi", "en"]) {
      for (const path of paths) {
        await page.goto(`${path}${path.includes("?") ? "&" : "?"}lng=${lng}`);
        await waitForHydration(page);
        found.push({ path, lng, findings: serious(await axe(page)) });
        // What only shows when opened is checked open: the account menu, and on a phone the sections and filters.
        await page.locator("details.account-menu > summary").click();
        if (phone) await page.locator("details.sections-menu > summary").click();
        if (phone && path.startsWith("/products?")) {
          await page.keyboard.press("Escape");
          await page.locator("a.filter-toggle").click();
          await page.locator("#filters").waitFor({ state: "visible" });
        }
        found.push({ path: `${path} (opened)`, lng, findings: serious(await axe(page)) });
      }
    }
    return found.filter((f) => f.findings.length > 0);
  }

  it("finds nothing serious on a guest's pages, on a laptop and on a phone", async () => {
    for (const [name, viewport] of [
      ["laptop", { width: 1366, height: 768 }],
      ["phone", { width: 390, height: 844 }],
    ] as const) {
      const { page, seen } = await newPage(viewport);
      await step(page, `axe-guest-${name}`, async () => {
        const paths = ["/", "/products?q=chè", `/products/${product}`, "/cart", "/login", "/register"];
        if (fair) paths.push(`/fairs/${fair}`);
        expect(await check(page, paths, name === "phone")).toEqual([]);
      });
      expect(seen).toEqual([]);
    }
  });

  it("finds nothing serious on a signed-in buyer's cart, checkout and order", async () => {
    const { page, seen } = await newPage({ width: 1366, height: 768 });
    await step(page, "axe-buyer", async () => {
      await page.goto("/login");
      await waitForHydration(page);
      const form = page.locator("main form");
      await field(form, viAuth.fields.email).fill(DEMO_ACCOUNTS.buyer.email);
      await field(form, viAuth.fields.password).fill(DEMO_PASSWORD);
      await form.getByRole("button", { name: viAuth.login.submit, exact: true }).click();
      await page.waitForURL((url) => url.pathname === "/");
      await page.goto(`/products/${product}`);
      await waitForHydration(page);
      await page
        .locator("form.cart-add")
        .getByRole("button", { name: viShop.add.submit, exact: true })
        .click();
      await page
        .locator("form.cart-add")
        .getByRole("status")
        .filter({ hasText: viShop.add.viewCart })
        .waitFor();
      expect(await check(page, ["/cart", "/checkout", "/orders", `/orders/${order}`], false)).toEqual([]);
    });
    expect(seen).toEqual([]);
  });
});
