import { Op, UniqueConstraintError, type Transaction } from "sequelize";
import type { CurrentUser } from "../accounts/current-user";
import type { ConferenceRecord, ParticipantRecord } from "../db/models/conferences";
import { Conflict, Forbidden, Invalid, NotFound } from "../errors";
import { enqueueJob, type JobHandler } from "../jobs";
import { parseOrInvalid } from "../validation";
import { vietnamDay } from "../vocabulary/dates";
import {
  MEETING_REQUEST_DAYS,
  type MatchSide,
  type MeetingRequestStatus,
  type PreferenceLevel,
} from "../vocabulary/domain";
import { provinceByCode } from "../vocabulary/geo";
import type { Locale } from "../vocabulary/locale";
import { slotIds, type ConferenceKit } from "./conference-kit";
import {
  availabilitySchema,
  meetingRequestSchema,
  preferenceSchema,
  requestAnswerSchema,
} from "./conference-schemas";
import type { MatchingKit } from "./kit";
import { outcomesOf } from "./outcomes";

export const EXPIRE_MEETING_REQUEST = "conference.expire_request";
const DAY = 86_400_000;
/** Marks and requests are for the run-up: once preferences close they are the scheduler's input, not to change. */
const OPEN = ["registration"] as const;

export interface ConferenceSummary {
  slug: string;
  name: string;
  description: string;
  venue: string;
  address: string | null;
  province: string;
  startsOn: string;
  endsOn: string;
  phase: ConferenceRecord["phase"];
  registrationOpensAt: string;
  registrationClosesAt: string;
  meetingMinutes: number;
  tables: number;
}

export function toConferenceSummary(c: ConferenceRecord, locale: Locale): ConferenceSummary {
  return {
    slug: c.slug,
    name: locale === "en" ? (c.nameEn ?? c.nameVi) : c.nameVi,
    description: locale === "en" ? (c.descriptionEn ?? c.descriptionVi) : c.descriptionVi,
    venue: c.venue,
    address: c.address,
    province: provinceByCode(c.provinceCode)?.name ?? c.provinceCode,
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    phase: c.phase,
    registrationOpensAt: c.registrationOpensAt.toISOString(),
    registrationClosesAt: c.registrationClosesAt.toISOString(),
    meetingMinutes: c.meetingMinutes,
    tables: c.tables,
  };
}

