import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import enCommon from "../../app/locales/en/common.json";
import enCooperatives from "../../app/locales/en/cooperatives.json";
import enGeo from "../../app/locales/en/geo.json";
import enHome from "../../app/locales/en/home.json";
import viAuth from "../../app/locales/vi/auth.json";
import viCommon from "../../app/locales/vi/common.json";
import viCooperatives from "../../app/locales/vi/cooperatives.json";
import viErrors from "../../app/locales/vi/errors.json";
import viGeo from "../../app/locales/vi/geo.json";
import viNotifications from "../../app/locales/vi/notifications.json";
import viStaff from "../../app/locales/vi/staff.json";
import { makeUser, PASSWORD } from "../support/factories";
import { startTestServer, type TestServer } from "../support/server";
import {
  launchBrowser,
  newVietnameseContext,
  watchPage,
  type PageProblem,
  chooseWard,
  field,
  waitForHydration,
  waitForHeading,
  waitForStatus,
  textOf,
  step,
  logOut,
  openAccountMenu,
  openWorkspace,
} from "./browser";
import { interpolate } from "../support/text";

/**
 * The cooperative onboarding journey, clicked through in a real Chromium:
 * a cooperative registers (after one rejected attempt), staff approve it, and the public finds it in English.
 */

const COOP = {
  name: "HTX Chè Xanh Hùng Sơn",
  province: "Thái Nguyên",
  provinceCode: "19",
  // The former town of Hùng Sơn lies in Xã Đại Từ since 1 July 2025.
  ward: interpolate(viGeo.wardKind.xa, { name: "Đại Từ" }),
  wardEn: interpolate(enGeo.wardKind.xa, { name: "Đại Từ" }),
  wardCode: "05830",
  address: "Xóm Đồng Tâm",
  descriptionVi: "HTX trồng và chế biến chè xanh Đại Từ theo tiêu chuẩn VietGAP, sản phẩm đạt OCOP 4 sao.",
  representative: "Nguyễn Thị Hoa",
  badPhone: "12345",
  goodPhone: "0208 3855 123",
};
const MEMBER = {
  fullName: "Nguyễn Thị Hoa",
  email: `hoa.${Date.now()}@chexanh.example`,
  password: "mat-khau-an-toan",
};

/** The consent box's accessible name: its label, the link to the privacy notice read as text. */
const CONSENT = viAuth.register.consent.replace(/<\/?notice>/g, "");

async function waitForHtmlLang(page: Page, lang: string) {
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
}

async function selectedText(select: Locator) {
  return select.evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.textContent?.trim() ?? "");
}

