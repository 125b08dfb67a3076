import { Op } from "sequelize";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "../../server/accounts/current-user";
import { EXPIRE_DEMAND, REMIND_DEMAND } from "../../server/matching";
import { DEMAND_LIFETIME_DAYS } from "../../server/vocabulary/domain";
import { createTestContainer, DIALECTS, type TestContainer } from "../support/db";
import { currentUser, makeUser } from "../support/factories";
import {
  domainError,
  fieldCodes,
  outbox,
  sellingCooperative,
  signedInBuyer,
  signedInStaff,
} from "../support/orders";

const DAY = 86_400_000;

/** A demand form as the browser posts it: every value a string, Vietnamese number and date formats. */
const demandForm = (overrides: Record<string, string | string[]> = {}) => ({
  category: "vermicelli_noodles",
  title: "Thu mua miến dong Bắc Kạn cho chuỗi siêu thị",
  description: "Cần nguồn miến dong sạch, sợi dai, đóng gói 500 g, giao hằng tháng về kho Hà Nội.",
  quantity: "500",
  unit: "kg",
  frequency: "monthly",
  priceMinVnd: "90.000",
  priceMaxVnd: "1.200.000",
  deliveryProvinceCode: "01",
  deliveryFrom: "02/12/2026",
  deliveryTo: "31/03/2027",
  certifications: ["vietgap"],
  minOcopStars: "",
  notes: "",
  ...overrides,
});

/**
 * Buyers' demands ("nhu cầu mua") through the matching use cases on a real database: posting, the buyer's own
 * lifecycle, the public board, and the clock (reminder, expiry) through the jobs outbox.
 */
