import { execFileSync } from "node:child_process";
import { createPublicKey } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import viAgreements from "../../app/locales/vi/agreements.json";
import { tokenFromPdf, verifySealToken } from "../../server/agreements/seal-token";
import { agreementCast } from "../support/agreements";
import { PASSWORD } from "../support/factories";
import { startTestServer, type TestServer } from "../support/server";
import { interpolate } from "../support/text";
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
 * An agreement clicked through in a real Chromium, in Vietnamese (issue 12's "done when"): from a connected match
 * the buyer drafts; the cooperative proposes a change (tax codes, the buyer's address, a lower price); the buyer
 * reads what changed and signs that version; the cooperative signs, which seals it. The buyer downloads the PDF:
 * its Vietnamese text is intact (read back with pdftotext), its signature validates (pdfsig), and the token in it
 * verifies offline with the public key the site publishes.
 */
const BUYER = { email: "thumua.hanoi@example.com", name: "Phạm Thu Hà" };
const COOP = {
  email: "chunhiem.tancuong@example.com",
  name: "Hoàng Văn Bình",
  coop: "HTX Chè Tân Cương Hoàng Bình",
};
const STAFF = { email: "canbo.lienminh@example.com", name: "Trần Thị Thu Hà" };
const t = viAgreements;

describe("a signed agreement in the browser", () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const problems: PageProblem[][] = [];
  const pages = new Map<string, Page>();
  let matchId = 0;
  let agreementPath = "";

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    ({ matchId } = await agreementCast(server.container, {
      buyer: { email: BUYER.email, fullName: BUYER.name },
      owner: { email: COOP.email, fullName: COOP.name },
      staff: { email: STAFF.email, fullName: STAFF.name },
      cooperative: COOP.coop,
    }));
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
  /** After a form's redirect the page may still be loading; leaving in the middle would abort its requests. */
  async function open(page: Page, url: string) {
    await waitUntilQuiet(page);
    await page.goto(url);
    await waitForHydration(page);
  }
  const partyBox = (page: Page, legend: string) =>
    page.locator("fieldset", { has: page.locator("legend", { hasText: legend }) });

  it("drafts from the match, takes a change, is signed by both and sealed, and its PDF verifies", async () => {
    const buyer = await pageOf(BUYER.email);
    await step(buyer, "the buyer drafts from the connected match", async () => {
      await open(buyer, `/matches/${matchId}`);
      await buyer.getByRole("button", { name: t.form.draft, exact: true }).click();
      await buyer.waitForURL((url) => url.pathname.startsWith("/agreements/TT-"));
      await waitForStatus(buyer, t.done.drafted);
      agreementPath = new URL(buyer.url()).pathname;
    });

    const coop = await pageOf(COOP.email);
    await step(coop, "the cooperative proposes a change", async () => {
      await open(coop, agreementPath);
      const form = coop.locator("form", { has: coop.getByRole("button", { name: t.form.save }) });
      await field(partyBox(coop, t.form.buyer), t.form.taxCode).fill("0108765432");
      await field(partyBox(coop, t.form.buyer), t.form.address).fill(
        "Số 12 phố Hàng Bạc, phường Hoàn Kiếm, Hà Nội",
      );
      await field(partyBox(coop, t.form.supplier), t.form.taxCode).fill("4600123456");
      await field(form, t.form.unitPriceVnd).fill("300.000");
      await field(form, t.form.totalVnd).fill("");
      await form.getByRole("button", { name: t.form.save }).click();
      await waitForStatus(coop, t.done.revised);
      await coop
        .getByText(interpolate(t.detail.version, { version: 2 }))
        .first()
        .waitFor();
    });

    await step(buyer, "the buyer reads what changed and signs version 2", async () => {
      await open(buyer, agreementPath);
      expect(await textOf(buyer.locator("section", { has: buyer.locator("#history") }))).toContain(
        t.form.unitPriceVnd,
      );
      await buyer
        .getByText(/90\.000\.000\s₫/)
        .first()
        .waitFor();
      const sign = buyer.locator("form", {
        has: buyer.getByRole("button", { name: interpolate(t.form.sign, { version: 2 }) }),
      });
      await field(sign, t.form.password).fill(PASSWORD);
      await sign.getByRole("button").click();
      await waitForStatus(buyer, t.done.signed);
    });

    await step(coop, "the cooperative signs, and the agreement is sealed", async () => {
      await open(coop, agreementPath);
      const sign = coop.locator("form", {
        has: coop.getByRole("button", { name: interpolate(t.form.sign, { version: 2 }) }),
      });
      await field(sign, t.form.password).fill(PASSWORD);
      await sign.getByRole("button").click();
      await waitForStatus(coop, t.done.sealed);
    });

    const dir = mkdtempSync(path.join(tmpdir(), "htx-agreement-"));
    const file = path.join(dir, "agreement.pdf");
    await step(buyer, "the buyer downloads the sealed PDF; text, signature and token all check", async () => {
      await open(buyer, agreementPath);
      const [download] = await Promise.all([
        buyer.waitForEvent("download"),
        buyer.getByRole("link", { name: t.detail.pdf }).click(),
      ]);
      await download.saveAs(file);
      const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" }).normalize("NFC");
      expect(text).toContain("HỢP ĐỒNG NGUYÊN TẮC");
      expect(text).toContain("Độc lập – Tự do – Hạnh phúc");
      expect(text).toContain(COOP.coop);
      expect(text).toContain("90.000.000 ₫");
      const signature = execFileSync("pdfsig", [file], { encoding: "utf8" });
      expect(signature).toContain("Signature is Valid");

      // Offline: the token inside the PDF and the public key the site publishes, nothing else.
      const pem = await (await buyer.request.get("/.well-known/htx-connect/seal-key.pem")).text();
      const token = await tokenFromPdf(readFileSync(file));
      const key = createPublicKey(pem);
      const checked = verifySealToken(token!, () => key);
      expect(checked).toMatchObject({
        ok: true,
        claims: { buyerTaxCode: "0108765432", totalVnd: 90_000_000 },
      });
    });

    expect(problems.flat()).toEqual([]);
  });

  it("registers an agreement signed on paper: the scan is asked for beside its field, then kept and sealed", async () => {
    const staff = await pageOf(STAFF.email);
    const p = t.paper;
    await step(staff, "staff choose the parties: a buyer's e-mail and a cooperative", async () => {
      await open(staff, "/staff/agreements/paper");
      await field(staff, p.buyerEmail).fill(BUYER.email);
      await field(staff, p.cooperative).selectOption({ label: COOP.coop });
      await staff.getByRole("button", { name: p.next }).click();
      await staff.getByRole("heading", { name: new RegExp(COOP.coop) }).waitFor();
    });

    const form = staff.locator("form", { has: staff.getByRole("button", { name: p.submit }) });
    await step(
      staff,
      "without a scan the form says so beside the field and keeps what was typed",
      async () => {
        await field(form, p.signedOn).fill("2026-11-20");
        await field(partyBox(staff, t.form.buyer), t.form.taxCode).fill("0108765432");
        await field(partyBox(staff, t.form.buyer), t.form.address).fill(
          "Số 5 phố Hàng Bạc, Hoàn Kiếm, Hà Nội",
        );
        await field(partyBox(staff, t.form.supplier), t.form.taxCode).fill("4600123456");
        await form.getByRole("button", { name: p.submit }).click();
        await staff.locator("#scan-error").waitFor();
        // The failed submit revalidates the page's data; let it land before the next submit navigates away.
        await waitUntilQuiet(staff);
        expect(await textOf(staff.locator("#scan-error"))).toBeTruthy();
        expect(await field(partyBox(staff, t.form.buyer), t.form.taxCode).inputValue()).toBe("0108765432");
        expect(await field(form, p.signedOn).inputValue()).toBe("2026-11-20");
        expect(await field(partyBox(staff, t.form.buyer), t.form.address).inputValue()).toContain("Hàng Bạc");
      },
    );

    await step(staff, "with the scan it is registered, attested and sealed", async () => {
      await staff.locator("#scan").setInputFiles({
        name: "bien-ban-ky-giay.pdf",
        mimeType: "application/pdf",
        buffer: Buffer.from("%PDF-1.4\n% biên bản đã ký\n%%EOF\n"),
      });
      await form.getByRole("button", { name: p.submit }).click();
      await staff.waitForURL((url) => url.pathname.startsWith("/agreements/TT-"));
      await waitForStatus(staff, t.done.registered);
      expect(await textOf(staff.locator("main"))).toContain(t.method.paper);
      const [download] = await Promise.all([
        staff.waitForEvent("download"),
        staff.getByRole("link", { name: t.detail.scan }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^TT-\d{4}-[A-Z0-9]{6}-ban-giay\.pdf$/);
    });

    // The submission without a scan is answered 400 on purpose (Remix's data request for the page's action).
    const provoked = (p: PageProblem) =>
      /\/staff\/agreements\/paper\?/.test(p.text) &&
      ((p.kind === "http" && p.text.endsWith("→ 400")) ||
        (p.kind === "console" && p.text.includes("status of 400")));
    expect(problems.flat().filter((p) => !provoked(p))).toEqual([]);
  });
});
