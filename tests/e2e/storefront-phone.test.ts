import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import viAuth from "../../app/locales/vi/auth.json";
import viCatalogue from "../../app/locales/vi/catalogue.json";
import viCommon from "../../app/locales/vi/common.json";
import viShop from "../../app/locales/vi/shop.json";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../seeds";
import { startTestServer, type TestServer } from "../support/server";
import { escapeRegExp, interpolate, plain } from "../support/text";
import {
  field,
  launchBrowser,
  openAccountMenu,
  step,
  textOf,
  waitForHeading,
  waitForHydration,
  waitForStatus,
  workspaceNav,
  type PageProblem,
  openAt,
  PHONE,
  LAPTOP,
} from "./browser";

/**
 * The shop on a 390 × 844 phone and a 1366 px laptop, over the demo data: the header is one row, the first
 * search result is on the first screen, the filters are a drawer that keeps the page where it was, add-to-cart
 * is on screen from arrival and stays there, and no page scrolls sideways.
 */

/** Everything in the header's row sits on one line: no child starts below the first one's bottom. */
async function headerRows(page: Page) {
  return page.locator("header.site-header .header-row").evaluate((row) => {
    const boxes = [...row.children]
      .map((child) => child.getBoundingClientRect())
      .filter((box) => box.width > 0 && box.height > 0);
    const top = Math.min(...boxes.map((b) => b.top));
    const firstBottom = Math.min(...boxes.map((b) => b.bottom));
    return {
      rows: boxes.some((b) => b.top >= firstBottom) ? 2 : 1,
      height: row.getBoundingClientRect().height,
      top,
    };
  });
}

/** The page is no wider than the screen. */
async function scrollsSideways(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}

/** The element's box lies wholly inside the screen as it is scrolled now. */
async function onScreen(locator: Locator) {
  return locator.evaluate((el) => {
    const box = el.getBoundingClientRect();
    return (
      box.top >= 0 && box.bottom <= window.innerHeight && box.left >= 0 && box.right <= window.innerWidth
    );
  });
}

