import type { CurrentUser } from "../accounts/current-user";
import { Op } from "sequelize";
import type { Locale } from "../vocabulary/locale";
import { conferenceMachine, phaseOf, slotIds, type ConferenceKit } from "./conference-kit";
import { toConferenceSummary } from "./conference-participation";
import { conferencePairs } from "./conference-schedule";
import type { MatchingKit } from "./kit";

/** What staff read of conferences: the list, and one conference's participants and timetable. */
export function conferenceStaffViews(kit: MatchingKit, ck: ConferenceKit) {
  const { models } = kit;

  return {
    async listConferencesForStaff(user: CurrentUser, { locale }: { locale: Locale }) {
      ck.assertStaff(user);
      const rows = await models.Conference.findAll({ order: [["startsOn", "DESC"]] });
      const counts = (await models.ConferenceParticipant.count({
        where: { conferenceId: rows.map((r) => r.id), status: "registered" },
        group: ["conferenceId"],
      })) as unknown as Array<{ conferenceId: number; count: number }>;
      const by = new Map(counts.map((c) => [Number(c.conferenceId), Number(c.count)]));
      return rows.map((c) => ({
        id: c.id,
        ...toConferenceSummary(c, locale),
        participants: by.get(c.id) ?? 0,
      }));
    },

    /**
     * One conference for its staff page: details, phase buttons, slots, participants with their meeting counts,
     * the timetable as slot × table cells, and how it measures up — pairs asked for and placed, slots used and
     * the lower bound (the most meetings any one person has: no timetable can use fewer slots).
     */
    async getConferenceForStaff(user: CurrentUser, { id, locale }: { id: number; locale: Locale }) {
      ck.assertStaff(user);
      const conference = await ck.conferenceById(id);
      const [slots, participants, meetings, requests, preferences] = await Promise.all([
        models.ConferenceSlot.findAll({ where: { conferenceId: id }, order: [["startsAt", "ASC"]] }),
        models.ConferenceParticipant.findAll({
          where: { conferenceId: id, status: "registered" },
          order: [["id", "ASC"]],
        }),
        models.ConferenceMeeting.findAll({ where: { conferenceId: id, status: { [Op.ne]: "cancelled" } } }),
        models.MeetingRequest.findAll({ where: { conferenceId: id } }),
        models.ConferencePreference.findAll({ where: { conferenceId: id } }),
      ]);
      const names = await ck.namesOf(participants);
      const countOf = new Map<number, number>();
      for (const m of meetings) {
        countOf.set(m.buyerId, (countOf.get(m.buyerId) ?? 0) + 1);
        countOf.set(m.cooperativeId, (countOf.get(m.cooperativeId) ?? 0) + 1);
      }
      // Pairs asked for: the scheduler's tiers 0 and 1 (accepted requests, mutual marks), vetoes removed.
      const wanted = new Set(
        conferencePairs(
          participants,
          preferences,
          requests.filter((r) => r.status === "accepted"),
        )
          .list()
          .filter((p) => p.tier <= 1)
          .map((p) => `${p.buyerId}:${p.cooperativeId}`),
      );
      const met = new Set(meetings.map((m) => `${m.buyerId}:${m.cooperativeId}`));
      const unplaced = [...wanted]
        .filter((k) => !met.has(k))
        .map((k) => {
          const [b, c] = k.split(":").map(Number) as [number, number];
          return {
            buyer: names.get(b)?.name ?? "",
            cooperative: names.get(c)?.name ?? "",
            buyerId: b,
            cooperativeId: c,
          };
        });
      const busy = meetings.filter((m) => m.busySlotId !== null);
      return {
        id: conference.id,
        conference: toConferenceSummary(conference, locale),
        form: {
          nameVi: conference.nameVi,
          nameEn: conference.nameEn,
          descriptionVi: conference.descriptionVi,
          descriptionEn: conference.descriptionEn,
          fairId: conference.fairId,
          venue: conference.venue,
          address: conference.address,
          provinceCode: conference.provinceCode,
          startsOn: conference.startsOn,
          endsOn: conference.endsOn,
          meetingMinutes: conference.meetingMinutes,
          tables: conference.tables,
          maxMeetings: conference.maxMeetings,
          registrationOpensAt: conference.registrationOpensAt.toISOString(),
          registrationClosesAt: conference.registrationClosesAt.toISOString(),
        },
        actions: conferenceMachine.available(phaseOf(conference), "staff"),
        slots: slots.map((s) => ({
          id: s.id,
          startsAt: s.startsAt.toISOString(),
          endsAt: s.endsAt.toISOString(),
        })),
        participants: participants.map((p) => ({
          id: p.id,
          side: p.side,
          name: names.get(p.id)?.name ?? "",
          email: names.get(p.id)?.email ?? null,
          meetings: countOf.get(p.id) ?? 0,
          maxMeetings: p.maxMeetings ?? conference.maxMeetings,
          unavailable: slotIds(p.unavailableSlotIds).length,
        })),
        meetings: meetings.map((m) => ({
          id: m.id,
          slotId: m.busySlotId,
          table: m.tableNo,
          buyerId: m.buyerId,
          cooperativeId: m.cooperativeId,
          buyer: names.get(m.buyerId)?.name ?? "",
          cooperative: names.get(m.cooperativeId)?.name ?? "",
          status: m.status,
          tier: m.tier,
          published: m.publishedAt !== null,
        })),
        stats: {
          requested: wanted.size,
          placed: wanted.size - unplaced.length,
          meetings: busy.length,
          slotsUsed: new Set(busy.map((m) => m.busySlotId)).size,
          lowerBound: Math.max(
            0,
            ...countOf.values(),
            conference.tables ? Math.ceil(busy.length / conference.tables) : 0,
          ),
          held: meetings.filter((m) => m.status === "held").length,
          noShow: meetings.filter((m) => m.status === "no_show").length,
        },
        unplaced,
      };
    },
  };
}
