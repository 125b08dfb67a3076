import type { Transaction } from "sequelize";
import type { CurrentUser } from "../accounts/current-user";
import type { ConferenceRecord, ParticipantRecord } from "../db/models/conferences";
import { cooperativeContacts } from "../cooperatives";
import { Forbidden, NotFound } from "../errors";
import { enqueueNotification } from "../notifications";
import { TransitionRefused, stateMachine } from "../lifecycle";
import type { ConferencePhase, MatchSide } from "../vocabulary/domain";
import type { Locale } from "../vocabulary/locale";
import type { MatchingKit } from "./kit";

export type ConferenceAction =
  "open_registration" | "close_preferences" | "reopen_preferences" | "schedule" | "publish" | "finish";

/**
 * A conference's phases. Scheduling may run again while the timetable is provisional (staff adjust and
 * regenerate); once published, meetings are fixed and late additions are placed around them.
 */
export const conferenceMachine = stateMachine<
  ConferenceAction,
  ConferencePhase,
  "staff",
  { status: ConferencePhase }
>({
  open_registration: { from: ["draft"], to: ["registration"], by: ["staff"] },
  close_preferences: { from: ["registration"], to: ["preferences_closed"], by: ["staff"] },
  reopen_preferences: { from: ["preferences_closed", "provisional"], to: ["registration"], by: ["staff"] },
  // From "published" it places late additions around the fixed meetings, and stays published.
  schedule: {
    from: ["preferences_closed", "provisional", "published"],
    to: ["provisional", "published"],
    by: ["staff"],
  },
  publish: { from: ["provisional"], to: ["published"], by: ["staff"] },
  finish: { from: ["published"], to: ["finished"], by: ["staff"] },
});

/** Where a conference is, against its machine (its column is `phase`, the machine reads `status`). */
export const phaseOf = (c: { phase: ConferencePhase }) => ({ status: c.phase });

