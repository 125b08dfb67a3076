import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { Op } from "sequelize";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import viReports from "../../app/locales/vi/reports.json";
import viStaff from "../../app/locales/vi/staff.json";
import type { CurrentUser } from "../../server/accounts/current-user";
import { vietnamDay } from "../../server/vocabulary/dates";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../seeds";
import { bulkSealedAgreements } from "../support/agreements";
import { statementsOf } from "../support/query-count";
import { DIALECTS } from "../support/db";
import { Browserless, startTestServer, type TestServer } from "../support/server";

/*
 * The union staff's reports over the demo data (issue 13): the dashboard must show the totals the seed is known to
 * hold, within each union's scope, compared with the previous period, in a fixed number of queries; the exports
 * must read back with their Vietnamese text and number formats.
 *
 * Where the expected figures come from (worked out from the seed files, not from the code under test):
 * - seeds/data/cooperatives.ts: 48 cooperatives, 42 approved (34 cooperatives, 6 groups, 2 unions) with 2,134
 *   members; Thái Nguyên ("19") 11 with 338 members, Lạng Sơn ("20") 4 with 124. seeds/index.ts registers the i-th
 *   on 2026-01-05 + 5·i days, so 15 approved ones by 31/03/2026 (786 members) and 32 by 30/06/2026 (1,639).
 * - seeds/data/products.ts: 209 active products of approved cooperatives (Thái Nguyên 53, Lạng Sơn 19), the n-th
 *   listed 2026-01-10 + 31·n hours: 56 by 31/03/2026 and 119 by 30/06/2026. OCOP certificates (36 months from
 *   `issuedOn`) valid on 30/06/2026 among those: 37 (19 three-star, 17 four-star, 1 five-star; one expiring by
 *   28/09/2026); on 31/03/2026: 19.
 * - seeds/agreements.ts with seeds/data/agreement-deals.ts: six agreements sealed at seeding. Four are of Thái
 *   Nguyên cooperatives: the business buyer's tea, 2,000 × 12 × 64,000 = 1,536,000,000 ₫, and the talks after the
 *   conference, giảo cổ lam 300 × 12 × 88,000 = 316,800,000 ₫ (both on the platform, still "sealed"); on paper, the
 *   restaurant's tea, 60 × 12 × 230,000 = 165,600,000 ₫ (in implementation, its first lot of 60 confirmed:
 *   13,800,000 ₫) and the processor's memorandum, matcha 40 × 6 × 720,000 = 172,800,000 ₫ (stalled): 2,191,200,000 ₫.
 *   Two are Lạng Sơn's, on paper, at 85% of the catalogue price: star anise, 250 kg × 3 months × 179,000 =
 *   134,250,000 ₫, all three lots confirmed (completed), and anise oil, 80 bottles × 12 × 153,000 = 146,880,000 ₫,
 *   its first lot confirmed (12,240,000 ₫; in implementation): 281,130,000 ₫. In all 2,472,330,000 ₫, of which
 *   160,290,000 ₫ delivered. The agreement awaiting a signature, the cancelled draft and the draft are not signed.
 *   The two Thái Nguyên paper agreements go to pairs that met at last season's conference, and the conference's
 *   timetable comes out differently on MariaDB than on SQLite (other pairs, other deals: there 1,536,000,000 ₫ and
 *   768,000,000 ₫), so their values, and the sums that hold them, are checked against the agreement rows summed
 *   here in plain code; everything else is the number above.
 * - seeds/orders.ts: 20 orders in the last weeks, 16 of them sales (not cancelled, refunded or awaiting payment),
 *   28,136,000 ₫; 12 with Thái Nguyên cooperatives (14,800,000 ₫), 4 with Lạng Sơn ones (13,336,000 ₫).
 * - seeds/fairs.ts: last year's fair in Lạng Sơn (13 booths booked) and the upcoming one in Thái Nguyên (12 booked so
 *   far), 20 cooperatives between them; seeds/conferences.ts: two conferences in Thái Nguyên, 27 meetings held at
 *   the past one and 3 missed; four contact requests between matches, two accepted.
 */