/** Buyers and cooperatives at a conference: registering, marking each other, requesting meetings. */
export function conferenceParticipation(kit: MatchingKit, ck: ConferenceKit) {
  const { models, now } = kit;

  /** Registration is open in its window, while the conference takes registrations. */
  function assertRegistrationOpen(c: ConferenceRecord) {
    const t = now().getTime();
    if (
      c.phase !== "registration" ||
      t < c.registrationOpensAt.getTime() ||
      t > c.registrationClosesAt.getTime()
    )
      throw new Conflict("registration_closed");
  }

  async function counterpartOf(me: ParticipantRecord, targetId: number, transaction?: Transaction) {
    const target = await models.ConferenceParticipant.findOne({
      where: { id: targetId, conferenceId: me.conferenceId, status: "registered" },
      transaction,
    });
    // Marks and requests go across: buyers to cooperatives and back, never to one's own side.
    if (!target || target.side === me.side) throw new Invalid({ targetId: { code: "choose_one" } });
    return target;
  }

  /** What each side offers or wants, in a line: a cooperative's active offers, a buyer's open demands. */
  async function interestsOf(participants: ParticipantRecord[]) {
    const coopIds = participants.map((p) => p.cooperativeId).filter((x): x is number => x !== null);
    const userIds = participants.map((p) => p.userId).filter((x): x is number => x !== null);
    const [offers, demands] = await Promise.all([
      coopIds.length
        ? models.Offer.findAll({
            where: { cooperativeId: coopIds, status: "active" },
            attributes: ["cooperativeId", "title"],
            order: [["updatedAt", "DESC"]],
          })
        : [],
      userIds.length
        ? models.Demand.findAll({
            where: { buyerId: userIds, status: "open" },
            attributes: ["buyerId", "title"],
            order: [["updatedAt", "DESC"]],
          })
        : [],
    ]);
    return new Map(
      participants.map((p) => [
        p.id,
        p.side === "cooperative"
          ? offers.filter((o) => o.cooperativeId === p.cooperativeId).map((o) => o.title)
          : demands.filter((d) => d.buyerId === p.userId).map((d) => d.title),
      ]),
    );
  }

  return {
    /** Conferences past the draft, soonest first: what buyers and cooperatives can join or look back at. */
    async listConferences({ locale }: { locale: Locale }) {
      const rows = await models.Conference.findAll({
        where: { phase: { [Op.ne]: "draft" } },
        order: [["startsOn", "DESC"]],
      });
      return rows.map((c) => toConferenceSummary(c, locale));
    },

    /** The conferences held at a fair (past the draft), for the fair's page to point buyers to. */
    async listConferencesOfFair({ fairId, locale }: { fairId: number; locale: Locale }) {
      const rows = await models.Conference.findAll({
        where: { fairId, phase: { [Op.ne]: "draft" } },
        order: [["startsOn", "ASC"]],
      });
      return rows.map((c) => toConferenceSummary(c, locale));
    },

    /** A conference's page: its summary, its slots, and the reader's registration if any. */
    async getConference(user: CurrentUser | null, { slug, locale }: { slug: string; locale: Locale }) {
      const conference = await ck.visibleConference(slug);
      const [slots, participants, me] = await Promise.all([
        models.ConferenceSlot.findAll({
          where: { conferenceId: conference.id },
          order: [["startsAt", "ASC"]],
        }),
        models.ConferenceParticipant.count({
          where: { conferenceId: conference.id, status: "registered" },
          group: ["side"],
        }),
        user && (user.role === "buyer" || user.cooperative?.status === "approved")
          ? ck.participantOf(user, conference)
          : Promise.resolve(null),
      ]);
      const counts = new Map(
        (participants as unknown as Array<{ side: MatchSide; count: number }>).map((r) => [
          r.side,
          Number(r.count),
        ]),
      );
      const t = now().getTime();
      return {
        conference: toConferenceSummary(conference, locale),
        slots: slots.map((s) => ({
          id: s.id,
          startsAt: s.startsAt.toISOString(),
          endsAt: s.endsAt.toISOString(),
        })),
        counts: { buyers: counts.get("buyer") ?? 0, cooperatives: counts.get("cooperative") ?? 0 },
        registrationOpen:
          conference.phase === "registration" &&
          t >= conference.registrationOpensAt.getTime() &&
          t <= conference.registrationClosesAt.getTime(),
        me: me ? { id: me.id, side: me.side, unavailable: slotIds(me.unavailableSlotIds) } : null,
      };
    },

    async registerForConference(user: CurrentUser, { slug }: { slug: string }) {
      const { side, where } = ck.sideOfUser(user);
      await kit.db.transaction(async (transaction) => {
        const conference = await ck.visibleConference(slug, transaction);
        assertRegistrationOpen(conference);
        const existing = await models.ConferenceParticipant.findOne({
          where: { conferenceId: conference.id, ...where },
          transaction,
          lock: transaction.LOCK.UPDATE,
        });
        if (existing?.status === "registered") return;
        if (existing) await existing.update({ status: "registered" }, { transaction });
        else
          // The unique index (conference, user / cooperative) keeps a double click to one row; the retry finds it.
          await models.ConferenceParticipant.create(
            {
              conferenceId: conference.id,
              side,
              userId: side === "buyer" ? user.id : null,
              cooperativeId: side === "cooperative" ? user.cooperative!.id : null,
              maxMeetings: null,
              unavailableSlotIds: "[]",
              status: "registered",
              addedById: user.id,
            },
            { transaction },
          );
      });
    },

    async cancelRegistration(user: CurrentUser, { slug }: { slug: string }) {
      await kit.db.transaction(async (transaction) => {
        const conference = await ck.visibleConference(slug, transaction);
        const me = await ck.requireParticipant(user, conference, transaction);
        // Once the timetable exists, staff take people off it (their meetings need a decision).
        if (!["registration", "preferences_closed"].includes(conference.phase))
          throw new Conflict("registration_closed");
        await me.update({ status: "cancelled" }, { transaction });
        await models.MeetingRequest.update(
          { status: "withdrawn", live: null },
          { where: { status: "pending", [Op.or]: [{ fromId: me.id }, { toId: me.id }] }, transaction },
        );
      });
    },

    /** The slots the participant can attend; the scheduler leaves the others free. */
    async setAvailability(
      user: CurrentUser,
      { slug, form }: { slug: string; form: Record<string, unknown> },
    ) {
      const input = parseOrInvalid(availabilitySchema, form);
      await kit.db.transaction(async (transaction) => {
        const conference = await ck.visibleConference(slug, transaction);
        const me = await ck.requireParticipant(user, conference, transaction);
        if (!["registration", "preferences_closed"].includes(conference.phase))
          throw new Conflict("preferences_closed");
        const known = new Set(
          (await models.ConferenceSlot.findAll({ where: { conferenceId: conference.id }, transaction })).map(
            (s) => s.id,
          ),
        );
        const available = new Set(input.available);
        const away = [...known].filter((id) => !available.has(id)).sort((a, b) => a - b);
        if (away.length === known.size && known.size > 0)
          throw new Invalid({ available: { code: "no_slot_left" } });
        await me.update({ unavailableSlotIds: JSON.stringify(away) }, { transaction });
      });
    },

    /**
     * The other side's participants, each with what they offer or want, the reader's mark on them, and any request
     * between the two. Who marked the reader "not interested" is not said (only that no request is possible).
     */
    async listCounterparts(user: CurrentUser, { slug }: { slug: string }) {
      const conference = await ck.visibleConference(slug);
      const me = await ck.requireParticipant(user, conference);
      const others = await models.ConferenceParticipant.findAll({
        where: {
          conferenceId: conference.id,
          status: "registered",
          side: me.side === "buyer" ? "cooperative" : "buyer",
        },
        order: [["id", "ASC"]],
      });
      const [names, interests, marks, requests] = await Promise.all([
        ck.namesOf(others),
        interestsOf(others),
        models.ConferencePreference.findAll({ where: { participantId: me.id } }),
        models.MeetingRequest.findAll({
          where: { conferenceId: conference.id, [Op.or]: [{ fromId: me.id }, { toId: me.id }] },
          order: [["id", "DESC"]],
        }),
      ]);
      const markOf = new Map(marks.map((m) => [m.targetId, m.level]));
      return {
        me: { id: me.id, side: me.side },
        open: conference.phase === "registration",
        counterparts: others.map((o) => {
          const n = names.get(o.id)!;
          const request = requests.find((r) => r.fromId === o.id || r.toId === o.id);
          return {
            id: o.id,
            side: o.side,
            name: n.name,
            slug: n.slug,
            province: n.provinceCode ? (provinceByCode(n.provinceCode)?.name ?? null) : null,
            interests: interests.get(o.id)!.slice(0, 5),
            mark: (markOf.get(o.id) ?? null) as PreferenceLevel | null,
            request: request
              ? {
                  id: request.id,
                  mine: request.fromId === me.id,
                  status: request.status as MeetingRequestStatus,
                  message: request.message,
                  respondBy: request.respondBy.toISOString(),
                }
              : null,
          };
        }),
      };
    },

    /** Must meet, would meet, not interested, or no mark (level left blank). */
    async setPreference(user: CurrentUser, { slug, form }: { slug: string; form: Record<string, unknown> }) {
      const input = parseOrInvalid(preferenceSchema, form);
      await kit.db.transaction(async (transaction) => {
        const conference = await ck.visibleConference(slug, transaction);
        if (!(OPEN as readonly string[]).includes(conference.phase)) throw new Conflict("preferences_closed");
        const me = await ck.requireParticipant(user, conference, transaction);
        const target = await counterpartOf(me, input.targetId, transaction);
        const key = { participantId: me.id, targetId: target.id };
        const existing = await models.ConferencePreference.findOne({
          where: key,
          transaction,
          lock: transaction.LOCK.UPDATE,
        });
        if (!input.level) await existing?.destroy({ transaction });
        else if (existing) await existing.update({ level: input.level }, { transaction });
        else
          await models.ConferencePreference.create(
            { ...key, conferenceId: conference.id, level: input.level },
            { transaction },
          );
      });
    },

    /**
     * A direct request to meet. It lapses after a few days, or when preferences close, so an unanswered request
     * never holds a slot; either side's "not interested" makes it impossible.
     */
    async requestMeeting(user: CurrentUser, { slug, form }: { slug: string; form: Record<string, unknown> }) {
      const input = parseOrInvalid(meetingRequestSchema, form);
      return kit.db.transaction(async (transaction) => {
        const conference = await ck.visibleConference(slug, transaction);
        if (!(OPEN as readonly string[]).includes(conference.phase)) throw new Conflict("preferences_closed");
        const me = await ck.requireParticipant(user, conference, transaction);
        const target = await counterpartOf(me, input.targetId, transaction);
        const veto = await models.ConferencePreference.count({
          where: {
            level: "not",
            [Op.or]: [
              { participantId: me.id, targetId: target.id },
              { participantId: target.id, targetId: me.id },
            ],
          },
          transaction,
        });
        if (veto) throw new Conflict("meeting_vetoed");
        const either = await models.MeetingRequest.findOne({
          where: {
            live: 1,
            [Op.or]: [
              { fromId: me.id, toId: target.id },
              { fromId: target.id, toId: me.id },
            ],
          },
          transaction,
        });
        if (either) throw new Conflict("meeting_request_exists");
        const respondBy = new Date(
          Math.floor(
            Math.min(
              now().getTime() + MEETING_REQUEST_DAYS * DAY,
              conference.registrationClosesAt.getTime(),
            ) / 1000,
          ) * 1000,
        );
        const request = await models.MeetingRequest.create(
          {
            conferenceId: conference.id,
            fromId: me.id,
            toId: target.id,
            message: input.message ?? null,
            status: "pending",
            respondBy,
            live: 1,
          },
          { transaction },
        ).catch((error: unknown) => {
          // The unique (from, to, live) index: the same request sent twice at once.
          if (error instanceof UniqueConstraintError) throw new Conflict("meeting_request_exists");
          throw error;
        });
        await enqueueJob(
          models,
          transaction,
          EXPIRE_MEETING_REQUEST,
          { requestId: request.id },
          { runAt: respondBy },
        );
        const from = (await ck.namesOf([me], transaction)).get(me.id)?.name ?? "";
        await ck.notifyParticipants(transaction, conference, [target], "conference_meeting_request", () => ({
          from,
          message: input.message ?? "",
          link: `/conferences/${conference.slug}/participants`,
        }));
        return { requestId: request.id };
      });
    },

    /** The receiver accepts or declines; the sender may withdraw. */
    async answerMeetingRequest(
      user: CurrentUser,
      { slug, form }: { slug: string; form: Record<string, unknown> },
    ) {
      const input = parseOrInvalid(requestAnswerSchema, form);
      await kit.db.transaction(async (transaction) => {
        const conference = await ck.visibleConference(slug, transaction);
        const me = await ck.requireParticipant(user, conference, transaction);
        const request = await models.MeetingRequest.findOne({
          where: { id: input.requestId, conferenceId: conference.id },
          transaction,
          lock: transaction.LOCK.UPDATE,
        });
        if (!request || (request.fromId !== me.id && request.toId !== me.id))
          throw new NotFound("meeting_request_not_found");
        const allowed = input.answer === "withdraw" ? request.fromId === me.id : request.toId === me.id;
        if (!allowed) throw new Forbidden();
        if (request.status !== "pending") throw new Conflict("meeting_request_answered");
        if (input.answer === "accept" && !(OPEN as readonly string[]).includes(conference.phase))
          throw new Conflict("preferences_closed");
        const status =
          input.answer === "accept" ? "accepted" : input.answer === "decline" ? "declined" : "withdrawn";
        await request.update({ status, live: status === "accepted" ? 1 : null }, { transaction });
      });
    },

    /** The reader's meetings with times, tables and counterparts: the agenda on the site, in PDF and .ics. */
    async agendaOf(user: CurrentUser, { slug, locale }: { slug: string; locale: Locale }) {
      const conference = await ck.visibleConference(slug);
      const me = await ck.requireParticipant(user, conference);
      const published = conference.phase === "published" || conference.phase === "finished";
      const meetings = published
        ? await models.ConferenceMeeting.findAll({
            where: {
              conferenceId: conference.id,
              publishedAt: { [Op.ne]: null },
              [me.side === "buyer" ? "buyerId" : "cooperativeId"]: me.id,
            },
            include: [{ model: models.ConferenceSlot, as: "slot" }],
          })
        : [];
      const others = await models.ConferenceParticipant.findAll({
        where: { id: meetings.map((m) => (me.side === "buyer" ? m.cooperativeId : m.buyerId)) },
      });
      const [names, interests, outcomes, myName] = await Promise.all([
        ck.namesOf(others),
        interestsOf(others),
        outcomesOf(
          models,
          "meeting",
          meetings.map((m) => m.id),
        ),
        ck.namesOf([me]),
      ]);
      const rows = meetings
        .map((m) => {
          const slot = (m as typeof m & { slot?: { startsAt: Date; endsAt: Date } | null }).slot;
          const otherId = me.side === "buyer" ? m.cooperativeId : m.buyerId;
          const n = names.get(otherId);
          return {
            id: m.id,
            startsAt: slot?.startsAt.toISOString() ?? null,
            endsAt: slot?.endsAt.toISOString() ?? null,
            table: m.tableNo,
            status: m.status,
            counterpart: n?.name ?? "",
            counterpartSlug: n?.slug ?? null,
            counterpartProvince: n?.provinceCode ? (provinceByCode(n.provinceCode)?.name ?? null) : null,
            subject: interests.get(otherId)?.[0] ?? null,
            outcomes: (outcomes.get(m.id) ?? []).filter((o) => o.side === me.side),
          };
        })
        .sort(
          (a, b) => (a.startsAt ?? "").localeCompare(b.startsAt ?? "") || (a.table ?? 0) - (b.table ?? 0),
        );
      return {
        conference: { ...toConferenceSummary(conference, locale), startsOnDate: conference.startsOn },
        me: { id: me.id, side: me.side, name: myName.get(me.id)?.name ?? "" },
        published,
        started: vietnamDay(now()) >= conference.startsOn,
        meetings: rows,
      };
    },

    jobHandlers(): Record<string, JobHandler> {
      return {
        [EXPIRE_MEETING_REQUEST]: async (payload) => {
          await kit.db.transaction(async (transaction) => {
            const request = await models.MeetingRequest.findByPk(Number(payload.requestId), {
              transaction,
              lock: transaction.LOCK.UPDATE,
            });
            if (!request || request.status !== "pending") return;
            await request.update({ status: "expired", live: null }, { transaction });
          });
        },
      };
    },
  };
}

export type ConferenceParticipation = ReturnType<typeof conferenceParticipation>;