/** What the conference use cases share: loading, who acts as which participant, phase checks. */
export function conferenceKit(kit: MatchingKit) {
  const { models } = kit;

  function assertStaff(user: CurrentUser) {
    if (user.role !== "staff") throw new Forbidden();
  }

  async function conferenceById(id: number, transaction?: Transaction, lock = false) {
    const conference = await models.Conference.findByPk(id, {
      transaction,
      ...(lock && transaction ? { lock: transaction.LOCK.UPDATE } : {}),
    });
    if (!conference) throw new NotFound("conference_not_found");
    return conference;
  }

  /** Public pages see a conference once registration has opened; drafts are staff's. */
  async function visibleConference(slug: string, transaction?: Transaction) {
    const conference = await models.Conference.findOne({ where: { slug }, transaction });
    if (!conference || conference.phase === "draft") throw new NotFound("conference_not_found");
    return conference;
  }

  /** The side a user takes at conferences: a buyer as themself, a cooperative member for their cooperative. */
  function sideOfUser(user: CurrentUser): { side: MatchSide; where: Record<string, number> } {
    if (user.role === "buyer") return { side: "buyer", where: { userId: user.id } };
    if (user.role === "cooperative")
      return { side: "cooperative", where: { cooperativeId: kit.cooperativeOf(user) } };
    throw new Forbidden("conference_participants_only");
  }

  /** The user's registration at a conference, or null. */
  async function participantOf(user: CurrentUser, conference: ConferenceRecord, transaction?: Transaction) {
    const { where } = sideOfUser(user);
    return models.ConferenceParticipant.findOne({
      where: { conferenceId: conference.id, status: "registered", ...where },
      transaction,
    });
  }

  async function requireParticipant(
    user: CurrentUser,
    conference: ConferenceRecord,
    transaction?: Transaction,
  ) {
    const p = await participantOf(user, conference, transaction);
    if (!p) throw new Forbidden("not_registered");
    return p;
  }

  /** Refuse unless the conference is in one of these phases (a form from an older page, say). */
  function assertPhase(conference: ConferenceRecord, phases: ConferencePhase[], action: string) {
    if (!phases.includes(conference.phase)) throw new TransitionRefused(conference.phase, action);
  }

  /** Participants' display names: a buyer's organisation or name, a cooperative's name. */
  async function namesOf(participants: ParticipantRecord[], transaction?: Transaction) {
    const userIds = participants.map((p) => p.userId).filter((x): x is number => x !== null);
    const coopIds = participants.map((p) => p.cooperativeId).filter((x): x is number => x !== null);
    const [users, coops] = await Promise.all([
      userIds.length
        ? models.User.findAll({
            where: { id: userIds },
            include: [{ model: models.Organisation, as: "organisation" }],
            transaction,
          })
        : [],
      coopIds.length ? models.Cooperative.findAll({ where: { id: coopIds }, transaction }) : [],
    ]);
    const byUser = new Map(users.map((u) => [u.id, u]));
    const byCoop = new Map(coops.map((c) => [c.id, c]));
    return new Map(
      participants.map((p) => {
        if (p.side === "buyer") {
          const u = byUser.get(p.userId ?? 0) as
            | (InstanceType<typeof models.User> & {
                organisation?: { name: string; provinceCode: string | null } | null;
              })
            | undefined;
          return [
            p.id,
            {
              name: u?.organisation?.name ?? u?.fullName ?? "",
              person: u?.fullName ?? "",
              email: u?.email ?? null,
              locale: (u?.locale ?? "vi") as Locale,
              provinceCode: u?.organisation?.provinceCode ?? null,
              slug: null as string | null,
            },
          ];
        }
        const c = byCoop.get(p.cooperativeId ?? 0);
        return [
          p.id,
          {
            name: c?.name ?? "",
            person: c?.representative ?? "",
            email: c?.email ?? null,
            locale: "vi" as Locale,
            provinceCode: c?.provinceCode ?? null,
            slug: c?.slug ?? null,
          },
        ];
      }),
    );
  }

  /**
   * Who hears of a participant's meetings, each in their language: a buyer themself; a cooperative at its
   * address, else its owners (as orders reach it).
   */
  async function recipientsOf(participants: ParticipantRecord[], transaction?: Transaction) {
    const coopIds = participants.map((p) => p.cooperativeId).filter((x): x is number => x !== null);
    const [contacts, users] = await Promise.all([
      cooperativeContacts(kit.db, coopIds, transaction),
      models.User.findAll({
        where: { id: participants.map((p) => p.userId).filter((x): x is number => x !== null) },
        transaction,
      }),
    ]);
    return new Map(
      participants.map((p) => [
        p.id,
        p.side === "cooperative"
          ? (contacts.get(p.cooperativeId ?? 0)?.recipients ?? [])
          : users
              .filter((u) => u.id === p.userId && !u.disabledAt)
              .map((u) => ({ userId: u.id as number | null, email: u.email, locale: u.locale as Locale })),
      ]),
    );
  }

  /**
   * One notification per person each participant is reached at, in their language; `params` gets the locale
   * and the participant (a meeting's counterpart differs for each side). The conference's name comes along.
   */
  async function notifyParticipants(
    transaction: Transaction,
    conference: ConferenceRecord,
    participants: ParticipantRecord[],
    template: string,
    params: (locale: Locale, participant: ParticipantRecord) => Record<string, string | number>,
  ) {
    const recipients = await recipientsOf(participants, transaction);
    for (const p of participants)
      for (const r of recipients.get(p.id) ?? [])
        await enqueueNotification(models, transaction, {
          userId: r.userId,
          channel: "email",
          recipient: r.email,
          template,
          locale: r.locale,
          params: {
            conference: r.locale === "en" ? (conference.nameEn ?? conference.nameVi) : conference.nameVi,
            ...params(r.locale, p),
          },
        });
  }

  return {
    notifyParticipants,
    assertStaff,
    conferenceById,
    visibleConference,
    sideOfUser,
    participantOf,
    requireParticipant,
    assertPhase,
    namesOf,
  };
}

export type ConferenceKit = ReturnType<typeof conferenceKit>;

/** A JSON list of slot ids. */
export const slotIds = (json: string): number[] => {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.filter((x): x is number => Number.isInteger(x)) : [];
  } catch {
    return [];
  }
};