describe("the shop on a phone", () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const problems: PageProblem[][] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer("sqlite", {}, { demo: true }), launchBrowser()]);
  });

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.close();
  });

  const newPage = (viewport: { width: number; height: number }) =>
    openAt(browser, server.url, viewport, { contexts, problems });

  async function signIn(page: Page, email: string) {
    await page.goto(`/login`);
    await waitForHydration(page);
    const form = page.locator("main form");
    await field(form, viAuth.fields.email).fill(email);
    await field(form, viAuth.fields.password).fill(DEMO_PASSWORD);
    await form.getByRole("button", { name: viAuth.login.submit, exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/");
  }

  it("searches from a one-row header, filters in a drawer and finds the first result on the first screen", async () => {
    const { page, seen } = await newPage(PHONE);
    await step(page, "phone-search", async () => {
      await page.goto("/");
      await waitForHydration(page);
      const header = await headerRows(page);
      expect(header.rows).toBe(1);
      expect(header.height).toBeLessThan(72);
      expect(await scrollsSideways(page)).toBe(false);

      // The sections are behind the menu button; the main navigation is not on the row.
      expect(await page.getByRole("navigation", { name: viCommon.nav.main, exact: true }).count()).toBe(0);
      await page.locator("details.sections-menu > summary").click();
      const sections = page.getByRole("navigation", { name: viCommon.nav.main, exact: true });
      await sections.getByRole("link", { name: viCommon.nav.cooperatives, exact: true }).waitFor();
      await page.keyboard.press("Escape");
      await sections.waitFor({ state: "hidden" });

      const box = page.getByRole("combobox", { name: viCatalogue.search.label, exact: true });
      await box.fill("tra tan cuong");
      await box.press("Enter");
      await page.waitForURL(
        (url) => url.pathname === "/products" && url.searchParams.get("q") === "tra tan cuong",
      );
      const cards = page.locator(".results article.product-card");
      await cards.first().waitFor();
      // The first result starts on the first screen (it was 1,400 px down with every filter open above it).
      const first = await cards.first().boundingBox();
      expect(first!.y).toBeLessThan(PHONE.height - 100);
      expect(await scrollsSideways(page)).toBe(false);
    });

    await step(page, "phone-filter-drawer", async () => {
      const toggle = page.getByRole("link", { name: viCatalogue.list.filter, exact: true });
      const drawer = page.locator("#filters");
      expect(await drawer.isVisible()).toBe(false);
      const before = await textOf(page.locator(".result-count"));
      // Scroll a little: picking a filter must not move the page back to the top.
      await page.mouse.wheel(0, 300);
      await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(100);
      const scrolled = await page.evaluate(() => window.scrollY);

      await toggle.click();
      await drawer.waitFor({ state: "visible" });
      expect(await toggle.getAttribute("aria-expanded")).toBe("true");
      // Focus moves into the drawer, onto its heading.
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("filters-title");
      const drawerBox = await drawer.boundingBox();
      expect(drawerBox).toMatchObject({ x: 0, y: 0, width: PHONE.width });

      // Only options that leave results are offered: every count shown is above zero.
      const counts = (await drawer.locator(".facet-count").allInnerTexts()).map((s) =>
        Number(s.replace(/\D/g, "")),
      );
      expect(counts.length).toBeGreaterThan(0);
      expect(counts.every((n) => n > 0)).toBe(true);

      const fourStars = interpolate(viCatalogue.facet.ocopMin, { stars: 4 });
      const ocop = drawer.getByRole("link", { name: new RegExp(`^${escapeRegExp(fourStars)} \\(\\d+\\)$`) });
      await ocop.click();
      await page.waitForURL((url) => url.searchParams.get("ocop_min") === "4");
      // Still open over the results, and the results behind it were not scrolled back to the top. (The chip that
      // appears above the results may move them by its height: Chromium keeps what was on screen in place.)
      await drawer.locator(".facet-active").waitFor();
      expect(await drawer.isVisible()).toBe(true);
      expect(Math.abs((await page.evaluate(() => window.scrollY)) - scrolled)).toBeLessThan(80);

      const show = drawer.getByRole("link", { name: /^Xem \d+ sản phẩm$/ });
      await show.click();
      await drawer.waitFor({ state: "hidden" });
      expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe(
        interpolate(viCatalogue.list.filterCount_other, { count: 1 }),
      );
      expect(await textOf(page.locator(".result-count"))).not.toBe(before);

      // The active filter is a chip above the results; removing it brings the results back.
      const chips = page.getByRole("list", { name: viCatalogue.list.activeFilters, exact: true });
      const chip = chips.getByRole("link", {
        name: interpolate(viCommon.removeFilter, { filter: fourStars }),
        exact: true,
      });
      await chip.click();
      await page.waitForURL((url) => !url.searchParams.has("ocop_min"));
      await expect.poll(() => textOf(page.locator(".result-count"))).toBe(before);
      expect(await page.getByRole("link", { name: viCatalogue.list.filter, exact: true }).isVisible()).toBe(
        true,
      );

      // The sort and filter bar stays on screen while the results scroll under it.
      await page.mouse.wheel(0, 1500);
      await expect.poll(() => onScreen(page.locator(".result-bar"))).toBe(true);
    });
    expect(seen).toEqual([]);
  });

  it("keeps price, quantity and add-to-cart on screen on a product page, from arrival to the last line", async () => {
    const { page, seen } = await newPage(PHONE);
    await step(page, "phone-product", async () => {
      await page.goto("/products?q=tra tan cuong");
      await waitForHydration(page);
      const card = page.locator(".results article.product-card").first();
      const name = (await textOf(card.locator("h3"))).trim();
      await card.locator("h3 a").click();
      await page.waitForURL((url) => url.pathname.startsWith("/products/"));
      await waitForHeading(page, name);

      const form = page.locator("form.cart-add");
      const add = form.getByRole("button", { name: viShop.add.submit, exact: true });
      const quantity = form.getByRole("spinbutton");
      expect(await onScreen(add)).toBe(true);
      expect(await onScreen(quantity)).toBe(true);
      expect(await onScreen(form.locator(".cart-add-price .price"))).toBe(true);

      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(500);
      expect(await onScreen(add)).toBe(true);
      // The bar covers nothing: the footer's last line ends above it.
      const footer = await page.locator("footer.site-footer").boundingBox();
      const bar = await form.boundingBox();
      expect(await scrollsSideways(page)).toBe(false);
      expect(footer!.y).toBeLessThan(bar!.y);

      await quantity.fill("2");
      await add.click();
      expect(plain(await textOf(form.getByRole("status")))).toBe(
        `${interpolate(viShop.add.added, { name })} ${viShop.add.viewCart}`,
      );
      await expect
        .poll(() => page.locator("header.site-header a.cart-link").getAttribute("aria-label"))
        .toBe(interpolate(viShop.header.cart_other, { count: 2 }));
    });

    await step(page, "phone-cart", async () => {
      await page.locator("header.site-header a.cart-link").click();
      await page.waitForURL((url) => url.pathname === "/cart");
      await waitForHeading(page, viShop.cart.title);
      // A new quantity applies by itself: there is no button to press.
      expect(await page.getByRole("button", { name: viShop.cart.update, exact: true }).count()).toBe(0);
      const quantity = page.locator("li.cart-line").getByRole("spinbutton");
      await quantity.fill("3");
      await waitForStatus(page, viShop.cart.done.updated);
      await expect
        .poll(() => page.locator("header.site-header a.cart-link").getAttribute("aria-label"))
        .toBe(interpolate(viShop.header.cart_other, { count: 3 }));
      expect(await quantity.inputValue()).toBe("3");
      expect(await scrollsSideways(page)).toBe(false);
    });
    expect(seen).toEqual([]);
  });

  it("shows no page wider than a phone", async () => {
    const { page, seen } = await newPage(PHONE);
    await step(page, "phone-widths", async () => {
      const fair = await server.container.db.models.Fair.findOne({ where: { status: "open" } });
      const paths = [
        "/",
        "/products",
        "/products?q=chè",
        "/cooperatives",
        "/fairs",
        "/login",
        "/register",
        "/cart",
      ];
      if (fair) paths.push(`/fairs/${fair.slug}`);
      for (const path of paths) {
        await page.goto(path);
        await waitForHydration(page);
        expect({ path, sideways: await scrollsSideways(page) }).toEqual({ path, sideways: false });
        expect({ path, rows: (await headerRows(page)).rows }).toEqual({ path, rows: 1 });
      }
    });
    expect(seen).toEqual([]);
  });

  it("shows a buyer's orders as cards whose status badge leaves room for the total", async () => {
    const { page, seen } = await newPage(PHONE);
    await step(page, "phone-orders", async () => {
      await signIn(page, DEMO_ACCOUNTS.buyer.email);
      await page.goto("/orders");
      await waitForHydration(page);
      const rows = page.locator("li.shop-order-row");
      expect(await rows.count()).toBeGreaterThan(2);
      const overlaps = await rows.evaluateAll(
        (lis) =>
          lis.filter((li) => {
            const badge = li.querySelector(".shop-order-row-status .badge")!.getBoundingClientRect();
            const total = li.querySelector(".shop-order-row-total")!;
            // Every line of the total (the amount, the item count and payment method) against the badge.
            return [...total.querySelectorAll("strong, span")].some((el) => {
              const box = el.getBoundingClientRect();
              return (
                box.left < badge.right &&
                badge.left < box.right &&
                box.top < badge.bottom &&
                badge.top < box.bottom
              );
            });
          }).length,
      );
      expect(overlaps).toBe(0);
      expect(await scrollsSideways(page)).toBe(false);
    });
    expect(seen).toEqual([]);
  });

  it("keeps the header to one row on a laptop, signed in as a buyer, a cooperative member and staff", async () => {
    for (const [who, account] of [
      ["buyer", DEMO_ACCOUNTS.buyer],
      ["cooperative", DEMO_ACCOUNTS.cooperative],
      ["staff", DEMO_ACCOUNTS.staff],
    ] as const) {
      const { page, seen } = await newPage(LAPTOP);
      await step(page, `laptop-${who}`, async () => {
        await signIn(page, account.email);
        const header = await headerRows(page);
        expect({ who, rows: header.rows }).toEqual({ who, rows: 1 });
        expect(await scrollsSideways(page)).toBe(false);
        // Every section is a link on the row itself.
        const main = page.getByRole("navigation", { name: viCommon.nav.main, exact: true });
        expect(await main.getByRole("link").count()).toBe(5);
        const menu = await openAccountMenu(page);
        if (who === "cooperative") {
          // The cooperative's pages are in its workspace, reached from the account menu.
          await menu.getByRole("link", { name: viCommon.nav.myCooperative, exact: true }).click();
          await page.waitForURL((url) => url.pathname === "/cooperative");
          const nav = workspaceNav(page);
          await nav.waitFor();
          expect(await nav.getByRole("link").count()).toBe(11);
          await nav.getByRole("link", { name: viCommon.nav.myProducts, exact: true }).click();
          await page.waitForURL((url) => url.pathname === "/cooperative/products");
          await expect
            .poll(() =>
              nav
                .getByRole("link", { name: viCommon.nav.myProducts, exact: true })
                .getAttribute("aria-current"),
            )
            .toBe("page");
          expect((await headerRows(page)).rows).toBe(1);
          expect(await scrollsSideways(page)).toBe(false);
        }
      });
      expect(seen).toEqual([]);
    }
  });
});
