import {
  chromium,
  type Browser,
  type BrowserContext,
  type ConsoleMessage,
  type Locator,
  type Page,
} from "playwright-core";
import viAuth from "../../app/locales/vi/auth.json";
import viCommon from "../../app/locales/vi/common.json";
import viGeo from "../../app/locales/vi/geo.json";
import { PASSWORD } from "../support/factories";
import { escapeRegExp } from "../support/text";

/** Debian's Chromium, headless; never a Playwright-downloaded browser. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** A context whose first request says Accept-Language: vi-VN, so the app starts in Vietnamese. */
export async function newVietnameseContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL, locale: "vi-VN" });
  // Well under the test timeout, so a missing element fails with its own message.
  context.setDefaultTimeout(15_000);
  return context;
}

/** The two screens the issues name: a 390 px phone and a 1366 px laptop. */
export const PHONE = { width: 390, height: 844 };
export const LAPTOP = { width: 1366, height: 768 };

/**
 * A page in a context of its own at `viewport` (a phone's touches, as a phone does), in Vietnamese, watched for
 * problems. The context and the problems are added to the test file's lists, for closing and checking at the end.
 */
export async function openAt(
  browser: Browser,
  baseURL: string,
  viewport: { width: number; height: number },
  keep: { contexts: BrowserContext[]; problems: PageProblem[][] },
): Promise<{ page: Page; seen: PageProblem[] }> {
  const phone = viewport.width < 600;
  const context = await browser.newContext({
    baseURL,
    locale: "vi-VN",
    viewport,
    isMobile: phone,
    hasTouch: phone,
  });
  context.setDefaultTimeout(15_000);
  keep.contexts.push(context);
  const page = await context.newPage();
  const seen = watchPage(page);
  keep.problems.push(seen);
  return { page, seen };
}

export interface PageProblem {
  kind: "console" | "pageerror" | "requestfailed" | "http";
  page: string;
  text: string;
}

/**
 * Remix asks for the route manifest of links a page has just shown (lazy route discovery) in the background; a
 * test that goes to another page by address right after a client-side navigation leaves that request behind,
 * and Chromium reports it aborted. Nothing the visitor sees fails: the next page loads its own manifest.
 */
const manifestPrefetchLeftBehind = (p: PageProblem) =>
  p.kind === "requestfailed" && /^GET \S+\/__manifest\?\S* — net::ERR_ABORTED$/.test(p.text);

/**
 * Pictures still downloading when a test goes to another page by address are cancelled the same way (the home
 * page's hero pictures load at once, and signing in lands there), and so is the favicon the browser asks for
 * after the page. A picture that is missing is an HTTP 404 instead.
 */
const pictureLeftBehind = (p: PageProblem) =>
  p.kind === "requestfailed" && /^GET \S+\/(uploads\/\S+|favicon\.svg) — net::ERR_ABORTED$/.test(p.text);

/**
 * Collects everything that went wrong while a page was in use: console errors, uncaught exceptions,
 * requests that failed at the network level and responses with an error status. `allow` lets a test
 * declare the few problems it provokes on purpose (e.g. the 400 of a rejected form submission).
 */
export function watchPage(page: Page, allow: Array<(p: PageProblem) => boolean> = []) {
  const problems: PageProblem[] = [];
  const add = (p: PageProblem) => {
    if (!allow.some((ok) => ok(p)) && !manifestPrefetchLeftBehind(p) && !pictureLeftBehind(p))
      problems.push(p);
  };
  page.on("console", (msg: ConsoleMessage) => {
    if (msg.type() === "error")
      add({ kind: "console", page: page.url(), text: `${msg.text()} @ ${msg.location().url}` });
  });
  page.on("pageerror", (error) =>
    add({ kind: "pageerror", page: page.url(), text: `${error.name}: ${error.message}` }),
  );
  page.on("requestfailed", (request) => {
    add({
      kind: "requestfailed",
      page: page.url(),
      text: `${request.method()} ${request.url()} — ${request.failure()?.errorText ?? "failed"}`,
    });
  });
  page.on("response", (response) => {
    if (response.status() >= 400) {
      add({
        kind: "http",
        page: page.url(),
        text: `${response.request().method()} ${response.url()} → ${response.status()}`,
      });
    }
  });
  return problems;
}

/** Best effort: a full-page screenshot in /tmp, so a failing run leaves something to look at. */
export async function screenshotOnFailure(page: Page | undefined, name: string): Promise<string | null> {
  if (!page || page.isClosed()) return null;
  const file = `/tmp/htx-e2e-${name}-${Date.now()}.png`;
  try {
    await page.screenshot({ path: file, fullPage: true, timeout: 5_000 });
    return file;
  } catch {
    return null;
  }
}

/**
 * A form control by its visible label. The label's text also holds the required marker (" *", hidden from
 * assistive technology) or the "(optional)" note, which getByLabel counts as part of the text.
 */
export function field(scope: Page | Locator, label: string, optional: string = viCommon.optional) {
  return scope.getByLabel(new RegExp(`^${escapeRegExp(label)}(?: \\*| \\(${escapeRegExp(optional)}\\))?$`));
}

/**
 * An address on the 2025 map, chosen as a visitor would: the province, then the ward by its label ("Xã Tân
 * Cương") once the ward select holds that province's wards, which the page fetches when the province changes.
 * Returns the ward select.
 */
