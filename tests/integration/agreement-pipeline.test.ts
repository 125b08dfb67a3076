import { randomUUID } from "node:crypto";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import viAgreements from "../../app/locales/vi/agreements.json";
import viCooperatives from "../../app/locales/vi/cooperatives.json";
import type { CurrentUser } from "../../server/accounts/current-user";
import { PIPELINE_PAGE_SIZE } from "../../server/agreements/pipeline";
import { vietnamDay } from "../../server/vocabulary/dates";
import { pdfScan } from "../support/agreements";
import { DIALECTS } from "../support/db";
import { makeCooperative, makeUser, PASSWORD } from "../support/factories";
import { Browserless, startTestServer, type TestServer } from "../support/server";

const DAY = 86_400_000;
/** A calendar day `n` days from `day` (YYYY-MM-DD, no time zone). */
const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

const COOP_TN = "HTX Chè Tân Cương Đồng Hỷ";
const COOP_LS = "HTX Hồi Quế Mẫu Sơn Lộc Bình";
const ORGANISATION = "Công ty TNHH Trà Việt Hà Nội";
const HOUSEHOLD = "Trần Thị Mai Hương";
const SPICE = "Hoa hồi khô Lạng Sơn loại 1";

/** RFC 4180, as a spreadsheet reads it: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = "";
  let fields: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      fields.push(field);
      field = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      fields.push(field);
      records.push(fields);
      fields = [];
      field = "";
      i++;
    } else field += ch;
  }
  if (field !== "" || fields.length > 0) records.push([...fields, field]);
  return records;
}
const EXPORT_HEADERS_VI = [
  "Mã",
  "Giai đoạn",
  "Hình thức ký",
  "Loại",
  "Tỉnh, thành phố",
  "Hợp tác xã",
  "Bên mua",
  "Nhóm hàng",
  "Giá trị",
  "Đã giao (đã xác nhận)",
  "Tỷ lệ thực hiện",
  "Niêm phong",
  "Đợt giao tiếp theo",
  "Quá hạn",
];

type Stage = { status: string; count: number; valueVnd: number };
const stagesOf = (s: Partial<Record<string, [number, number]>>): Stage[] =>
  (["sealed", "in_implementation", "stalled", "completed", "cancelled"] as const).map((status) => ({
    status,
    count: s[status]?.[0] ?? 0,
    valueVnd: s[status]?.[1] ?? 0,
  }));

/**
 * The union staff's pipeline of sealed agreements: a province's staff see their province's alone (whatever the
 * query says), national staff all and narrow by province; stages are counted and valued over the filters but
 * never the status; the filters (method, type, category, parties, the seal's Vietnam day, overdue, a search
 * without tone marks) select exactly; the figures kept on each agreement follow deliveries; and the list comes
 * out as XLSX and CSV over HTTP, for staff only.
 *
 * The data, sealed today unless said otherwise (Thái Nguyên "19", Lạng Sơn "20"):
 *  T1 19 platform sealed           300 × 320.000 = 96.000.000  past + future dates, nothing delivered: overdue
 *  T2 19 platform in_implementation 200 × 300.000 = 60.000.000  past date delivered and confirmed (100): half done
 *  T3 19 platform in_implementation  50 × 400.000 = 20.000.000  purchase contract, own buyer tax code, recorded only
 *  T4 19 paper    sealed            120 × 250.000 = 30.000.000  memorandum, a household buyer
 *  T5 19 platform stalled            10 × 100.000 =  1.000.000  past date: overdue
 *  T6 19 platform cancelled          20 × 150.000 =  3.000.000  past date, but cancelled: not overdue
 *  L1 20 platform sealed             40 × 500.000 = 20.000.000  spices, sealed at 00:00 of day D (Vietnam)
 *  L2 20 platform completed          30 × 200.000 =  6.000.000  spices, sealed at 23:59:59 of D − 1 (Vietnam)
 *  plus a draft and an agreement awaiting a signature in 19, which are not in the pipeline.
 */
