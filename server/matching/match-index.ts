import { Op, type Transaction } from "sequelize";
import type { CurrentUser } from "../accounts/current-user";
import type { LookedUpProduct } from "../catalogue/product-lookup";
import type { DemandRecord, OfferRecord } from "../db/models/matching";
import { Forbidden } from "../errors";
import { enqueueJob, type JobHandler } from "../jobs";
import { MATCHES_PER_DEMAND, MIN_MATCH_SCORE } from "../vocabulary/domain";
import { parseList, type MatchingKit } from "./kit";
import { scoreMatch, type DemandSide, type MatchScore, type OfferSide } from "./scoring";

export const RECOMPUTE_ALL_MATCHES = "matches.recompute_all";

/** Candidates read for one demand before scoring: the same category, or an offer naming a word of its title. */
const CANDIDATES = 300;
/** Offers read at a time: a few spare, so one or two of a cooperative not approved need no second read. */
const PAGE = CANDIDATES + 30;
/** Demands recomputed on one Reading before a fresh one: products read early in a long run do not last. */
const READING_SPAN = 1000;

/** The offer columns scoring and the matches table read (not the search text: 700 characters SQL reads). */
export const SCORED_OFFER_COLUMNS = [
  "id",
  "cooperativeId",
  "productId",
  "category",
  "title",
  "description",
  "quantity",
  "unit",
  "period",
  "priceMinVnd",
  "priceMaxVnd",
  "seasonMonths",
  "certifications",
] as const;
export type ScoredOffer = Pick<OfferRecord, (typeof SCORED_OFFER_COLUMNS)[number]>;

/** An offer found for a demand, before its columns are read. */
interface OfferRef {
  id: number;
  updatedAt: Date;
  productId: number | null;
  cooperativeId: number;
}
/** …of an approved cooperative, in this province. */
type CandidateRef = OfferRef & { provinceCode: string };

/**
 * What ranking has read, kept across the demands of one run (every open demand; a changed offer's demands)
 * so that the offers and products most of them share are not read again for each. An offer is reused only
 * while its updated_at is the one its candidate search just found (to the second on MySQL, whose DATETIME
 * keeps no more); products for READING_SPAN demands at most: their changes are followed by a recompute.
 */
interface Reading {
  offers: Map<number, { stamp: number; offer: ScoredOffer }>;
  products: Map<number, LookedUpProduct | null>;
}
const newReading = (): Reading => ({ offers: new Map(), products: new Map() });

/** A demand as scoring reads it. */
export function demandSide(demand: DemandRecord): DemandSide {
  return { ...demand.get({ plain: true }), certifications: parseList(demand.certifications) };
}

/** An offer as scoring reads it, with its linked product (if any) and where its cooperative is. */
export function offerSide(
  offer: ScoredOffer,
  product: Pick<LookedUpProduct, "nameVi" | "ocopStars"> | null | undefined,
  provinceCode: string,
): OfferSide {
  return {
    category: offer.category,
    title: offer.title,
    description: offer.description,
    productName: product?.nameVi ?? null,
    quantity: offer.quantity,
    unit: offer.unit,
    period: offer.period,
    priceMinVnd: offer.priceMinVnd,
    priceMaxVnd: offer.priceMaxVnd,
    seasonMonths: offer.seasonMonths ? offer.seasonMonths.split(",").map(Number) : [],
    certifications: parseList(offer.certifications),
    ocopStars: product?.ocopStars ?? null,
    provinceCode,
  };
}

/** A raw offer row as its model reads it: money getters do not run on raw rows (mysql2 may give text). */
function scoredOffer(row: ScoredOffer): ScoredOffer {
  const money = (v: number | string | null) => (v === null ? null : Number(v));
  return { ...row, priceMinVnd: money(row.priceMinVnd), priceMaxVnd: money(row.priceMaxVnd) };
}

/**
 * The ranked offers of every open demand, kept in the `matches` table and recomputed by the subscribers of
 * demand, offer, product and cooperative changes (server/context.ts) — never in the request that made the
 * change. Candidates come from structured filters (category, title words); scoring ranks them.
 */
