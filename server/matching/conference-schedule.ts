import { Op, UniqueConstraintError, type Transaction } from "sequelize";
import type { CurrentUser } from "../accounts/current-user";
import { recordAudit } from "../audit";
import type {
  ConferenceRecord,
  MeetingRecord,
  ParticipantRecord,
  SlotRecord,
} from "../db/models/conferences";
import { Conflict, Forbidden, Invalid, NotFound } from "../errors";
import { enqueueJob, type JobHandler } from "../jobs";
import { stateMachine } from "../lifecycle";
import { parseOrInvalid } from "../validation";
import { vietnamDay } from "../vocabulary/dates";
import {
  FOLLOW_UP_DAYS,
  MIN_MATCH_SCORE,
  type MatchSide,
  type MeetingStatus,
  type PreferenceLevel,
} from "../vocabulary/domain";
import { formatDateTime } from "../vocabulary/format";
import { conferenceMachine, phaseOf, slotIds, type ConferenceKit } from "./conference-kit";
import {
  addMeetingSchema,
  markMeetingSchema,
  meetingOutcomeSchema,
  moveMeetingSchema,
} from "./conference-schemas";
import type { MatchingKit } from "./kit";
import { recordContactOutcome } from "./outcomes";
import { buildSchedule, type SchedulerPair } from "./scheduler";

type MeetingActor = MatchSide | "staff";
type MeetingAction = "hold" | "no_show" | "cancel";

/** A meeting on the day: held or not (either party or staff say so, and may correct it); staff cancel. */
export const meetingMachine = stateMachine<
  MeetingAction,
  MeetingStatus,
  MeetingActor,
  { status: MeetingStatus }
>({
  hold: { from: ["scheduled", "no_show"], to: ["held"], by: ["buyer", "cooperative", "staff"] },
  no_show: { from: ["scheduled", "held"], to: ["no_show"], by: ["buyer", "cooperative", "staff"] },
  cancel: { from: ["scheduled"], to: ["cancelled"], by: ["staff"] },
});

export const ASK_MEETING_FOLLOW_UP = "conference.ask_follow_up";
const DAY = 86_400_000;
const PREFERENCE_POINTS = { must: 50, would: 30 } as const;
const pairKey = (buyerId: number, cooperativeId: number) => `${buyerId}:${cooperativeId}`;

/**
 * The pairs a conference's people asked for, by tier: accepted requests (0), mutual marks (1, weighted must 50 /
 * would 30 a side), one-sided marks (2). A "not interested" on either side vetoes the pair whatever else is said,
 * also for what `put` adds later (recommendations). One reading for the scheduler and the staff's figures.
 */
export function conferencePairs(
  participants: readonly ParticipantRecord[],
  preferences: ReadonlyArray<{ participantId: number; targetId: number; level: PreferenceLevel }>,
  acceptedRequests: ReadonlyArray<{ fromId: number; toId: number }>,
) {
  const byId = new Map(participants.map((p) => [p.id, p]));
  const orient = (a: number, b: number) => {
    const pa = byId.get(a);
    const pb = byId.get(b);
    if (!pa || !pb || pa.side === pb.side) return null;
    return pa.side === "buyer" ? ([a, b] as const) : ([b, a] as const);
  };
  const vetoed = new Set<string>();
  const marks = new Map<string, { buyer?: "must" | "would"; cooperative?: "must" | "would" }>();
  for (const p of preferences) {
    const pair = orient(p.participantId, p.targetId);
    if (!pair) continue;
    const key = pairKey(pair[0], pair[1]);
    if (p.level === "not") vetoed.add(key);
    else marks.set(key, { ...marks.get(key), [byId.get(p.participantId)!.side]: p.level });
  }
  const pairs = new Map<string, SchedulerPair>();
  const put = (pair: SchedulerPair) => {
    const key = pairKey(pair.buyerId, pair.cooperativeId);
    if (vetoed.has(key)) return;
    const had = pairs.get(key);
    if (!had || pair.tier < had.tier || (pair.tier === had.tier && pair.weight > had.weight))
      pairs.set(key, pair);
  };
  for (const r of acceptedRequests) {
    const pair = orient(r.fromId, r.toId);
    if (pair) put({ buyerId: pair[0], cooperativeId: pair[1], tier: 0, weight: 100 });
  }
  for (const [key, m] of marks) {
    const [buyerId, cooperativeId] = key.split(":").map(Number) as [number, number];
    if (m.buyer && m.cooperative)
      put({
        buyerId,
        cooperativeId,
        tier: 1,
        weight: PREFERENCE_POINTS[m.buyer] + PREFERENCE_POINTS[m.cooperative],
      });
    else put({ buyerId, cooperativeId, tier: 2, weight: PREFERENCE_POINTS[(m.buyer ?? m.cooperative)!] });
  }
  return { put, list: () => [...pairs.values()] };
}

