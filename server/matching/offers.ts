import type { CurrentUser } from "../accounts/current-user";
import { NotFound, Invalid } from "../errors";
import { lifecycle, stateMachine } from "../lifecycle";
import { parseOrInvalid } from "../validation";
import type { OfferStatus } from "../vocabulary/domain";
import type { Locale } from "../vocabulary/locale";
import type { Transaction } from "sequelize";
import type { MatchingKit } from "./kit";
import { offerActionSchema, offerSchema, type OfferInput } from "./schemas";
import { toOfferView, type OfferView } from "./views";
import type { OfferRecord } from "../db/models/matching";

export type OfferAction = "pause" | "resume" | "close";
type OfferActor = "cooperative" | "staff";

/** An offer is active while the cooperative can supply it, paused for a while, or closed for good. */
export const offerMachine = stateMachine<OfferAction, OfferStatus, OfferActor, { status: OfferStatus }>({
  pause: { from: ["active"], to: ["paused"], by: ["cooperative", "staff"] },
  resume: { from: ["paused"], to: ["active"], by: ["cooperative"] },
  close: { from: ["active", "paused"], to: ["closed"], by: ["cooperative", "staff"] },
});

/** Cooperatives offer what they can supply over a period; buyers see the active offers on their profiles. */
export function offerUseCases(kit: MatchingKit) {
  const { models, events } = kit;
  const offers = lifecycle(offerMachine, {
    models,
    model: models.Offer,
    name: "offer",
    changedCode: "offer_changed",
    recordEvent: async () => {},
  });

  async function columns(cooperativeId: number, input: OfferInput, transaction: Transaction) {
    if (input.productId !== undefined) {
      const own = await kit.catalogue.ownActiveProductIds(cooperativeId, [input.productId], transaction);
      if (own.length === 0) throw new Invalid({ productId: { code: "choose_one" } });
    }
    return {
      productId: input.productId ?? null,
      category: input.category,
      title: input.title,
      description: input.description,
      quantity: input.quantity,
      unit: input.unit,
      period: input.period,
      priceMinVnd: input.priceMinVnd ?? null,
      priceMaxVnd: input.priceMaxVnd ?? null,
      seasonMonths: [...new Set(input.seasonMonths)].sort((a, b) => a - b).join(","),
      certifications: JSON.stringify(input.certifications),
      searchText: kit.searchText(input.title, input.description),
    };
  }

  async function ownOffer(user: CurrentUser, id: number, transaction: Transaction) {
    const cooperativeId = kit.cooperativeOf(user);
    const offer = await models.Offer.findOne({
      where: { id, cooperativeId },
      transaction,
      lock: transaction.LOCK.UPDATE,
    });
    if (!offer) throw new NotFound("offer_not_found");
    return offer;
  }

  async function views(rows: OfferRecord[], locale: Locale): Promise<OfferView[]> {
    const ids = [...new Set(rows.map((o) => o.productId).filter((id): id is number => id !== null))];
    const products = await kit.catalogue.productsByIds(ids, locale);
    return rows.map((o) => {
      const p = o.productId === null ? undefined : products.get(o.productId);
      return toOfferView(o, p ? { id: p.id, slug: p.slug, name: p.name } : null);
    });
  }

  return {
    offerLifecycle: offers,

    async postOffer(user: CurrentUser, { form }: { form: Record<string, unknown> }) {
      const cooperativeId = kit.cooperativeOf(user);
      const input = parseOrInvalid(offerSchema, form);
      return kit.db.transaction(async (transaction) => {
        const offer = await models.Offer.create(
          { ...(await columns(cooperativeId, input, transaction)), cooperativeId, status: "active" },
          { transaction },
        );
        await events.publish(transaction, "offer.changed", { offerId: offer.id });
        return { id: offer.id };
      });
    },

    async updateOffer(user: CurrentUser, { id, form }: { id: number; form: Record<string, unknown> }) {
      const input = parseOrInvalid(offerSchema, form);
      await kit.db.transaction(async (transaction) => {
        const offer = await ownOffer(user, id, transaction);
        if (offer.status === "closed") throw new NotFound("offer_not_found");
        await offer.update(await columns(offer.cooperativeId, input, transaction), { transaction });
        await events.publish(transaction, "offer.changed", { offerId: offer.id });
      });
    },

    async actOnOffer(user: CurrentUser, { id, form }: { id: number; form: Record<string, unknown> }) {
      const { action } = parseOrInvalid(offerActionSchema, form);
      return kit.db.transaction(async (transaction) => {
        const offer = await ownOffer(user, id, transaction);
        const status = await offers.move(transaction, {
          subject: offer,
          action,
          actor: "cooperative",
          actorId: user.id,
        });
        await events.publish(transaction, "offer.changed", { offerId: offer.id });
        return { status };
      });
    },

    /** The cooperative's own offers, closed ones last. */
    async listOwnOffers(user: CurrentUser, { locale }: { locale: Locale }) {
      const cooperativeId = kit.cooperativeOf(user);
      const rows = await models.Offer.findAll({ where: { cooperativeId }, order: [["updatedAt", "DESC"]] });
      const rank = { active: 0, paused: 1, closed: 2 } as const;
      return (await views(rows, locale)).sort((a, b) => rank[a.status] - rank[b.status]);
    },

    /** What a cooperative offers now, for its public profile. */
    async listCooperativeOffers({ cooperativeId, locale }: { cooperativeId: number; locale: Locale }) {
      const rows = await models.Offer.findAll({
        where: { cooperativeId, status: "active" },
        order: [["updatedAt", "DESC"]],
      });
      return views(rows, locale);
    },
  };
}
