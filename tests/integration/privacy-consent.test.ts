import { afterAll, beforeAll, describe, expect, it } from "vitest";
import enPrivacy from "../../app/locales/en/privacy.json";
import viAuth from "../../app/locales/vi/auth.json";
import viCommon from "../../app/locales/vi/common.json";
import enErrors from "../../app/locales/en/errors.json";
import viErrors from "../../app/locales/vi/errors.json";
import viPrivacy from "../../app/locales/vi/privacy.json";
import { DIALECTS } from "../support/db";
import { cooperativeForm } from "../support/factories";
import { Browserless, startTestServer, type TestServer } from "../support/server";
import { html } from "../support/text";

/**
 * Personal data (Decree 13/2023/NĐ-CP): nobody gets an account without ticking the consent box, the time of
 * consent is kept, and the notice it links to can be read in both languages. Over HTTP, as a browser posts.
 */
describe.each(DIALECTS)("privacy notice and consent on %s", (dialect) => {
  let server: TestServer;
  let seq = 0;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(async () => server?.close());

  const visitor = (lang = "vi") => new Browserless(server.url, { "accept-language": lang });
  const buyerForm = (overrides: Record<string, string> = {}) => ({
    accountType: "buyer",
    fullName: "Vũ Thị Mai",
    email: `mai.${++seq}@example.com`,
    phone: "0300 000 123",
    password: "mat-khau-an-toan",
    passwordConfirm: "mat-khau-an-toan",
    ...overrides,
  });
  const users = (email: string) => server.container.db.models.User.count({ where: { email } });
  /** The consent box as the page renders it (attributes in any order). */
  const consentBox = (page: string) => page.match(/<input[^>]*name="privacyConsent"[^>]*>/)?.[0] ?? "";

  it("shows the consent box unticked on the form, required, with a link to the notice", async () => {
    for (const as of ["", "?as=cooperative"]) {
      const page = await (await visitor().get(`/register${as}`)).text();
      const box = consentBox(page);
      expect(box).toContain('type="checkbox"');
      expect(box).not.toMatch(/checked/);
      expect(box).toMatch(/required/);
      expect(page).toContain(html(viAuth.register.privacy));
      expect(page).toMatch(/<a [^>]*href="\/privacy"[^>]*>Chính sách bảo vệ dữ liệu cá nhân<\/a>/);
    }
  });

  it("refuses a buyer who does not tick the box: 400, the message beside the box, what was typed kept, no user", async () => {
    const refusals: Array<Record<string, string>> = [{}, { privacyConsent: "" }, { privacyConsent: "off" }];
    for (const refusal of refusals) {
      const form = buyerForm(refusal);
      const res = await visitor("en").post("/register", form);
      expect(res.status).toBe(400);
      const page = await res.text();
      expect(page).toContain(`id="privacyConsent-error"`);
      expect(page).toContain(html(enErrors.consent_required));
      expect(consentBox(page)).toContain('aria-invalid="true"');
      expect(consentBox(page)).toContain('aria-describedby="privacyConsent-error"');
      expect(consentBox(page)).not.toMatch(/checked/);
      // Only the box was wrong, and everything typed (but the passwords) is still there.
      expect(page.match(/aria-invalid="true"/g)).toHaveLength(1);
      for (const field of ["fullName", "email", "phone"] as const)
        expect(page).toContain(`value="${html(form[field])}"`);
      expect(page).not.toContain('value="mat-khau-an-toan"');
      expect(await users(form.email)).toBe(0);
    }
    expect(await server.container.db.models.Session.count()).toBe(0);
  });

  it("refuses a cooperative that does not tick the box, with nothing written", async () => {
    const form = cooperativeForm({ privacyConsent: "", cooperativeName: "HTX Chưa Đồng Ý" });
    const res = await visitor().post("/register", { accountType: "cooperative", ...form });
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain(html(viErrors.consent_required));
    expect(page).toContain(`value="${html("HTX Chưa Đồng Ý")}"`);
    expect(await users(form.email as string)).toBe(0);
    const { Cooperative } = server.container.db.models;
    expect(await Cooperative.count({ where: { name: "HTX Chưa Đồng Ý" } })).toBe(0);
  });

  it("opens the account when the box is ticked and keeps the time of consent", async () => {
    const buyer = buyerForm({ privacyConsent: "on" });
    const before = Date.now();
    const res = await visitor().post("/register", buyer);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/account?welcome=1");
    const user = await server.container.db.models.User.findOne({ where: { email: buyer.email } });
    expect(user!.privacyConsentAt).toBeInstanceOf(Date);
    // Stored to the second on MySQL.
    expect(user!.privacyConsentAt!.getTime()).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(user!.privacyConsentAt!.getTime()).toBeLessThanOrEqual(Date.now());

    const coop = cooperativeForm();
    expect((await visitor().post("/register", { accountType: "cooperative", ...coop })).status).toBe(302);
    const member = await server.container.db.models.User.findOne({ where: { email: coop.email as string } });
    expect(member!.privacyConsentAt).toBeInstanceOf(Date);
  });

  it("publishes the notice in Vietnamese and in English, linked from every page's footer", async () => {
    for (const [lang, text] of [
      ["vi", viPrivacy],
      ["en", enPrivacy],
    ] as const) {
      const res = await visitor(lang).get("/privacy");
      expect(res.status).toBe(200);
      const page = await res.text();
      expect(page).toContain(`<html lang="${lang}"`);
      expect(page).toContain(`<h1>${html(text.title)}</h1>`);
      // Who controls the data, what is collected from whom, why, on what basis, for how long, who sees it,
      // the rights, and where to write.
      for (const section of Object.values(text.sections))
        expect(page, section.title).toContain(html(section.title));
      expect(page).toContain(html(text.sections.sharing.items[0]!));
      expect(page).toContain(html(text.sections.rights.items[4]!));
      expect(page).toContain(`href="mailto:${text.email}"`);
      expect(text.email).toMatch(/@htxconnect\.example$/);
    }
    const home = await (await visitor().get("/")).text();
    expect(home).toMatch(
      new RegExp(`<footer[^]*<a [^>]*href="/privacy"[^>]*>${viCommon.footer.privacy}</a>[^]*</footer>`),
    );
  });
});
