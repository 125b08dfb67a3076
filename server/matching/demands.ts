import { randomBytes } from "node:crypto";
import { Op, type Transaction, type WhereOptions } from "sequelize";
import type { CurrentUser } from "../accounts/current-user";
import type { DemandRecord } from "../db/models/matching";
import { Conflict, NotFound } from "../errors";
import { enqueueJob, type JobHandler } from "../jobs";
import { lifecycle, stateMachine } from "../lifecycle";
import { enqueueNotification } from "../notifications";
import { parseOrInvalid } from "../validation";
import {
  CATEGORIES,
  DEMAND_LIFETIME_DAYS,
  DEMAND_REMINDER_DAYS,
  type DemandStatus,
} from "../vocabulary/domain";
import { formatDate } from "../vocabulary/format";
import type { Locale } from "../vocabulary/locale";
import type { MatchingKit } from "./kit";
import { demandActionSchema, demandBoardQuerySchema, demandSchema, type DemandInput } from "./schemas";
import { toOwnDemand, toPublicDemand } from "./views";

export const REMIND_DEMAND = "demand.remind";
export const EXPIRE_DEMAND = "demand.expire";
export const BOARD_PAGE_SIZE = 20;
const DAY = 86_400_000;

export type DemandAction = "pause" | "resume" | "fulfil" | "close" | "renew" | "expire";
type DemandActor = "buyer" | "staff" | "system";

/**
 * A demand's life: open while the buyer wants it; paused to stop new contacts for a while; fulfilled or closed by
 * the buyer; expired by the clock after DEMAND_LIFETIME_DAYS unless renewed (renewing also revives an expired one).
 */
export const demandMachine = stateMachine<DemandAction, DemandStatus, DemandActor, { status: DemandStatus }>({
  pause: { from: ["open"], to: ["paused"], by: ["buyer", "staff"] },
  resume: { from: ["paused"], to: ["open"], by: ["buyer"] },
  fulfil: { from: ["open", "paused"], to: ["fulfilled"], by: ["buyer"] },
  close: { from: ["open", "paused"], to: ["closed"], by: ["buyer", "staff"] },
  renew: { from: ["open", "paused", "expired"], to: ["open"], by: ["buyer"] },
  expire: { from: ["open", "paused"], to: ["expired"], by: ["system"] },
});