describe.each(DIALECTS)("agreement pipeline on %s", (dialect) => {
  let server: TestServer;
  let buyer: CurrentUser;
  let household: CurrentUser;
  let coopTN: CurrentUser;
  let coopLS: CurrentUser;
  let staffTN: CurrentUser;
  let staffLS: CurrentUser;
  let national: CurrentUser;
  let coopTNId: number;
  let coopLSId: number;
  let organisationId: number;
  let matchTN: number;
  let matchLS: number;
  const ids: Record<string, string> = {};
  /** T2's kept figures before its delivery, once it was recorded, and once it was confirmed. */
  const t2Figures: Record<"sealed" | "recorded" | "confirmed", Record<string, unknown>> = {
    sealed: {},
    recorded: {},
    confirmed: {},
  };
  const emails = {
    buyer: "thumua@example.com",
    household: "hogiadinh@example.com",
    coopTN: "chunhiem.tn@example.com",
    coopLS: "chunhiem.ls@example.com",
    staffTN: "canbo.thainguyen@example.com",
    staffLS: "canbo.langson@example.com",
    national: "canbo.trunguong@example.com",
  };
  const meta = { ip: "203.0.113.7", userAgent: "vitest", locale: "vi" as const };
  const today = vietnamDay(new Date());
  const pastDate = addDays(today, -10);
  const futureDate = addDays(today, 20);
  /** The Vietnam day L1 was sealed on (its first second); L2 was sealed the second before, the day before. */
  const dayD = addDays(today, -40);
  const dayBefore = addDays(dayD, -1);

  const c = () => server.container;
  const agreements = () => c().services.agreements;
  const as = async (email: string) => {
    const { token } = await c().services.accounts.login({
      form: { email, password: PASSWORD },
      meta: { ip: null, userAgent: null, locale: "vi" },
    });
    return (await c().services.accounts.getUserForSession({ token }))!;
  };
  const row = async (publicId: string | undefined) =>
    (await c().db.models.Agreement.findOne({ where: { publicId: publicId! } }))!;
  const sign = (by: CurrentUser, publicId: string, version: number) =>
    agreements().signAgreement(by, {
      publicId,
      form: { version: String(version), password: PASSWORD },
      meta,
    });

  interface Terms {
    coop: CurrentUser;
    matchId: number;
    quantity: number;
    unitPriceVnd: number;
    schedule: Array<[string, number]>;
    type?: string;
    category?: string;
    productName?: string;
    buyerTaxCode?: string;
  }
  /** Version 2 written by the cooperative: the tax codes, the quantity, the price and the schedule. */
  const draftAt2 = async (t: Terms) => {
    const { publicId } = await agreements().draftFromMatch(buyer, { matchId: t.matchId });
    const view = await agreements().getAgreement(t.coop, { publicId });
    await agreements().reviseAgreement(t.coop, {
      publicId,
      form: {
        ...view.terms,
        buyerTaxCode: t.buyerTaxCode ?? "0108765432",
        buyerAddress: "Số 12 phố Hàng Bạc, phường Hoàn Kiếm, Hà Nội",
        supplierTaxCode: "4600123456",
        quantity: String(t.quantity),
        unitPriceVnd: String(t.unitPriceVnd),
        totalVnd: "",
        deliveryDate: t.schedule.map(([date]) => date),
        deliveryQuantity: t.schedule.map(([, q]) => String(q)),
        ...(t.type ? { type: t.type } : {}),
        ...(t.category ? { category: t.category } : {}),
        ...(t.productName ? { productName: t.productName } : {}),
        basedOn: String(view.currentVersion),
      },
    });
    return publicId;
  };
  const sealedAgreement = async (t: Terms) => {
    const publicId = await draftAt2(t);
    await sign(buyer, publicId, 2);
    expect(await sign(t.coop, publicId, 2)).toEqual({ status: "sealed" });
    return publicId;
  };
  const record = (by: CurrentUser, publicId: string, form: Record<string, unknown>) =>
    agreements().recordDelivery(by, { publicId, form: { requestId: randomUUID(), ...form } });
  const list = (user: CurrentUser, query: Record<string, unknown> = {}) =>
    agreements().listPipeline(user, query);
  /** The public ids a query lists, in the list's order. */
  const listed = async (user: CurrentUser, query: Record<string, unknown> = {}) =>
    (await list(user, query)).rows.map((r) => r.publicId);
  const named = (...keys: string[]) => keys.map((k) => ids[k]!);

  beforeAll(async () => {
    server = await startTestServer(dialect);
    const { models } = c().db;
    const organisation = await models.Organisation.create({
      name: ORGANISATION,
      kind: "distributor",
      taxCode: "0108765432",
      address: "Số 12 phố Hàng Bạc, phường Hoàn Kiếm, Hà Nội",
    });
    organisationId = organisation.id;
    const buyerRow = await makeUser(c(), { role: "buyer", email: emails.buyer, fullName: "Nguyễn Thị Hằng" });
    await buyerRow.update({ organisationId });
    const householdRow = await makeUser(c(), { role: "buyer", email: emails.household, fullName: HOUSEHOLD });
    // A union province on a buyer's row means nothing: only staff work for a union.
    await householdRow.update({ unionProvinceCode: "20" });
    for (const [email, province, fullName] of [
      [emails.staffTN, "19", "Phạm Thu Trang"],
      [emails.staffLS, "20", "Hoàng Văn Lâm"],
      [emails.national, null, "Đỗ Minh Quân"],
    ] as const) {
      const staff = await makeUser(c(), { role: "staff", email, fullName });
      await staff.update({ unionProvinceCode: province });
    }
    const ownerTN = await makeUser(c(), {
      role: "cooperative",
      email: emails.coopTN,
      fullName: "Lê Văn Bình",
    });
    const ownerLS = await makeUser(c(), {
      role: "cooperative",
      email: emails.coopLS,
      fullName: "Nông Văn Dũng",
    });
    coopTNId = (
      await makeCooperative(c(), {
        name: COOP_TN,
        ownerId: ownerTN.id,
        provinceCode: "19",
        wardCode: "05692",
        sectors: ["tea"],
      })
    ).id;
    coopLSId = (
      await makeCooperative(c(), {
        name: COOP_LS,
        ownerId: ownerLS.id,
        provinceCode: "20",
        wardCode: "06541",
        sectors: ["tea", "spices"],
      })
    ).id;
    buyer = await as(emails.buyer);
    household = await as(emails.household);
    coopTN = await as(emails.coopTN);
    coopLS = await as(emails.coopLS);
    staffTN = await as(emails.staffTN);
    staffLS = await as(emails.staffLS);
    national = await as(emails.national);

    // Both cooperatives offer tea; the buyer's demand matches both, and both pairs connect.
    for (const coop of [coopTN, coopLS])
      await c().services.matching.postOffer(coop, {
        form: {
          category: "tea",
          title: "Chè búp Tân Cương loại 1",
          description: "Chè búp hái tay, sao chảo gang, đóng túi 500 g.",
          quantity: "800",
          unit: "kg",
          period: "monthly",
          priceMinVnd: "250.000",
          priceMaxVnd: "320.000",
          certifications: ["vietgap"],
        },
      });
    const { publicId: demandId } = await c().services.matching.postDemand(buyer, {
      form: {
        category: "tea",
        title: "Cần mua chè búp Tân Cương cho chuỗi cửa hàng",
        description: "Chè búp khô loại 1, đạt VietGAP, đóng túi 500 g.",
        quantity: "300",
        unit: "kg",
        frequency: "monthly",
        priceMinVnd: "250.000",
        priceMaxVnd: "350.000",
        deliveryProvinceCode: "01",
        deliveryFrom: "2027-01-10",
        certifications: ["vietgap"],
      },
    });
    await c().worker.drain();
    const demand = (await models.Demand.findOne({ where: { publicId: demandId } }))!;
    const matches = await models.Match.findAll({ where: { demandId: demand.id } });
    matchTN = matches.find((m) => m.cooperativeId === coopTNId)!.id;
    matchLS = matches.find((m) => m.cooperativeId === coopLSId)!.id;
    for (const [coop, matchId] of [
      [coopTN, matchTN],
      [coopLS, matchLS],
    ] as const) {
      await c().services.matching.actOnMatch(coop, {
        matchId,
        form: { intent: "request", message: "Mời trao đổi." },
      });
      await c().services.matching.actOnMatch(buyer, { matchId, form: { intent: "accept" } });
    }

    // Lạng Sơn first (their seal time is moved back below), then Thái Nguyên in order: the list is newest first.
    ids.L2 = await sealedAgreement({
      coop: coopLS,
      matchId: matchLS,
      quantity: 30,
      unitPriceVnd: 200_000,
      schedule: [[pastDate, 30]],
      category: "spices",
      productName: SPICE,
    });
    ids.L1 = await sealedAgreement({
      coop: coopLS,
      matchId: matchLS,
      quantity: 40,
      unitPriceVnd: 500_000,
      schedule: [[futureDate, 40]],
      category: "spices",
      productName: SPICE,
    });
    // The first second of day D in Vietnam, and the last second of the day before.
    await models.Agreement.update(
      { sealedAt: new Date(`${dayD}T00:00:00+07:00`) },
      { where: { publicId: ids.L1 } },
    );
    await models.Agreement.update(
      { sealedAt: new Date(Date.parse(`${dayD}T00:00:00+07:00`) - 1000) },
      { where: { publicId: ids.L2 } },
    );
    await agreements().moveAgreement(national, { publicId: ids.L2, form: { action: "complete" } });

    ids.T6 = await sealedAgreement({
      coop: coopTN,
      matchId: matchTN,
      quantity: 20,
      unitPriceVnd: 150_000,
      schedule: [[pastDate, 20]],
    });
    await agreements().moveAgreement(staffTN, {
      publicId: ids.T6,
      form: { action: "terminate", reason: "Bên mua giải thể, hai bên thỏa thuận chấm dứt" },
    });
    ids.T5 = await sealedAgreement({
      coop: coopTN,
      matchId: matchTN,
      quantity: 10,
      unitPriceVnd: 100_000,
      schedule: [[pastDate, 10]],
    });
    await agreements().moveAgreement(staffTN, {
      publicId: ids.T5,
      form: { action: "stall", reason: "Hợp tác xã chưa thu hoạch kịp do mưa lớn" },
    });
    ids.T3 = await sealedAgreement({
      coop: coopTN,
      matchId: matchTN,
      quantity: 50,
      unitPriceVnd: 400_000,
      schedule: [[futureDate, 50]],
      type: "purchase_contract",
      buyerTaxCode: "0109998877",
    });
    await record(coopTN, ids.T3, { deliveredOn: today, quantity: "20" });
    ids.T2 = await sealedAgreement({
      coop: coopTN,
      matchId: matchTN,
      quantity: 200,
      unitPriceVnd: 300_000,
      schedule: [
        [pastDate, 100],
        [futureDate, 100],
      ],
    });
    const figures = async () => {
      const a = await row(ids.T2!);
      return {
        status: a.status,
        deliveredQuantity: a.deliveredQuantity,
        deliveredVnd: a.deliveredVnd,
        nextDueOn: a.nextDueOn,
      };
    };
    t2Figures.sealed = await figures();
    const { deliveryId } = await record(coopTN, ids.T2, {
      scheduledOn: pastDate,
      deliveredOn: pastDate,
      quantity: "100",
    });
    t2Figures.recorded = await figures();
    await agreements().answerDelivery(buyer, {
      publicId: ids.T2,
      form: { deliveryId: String(deliveryId), answer: "confirm" },
    });
    t2Figures.confirmed = await figures();
    ids.T1 = await sealedAgreement({
      coop: coopTN,
      matchId: matchTN,
      quantity: 300,
      unitPriceVnd: 320_000,
      schedule: [
        [pastDate, 150],
        [futureDate, 150],
      ],
    });

    // Signed on paper elsewhere, registered by the Thái Nguyên staff: a household buyer, a memorandum.
    const who = { buyerAccount: emails.household, cooperativeId: String(coopTNId) };
    const { terms } = await agreements().paperDraft(staffTN, who);
    ids.T4 = (
      await agreements().registerPaperAgreement(staffTN, {
        form: {
          ...terms,
          ...who,
          signedOn: addDays(today, -1),
          type: "memorandum",
          buyerTaxCode: "8012345678",
          buyerAddress: "Xóm Gò Móc, xã Tân Cương, Thái Nguyên",
          supplierTaxCode: "4600123456",
          quantity: "120",
          unitPriceVnd: "250000",
          totalVnd: "",
          deliveryDate: [futureDate],
          deliveryQuantity: ["120"],
        },
        scan: { data: pdfScan(), name: "ban-giay.pdf" },
      })
    ).publicId;

    // Not sealed: a draft and one signed by the buyer alone.
    ids.draft = await draftAt2({
      coop: coopTN,
      matchId: matchTN,
      quantity: 5,
      unitPriceVnd: 1_000,
      schedule: [],
    });
    ids.awaiting = await draftAt2({
      coop: coopTN,
      matchId: matchTN,
      quantity: 6,
      unitPriceVnd: 1_000,
      schedule: [[pastDate, 6]],
    });
    await sign(buyer, ids.awaiting, 2);
  }, 240_000);
  afterAll(async () => server?.close());

  const ALL_TN = ["T4", "T1", "T2", "T3", "T5", "T6"];
  const STAGES_TN = stagesOf({
    sealed: [2, 126_000_000],
    in_implementation: [2, 80_000_000],
    stalled: [1, 1_000_000],
    cancelled: [1, 3_000_000],
  });

  it("loads a staff member's union province, and none for national staff or anyone else", async () => {
    expect(staffTN).toMatchObject({ role: "staff", unionProvinceCode: "19" });
    expect(staffLS).toMatchObject({ role: "staff", unionProvinceCode: "20" });
    expect(national).toMatchObject({ role: "staff", unionProvinceCode: null });
    expect(household).toMatchObject({ role: "buyer", unionProvinceCode: null });
    expect(buyer.unionProvinceCode).toBeNull();
    expect(coopTN.unionProvinceCode).toBeNull();
    expect((await row(ids.T1)).provinceCode).toBe("19");
    expect((await row(ids.T4)).provinceCode).toBe("19");
    expect((await row(ids.L1)).provinceCode).toBe("20");
  });

  it("keeps a province's staff to their province, whatever the query says; national staff choose", async () => {
    const tn = await list(staffTN);
    expect(tn.scope).toEqual({ province: "19", locked: true });
    expect(tn.rows.map((r) => r.publicId)).toEqual(named(...ALL_TN));
    expect(tn.total).toBe(6);
    expect(tn.rows.every((r) => r.provinceCode === "19" && r.cooperative === COOP_TN)).toBe(true);
    const widened = await list(staffTN, { province: "20" });
    expect(widened.scope).toEqual({ province: "19", locked: true });
    expect(widened.rows.map((r) => r.publicId)).toEqual(named(...ALL_TN));
    expect(widened.stages).toEqual(STAGES_TN);
    expect(await listed(staffTN, { cooperative: String(coopLSId) })).toEqual([]);

    const ls = await list(staffLS);
    expect(ls.scope).toEqual({ province: "20", locked: true });
    expect(ls.rows.map((r) => r.publicId)).toEqual(named("L1", "L2"));
    expect(await listed(staffLS, { province: "19" })).toEqual(named("L1", "L2"));

    const all = await list(national);
    expect(all.scope).toEqual({ province: null, locked: false });
    expect(all.rows.map((r) => r.publicId)).toEqual(named(...ALL_TN, "L1", "L2"));
    expect(all.total).toBe(8);
    const narrowed = await list(national, { province: "20" });
    expect(narrowed.scope).toEqual({ province: "20", locked: false });
    expect(narrowed.rows.map((r) => r.publicId)).toEqual(named("L1", "L2"));
    expect(narrowed.rows.map((r) => r.cooperative)).toEqual([COOP_LS, COOP_LS]);
    expect(await listed(national, { province: "19" })).toEqual(named(...ALL_TN));
    // A province with no agreement is a valid, empty choice.
    expect(await list(national, { province: "01" })).toMatchObject({
      rows: [],
      total: 0,
      stages: stagesOf({}),
    });

    // Drafts and agreements awaiting a signature are never in the pipeline, whoever looks.
    for (const user of [staffTN, national]) {
      const everything = await listed(user, { q: "", page: "1" });
      expect(everything).not.toContain(ids.draft);
      expect(everything).not.toContain(ids.awaiting);
    }
    expect((await row(ids.draft)).status).toBe("draft");
    expect((await row(ids.awaiting)).status).toBe("awaiting_signature");

    // The list is for staff.
    for (const user of [buyer, coopTN])
      await expect(list(user)).rejects.toMatchObject({ status: 403, code: "staff_only" });
    await expect(agreements().exportPipeline(buyer, {})).rejects.toMatchObject({ status: 403 });
  });

  it("lets a province's staff open and move only their province's agreements", async () => {
    await expect(agreements().getAgreement(staffLS, { publicId: ids.T1! })).rejects.toMatchObject({
      status: 404,
      code: "agreement_not_found",
    });
    await expect(
      agreements().moveAgreement(staffLS, {
        publicId: ids.T1!,
        form: { action: "stall", reason: "Chưa liên lạc được với hợp tác xã" },
      }),
    ).rejects.toMatchObject({ status: 404, code: "agreement_not_found" });
    await expect(agreements().paperScan(staffLS, { publicId: ids.T4! })).rejects.toMatchObject({
      status: 404,
      code: "agreement_not_found",
    });
    expect((await row(ids.T1!)).status).toBe("sealed");

    expect(await agreements().getAgreement(staffTN, { publicId: ids.T1! })).toMatchObject({
      publicId: ids.T1,
      side: "staff",
      status: "sealed",
    });
    await expect(agreements().getAgreement(staffTN, { publicId: ids.L1! })).rejects.toMatchObject({
      status: 404,
      code: "agreement_not_found",
    });
    expect(await agreements().getAgreement(staffLS, { publicId: ids.L1! })).toMatchObject({ side: "staff" });
    for (const key of ["T1", "T4", "L1"])
      expect(await agreements().getAgreement(national, { publicId: ids[key]! })).toMatchObject({
        side: "staff",
      });
    // The parties still see their own, wherever they are.
    expect(await agreements().getAgreement(coopLS, { publicId: ids.L1! })).toMatchObject({
      side: "supplier",
    });
  });

  it("keeps a province's staff to their province's cooperatives when registering paper agreements", async () => {
    const choices = await agreements().paperChoices(staffLS);
    expect(choices.cooperatives.map((c) => c.id)).toEqual([coopLSId]);
    const who = { buyerAccount: emails.household, cooperativeId: String(coopTNId) };
    await expect(agreements().paperDraft(staffLS, who)).rejects.toMatchObject({
      status: 400,
      fields: { cooperativeId: { code: "choose_one" } },
    });
    const { terms } = await agreements().paperDraft(national, who);
    const before = await c().db.models.Agreement.count();
    await expect(
      agreements().registerPaperAgreement(staffLS, {
        form: {
          ...terms,
          ...who,
          signedOn: addDays(today, -1),
          buyerTaxCode: "8012345678",
          buyerAddress: "Xóm Gò Móc, xã Tân Cương, Thái Nguyên",
          supplierTaxCode: "4600123456",
        },
        scan: { data: pdfScan(), name: "ban-giay.pdf" },
      }),
    ).rejects.toMatchObject({ status: 400, fields: { cooperativeId: { code: "choose_one" } } });
    expect(await c().db.models.Agreement.count()).toBe(before);
    // The parties' list, as staff read it, keeps to the province too.
    const listed = await agreements().listAgreements(staffLS);
    expect(listed.map((a) => a.publicId).sort()).toEqual([ids.L1, ids.L2].sort());
  });

  it("counts and values every stage within the scope, whatever status is chosen", async () => {
    const tn = await list(staffTN);
    expect(tn.stages).toEqual(STAGES_TN);
    for (const [status, keys] of [
      ["sealed", ["T4", "T1"]],
      ["in_implementation", ["T2", "T3"]],
      ["stalled", ["T5"]],
      ["completed", []],
      ["cancelled", ["T6"]],
    ] as const) {
      const one = await list(staffTN, { status });
      expect(one.stages).toEqual(STAGES_TN);
      expect(one.rows.map((r) => r.publicId)).toEqual(named(...keys));
      expect(one.rows.every((r) => r.status === status)).toBe(true);
      expect(one.total).toBe(keys.length);
    }

    const nationalStages = stagesOf({
      sealed: [3, 146_000_000],
      in_implementation: [2, 80_000_000],
      stalled: [1, 1_000_000],
      completed: [1, 6_000_000],
      cancelled: [1, 3_000_000],
    });
    expect((await list(national)).stages).toEqual(nationalStages);
    expect((await list(national, { status: "completed" })).stages).toEqual(nationalStages);
    expect(await listed(national, { status: "completed" })).toEqual(named("L2"));
    expect((await list(staffLS)).stages).toEqual(
      stagesOf({ sealed: [1, 20_000_000], completed: [1, 6_000_000] }),
    );

    // The other filters do narrow the stages.
    expect((await list(staffTN, { method: "paper", status: "cancelled" })).stages).toEqual(
      stagesOf({ sealed: [1, 30_000_000] }),
    );
    expect((await list(national, { category: "spices" })).stages).toEqual(
      stagesOf({ sealed: [1, 20_000_000], completed: [1, 6_000_000] }),
    );
  });

  it("filters by how it was signed, type, category, cooperative and buyer organisation", async () => {
    for (const user of [staffTN, national]) {
      expect(await listed(user, { method: "paper" })).toEqual(named("T4"));
      expect(await listed(user, { type: "memorandum" })).toEqual(named("T4"));
      expect(await listed(user, { type: "purchase_contract" })).toEqual(named("T3"));
    }
    expect(await listed(national, { method: "platform" })).toEqual(
      named("T1", "T2", "T3", "T5", "T6", "L1", "L2"),
    );
    expect(await listed(national, { type: "principle_contract" })).toEqual(
      named("T1", "T2", "T5", "T6", "L1", "L2"),
    );
    expect(await listed(national, { category: "spices" })).toEqual(named("L1", "L2"));
    expect(await listed(national, { category: "tea" })).toEqual(named(...ALL_TN));
    expect(await listed(staffTN, { category: "spices" })).toEqual([]);
    expect(await listed(national, { cooperative: String(coopLSId) })).toEqual(named("L1", "L2"));
    expect(await listed(national, { cooperative: String(coopTNId) })).toEqual(named(...ALL_TN));
    // The household buyer of the paper agreement has no organisation.
    expect(await listed(national, { organisation: String(organisationId) })).toEqual(
      named("T1", "T2", "T3", "T5", "T6", "L1", "L2"),
    );
    expect(await listed(staffTN, { organisation: String(organisationId) })).toEqual(
      named("T1", "T2", "T3", "T5", "T6"),
    );
    expect(await listed(national, { method: "paper", organisation: String(organisationId) })).toEqual([]);

    // The rows name the parties: the buyer's organisation, or the household's own name.
    const rows = (await list(national)).rows;
    const byId = new Map(rows.map((r) => [r.publicId, r]));
    expect(byId.get(ids.T4!)).toMatchObject({
      method: "paper",
      type: "memorandum",
      category: "tea",
      cooperative: COOP_TN,
      buyer: HOUSEHOLD,
      totalVnd: 30_000_000,
      status: "sealed",
    });
    expect(byId.get(ids.L1!)).toMatchObject({
      method: "platform",
      type: "principle_contract",
      category: "spices",
      provinceCode: "20",
      cooperative: COOP_LS,
      buyer: ORGANISATION,
      totalVnd: 20_000_000,
    });

    // What the filters offer: a province's staff are offered their province's cooperatives only.
    const choicesTN = await agreements().pipelineChoices(staffTN);
    expect(choicesTN.cooperatives).toEqual([{ id: coopTNId, name: COOP_TN }]);
    const choicesAll = await agreements().pipelineChoices(national);
    expect(choicesAll.cooperatives.map((x) => x.id).sort()).toEqual([coopTNId, coopLSId].sort());
    expect(choicesAll.organisations).toContainEqual({ id: organisationId, name: ORGANISATION });
    await expect(agreements().pipelineChoices(buyer)).rejects.toMatchObject({ status: 403 });
  });

  it("filters by the Vietnam day of the seal", async () => {
    // L1 was sealed at 00:00:00 of day D in Vietnam (17:00 UTC the day before); L2 one second earlier.
    expect((await row(ids.L1!)).sealedAt!.toISOString()).toBe(
      new Date(Date.parse(`${dayD}T00:00:00Z`) - 7 * 3_600_000).toISOString(),
    );
    expect(await listed(national, { from: dayD, to: dayD })).toEqual(named("L1"));
    expect(await listed(national, { from: dayBefore, to: dayBefore })).toEqual(named("L2"));
    expect(await listed(national, { from: dayBefore, to: dayD })).toEqual(named("L1", "L2"));
    expect(await listed(national, { to: dayBefore })).toEqual(named("L2"));
    expect(await listed(national, { from: dayD })).toEqual(named(...ALL_TN, "L1"));
    expect(await listed(national, { from: today })).toEqual(named(...ALL_TN));
    expect(await listed(national, { from: addDays(today, 1) })).toEqual([]);
    expect(await listed(national, { from: addDays(dayD, 1), to: addDays(today, -1) })).toEqual([]);
    // As typed in Vietnam: day first.
    const [y, m, d] = dayD.split("-");
    expect(await listed(national, { from: `${d}/${m}/${y}`, to: `${d}/${m}/${y}` })).toEqual(named("L1"));
    // The Thái Nguyên staff see none of Lạng Sơn's, whatever the days.
    expect(await listed(staffTN, { from: dayBefore, to: dayD })).toEqual([]);
  });

  it("lists as overdue only the open agreements whose next delivery is already past", async () => {
    for (const user of [staffTN, national]) {
      const overdue = await list(user, { overdue: "on" });
      expect(overdue.rows.map((r) => r.publicId)).toEqual(named("T1", "T5"));
      expect(overdue.rows.map((r) => [r.nextDueOn, r.overdue])).toEqual([
        [pastDate, true],
        [pastDate, true],
      ]);
    }
    // Cancelled (T6) and completed (L2) agreements owe nothing, though their date is past.
    expect((await row(ids.T6!)).nextDueOn).toBe(pastDate);
    expect((await row(ids.L2!)).nextDueOn).toBe(pastDate);
    expect(await listed(staffLS, { overdue: "on" })).toEqual([]);
    expect(await listed(national, { overdue: "on", status: "stalled" })).toEqual(named("T5"));
    const flags = new Map((await list(national)).rows.map((r) => [r.publicId, r.overdue]));
    expect(Object.fromEntries(Object.entries(ids).map(([k, id]) => [k, flags.get(id) ?? null]))).toEqual({
      T1: true,
      T2: false,
      T3: false,
      T4: false,
      T5: true,
      T6: false,
      L1: false,
      L2: false,
      draft: null,
      awaiting: null,
    });
    // Without the box ticked, the filter is off.
    expect((await list(national, { overdue: "" })).total).toBe(8);
  });

  it("searches ids, parties, tax codes and the product without tone marks", async () => {
    for (const q of ["tan cuong dong hy", "Tân Cương Đồng Hỷ", "TÂN CƯƠNG", "dong hy htx"])
      expect(await listed(national, { q })).toEqual(named(...ALL_TN));
    expect(await listed(national, { q: "hoi que mau son" })).toEqual(named("L1", "L2"));
    expect(await listed(national, { q: "hoa hồi khô" })).toEqual(named("L1", "L2"));
    expect(await listed(national, { q: "che bup" })).toEqual(named(...ALL_TN));
    expect(await listed(staffTN, { q: "mau son" })).toEqual([]);
    expect(await listed(national, { q: "0109998877" })).toEqual(named("T3"));
    expect(await listed(national, { q: "8012345678" })).toEqual(named("T4"));
    expect(await listed(national, { q: "tran thi mai huong" })).toEqual(named("T4"));
    expect(await listed(national, { q: ids.T2!.toLowerCase() })).toEqual(named("T2"));
    expect(await listed(national, { q: ` ${ids.L1!} ` })).toEqual(named("L1"));
    expect(await listed(national, { q: "tan cuong lang son" })).toEqual([]);
    // LIKE's wildcards are dropped from the words, never used as patterns.
    expect(await listed(national, { q: "cuong%hy" })).toEqual([]);
    expect(await listed(national, { q: "m_i" })).toEqual([]);

    // What the search reads is kept on the agreement, folded.
    const t3 = await row(ids.T3!);
    expect(t3.searchText).toContain("htx che tan cuong dong hy");
    expect(t3.searchText).toContain("0109998877");
    expect(t3.searchText).toContain(ids.T3!.toLowerCase());
    expect(t3.searchText).toContain("cong ty tnhh tra viet ha noi");
    expect(t3).toMatchObject({ type: "purchase_contract", category: "tea" });
    expect(await row(ids.L1!)).toMatchObject({ category: "spices", type: "principle_contract" });
  });

  it("refuses a malformed filter with the field named", async () => {
    for (const [query, field] of [
      [{ province: "99" }, "province"],
      [{ status: "x" }, "status"],
      [{ status: "draft" }, "status"],
      [{ page: "0" }, "page"],
      [{ page: "abc" }, "page"],
      [{ method: "fax" }, "method"],
      [{ type: "loan" }, "type"],
      [{ category: "cars" }, "category"],
      [{ cooperative: "-1" }, "cooperative"],
      [{ organisation: "x" }, "organisation"],
      [{ from: "31/02/2026" }, "from"],
      [{ to: "tomorrow" }, "to"],
      [{ q: "chè ".repeat(40) }, "q"],
    ] as const) {
      for (const user of [staffTN, national]) {
        await expect(list(user, query), JSON.stringify(query)).rejects.toMatchObject({
          status: 400,
          code: "invalid",
          fields: { [field]: { code: expect.any(String) } },
        });
        await expect(agreements().exportPipeline(user, query), JSON.stringify(query)).rejects.toMatchObject({
          status: 400,
          fields: { [field]: expect.anything() },
        });
      }
    }
    // Even for a province's staff, whose province the query cannot change.
    await expect(list(staffTN, { province: "99" })).rejects.toMatchObject({
      fields: { province: { code: "choose_one" } },
    });
    // A page past the end is empty, not an error.
    expect(await list(national, { page: "2" })).toMatchObject({ rows: [], total: 8, page: 2 });
    expect(PIPELINE_PAGE_SIZE).toBeGreaterThan(8);
  });

  it("keeps the delivered figures and the next date owed on the agreement as deliveries come", async () => {
    const rowOf = async (publicId: string) =>
      (await list(national, { q: publicId })).rows.find((r) => r.publicId === publicId)!;
    // T3: a delivery recorded, not yet confirmed, started it; nothing counts as delivered yet.
    expect(await row(ids.T3!)).toMatchObject({
      status: "in_implementation",
      deliveredQuantity: 0,
      deliveredVnd: 0,
      nextDueOn: futureDate,
    });
    expect(await rowOf(ids.T3!)).toMatchObject({ deliveredVnd: 0, fulfilment: 0, nextDueOn: futureDate });

    // T2: sealed owing its past date first; a delivery recorded against it meets the date, so the next one owed
    // is the future date; confirmed, it counts as delivered.
    expect(t2Figures).toEqual({
      sealed: { status: "sealed", deliveredQuantity: 0, deliveredVnd: 0, nextDueOn: pastDate },
      recorded: { status: "in_implementation", deliveredQuantity: 0, deliveredVnd: 0, nextDueOn: futureDate },
      confirmed: {
        status: "in_implementation",
        deliveredQuantity: 100,
        deliveredVnd: 30_000_000,
        nextDueOn: futureDate,
      },
    });
    expect(await rowOf(ids.T2!)).toMatchObject({
      status: "in_implementation",
      totalVnd: 60_000_000,
      deliveredVnd: 30_000_000,
      fulfilment: 0.5,
      nextDueOn: futureDate,
      overdue: false,
    });
    const tracking = (await agreements().getAgreement(buyer, { publicId: ids.T2! })).tracking!;
    expect(tracking.fulfilment).toMatchObject({
      percent: 50,
      delivered: { quantity: 100, valueVnd: 30_000_000 },
    });

    // A dispute opens the date again: the agreement owes it, and is overdue.
    const { deliveryId } = await record(coopTN, ids.T5!, {
      scheduledOn: pastDate,
      deliveredOn: pastDate,
      quantity: "10",
    });
    expect(await row(ids.T5!)).toMatchObject({ status: "stalled", nextDueOn: null, deliveredVnd: 0 });
    expect(await listed(national, { overdue: "on" })).toEqual(named("T1"));
    await agreements().answerDelivery(buyer, {
      publicId: ids.T5!,
      form: {
        deliveryId: String(deliveryId),
        answer: "dispute",
        reason: "Hàng không đúng loại đã thỏa thuận",
      },
    });
    expect(await row(ids.T5!)).toMatchObject({ status: "stalled", nextDueOn: pastDate, deliveredVnd: 0 });
    expect(await listed(national, { overdue: "on" })).toEqual(named("T1", "T5"));

    // The paper agreement owes its one future date; its figures start at nothing.
    expect(await row(ids.T4!)).toMatchObject({
      method: "paper",
      status: "sealed",
      nextDueOn: futureDate,
      deliveredVnd: 0,
      category: "tea",
      type: "memorandum",
    });
  });

  describe("over HTTP", () => {
    const signIn = async (email: string, language = "vi") => {
      const b = new Browserless(server.url, { "accept-language": language });
      const res = await b.post("/login", { email, password: PASSWORD, redirectTo: "/" });
      expect(res.status).toBe(302);
      return b;
    };
    const readXlsx = async (res: Response) => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(
        Buffer.from(await res.arrayBuffer()) as unknown as Parameters<typeof workbook.xlsx.load>[0],
      );
      return workbook;
    };

    it("exports the filtered list as a workbook in Vietnamese, amounts as numbers in đồng", async () => {
      const staff = await signIn(emails.staffTN);
      const res = await staff.get("/staff/agreements.xlsx?method=paper");
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      );
      expect(res.headers.get("content-disposition")).toMatch(
        /^attachment; filename="thoa-thuan-\d{4}-\d{2}-\d{2}\.xlsx"$/,
      );
      const workbook = await readXlsx(res);
      expect(workbook.worksheets).toHaveLength(1);
      const sheet = workbook.worksheets[0]!;
      expect(sheet.getCell(1, 1).value).toBe(viAgreements.pipeline.title);
      const headerRow = sheet.getRow(2).values as unknown[];
      expect(headerRow.slice(1)).toEqual(EXPORT_HEADERS_VI);
      // One paper agreement in Thái Nguyên: the title, the headers, one row.
      expect(sheet.rowCount).toBe(3);
      const cell = (column: string) => sheet.getCell(3, EXPORT_HEADERS_VI.indexOf(column) + 1);
      expect(cell("Mã").value).toBe(ids.T4);
      expect(cell("Giai đoạn").value).toBe(viAgreements.status.sealed);
      expect(cell("Hình thức ký").value).toBe(viAgreements.method.paper);
      expect(cell("Loại").value).toBe(viAgreements.type.memorandum);
      expect(cell("Tỉnh, thành phố").value).toBe("Thái Nguyên");
      expect(cell("Hợp tác xã").value).toBe(COOP_TN);
      expect(cell("Bên mua").value).toBe(HOUSEHOLD);
      expect(cell("Nhóm hàng").value).toBe(viCooperatives.sector.tea);
      expect(cell("Giá trị").value).toBe(30_000_000);
      expect(cell("Giá trị").numFmt).toBe('#,##0 "₫"');
      expect(cell("Đã giao (đã xác nhận)").value).toBe(0);
      expect(cell("Đã giao (đã xác nhận)").numFmt).toBe('#,##0 "₫"');
      expect(cell("Tỷ lệ thực hiện").value).toBe(0);
      expect(cell("Tỷ lệ thực hiện").numFmt).toBe("0%");
      expect(cell("Niêm phong").value).toEqual(new Date(`${today}T00:00:00Z`));
      expect(cell("Niêm phong").numFmt).toBe("dd/mm/yyyy");
      expect(cell("Đợt giao tiếp theo").value).toEqual(new Date(`${futureDate}T00:00:00Z`));
      expect(cell("Quá hạn").value).toBeNull();

      // The Thái Nguyên staff's export holds their province's alone, whatever the query; amounts delivered too.
      const all = await readXlsx(await staff.get("/staff/agreements.xlsx?province=20"));
      const rows = all.worksheets[0]!.getSheetValues().slice(3) as unknown[][];
      expect(rows.map((r) => r[1])).toEqual(named(...ALL_TN));
      const t2 = rows.find((r) => r[1] === ids.T2)!;
      expect(t2[EXPORT_HEADERS_VI.indexOf("Đã giao (đã xác nhận)") + 1]).toBe(30_000_000);
      expect(t2[EXPORT_HEADERS_VI.indexOf("Tỷ lệ thực hiện") + 1]).toBe(0.5);
      const t1 = rows.find((r) => r[1] === ids.T1)!;
      expect(t1[EXPORT_HEADERS_VI.indexOf("Quá hạn") + 1]).toBe(viAgreements.pipeline.overdue);
    });

    it("exports CSV as UTF-8 with a byte-order mark, the names with their marks intact", async () => {
      const staff = await signIn(emails.national);
      const res = await staff.get("/staff/agreements.csv");
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      const bytes = Buffer.from(await res.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = bytes.subarray(3).toString("utf8");
      expect(text.endsWith("\r\n")).toBe(true);
      const [header, ...records] = parseCsv(text);
      expect(header).toEqual(EXPORT_HEADERS_VI);
      // Eight agreements, newest first.
      expect(records.map((r) => r[0])).toEqual(named(...ALL_TN, "L1", "L2"));
      expect(records.every((r) => r.length === EXPORT_HEADERS_VI.length)).toBe(true);
      const col = (record: string[], name: string) => record[EXPORT_HEADERS_VI.indexOf(name)];
      const t2 = records.find((r) => r[0] === ids.T2)!;
      expect(
        [
          "Giai đoạn",
          "Hợp tác xã",
          "Bên mua",
          "Nhóm hàng",
          "Giá trị",
          "Đã giao (đã xác nhận)",
          "Tỷ lệ thực hiện",
        ].map((name) => col(t2, name)),
      ).toEqual([
        viAgreements.status.in_implementation,
        COOP_TN,
        ORGANISATION,
        viCooperatives.sector.tea,
        "60000000",
        "30000000",
        "50%",
      ]);
      expect(col(t2, "Niêm phong")).toBe(today);
      expect(col(t2, "Đợt giao tiếp theo")).toBe(futureDate);
      const l1 = records.find((r) => r[0] === ids.L1)!;
      expect([col(l1, "Tỉnh, thành phố"), col(l1, "Hợp tác xã"), col(l1, "Niêm phong")]).toEqual([
        "Lạng Sơn",
        COOP_LS,
        dayD,
      ]);
      expect(
        col(
          records.find((r) => r[0] === ids.L2)!,
          "Niêm phong",
        ),
      ).toBe(dayBefore);
      // The names with their marks, byte for byte as NFC UTF-8.
      expect(bytes.includes(Buffer.from(COOP_TN.normalize("NFC"), "utf8"))).toBe(true);

      // Filtered as the page is.
      const paperRes = await staff.get("/staff/agreements.csv?method=paper");
      const paper = parseCsv((await paperRes.text()).replace(/^\uFEFF/, ""));
      expect(paper.slice(1).map((r) => r[0])).toEqual(named("T4"));
      expect([col(paper[1]!, "Hợp tác xã"), col(paper[1]!, "Bên mua")]).toEqual([COOP_TN, HOUSEHOLD]);

      // In English for a reader who asks for it; the same names, the Lạng Sơn staff's alone.
      const english = await signIn(emails.staffLS, "en");
      const en = parseCsv((await (await english.get("/staff/agreements.csv")).text()).replace(/^\uFEFF/, ""));
      expect(en[0]!.slice(0, 7)).toEqual([
        "Id",
        "Stage",
        "How it was signed",
        "Type",
        "Province or city",
        "Cooperative",
        "Buyer",
      ]);
      expect(en.slice(1).map((r) => [r[0], r[5]])).toEqual([
        [ids.L1, COOP_LS],
        [ids.L2, COOP_LS],
      ]);
    });

    it("keeps the exports to staff, and answers a malformed filter with 400 and the field", async () => {
      const guest = new Browserless(server.url, { "accept-language": "vi" });
      for (const path of ["/staff/agreements.xlsx?method=paper", "/staff/agreements.csv"]) {
        const res = await guest.get(path);
        expect(res.status).toBe(302);
        expect(res.headers.get("location")).toBe(`/login?redirectTo=${encodeURIComponent(path)}`);
      }
      for (const email of [emails.buyer, emails.coopTN]) {
        const other = await signIn(email);
        for (const path of ["/staff/agreements.xlsx", "/staff/agreements.csv", "/staff/agreements"]) {
          const res = await other.get(path);
          expect(res.status, `${email} ${path}`).toBe(403);
          const body = await res.text();
          // (The cooperative's own name is in its header; the buyer has no business with it at all.)
          if (email === emails.buyer) expect(body).not.toContain(COOP_TN);
          expect(body).not.toContain(ids.T1);
          expect(body).not.toContain(ids.T4);
        }
      }

      const staff = await signIn(emails.staffTN);
      for (const [query, field] of [
        ["province=99", "province"],
        ["status=x", "status"],
        ["page=0", "page"],
      ] as const)
        for (const ext of ["csv", "xlsx"]) {
          const res = await staff.get(`/staff/agreements.${ext}?${query}`);
          expect(res.status).toBe(400);
          expect(res.headers.get("content-type")).toMatch(/^application\/json/);
          expect(await res.json()).toMatchObject({
            error: { code: "invalid", fields: { [field]: { code: expect.any(String) } } },
          });
        }
    });

    it("shows the page within the staff member's scope, with the stages and the export links", async () => {
      const staff = await signIn(emails.staffTN);
      const res = await staff.get("/staff/agreements?overdue=on");
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain(viAgreements.pipeline.scopeProvince.replace("{{province}}", "Thái Nguyên"));
      expect(html).toContain(ids.T1);
      expect(html).toContain(ids.T5);
      expect(html).not.toContain(ids.T2);
      expect(html).not.toContain(ids.L1);
      expect(html).toContain(COOP_TN);
      expect(html).toContain('href="/staff/agreements.xlsx?overdue=on"');
      expect(html).toContain('href="/staff/agreements.csv?overdue=on"');
      // Locked to a province: no province to choose.
      expect(html).not.toContain('name="province"');

      const all = await signIn(emails.national);
      const page = await (await all.get("/staff/agreements?province=20")).text();
      expect(page).toContain('name="province"');
      expect(page).toContain(ids.L1);
      expect(page).toContain(ids.L2);
      expect(page).not.toContain(ids.T1);

      // A hand-edited filter: 400, the whole list still shown.
      const wrong = await staff.get("/staff/agreements?status=x");
      expect(wrong.status).toBe(400);
      const body = await wrong.text();
      expect(body).toContain(ids.T2);
      expect(body).not.toContain(ids.L1);
    });
  });
});
