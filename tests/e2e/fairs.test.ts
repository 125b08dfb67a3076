import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import viCommon from "../../app/locales/vi/common.json";
import viFairAdmin from "../../app/locales/vi/fairAdmin.json";
import viFairs from "../../app/locales/vi/fairs.json";
import viGeo from "../../app/locales/vi/geo.json";
import viOrders from "../../app/locales/vi/orders.json";
import viSales from "../../app/locales/vi/sales.json";
import { bookingEvents, FAIR_BANK } from "../support/fairs";
import { startTestServer, type TestServer } from "../support/server";
import { castFairs, FAIR, FORM, NA_RI, TEA, type Exhibitor } from "./fairs-cast";
import {
  badgeIn,
  chooseWard,
  field,
  launchBrowser,
  logIn,
  mainNav,
  openWorkspace,
  newVietnameseContext,
  step,
  textOf,
  waitForHeading,
  waitForHydration,
  waitForStatus,
  watchPage,
  type PageProblem,
} from "./browser";
import { escapeRegExp, interpolate, plain, vnd } from "../support/text";

/**
 * The trade-fairs feature clicked through in a real Chromium, in Vietnamese (the "done when"): staff
 * create a fair that needs approval, draw its plan with the grid generator and open it; two cooperatives book
 * booths, one on the SVG plan (a priced corner booth, paid by transfer) and one from the list view (a free
 * booth); staff approve both, and mark the transfer paid; a visitor finds both on the public page, on the
 * plan and in the exhibitor directory, and filters it by a product word typed without diacritics. The steps
 * build on each other, in order; who and what they work with is in fairs-cast.ts.
 */

