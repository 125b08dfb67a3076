import { Op, type Transaction } from "sequelize";
import type { CurrentUser } from "../accounts/current-user";
import { recordAudit } from "../audit";
import type { ConferenceRecord } from "../db/models/conferences";
import { freeSlug } from "../db/slugs";
import { Conflict, Invalid, NotFound } from "../errors";
import { parseOrInvalid } from "../validation";
import { conferenceMachine, phaseOf, type ConferenceAction, type ConferenceKit } from "./conference-kit";
import {
  addParticipantSchema,
  conferenceSchema,
  slotRunSchema,
  type ConferenceInput,
} from "./conference-schemas";
import type { ConferenceScheduling } from "./conference-schedule";
import type { MatchingKit } from "./kit";

function columns(input: ConferenceInput) {
  return {
    nameVi: input.nameVi,
    nameEn: input.nameEn ?? null,
    descriptionVi: input.descriptionVi,
    descriptionEn: input.descriptionEn ?? null,
    fairId: input.fairId ?? null,
    venue: input.venue,
    address: input.address ?? null,
    provinceCode: input.provinceCode,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    meetingMinutes: input.meetingMinutes,
    tables: input.tables,
    maxMeetings: input.maxMeetings,
    registrationOpensAt: input.registrationOpensAt,
    registrationClosesAt: input.registrationClosesAt,
  };
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const at = (day: string, minutes: number) =>
  new Date(
    `${day}T${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}:00+07:00`,
  );

/** How staff set a conference up: details, slots, participants, phases. */
export function conferenceSetup(kit: MatchingKit, ck: ConferenceKit, scheduling: ConferenceScheduling) {
  const { models } = kit;

  async function audit(
    transaction: Transaction,
    user: CurrentUser,
    action: string,
    c: ConferenceRecord,
    data = {},
  ) {
    await recordAudit(models, transaction, {
      actorId: user.id,
      action: `conference.${action}`,
      entityType: "conference",
      entityId: c.id,
      data,
    });
  }

  return {
    async createConference(user: CurrentUser, { form }: { form: Record<string, unknown> }) {
      ck.assertStaff(user);
      const input = parseOrInvalid(conferenceSchema, form);
      return kit.db.transaction(async (transaction) => {
        if (input.fairId && !(await models.Fair.findByPk(input.fairId, { transaction })))
          throw new Invalid({ fairId: { code: "choose_one" } });
        const slug = await freeSlug(models.Conference, transaction, input.nameVi, "hoi-nghi");
        const conference = await models.Conference.create(
          { ...columns(input), slug, phase: "draft", createdById: user.id },
          { transaction },
        );
        await audit(transaction, user, "created", conference);
        return { id: conference.id, slug };
      });
    },

    async updateConference(user: CurrentUser, { id, form }: { id: number; form: Record<string, unknown> }) {
      ck.assertStaff(user);
      const input = parseOrInvalid(conferenceSchema, form);
      await kit.db.transaction(async (transaction) => {
        const conference = await ck.conferenceById(id, transaction, true);
        if (conference.phase === "finished") throw new Conflict("conference_finished");
        // Meetings are cut to the meeting length: changing it under a timetable would leave them misfitting.
        if (conference.meetingMinutes !== input.meetingMinutes) {
          const slots = await models.ConferenceSlot.count({ where: { conferenceId: id }, transaction });
          if (slots) throw new Invalid({ meetingMinutes: { code: "slots_exist" } });
        }
        if (input.tables < conference.tables) {
          const beyond = await models.ConferenceMeeting.count({
            where: { conferenceId: id, busySlotId: { [Op.ne]: null }, tableNo: { [Op.gt]: input.tables } },
            transaction,
          });
          if (beyond) throw new Invalid({ tables: { code: "tables_in_use", params: { count: beyond } } });
        }
        await conference.update(columns(input), { transaction });
        await audit(transaction, user, "updated", conference);
      });
    },

    /** A phase change; scheduling has its own use case (it builds the timetable). */
    async moveConference(user: CurrentUser, { id, action }: { id: number; action: ConferenceAction }) {
      ck.assertStaff(user);
      if (action === "schedule") return scheduling.generateSchedule(user, { id });
      return kit.db.transaction(async (transaction) => {
        const conference = await ck.conferenceById(id, transaction, true);
        const phase = conferenceMachine.assert(action, phaseOf(conference), "staff");
        if (action === "open_registration") {
          const slots = await models.ConferenceSlot.count({ where: { conferenceId: id }, transaction });
          if (!slots) throw new Conflict("conference_needs_slots");
        }
        if (action === "publish") await scheduling.publishMeetings(transaction, conference);
        await conference.update({ phase }, { transaction });
        await audit(transaction, user, action, conference, { phase });
        return { phase };
      });
    },

    /** Slots for one day from a start to an end, each as long as a meeting, leaving out a break. */
    async addSlots(user: CurrentUser, { id, form }: { id: number; form: Record<string, unknown> }) {
      ck.assertStaff(user);
      const input = parseOrInvalid(slotRunSchema, form);
      return kit.db.transaction(async (transaction) => {
        const conference = await ck.conferenceById(id, transaction, true);
        if (input.day < conference.startsOn || input.day > conference.endsOn)
          throw new Invalid({ day: { code: "day_outside_conference" } });
        if (conference.phase === "finished") throw new Conflict("conference_finished");
        const length = conference.meetingMinutes;
        const breakFrom = input.breakFrom ? minutesOf(input.breakFrom) : null;
        const breakTo = input.breakTo ? minutesOf(input.breakTo) : null;
        const wanted: Array<{ startsAt: Date; endsAt: Date }> = [];
        for (let m = minutesOf(input.from); m + length <= minutesOf(input.to);) {
          if (breakFrom !== null && breakTo !== null && m < breakTo && m + length > breakFrom) {
            m = breakTo;
            continue;
          }
          wanted.push({ startsAt: at(input.day, m), endsAt: at(input.day, m + length) });
          m += length;
        }
        if (wanted.length === 0) throw new Invalid({ to: { code: "no_slot_fits" } });
        const existing = await models.ConferenceSlot.findAll({ where: { conferenceId: id }, transaction });
        const overlaps = wanted.filter((w) =>
          existing.some((e) => w.startsAt < e.endsAt && e.startsAt < w.endsAt),
        );
        if (overlaps.length) throw new Invalid({ from: { code: "slots_overlap" } });
        await models.ConferenceSlot.bulkCreate(
          wanted.map((w) => ({ ...w, conferenceId: id })),
          { transaction },
        );
        await audit(transaction, user, "slots_added", conference, { count: wanted.length });
        return { added: wanted.length };
      });
    },

    /**
     * Take a slot out of the timetable. Its meetings are never dropped silently: each moves to another slot free
     * for both people and a table, or, where none is, is cancelled with both sides told (once published).
     */
    async deleteSlot(user: CurrentUser, { id, slotId }: { id: number; slotId: number }) {
      ck.assertStaff(user);
      return kit.db.transaction(async (transaction) => {
        const conference = await ck.conferenceById(id, transaction, true);
        if (conference.phase === "finished") throw new Conflict("conference_finished");
        const slot = await models.ConferenceSlot.findOne({
          where: { id: slotId, conferenceId: id },
          transaction,
        });
        if (!slot) throw new NotFound("slot_not_found");
        const outcome = await scheduling.evacuateSlot(transaction, conference, slot, user);
        await slot.destroy({ transaction });
        await audit(transaction, user, "slot_deleted", conference, { ...outcome, startsAt: slot.startsAt });
        return outcome;
      });
    },

    /** Staff add a buyer (by email) or a cooperative (by its address on the site, or its exact name). */
    async addParticipant(user: CurrentUser, { id, form }: { id: number; form: Record<string, unknown> }) {
      ck.assertStaff(user);
      const input = parseOrInvalid(addParticipantSchema, form);
      return kit.db.transaction(async (transaction) => {
        const conference = await ck.conferenceById(id, transaction, true);
        if (conference.phase === "finished") throw new Conflict("conference_finished");
        const who = input.who.trim();
        const slug = who.replace(/^.*\/cooperatives\//, "").replace(/[/?#].*$/, "");
        const buyer = who.includes("@")
          ? await models.User.findOne({ where: { email: who.toLowerCase(), role: "buyer" }, transaction })
          : null;
        const cooperative = buyer
          ? null
          : await models.Cooperative.findOne({
              where: { status: "approved", [Op.or]: [{ slug }, { name: who }] },
              transaction,
            });
        if (!buyer && !cooperative) throw new Invalid({ who: { code: "participant_unknown" } });
        const where = buyer ? { userId: buyer.id } : { cooperativeId: cooperative!.id };
        const existing = await models.ConferenceParticipant.findOne({
          where: { conferenceId: id, ...where },
          transaction,
        });
        if (existing?.status === "registered") throw new Invalid({ who: { code: "participant_already" } });
        const values = {
          status: "registered" as const,
          maxMeetings: input.maxMeetings ?? null,
          addedById: user.id,
        };
        const participant = existing
          ? await existing.update(values, { transaction })
          : await models.ConferenceParticipant.create(
              {
                conferenceId: id,
                side: buyer ? "buyer" : "cooperative",
                userId: buyer?.id ?? null,
                cooperativeId: cooperative?.id ?? null,
                unavailableSlotIds: "[]",
                ...values,
              },
              { transaction },
            );
        await audit(transaction, user, "participant_added", conference, { participantId: participant.id });
        return { participantId: participant.id };
      });
    },
  };
}
