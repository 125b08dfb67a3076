import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "../../server/accounts/current-user";
import { FOLLOW_UP_REMIND, plannedFollowUps } from "../../server/agreements/follow-ups";
import { daysBetween, shiftDay, vietnamDay } from "../../server/vocabulary/dates";
import { agreementCast, currentUser, sealedAgreement } from "../support/agreements";
import { createTestContainer, DIALECTS, type TestContainer } from "../support/db";
import { makeUser } from "../support/factories";

const DAY = 86_400_000;

/**
 * The union's follow-ups: sealing schedules checkpoints (1, 3, 6, 12 months), a reminder a week before each delivery
 * and one a month before the expiry, once however often the event arrives; staff add their own (once per form),
 * take, give and complete them with an outcome, within their union only; reminders go through the notification
 * outbox on a ladder, each rung once; bulk actions give agreements a follower and add a follow-up to several; a
 * calendar feed per staff member, revoked by a new link.
 */
describe.each(DIALECTS)("agreement follow-ups on %s", (dialect) => {
  let c: TestContainer;
  let cast: Awaited<ReturnType<typeof agreementCast>>;
  let staffTN: CurrentUser;
  let staffLS: CurrentUser;
  let colleague: CurrentUser;
  let publicId: string;
  let agreementId: number;
  const today = vietnamDay(new Date());
  const agreements = () => c.services.agreements;
  const followUpsOf = (id: number) =>
    c.db.models.AgreementFollowUp.findAll({
      where: { agreementId: id },
      order: [
        ["dueOn", "ASC"],
        ["id", "ASC"],
      ],
    });

  /** Sign and seal an agreement as if `daysAgo` days ago: the seal's event is still in the outbox, then delivered. */
  async function sealedDaysAgo(daysAgo: number, schedule: Array<{ date: string; quantity: number }>) {
    const id = await sealedAgreement(c, cast, schedule);
    const row = (await c.db.models.Agreement.findOne({ where: { publicId: id } }))!;
    const then = new Date(Date.now() - daysAgo * DAY);
    await row.update({ sealedAt: then });
    await c.db.models.AgreementSignature.update({ signedAt: then }, { where: { agreementId: row.id } });
    await c.worker.drain();
    return row;
  }

  beforeAll(async () => {
    c = await createTestContainer(dialect);
    cast = await agreementCast(c);
    for (const [email, province, fullName] of [
      ["canbo.tn@example.com", "19", "Phạm Thu Trang"],
      ["dongnghiep.tn@example.com", "19", "Vũ Thị Lan"],
      ["canbo.ls@example.com", "20", "Hoàng Văn Lâm"],
    ] as const) {
      const row = await makeUser(c, { role: "staff", email, fullName });
      await row.update({ unionProvinceCode: province });
    }
    staffTN = await currentUser(c, "canbo.tn@example.com");
    colleague = await currentUser(c, "dongnghiep.tn@example.com");
    staffLS = await currentUser(c, "canbo.ls@example.com");
    // Sealed 40 days ago, deliveries in 20 and 60 days: the one-month checkpoint is nine to twelve days overdue.
    const row = await sealedDaysAgo(40, [
      { date: shiftDay(today, { days: 20 }), quantity: 150 },
      { date: shiftDay(today, { days: 60 }), quantity: 150 },
    ]);
    publicId = row.publicId;
    agreementId = row.id;
  }, 120_000);
  afterAll(() => c?.destroy());

  it("schedules the checkpoints, a week before each delivery and a month before the expiry, once", async () => {
    const sealedOn = vietnamDay(new Date(Date.now() - 40 * DAY));
    const rows = await followUpsOf(agreementId);
    const view = await agreements().getAgreement(cast.buyer, { publicId });
    const expected = plannedFollowUps(sealedOn, {
      deliveries: [
        { date: shiftDay(today, { days: 20 }), quantity: 150 },
        { date: shiftDay(today, { days: 60 }), quantity: 150 },
      ],
      validUntil: String(view.terms.validUntil),
    });
    expect(rows.map((r) => [r.key, r.dueOn])).toEqual(expected.map((p) => [p.key, p.dueOn]));
    expect(rows.map((r) => r.key)).toEqual(
      expect.arrayContaining([
        "auto:m1",
        "auto:m3",
        "auto:m6",
        "auto:m12",
        `auto:delivery:${shiftDay(today, { days: 20 })}`,
        `auto:delivery:${shiftDay(today, { days: 60 })}`,
        "auto:expiry",
      ]),
    );
    expect(rows.find((r) => r.key === "auto:m1")!.dueOn).toBe(shiftDay(sealedOn, { months: 1 }));
    expect(rows.find((r) => r.key.startsWith("auto:delivery"))!.dueOn).toBe(shiftDay(today, { days: 13 }));
    expect(rows.every((r) => r.status === "open" && r.assigneeId === null)).toBe(true);

    // The event delivered again (and twice at once) adds nothing.
    await Promise.all([
      agreements().scheduleFollowUps(agreementId),
      agreements().scheduleFollowUps(agreementId),
    ]);
    expect(await followUpsOf(agreementId)).toHaveLength(rows.length);
  });

  it("puts the overdue checkpoint first, with its reminder (the overdue rung alone) in the outbox", async () => {
    const team = await agreements().listFollowUps(staffTN, { view: "team" });
    expect(team.rows[0]).toMatchObject({ kind: "checkpoint", detail: "1", overdue: true });
    const sealedOn = vietnamDay(new Date(Date.now() - 40 * DAY));
    expect(team.rows[0]!.daysLate).toBe(daysBetween(shiftDay(sealedOn, { months: 1 }), today));
    expect(team.rows[0]!.daysLate).toBeGreaterThanOrEqual(9);
    expect(team.rows[0]!.agreement.publicId).toBe(publicId);
    expect(team.rows.filter((r) => r.overdue)).toHaveLength(1);
    // Nobody follows the agreement yet: the union's staff of its province hear of it, each once, the late rung only.
    const m1 = (await followUpsOf(agreementId)).find((f) => f.key === "auto:m1")!;
    expect(m1.reminded).toBe(3);
    const sent = await c.db.models.Notification.findAll({ where: { template: "follow_up_overdue" } });
    expect(sent.map((n) => n.recipient).sort()).toEqual([
      "canbo.tn@example.com",
      "dongnghiep.tn@example.com",
    ]);
    expect(
      await c.db.models.Notification.count({ where: { template: ["follow_up_soon", "follow_up_due"] } }),
    ).toBe(0);
    const mail = c.sender.sent.find((m) => m.to === "canbo.tn@example.com")!;
    expect(mail.subject).toContain(publicId);
    expect(mail.body).toContain("Kiểm tra tiến độ sau 1 tháng kể từ khi ký");
    expect(mail.body).toContain(`/agreements/${publicId}`);

    // A rung delivered again sends nothing more.
    const remind = agreements().jobHandlers()[FOLLOW_UP_REMIND]!;
    await remind({ followUpId: m1.id, rung: 3, dueOn: m1.dueOn }, { id: 0, attempts: 1 });
    expect(await c.db.models.Notification.count({ where: { template: "follow_up_overdue" } })).toBe(2);
  });

  it("keeps another union's staff and the parties out", async () => {
    expect((await agreements().listFollowUps(staffLS, { view: "team" })).rows).toEqual([]);
    const m1 = (await followUpsOf(agreementId)).find((f) => f.key === "auto:m1")!;
    await expect(
      agreements().completeFollowUp(staffLS, {
        form: { followUpId: String(m1.id), outcome: "Đã gọi điện." },
      }),
    ).rejects.toMatchObject({ code: "follow_up_not_found" });
    await expect(
      agreements().addFollowUp(staffLS, {
        publicId,
        form: { requestId: randomUUID(), dueOn: shiftDay(today, { days: 3 }), note: "Gọi điện hỏi tiến độ" },
      }),
    ).rejects.toMatchObject({ code: "agreement_not_found" });
    await expect(agreements().listFollowUps(cast.buyer, {})).rejects.toMatchObject({ code: "staff_only" });
    await expect(agreements().followingOf(cast.coop, publicId)).rejects.toMatchObject({ code: "staff_only" });
  });

  it("lets staff take, complete with an outcome, and see it among the done ones", async () => {
    const m1 = (await followUpsOf(agreementId)).find((f) => f.key === "auto:m1")!;
    await agreements().assignFollowUp(staffTN, {
      followUpId: m1.id,
      form: { assigneeId: String(staffTN.id) },
    });
    const mine = await agreements().listFollowUps(staffTN, {});
    expect(mine.view).toBe("mine");
    expect(mine.rows.map((r) => r.id)).toEqual([m1.id]);
    expect(mine.counts).toMatchObject({ mine: 1, mineOverdue: 1 });
    // Staff of another union cannot be given it.
    await expect(
      agreements().assignFollowUp(staffTN, { followUpId: m1.id, form: { assigneeId: String(staffLS.id) } }),
    ).rejects.toMatchObject({ fields: { assigneeId: { code: "choose_one" } } });

    await expect(
      agreements().completeFollowUp(staffTN, { form: { followUpId: String(m1.id), outcome: "ok" } }),
    ).rejects.toMatchObject({ fields: { outcome: expect.anything() } });
    expect((await m1.reload()).status).toBe("open");
    // A colleague stands in: anyone of the union completes it, and it is done once.
    const outcome = "Đã gọi chủ nhiệm HTX: đợt 1 giao đúng hẹn, bên mua đã nhận.";
    const tries = await Promise.allSettled([
      agreements().completeFollowUp(colleague, { form: { followUpId: String(m1.id), outcome } }),
      agreements().completeFollowUp(staffTN, { form: { followUpId: String(m1.id), outcome } }),
    ]);
    expect(tries.filter((t) => t.status === "fulfilled")).toHaveLength(1);
    expect(await m1.reload()).toMatchObject({ status: "done", outcome });
    const done = await agreements().listFollowUps(staffTN, { view: "team", status: "done" });
    expect(done.rows[0]).toMatchObject({ id: m1.id, outcome, overdue: false });
    expect((await agreements().listFollowUps(staffTN, {})).counts.mineOverdue).toBe(0);
  });

  it("adds staff's own follow-up once for a form sent twice, never in the past", async () => {
    await expect(
      agreements().addFollowUp(staffTN, {
        publicId,
        form: { requestId: randomUUID(), dueOn: shiftDay(today, { days: -1 }), note: "Gọi điện hỏi tiến độ" },
      }),
    ).rejects.toMatchObject({ fields: { dueOn: { code: "date_in_past" } } });
    const form = {
      requestId: randomUUID(),
      dueOn: shiftDay(today, { days: 5 }),
      note: "Xuống HTX kiểm tra kho trước đợt giao",
      assigneeId: String(colleague.id),
    };
    const [a, b] = await Promise.all([
      agreements().addFollowUp(staffTN, { publicId, form }),
      agreements().addFollowUp(staffTN, { publicId, form }),
    ]);
    expect(a.id).toBe(b.id);
    const manual = (await followUpsOf(agreementId)).filter((f) => f.kind === "manual");
    expect(manual).toHaveLength(1);
    expect(manual[0]).toMatchObject({ assigneeId: colleague.id, createdBy: staffTN.id, note: form.note });
    // Its three reminders wait in the outbox for their days.
    const jobs = await c.db.models.Job.findAll({ where: { type: FOLLOW_UP_REMIND, status: "pending" } });
    const its = jobs.filter((j) => JSON.parse(j.payload).followUpId === manual[0]!.id);
    expect(its.map((j) => vietnamDay(j.runAt)).sort()).toEqual([
      shiftDay(today, { days: 2 }),
      shiftDay(today, { days: 5 }),
      shiftDay(today, { days: 12 }),
    ]);
  });

  it("gives agreements a follower in bulk, with their open follow-ups, and adds one follow-up to several", async () => {
    const second = await sealedDaysAgo(0, [{ date: shiftDay(today, { days: 30 }), quantity: 300 }]);
    const both = [publicId, second.publicId];
    await expect(
      agreements().assignAgreements(staffLS, { publicIds: both, assigneeId: String(staffLS.id) }),
    ).rejects.toMatchObject({
      fields: { publicIds: { code: "form_outdated" } },
    });
    expect(
      await agreements().assignAgreements(staffTN, { publicIds: both, assigneeId: String(colleague.id) }),
    ).toEqual({
      count: 2,
    });
    for (const id of [agreementId, second.id]) {
      expect((await c.db.models.Agreement.findByPk(id))!.ownerId).toBe(colleague.id);
      const open = (await followUpsOf(id)).filter((f) => f.status === "open");
      expect(open.every((f) => f.assigneeId === colleague.id)).toBe(true);
    }
    const form = {
      publicIds: both,
      requestId: randomUUID(),
      dueOn: shiftDay(today, { days: 7 }),
      note: "Mời hai bên dự hội nghị sơ kết quý",
    };
    await Promise.all([agreements().addFollowUps(staffTN, form), agreements().addFollowUps(staffTN, form)]);
    const added = await c.db.models.AgreementFollowUp.findAll({ where: { key: `form:${form.requestId}` } });
    expect(added.map((f) => f.agreementId).sort()).toEqual([agreementId, second.id].sort());
    // Given to the follower, who now sees them as theirs.
    expect(added.every((f) => f.assigneeId === colleague.id)).toBe(true);
    const theirs = await agreements().listFollowUps(colleague, {});
    expect(theirs.rows.filter((r) => r.note === form.note)).toHaveLength(2);
  });

  it("gives overlapping selections at once without a deadlock: the agreements are locked in one order", async () => {
    const rows = await c.db.models.Agreement.findAll({
      where: { provinceCode: "19", status: ["sealed", "in_implementation"] },
      order: [["id", "ASC"]],
    });
    const ids = rows.map((r) => r.publicId);
    expect(ids.length).toBeGreaterThanOrEqual(2);
    const results = await Promise.allSettled([
      agreements().assignAgreements(staffTN, { publicIds: ids, assigneeId: String(staffTN.id) }),
      agreements().assignAgreements(colleague, {
        publicIds: [...ids].reverse(),
        assigneeId: String(colleague.id),
      }),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled"]);
    // One of the two went last, for every agreement alike.
    const owners = new Set(
      (await c.db.models.Agreement.findAll({ where: { publicId: ids } })).map((a) => a.ownerId),
    );
    expect(owners.size).toBe(1);
    // Given back to the colleague, as the tests after this one expect.
    await agreements().assignAgreements(staffTN, { publicIds: ids, assigneeId: String(colleague.id) });
  });

  it("keeps staff notes on the agreement, for staff only, once per form", async () => {
    const form = { requestId: randomUUID(), body: "Đã gọi bên mua: hài lòng với chất lượng đợt đầu." };
    await Promise.all([
      agreements().addAgreementNote(staffTN, { publicId, form }),
      agreements().addAgreementNote(staffTN, { publicId, form }),
    ]);
    const following = await agreements().followingOf(staffTN, publicId);
    expect(following.notes.map((n) => [n.body, n.author])).toEqual([[form.body, "Phạm Thu Trang"]]);
    expect(following.owner).toMatchObject({ id: colleague.id, name: "Vũ Thị Lan" });
    expect(following.staff.map((s) => s.name)).toContain("Vũ Thị Lan");
    expect(following.staff.map((s) => s.name)).not.toContain("Hoàng Văn Lâm");
  });

  it("serves one's follow-ups as a calendar feed, and a new link revokes the old", async () => {
    expect(await agreements().calendarTokenOf(colleague)).toBeNull();
    const token = await agreements().issueCalendarToken(colleague);
    expect(await agreements().calendarTokenOf(colleague)).toBe(token);
    const feed = await agreements().calendarFeed(token);
    expect(feed.owner.name).toBe("Vũ Thị Lan");
    expect(feed.rows.length).toBeGreaterThan(0);
    expect(feed.rows.every((r) => r.assigneeId === colleague.id && r.status === "open")).toBe(true);
    const renewed = await agreements().issueCalendarToken(colleague);
    await expect(agreements().calendarFeed(token)).rejects.toMatchObject({ code: "calendar_not_found" });
    await expect(agreements().calendarFeed("short")).rejects.toMatchObject({ code: "calendar_not_found" });
    expect((await agreements().calendarFeed(renewed)).rows).toHaveLength(feed.rows.length);
  });

  it("settles a delivery's follow-up when the delivery is recorded against its date", async () => {
    const date = shiftDay(today, { days: 20 });
    const key = `auto:delivery:${date}`;
    const before = (await followUpsOf(agreementId)).find((f) => f.key === key)!;
    expect(before.status).toBe("open");
    await agreements().recordDelivery(cast.coop, {
      publicId,
      form: { requestId: randomUUID(), scheduledOn: date, deliveredOn: today, quantity: "150" },
    });
    const after = (await followUpsOf(agreementId)).find((f) => f.key === key)!;
    expect(after).toMatchObject({ status: "done", completedBy: null, outcome: null });
    // The other delivery's follow-up is still to be done.
    const other = (await followUpsOf(agreementId)).find(
      (f) => f.key === `auto:delivery:${shiftDay(today, { days: 60 })}`,
    )!;
    expect(other.status).toBe("open");
  });

  it("stops reminding once the agreement is closed", async () => {
    const third = await sealedDaysAgo(0, [{ date: shiftDay(today, { days: 30 }), quantity: 300 }]);
    const f = (await followUpsOf(third.id))[0]!;
    const remind = (rung: number) =>
      agreements().jobHandlers()[FOLLOW_UP_REMIND]!(
        { followUpId: f.id, rung, dueOn: f.dueOn },
        { id: 0, attempts: 1 },
      );
    const count = () =>
      c.db.models.Notification.count({ where: { template: ["follow_up_soon", "follow_up_due"] } });
    await remind(1);
    const reminded = await count();
    expect(reminded).toBeGreaterThan(0);
    await agreements().moveAgreement(staffTN, {
      publicId: third.publicId,
      form: { action: "terminate", reason: "Bên mua giải thể, hai bên thống nhất chấm dứt." },
    });
    await remind(2);
    expect(await count()).toBe(reminded);
  });
});
