import { Op } from "sequelize";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ASK_MEETING_FOLLOW_UP, EXPIRE_MEETING_REQUEST } from "../../server/matching";
import { vietnamDay } from "../../server/vocabulary/dates";
import { openConference, type ConferenceCast } from "../support/conferences";
import { createTestContainer, DIALECTS, type TestContainer } from "../support/db";
import { outbox } from "../support/orders";

/**
 * Matchmaking conferences on both databases: slots cut around a break, registration that a double click cannot
 * double, "not interested" vetoing a pair for requests and the scheduler alike, requests that lapse, per-person
 * caps, a timetable without clashes — also when staff move two meetings into the same place at once — slot
 * deletion that never drops a meeting silently, publication, the day's held/no-show and the outcome ladder.
 */
describe.each(DIALECTS)("conferences on %s", (dialect) => {
  let c: TestContainer;
  let k: ConferenceCast;
  const m = () => c.services.matching;
  const live = () =>
    c.db.models.ConferenceMeeting.findAll({ where: { conferenceId: k.id, busySlotId: { [Op.ne]: null } } });

  /** Clashes as the database holds them: a table, a buyer or a cooperative twice in one slot. */
  async function clashes() {
    const found: string[] = [];
    const seen = new Set<string>();
    for (const x of await live())
      for (const key of [`t${x.tableNo}`, `b${x.buyerId}`, `c${x.cooperativeId}`]) {
        const k2 = `${x.busySlotId}/${key}`;
        if (seen.has(k2)) found.push(k2);
        seen.add(k2);
      }
    return found;
  }

  beforeAll(async () => {
    c = await createTestContainer(dialect);
    k = await openConference(c, { buyers: 3, coops: 4, slots: 4 });
  }, 120_000);
  afterAll(async () => c?.destroy());

  describe("set-up", () => {
    it("cuts slots to the meeting length and leaves the break out; refuses overlaps and days outside", async () => {
      const other = await m().createConference(k.staff, {
        form: {
          ...(await import("../support/conferences")).conferenceForm({
            nameVi: "Hội nghị kết nối chè Tân Cương",
          }),
        },
      });
      const day = (await c.db.models.Conference.findByPk(other.id))!.startsOn;
      expect(
        await m().addSlots(k.staff, {
          id: other.id,
          form: { day, from: "08:00", to: "10:00", breakFrom: "09:00", breakTo: "09:15" },
        }),
      ).toEqual({ added: 5 });
      const times = (
        await c.db.models.ConferenceSlot.findAll({
          where: { conferenceId: other.id },
          order: [["startsAt", "ASC"]],
        })
      ).map((s) => s.startsAt.toISOString().slice(11, 16));
      // 08:00, 08:20, 08:40, (break 09:00–09:15), 09:15, 09:35 in Vietnam = UTC−7 hours.
      expect(times).toEqual(["01:00", "01:20", "01:40", "02:15", "02:35"]);
      await expect(
        m().addSlots(k.staff, { id: other.id, form: { day, from: "09:30", to: "10:30" } }),
      ).rejects.toMatchObject({ fields: { from: { code: "slots_overlap" } } });
      await expect(
        m().addSlots(k.staff, { id: other.id, form: { day: "2020-01-01", from: "08:00", to: "09:00" } }),
      ).rejects.toMatchObject({ fields: { day: { code: "day_outside_conference" } } });
    });

    it("registers once when the button is pressed twice at the same moment", async () => {
      const [one, two] = await Promise.allSettled([
        m().registerForConference(k.buyers[0]!, { slug: k.slug }),
        m().registerForConference(k.buyers[0]!, { slug: k.slug }),
      ]);
      expect([one.status, two.status]).toEqual(["fulfilled", "fulfilled"]);
      expect(
        await c.db.models.ConferenceParticipant.count({
          where: { conferenceId: k.id, userId: k.buyers[0]!.id },
        }),
      ).toBe(1);
    });
  });

  describe("marks and requests", () => {
    it("lets a 'not interested' on either side veto a direct request", async () => {
      await m().setPreference(k.cooperatives[1]!, {
        slug: k.slug,
        form: { targetId: String(k.buyerIds[1]), level: "not" },
      });
      await expect(
        m().requestMeeting(k.buyers[1]!, { slug: k.slug, form: { targetId: String(k.cooperativeIds[1]) } }),
      ).rejects.toMatchObject({ code: "meeting_vetoed" });
      // Marks go across only: a buyer cannot mark a buyer.
      await expect(
        m().setPreference(k.buyers[0]!, {
          slug: k.slug,
          form: { targetId: String(k.buyerIds[1]), level: "must" },
        }),
      ).rejects.toMatchObject({ fields: { targetId: { code: "choose_one" } } });
    });

    it("keeps one request when the same one is sent twice at once", async () => {
      const send = () =>
        m().requestMeeting(k.buyers[1]!, { slug: k.slug, form: { targetId: String(k.cooperativeIds[2]) } });
      const results = await Promise.allSettled([send(), send()]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason).toMatchObject({
        code: "meeting_request_exists",
      });
      const live = await c.db.models.MeetingRequest.count({
        where: { fromId: k.buyerIds[1], toId: k.cooperativeIds[2], live: 1 },
      });
      expect(live).toBe(1);
    });

    it("lets an unanswered request lapse, and counts an accepted one", async () => {
      const { requestId } = await m().requestMeeting(k.buyers[2]!, {
        slug: k.slug,
        form: { targetId: String(k.cooperativeIds[3]), message: "Mời gặp để bàn đơn hàng chè quý I." },
      });
      await expect(
        m().requestMeeting(k.buyers[2]!, { slug: k.slug, form: { targetId: String(k.cooperativeIds[3]) } }),
      ).rejects.toMatchObject({ code: "meeting_request_exists" });
      expect((await outbox(c, "conference_meeting_request")).length).toBeGreaterThan(0);
      await c.db.models.Job.update(
        { runAt: new Date(Date.now() - 1000) },
        { where: { type: EXPIRE_MEETING_REQUEST, status: "pending" } },
      );
      await c.worker.drain();
      expect((await c.db.models.MeetingRequest.findByPk(requestId))?.status).toBe("expired");
      // The receiver cannot accept a lapsed request; a new one can be sent and accepted.
      await expect(
        m().answerMeetingRequest(k.cooperatives[3]!, {
          slug: k.slug,
          form: { requestId: String(requestId), answer: "accept" },
        }),
      ).rejects.toMatchObject({ code: "meeting_request_answered" });
      const again = await m().requestMeeting(k.buyers[2]!, {
        slug: k.slug,
        form: { targetId: String(k.cooperativeIds[3]) },
      });
      await m().answerMeetingRequest(k.cooperatives[3]!, {
        slug: k.slug,
        form: { requestId: String(again.requestId), answer: "accept" },
      });
      const list = await m().listCounterparts(k.buyers[2]!, { slug: k.slug });
      expect(list.counterparts.find((x) => x.id === k.cooperativeIds[3])?.request).toMatchObject({
        status: "accepted",
      });
    });
  });

  describe("the timetable", () => {
    beforeAll(async () => {
      // Buyer 0 and cooperative 0 both want to meet; buyer 1 wants cooperative 1, who vetoed buyer 1 (above).
      const mark = (u: typeof k.staff, targetId: number, level: string) =>
        m().setPreference(u, { slug: k.slug, form: { targetId: String(targetId), level } });
      await mark(k.buyers[0]!, k.cooperativeIds[0]!, "must");
      await mark(k.cooperatives[0]!, k.buyerIds[0]!, "would");
      await mark(k.buyers[1]!, k.cooperativeIds[1]!, "must");
      // Everyone else would meet everyone: more pairs than caps allow (4 each, 4 slots).
      for (const [bi, b] of k.buyers.entries())
        for (const [ci, co] of k.cooperatives.entries()) {
          if ((bi === 0 && ci === 0) || (bi === 1 && ci === 1)) continue;
          await mark(b, k.cooperativeIds[ci]!, "would");
          await mark(co, k.buyerIds[bi]!, "would");
        }
      await m().moveConference(k.staff, { id: k.id, action: "close_preferences" });
      await m().moveConference(k.staff, { id: k.id, action: "schedule" });
    });

    it("places mutual wishes and accepted requests, never a vetoed pair, without a clash, within caps", async () => {
      const meetings = await live();
      const pairs = meetings.map((x) => `${x.buyerId}:${x.cooperativeId}`);
      expect(pairs).toContain(`${k.buyerIds[0]}:${k.cooperativeIds[0]}`);
      expect(pairs).toContain(`${k.buyerIds[2]}:${k.cooperativeIds[3]}`);
      expect(pairs).not.toContain(`${k.buyerIds[1]}:${k.cooperativeIds[1]}`);
      expect(await clashes()).toEqual([]);
      for (const id of [...k.buyerIds, ...k.cooperativeIds])
        expect(meetings.filter((x) => x.buyerId === id || x.cooperativeId === id).length).toBeLessThanOrEqual(
          4,
        );
      expect(meetings.every((x) => x.tableNo! >= 1 && x.tableNo! <= 3)).toBe(true);
      const view = await m().getConferenceForStaff(k.staff, { id: k.id, locale: "vi" });
      expect(view.stats.slotsUsed).toBeGreaterThanOrEqual(view.stats.lowerBound);
      expect(view.stats.requested).toBeGreaterThan(0);
    });

    it("lets only one of two moves into the same table and slot at once succeed", async () => {
      // A new, empty slot late in the day; two meetings of four different people both aimed at its table 1.
      const day = (await c.db.models.Conference.findByPk(k.id))!.startsOn;
      await m().addSlots(k.staff, { id: k.id, form: { day, from: "15:00", to: "15:20" } });
      const slot = (await c.db.models.ConferenceSlot.findOne({
        where: { conferenceId: k.id },
        order: [["startsAt", "DESC"]],
      }))!.id;
      const meetings = await live();
      const a = meetings[0]!;
      const b = meetings.find((x) => x.buyerId !== a.buyerId && x.cooperativeId !== a.cooperativeId)!;
      const move = (x: { id: number }) =>
        m().moveMeeting(k.staff, {
          id: k.id,
          form: { meetingId: String(x.id), slotId: String(slot), tableNo: "1" },
        });
      const results = await Promise.allSettled([move(a), move(b)]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect(refused.reason).toMatchObject({ code: "meeting_clash" });
      expect(await clashes()).toEqual([]);
    });

    it("refuses a move into a slot where one of the pair already meets someone", async () => {
      const meetings = await live();
      const x = meetings[0]!;
      const busyElsewhere = meetings.find((y) => y.id !== x.id && y.buyerId === x.buyerId)!;
      const free = [1, 2, 3].find(
        (t) => !meetings.some((y) => y.busySlotId === busyElsewhere.busySlotId && y.tableNo === t),
      );
      if (free === undefined) return; // every table taken: the table clash above covers the index
      await expect(
        m().moveMeeting(k.staff, {
          id: k.id,
          form: { meetingId: String(x.id), slotId: String(busyElsewhere.busySlotId), tableNo: String(free) },
        }),
      ).rejects.toMatchObject({ code: "meeting_clash" });
    });

    it("publishes, tells everyone, and never drops a meeting silently when a slot goes", async () => {
      await m().moveConference(k.staff, { id: k.id, action: "publish" });
      expect((await outbox(c, "conference_schedule_published")).length).toBe(
        k.buyers.length + k.cooperatives.length,
      );
      const before = await live();
      const slot = k.slotIds[0]!;
      const inSlot = before.filter((x) => x.busySlotId === slot).length;
      const { moved, cancelled } = await m().deleteSlot(k.staff, { id: k.id, slotId: slot });
      expect(moved + cancelled).toBe(inSlot);
      expect(await clashes()).toEqual([]);
      const told =
        (await outbox(c, "conference_meeting_moved")).length +
        (await outbox(c, "conference_meeting_cancelled")).length;
      expect(told).toBe(2 * inSlot);
      const gone = await c.db.models.ConferenceMeeting.count({
        where: { conferenceId: k.id, status: "cancelled" },
      });
      expect(gone).toBeGreaterThanOrEqual(cancelled);
    });

    it("records the day: held by a party, an outcome on the ladder, never by staff for a party", async () => {
      const meeting = (await live()).find((x) => x.buyerId === k.buyerIds[0])!;
      await expect(
        m().markMeeting(k.buyers[0]!, {
          slug: k.slug,
          form: { meetingId: String(meeting.id), status: "held" },
        }),
      ).rejects.toMatchObject({ code: "conference_not_started" });
      // The day comes.
      await c.db.models.Conference.update({ startsOn: vietnamDay() }, { where: { id: k.id } });
      const coop = k.cooperatives[k.cooperativeIds.indexOf(meeting.cooperativeId)]!;
      await m().markMeeting(k.buyers[0]!, {
        slug: k.slug,
        form: { meetingId: String(meeting.id), status: "held" },
      });
      // Someone else's meeting does not exist for a buyer.
      await expect(
        m().markMeeting(k.buyers[1]!, {
          slug: k.slug,
          form: { meetingId: String(meeting.id), status: "no_show" },
        }),
      ).rejects.toMatchObject({ status: 404 });
      const outcome = (u: typeof coop, form: Record<string, string>) =>
        m().recordMeetingOutcome(u, { slug: k.slug, form: { meetingId: String(meeting.id), ...form } });
      await expect(outcome(k.staff, { stage: "first", outcome: "informative" })).rejects.toMatchObject({
        status: 403,
      });
      await expect(outcome(coop, { stage: "follow_up", outcome: "negotiating" })).rejects.toMatchObject({
        code: "outcome_first_stage_missing",
      });
      await outcome(k.buyers[0]!, { stage: "first", outcome: "cooperation_possible" });
      await outcome(coop, { stage: "first", outcome: "cooperation_possible" });
      const agenda = await m().agendaOf(k.buyers[0]!, { slug: k.slug, locale: "vi" });
      const row = agenda.meetings.find((x) => x.id === meeting.id)!;
      expect(row).toMatchObject({ status: "held", counterpart: expect.stringContaining("HTX Chè số") });
      expect(row.outcomes).toEqual([
        expect.objectContaining({ stage: "first", outcome: "cooperation_possible" }),
      ]);
      // Three months on, both are asked what came of it; whoever has answered the later question is not.
      await outcome(coop, { stage: "follow_up", outcome: "negotiating" });
      const asks = (await c.db.models.Job.findAll({ where: { type: ASK_MEETING_FOLLOW_UP } })).filter(
        (j) => (JSON.parse(j.payload) as { meetingId: number }).meetingId === meeting.id,
      );
      expect(asks).toHaveLength(1);
      expect(asks[0]!.runAt.getTime()).toBeGreaterThan(Date.now() + 89 * 86_400_000);
      await asks[0]!.update({ runAt: new Date(Date.now() - 1000) });
      await c.worker.drain();
      const asked = await outbox(c, "conference_meeting_follow_up");
      expect(asked.map((n) => n.userId)).toEqual([k.buyers[0]!.id]);
    });

    it("adds a late meeting around the published ones, and announces it", async () => {
      const meetings = await live();
      const pair = k.buyerIds
        .flatMap((b) => k.cooperativeIds.map((co) => [b, co] as const))
        .find(([b, co]) => !meetings.some((x) => x.buyerId === b && x.cooperativeId === co))!;
      const before = (await outbox(c, "conference_meeting_added")).length;
      const result = await m()
        .addMeeting(k.staff, { id: k.id, form: { buyerId: String(pair[0]), cooperativeId: String(pair[1]) } })
        .catch((e: { code: string }) => e);
      if ("code" in result) expect(result.code).toBe("no_free_slot");
      else expect((await outbox(c, "conference_meeting_added")).length).toBe(before + 2);
      expect(await clashes()).toEqual([]);
    });
  });
});