export function matchIndex(kit: MatchingKit) {
  const { models } = kit;

  /**
   * The CANDIDATES most recently updated active offers of approved cooperatives that are of the demand's
   * category or name a word of its title (newest first, ties by id), with the cooperative's province, where
   * distance is measured from. Read newest first through (status, updated_at), the scan stops at CANDIDATES:
   * with a category a tenth of the offers, a few thousand rows at most, where ordering the matches of
   * `category = ? OR search_text LIKE '%w%'` read and sorted them all. The cooperatives are looked up after:
   * joined in SQL, MariaDB starts from the approved cooperatives and sorts all their offers. A page that
   * loses offers to cooperatives not approved (rare: a pending one cannot post) is followed by the next.
   * Raw rows, as no model instance is worth building for four columns; SQLite's driver then gives dates as
   * text, read as Sequelize's own SQLite date parser reads them (new Date).
   */
  async function candidatesFor(demand: DemandRecord, transaction?: Transaction): Promise<CandidateRef[]> {
    const words = kit.likeTerms(demand.title).slice(0, 4);
    const cooperatives = new Map<number, { status: string; provinceCode: string }>();
    const found: CandidateRef[] = [];
    for (let after: OfferRef | undefined; ;) {
      const rows = (
        (await models.Offer.findAll({
          where: {
            [Op.and]: [
              { status: "active" },
              {
                [Op.or]: [
                  { category: demand.category },
                  ...words.map((w) => ({ searchText: { [Op.like]: w } })),
                ],
              },
              ...(after
                ? [
                    {
                      [Op.or]: [
                        { updatedAt: { [Op.lt]: after.updatedAt } },
                        { updatedAt: after.updatedAt, id: { [Op.lt]: after.id } },
                      ],
                    },
                  ]
                : []),
            ],
          },
          attributes: ["id", "updatedAt", "productId", "cooperativeId"],
          order: [
            ["updatedAt", "DESC"],
            ["id", "DESC"],
          ],
          limit: PAGE,
          raw: true,
          transaction,
        })) as unknown as Array<Omit<OfferRef, "updatedAt"> & { updatedAt: Date | string }>
      ).map((r): OfferRef => ({ ...r, updatedAt: new Date(r.updatedAt) }));
      const unknown = [...new Set(rows.map((r) => r.cooperativeId))].filter((id) => !cooperatives.has(id));
      if (unknown.length > 0) {
        const read = await models.Cooperative.findAll({
          where: { id: unknown },
          attributes: ["id", "status", "provinceCode"],
          raw: true,
          transaction,
        });
        for (const c of read) cooperatives.set(c.id, c);
      }
      for (const r of rows) {
        const cooperative = cooperatives.get(r.cooperativeId);
        if (cooperative?.status === "approved") found.push({ ...r, provinceCode: cooperative.provinceCode });
      }
      if (found.length >= CANDIDATES || rows.length < PAGE) return found.slice(0, CANDIDATES);
      after = rows[rows.length - 1];
    }
  }

  /** Reads into `reading` the offers it lacks or holds at another updated_at. */
  async function readOffers(refs: CandidateRef[], reading: Reading, transaction?: Transaction) {
    const stamps = new Map(
      refs
        .filter((r) => reading.offers.get(r.id)?.stamp !== r.updatedAt.getTime())
        .map((r) => [r.id, r.updatedAt.getTime()]),
    );
    if (stamps.size === 0) return;
    const rows = (await models.Offer.findAll({
      where: { id: [...stamps.keys()] },
      attributes: [...SCORED_OFFER_COLUMNS],
      raw: true,
      transaction,
    })) as unknown as ScoredOffer[];
    for (const row of rows)
      reading.offers.set(row.id, { stamp: stamps.get(row.id)!, offer: scoredOffer(row) });
  }

  /** Reads into `reading` the products it lacks (null: no such product any more). */
  async function readProducts(ids: Array<number | null>, reading: Reading) {
    const unread = [...new Set(ids)].filter((id): id is number => id !== null && !reading.products.has(id));
    if (unread.length === 0) return;
    const products = await kit.catalogue.productsByIds(unread, "vi");
    for (const id of unread) reading.products.set(id, products.get(id) ?? null);
  }

  /** The demand's best offers with their scores, reading only the offers and products `reading` lacks. */
  async function rank(
    demand: DemandRecord,
    reading: Reading,
    transaction?: Transaction,
  ): Promise<{ candidates: number; ranked: Array<[ScoredOffer, MatchScore]> }> {
    const refs = await candidatesFor(demand, transaction);
    // Offers and their products at once: the candidate search already says which products they link.
    await Promise.all([
      readOffers(refs, reading, transaction),
      readProducts(
        refs.map((r) => r.productId),
        reading,
      ),
    ]);
    const offers = refs.flatMap((r) => {
      const offer = reading.offers.get(r.id)?.offer;
      return offer ? [{ offer, provinceCode: r.provinceCode }] : [];
    });
    // An offer relinked between the two reads names a product not read yet.
    await readProducts(
      offers.map(({ offer }) => offer.productId),
      reading,
    );
    const wanted = demandSide(demand);
    const ranked = offers
      .map(({ offer, provinceCode }): [ScoredOffer, MatchScore] => {
        const product = offer.productId === null ? null : reading.products.get(offer.productId);
        return [offer, scoreMatch(wanted, offerSide(offer, product, provinceCode))];
      })
      .filter(([, s]) => s.total >= MIN_MATCH_SCORE)
      .sort((a, b) => b[1].total - a[1].total || b[0].id - a[0].id)
      .slice(0, MATCHES_PER_DEMAND);
    return { candidates: offers.length, ranked };
  }

  /**
   * Re-rank one demand's offers, writing rows by difference: an unchanged match keeps its id and creation
   * time. The ranking is read before the transaction, so the write lock (all of SQLite; the demand's row
   * on MySQL) is held for the writes only; should the demand change in between, it is ranked again under it.
   */
  async function recompute(demandId: number, reading: Reading) {
    const read = await models.Demand.findByPk(demandId);
    if (!read) return;
    const ranking = read.status === "open" ? (await rank(read, reading)).ranked : [];
    await kit.db.transaction(async (transaction) => {
      const demand = await models.Demand.findByPk(demandId, { transaction, lock: transaction.LOCK.UPDATE });
      if (!demand) return;
      const unchanged =
        demand.status === read.status && demand.updatedAt.getTime() === read.updatedAt.getTime();
      const ranked = unchanged
        ? ranking
        : demand.status === "open"
          ? (await rank(demand, newReading(), transaction)).ranked
          : [];
      const existing = new Map(
        (await models.Match.findAll({ where: { demandId }, transaction })).map((m) => [m.offerId, m]),
      );
      const computedAt = kit.now();
      const created = [];
      // Rows whose score and reasons stay as they were are only stamped, all in one statement.
      const restamped: number[] = [];
      for (const [offer, score] of ranked) {
        const values = { score: score.total, criteria: JSON.stringify(score.criteria), computedAt };
        const match = existing.get(offer.id);
        existing.delete(offer.id);
        if (!match)
          created.push({
            ...values,
            demandId,
            offerId: offer.id,
            cooperativeId: offer.cooperativeId,
            buyerId: demand.buyerId,
          });
        else if (match.score === values.score && match.criteria === values.criteria) restamped.push(match.id);
        else await match.update(values, { transaction });
      }
      if (created.length > 0) await models.Match.bulkCreate(created, { transaction });
      if (restamped.length > 0)
        await models.Match.update({ computedAt }, { where: { id: restamped }, transaction });
      // What no longer ranks is dropped while it is only a suggestion.
      const gone = [...existing.values()].filter((m) => m.status === "suggested").map((m) => m.id);
      if (gone.length) await models.Match.destroy({ where: { id: gone }, transaction });
    });
  }

  /** Each demand in turn, sharing what was read, renewed every READING_SPAN demands. */
  async function recomputeEach(demandIds: number[]) {
    let reading = newReading();
    for (const [i, demandId] of demandIds.entries()) {
      if (i > 0 && i % READING_SPAN === 0) reading = newReading();
      await recompute(demandId, reading);
    }
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
    await recomputeEach(await demandsFor(offers));
  }

  return {
    recomputeDemand: (demandId: number) => recompute(demandId, newReading()),
    /** These demands one after the other, as recomputing every open demand does (and the benchmark times). */
    recomputeDemands: recomputeEach,

    /**
     * What recomputeDemand would rank first for an open demand, read outside a transaction, written nowhere:
     * the benchmark times candidate search and scoring through it (tests/bench/matching.ts).
     */
    async topMatches(demandId: number, limit = MATCHES_PER_DEMAND) {
      const demand = await models.Demand.findByPk(demandId);
      if (!demand || demand.status !== "open") return { candidates: 0, matches: [] };
      const { candidates, ranked } = await rank(demand, newReading());
      return {
        candidates,
        matches: ranked.slice(0, limit).map(([offer, score]) => ({ offerId: offer.id, score: score.total })),
      };
    },
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
          await recomputeEach(demands.map((d) => d.id));
        },
      };
    },
  };
}
