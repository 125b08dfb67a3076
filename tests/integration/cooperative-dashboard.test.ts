import { randomUUID } from "node:crypto";
import { QueryTypes } from "sequelize";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import viAgreements from "../../app/locales/vi/agreements.json";
import viDashboard from "../../app/locales/vi/dashboard.json";
import viFairs from "../../app/locales/vi/fairs.json";
import type { CurrentUser } from "../../server/accounts/current-user";
import { bucketLabel, bucketsInOneYear } from "../../server/reports/labels";
import { addDays, chartBuckets, startOfDay } from "../../server/reports/period";
import { vietnamDay } from "../../server/vocabulary/dates";
import { formatDate, formatNumber, formatPercent, formatVnd } from "../../server/vocabulary/format";
import { agreementCast, currentUser, sealedAgreement } from "../support/agreements";
import { DIALECTS } from "../support/db";
import { makeCooperative, makeProduct, makeUser, PASSWORD } from "../support/factories";
import { openFair } from "../support/fairs";
import { BANK_ACCOUNT, buy, ordersOf, signedInBuyer } from "../support/orders";
import { Browserless, startTestServer, type TestServer } from "../support/server";
import { html } from "../support/text";

type Cast = Awaited<ReturnType<typeof agreementCast>>;

/** The rows of the chart data table captioned `title` on a page, each as its cells' text. */
function chartTable(page: string, title: string): string[][] {
  const at = page.indexOf(`<caption>${html(title)}</caption>`);
  if (at < 0) return [];
  const table = page.slice(at, page.indexOf("</table>", at));
  const body = table.slice(table.indexOf("<tbody>"));
  return [...body.matchAll(/<tr>(.*?)<\/tr>/gs)].map(([, row]) =>
    [...row!.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/gs)].map(([, cell]) => cell!),
  );
}

/**
 * A cooperative's own dashboard figures (issue 13: "a cooperative sees its own sales, bookings and agreements"):
 * sales per month in Vietnam time, fair bookings by status and to come, agreements by stage with what was delivered
 * against what was agreed — checked against data made here through the use cases, with a second cooperative's
 * numbers made alongside that must not leak in; then the page over HTTP, whose charts' tables carry the figures.
 * Needs `npm run build` for the page.
 */