const DAY = 86_400_000;
const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

describe.each(DIALECTS)("union staff reports on %s", (dialect) => {
  let server: TestServer;
  let admin: CurrentUser;
  let thaiNguyen: CurrentUser;
  let langSon: CurrentUser;
  /** Every dated thing the demo seeds (last year's fair, next month's conference) falls in this span. */
  let wide: Record<string, string>;
  /** The sealed agreements as seeded, to sum in plain code (see the note on the conference's timetable above). */
  let sealed: Array<{ provinceCode: string | null; status: string; totalVnd: number; deliveredVnd: number }>;
  const sum = (
    of: "totalVnd" | "deliveredVnd",
    where: (a: (typeof sealed)[number]) => boolean = () => true,
  ) => sealed.filter(where).reduce((n, a) => n + Number(a[of]), 0);
  const inTN = (a: { provinceCode: string | null }) => a.provinceCode === "19";

  const dashboard = (user: CurrentUser, query: Record<string, string>) =>
    server.container.services.reports.dashboard(user, query);
  const as = async (email: string) => {
    const b = new Browserless(server.url, { "accept-language": "vi" });
    const res = await b.post("/login", { email, password: DEMO_PASSWORD, redirectTo: "/" });
    expect(res.status).toBe(302);
    return b;
  };
  /** Statements one call sends to the database. */
  const statements = async (act: () => Promise<unknown>) =>
    (await statementsOf(server.container.db.sequelize, act)).count;

  beforeAll(async () => {
    server = await startTestServer(dialect, {}, { demo: true });
    const person = async (email: string) =>
      (await server.container.services.accounts.getCurrentUser({ email }))!;
    admin = await person(DEMO_ACCOUNTS.admin.email);
    thaiNguyen = await person(DEMO_ACCOUNTS.staff.email);
    langSon = await person(DEMO_ACCOUNTS.staffLangSon.email);
    const today = vietnamDay();
    wide = { period: "custom", from: addDays(today, -800), to: addDays(today, 60) };
    sealed = (
      await server.container.db.models.Agreement.findAll({ where: { sealedAt: { [Op.ne]: null } } })
    ).map((a) => ({
      provinceCode: a.provinceCode,
      status: a.status,
      totalVnd: Number(a.totalVnd),
      deliveredVnd: Number(a.deliveredVnd),
    }));
  }, 300_000);
  afterAll(async () => server?.close());

  it("shows the demo's known totals to national staff", async () => {
    const d = await dashboard(admin, wide);
    expect(d.scope).toEqual({ province: null, locked: false });
    expect(d.cooperatives.total.current).toBe(42);
    expect(d.cooperatives.members.current).toBe(2134);
    expect(Object.fromEntries(d.cooperatives.byKind.map((k) => [k.kind, k.total.current]))).toEqual({
      cooperative: 34,
      cooperative_group: 6,
      cooperative_union: 2,
    });
    expect(d.products.listed.current).toBe(209);

    expect(d.agreements.signed.current).toBe(6);
    expect(sealed).toHaveLength(6);
    expect(d.agreements.valueVnd.current).toBe(sum("totalVnd"));
    expect(d.agreements.byMethod).toEqual([
      {
        method: "platform",
        count: { current: 2, previous: 0 },
        valueVnd: { current: 1_852_800_000, previous: 0 },
      },
      {
        method: "paper",
        count: { current: 4, previous: 0 },
        valueVnd: { current: sum("totalVnd") - 1_852_800_000, previous: 0 },
      },
    ]);
    const stage = (status: string) => sum("totalVnd", (a) => a.status === status);
    expect(d.agreements.byStage).toEqual([
      { status: "sealed", count: 2, valueVnd: 1_852_800_000 },
      { status: "in_implementation", count: 2, valueVnd: stage("in_implementation") },
      { status: "stalled", count: 1, valueVnd: stage("stalled") },
      { status: "completed", count: 1, valueVnd: 134_250_000 },
      { status: "cancelled", count: 0, valueVnd: 0 },
    ]);
    expect(d.agreements.deliveredVnd.current).toBe(sum("deliveredVnd"));
    expect(d.agreements.fulfilment.current).toBeCloseTo(sum("deliveredVnd") / sum("totalVnd"), 10);
    // By province, largest first: the bars of the value-by-province chart.
    expect(d.byProvince.filter((p) => p.agreementVnd > 0)).toEqual([
      expect.objectContaining({ provinceCode: "19", agreements: 4, agreementVnd: sum("totalVnd", inTN) }),
      expect.objectContaining({ provinceCode: "20", agreements: 2, agreementVnd: 281_130_000 }),
    ]);
    // On SQLite, where the seed's timetable is the one worked out above, every figure is the known one.
    if (dialect === "sqlite") {
      expect(d.agreements.valueVnd.current).toBe(2_472_330_000);
      expect(d.agreements.deliveredVnd.current).toBe(160_290_000);
      expect(stage("in_implementation")).toBe(312_480_000);
      expect(stage("stalled")).toBe(172_800_000);
    }

    expect(d.orders.count.current).toBe(16);
    expect(d.orders.salesVnd.current).toBe(28_136_000);
    expect(d.fairs).toMatchObject({
      held: { current: 2 },
      booths: { current: 25 },
      exhibitors: { current: 20 },
    });
    expect(d.conferences).toMatchObject({
      held: { current: 2 },
      meetingsHeld: { current: 27 },
      noShows: { current: 3 },
    });
    expect(d.matches).toMatchObject({ requested: { current: 4 }, connected: { current: 2 } });

    // The leaders: the tea cooperative with the business buyer's tea and the memorandum (and one small sale); the
    // business buyer's organisation with its tea and its marketplace purchases.
    expect(d.topCooperatives[0]).toMatchObject({
      name: "Liên hiệp HTX Chè Thái Nguyên Xanh",
    });
    expect(d.topBuyers[0]).toMatchObject({
      name: "Công ty TNHH Nông sản Sạch Hà Thành",
      kind: "distributor",
      agreements: 1,
      agreementVnd: 1_536_000_000,
    });
    // Over the whole span, the year of the seal holds the value (the chart is by year past two years).
    expect(d.timeline.reduce((n, b) => n + b.valueVnd, 0)).toBe(sum("totalVnd"));
    expect(d.timeline.at(-1)!.deliveredToDateVnd).toBe(sum("deliveredVnd"));
    // Nothing was delivered 800 days ago, and what was delivered only grows.
    const delivered = d.timeline.map((b) => b.deliveredToDateVnd);
    expect(delivered[0]).toBe(0);
    expect(delivered).toEqual([...delivered].sort((a, b) => a - b));
  });

  it("draws fulfilment over time from the deliveries' own days", async () => {
    const { models } = server.container.db;
    const today = vietnamDay();
    const d = await dashboard(admin, { period: "custom", from: addDays(today, -200), to: today });
    const open = new Set(
      (await models.Agreement.findAll({ where: { sealedAt: { [Op.ne]: null } } }))
        .filter((a) => a.status !== "cancelled")
        .map((a) => a.id),
    );
    const confirmed = (await models.AgreementDelivery.findAll({ where: { status: "confirmed" } })).filter(
      (x) => open.has(x.agreementId),
    );
    // Month by month, everything confirmed by the month's last day, counted one delivery at a time.
    expect(d.timeline.map((b) => b.deliveredToDateVnd)).toEqual(
      d.timeline.map((b) =>
        confirmed.filter((x) => x.deliveredOn <= b.to).reduce((n, x) => n + Number(x.valueVnd), 0),
      ),
    );
    expect(d.timeline.at(-1)!.deliveredToDateVnd).toBeGreaterThan(d.timeline[0]!.deliveredToDateVnd);
  });

  it("keeps each province's union to its cooperatives, and lets national staff choose one", async () => {
    const ls = await dashboard(langSon, { ...wide, province: "19" });
    // A province's staff cannot widen their scope by asking for another province.
    expect(ls.scope).toEqual({ province: "20", locked: true });
    expect(ls.byProvince.map((p) => p.provinceCode)).toEqual(["20"]);
    expect(ls.cooperatives.total.current).toBe(4);
    expect(ls.cooperatives.members.current).toBe(124);
    expect(ls.products.listed.current).toBe(19);
    expect(ls.agreements.signed.current).toBe(2);
    expect(ls.agreements.valueVnd.current).toBe(281_130_000);
    expect(ls.agreements.deliveredVnd.current).toBe(146_490_000);
    expect(ls.agreements.fulfilment.current).toBeCloseTo(146_490_000 / 281_130_000, 10);
    expect(ls.orders).toMatchObject({ count: { current: 4 }, salesVnd: { current: 13_336_000 } });
    // Last year's fair was held in Lạng Sơn; the upcoming one is Thái Nguyên's.
    expect(ls.fairs.held.current).toBe(1);
    expect(ls.topCooperatives.every((c) => c.provinceCode === "20")).toBe(true);

    const tn = await dashboard(thaiNguyen, wide);
    expect(tn.scope).toEqual({ province: "19", locked: true });
    expect(tn.byProvince.map((p) => p.provinceCode)).toEqual(["19"]);
    expect(tn.cooperatives.total.current).toBe(11);
    expect(tn.cooperatives.members.current).toBe(338);
    expect(tn.products.listed.current).toBe(53);
    expect(tn.agreements.signed.current).toBe(4);
    expect(tn.agreements.valueVnd.current).toBe(sum("totalVnd", inTN));
    expect(tn.agreements.deliveredVnd.current).toBe(sum("deliveredVnd", inTN));
    expect(tn.orders).toMatchObject({ count: { current: 12 }, salesVnd: { current: 14_800_000 } });
    expect(tn.conferences.meetingsHeld.current + ls.conferences.meetingsHeld.current).toBe(27);

    // National staff see both, and choose one as the province's own staff see it.
    const chosen = await dashboard(admin, { ...wide, province: "20" });
    expect(chosen.scope).toEqual({ province: "20", locked: false });
    expect({ ...chosen, scope: null, generatedAt: null }).toEqual({ ...ls, scope: null, generatedAt: null });
    const all = await dashboard(admin, wide);
    expect(all.cooperatives.total.current).toBeGreaterThan(tn.cooperatives.total.current + 4);
  });

  it("compares a period with the one before it", async () => {
    const d = await dashboard(admin, { period: "quarter", year: "2026", quarter: "2" });
    expect(d.period).toMatchObject({ kind: "quarter", from: "2026-04-01", to: "2026-06-30" });
    expect(d.previous).toMatchObject({ kind: "quarter", from: "2026-01-01", to: "2026-03-31" });
    expect(d.cooperatives.total).toEqual({ current: 32, previous: 15 });
    expect(d.cooperatives.new).toEqual({ current: 17, previous: 15 });
    expect(d.cooperatives.members).toEqual({ current: 1639, previous: 786 });
    expect(d.products.listed).toEqual({ current: 119, previous: 56 });
    expect(d.products.new).toEqual({ current: 63, previous: 56 });
    expect(d.products.ocop).toEqual({ current: 37, previous: 19 });
    expect(d.products.ocopByStars.map((s) => [s.stars, s.count.current])).toEqual([
      [3, 19],
      [4, 17],
      [5, 1],
    ]);
    expect(d.products.ocopExpiring.current).toBe(1);
    // A quarter is drawn among the twelve months it ends, each beside the same month a year before.
    expect(d.timeline.map((b) => b.key)).toEqual([
      "2025-07",
      "2025-08",
      "2025-09",
      "2025-10",
      "2025-11",
      "2025-12",
      "2026-01",
      "2026-02",
      "2026-03",
      "2026-04",
      "2026-05",
      "2026-06",
    ]);

    // The custom span right after the demo's agreements were sealed compares with the same number of days before.
    const today = vietnamDay();
    const after = await dashboard(admin, {
      period: "custom",
      from: addDays(today, 1),
      to: addDays(today, 30),
    });
    expect(after.previous).toMatchObject({ from: addDays(today, -29), to: today });
    expect(after.agreements.signed).toEqual({ current: 0, previous: 6 });
    expect(after.agreements.valueVnd).toEqual({ current: 0, previous: sum("totalVnd") });
    expect(after.agreements.fulfilment).toEqual({
      current: null,
      previous: expect.closeTo(sum("deliveredVnd") / sum("totalVnd"), 10),
    });
  });

  describe("over HTTP", () => {
    it("shows the dashboard to staff, in their scope, with its charts and their tables", async () => {
      const tn = await as(DEMO_ACCOUNTS.staff.email);
      const res = await tn.get("/staff/reports");
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain("Liên minh Hợp tác xã tỉnh Thái Nguyên");
      expect(html).toContain(viReports.section.agreements);
      expect(html).toContain(viReports.chart.pipeline.title);
      expect(html).toContain(viReports.chart.ocopStars.title);
      expect(html).toMatch(/<svg[^>]*role="img"/);
      expect(html).toContain(viReports.form.legend);
      // The province filter is for national staff only.
      expect(html).not.toContain(`name="province"`);

      // A month that is not one is shown beside the field, with this year's figures.
      const bad = await tn.get("/staff/reports?period=month&month=13");
      expect(bad.status).toBe(400);
      expect(await bad.text()).toContain('aria-invalid="true"');

      const adminPage = await (await as(DEMO_ACCOUNTS.admin.email)).get("/staff/reports?province=20");
      const adminHtml = await adminPage.text();
      expect(adminHtml).toContain(`name="province"`);
      expect(adminHtml).toContain("Liên minh Hợp tác xã tỉnh Lạng Sơn");

      // Buyers and cooperatives are refused; guests are sent to log in.
      const buyer = await as(DEMO_ACCOUNTS.buyer.email);
      expect((await buyer.get("/staff/reports")).status).toBe(403);
      expect((await buyer.get("/staff/reports.xlsx")).status).toBe(403);
      const guest = await new Browserless(server.url).get("/staff/reports.pdf");
      expect(guest.status).toBe(302);
      expect(guest.headers.get("location")).toMatch(/^\/login/);
    });

    it("prints the period report as the unions write it", async () => {
      const tn = await as(DEMO_ACCOUNTS.staff.email);
      const res = await tn.get("/staff/reports/print?period=quarter&year=2026&quarter=2");
      expect(res.status).toBe(200);
      const html = await res.text();
      for (const text of [
        "LIÊN MINH HỢP TÁC XÃ TỈNH THÁI NGUYÊN".toLowerCase(),
        viReports.doc.title,
        viReports.doc.motto,
        "Quý II năm 2026 (so sánh với quý I năm 2026)",
        `I. ${viReports.section.cooperatives}`,
        `V. ${viReports.section.commerce}`,
        DEMO_ACCOUNTS.staff.fullName,
      ])
        expect(html.toLowerCase()).toContain(text.toLowerCase());
    });

    it("exports the dashboard's tables as an Excel workbook with Vietnamese headers and VND formats", async () => {
      const tn = await as(DEMO_ACCOUNTS.staff.email);
      const res = await tn.get(`/staff/reports.xlsx?${new URLSearchParams(wide).toString()}`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain("spreadsheetml");
      expect(res.headers.get("content-disposition")).toMatch(/filename="bao-cao-thai-nguyen-.+\.xlsx"/);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ExcelJS.Buffer);
      expect(book.worksheets.map((s) => s.name)).toEqual([
        viReports.table.summary,
        viReports.table.kinds,
        viReports.table.provinces,
        viReports.table.stages,
        viReports.table.types,
        viReports.table.months,
        viReports.table.cooperatives,
        viReports.table.buyers,
      ]);
      const summary = book.getWorksheet(viReports.table.summary)!;
      expect(String(summary.getCell("A1").value)).toContain("Liên minh Hợp tác xã tỉnh Thái Nguyên");
      expect([1, 2].map((c) => summary.getRow(2).getCell(c).value)).toEqual([
        viReports.column.indicator,
        viReports.column.unit,
      ]);
      const row = (label: string) => {
        let found: ExcelJS.Row | undefined;
        summary.eachRow((r) => {
          if (r.getCell(1).value === label) found = r;
        });
        if (!found) throw new Error(`no row "${label}"`);
        return found;
      };
      const value = row(viReports.indicator.agreementsValue);
      expect(value.getCell(2).value).toBe(viReports.unit.vnd);
      expect(value.getCell(3).value).toBe(sum("totalVnd", inTN));
      expect(value.getCell(3).numFmt).toBe('#,##0 "₫"');
      const signed = row(viReports.indicator.agreementsSigned);
      expect(signed.getCell(3).value).toBe(4);
      expect(signed.getCell(3).numFmt).toBe("#,##0");
      const rate = row(viReports.indicator.fulfilment).getCell(3);
      expect(rate.numFmt).toBe("0%");
      expect(Number(rate.value)).toBeCloseTo(sum("deliveredVnd", inTN) / sum("totalVnd", inTN), 6);

      const provinces = book.getWorksheet(viReports.table.provinces)!;
      expect(provinces.getRow(2).getCell(1).value).toBe(viReports.column.province);
      expect(provinces.getRow(3).getCell(1).value).toBe("Thái Nguyên");
      expect(provinces.rowCount).toBe(3);
      const buyers = book.getWorksheet(viReports.table.buyers)!;
      expect(buyers.getRow(3).getCell(2).value).toBe("Công ty TNHH Nông sản Sạch Hà Thành");
    });

    it("exports one table as CSV", async () => {
      const national = await as(DEMO_ACCOUNTS.admin.email);
      const res = await national.get(
        `/staff/reports.csv?${new URLSearchParams({ ...wide, table: "provinces" })}`,
      );
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      const bytes = Buffer.from(await res.arrayBuffer());
      // The byte-order mark Excel needs to read UTF-8, then the Vietnamese as written.
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const rows: string[][] = parse(bytes.subarray(3).toString("utf8"));
      expect(rows[0]![0]).toBe(viReports.column.province);
      const thaiNguyenRow = rows.find((r) => r[0] === "Thái Nguyên")!;
      // Cooperatives, members, … agreements, their value: whole numbers, no separators.
      expect(thaiNguyenRow.slice(1, 3)).toEqual(["11", "338"]);
      expect(thaiNguyenRow[7]).toBe(String(sum("totalVnd", inTN)));
      expect(rows.find((r) => r[0] === "Lạng Sơn")![1]).toBe("4");
    });

    it("prints the report as a PDF whose Vietnamese text reads back", async () => {
      const ls = await as(DEMO_ACCOUNTS.staffLangSon.email);
      const res = await ls.get(`/staff/reports.pdf?${new URLSearchParams(wide).toString()}`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/pdf");
      const file = path.join(server.container.dataDir, "report.pdf");
      writeFileSync(file, Buffer.from(await res.arrayBuffer()));
      const text = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" })
        .normalize("NFC")
        .replace(/\s+/g, " ");
      for (const expected of [
        "LIÊN MINH HỢP TÁC XÃ TỈNH LẠNG SƠN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập – Tự do – Hạnh phúc",
        "BÁO CÁO KẾT QUẢ HOẠT ĐỘNG",
        `I. ${viReports.section.cooperatives}`,
        `II. ${viReports.section.products}`,
        `III. ${viReports.section.promotion}`,
        `IV. ${viReports.section.agreements}`,
        `V. ${viReports.section.commerce}`,
        "có 4 hợp tác xã, liên hiệp hợp tác xã và tổ hợp tác",
        "với tổng số 124 thành viên",
        "13.336.000",
        "Tỉnh, thành phố",
        "NGƯỜI LẬP BÁO CÁO",
        DEMO_ACCOUNTS.staffLangSon.fullName,
      ])
        expect(text).toContain(expected);
      // The charts are in it as pictures.
      const images = execFileSync("pdfimages", ["-list", file], { encoding: "utf8" })
        .split("\n")
        .filter((l) => /^\s*\d+\s+\d+\s+image/.test(l));
      expect(images.length).toBeGreaterThanOrEqual(3);
    });

    it("gives the staff overview its chart and its ways to the console's three pages", async () => {
      const tn = await as(DEMO_ACCOUNTS.staff.email);
      const res = await tn.get("/staff");
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain(viStaff.overview.chart.title);
      expect(html).toContain(viStaff.overview.pipeline.title);
      for (const href of ['href="/staff/agreements"', 'href="/staff/follow-ups"', 'href="/staff/reports"'])
        expect(html).toContain(href);
    });
  });

  // Last: it adds cooperatives and agreements the other tests do not expect.
  it("answers in a fixed number of queries whatever the data holds", async () => {
    const ask = (user: CurrentUser, query: Record<string, string>) =>
      statements(() => dashboard(user, query));
    const before = {
      national: await ask(admin, {}),
      province: await ask(langSon, { period: "month" }),
      wide: await ask(admin, wide),
    };
    expect(before.national).toBe(14);
    expect(before.province).toBe(before.national);
    expect(before.wide).toBe(before.national);

    // Thirty more cooperatives in Lạng Sơn and sixty more agreements sealed with them.
    const { models } = server.container.db;
    const buyer = (await server.container.services.accounts.getCurrentUser({
      email: DEMO_ACCOUNTS.buyer.email,
    }))!;
    const coops = await models.Cooperative.bulkCreate(
      Array.from({ length: 30 }, (_, i) => ({
        slug: `htx-them-${i}`,
        name: `HTX Thêm Số ${i}`,
        searchName: `htx them so ${i}`,
        kind: "cooperative" as const,
        provinceCode: "20",
        wardCode: null,
        address: "Thôn Bản Chắt",
        foundedYear: 2020,
        memberCount: 10,
        descriptionVi: "Hợp tác xã thêm vào để đếm truy vấn.",
        descriptionEn: null,
        representative: "Hoàng Văn Thêm",
        phone: "0300900001",
        email: null,
        website: null,
        logoUrl: null,
        status: "approved" as const,
        rejectionReason: null,
        reviewedById: null,
        reviewedAt: null,
      })),
    );
    await bulkSealedAgreements(server.container, {
      count: 60,
      prefix: "TT-TEST",
      buyerId: buyer.id,
      cooperativeIds: coops.map((coop) => coop.id),
      provinceCode: "20",
    });
    const after = {
      national: await ask(admin, {}),
      province: await ask(langSon, { period: "month" }),
      wide: await ask(admin, wide),
    };
    expect(after).toEqual(before);
    // The rows were there to be read: the counts took them in.
    const ls = await dashboard(langSon, wide);
    expect(ls.cooperatives.total.current).toBe(34);
    expect(ls.agreements.signed.current).toBe(2 + 60);
    expect(ls.agreements.valueVnd.current).toBe(281_130_000 + 60_000_000);
    // The staff overview's chart is one query more, and no more than one.
    expect(await statements(() => server.container.services.reports.recentAgreements(langSon))).toBe(1);
  });
});
