import { Op, type Transaction } from "sequelize";
import type { CurrentUser } from "../accounts/current-user";
import { cooperativeContacts, notifyCooperativeContacts } from "../cooperatives";
import type { MatchRecord } from "../db/models/matching";
import { Conflict, NotFound, RateLimited } from "../errors";
import { enqueueJob, type JobHandler } from "../jobs";
import { lifecycle, stateMachine } from "../lifecycle";
import { emailUser } from "../notifications";
import { parseOrInvalid } from "../validation";
import { vietnamDay } from "../vocabulary/dates";
import {
  FOLLOW_UP_DAYS,
  MATCH_REQUEST_DAYS,
  MATCH_REQUESTS_PER_DAY,
  type MatchSide,
  type MatchStatus,
} from "../vocabulary/domain";
import type { MatchingKit } from "./kit";
import { recordContactOutcome } from "./outcomes";
import { matchActionSchema, outcomeSchema } from "./schemas";

export const EXPIRE_MATCH_REQUEST = "match.expire_request";
export const ASK_MATCH_FOLLOW_UP = "match.ask_follow_up";
const DAY = 86_400_000;

export type MatchAction = "request" | "accept" | "decline" | "withdraw" | "dismiss" | "expire";
type MatchActor = MatchSide | "system";
type MatchRules = { status: MatchStatus; requestedBy: MatchSide | null };

/**
 * A match's contact flow. Either side sends interest with a message; only the other side answers it; the sender
 * may withdraw it; unanswered, it lapses after MATCH_REQUEST_DAYS so it never blocks anyone. After a lapse or a
 * withdrawal either side may try again. A suggestion either side dismisses is not offered again.
 */
export const matchMachine = stateMachine<MatchAction, MatchStatus, MatchActor, MatchRules>(
  {
    request: { from: ["suggested", "expired", "withdrawn"], to: ["requested"], by: ["buyer", "cooperative"] },
    accept: { from: ["requested"], to: ["connected"], by: ["buyer", "cooperative"] },
    decline: { from: ["requested"], to: ["declined"], by: ["buyer", "cooperative"] },
    withdraw: { from: ["requested"], to: ["withdrawn"], by: ["buyer", "cooperative"] },
    dismiss: { from: ["suggested"], to: ["dismissed"], by: ["buyer", "cooperative"] },
    expire: { from: ["requested"], to: ["expired"], by: ["system"] },
  },
  (action, match, actor) => {
    if (action === "accept" || action === "decline") return match.requestedBy !== actor;
    if (action === "withdraw") return match.requestedBy === actor;
    return true;
  },
);

/** The side a user takes on a match, "staff" for the union's staff, or null when the match is none of theirs. */
export function sideOf(user: CurrentUser, match: { buyerId: number; cooperativeId: number }) {
  if (user.role === "staff") return "staff" as const;
  if (user.role === "buyer" && user.id === match.buyerId) return "buyer" as const;
  if (user.cooperative?.status === "approved" && user.cooperative.id === match.cooperativeId)
    return "cooperative" as const;
  return null;
}

