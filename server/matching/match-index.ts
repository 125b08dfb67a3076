import { Op, type Transaction } from "sequelize";
import type { CurrentUser } from "../accounts/current-user";
import type { DemandRecord, OfferRecord } from "../db/models/matching";
import { Forbidden } from "../errors";
import { enqueueJob, type JobHandler } from "../jobs";
import { MATCHES_PER_DEMAND, MIN_MATCH_SCORE } from "../vocabulary/domain";
import { parseList, type MatchingKit } from "./kit";
import { scoreMatch, type MatchScore } from "./scoring";

export const RECOMPUTE_ALL_MATCHES = "matches.recompute_all";

/** Candidates read for one demand before scoring: the same category, or an offer naming a word of its title. */
const CANDIDATES = 300;

type Candidate = OfferRecord & {
  cooperative?: { provinceCode: string; status: string; name: string; slug: string };
};

/**
 * The ranked offers of every open demand, kept in the `matches` table and recomputed by the subscribers of
 * demand, offer, product and cooperative changes (server/context.ts) — never in the request that made the
 * change. Candidates come from structured filters (category, title words); scoring ranks them.
 */
export function matchIndex(kit: MatchingKit) {
  const { models } = kit;

  async function candidatesFor(demand: DemandRecord, transaction: Transaction): Promise<Candidate[]> {
    const words = kit.likeTerms(demand.title).slice(0, 4);
    return (await models.Offer.findAll({
      where: {
        status: "active",
        [Op.or]: [{ category: demand.category }, ...words.map((w) => ({ searchText: { [Op.like]: w } }))],
      },
      // Only approved cooperatives' offers; their province is where distance is measured from.
      include: [
        {
          model: models.Cooperative,
          as: "cooperative",
          where: { status: "approved" },
          attributes: ["provinceCode", "status", "name", "slug"],
        },
      ],
      order: [["updatedAt", "DESC"]],
      limit: CANDIDATES,
      transaction,
    })) as Candidate[];
  }

  async function rank(
    demand: DemandRecord,
    transaction: Transaction,
  ): Promise<Array<[Candidate, MatchScore]>> {
    const offers = await candidatesFor(demand, transaction);
    const productIds = offers.map((o) => o.productId).filter((id): id is number => id !== null);
    const products = await kit.catalogue.productsByIds([...new Set(productIds)], "vi");
    const wanted = {
      ...demand.get({ plain: true }),
      certifications: parseList(demand.certifications),
    };
    return offers
      .map((o): [Candidate, MatchScore] => {
        const product = o.productId === null ? undefined : products.get(o.productId);
        return [
          o,
          scoreMatch(wanted, {
            category: o.category,
            title: o.title,
            description: o.description,
            productName: product?.nameVi ?? null,
            quantity: o.quantity,
            unit: o.unit,
            period: o.period,
            priceMinVnd: o.priceMinVnd,
            priceMaxVnd: o.priceMaxVnd,
            seasonMonths: o.seasonMonths ? o.seasonMonths.split(",").map(Number) : [],
            certifications: parseList(o.certifications),
            ocopStars: product?.ocopStars ?? null,
            provinceCode: o.cooperative?.provinceCode ?? "",
          }),
        ];
      })
      .filter(([, s]) => s.total >= MIN_MATCH_SCORE)
      .sort((a, b) => b[1].total - a[1].total || b[0].id - a[0].id)
      .slice(0, MATCHES_PER_DEMAND);
  }

  /** Re-rank one demand's offers, writing rows by difference: an unchanged match keeps its id and creation time. */
  async function recomputeDemand(demandId: number) {
    await kit.db.transaction(async (transaction) => {
      const demand = await models.Demand.findByPk(demandId, { transaction, lock: transaction.LOCK.UPDATE });
      if (!demand) return;
      const ranked = demand.status === "open" ? await rank(demand, transaction) : [];
      const existing = new Map(
        (await models.Match.findAll({ where: { demandId }, transaction })).map((m) => [m.offerId, m]),
      );
      const computedAt = kit.now();
      for (const [offer, score] of ranked) {
        const values = { score: score.total, criteria: JSON.stringify(score.criteria), computedAt };
        const match = existing.get(offer.id);
        if (match) await match.update(values, { transaction });
        else
          await models.Match.create(
            {
              ...values,
              demandId,
              offerId: offer.id,
              cooperativeId: offer.cooperativeId,
              buyerId: demand.buyerId,
            },
            { transaction },
          );
        existing.delete(offer.id);
      }
      // What no longer ranks is dropped while it is only a suggestion.
      const gone = [...existing.values()].filter((m) => m.status === "suggested").map((m) => m.id);
      if (gone.length) await models.Match.destroy({ where: { id: gone }, transaction });
    });
  }

  /** Open demands an offer could answer: of its category, or naming a word of its title. */
  async function demandsFor(offers: OfferRecord[]) {
    if (offers.length === 0) return [];
    const categories = [...new Set(offers.map((o) => o.category))];
    const rows = await models.Demand.findAll({
      where: { status: "open", category: categories },
      attributes: ["id"],
      limit: 2000,
    });
    const already = await models.Match.findAll({
      where: { offerId: offers.map((o) => o.id) },
      attributes: ["demandId"],
    });
    return [...new Set([...rows.map((d) => d.id), ...already.map((m) => m.demandId)])];
  }

  async function recomputeOffers(where: Record<string, unknown>) {
    const offers = await models.Offer.findAll({ where });
    for (const demandId of await demandsFor(offers)) await recomputeDemand(demandId);
  }

  return {
    recomputeDemand,
    recomputeOffer: (offerId: number) => recomputeOffers({ id: offerId }),
    recomputeProduct: (productId: number) => recomputeOffers({ productId }),
    recomputeCooperative: (cooperativeId: number) => recomputeOffers({ cooperativeId }),

    /**
     * Staff: every open demand again (after a change of weights, say). Queued, not run in the request: ten
     * thousand demands take a while; the answer says how many are on their way.
     */
    async recomputeAllMatches(user: CurrentUser) {
      if (user.role !== "staff") throw new Forbidden();
      return kit.db.transaction(async (transaction) => {
        const demands = await models.Demand.count({ where: { status: "open" }, transaction });
        await enqueueJob(models, transaction, RECOMPUTE_ALL_MATCHES, { by: user.id });
        return { demands };
      });
    },

    /** The jobs' side of it. */
    matchIndexJobs(): Record<string, JobHandler> {
      return {
        [RECOMPUTE_ALL_MATCHES]: async () => {
          const demands = await models.Demand.findAll({ where: { status: "open" }, attributes: ["id"] });
          for (const d of demands) await recomputeDemand(d.id);
        },
      };
    },
  };
}