describe("trade fairs in the browser", () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const emails: Record<string, string> = {};
  const problems: PageProblem[][] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    Object.assign(emails, await castFairs(server.container));
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await server?.close();
  });

  async function newPage() {
    const context = await newVietnameseContext(browser, server.url);
    contexts.push(context);
    const page = await context.newPage();
    problems.push(watchPage(page));
    return { page, problems: problems[problems.length - 1]! };
  }

  // Later steps build on earlier ones: when one fails, the next ones are skipped rather than failing twice.
  let staffPage: Page;
  let fairId = 0;
  let slug = "";
  const pages: Record<string, Page> = {};
  const bookings: Record<string, string> = {};
  let approved = false;

  it("lets staff create a fair needing approval, draw a hall with a 2 × 6 grid and open it", async () => {
    const { page, problems: seen } = await newPage();
    staffPage = page;

    await step(page, "staff-create", async () => {
      await logIn(page, emails.staff!);
      await openWorkspace(page, viCommon.nav.staff);
      await page.waitForURL((url) => url.pathname === "/staff");
      await page.getByRole("link", { name: viFairAdmin.overview.view, exact: true }).click();
      await page.waitForURL((url) => url.pathname === "/staff/fairs");
      await waitForHeading(page, viFairAdmin.list.title);
      await page.getByRole("link", { name: viFairAdmin.list.create, exact: true }).click();
      await page.waitForURL((url) => url.pathname === "/staff/fairs/new");
      await waitForHeading(page, viFairAdmin.new.title);

      const form = page.locator("main form.fa-fair-form");
      await field(form, viFairAdmin.form.nameVi).fill(FAIR.name);
      await field(form, viFairAdmin.form.descriptionVi).fill(FORM.descriptionVi!);
      await field(form, viFairAdmin.form.organiser).fill(FORM.organiser!);
      await field(form, viFairAdmin.form.venue).fill(FORM.venue!);
      await chooseWard(form, {
        province: "Thái Nguyên",
        ward: interpolate(viGeo.wardKind.phuong, { name: "Phan Đình Phùng" }),
      });
      await field(form, viFairAdmin.form.startsOn).fill(FORM.startsOn!);
      await field(form, viFairAdmin.form.endsOn).fill(FORM.endsOn!);
      await field(form, viFairAdmin.form.bookingOpensAt).fill(FORM.bookingOpensAt!);
      await field(form, viFairAdmin.form.bookingClosesAt).fill(FORM.bookingClosesAt!);
      // The domain's defaults are on the form already.
      expect(await field(form, viFairAdmin.form.maxBooths).inputValue()).toBe("2");
      expect(await field(form, viFairAdmin.form.holdMinutes).inputValue()).toBe("15");
      const approval = form.getByRole("checkbox", { name: viFairAdmin.form.requiresApproval, exact: true });
      expect(await approval.isChecked()).toBe(false);
      await approval.check();
      await field(form, viSales.bank.bank).selectOption(FAIR_BANK.bankBin);
      await field(form, viSales.bank.accountNo).fill(FAIR_BANK.bankAccountNo);
      await field(form, viSales.bank.accountName).fill(FAIR_BANK.bankAccountName);
      await form.getByRole("button", { name: viFairAdmin.new.submit, exact: true }).click();

      await page.waitForURL(
        (url) => /^\/staff\/fairs\/\d+$/.test(url.pathname) && url.searchParams.get("done") === "created",
      );
      await waitForHeading(page, FAIR.name);
      await waitForStatus(page, viFairAdmin.done.created);
      fairId = Number(new URL(page.url()).pathname.split("/")[3]);
      expect(await textOf(page.locator(".fa-fair-meta .badge"))).toBe(viFairs.status.draft);
      expect(await textOf(page.locator(".notice.notice-pending"))).toBe(viFairAdmin.plan.start);

      // A hall, in metres.
      const hallForm = page.getByRole("form", { name: viFairAdmin.halls.add, exact: true });
      await field(hallForm, viFairAdmin.halls.name).fill(FAIR.hall);
      await field(hallForm, viFairAdmin.halls.widthM).fill(FAIR.hallWidthM);
      await field(hallForm, viFairAdmin.halls.depthM).fill(FAIR.hallDepthM);
      await hallForm.getByRole("button", { name: viFairAdmin.halls.submit, exact: true }).click();
      await page.waitForURL((url) => url.searchParams.get("done") === "hall");
      await waitForStatus(page, viFairAdmin.done.hall);

      // Two rows of six 3 × 3 m booths; the row ends are corner booths with their own price, the rest free.
      const grid = page.getByRole("form", { name: viFairAdmin.grid.title, exact: true });
      expect(await field(grid, viFairAdmin.grid.firstRow).inputValue()).toBe("A");
      await field(grid, viFairAdmin.grid.rows).fill("2");
      await field(grid, viFairAdmin.grid.columns).fill("6");
      await field(grid, viFairAdmin.grid.priceVnd).fill("0");
      await field(grid, viFairAdmin.grid.cornerPriceVnd).fill(String(FAIR.cornerPriceVnd));
      await grid.getByRole("checkbox", { name: viFairAdmin.grid.cornerEnds, exact: true }).check();
      await grid.getByRole("button", { name: viFairAdmin.grid.submit, exact: true }).click();
      await page.waitForURL((url) => url.searchParams.get("done") === "grid");
      await waitForStatus(page, interpolate(viFairAdmin.done.grid_other, { count: 12 }));

      const plan = page.locator("section.fa-plan svg.floor-plan-svg");
      await expect.poll(() => plan.locator("a.booth").count()).toBe(12);
      const labels = (
        await plan.locator("a.booth").evaluateAll((as) => as.map((a) => a.getAttribute("aria-label") ?? ""))
      ).map(plain);
      expect(labels).toContain(`Gian A01, Còn trống, Góc, 3×3 m, ${vnd(FAIR.cornerPriceVnd)}`);
      expect(labels).toContain(`Gian A03, Còn trống, 3×3 m, ${viFairs.plan.free}`);
      expect(labels).toContain(`Gian B06, Còn trống, Góc, 3×3 m, ${vnd(FAIR.cornerPriceVnd)}`);

      // A booth's panel asks before deleting it; saying no deletes nothing.
      await plan.getByRole("link", { name: /^Gian A03, / }).click();
      await page.waitForURL((url) => url.searchParams.has("booth"));
      const boothPanel = page.getByRole("region", {
        name: interpolate(viFairAdmin.booth.title, { code: "A03" }),
        exact: true,
      });
      let asked = "";
      page.once("dialog", (dialog) => {
        asked = dialog.message();
        void dialog.dismiss();
      });
      await boothPanel
        .getByRole("button", { name: interpolate(viFairAdmin.booth.delete, { code: "A03" }), exact: true })
        .click();
      await expect.poll(() => asked).toBe(interpolate(viFairAdmin.booth.deleteConfirm, { code: "A03" }));
      expect(new URL(page.url()).searchParams.has("done")).toBe(false);
      await boothPanel.getByRole("link", { name: viFairAdmin.booth.close, exact: true }).click();
      await page.waitForURL((url) => !url.searchParams.has("booth"));

      // Open for booking, from the details tab's status card: a tab of its own address.
      await page.getByRole("link", { name: viFairAdmin.fair.changeStatus, exact: true }).click();
      await page.waitForURL((url) => url.pathname === `/staff/fairs/${fairId}/details`);
      const detailsTab = page
        .getByRole("navigation", { name: viFairAdmin.tabs.label, exact: true })
        .getByRole("link", { name: viFairAdmin.tabs.details, exact: true });
      await expect.poll(() => detailsTab.getAttribute("aria-current")).toBe("page");
      const status = page.getByRole("region", { name: new RegExp(`^${viFairAdmin.status.title}`) });
      await status.getByRole("button", { name: viFairAdmin.status.to.open, exact: true }).click();
      await page.waitForURL((url) => url.searchParams.get("done") === "open");
      await waitForStatus(page, viFairAdmin.done.open);
      expect(await textOf(page.locator(".fa-fair-meta .badge"))).toBe(viFairs.status.open);
      const publicLink = page.getByRole("link", { name: viFairAdmin.fair.publicPage, exact: true });
      slug = (await publicLink.getAttribute("href"))!.replace(/^\/fairs\//, "");
    });

    const fair = await server.container.db.models.Fair.findByPk(fairId);
    expect(fair).toMatchObject({
      slug,
      status: "open",
      requiresApproval: true,
      provinceCode: FORM.provinceCode,
      wardCode: FORM.wardCode,
      bankBin: FAIR_BANK.bankBin,
      maxBoothsPerCooperative: 2,
    });
    const booths = await server.container.db.models.Booth.findAll({
      where: { fairId },
      order: [["code", "ASC"]],
    });
    expect(booths.map((b) => `${b.code}:${b.type}:${b.priceVnd}`)).toEqual(
      ["A", "B"].flatMap((row) =>
        [1, 2, 3, 4, 5, 6].map((n) =>
          n === 1 || n === 6 ? `${row}0${n}:corner:${FAIR.cornerPriceVnd}` : `${row}0${n}:standard:0`,
        ),
      ),
    );
    expect(seen).toEqual([]);
  });

  /** A cooperative's owner logs in and opens the fair's booking page from its own fairs page. */
  async function openFairAsCooperative(who: Exhibitor) {
    const { page, problems: seen } = await newPage();
    pages[who.coop] = page;
    await logIn(page, emails[who.coop]!);
    await openWorkspace(page, viCommon.nav.myCooperative, viFairs.nav.fairs);
    await page.waitForURL((url) => url.pathname === "/cooperative/fairs");
    await waitForHeading(page, viFairs.coop.title);
    await page.getByRole("link", { name: viFairs.coop.bookAt, exact: true }).click();
    await page.waitForURL((url) => url.pathname === `/cooperative/fairs/${slug}`);
    await waitForHeading(page, interpolate(viFairs.coop.bookTitle, { name: FAIR.name }));
    return { page, seen };
  }

  /** On the booking page a hold counts down; confirming with two products sends it for approval. */
  async function confirmHold(page: Page, who: Exhibitor, paid: boolean) {
    await page.waitForURL(
      (url) =>
        /^\/cooperative\/bookings\/[\w-]+$/.test(url.pathname) && url.searchParams.get("done") === "held",
    );
    await waitForHeading(page, interpolate(viFairs.booking.title, { code: who.booth }));
    await waitForStatus(page, viFairs.booking.done.held);
    bookings[who.coop] = new URL(page.url()).pathname.split("/")[3]!;
    expect(await textOf(page.locator(".booking-meta .badge"))).toBe(viFairs.bookingStatus.held);
    const hold = page.getByRole("region", { name: viFairs.booking.holdTitle, exact: true });
    // The clock runs once hydrated: 15 minutes, less the seconds the test took.
    const clock = hold.locator(".hold-countdown-clock");
    expect(await textOf(clock)).toMatch(/^1[45]:[0-5]\d$/);
    const first = await textOf(clock);
    await expect.poll(() => textOf(clock), { timeout: 5_000 }).not.toBe(first);
    expect(await textOf(hold.locator(".hold-countdown-until"))).toMatch(/^Giữ chỗ đến /);

    const form = page.getByRole("form", { name: viFairs.booking.confirmTitle, exact: true });
    const choices = form.getByRole("group", { name: new RegExp(`^${viFairs.booking.products}`) });
    // All the cooperative's active products are offered, none chosen yet.
    expect(await choices.getByRole("checkbox").count()).toBe(3);
    for (const name of who.chosen) await choices.getByRole("checkbox", { name, exact: true }).check();
    expect(await choices.getByRole("checkbox", { name: who.notChosen, exact: true }).isChecked()).toBe(false);
    const radios = form.getByRole("radio");
    if (paid) {
      // No card gateway here: bank transfer is the only way, and chosen already.
      expect(await radios.count()).toBe(1);
      expect(await radios.first().isChecked()).toBe(true);
      expect(await radios.first().getAttribute("value")).toBe("bank_transfer");
    } else {
      expect(await radios.count()).toBe(0);
      expect(await textOf(form.getByText(viFairs.booking.freeBooth, { exact: true }))).toBe(
        viFairs.booking.freeBooth,
      );
    }
    expect(await textOf(form.getByText(viFairs.booking.goesToApproval, { exact: true }))).toBe(
      viFairs.booking.goesToApproval,
    );
    await form.getByRole("button", { name: viFairs.booking.submitForApproval, exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get("done") === "pending_approval");
    await waitForStatus(page, viFairs.booking.done.pending_approval);
    expect(await textOf(page.locator(".booking-meta .badge"))).toBe(viFairs.bookingStatus.pending_approval);
    expect(
      await textOf(page.getByRole("region", { name: viFairs.booking.next, exact: true }).locator("p")),
    ).toBe(paid ? viFairs.booking.approvalThenPay : viFairs.booking.approvalFree);
    // The products stay editable after confirming, with the two chosen ticked.
    const products = page.getByRole("form", { name: viFairs.booking.productsTitle, exact: true });
    for (const name of who.chosen)
      expect(await products.getByRole("checkbox", { name, exact: true }).isChecked()).toBe(true);
  }

  it("lets the tea cooperative choose a priced corner booth on the SVG plan, hold it and send it for approval", async (ctx) => {
    if (!slug) return ctx.skip("the fair was not opened");
    const who = TEA;
    const { page, seen } = await openFairAsCooperative(who);
    await step(page, "tea-books", async () => {
      const plan = page.getByRole("region", { name: viFairs.coop.chooseBooth, exact: true });
      expect(await textOf(page.locator(".book-fair-facts strong"))).toBe(
        interpolate(viFairs.coop.limitValue_other, { count: 0, max: 2 }),
      );
      const booth = plan.getByRole("link", {
        name: new RegExp(
          `^Gian ${who.booth}, ${viFairs.boothState.available}, ${viFairs.boothType.corner}, `,
        ),
      });
      expect(plain((await booth.getAttribute("aria-label"))!)).toBe(
        `Gian ${who.booth}, Còn trống, Góc, 3×3 m, ${vnd(FAIR.cornerPriceVnd)}`,
      );
      await booth.click();
      await page.waitForURL((url) => url.searchParams.has("booth"));
      const panel = page.getByRole("complementary", {
        name: interpolate(viFairs.plan.booth, { code: who.booth }),
        exact: true,
      });
      // The URL changes before the panel is drawn: wait for it.
      await panel.waitFor();
      const facts = (await panel.locator("dd").allInnerTexts()).map(plain);
      expect(facts).toEqual([
        viFairs.boothType.corner,
        "3×3 m",
        vnd(FAIR.cornerPriceVnd),
        viFairs.boothState.available,
      ]);
      // The booth is marked as chosen on the plan too.
      await expect
        .poll(async () => plain((await booth.getAttribute("aria-label")) ?? ""))
        .toMatch(new RegExp(`, ${viFairs.plan.selected}$`));
      await panel.getByRole("button", { name: viFairs.coop.holdThis, exact: true }).click();
      await confirmHold(page, who, true);
    });
    const { BoothBooking } = server.container.db.models;
    const row = await BoothBooking.findOne({ where: { publicId: bookings[who.coop]! } });
    expect(row).toMatchObject({
      status: "pending_approval",
      amountVnd: FAIR.cornerPriceVnd,
      paymentMethod: "bank_transfer",
      expiresAt: null,
    });
    expect(seen).toEqual([]);
  });

  it("lets the Na Rì cooperative hold a free booth from the list view and send it for approval", async (ctx) => {
    if (!bookings[TEA.coop]) return ctx.skip("the tea cooperative did not book");
    const who = NA_RI;
    const { page, seen } = await openFairAsCooperative(who);
    await step(page, "nari-books", async () => {
      await page
        .getByRole("navigation", { name: viFairs.plan.viewLabel, exact: true })
        .getByRole("link", { name: viFairs.plan.viewList, exact: true })
        .click();
      await page.waitForURL((url) => url.searchParams.get("view") === "list");
      const table = page.getByRole("table", {
        name: interpolate(viFairs.plan.listCaption_other, { hall: FAIR.hall, count: 12 }),
      });
      await expect.poll(() => table.locator("tbody tr").count()).toBe(12);
      const rowOf = (code: string) =>
        table.locator("tbody tr").filter({ has: page.getByRole("rowheader", { name: code, exact: true }) });
      // The tea cooperative's booth is no longer for the taking, and says so without naming anyone yet.
      const teaRow = rowOf(TEA.booth);
      expect(await textOf(teaRow.locator(".booth-state"))).toBe(viFairs.boothState.pending);
      expect(await teaRow.getByRole("button").count()).toBe(0);
      const mine = rowOf(who.booth);
      expect((await mine.locator("td").allInnerTexts()).map(plain).slice(0, 4)).toEqual([
        viFairs.boothType.standard,
        "3×3 m",
        viFairs.plan.free,
        viFairs.boothState.available,
      ]);
      await mine
        .getByRole("button", { name: interpolate(viFairs.coop.holdBooth, { code: who.booth }), exact: true })
        .click();
      await confirmHold(page, who, false);
    });
    const row = await server.container.db.models.BoothBooking.findOne({
      where: { publicId: bookings[who.coop]! },
    });
    expect(row).toMatchObject({ status: "pending_approval", amountVnd: 0, paymentMethod: null });
    expect(seen).toEqual([]);
  });

  it("lets staff approve both: the free booth is booked, the priced one waits for its transfer, then is marked paid", async (ctx) => {
    if (!bookings[TEA.coop] || !bookings[NA_RI.coop]) return ctx.skip("the cooperatives did not both book");
    const page = staffPage;
    const seen = problems[0]!;
    let reference = "";

    await step(page, "staff-approve", async () => {
      const tabs = page.getByRole("navigation", { name: viFairAdmin.tabs.label, exact: true });
      await tabs.getByRole("link", { name: new RegExp(`^${viFairAdmin.tabs.bookings}`) }).click();
      await page.waitForURL((url) => url.pathname === `/staff/fairs/${fairId}/bookings`);
      await expect.poll(() => page.title()).toBe(`${viFairAdmin.tabs.bookings} · ${FAIR.name} · HTX Connect`);
      const table = page.getByRole("table", { name: viFairAdmin.bookings.caption, exact: true });
      const rowOf = (code: string) =>
        table.locator("tbody tr").filter({ has: page.getByRole("rowheader", { name: code, exact: true }) });
      await expect.poll(() => table.locator("tbody tr").count()).toBe(2);
      expect(await tabs.locator(".count-badge").getAttribute("aria-label")).toBe(
        interpolate(viFairAdmin.tabs.pending_other, { count: 2 }),
      );
      for (const [who, amount] of [
        [TEA, `${vnd(FAIR.cornerPriceVnd)}\n${viOrders.paymentMethod.bank_transfer}`],
        [NA_RI, viFairs.plan.free],
      ] as const) {
        const row = rowOf(who.booth);
        expect(await textOf(row.getByRole("link", { name: who.coop, exact: true }))).toBe(who.coop);
        expect(await textOf(badgeIn(row))).toBe(viFairs.bookingStatus.pending_approval);
        expect(plain(await textOf(row.locator("td.numeric")))).toBe(amount);
      }

      // The free booth from the table's quick button: booked at once.
      await rowOf(NA_RI.booth)
        .getByRole("button", { name: viFairAdmin.action.approve.short, exact: true })
        .click();
      await page.waitForURL((url) => url.searchParams.get("done") === "approve");
      await waitForStatus(page, viFairAdmin.done.approve);
      await expect.poll(() => textOf(badgeIn(rowOf(NA_RI.booth)))).toBe(viFairs.bookingStatus.booked);

      // The priced booth from its panel, which says what approving means.
      await rowOf(TEA.booth)
        .getByRole("link", { name: interpolate(viFairAdmin.bookings.openLabel, { booth: TEA.booth }) })
        .click();
      await page.waitForURL((url) => url.searchParams.get("booking") === bookings[TEA.coop]);
      const panel = page.getByRole("region", {
        name: interpolate(viFairAdmin.booking.title, { booth: TEA.booth, cooperative: TEA.coop }),
        exact: true,
      });
      const approve = panel.getByRole("form", { name: viFairAdmin.action.approve.title, exact: true });
      expect(plain(await textOf(panel.locator(".fa-decision-approve > p")))).toBe(
        interpolate(viFairAdmin.action.approve.bodyPaid_other, {
          count: 5,
          amount: vnd(FAIR.cornerPriceVnd),
        }),
      );
      await approve.getByRole("button", { name: viFairAdmin.action.approve.submit, exact: true }).click();
      await page.waitForURL(
        (url) => url.searchParams.get("done") === "approve" && url.searchParams.get("booking") !== null,
      );
      await waitForStatus(page, viFairAdmin.done.approve);
      await expect.poll(() => textOf(badgeIn(panel))).toBe(viFairs.bookingStatus.pending_payment);
      const markPaid = panel.locator(".fa-decision-mark_paid");
      reference = await textOf(markPaid.locator(".sales-transfer code"));
      expect(reference).not.toBe("—");
    });

    await step(pages[TEA.coop], "tea-pays", async () => {
      // The cooperative now sees what to transfer, with the same reference staff will look for.
      const coop = pages[TEA.coop]!;
      await coop.reload();
      await waitForHydration(coop);
      expect(await textOf(coop.locator(".booking-meta .badge"))).toBe(viFairs.bookingStatus.pending_payment);
      const transfer = coop.getByRole("region", {
        name: interpolate(viFairs.booking.transferTitle, { code: TEA.booth }),
        exact: true,
      });
      expect(await textOf(transfer.locator("code.copyable-strong"))).toBe(reference);
      expect(await textOf(transfer.locator("code.copyable-value").nth(1))).toBe(
        // Stored as banks print it.
        FAIR_BANK.bankAccountName.toUpperCase(),
      );
    });

    await step(page, "staff-mark-paid", async () => {
      const panel = page.getByRole("region", {
        name: interpolate(viFairAdmin.booking.title, { booth: TEA.booth, cooperative: TEA.coop }),
        exact: true,
      });
      await panel
        .getByRole("button", {
          name: new RegExp(
            `^${escapeRegExp(interpolate(viFairAdmin.action.mark_paid.submit, { amount: "" }))}1\\.500\\.000\\s₫$`,
          ),
        })
        .click();
      await page.waitForURL((url) => url.searchParams.get("done") === "mark_paid");
      await waitForStatus(page, viFairAdmin.done.mark_paid);
      await expect.poll(() => textOf(badgeIn(panel))).toBe(viFairs.bookingStatus.booked);
      const table = page.getByRole("table", { name: viFairAdmin.bookings.caption, exact: true });
      expect((await table.locator("tbody tr .badge").allInnerTexts()).map((s) => s.trim())).toEqual([
        viFairs.bookingStatus.booked,
        viFairs.bookingStatus.booked,
      ]);
      // Nothing waits for approval any more: the tab's badge is gone.
      expect(
        await page.getByRole("navigation", { name: viFairAdmin.tabs.label }).locator(".count-badge").count(),
      ).toBe(0);
    });

    const c = server.container;
    const staff = await c.db.models.User.findOne({ where: { email: emails.staff! } });
    const owner = async (who: Exhibitor) =>
      (await c.db.models.User.findOne({ where: { email: emails[who.coop]! } }))!.id;
    expect(await bookingEvents(c, bookings[TEA.coop]!)).toEqual([
      `∅→held by cooperative#${await owner(TEA)}`,
      `held→pending_approval by cooperative#${await owner(TEA)}`,
      `pending_approval→pending_payment by staff#${staff!.id}`,
      `pending_payment→booked by staff#${staff!.id}`,
    ]);
    expect(await bookingEvents(c, bookings[NA_RI.coop]!)).toEqual([
      `∅→held by cooperative#${await owner(NA_RI)}`,
      `held→pending_approval by cooperative#${await owner(NA_RI)}`,
      `pending_approval→booked by staff#${staff!.id}`,
    ]);
    const tea = await c.db.models.BoothBooking.findOne({ where: { publicId: bookings[TEA.coop]! } });
    expect(tea!.paidAt).toBeInstanceOf(Date);
    expect(tea!.transferReference).toBe(reference);
    expect(seen).toEqual([]);
    approved = true;
  });

  it("shows a visitor both exhibitors on the plan and in the directory, and filters it without diacritics", async (ctx) => {
    if (!approved) return ctx.skip("staff did not approve both bookings");
    const { page, problems: seen } = await newPage();

    await step(page, "visitor", async () => {
      await page.goto("/");
      await waitForHydration(page);
      await mainNav(page).getByRole("link", { name: viFairs.nav.fairs, exact: true }).click();
      await page.waitForURL((url) => url.pathname === "/fairs");
      await page.getByRole("link", { name: FAIR.name, exact: true }).click();
      await page.waitForURL((url) => url.pathname === `/fairs/${slug}`);
      await waitForHeading(page, FAIR.name);

      // On the plan, each booked booth carries its exhibitor's name and leads to it in the directory below.
      const plan = page.getByRole("region", { name: viFairs.plan.title, exact: true });
      const links = plan.locator("svg.floor-plan-svg a.booth");
      await expect.poll(() => links.count()).toBe(2);
      const labels = (await links.evaluateAll((as) => as.map((a) => a.getAttribute("aria-label") ?? ""))).map(
        plain,
      );
      expect(labels).toEqual([
        `Gian ${TEA.booth}, Đã đặt, Góc, 3×3 m, ${vnd(FAIR.cornerPriceVnd)}, ${TEA.coop}`,
        `Gian ${NA_RI.booth}, Đã đặt, 3×3 m, ${viFairs.plan.free}, ${NA_RI.coop}`,
      ]);
      const { Cooperative } = server.container.db.models;
      for (const who of [TEA, NA_RI]) {
        const coop = await Cooperative.findOne({ where: { name: who.coop } });
        const link = plan.getByRole("link", { name: new RegExp(`^Gian ${who.booth}, .*${who.coop}$`) });
        expect(await link.getAttribute("href")).toBe(`#exhibitor-${coop!.slug}`);
      }
      // The other ten booths are shown, not linked.
      expect(await plan.locator("svg.floor-plan-svg g.booth-available").count()).toBe(10);

      const directory = page.getByRole("region", { name: viFairs.directory.title, exact: true });
      const cards = directory.locator("li.exhibitor");
      await waitForStatus(page, interpolate(viFairs.directory.total_other, { count: 2 }));
      expect(await cards.count()).toBe(2);
      for (const who of [TEA, NA_RI]) {
        const card = cards.filter({
          has: page.getByRole("heading", { level: 3, name: who.coop, exact: true }),
        });
        expect(await card.count()).toBe(1);
        expect(await textOf(card.locator(".exhibitor-booths"))).toBe(
          interpolate(viFairs.directory.booths_one, { booths: who.booth }),
        );
        expect(
          (await card.locator(".exhibitor-product-name").allInnerTexts()).map((s) => s.trim()).sort(),
        ).toEqual([...who.chosen].sort());
        // Only what the cooperative chose to show, not its whole catalogue.
        expect(await card.getByText(who.notChosen).count()).toBe(0);
      }

      // "mien dong" finds "Miến dong Na Rì 1kg", a product of a cooperative whose name does not say it.
      const search = directory.getByRole("search", { name: viFairs.directory.searchLabel, exact: true });
      await search.getByLabel(viFairs.directory.q, { exact: true }).fill("mien dong");
      await search.getByRole("button", { name: viFairs.directory.filter, exact: true }).click();
      await page.waitForURL((url) => url.searchParams.get("q") === "mien dong");
      await waitForStatus(page, interpolate(viFairs.directory.found_other, { count: 1, total: 2 }));
      expect(await cards.count()).toBe(1);
      expect(await textOf(cards.getByRole("heading", { level: 3 }))).toBe(NA_RI.coop);
      expect(await search.getByLabel(viFairs.directory.q, { exact: true }).inputValue()).toBe("mien dong");
      // The plan is the whole fair whatever the directory shows.
      expect(await links.count()).toBe(2);

      await directory.getByRole("link", { name: viFairs.directory.clear, exact: true }).click();
      await page.waitForURL((url) => !url.searchParams.has("q"));
      await waitForStatus(page, interpolate(viFairs.directory.total_other, { count: 2 }));
      expect(await cards.count()).toBe(2);
    });

    expect(seen).toEqual([]);
  });

  it("saw no console errors, page errors or failed requests on any page", () => {
    expect(problems.flat()).toEqual([]);
  });
});