/** Interest, answers, the thread and the outcome ladder of a match. Only its two parties (and staff) see it. */
export function matchContactUseCases(kit: MatchingKit) {
  const { models, now } = kit;
  const matches = lifecycle(matchMachine, {
    models,
    model: models.Match,
    name: "match",
    changedCode: "match_changed",
    // The thread and the match's own columns are its timeline; the audit log keeps who moved it.
    recordEvent: async () => {},
  });

  /** The match with its demand and offer, if the user may see it: otherwise it does not exist for them. */
  async function visibleMatch(user: CurrentUser, matchId: number, transaction?: Transaction) {
    const match = await models.Match.findByPk(matchId, {
      transaction,
      ...(transaction ? { lock: transaction.LOCK.UPDATE } : {}),
    });
    const side = match ? sideOf(user, match) : null;
    if (!match || !side) throw new NotFound("match_not_found");
    return { match, side };
  }

  /** A party acting on its match; staff read threads but do not speak for either side. */
  async function partyMatch(user: CurrentUser, matchId: number, transaction: Transaction) {
    const { match, side } = await visibleMatch(user, matchId, transaction);
    if (side === "staff") throw new Conflict("staff_cannot_act_for_party");
    return { match, side };
  }

  /** Whoever is on the other side, in their language, with the name they know the sender by. */
  async function notifySide(
    transaction: Transaction,
    match: MatchRecord,
    to: MatchSide,
    template: string,
    params: Record<string, string>,
  ) {
    const [demand, offer] = await Promise.all([
      models.Demand.findByPk(match.demandId, { transaction }),
      models.Offer.findByPk(match.offerId, { transaction }),
    ]);
    const link = `/matches/${match.id}`;
    const common = { demand: demand?.title ?? "", offer: offer?.title ?? "", link, ...params };
    if (to === "buyer") {
      const buyer = await models.User.findByPk(match.buyerId, { transaction });
      if (!buyer || buyer.disabledAt) return;
      await emailUser(models, transaction, buyer, template, () => common);
    } else {
      const contact = (await cooperativeContacts(kit.db, [match.cooperativeId], transaction)).get(
        match.cooperativeId,
      );
      await notifyCooperativeContacts(models, transaction, contact, template, () => common);
    }
  }

  const otherSide = (side: MatchSide): MatchSide => (side === "buyer" ? "cooperative" : "buyer");

  /** Names the sender by: the cooperative's name, or "a buyer" (whose name stays private until connected). */
  function senderName(side: MatchSide, user: CurrentUser) {
    if (side === "cooperative") return user.cooperative?.name ?? "";
    return user.organisation?.name ?? user.fullName;
  }

  /**
   * Counted under a lock on the cooperative's row, so requests sent at once from two tabs cannot both pass the
   * check at the cap: the second waits for the first's commit and counts it.
   */
  async function assertUnderDailyCap(transaction: Transaction, cooperativeId: number) {
    await models.Cooperative.findByPk(cooperativeId, { transaction, lock: transaction.LOCK.UPDATE });
    const midnight = new Date(Date.parse(`${vietnamDay(now())}T00:00:00+07:00`));
    const sent = await models.Match.count({
      where: { cooperativeId, requestedBy: "cooperative", requestedAt: { [Op.gte]: midnight } },
      transaction,
    });
    if (sent >= MATCH_REQUESTS_PER_DAY) {
      const tomorrow = midnight.getTime() + DAY;
      throw new RateLimited("match_requests_per_day", Math.ceil((tomorrow - now().getTime()) / 1000));
    }
  }

  async function addMessage(
    transaction: Transaction,
    match: MatchRecord,
    side: MatchSide,
    user: CurrentUser,
    body: string,
  ) {
    await models.MatchMessage.create({ matchId: match.id, authorId: user.id, side, body }, { transaction });
  }

  /** In whole seconds: MySQL DATETIME keeps none, and the expiry job recognises its request by this instant. */
  const wholeSeconds = (ms: number) => new Date(Math.floor(ms / 1000) * 1000);

  return {
    matchLifecycle: matches,

    /** One form of a match's page: interest, answer, withdrawal, dismissal, or a message in the thread. */
    async actOnMatch(
      user: CurrentUser,
      { matchId, form }: { matchId: number; form: Record<string, unknown> },
    ) {
      const input = parseOrInvalid(matchActionSchema, form);
      return kit.db.transaction(async (transaction) => {
        const { match, side } = await partyMatch(user, matchId, transaction);
        const at = now();
        switch (input.intent) {
          case "request": {
            // First, before any plain read: on MySQL a transaction's snapshot is taken at its first non-locking
            // read, and a count read from a snapshot older than the lock would miss the requests committed
            // while this one waited for it.
            if (side === "cooperative") await assertUnderDailyCap(transaction, match.cooperativeId);
            const [demand, offer] = await Promise.all([
              models.Demand.findByPk(match.demandId, { transaction }),
              models.Offer.findByPk(match.offerId, { transaction }),
            ]);
            // A paused demand or offer takes no new contacts; what is already under way goes on.
            if (demand?.status !== "open" || offer?.status !== "active") throw new Conflict("match_not_open");
            const requestedAt = wholeSeconds(at.getTime());
            const respondBy = new Date(requestedAt.getTime() + MATCH_REQUEST_DAYS * DAY);
            await matches.move(transaction, {
              subject: match,
              action: "request",
              actor: side,
              actorId: user.id,
              changes: { requestedBy: side, requestedAt, respondBy, respondedAt: null, declineReason: null },
            });
            await addMessage(transaction, match, side, user, input.message);
            await enqueueJob(
              models,
              transaction,
              EXPIRE_MATCH_REQUEST,
              { matchId: match.id, requestedAt: requestedAt.toISOString() },
              { runAt: respondBy },
            );
            await notifySide(transaction, match, otherSide(side), "match_interest", {
              from: senderName(side, user),
              message: input.message,
            });
            break;
          }
          case "accept":
          case "decline": {
            const accepting = input.intent === "accept";
            const followUpAt = accepting ? wholeSeconds(at.getTime() + FOLLOW_UP_DAYS * DAY) : null;
            await matches.move(transaction, {
              subject: match,
              action: input.intent,
              actor: side,
              actorId: user.id,
              changes: {
                respondedAt: at,
                declineReason: accepting ? null : input.reason,
                followUpAt,
              },
            });
            if (input.message) await addMessage(transaction, match, side, user, input.message);
            if (followUpAt)
              await enqueueJob(
                models,
                transaction,
                ASK_MATCH_FOLLOW_UP,
                { matchId: match.id },
                { runAt: followUpAt },
              );
            await notifySide(
              transaction,
              match,
              otherSide(side),
              accepting ? "match_accepted" : "match_declined",
              { from: senderName(side, user) },
            );
            break;
          }
          case "withdraw":
          case "dismiss":
            await matches.move(transaction, {
              subject: match,
              action: input.intent,
              actor: side,
              actorId: user.id,
            });
            break;
          case "message": {
            // Writing is for contacts under way: a request's first words, then the connected pair's thread.
            if (match.status !== "connected") throw new Conflict("match_not_connected");
            await addMessage(transaction, match, side, user, input.body);
            await notifySide(transaction, match, otherSide(side), "match_message", {
              from: senderName(side, user),
              message: input.body.slice(0, 500),
            });
            break;
          }
        }
        return { status: match.status as MatchStatus };
      });
    },

    /** Record (or correct) one side's outcome of a connected match, for one stage of the ladder. */
    async recordMatchOutcome(
      user: CurrentUser,
      { matchId, form }: { matchId: number; form: Record<string, unknown> },
    ) {
      const input = parseOrInvalid(outcomeSchema, form);
      await kit.db.transaction(async (transaction) => {
        const { match, side } = await partyMatch(user, matchId, transaction);
        if (match.status !== "connected") throw new Conflict("match_not_connected");
        await recordContactOutcome(models, transaction, {
          subjectType: "match",
          subjectId: match.id,
          side,
          recordedBy: user.id,
          ...input,
        });
      });
    },

    jobHandlers(): Record<string, JobHandler> {
      return {
        [EXPIRE_MATCH_REQUEST]: async (payload) => {
          await kit.db.transaction(async (transaction) => {
            const match = await models.Match.findByPk(Number(payload.matchId), {
              transaction,
              lock: transaction.LOCK.UPDATE,
            });
            // A request sent again later schedules its own lapse; this one only ends the request it was made for.
            if (!match || match.requestedAt?.toISOString() !== payload.requestedAt) return;
            if (!matchMachine.next("expire", match, "system")) return;
            await matches.move(transaction, {
              subject: match,
              action: "expire",
              actor: "system",
              actorId: null,
            });
            await notifySide(transaction, match, match.requestedBy!, "match_expired", {});
          });
        },
        [ASK_MATCH_FOLLOW_UP]: async (payload) => {
          await kit.db.transaction(async (transaction) => {
            const match = await models.Match.findByPk(Number(payload.matchId), { transaction });
            if (!match || match.status !== "connected") return;
            const answered = new Set(
              (
                await models.ContactOutcome.findAll({
                  where: { subjectType: "match", subjectId: match.id, stage: "follow_up" },
                  transaction,
                })
              ).map((o) => o.side),
            );
            for (const side of ["buyer", "cooperative"] as const)
              if (!answered.has(side)) await notifySide(transaction, match, side, "match_follow_up", {});
          });
        },
      };
    },
  };
}