describe.each(DIALECTS)("the cooperative dashboard's figures on %s", (dialect) => {
  let server: TestServer;
  let a: Cast;
  let b: Cast;
  let member: CurrentUser;
  let fair: Awaited<ReturnType<typeof openFair>>;
  const today = vietnamDay(new Date());
  // The twelve months the chart shows, the last being this one.
  const months = chartBuckets({ from: today, to: today });
  const noon = (day: string) => new Date(startOfDay(day).getTime() + 12 * 3_600_000);
  const expected = { twoMonthsAgo: 0, lastMonth: 0, thisMonth: 0 };

  const c = () => server.container;
  /** Move an order's creation to `at` (orders are placed now; the figures are about when). */
  const placedAt = async (orderId: number, at: Date) =>
    c().db.sequelize.query("UPDATE orders SET created_at = :at WHERE id = :orderId", {
      type: QueryTypes.UPDATE,
      replacements: { at, orderId },
    });
  /** A bank-transfer order of `quantity` × the product from `buyer`, marked paid by the cooperative unless told. */
  async function order(
    owner: CurrentUser,
    productId: number,
    quantity: number,
    at: Date,
    then: "mark_paid" | "cancel" | null = "mark_paid",
  ) {
    const buyer = await signedInBuyer(c());
    const { publicId } = await buy(c(), buyer, [{ productId, quantity }], { paymentMethod: "bank_transfer" });
    const [row] = (await ordersOf(c(), publicId)).orders;
    if (then === "cancel")
      await c().services.orders.actOnOrder(owner, {
        code: row!.code,
        action: "cancel",
        form: { reason: "Khách đổi ý, hủy đơn" },
      });
    else if (then) await c().services.orders.actOnOrder(owner, { code: row!.code, action: then });
    await placedAt(row!.id, at);
    return row!.subtotalVnd;
  }

  beforeAll(async () => {
    server = await startTestServer(dialect);
    a = await agreementCast(c(), { member: "thanhvien.dashboard@example.com" });
    member = a.member!;
    b = await agreementCast(c(), {
      buyer: { email: "nguoimua.b@example.com", fullName: "Phạm Quốc Bảo" },
      owner: { email: "chunhiem.b@example.com", fullName: "Hoàng Văn Dũng" },
      staff: { email: "canbo.b@example.com" },
      cooperative: "HTX Miến dong Bình Liêu",
    });
    for (const cast of [a, b]) await c().services.cooperatives.setBankAccount(cast.coop, BANK_ACCOUNT);
    const teaA = await makeProduct(c(), a.cooperativeId, { priceVnd: 150_000, stock: 1000 });
    const teaB = await makeProduct(c(), b.cooperativeId, { priceVnd: 77_000, stock: 1000 });

    // A's sales: two months ago, last month (just after its first midnight in Vietnam, still the month before in
    // UTC), this month; a cancelled order, an unpaid one and one older than the chart count for nothing.
    expected.twoMonthsAgo += await order(a.coop, teaA.id, 2, noon(addDays(months[9]!.from, 14)));
    expected.twoMonthsAgo += await order(a.coop, teaA.id, 1, noon(months[9]!.to));
    expected.lastMonth += await order(
      a.coop,
      teaA.id,
      3,
      new Date(startOfDay(months[10]!.from).getTime() + 30 * 60_000),
    );
    expected.thisMonth += await order(a.coop, teaA.id, 4, noon(months[11]!.from));
    await order(a.coop, teaA.id, 5, noon(months[11]!.from), "cancel");
    await order(a.coop, teaA.id, 6, noon(months[11]!.from), null);
    await order(a.coop, teaA.id, 7, noon(addDays(months[0]!.from, -1)));
    // B's sale this month, which A's dashboard must not show.
    await order(b.coop, teaB.id, 9, noon(months[11]!.from));

    // A's agreements: one sealed with half delivered and confirmed, one cancelled by staff, one still a draft.
    const schedule = [{ date: addDays(today, -5), quantity: 300 }];
    const delivering = await sealedAgreement(c(), a, schedule);
    const { deliveryId } = await c().services.agreements.recordDelivery(a.coop, {
      publicId: delivering,
      form: { requestId: randomUUID(), deliveredOn: addDays(today, -4), quantity: "150" },
    });
    await c().services.agreements.answerDelivery(a.buyer, {
      publicId: delivering,
      form: { deliveryId: String(deliveryId), answer: "confirm" },
    });
    const cancelled = await sealedAgreement(c(), a, schedule);
    await c().services.agreements.moveAgreement(a.staff, {
      publicId: cancelled,
      form: { action: "terminate", reason: "Bên mua ngừng kinh doanh mặt hàng này" },
    });
    await c().services.agreements.draftFromMatch(a.buyer, { matchId: a.matchId });
    // B's agreement, all of it delivered and confirmed: completed.
    const bAgreement = await sealedAgreement(c(), b, schedule);
    const bDelivery = await c().services.agreements.recordDelivery(b.coop, {
      publicId: bAgreement,
      form: { requestId: randomUUID(), deliveredOn: addDays(today, -4), quantity: "300" },
    });
    await c().services.agreements.answerDelivery(b.buyer, {
      publicId: bAgreement,
      form: { deliveryId: String(bDelivery.deliveryId), answer: "confirm" },
    });

    // Fair booths: A has one booked, one let go and one held at a fair to come; B has one booked.
    fair = await openFair(c(), a.staff, { rows: 1, columns: 5 });
    const fairs = c().services.fairs;
    const booked = await fairs.holdBooth(a.coop, { boothId: fair.boothByCode("A01").id });
    await fairs.confirmBooking(a.coop, { publicId: booked.publicId, form: {} });
    const dropped = await fairs.holdBooth(a.coop, { boothId: fair.boothByCode("A02").id });
    await fairs.cancelBooking(a.coop, { publicId: dropped.publicId });
    await fairs.holdBooth(member, { boothId: fair.boothByCode("A03").id });
    const bBooked = await fairs.holdBooth(b.coop, { boothId: fair.boothByCode("A04").id });
    await fairs.confirmBooking(b.coop, { publicId: bBooked.publicId, form: {} });
  }, 240_000);
  afterAll(async () => server?.close());

  it("sums the cooperative's own sales by month, bookings and agreements, and nothing of another's", async () => {
    const figures = await c().services.cooperativeFigures.cooperativeDashboard(a.coop);

    expect(figures.sales.months.map((m) => m.key)).toEqual(months.map((m) => m.key));
    expect(figures.sales.months.map((m) => m.salesVnd)).toEqual([
      ...Array(9).fill(0),
      expected.twoMonthsAgo,
      expected.lastMonth,
      expected.thisMonth,
    ]);
    expect(figures.sales.months.map((m) => m.orders)).toEqual([...Array(9).fill(0), 2, 1, 1]);
    expect(expected).toEqual({ twoMonthsAgo: 450_000, lastMonth: 450_000, thisMonth: 600_000 });
    expect(figures.sales).toMatchObject({ orders: 4, salesVnd: 1_500_000 });

    expect(figures.bookings.byStatus.filter((s) => s.count > 0)).toEqual([
      { status: "held", count: 1 },
      { status: "booked", count: 1 },
      { status: "cancelled", count: 1 },
    ]);
    const fairRow = (await c().db.models.Fair.findByPk(fair.id))!;
    expect(figures.bookings.upcoming).toEqual({ booths: 2, fairs: 1, nextStartsOn: fairRow.startsOn });

    expect(figures.agreements.stages).toEqual([
      { status: "sealed", count: 0, valueVnd: 0, deliveredVnd: 0 },
      { status: "in_implementation", count: 1, valueVnd: 96_000_000, deliveredVnd: 48_000_000 },
      { status: "stalled", count: 0, valueVnd: 0, deliveredVnd: 0 },
      { status: "completed", count: 0, valueVnd: 0, deliveredVnd: 0 },
      { status: "cancelled", count: 1, valueVnd: 96_000_000, deliveredVnd: 0 },
    ]);
    expect(figures.agreements).toMatchObject({
      agreedVnd: 96_000_000,
      deliveredVnd: 48_000_000,
      fulfilment: 0.5,
    });

    // Any member of the cooperative sees the same figures; the other cooperative sees only its own.
    expect(await c().services.cooperativeFigures.cooperativeDashboard(member)).toEqual(figures);
    const other = await c().services.cooperativeFigures.cooperativeDashboard(b.coop);
    expect(other.sales).toMatchObject({ orders: 1, salesVnd: 9 * 77_000 });
    expect(other.sales.months.at(-1)!.salesVnd).toBe(9 * 77_000);
    expect(other.bookings.byStatus.filter((s) => s.count > 0)).toEqual([{ status: "booked", count: 1 }]);
    expect(other.agreements).toMatchObject({
      agreedVnd: 96_000_000,
      deliveredVnd: 96_000_000,
      fulfilment: 1,
    });
    expect(other.agreements.stages.find((s) => s.status === "completed")!.count).toBe(1);
  });

  it("is for the members of an approved cooperative only", async () => {
    const figures = c().services.cooperativeFigures;
    await expect(figures.cooperativeDashboard(a.buyer)).rejects.toMatchObject({
      status: 403,
      code: "not_a_cooperative_member",
    });
    await expect(figures.cooperativeDashboard(a.staff)).rejects.toMatchObject({ status: 403 });
    const pendingOwner = await makeUser(c(), { role: "cooperative" });
    await makeCooperative(c(), { ownerId: pendingOwner.id, status: "pending" });
    await expect(
      figures.cooperativeDashboard(await currentUser(c(), pendingOwner.email)),
    ).rejects.toMatchObject({ status: 403, code: "cooperative_not_approved" });
  });

  it("shows the charts on the dashboard page, their tables holding the cooperative's figures", async () => {
    const browser = new Browserless(server.url, { "accept-language": "vi" });
    const login = await browser.post("/login", {
      email: "chunhiem@example.com",
      password: PASSWORD,
      redirectTo: "/",
    });
    expect(login.status).toBe(302);
    const res = await browser.get("/cooperative");
    expect(res.status).toBe(200);
    const page = await res.text();
    const f = viDashboard.figures;
    expect(page).toContain(html(f.title));

    const t = c().services.i18n.t("vi");
    const oneYear = bucketsInOneYear(months);
    const vnd = (n: number) => formatVnd(n, "vi");
    expect(chartTable(page, f.sales.title)).toEqual(
      months.map((m, i) => [
        html(bucketLabel(t, m, oneYear)),
        vnd([...Array(9).fill(0), 450_000, 450_000, 600_000][i]),
      ]),
    );
    expect(page).toContain(
      html(t("dashboard:figures.sales.total", { orders: formatNumber(4, "vi"), sales: vnd(1_500_000) })),
    );
    // The SVG is drawn, named by the chart's title, for those who look rather than read.
    expect(page).toMatch(
      new RegExp(`<svg[^>]*role="img"[^>]*>\\s*<title[^>]*>${html(f.sales.title)}</title>`),
    );

    expect(chartTable(page, f.bookings.title).sort()).toEqual(
      [
        [html(viFairs.bookingStatus.booked), "1"],
        [html(viFairs.bookingStatus.cancelled), "1"],
        [html(viFairs.bookingStatus.held), "1"],
      ].sort(),
    );
    const fairRow = (await c().db.models.Fair.findByPk(fair.id))!;
    expect(page).toContain(
      html(
        t("dashboard:figures.bookings.upcoming", {
          fairs: "1",
          booths: "2",
          date: formatDate(fairRow.startsOn, "vi"),
        }),
      ),
    );

    expect(chartTable(page, f.agreements.title)).toEqual([
      [html(viAgreements.status.sealed), "0", vnd(0)],
      [html(viAgreements.status.in_implementation), "1", vnd(96_000_000)],
      [html(viAgreements.status.completed), "0", vnd(0)],
      [html(viAgreements.status.stalled), "0", vnd(0)],
      [html(viAgreements.status.cancelled), "1", vnd(96_000_000)],
    ]);
    const facts = page.slice(page.indexOf('id="fulfilment-figures"'));
    expect(facts).toContain(vnd(48_000_000));
    expect(facts).toContain(formatPercent(0.5, "vi"));

    // Nothing of the other cooperative: its sales figure is nowhere on the page.
    expect(page).not.toContain(vnd(9 * 77_000));
  });

  it("shows the other cooperative its own figures, and a cooperative not yet approved none", async () => {
    const browser = new Browserless(server.url, { "accept-language": "vi" });
    await browser.post("/login", { email: "chunhiem.b@example.com", password: PASSWORD, redirectTo: "/" });
    const page = await (await browser.get("/cooperative")).text();
    const t = c().services.i18n.t("vi");
    const rows = chartTable(page, viDashboard.figures.sales.title);
    expect(rows.at(-1)![1]).toBe(formatVnd(9 * 77_000, "vi"));
    expect(rows.slice(0, -1).every((r) => r[1] === formatVnd(0, "vi"))).toBe(true);
    expect(chartTable(page, viDashboard.figures.agreements.title)).toContainEqual([
      html(viAgreements.status.completed),
      "1",
      formatVnd(96_000_000, "vi"),
    ]);
    expect(page).toContain(
      html(t("dashboard:figures.sales.total", { orders: "1", sales: formatVnd(9 * 77_000, "vi") })),
    );

    const pendingOwner = await makeUser(c(), { role: "cooperative" });
    await makeCooperative(c(), { ownerId: pendingOwner.id, status: "pending" });
    const pending = new Browserless(server.url, { "accept-language": "vi" });
    await pending.post("/login", { email: pendingOwner.email, password: PASSWORD, redirectTo: "/" });
    const res = await pending.get("/cooperative");
    expect(res.status).toBe(200);
    const pendingPage = await res.text();
    expect(pendingPage).not.toContain(html(viDashboard.figures.title));
    expect(chartTable(pendingPage, viDashboard.figures.sales.title)).toEqual([]);
  });
});