/** The timetable: built by the scheduler, adjusted by staff without clashes, published, and kept on the day. */
export function conferenceScheduling(kit: MatchingKit, ck: ConferenceKit) {
  const { models, now } = kit;

  /** Every pair worth a meeting, by tier: accepted requests, mutual marks, then recommendations. Vetoes removed. */
  async function pairsFor(
    conference: ConferenceRecord,
    participants: ParticipantRecord[],
    transaction: Transaction,
  ) {
    const [preferences, requests] = await Promise.all([
      models.ConferencePreference.findAll({ where: { conferenceId: conference.id }, transaction }),
      models.MeetingRequest.findAll({
        where: { conferenceId: conference.id, status: "accepted" },
        transaction,
      }),
    ]);
    const { put, list } = conferencePairs(participants, preferences, requests);
    // Recommendations from the year-round matches between the buyers' demands and the cooperatives' offers.
    const buyers = participants.filter((p) => p.side === "buyer" && p.userId !== null);
    const coops = participants.filter((p) => p.side === "cooperative" && p.cooperativeId !== null);
    if (buyers.length && coops.length) {
      const buyerByUser = new Map(buyers.map((p) => [p.userId!, p.id]));
      const coopByCoop = new Map(coops.map((p) => [p.cooperativeId!, p.id]));
      const matches = await models.Match.findAll({
        where: {
          buyerId: [...buyerByUser.keys()],
          cooperativeId: [...coopByCoop.keys()],
          score: { [Op.gte]: MIN_MATCH_SCORE },
          status: { [Op.notIn]: ["declined", "dismissed"] },
        },
        attributes: ["buyerId", "cooperativeId", "score"],
        transaction,
      });
      for (const m of matches)
        put({
          buyerId: buyerByUser.get(m.buyerId)!,
          cooperativeId: coopByCoop.get(m.cooperativeId)!,
          tier: 2,
          weight: Math.round(m.score / 2),
        });
    }
    return list();
  }

  async function live(conferenceId: number, transaction: Transaction) {
    return models.ConferenceMeeting.findAll({
      where: { conferenceId, busySlotId: { [Op.ne]: null } },
      transaction,
      lock: transaction.LOCK.UPDATE,
    });
  }

  /** Tell both people of a meeting what happened to it, each in their language, with their agenda's link. */
  async function notifyMeeting(
    transaction: Transaction,
    conference: ConferenceRecord,
    meeting: MeetingRecord,
    template: "conference_meeting_added" | "conference_meeting_moved" | "conference_meeting_cancelled",
    slot: SlotRecord | null,
  ) {
    const people = await models.ConferenceParticipant.findAll({
      where: { id: [meeting.buyerId, meeting.cooperativeId] },
      transaction,
    });
    const names = await ck.namesOf(people, transaction);
    await ck.notifyParticipants(transaction, conference, people, template, (locale, p) => ({
      counterpart: names.get(p.id === meeting.buyerId ? meeting.cooperativeId : meeting.buyerId)?.name ?? "",
      time: slot ? formatDateTime(slot.startsAt, locale) : "",
      table: meeting.tableNo ?? "",
      link: `/conferences/${conference.slug}/agenda`,
    }));
  }

  /** The first slot (in time) free for both people, where they are available, with its first free table. */
  function firstFree(
    conference: ConferenceRecord,
    slots: SlotRecord[],
    meetings: MeetingRecord[],
    buyer: ParticipantRecord,
    cooperative: ParticipantRecord,
    except?: number,
  ) {
    const away = new Set([...slotIds(buyer.unavailableSlotIds), ...slotIds(cooperative.unavailableSlotIds)]);
    for (const slot of [...slots].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())) {
      if (slot.id === except || away.has(slot.id)) continue;
      const here = meetings.filter((m) => m.busySlotId === slot.id);
      if (here.some((m) => m.buyerId === buyer.id || m.cooperativeId === cooperative.id)) continue;
      const used = new Set(here.map((m) => m.tableNo));
      for (let table = 1; table <= conference.tables; table++) if (!used.has(table)) return { slot, table };
    }
    return null;
  }

  const clash = (error: unknown) => {
    if (error instanceof UniqueConstraintError) throw new Conflict("meeting_clash");
    throw error;
  };

  async function meetingIn(conferenceId: number, meetingId: number, transaction: Transaction) {
    const meeting = await models.ConferenceMeeting.findOne({
      where: { id: meetingId, conferenceId },
      transaction,
      lock: transaction.LOCK.UPDATE,
    });
    if (!meeting) throw new NotFound("meeting_not_found");
    return meeting;
  }

  /** Who the user is at a meeting: staff, or one of its two people. */
  async function actorAt(user: CurrentUser, conference: ConferenceRecord, meeting: MeetingRecord) {
    if (user.role === "staff") return "staff" as const;
    const me = await ck.participantOf(user, conference);
    if (me?.id === meeting.buyerId) return "buyer" as const;
    if (me?.id === meeting.cooperativeId) return "cooperative" as const;
    throw new NotFound("meeting_not_found");
  }

  return {
    /**
     * Build the timetable: every pair worth a meeting goes to the scheduler with everyone's caps and
     * availability; published meetings stay where they are. A provisional run replaces the previous
     * provisional meetings; after publication, only new meetings are added (and announced).
     */
    async generateSchedule(user: CurrentUser, { id }: { id: number }) {
      ck.assertStaff(user);
      return kit.db.transaction(async (transaction) => {
        const conference = await ck.conferenceById(id, transaction, true);
        const published = conference.phase === "published";
        const phase = conferenceMachine.assert(
          "schedule",
          phaseOf(conference),
          "staff",
          published ? "published" : "provisional",
        );
        const [slots, participants] = await Promise.all([
          models.ConferenceSlot.findAll({
            where: { conferenceId: id },
            order: [["startsAt", "ASC"]],
            transaction,
          }),
          models.ConferenceParticipant.findAll({
            where: { conferenceId: id, status: "registered" },
            transaction,
          }),
        ]);
        if (!slots.length) throw new Conflict("conference_needs_slots");
        // Provisional meetings are the scheduler's to redo; published (and held) ones are fixed.
        await models.ConferenceMeeting.destroy({
          where: { conferenceId: id, publishedAt: null, status: "scheduled" },
          transaction,
        });
        const fixedRows = await live(id, transaction);
        const pairs = await pairsFor(conference, participants, transaction);
        const result = buildSchedule({
          slots: slots.map((s) => ({ id: s.id, startsAt: s.startsAt.getTime(), endsAt: s.endsAt.getTime() })),
          tables: conference.tables,
          participants: participants.map((p) => ({
            id: p.id,
            side: p.side,
            maxMeetings: p.maxMeetings ?? conference.maxMeetings,
            unavailableSlotIds: slotIds(p.unavailableSlotIds),
          })),
          pairs,
          fixed: fixedRows.map((m) => ({
            buyerId: m.buyerId,
            cooperativeId: m.cooperativeId,
            slotId: m.busySlotId!,
            table: m.tableNo!,
          })),
        });
        const at = now();
        const created: MeetingRecord[] = [];
        for (const m of result.meetings.filter((x) => !x.fixed))
          created.push(
            await models.ConferenceMeeting.create(
              {
                conferenceId: id,
                slotId: m.slotId,
                busySlotId: m.slotId,
                tableNo: m.table,
                buyerId: m.buyerId,
                cooperativeId: m.cooperativeId,
                pairLive: 1,
                tier: m.tier,
                status: "scheduled",
                publishedAt: published ? at : null,
              },
              { transaction },
            ).catch(clash),
          );
        if (published) {
          const bySlot = new Map(slots.map((s) => [s.id, s]));
          for (const m of created)
            await notifyMeeting(
              transaction,
              conference,
              m,
              "conference_meeting_added",
              bySlot.get(m.slotId!) ?? null,
            );
        }
        await conference.update({ phase }, { transaction });
        await recordAudit(models, transaction, {
          actorId: user.id,
          action: "conference.schedule",
          entityType: "conference",
          entityId: id,
          data: { placed: result.placed, requested: result.requested, added: created.length },
        });
        return {
          phase,
          added: created.length,
          placed: result.placed,
          requested: result.requested,
          unplaced: result.unplaced.length,
          lowerBound: result.lowerBound,
          slotsUsed: result.slotsUsed,
        };
      });
    },

    /** In the publishing transaction: the provisional meetings become fixed, and each person hears of their agenda. */
    async publishMeetings(transaction: Transaction, conference: ConferenceRecord) {
      await models.ConferenceMeeting.update(
        { publishedAt: now() },
        { where: { conferenceId: conference.id, publishedAt: null, status: "scheduled" }, transaction },
      );
      const participants = await models.ConferenceParticipant.findAll({
        where: { conferenceId: conference.id, status: "registered" },
        transaction,
      });
      await ck.notifyParticipants(
        transaction,
        conference,
        participants,
        "conference_schedule_published",
        () => ({
          link: `/conferences/${conference.slug}/agenda`,
        }),
      );
    },

    /** Before a slot goes: each of its meetings moves to another free slot, or is cancelled and announced. */
    async evacuateSlot(
      transaction: Transaction,
      conference: ConferenceRecord,
      slot: SlotRecord,
      _user: CurrentUser,
    ) {
      const [slots, meetings, participants] = await Promise.all([
        models.ConferenceSlot.findAll({ where: { conferenceId: conference.id }, transaction }),
        live(conference.id, transaction),
        models.ConferenceParticipant.findAll({ where: { conferenceId: conference.id }, transaction }),
      ]);
      const byId = new Map(participants.map((p) => [p.id, p]));
      let moved = 0;
      let cancelled = 0;
      for (const meeting of meetings.filter((m) => m.busySlotId === slot.id)) {
        const place = firstFree(
          conference,
          slots,
          meetings,
          byId.get(meeting.buyerId)!,
          byId.get(meeting.cooperativeId)!,
          slot.id,
        );
        if (place) {
          await meeting.update(
            { slotId: place.slot.id, busySlotId: place.slot.id, tableNo: place.table },
            { transaction },
          );
          moved++;
          if (meeting.publishedAt)
            await notifyMeeting(transaction, conference, meeting, "conference_meeting_moved", place.slot);
        } else {
          await meeting.update(
            { status: "cancelled", busySlotId: null, pairLive: null, slotId: null },
            { transaction },
          );
          cancelled++;
          if (meeting.publishedAt)
            await notifyMeeting(transaction, conference, meeting, "conference_meeting_cancelled", slot);
        }
      }
      return { moved, cancelled };
    },

    /**
     * Staff move a meeting to another slot and table (by drag or by form). The database's unique indexes are the
     * guarantee: of two moves into the same table, person or slot at once, the second hears "meeting_clash".
     */
    async moveMeeting(user: CurrentUser, { id, form }: { id: number; form: Record<string, unknown> }) {
      ck.assertStaff(user);
      const input = parseOrInvalid(moveMeetingSchema, form);
      await kit.db.transaction(async (transaction) => {
        const conference = await ck.conferenceById(id, transaction);
        ck.assertPhase(conference, ["provisional", "published"], "move_meeting");
        const meeting = await meetingIn(id, input.meetingId, transaction);
        if (meeting.status !== "scheduled") throw new Conflict("meeting_not_scheduled");
        const slot = await models.ConferenceSlot.findOne({
          where: { id: input.slotId, conferenceId: id },
          transaction,
        });
        if (!slot) throw new Invalid({ slotId: { code: "choose_one" } });
        if (input.tableNo > conference.tables)
          throw new Invalid({ tableNo: { code: "too_big", params: { max: conference.tables } } });
        const people = await models.ConferenceParticipant.findAll({
          where: { id: [meeting.buyerId, meeting.cooperativeId] },
          transaction,
        });
        if (people.some((p) => slotIds(p.unavailableSlotIds).includes(slot.id)))
          throw new Invalid({ slotId: { code: "participant_unavailable" } });
        await meeting
          .update({ slotId: slot.id, busySlotId: slot.id, tableNo: input.tableNo }, { transaction })
          .catch(clash);
        if (meeting.publishedAt)
          await notifyMeeting(transaction, conference, meeting, "conference_meeting_moved", slot);
      });
    },

    /** A late addition: the pair goes to the first slot free for both, announced if the timetable is out. */
    async addMeeting(user: CurrentUser, { id, form }: { id: number; form: Record<string, unknown> }) {
      ck.assertStaff(user);
      const input = parseOrInvalid(addMeetingSchema, form);
      return kit.db.transaction(async (transaction) => {
        const conference = await ck.conferenceById(id, transaction, true);
        ck.assertPhase(conference, ["provisional", "published"], "add_meeting");
        const people = await models.ConferenceParticipant.findAll({
          where: { id: [input.buyerId, input.cooperativeId], conferenceId: id, status: "registered" },
          transaction,
        });
        const buyer = people.find((p) => p.id === input.buyerId && p.side === "buyer");
        const cooperative = people.find((p) => p.id === input.cooperativeId && p.side === "cooperative");
        if (!buyer) throw new Invalid({ buyerId: { code: "choose_one" } });
        if (!cooperative) throw new Invalid({ cooperativeId: { code: "choose_one" } });
        const [slots, meetings] = await Promise.all([
          models.ConferenceSlot.findAll({ where: { conferenceId: id }, transaction }),
          live(id, transaction),
        ]);
        if (meetings.some((m) => m.buyerId === buyer.id && m.cooperativeId === cooperative.id))
          throw new Conflict("meeting_pair_exists");
        const place = firstFree(conference, slots, meetings, buyer, cooperative);
        if (!place) throw new Conflict("no_free_slot");
        const meeting = await models.ConferenceMeeting.create(
          {
            conferenceId: id,
            slotId: place.slot.id,
            busySlotId: place.slot.id,
            tableNo: place.table,
            buyerId: buyer.id,
            cooperativeId: cooperative.id,
            pairLive: 1,
            tier: null,
            status: "scheduled",
            publishedAt: conference.phase === "published" ? now() : null,
          },
          { transaction },
        ).catch(clash);
        if (meeting.publishedAt)
          await notifyMeeting(transaction, conference, meeting, "conference_meeting_added", place.slot);
        return { meetingId: meeting.id };
      });
    },

    /** On the day: held or no-show, by staff or either party; cancelled, by staff (the slot is freed). */
    async markMeeting(
      user: CurrentUser,
      { slug, id, form }: { slug?: string; id?: number; form: Record<string, unknown> },
    ) {
      const input = parseOrInvalid(markMeetingSchema, form);
      await kit.db.transaction(async (transaction) => {
        const conference = await models.Conference.findOne({
          where: id !== undefined ? { id } : { slug: slug ?? "" },
          transaction,
        });
        if (!conference) throw new NotFound("conference_not_found");
        const meeting = await meetingIn(conference.id, input.meetingId, transaction);
        const actor = await actorAt(user, conference, meeting);
        const action: MeetingAction =
          input.status === "held" ? "hold" : input.status === "no_show" ? "no_show" : "cancel";
        const status = meetingMachine.assert(action, meeting, actor);
        if (action !== "cancel") {
          ck.assertPhase(conference, ["published", "finished"], action);
          // Whether a meeting happened is known on the day, not before.
          if (vietnamDay(now()) < conference.startsOn) throw new Conflict("conference_not_started");
        }
        const slot = meeting.slotId
          ? await models.ConferenceSlot.findByPk(meeting.slotId, { transaction })
          : null;
        // Held for the first time: both sides are asked again three months on, as after a match.
        if (status === "held" && meeting.status === "scheduled")
          await enqueueJob(
            models,
            transaction,
            ASK_MEETING_FOLLOW_UP,
            { meetingId: meeting.id },
            { runAt: new Date(now().getTime() + FOLLOW_UP_DAYS * DAY) },
          );
        await meeting.update(
          status === "cancelled" ? { status, busySlotId: null, pairLive: null } : { status },
          { transaction },
        );
        await recordAudit(models, transaction, {
          actorId: user.id,
          action: `meeting.${action}`,
          entityType: "meeting",
          entityId: meeting.id,
          data: { by: actor },
        });
        if (status === "cancelled" && meeting.publishedAt)
          await notifyMeeting(transaction, conference, meeting, "conference_meeting_cancelled", slot);
      });
    },

    /** What came of a held meeting, on the same two-stage ladder as matches, by either party. */
    async recordMeetingOutcome(
      user: CurrentUser,
      { slug, form }: { slug: string; form: Record<string, unknown> },
    ) {
      const input = parseOrInvalid(meetingOutcomeSchema, form);
      await kit.db.transaction(async (transaction) => {
        const conference = await models.Conference.findOne({ where: { slug }, transaction });
        if (!conference) throw new NotFound("conference_not_found");
        const meeting = await meetingIn(conference.id, input.meetingId, transaction);
        const actor = await actorAt(user, conference, meeting);
        if (actor === "staff") throw new Forbidden("staff_cannot_act_for_party");
        if (meeting.status !== "held") throw new Conflict("meeting_not_held");
        await recordContactOutcome(models, transaction, {
          subjectType: "meeting",
          subjectId: meeting.id,
          side: actor,
          stage: input.stage,
          outcome: input.outcome,
          note: input.note,
          recordedBy: user.id,
        });
      });
    },

    jobHandlers(): Record<string, JobHandler> {
      return {
        [ASK_MEETING_FOLLOW_UP]: async (payload) => {
          await kit.db.transaction(async (transaction) => {
            const meeting = await models.ConferenceMeeting.findByPk(Number(payload.meetingId), {
              transaction,
            });
            if (!meeting || meeting.status !== "held") return;
            const conference = await ck.conferenceById(meeting.conferenceId, transaction);
            const answered = new Set(
              (
                await models.ContactOutcome.findAll({
                  where: { subjectType: "meeting", subjectId: meeting.id, stage: "follow_up" },
                  transaction,
                })
              ).map((o) => o.side),
            );
            const both = await models.ConferenceParticipant.findAll({
              where: { id: [meeting.buyerId, meeting.cooperativeId] },
              transaction,
            });
            const names = await ck.namesOf(both, transaction);
            const asked = both.filter((p) => !answered.has(p.side));
            await ck.notifyParticipants(
              transaction,
              conference,
              asked,
              "conference_meeting_follow_up",
              (_l, p) => ({
                counterpart:
                  names.get(p.id === meeting.buyerId ? meeting.cooperativeId : meeting.buyerId)?.name ?? "",
                link: `/conferences/${conference.slug}/agenda#m-${meeting.id}`,
              }),
            );
          });
        },
      };
    },
  };
}

export type ConferenceScheduling = ReturnType<typeof conferenceScheduling>;
