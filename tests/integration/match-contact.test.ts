import { Op } from "sequelize";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "../../server/accounts/current-user";
import { ASK_MATCH_FOLLOW_UP, EXPIRE_MATCH_REQUEST } from "../../server/matching";
import { MATCH_REQUESTS_PER_DAY } from "../../server/vocabulary/domain";
import { createTestContainer, DIALECTS, type TestContainer } from "../support/db";
import { makeCooperative, makeUser, PASSWORD } from "../support/factories";
import { outbox } from "../support/orders";

/**
 * The contact flow of a match: one side sends interest with a message, the other accepts or declines with a
 * reason; unanswered requests lapse; a cooperative's requests are capped per day, even when sent at once; only the
 * two parties (and staff, read-only) see a match and its thread; outcomes follow the two-stage ladder.
 */
describe.each(DIALECTS)("match contact on %s", (dialect) => {
  let c: TestContainer;
  let buyer: CurrentUser;
  let otherBuyer: CurrentUser;
  let staff: CurrentUser;
  let coop: CurrentUser;
  let otherCoop: CurrentUser;
  let busy: CurrentUser;
  let offerId: number;
  const demandIds: string[] = [];

  const as = async (email: string) => {
    const { token } = await c.services.accounts.login({
      form: { email, password: PASSWORD },
      meta: { ip: null, userAgent: null, locale: "vi" },
    });
    return (await c.services.accounts.getUserForSession({ token }))!;
  };
  const cooperative = async (email: string, name: string) => {
    const owner = await makeUser(c, { role: "cooperative", email });
    await makeCooperative(c, {
      name,
      ownerId: owner.id,
      status: "approved",
      provinceCode: "19",
      wardCode: "05692",
    });
    return as(email);
  };
  const offer = (title: string) => ({
    category: "tea",
    title,
    description: "Chè búp hái tay, sao chảo gang, đóng túi 500 g.",
    quantity: "800",
    unit: "kg",
    period: "monthly",
    priceMinVnd: "250.000",
    priceMaxVnd: "350.000",
    certifications: ["vietgap"],
  });
  const demand = (by: CurrentUser, title: string) =>
    c.services.matching.postDemand(by, {
      form: {
        category: "tea",
        title,
        description: "Chè búp khô loại 1 cho chuỗi cửa hàng, giao hằng tháng.",
        quantity: "300",
        unit: "kg",
        frequency: "monthly",
        priceMinVnd: "200.000",
        priceMaxVnd: "400.000",
        deliveryProvinceCode: "01",
        certifications: ["vietgap"],
      },
    });
  const matchFor = async (demandPublicId: string, cooperativeId: number) => {
    const d = (await c.db.models.Demand.findOne({ where: { publicId: demandPublicId } }))!;
    return (await c.db.models.Match.findOne({ where: { demandId: d.id, cooperativeId } }))!;
  };
  const act = (user: CurrentUser, matchId: number, form: Record<string, string>) =>
    c.services.matching.actOnMatch(user, { matchId, form });
  const request = (user: CurrentUser, matchId: number) =>
    act(user, matchId, {
      intent: "request",
      message: "Chúng tôi cung ứng được chè đạt VietGAP, mời trao đổi.",
    });

  beforeAll(async () => {
    c = await createTestContainer(dialect);
    await makeUser(c, { role: "buyer", email: "chuoi@example.com" });
    await makeUser(c, { role: "buyer", email: "khac@example.com" });
    await makeUser(c, { role: "staff", email: "canbo@example.com" });
    buyer = await as("chuoi@example.com");
    otherBuyer = await as("khac@example.com");
    staff = await as("canbo@example.com");
    coop = await cooperative("tancuong@example.com", "HTX Chè Tân Cương");
    otherCoop = await cooperative("laban@example.com", "HTX Chè La Bằng");
    busy = await cooperative("busy@example.com", "HTX Chè Trại Cài");
    offerId = (await c.services.matching.postOffer(coop, { form: offer("Chè búp Tân Cương loại 1") })).id;
    await c.services.matching.postOffer(otherCoop, { form: offer("Chè búp La Bằng loại 1") });
    await c.services.matching.postOffer(busy, { form: offer("Chè búp Trại Cài loại 1") });
    for (let i = 0; i < MATCH_REQUESTS_PER_DAY + 3; i++)
      demandIds.push((await demand(otherBuyer, `Cần mua chè búp khô đợt ${i + 1}`)).publicId);
    await c.worker.drain();
  }, 120_000);
  afterAll(async () => c?.destroy());

  it("connects a pair: interest with a message, the other side accepts, then they write to each other", async () => {
    const { publicId } = await demand(buyer, "Cần mua chè búp Tân Cương cho chuỗi cửa hàng");
    await c.worker.drain();
    const match = await matchFor(publicId, coop.cooperative!.id);
    expect(match.status).toBe("suggested");

    expect(await request(coop, match.id)).toEqual({ status: "requested" });
    // The sender cannot answer its own request, only withdraw it.
    await expect(act(coop, match.id, { intent: "accept" })).rejects.toMatchObject({
      code: "transition_refused",
    });
    const told = (await outbox(c, "match_interest")).filter((n) => n.userId === buyer.id);
    expect(told).toHaveLength(1);
    expect(told[0]!.params).toMatchObject({ from: "HTX Chè Tân Cương", link: `/matches/${match.id}` });

    // Before connecting, the cooperative sees the demand but not who the buyer is.
    const before = await c.services.matching.getMatch(coop, { matchId: match.id, locale: "vi" });
    expect(before.buyerContact).toBeNull();
    expect(JSON.stringify(before)).not.toContain("chuoi@example.com");
    const waiting = await c.services.matching.listBuyerMatches(buyer, {
      locale: "vi",
      query: { status: "to_answer" },
    });
    expect(waiting.map((m) => m.id)).toEqual([match.id]);
    const buyerView = await c.services.matching.getMatch(buyer, { matchId: match.id, locale: "vi" });
    expect(buyerView.actions.sort()).toEqual(["accept", "decline"]);

    expect(await act(buyer, match.id, { intent: "accept", message: "Mời anh chị gửi mẫu." })).toEqual({
      status: "connected",
    });
    const after = await c.services.matching.getMatch(coop, { matchId: match.id, locale: "vi" });
    expect(after.buyerContact).toMatchObject({ email: "chuoi@example.com" });
    expect((await outbox(c, "match_accepted")).length).toBeGreaterThan(0);

    await act(coop, match.id, { intent: "message", body: "Tuần sau chúng tôi gửi 2 kg mẫu." });
    const thread = await c.services.matching.getMatch(buyer, { matchId: match.id, locale: "vi" });
    expect(thread.messages.map((m) => [m.side, m.body])).toEqual([
      ["cooperative", "Chúng tôi cung ứng được chè đạt VietGAP, mời trao đổi."],
      ["buyer", "Mời anh chị gửi mẫu."],
      ["cooperative", "Tuần sau chúng tôi gửi 2 kg mẫu."],
    ]);
    expect(thread.messages.map((m) => m.mine)).toEqual([false, true, false]);
    expect((await outbox(c, "match_message")).filter((n) => n.userId === buyer.id)).toHaveLength(1);
    // Connected matches survive a recomputation even when they no longer rank (here: the offer pauses).
    await c.services.matching.actOnOffer(coop, { id: offerId, form: { action: "pause" } });
    await c.worker.drain();
    expect((await c.db.models.Match.findByPk(match.id))?.status).toBe("connected");
    await c.services.matching.actOnOffer(coop, { id: offerId, form: { action: "resume" } });
    await c.worker.drain();
  });

  it("shows a match and its thread only to its parties, and to staff without letting them act", async () => {
    const { publicId } = await demand(buyer, "Cần mua chè búp La Bằng loại 1");
    await c.worker.drain();
    const match = await matchFor(publicId, otherCoop.cooperative!.id);
    await request(otherCoop, match.id);
    for (const stranger of [otherBuyer, coop]) {
      await expect(
        c.services.matching.getMatch(stranger, { matchId: match.id, locale: "vi" }),
      ).rejects.toMatchObject({
        status: 404,
      });
      await expect(act(stranger, match.id, { intent: "accept" })).rejects.toMatchObject({ status: 404 });
    }
    const seen = await c.services.matching.getMatch(staff, { matchId: match.id, locale: "vi" });
    expect(seen.messages).toHaveLength(1);
    expect(seen.actions).toEqual([]);
    await expect(act(staff, match.id, { intent: "accept" })).rejects.toMatchObject({
      code: "staff_cannot_act_for_party",
    });
    // Nothing moved.
    expect((await c.db.models.Match.findByPk(match.id))?.status).toBe("requested");
  });

  it("declines with a reason from the list, and says which field is missing otherwise", async () => {
    const { publicId } = await demand(buyer, "Cần mua chè Trại Cài cho quà biếu");
    await c.worker.drain();
    const match = await matchFor(publicId, busy.cooperative!.id);
    await act(buyer, match.id, { intent: "request", message: "Hợp tác xã có giao được Hà Nội không?" });
    await expect(act(busy, match.id, { intent: "decline", reason: "" })).rejects.toMatchObject({
      status: 400,
      fields: { reason: { code: "choose_one" } },
    });
    expect(await act(busy, match.id, { intent: "decline", reason: "quantity" })).toEqual({
      status: "declined",
    });
    expect(await c.db.models.Match.findByPk(match.id)).toMatchObject({
      status: "declined",
      declineReason: "quantity",
    });
    await expect(act(busy, match.id, { intent: "message", body: "Xin lỗi" })).rejects.toMatchObject({
      code: "match_not_connected",
    });
  });

  it("lets an unanswered request lapse after a week, and a lapse of an earlier request leave a new one alone", async () => {
    const match = await matchFor(demandIds[0]!, coop.cooperative!.id);
    await request(coop, match.id);
    const jobs = async () =>
      (await c.db.models.Job.findAll({ where: { type: EXPIRE_MATCH_REQUEST, status: "pending" } })).filter(
        (j) => (JSON.parse(j.payload) as { matchId: number }).matchId === match.id,
      );
    const [job] = await jobs();
    expect(job!.runAt.getTime() - (await c.db.models.Match.findByPk(match.id))!.requestedAt!.getTime()).toBe(
      7 * 86_400_000,
    );
    await job!.update({ runAt: new Date(Date.now() - 1000) });
    await c.worker.drain();
    expect((await c.db.models.Match.findByPk(match.id))?.status).toBe("expired");
    expect((await outbox(c, "match_expired")).length).toBe(1);

    // Sent again: the old lapse, run once more (a retry), does not end the new request.
    await new Promise((r) => setTimeout(r, 1100));
    await request(coop, match.id);
    await job!.update({ status: "pending", runAt: new Date(Date.now() - 1000), finishedAt: null });
    await c.worker.drain();
    expect((await c.db.models.Match.findByPk(match.id))?.status).toBe("requested");
  });

  it(`caps a cooperative at ${MATCH_REQUESTS_PER_DAY} requests a day, even when they are sent at once`, async () => {
    const matches = await c.db.models.Match.findAll({
      where: { cooperativeId: busy.cooperative!.id, status: "suggested" },
    });
    expect(matches.length).toBeGreaterThan(MATCH_REQUESTS_PER_DAY);
    const results = await Promise.allSettled(matches.map((m) => request(busy, m.id)));
    const refused = results.filter((r) => r.status === "rejected");
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(MATCH_REQUESTS_PER_DAY);
    for (const r of refused)
      expect((r as PromiseRejectedResult).reason).toMatchObject({
        status: 429,
        code: "match_requests_per_day",
      });
    const sent = await c.db.models.Match.count({
      where: {
        cooperativeId: busy.cooperative!.id,
        requestedBy: "cooperative",
        requestedAt: { [Op.ne]: null },
      },
    });
    expect(sent).toBe(MATCH_REQUESTS_PER_DAY);
  });

  it("accepts once when the same answer is clicked twice at the same moment", async () => {
    const match = await matchFor(demandIds[1]!, otherCoop.cooperative!.id);
    await act(otherBuyer, match.id, { intent: "request", message: "Mời hợp tác xã báo giá chè búp khô." });
    const results = await Promise.allSettled([
      act(otherCoop, match.id, { intent: "accept" }),
      act(otherCoop, match.id, { intent: "accept" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const followUps = (await c.db.models.Job.findAll({ where: { type: ASK_MATCH_FOLLOW_UP } })).filter(
      (j) => (JSON.parse(j.payload) as { matchId: number }).matchId === match.id,
    );
    expect(followUps).toHaveLength(1);
  });

  it("records outcomes on the two-stage ladder, and asks both sides again three months on", async () => {
    const match = await matchFor(demandIds[1]!, otherCoop.cooperative!.id);
    const outcome = (user: CurrentUser, form: Record<string, string>) =>
      c.services.matching.recordMatchOutcome(user, { matchId: match.id, form });
    await expect(outcome(otherBuyer, { stage: "follow_up", outcome: "negotiating" })).rejects.toMatchObject({
      code: "outcome_first_stage_missing",
    });
    await expect(outcome(otherBuyer, { stage: "first", outcome: "negotiating" })).rejects.toMatchObject({
      fields: { outcome: { code: "choose_one" } },
    });
    await outcome(otherBuyer, { stage: "first", outcome: "informative" });
    await outcome(otherBuyer, { stage: "first", outcome: "cooperation_possible", note: "Hẹn gặp ở hội chợ" });
    await outcome(otherCoop, { stage: "first", outcome: "cooperation_possible" });
    await outcome(otherBuyer, { stage: "follow_up", outcome: "negotiating" });
    const view = await c.services.matching.getMatch(otherBuyer, { matchId: match.id, locale: "vi" });
    expect(view.outcomes.map((o) => `${o.side}/${o.stage}/${o.outcome}`).sort()).toEqual([
      "buyer/first/cooperation_possible",
      "buyer/follow_up/negotiating",
      "cooperative/first/cooperation_possible",
    ]);
    expect(
      await c.db.models.ContactOutcome.count({ where: { subjectId: match.id, subjectType: "match" } }),
    ).toBe(3);

    // Three months on, only the side that has not answered the later question is asked.
    await c.db.models.Job.update(
      { runAt: new Date(Date.now() - 1000) },
      { where: { type: ASK_MATCH_FOLLOW_UP, status: "pending" } },
    );
    const before = (await outbox(c, "match_follow_up")).length;
    await c.worker.drain();
    const asked = (await outbox(c, "match_follow_up")).slice(before);
    expect(asked.some((n) => n.userId === otherBuyer.id)).toBe(false);
    expect(asked.some((n) => n.recipient === "laban@example.com")).toBe(true);
  });
});