/** Buyers post what they want to buy; everyone may read the open ones on the board, without the buyer's contact. */
export function demandUseCases(kit: MatchingKit) {
  const { models, events, now } = kit;
  const demands = lifecycle(demandMachine, {
    models,
    model: models.Demand,
    name: "demand",
    changedCode: "demand_changed",
    // The audit entry is the demand's timeline; it has no event table of its own.
    recordEvent: async () => {},
  });

  function columns(input: DemandInput) {
    return {
      category: input.category,
      title: input.title,
      description: input.description,
      quantity: input.quantity,
      unit: input.unit,
      frequency: input.frequency,
      priceMinVnd: input.priceMinVnd ?? null,
      priceMaxVnd: input.priceMaxVnd ?? null,
      deliveryProvinceCode: input.deliveryProvinceCode,
      deliveryFrom: input.deliveryFrom ?? null,
      deliveryTo: input.deliveryTo ?? null,
      certifications: JSON.stringify(input.certifications),
      minOcopStars: input.minOcopStars ?? null,
      notes: input.notes ?? null,
      searchText: kit.searchText(input.title, input.description),
    };
  }

  /** The reminder a week before, and the lapse itself: each checks that the demand still ends when it was set to. */
  async function scheduleExpiry(transaction: Transaction, demand: DemandRecord) {
    const expiresAt = demand.expiresAt.toISOString();
    await enqueueJob(
      models,
      transaction,
      REMIND_DEMAND,
      { demandId: demand.id, expiresAt },
      { runAt: new Date(demand.expiresAt.getTime() - DEMAND_REMINDER_DAYS * DAY) },
    );
    await enqueueJob(
      models,
      transaction,
      EXPIRE_DEMAND,
      { demandId: demand.id, expiresAt },
      { runAt: demand.expiresAt },
    );
  }

  /**
   * When a demand posted or renewed now ends, in whole seconds: MySQL's DATETIME keeps no milliseconds (MySQL rounds
   * them, MariaDB cuts them), and the expiry jobs recognise their demand by comparing this instant exactly.
   */
  function lifetimeFromNow() {
    return new Date(Math.floor((now().getTime() + DEMAND_LIFETIME_DAYS * DAY) / 1000) * 1000);
  }

  async function ownDemand(user: CurrentUser, publicId: string, transaction?: Transaction) {
    const buyerId = kit.buyerOf(user);
    const demand = await models.Demand.findOne({
      where: { publicId, buyerId },
      transaction,
      ...(transaction ? { lock: transaction.LOCK.UPDATE } : {}),
    });
    if (!demand) throw new NotFound("demand_not_found");
    return demand;
  }

  return {
    demandLifecycle: demands,

    async postDemand(user: CurrentUser, { form }: { form: Record<string, unknown> }) {
      const buyerId = kit.buyerOf(user);
      const input = parseOrInvalid(demandSchema, form);
      return kit.db.transaction(async (transaction) => {
        const demand = await models.Demand.create(
          {
            ...columns(input),
            publicId: randomBytes(8).toString("base64url").slice(0, 10),
            buyerId,
            organisationId: user.organisation?.id ?? null,
            status: "open",
            expiresAt: lifetimeFromNow(),
            remindedAt: null,
          },
          { transaction },
        );
        await scheduleExpiry(transaction, demand);
        await events.publish(transaction, "demand.changed", { demandId: demand.id });
        return { publicId: demand.publicId };
      });
    },

    async updateDemand(
      user: CurrentUser,
      { publicId, form }: { publicId: string; form: Record<string, unknown> },
    ) {
      const input = parseOrInvalid(demandSchema, form);
      await kit.db.transaction(async (transaction) => {
        const demand = await ownDemand(user, publicId, transaction);
        // An ended demand is history: renew it (or post a new one) rather than rewrite it.
        if (demand.status !== "open" && demand.status !== "paused") throw new Conflict("demand_ended");
        await demand.update(columns(input), { transaction });
        await events.publish(transaction, "demand.changed", { demandId: demand.id });
      });
    },

    async actOnDemand(
      user: CurrentUser,
      { publicId, form }: { publicId: string; form: Record<string, unknown> },
    ) {
      const { action } = parseOrInvalid(demandActionSchema, form);
      return kit.db.transaction(async (transaction) => {
        const demand = await ownDemand(user, publicId, transaction);
        const renewing = action === "renew";
        const expiresAt = lifetimeFromNow();
        const status = await demands.move(transaction, {
          subject: demand,
          action,
          actor: "buyer",
          actorId: user.id,
          changes: renewing ? { expiresAt, remindedAt: null } : {},
        });
        if (renewing) await scheduleExpiry(transaction, demand);
        await events.publish(transaction, "demand.changed", { demandId: demand.id });
        return { status };
      });
    },

    async listOwnDemands(user: CurrentUser, { locale }: { locale: Locale }) {
      const buyerId = kit.buyerOf(user);
      const rows = await models.Demand.findAll({ where: { buyerId }, order: [["createdAt", "DESC"]] });
      return rows.map((d) => toOwnDemand(d, locale, now()));
    },

    async getOwnDemand(user: CurrentUser, { publicId, locale }: { publicId: string; locale: Locale }) {
      return toOwnDemand(await ownDemand(user, publicId), locale, now());
    },

    /** The public board: open demands, newest first, searched by words (marks optional) and filtered. */
    async searchDemandBoard({ query, locale }: { query: Record<string, unknown>; locale: Locale }) {
      const q = parseOrInvalid(demandBoardQuerySchema, query);
      const text = kit.likeTerms(q.q).map((pattern) => ({ searchText: { [Op.like]: pattern } }));
      const base: WhereOptions = { status: "open", ...(text.length ? { [Op.and]: text } : {}) };
      const where = {
        ...base,
        ...(q.category ? { category: q.category } : {}),
        ...(q.province ? { deliveryProvinceCode: q.province } : {}),
      };
      const [{ rows, count }, byCategory, byProvince] = await Promise.all([
        models.Demand.findAndCountAll({
          where,
          include: [{ model: models.Organisation, as: "organisation", attributes: ["kind"] }],
          order: [
            ["createdAt", "DESC"],
            ["id", "DESC"],
          ],
          limit: BOARD_PAGE_SIZE,
          offset: (q.page - 1) * BOARD_PAGE_SIZE,
        }),
        // Facets count over the other filter, so choosing a category still shows every province's count.
        countBy("category", { ...base, ...(q.province ? { deliveryProvinceCode: q.province } : {}) }),
        countBy("deliveryProvinceCode", { ...base, ...(q.category ? { category: q.category } : {}) }),
      ]);
      return {
        query: q,
        total: count,
        page: q.page,
        pages: Math.max(1, Math.ceil(count / BOARD_PAGE_SIZE)),
        hits: rows.map((d) => toPublicDemand(d, locale)),
        facets: {
          category: CATEGORIES.map((c) => ({ value: c, count: byCategory.get(c) ?? 0 })).filter(
            (f) => f.count,
          ),
          province: [...byProvince.entries()].map(([value, count]) => ({ value, count })),
        },
      };
    },

    async getPublicDemand({ publicId, locale }: { publicId: string; locale: Locale }) {
      const demand = await models.Demand.findOne({
        where: { publicId, status: "open" },
        include: [{ model: models.Organisation, as: "organisation", attributes: ["kind"] }],
      });
      if (!demand) throw new NotFound("demand_not_found");
      return toPublicDemand(demand, locale);
    },

    jobHandlers(): Record<string, JobHandler> {
      return {
        [REMIND_DEMAND]: async (payload) => {
          await kit.db.transaction(async (transaction) => {
            const demand = await current(payload, transaction);
            if (!demand || demand.remindedAt || !["open", "paused"].includes(demand.status)) return;
            await demand.update({ remindedAt: now() }, { transaction });
            const buyer = await models.User.findByPk(demand.buyerId, { transaction });
            if (!buyer || buyer.disabledAt) return;
            await enqueueNotification(models, transaction, {
              userId: buyer.id,
              channel: "email",
              recipient: buyer.email,
              template: "demand_expiring",
              params: {
                name: buyer.fullName,
                title: demand.title,
                date: formatDate(demand.expiresAt, buyer.locale),
                link: `/account/demands/${demand.publicId}`,
              },
              locale: buyer.locale,
            });
          });
        },
        [EXPIRE_DEMAND]: async (payload) => {
          await kit.db.transaction(async (transaction) => {
            const demand = await current(payload, transaction);
            if (!demand || !demandMachine.next("expire", demand, "system")) return;
            await demands.move(transaction, {
              subject: demand,
              action: "expire",
              actor: "system",
              actorId: null,
            });
            await events.publish(transaction, "demand.changed", { demandId: demand.id });
          });
        },
      };
    },
  };

  /** The demand a job was scheduled for, if it still ends then (a renewal schedules its own jobs). */
  async function current(payload: Record<string, unknown>, transaction: Transaction) {
    const demand = await models.Demand.findByPk(Number(payload.demandId), {
      transaction,
      lock: transaction.LOCK.UPDATE,
    });
    return demand && demand.expiresAt.toISOString() === payload.expiresAt ? demand : null;
  }

  async function countBy(column: "category" | "deliveryProvinceCode", where: WhereOptions) {
    const rows = (await models.Demand.count({ where, group: [column] })) as unknown as Array<{
      [key: string]: string | number;
      count: number;
    }>;
    return new Map(rows.map((r) => [String(r[column]), Number(r.count)]));
  }
}