describe.each(DIALECTS)("demands on %s", (dialect) => {
  let c: TestContainer;
  let buyer: CurrentUser;
  beforeAll(async () => {
    c = await createTestContainer(dialect);
    buyer = await signedInBuyer(c, { fullName: "Vũ Thị Bí Mật" });
  }, 60_000);
  afterAll(async () => c?.destroy());

  const post = (user: CurrentUser, overrides: Record<string, string | string[]> = {}) =>
    c.services.matching.postDemand(user, { form: demandForm(overrides) });
  const act = (user: CurrentUser, publicId: string, action: string) =>
    c.services.matching.actOnDemand(user, { publicId, form: { action } });
  const row = async (publicId: string) => (await c.db.models.Demand.findOne({ where: { publicId } }))!;

  describe("posting", () => {
    it("stores a demand from form strings, with its expiry 90 days ahead and its two jobs", async () => {
      const before = Date.now();
      const { publicId } = await post(buyer);
      const d = await row(publicId);
      expect(d).toMatchObject({
        buyerId: buyer.id,
        organisationId: null,
        status: "open",
        quantity: 500,
        priceMinVnd: 90_000,
        priceMaxVnd: 1_200_000,
        deliveryProvinceCode: "01",
        deliveryFrom: "2026-12-02",
        deliveryTo: "2027-03-31",
        remindedAt: null,
      });
      expect(JSON.parse(d.certifications)).toEqual(["vietgap"]);
      expect(d.expiresAt.getTime()).toBeGreaterThanOrEqual(before + DEMAND_LIFETIME_DAYS * DAY - 1_000);
      expect(d.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + DEMAND_LIFETIME_DAYS * DAY);
      const jobs = await jobsOf(d.id);
      expect(jobs.map((j) => j.type).sort()).toEqual([EXPIRE_DEMAND, REMIND_DEMAND].sort());
      for (const j of jobs) expect(JSON.parse(j.payload).expiresAt).toBe(d.expiresAt.toISOString());
    });

    it("answers bad input field by field and writes nothing", async () => {
      const count = await c.db.models.Demand.count();
      const cases: Array<[Record<string, string | string[]>, Record<string, string>]> = [
        [{ quantity: "0" }, { quantity: expect.any(String) as unknown as string }],
        [{ priceMinVnd: "500.000", priceMaxVnd: "400.000" }, { priceMaxVnd: "price_range" }],
        [{ deliveryFrom: "10/01/2027", deliveryTo: "02/01/2027" }, { deliveryTo: "ends_before_starts" }],
        [{ deliveryProvinceCode: "99" }, { deliveryProvinceCode: "choose_one" }],
        // A list's error names the entry at fault, as the catalogue's certifications do.
        [{ certifications: ["vietgap", "halal-ish"] }, { certifications: "unknown_certification" }],
      ];
      for (const [overrides, expected] of cases) {
        const error = await domainError(post(buyer, overrides));
        expect(error.status).toBe(400);
        expect(fieldCodes(error)).toEqual(expected);
      }
      expect(await c.db.models.Demand.count()).toBe(count);
    });

    it("is for buyers only: cooperatives and staff are refused", async () => {
      const { owner } = await sellingCooperative(c);
      const staff = await signedInStaff(c);
      const count = await c.db.models.Demand.count();
      for (const user of [owner, staff]) {
        const error = await domainError(post(user));
        expect([error.status, error.code]).toEqual([403, "buyers_only"]);
      }
      expect(await c.db.models.Demand.count()).toBe(count);
    });

    it("records a business buyer's organisation, and the board shows its kind", async () => {
      const org = await c.db.models.Organisation.create({
        name: "Công ty CP Siêu thị Xanh",
        kind: "supermarket",
        taxCode: "0101234567",
        address: "Số 5 Láng Hạ",
      });
      const user = await makeUser(c);
      await user.update({ organisationId: org.id });
      const business = await currentUser(c, user.email);
      const { publicId } = await post(business, { title: "Thu mua nấm hương khô cho siêu thị" });
      expect((await row(publicId)).organisationId).toBe(org.id);
      const seen = await c.services.matching.getPublicDemand({ publicId, locale: "vi" });
      expect(seen.buyerKind).toBe("supermarket");
    });

    it("publishes demand.changed to whoever subscribes, in the same transaction", async () => {
      const subscribers = c.events.subscribersOf("demand.changed");
      const { publicId } = await post(buyer);
      const d = await row(publicId);
      const published = (await c.db.models.Job.findAll({ where: { type: { [Op.in]: [...subscribers] } } }))
        .map((j) => JSON.parse(j.payload) as { demandId?: number })
        .filter((p) => p.demandId === d.id);
      // One job per subscriber (none until match recomputation subscribes).
      expect(published).toHaveLength(subscribers.length);
    });
  });

  describe("the buyer's own demand", () => {
    it("is edited by its owner only; another buyer hears it does not exist", async () => {
      const { publicId } = await post(buyer);
      await c.services.matching.updateDemand(buyer, {
        publicId,
        form: demandForm({ quantity: "800", title: "Thu mua miến dong Bắc Kạn số lượng lớn" }),
      });
      expect(await row(publicId)).toMatchObject({ quantity: 800 });
      const other = await signedInBuyer(c);
      const error = await domainError(
        c.services.matching.updateDemand(other, { publicId, form: demandForm({ quantity: "1" }) }),
      );
      expect([error.status, error.code]).toEqual([404, "demand_not_found"]);
      expect((await domainError(act(other, publicId, "close"))).code).toBe("demand_not_found");
      expect(await row(publicId)).toMatchObject({ quantity: 800, status: "open" });
    });

    it("moves open → paused → open → fulfilled, and refuses moves its state does not allow", async () => {
      const { publicId } = await post(buyer);
      const refused = await domainError(act(buyer, publicId, "resume"));
      expect([refused.status, refused.code]).toEqual([409, "transition_refused"]);
      expect(await act(buyer, publicId, "pause")).toEqual({ status: "paused" });
      expect(await act(buyer, publicId, "resume")).toEqual({ status: "open" });
      expect(await act(buyer, publicId, "fulfil")).toEqual({ status: "fulfilled" });
      expect((await domainError(act(buyer, publicId, "close"))).code).toBe("transition_refused");
      expect((await domainError(act(buyer, publicId, "renew"))).code).toBe("transition_refused");
      const ended = await domainError(
        c.services.matching.updateDemand(buyer, { publicId, form: demandForm() }),
      );
      expect([ended.status, ended.code]).toEqual([409, "demand_ended"]);
      const audit = await c.db.models.AuditEvent.findAll({
        where: { entityType: "demand", entityId: String((await row(publicId)).id) },
        order: [["id", "ASC"]],
      });
      expect(audit.map((a) => a.action)).toEqual(["demand.pause", "demand.resume", "demand.fulfil"]);
    });

    it("closes from paused; a closed demand cannot be edited or shown", async () => {
      const { publicId } = await post(buyer);
      await act(buyer, publicId, "pause");
      expect((await domainError(c.services.matching.getPublicDemand({ publicId, locale: "vi" }))).code).toBe(
        "demand_not_found",
      );
      expect(await act(buyer, publicId, "close")).toEqual({ status: "closed" });
      expect(
        (await domainError(c.services.matching.getPublicDemand({ publicId, locale: "vi" }))).status,
      ).toBe(404);
      expect(
        (await domainError(c.services.matching.updateDemand(buyer, { publicId, form: demandForm() }))).code,
      ).toBe("demand_ended");
    });

    it("renews for 90 days from now, and revives an expired demand", async () => {
      const { publicId } = await post(buyer);
      const d = await row(publicId);
      // Posted 91 days ago: ended yesterday.
      await endSoon(d.id, -DAY);
      await c.db.models.Demand.update({ status: "expired" }, { where: { id: d.id } });
      const before = Date.now();
      expect(await act(buyer, publicId, "renew")).toEqual({ status: "open" });
      const renewed = await row(publicId);
      expect(renewed.expiresAt.getTime()).toBeGreaterThanOrEqual(before + DEMAND_LIFETIME_DAYS * DAY - 1_000);
      expect(renewed.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + DEMAND_LIFETIME_DAYS * DAY);
      expect(renewed.remindedAt).toBeNull();
      // The renewal schedules its own reminder and expiry, for the new end.
      const fresh = (await jobsOf(d.id)).filter(
        (j) => JSON.parse(j.payload).expiresAt === renewed.expiresAt.toISOString(),
      );
      expect(fresh.map((j) => j.type).sort()).toEqual([EXPIRE_DEMAND, REMIND_DEMAND].sort());
    });
  });

  describe("the clock", () => {
    it("reminds the buyer once, a week before the end, then expires the demand", async () => {
      const { publicId } = await post(buyer, { title: "Cần mua mật ong bạc hà Hà Giang hằng tháng" });
      const d = await row(publicId);
      const ends = await endSoon(d.id, 3 * DAY);
      await makeDue(d.id, REMIND_DEMAND);
      await c.worker.drain();
      const reminded = await row(publicId);
      expect(reminded.remindedAt).not.toBeNull();
      const told = (await outbox(c, "demand_expiring")).filter((n) => n.params.title === d.title);
      expect(told).toHaveLength(1);
      expect(told[0]).toMatchObject({ userId: buyer.id, recipient: buyer.email });
      expect(told[0]!.params.link).toBe(`/account/demands/${publicId}`);
      // A second run of the same reminder sends nothing more.
      await makeDue(d.id, REMIND_DEMAND, { again: true });
      await c.worker.drain();
      expect((await outbox(c, "demand_expiring")).filter((n) => n.params.title === d.title)).toHaveLength(1);

      expect(ends.getTime()).toBeGreaterThan(Date.now());
      await makeDue(d.id, EXPIRE_DEMAND);
      await c.worker.drain();
      expect((await row(publicId)).status).toBe("expired");
      const audit = await c.db.models.AuditEvent.findAll({
        where: { entityType: "demand", entityId: String(d.id), action: "demand.expire" },
      });
      expect(audit).toHaveLength(1);
      expect(audit[0]!.actorId).toBeNull();
    });

    it("leaves a renewed demand alone: the old jobs no longer match its end", async () => {
      const { publicId } = await post(buyer, { title: "Cần mua gạo Bao thai Định Hóa cho bếp ăn" });
      const d = await row(publicId);
      await endSoon(d.id, 2 * DAY);
      const oldJobs = (await jobsOf(d.id)).map((j) => j.id);
      await act(buyer, publicId, "renew");
      await c.db.models.Job.update(
        { runAt: new Date(Date.now() - 1_000) },
        { where: { id: { [Op.in]: oldJobs } } },
      );
      await c.worker.drain();
      const after = await row(publicId);
      expect(after).toMatchObject({ status: "open", remindedAt: null });
      expect(after.expiresAt.getTime()).toBeGreaterThan(Date.now() + 80 * DAY);
      expect((await outbox(c, "demand_expiring")).filter((n) => n.params.title === d.title)).toHaveLength(0);
      const done = await c.db.models.Job.findAll({ where: { id: { [Op.in]: oldJobs } } });
      expect(done.every((j) => j.status === "done")).toBe(true);
    });
  });

  describe("the public board", () => {
    let boardC: TestContainer;
    let seller: CurrentUser;
    beforeAll(async () => {
      // Its own database, so the counts are exact.
      boardC = await createTestContainer(dialect);
      seller = await signedInBuyer(boardC, { fullName: "Hoàng Thị Kín Đáo" });
      await boardC.db.models.User.update({ phone: "0912000111" }, { where: { id: seller.id } });
      const postIt = (o: Record<string, string | string[]>) =>
        boardC.services.matching.postDemand(seller, { form: demandForm(o) });
      await postIt({ title: "Miến dong Bắc Kạn loại đặc biệt", deliveryProvinceCode: "01" });
      await postIt({
        title: "Thu mua miến gạo Chũ",
        description: "Miến gạo sợi nhỏ, túi 1 kg, giao về chợ đầu mối.",
        deliveryProvinceCode: "79",
      });
      await postIt({
        category: "tea",
        title: "Cần mua 200 kg chè búp Tân Cương loại 1 hằng tháng",
        description: "Chè búp khô, đạt VietGAP, giao về cửa hàng tại Hải Phòng mỗi tháng.",
        deliveryProvinceCode: "31",
      });
      const paused = await postIt({ title: "Miến dong tạm dừng", deliveryProvinceCode: "01" });
      await boardC.services.matching.actOnDemand(seller, {
        publicId: paused.publicId,
        form: { action: "pause" },
      });
      const closed = await postIt({ title: "Miến dong đã đóng", deliveryProvinceCode: "01" });
      await boardC.services.matching.actOnDemand(seller, {
        publicId: closed.publicId,
        form: { action: "close" },
      });
      // Twenty-two more open spices demands, for the pages.
      for (let i = 0; i < 22; i++)
        await postIt({
          category: "spices",
          title: `Thu mua quế vỏ xuất khẩu lô ${i + 1}`,
          description: "Quế vỏ khô, đạt hữu cơ EU, cho đơn hàng xuất khẩu sang châu Âu.",
          deliveryProvinceCode: "48",
          certifications: ["eu_organic"],
        });
    }, 120_000);
    afterAll(async () => boardC?.destroy());

    const board = (query: Record<string, string>) =>
      boardC.services.matching.searchDemandBoard({ query, locale: "vi" });

    it("shows only open demands and finds words with or without their marks", async () => {
      const all = await board({});
      expect(all.total).toBe(25);
      expect(all.hits.map((h) => h.title)).not.toContain("Miến dong tạm dừng");
      const byFolded = await board({ q: "mien dong" });
      expect(byFolded.hits.map((h) => h.title)).toEqual(["Miến dong Bắc Kạn loại đặc biệt"]);
      expect((await board({ q: "Miến dong" })).total).toBe(1);
      const miens = await board({ q: "miến" });
      expect(miens.hits.map((h) => h.title).sort()).toEqual(
        ["Miến dong Bắc Kạn loại đặc biệt", "Thu mua miến gạo Chũ"].sort(),
      );
    });

    it("filters by category and province, with counts per facet", async () => {
      const tea = await board({ category: "tea" });
      expect(tea.hits.map((h) => h.title)).toEqual(["Cần mua 200 kg chè búp Tân Cương loại 1 hằng tháng"]);
      expect(tea.facets.category).toEqual(
        expect.arrayContaining([
          { value: "tea", count: 1 },
          { value: "vermicelli_noodles", count: 2 },
          { value: "spices", count: 22 },
        ]),
      );
      expect(tea.facets.province).toEqual([{ value: "31", count: 1 }]);
      const hanoi = await board({ province: "01" });
      expect(hanoi.total).toBe(1);
      expect(hanoi.hits[0]!.deliveryProvince).toEqual({ code: "01", name: expect.stringMatching(/Hà Nội/) });
      expect(hanoi.facets.category).toEqual([{ value: "vermicelli_noodles", count: 1 }]);
      expect(new Map(hanoi.facets.province.map((f) => [f.value, f.count]))).toEqual(
        new Map([
          ["01", 1],
          ["79", 1],
          ["31", 1],
          ["48", 22],
        ]),
      );
      const badProvince = await domainError(board({ province: "99" }));
      expect(badProvince.status).toBe(400);
    });

    it("pages by twenty", async () => {
      const first = await board({});
      expect(first).toMatchObject({ total: 25, pages: 2, page: 1 });
      expect(first.hits).toHaveLength(20);
      const second = await board({ page: "2" });
      expect(second.hits).toHaveLength(5);
      const ids = new Set([...first.hits, ...second.hits].map((h) => h.publicId));
      expect(ids.size).toBe(25);
    });

    it("never tells who the buyer is", async () => {
      const text = JSON.stringify([
        await board({}),
        await board({ page: "2" }),
        await boardC.services.matching.getPublicDemand({
          publicId: (await board({ category: "tea" })).hits[0]!.publicId,
          locale: "vi",
        }),
      ]);
      for (const secret of [seller.fullName, seller.email, "0912000111", String(seller.id)])
        expect(text).not.toContain(`"${secret}"`);
      expect(text).not.toContain(seller.email);
      expect(text).not.toContain("Kín Đáo");
      expect(text).not.toMatch(/buyerId|"email"|"phone"/);
    });
  });

  describe("at once", () => {
    it("lets exactly one of ten concurrent close/fulfil requests through", async () => {
      const { publicId } = await post(buyer);
      const d = await row(publicId);
      const outcomes = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) => act(buyer, publicId, i % 2 ? "close" : "fulfil")),
      );
      const won = outcomes.filter((o) => o.status === "fulfilled");
      expect(won).toHaveLength(1);
      for (const o of outcomes.filter((o) => o.status === "rejected"))
        expect((o as PromiseRejectedResult).reason).toMatchObject({ status: 409 });
      const final = await row(publicId);
      expect(["fulfilled", "closed"]).toContain(final.status);
      const audit = await c.db.models.AuditEvent.findAll({
        where: { entityType: "demand", entityId: String(d.id) },
      });
      expect(audit).toHaveLength(1);
      expect(audit[0]!.action).toBe(final.status === "closed" ? "demand.close" : "demand.fulfil");
    });
  });

  /** The reminder and expiry jobs of one demand. */
  async function jobsOf(demandId: number) {
    const jobs = await c.db.models.Job.findAll({
      where: { type: { [Op.in]: [REMIND_DEMAND, EXPIRE_DEMAND] } },
      order: [["id", "ASC"]],
    });
    return jobs.filter((j) => (JSON.parse(j.payload) as { demandId: number }).demandId === demandId);
  }

  /**
   * Bring a demand's end close (as if it had been posted 90 days ago): its end and its pending jobs' payloads
   * move together, so the jobs still recognise it. Whole seconds, as a DATETIME column keeps them.
   */
  async function endSoon(demandId: number, inMs: number) {
    const ends = new Date(Math.floor((Date.now() + inMs) / 1000) * 1000);
    await c.db.models.Demand.update({ expiresAt: ends }, { where: { id: demandId } });
    for (const job of await jobsOf(demandId))
      await job.update({ payload: JSON.stringify({ demandId, expiresAt: ends.toISOString() }) });
    return ends;
  }

  /** Make a demand's job of this type due now (`again`: run a finished one once more, as a retry would). */
  async function makeDue(demandId: number, type: string, { again = false } = {}) {
    const jobs = (await jobsOf(demandId)).filter((j) => j.type === type);
    expect(jobs.length).toBeGreaterThan(0);
    for (const job of jobs)
      await job.update({
        runAt: new Date(Date.now() - 1_000),
        ...(again ? { status: "pending", finishedAt: null } : {}),
      });
  }
});