describe("cooperative onboarding in the browser", () => {
  let server: TestServer;
  let browser: Browser;
  let staffEmail: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    const staff = await makeUser(server.container, { role: "staff", fullName: "Trần Văn Bình" });
    staffEmail = staff.email;
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await server?.close();
  });

  // One context for the visitor who registers and, after logging out, for the staff member.
  let page: Page;
  let problems: PageProblem[];
  // Later steps build on earlier ones: when one fails, the next ones are skipped rather than failing twice.
  let registered = false;
  let approved = false;

  it("registers a cooperative: a bad phone comes back with the input kept, the fixed form lands on the dashboard", async () => {
    const context = await newVietnameseContext(browser, server.url);
    contexts.push(context);
    page = await context.newPage();
    // The rejected submission is answered 400 on purpose (Remix's data request for the register action).
    const isRejectedRegistration = (p: PageProblem) =>
      (p.kind === "http" && /^POST .*\/register\?.*→ 400$/.test(p.text)) ||
      (p.kind === "console" && /status of 400/.test(p.text) && /\/register\?/.test(p.text));
    problems = watchPage(page, [isRejectedRegistration]);

    await step(page, "register", async () => {
      await page.goto("/register?as=cooperative");
      await waitForHydration(page);
      expect(await page.locator("html").getAttribute("lang")).toBe("vi");
      await waitForHeading(page, viAuth.register.title);
      expect(
        await page
          .getByRole("link", { name: viAuth.register.asCooperative, exact: true })
          .getAttribute("aria-current"),
      ).toBe("page");

      const form = page.locator("main form");
      await field(form, viAuth.fields.fullName).fill(MEMBER.fullName);
      await field(form, viAuth.fields.email).fill(MEMBER.email);
      await field(form, viAuth.fields.password).fill(MEMBER.password);
      await field(form, viAuth.fields.passwordConfirm).fill(MEMBER.password);
      await field(form, viCooperatives.fields.name).fill(COOP.name);
      // Choosing the province loads its wards into the ward list.
      const ward = await chooseWard(form, { province: COOP.province, ward: COOP.ward });
      await field(form, viCooperatives.fields.address).fill(COOP.address);
      await field(form, viCooperatives.fields.foundedYear).fill("2012");
      await field(form, viCooperatives.fields.memberCount).fill("28");
      await form.getByRole("checkbox", { name: viCooperatives.sector.tea, exact: true }).check();
      await form.getByRole("checkbox", { name: viCooperatives.sector.honey_bee, exact: true }).check();
      await field(form, viCooperatives.fields.descriptionVi).fill(COOP.descriptionVi);
      // The English description stays empty on purpose.
      await field(form, viCooperatives.fields.representative).fill(COOP.representative);
      const coopPhone = field(form, viCooperatives.fields.phone);
      await coopPhone.fill(COOP.badPhone);
      // Consent is asked for, never assumed: the box starts unticked.
      const consent = form.getByRole("checkbox", { name: CONSENT, exact: true });
      expect(await consent.isChecked()).toBe(false);
      await consent.check();

      const submit = form.getByRole("button", { name: viAuth.register.submitCooperative, exact: true });
      const rejected = page.waitForResponse(
        (r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/register",
      );
      await submit.click();
      expect((await rejected).status()).toBe(400);

      // The server's message sits beside the field, and the field says it is invalid.
      const message = form.locator("#cooperativePhone-error");
      expect(await textOf(message)).toBe(viErrors.phone);
      expect(await message.getAttribute("role")).toBe("alert");
      expect(await coopPhone.getAttribute("aria-invalid")).toBe("true");
      expect((await coopPhone.getAttribute("aria-describedby"))?.split(" ")).toContain(
        "cooperativePhone-error",
      );
      expect(await textOf(form.locator(".form-error"))).toBe(
        interpolate(viErrors.form_has_errors_other, { count: 1 }),
      );
      // Exactly one field was refused.
      expect(await form.locator("[aria-invalid='true']").count()).toBe(1);
      expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe("/register?as=cooperative");

      // Everything else the visitor typed or chose is still there.
      expect(await field(form, viAuth.fields.fullName).inputValue()).toBe(MEMBER.fullName);
      expect(await field(form, viAuth.fields.email).inputValue()).toBe(MEMBER.email);
      expect(await field(form, viCooperatives.fields.name).inputValue()).toBe(COOP.name);
      const province = field(form, viGeo.province);
      expect(await province.inputValue()).toBe(COOP.provinceCode);
      expect(await selectedText(province)).toBe(COOP.province);
      expect(await ward.inputValue()).toBe(COOP.wardCode);
      expect(await selectedText(ward)).toBe(COOP.ward);
      expect(await field(form, viCooperatives.fields.address).inputValue()).toBe(COOP.address);
      expect(
        await form.getByRole("checkbox", { name: viCooperatives.sector.tea, exact: true }).isChecked(),
      ).toBe(true);
      expect(
        await form.getByRole("checkbox", { name: viCooperatives.sector.honey_bee, exact: true }).isChecked(),
      ).toBe(true);
      expect(
        await form.getByRole("checkbox", { name: viCooperatives.sector.spices, exact: true }).isChecked(),
      ).toBe(false);
      expect(await field(form, viCooperatives.fields.descriptionVi).inputValue()).toBe(COOP.descriptionVi);
      expect(await coopPhone.inputValue()).toBe(COOP.badPhone);
      expect(await consent.isChecked()).toBe(true);
      expect(await server.container.db.models.User.count({ where: { email: MEMBER.email } })).toBe(0);

      // Fix the phone and send again.
      await coopPhone.fill(COOP.goodPhone);
      await submit.click();
      await page.waitForURL(
        (url) => url.pathname === "/cooperative" && url.searchParams.get("registered") === "1",
      );
      await waitForHeading(page, COOP.name);
      await waitForStatus(page, viCooperatives.dashboard.registered);
      const statusCard = page.locator("section.status-card");
      expect(await textOf(statusCard.getByRole("heading", { level: 2 }))).toBe(
        `${viCooperatives.dashboard.statusTitle}: ${viCooperatives.status.pending}`,
      );
      expect(
        await textOf(statusCard.getByText(viCooperatives.dashboard.statusBody.pending, { exact: true })),
      ).toBe(viCooperatives.dashboard.statusBody.pending);
      const menu = await openAccountMenu(page);
      expect(
        await menu.getByRole("link", { name: viCommon.nav.myCooperative, exact: true }).isVisible(),
      ).toBe(true);
    });

    const coop = await server.container.db.models.Cooperative.findOne({ where: { name: COOP.name } });
    expect(coop).toMatchObject({
      status: "pending",
      provinceCode: COOP.provinceCode,
      wardCode: COOP.wardCode,
      descriptionEn: null,
      phone: "02083855123",
    });
    expect(problems).toEqual([]);
    registered = true;
  });

  it("logs out, then staff log in, open the review queue and approve the new cooperative", async (ctx) => {
    if (!registered) return ctx.skip("the registration step failed");
    await step(page, "staff-review", async () => {
      await logOut(page);
      const menu = await openAccountMenu(page);
      await menu.getByRole("link", { name: viCommon.nav.login, exact: true }).waitFor();
      expect(await menu.getByRole("link", { name: viCommon.nav.myCooperative, exact: true }).count()).toBe(0);

      await menu.getByRole("link", { name: viCommon.nav.login, exact: true }).click();
      await page.waitForURL((url) => url.pathname === "/login");
      await waitForHeading(page, viAuth.login.title);
      const form = page.locator("main form");
      await field(form, viAuth.fields.email).fill(staffEmail);
      await field(form, viAuth.fields.password).fill(PASSWORD);
      await form.getByRole("button", { name: viAuth.login.submit, exact: true }).click();
      await page.waitForURL((url) => url.pathname === "/");

      await openWorkspace(page, viCommon.nav.staff);
      await page.waitForURL((url) => url.pathname === "/staff");
      await waitForHeading(page, viStaff.overview.title);
      const consoleNav = page.getByRole("navigation", { name: viStaff.console, exact: true });
      const badge = consoleNav.getByLabel(interpolate(viStaff.pendingCount_other, { count: 1 }), {
        exact: true,
      });
      expect(await textOf(badge)).toBe("1");

      await consoleNav.getByRole("link", { name: new RegExp(`^${viStaff.nav.cooperatives}`) }).click();
      await page.waitForURL((url) => url.pathname === "/staff/cooperatives");
      await waitForHeading(page, viStaff.review.title);
      const item = page.getByRole("listitem", { name: COOP.name, exact: true });
      expect(await textOf(item.getByRole("heading", { level: 2 }))).toBe(COOP.name);
      expect(await textOf(item.locator("p.muted"))).toContain(`${COOP.ward}, ${COOP.province}`);
      expect(await textOf(item.locator("p[lang='vi']"))).toBe(COOP.descriptionVi);

      await item.getByRole("button", { name: viStaff.review.approve, exact: true }).click();
      await page.waitForURL(
        (url) => url.pathname === "/staff/cooperatives" && url.searchParams.get("done") === "approved",
      );
      await waitForStatus(page, viStaff.review.done.approved);
      expect(await textOf(page.getByText(viStaff.review.empty.pending, { exact: true }))).toBe(
        viStaff.review.empty.pending,
      );
      expect(await page.getByRole("listitem", { name: COOP.name, exact: true }).count()).toBe(0);
    });

    const coop = await server.container.db.models.Cooperative.findOne({ where: { name: COOP.name } });
    expect(coop?.status).toBe("approved");
    expect(problems).toEqual([]);
    approved = true;

    // The outbox delivers the decision to the cooperative's member, in the language they registered in.
    await server.container.worker.drain();
    const toMember = server.container.sender.sent.filter((m) => m.to === MEMBER.email);
    expect(toMember).toEqual([
      expect.objectContaining({
        channel: "email",
        subject: interpolate(viNotifications.cooperative_approved.subject, { cooperative: COOP.name }),
        body: interpolate(viNotifications.cooperative_approved.body, {
          name: MEMBER.fullName,
          cooperative: COOP.name,
        }),
      }),
    ]);
    // Staff had been told about the new registration too.
    expect(server.container.sender.sent).toContainEqual(
      expect.objectContaining({
        to: staffEmail,
        subject: interpolate(viNotifications.cooperative_pending_review.subject, { cooperative: COOP.name }),
      }),
    );
  });

  it("lets the public switch to English, filter the directory by province and read the profile", async (ctx) => {
    if (!approved) return ctx.skip("the approval step failed");
    const context = await newVietnameseContext(browser, server.url);
    contexts.push(context);
    const visitor = await context.newPage();
    const visitorProblems = watchPage(visitor);

    await step(visitor, "public-english", async () => {
      await visitor.goto("/");
      await waitForHydration(visitor);
      expect(await visitor.locator("html").getAttribute("lang")).toBe("vi");
      const langSwitch = (await openAccountMenu(visitor)).getByRole("form", {
        name: viCommon.language.label,
      });
      await langSwitch.getByRole("button", { name: "EN", exact: true }).click();
      await waitForHtmlLang(visitor, "en");
      await waitForHeading(visitor, enHome.hero.title);
      const mainNav = visitor.getByRole("navigation", { name: enCommon.nav.main, exact: true });
      const header = await openAccountMenu(visitor);
      expect(await header.getByRole("button", { name: "EN", exact: true }).getAttribute("aria-pressed")).toBe(
        "true",
      );
      expect(await header.getByRole("button", { name: "VI", exact: true }).getAttribute("aria-pressed")).toBe(
        "false",
      );
      expect(await textOf(header.getByRole("link", { name: enCommon.nav.login, exact: true }))).toBe(
        enCommon.nav.login,
      );

      await mainNav.getByRole("link", { name: enCommon.nav.cooperatives, exact: true }).click();
      await visitor.waitForURL((url) => url.pathname === "/cooperatives");
      expect(await visitor.locator("html").getAttribute("lang")).toBe("en");
      await waitForHeading(visitor, enCooperatives.directory.title);

      const province = field(visitor.getByRole("search"), enCooperatives.fields.province, enCommon.optional);
      await province.selectOption({ label: `${COOP.province} (1)` });
      await visitor.waitForURL(
        (url) => url.pathname === "/cooperatives" && url.searchParams.get("province") === COOP.provinceCode,
      );
      const activeFilter = visitor.getByRole("link", {
        name: interpolate(enCommon.removeFilter, { filter: COOP.province }),
        exact: true,
      });
      await activeFilter.waitFor();
      expect(
        await textOf(
          visitor.getByText(interpolate(enCooperatives.directory.count_one, { count: 1 }), { exact: true }),
        ),
      ).toBe("1 cooperative");
      expect(await province.inputValue()).toBe(COOP.provinceCode);

      const card = visitor
        .locator("article.coop-card")
        .filter({ has: visitor.getByRole("link", { name: COOP.name, exact: true }) });
      expect(await textOf(card.locator("p.muted"))).toBe(`${COOP.wardEn}, ${COOP.province}`);
      expect(await card.locator(".coop-summary").getAttribute("lang")).toBe("vi");
      await card.getByRole("link", { name: COOP.name, exact: true }).click();
      await visitor.waitForURL(
        (url) => url.pathname.startsWith("/cooperatives/") && url.pathname !== "/cooperatives/",
      );
      await waitForHeading(visitor, COOP.name);
      expect(await visitor.title()).toBe(`${COOP.name} · HTX Connect`);
      const about = visitor.getByRole("region", { name: enCooperatives.profile.about, exact: true });
      expect(await textOf(about.getByText(enCooperatives.profile.onlyVietnamese, { exact: true }))).toBe(
        enCooperatives.profile.onlyVietnamese,
      );
      const description = about.locator("p.prose");
      expect(await textOf(description)).toBe(COOP.descriptionVi);
      expect(await description.getAttribute("lang")).toBe("vi");
      // Approved profiles carry no status notice.
      expect(await visitor.getByRole("status").count()).toBe(0);
      expect(await visitor.locator("html").getAttribute("lang")).toBe("en");
    });

    expect(visitorProblems).toEqual([]);
  });
});
