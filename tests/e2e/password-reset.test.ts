import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import viAccount from "../../app/locales/vi/account.json";
import viAuth from "../../app/locales/vi/auth.json";
import viCommon from "../../app/locales/vi/common.json";
import viErrors from "../../app/locales/vi/errors.json";
import { makeUser, PASSWORD } from "../support/factories";
import { startTestServer, type TestServer } from "../support/server";
import { deliverAsConfigured, resetLinkIn, startTestMailServer, type TestMailServer } from "../support/smtp";
import { interpolate } from "../support/text";
import {
  field,
  logOut,
  openAccountMenu,
  launchBrowser,
  newVietnameseContext,
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

const NEW_PASSWORD = "che-tan-cuong-2026";

/**
 * A member who forgot their password gets it back from the mail they receive: the request on the page, the message
 * through a real SMTP server, the link, the new password, and a session that works with it.
 */
describe("password recovery in the browser", () => {
  let server: TestServer;
  let mail: TestMailServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let email: string;

  beforeAll(async () => {
    mail = await startTestMailServer();
    [server, browser] = await Promise.all([
      startTestServer("sqlite", {
        SMTP_URL: mail.url,
        MAIL_FROM: "HTX Connect <no-reply@htxconnect.test>",
        JOBS_POLL_MS: "100",
      }),
      launchBrowser(),
    ]);
    deliverAsConfigured(server.container);
    // The outbox runs by itself, as in production: nothing in the test hands the mail over.
    server.container.worker.start();
    const user = await makeUser(server.container, { fullName: "Lò Thị Xuân", locale: "vi" });
    email = user.email;
  });

  afterAll(async () => {
    await context?.close().catch(() => {});
    await browser?.close();
    await server?.close();
    await mail?.close();
  });

  it("resets a forgotten password from the mailed link and signs in with it", async () => {
    context = await newVietnameseContext(browser, server.url);
    page = await context.newPage();
    // The mismatched passwords are answered 400 on purpose (Remix's data request for the reset action).
    const isRefusedReset = (p: PageProblem) =>
      (p.kind === "http" && /^POST .*\/reset-password\/\S+ → 400$/.test(p.text)) ||
      (p.kind === "console" && /status of 400/.test(p.text) && /\/reset-password\//.test(p.text));
    const problems = watchPage(page, [isRefusedReset]);
    watchTraffic(page);

    await step(page, "request", async () => {
      await page.goto("/login");
      await waitForHydration(page);
      await page.getByRole("link", { name: viAuth.login.forgotLink, exact: true }).click();
      await waitForHeading(page, viAuth.forgot.title);
      await field(page.locator("main form"), viAuth.fields.email).fill(email);
      await page.getByRole("button", { name: viAuth.forgot.submit, exact: true }).click();
      await waitForStatus(page, interpolate(viAuth.forgot.sent, { email, minutes: 60 }));
    });

    let link = "";
    await step(page, "mail", async () => {
      await expect.poll(() => mail.to(email).length, { timeout: 15_000 }).toBe(1);
      const received = mail.to(email)[0]!.mail;
      expect(received.subject).toBe("Đặt lại mật khẩu HTX Connect");
      expect(received.text).toContain("Chào Lò Thị Xuân");
      link = resetLinkIn(received);
      expect(new URL(link).origin).toBe(server.url);
    });

    await step(page, "reset", async () => {
      await page.goto(link);
      await waitForHydration(page);
      await waitForHeading(page, viAuth.reset.title);
      const form = page.locator("main form");
      const password = field(form, viAuth.reset.newPassword);
      const confirm = field(form, viAuth.fields.passwordConfirm);
      await password.fill(NEW_PASSWORD);
      await confirm.fill("khong-giong");
      const submit = form.getByRole("button", { name: viAuth.reset.submit, exact: true });
      const refused = page.waitForResponse(
        (r) => r.request().method() === "POST" && new URL(r.url()).pathname.startsWith("/reset-password/"),
      );
      await submit.click();
      expect((await refused).status()).toBe(400);
      expect(await textOf(form.locator("#passwordConfirm-error"))).toBe(viErrors.password_mismatch);
      expect(await confirm.getAttribute("aria-invalid")).toBe("true");
      // Remix reloads the page's data after the refused submission; submitting again while that is under way
      // cancels it (an aborted request the watcher would report), as a person typing this fast never would.
      await waitUntilQuiet(page);

      await password.fill(NEW_PASSWORD);
      await confirm.fill(NEW_PASSWORD);
      await submit.click();
      await page.waitForURL((url) => url.pathname === "/account");
      await waitForHeading(page, viAccount.title);
      await waitForStatus(page, viAccount.saved.passwordReset);
    });

    await step(page, "log in again", async () => {
      await logOut(page);
      await (
        await openAccountMenu(page)
      )
        .getByRole("link", { name: viCommon.nav.login, exact: true })
        .click();
      await page.waitForURL((url) => url.pathname === "/login");
      await waitForHeading(page, viAuth.login.title);
      const form = page.locator("main form");
      await field(form, viAuth.fields.email).fill(email);
      await field(form, viAuth.fields.password).fill(NEW_PASSWORD);
      await form.getByRole("button", { name: viAuth.login.submit, exact: true }).click();
      await page.waitForURL((url) => url.pathname === "/");
      // Signed in: the account menu's button is named after her, and opens on her account.
      expect(await textOf(page.locator("header.site-header details.account-menu > summary"))).toMatch(/Xuân/);
      await (
        await openAccountMenu(page)
      )
        .getByRole("link", { name: viCommon.nav.account, exact: true })
        .click();
      await page.waitForURL((url) => url.pathname === "/account");
      await waitForHeading(page, viAccount.title);
    });

    // The old password is gone, and the link cannot be used twice.
    await expect(
      server.container.services.accounts.login({
        form: { email, password: PASSWORD },
        meta: { ip: null, userAgent: null, locale: "vi" },
      }),
    ).rejects.toMatchObject({ fields: { _form: { code: "invalid_credentials" } } });
    const again = await fetch(link);
    expect(again.status).toBe(410);
    expect(problems).toEqual([]);
  });
});