export async function chooseWard(scope: Locator, place: { province: string; ward: string }) {
  await field(scope, viGeo.province).selectOption({ label: place.province });
  const ward = field(scope, viGeo.ward);
  await ward
    .locator("option")
    .filter({ hasText: new RegExp(`^\\s*${escapeRegExp(place.ward)}\\s*$`) })
    .waitFor({ state: "attached" });
  await ward.selectOption({ label: place.ward });
  return ward;
}

/** React has hydrated and committed: react-router's ScrollRestoration sets this in an effect. */
export async function waitForHydration(page: Page) {
  await page.waitForFunction(() => window.history.scrollRestoration === "manual");
}

/**
 * Client-side navigations change the URL before React has rendered the new page, so after waitForURL the
 * old page may still be on screen: wait for what the new page must show instead of reading what is there.
 */
export async function waitForHeading(page: Page, name: string) {
  await page.getByRole("heading", { level: 1, name, exact: true }).waitFor();
}

/** A live status message (role="status") with exactly this text. */
export async function waitForStatus(page: Page, text: string) {
  await page
    .getByRole("status")
    .filter({ hasText: new RegExp(`^\\s*${escapeRegExp(text)}\\s*$`) })
    .waitFor();
}

/** Wait until the locator is visible, then return its trimmed text. */
export async function textOf(locator: Locator) {
  await locator.waitFor({ state: "visible" });
  return (await locator.innerText()).trim();
}

/** Runs a step; on failure leaves a full-page screenshot in /tmp and names it in the error. */
export async function step(page: Page | undefined, name: string, body: () => Promise<void>) {
  try {
    await body();
  } catch (error) {
    const shot = await screenshotOnFailure(page, name);
    if (shot && error instanceof Error) error.message += `\n(screenshot: ${shot}, page: ${page?.url()})`;
    throw error;
  }
}

/**
 * The header's account menu, opened as a visitor opens it (its button): signing in or out, the language, and a
 * member's own pages. Returns the menu's panel.
 */
export async function openAccountMenu(page: Page) {
  const menu = page.locator("header.site-header details.account-menu");
  if (!(await menu.evaluate((details) => (details as HTMLDetailsElement).open)))
    await menu.locator("summary").click();
  const panel = menu.locator(".menu-panel");
  await panel.waitFor({ state: "visible" });
  return panel;
}

/** Log out through the account menu and land on the home page. */
export async function logOut(page: Page) {
  const menu = await openAccountMenu(page);
  await menu.getByRole("button", { name: viCommon.nav.logout, exact: true }).click();
  await page.waitForURL((url) => url.pathname === "/");
}

/** A workspace's own navigation, beside its pages: the cooperative's workspace or the staff console. */
export const workspaceNav = (page: Page) => page.locator("aside.console-nav nav");

/**
 * Open a page of the signed-in member's workspace as they would: the workspace from the account menu ("HTX của
 * tôi", the staff console), then the page from the workspace's navigation (none: its overview).
 */
export async function openWorkspace(page: Page, workspace: string, link?: string) {
  const menu = await openAccountMenu(page);
  await menu.getByRole("link", { name: workspace, exact: true }).click();
  await workspaceNav(page).waitFor();
  if (link) await workspaceNav(page).getByRole("link", { name: link, exact: true }).click();
}

/** Log in from the home page through the header's link, as a visitor would, and land back on the home page. */
export async function logIn(page: Page, email: string) {
  await page.goto("/");
  await waitForHydration(page);
  await (await openAccountMenu(page)).getByRole("link", { name: viCommon.nav.login, exact: true }).click();
  await page.waitForURL((url) => url.pathname === "/login");
  await waitForHeading(page, viAuth.login.title);
  const form = page.locator("main form");
  await field(form, viAuth.fields.email).fill(email);
  await field(form, viAuth.fields.password).fill(PASSWORD);
  await form.getByRole("button", { name: viAuth.login.submit, exact: true }).click();
  await page.waitForURL((url) => url.pathname === "/");
}

/** The site's main navigation. */
export const mainNav = (page: Page) => page.getByRole("navigation", { name: viCommon.nav.main });

/** The status badge of a row, a panel or a page, read as text. */
export const badgeIn = (scope: Locator) => scope.locator(".badge").first();

/** Requests each page has under way, and when one last started or ended (see watchTraffic). */
const traffic = new WeakMap<Page, { pending: Set<object>; last: number }>();

/** Start counting a page's requests, so that waitUntilQuiet can tell when it has settled. */
export function watchTraffic(page: Page) {
  const t = { pending: new Set<object>(), last: Date.now() };
  traffic.set(page, t);
  const done = (r: object) => {
    t.pending.delete(r);
    t.last = Date.now();
  };
  page.on("request", (r) => {
    t.pending.add(r);
    t.last = Date.now();
  });
  page.on("requestfinished", done);
  page.on("requestfailed", done);
}

/**
 * Leave a page only once it is quiet: after a client-side navigation Remix fetches the route manifest for the
 * links it now shows (100 ms after they render), and reloading in the middle would abort that request, a
 * failure the page did not make. Playwright's "networkidle" does not help: it belongs to the document, which
 * loaded long before. Quiet is nothing under way and nothing started or ended for 300 ms.
 */
export async function waitUntilQuiet(page: Page) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const t = traffic.get(page);
    if (!t || (t.pending.size === 0 && Date.now() - t.last >= 300)) return;
    if (Date.now() > deadline)
      throw new Error(`${page.url()} did not settle: ${t.pending.size} requests under way`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
