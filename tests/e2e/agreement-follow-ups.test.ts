import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import viAgreements from "../../app/locales/vi/agreements.json";
import viErrors from "../../app/locales/vi/errors.json";
import viFollowUps from "../../app/locales/vi/followUps.json";
import { shiftDay, vietnamDay } from "../../server/vocabulary/dates";
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
 * Union staff chasing an agreement, in Chromium and Vietnamese (issue 13): a checkpoint fell due a while ago and
 * stands out as overdue, with its reminder in the outbox; the staff member gives the agreement to themself from the
 * pipeline in bulk, finds the follow-up among theirs, is told the outcome is too short (keeping what they typed),
 * completes it, and subscribes to their calendar.
 */
const t = viFollowUps;
const CAST = {
  buyer: { email: "nguoimua.followup@example.com", fullName: "Nguyễn Thị Hằng" },
  owner: { email: "chunhiem.followup@example.com", fullName: "Lê Văn Bình" },
  staff: { email: "canbo.followup@example.com", fullName: "Phạm Thu Trang" },
  cooperative: "HTX Chè La Bằng",
};

describe("following up a sealed agreement, in the browser", () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblem[];
  let publicId = "";

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    const c = server.container;
    const cast = await agreementCast(c, CAST);
    const today = vietnamDay(new Date());
    publicId = await sealedAgreement(c, cast, [{ date: shiftDay(today, { days: 20 }), quantity: 300 }]);
    // Signed and sealed 45 days ago: the one-month checkpoint is two weeks overdue when the seal's event arrives.
    const then = new Date(Date.now() - 45 * 86_400_000);
    const row = (await c.db.models.Agreement.findOne({ where: { publicId } }))!;
    await row.update({ sealedAt: then });
    await c.db.models.AgreementSignature.update({ signedAt: then }, { where: { agreementId: row.id } });
    await c.worker.drain();
    context = await newVietnameseContext(browser, server.url);
    page = await context.newPage();
    problems = watchPage(page);
    watchTraffic(page);
    await logIn(page, CAST.staff.email);
  });

  afterAll(async () => {
    await context?.close().catch(() => {});
    await browser?.close();
    await server?.close();
  });

  async function open(url: string) {
    await waitUntilQuiet(page);
    await page.goto(url);
    await waitForHydration(page);
  }
  const overdueRow = () =>
    page.locator("tr.row-overdue", { has: page.locator(`a[href="/agreements/${publicId}"]`) });

  it("finds the overdue follow-up, takes the agreement, completes it, and gets a calendar link", async () => {
    await step(
      page,
      "the overdue checkpoint stands out in the team's list, its reminder already sent",
      async () => {
        const reminders = await server.container.db.models.Notification.findAll({
          where: { template: "follow_up_overdue", recipient: CAST.staff.email },
        });
        expect(reminders).toHaveLength(1);
        await open("/staff/follow-ups?view=team");
        const row = overdueRow();
        expect(await textOf(row)).toContain(t.kind.checkpoint_one.replace("{{count}}", "1"));
        expect(await textOf(row)).toMatch(/Quá hạn \d+ ngày/);
        expect(await textOf(row)).toContain(t.unassigned);
      },
    );

    await step(page, "the pipeline's bulk action gives the agreement to the staff member", async () => {
      await open("/staff/agreements");
      const bulk = page.locator("form#bulk");
      await bulk.getByRole("button", { name: t.bulk.assignSubmit }).click();
      await page.getByText(viErrors.bulk_nothing_chosen).waitFor();
      await page.getByRole("checkbox", { name: t.bulk.select.replace("{{id}}", publicId) }).check();
      await field(bulk, t.bulk.assignTo).selectOption({ label: CAST.staff.fullName });
      await bulk.getByRole("button", { name: t.bulk.assignSubmit }).click();
      await waitForStatus(page, t.bulk.assigned_one.replace("{{count}}", "1"));
    });

    await step(
      page,
      "it is among the staff member's own, and a short outcome is refused with the text kept",
      async () => {
        await open("/staff/follow-ups");
        const mine = page.getByRole("navigation", { name: t.views.label });
        expect(await textOf(mine)).toContain(t.mineOverdue_one.replace("{{count}}", "1"));
        const row = overdueRow();
        await row.getByText(t.complete, { exact: true }).first().click();
        await field(row, t.outcome).fill("Gọi");
        await row.getByRole("button", { name: t.complete }).click();
        const again = overdueRow();
        await again.locator(".field-error").waitFor();
        expect(await field(again, t.outcome).inputValue()).toBe("Gọi");
        await field(again, t.outcome).fill("Đã gọi giám đốc HTX: chuẩn bị đủ hàng cho đợt giao đầu.");
        await again.getByRole("button", { name: t.complete }).click();
        await waitForStatus(page, t.completed);
        expect(await overdueRow().count()).toBe(0);
      },
    );

    await step(page, "the done list shows who completed it and what came of it", async () => {
      await open("/staff/follow-ups?status=done");
      const done = page.locator("tr", { has: page.locator(`a[href="/agreements/${publicId}"]`) });
      expect(await textOf(done)).toContain("chuẩn bị đủ hàng cho đợt giao đầu");
      expect(await textOf(done)).toContain(CAST.staff.fullName);
    });

    await step(
      page,
      "on the agreement's page, a follow-up and a note are added, and the timeline tells it all",
      async () => {
        await open(`/agreements/${publicId}`);
        const panel = page.locator("section", { has: page.locator("#following-title") });
        await panel.getByText(t.agreement.add, { exact: true }).click();
        await field(panel, t.agreement.dueOn).fill(shiftDay(vietnamDay(new Date()), { days: 4 }));
        await field(panel, t.agreement.note).fill("Hẹn bên mua kiểm tra mẫu chè trước đợt giao");
        await panel.getByRole("button", { name: t.agreement.submit }).click();
        await waitForStatus(page, viAgreements.done.follow_up_added);
        await field(panel, t.agreement.noteBody).fill("Bên mua muốn tăng lên 400 kg từ quý sau.");
        await panel.getByRole("button", { name: t.agreement.addNote }).click();
        await waitForStatus(page, viAgreements.done.note_added);
        const timeline = await textOf(page.locator("ol.timeline"));
        expect(timeline).toContain("Bên mua muốn tăng lên 400 kg từ quý sau.");
        expect(timeline).toContain("Hẹn bên mua kiểm tra mẫu chè trước đợt giao");
        expect(timeline).toContain("chuẩn bị đủ hàng cho đợt giao đầu");
        expect(timeline).toContain(t.timeline.actions.sealed);
      },
    );

    await step(
      page,
      "a calendar link is made, and the feed lists the staff member's follow-ups",
      async () => {
        await open("/staff/follow-ups");
        await page.getByRole("button", { name: t.calendar.get }).click();
        await waitForStatus(page, t.calendar.issued);
        const url = await page.getByLabel(t.calendar.link).inputValue();
        const raw = await (await fetch(url.replace(/^https?:\/\/[^/]+/, server.url))).text();
        // Unfolded: a calendar file breaks long lines at 75 octets.
        const feed = raw.replace(/\r?\n[ \t]/g, "");
        expect(feed).toContain("BEGIN:VCALENDAR");
        expect(feed).toContain(publicId);
        expect(feed).toContain("Kiểm tra tiến độ sau 3 tháng");
      },
    );

    // The two refused submissions (nothing chosen, an outcome too short) are answered 400 on purpose: Remix's data
    // requests for the pages' actions, nothing else.
    const provoked = (p: PageProblem) =>
      /^POST .*\/staff\/(agreements|follow-ups)\?.*_data=/.test(p.text) ||
      (p.kind === "console" && /status of 400 .*\/staff\/(agreements\?index|follow-ups\?_data)/.test(p.text));
    expect(problems.filter((p) => !provoked(p))).toEqual([]);
  });
});
