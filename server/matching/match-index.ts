import type { Transaction } from "sequelize";
import type { CurrentUser } from "../accounts/current-user";
import type { ProductFacts } from "../catalogue/product-lookup";
import type { DemandRecord, MatchRecord, OfferRecord } from "../db/models/matching";
import { Forbidden } from "../errors";
import { enqueueJob, type JobHandler } from "../jobs";
import { MATCHES_PER_DEMAND, MIN_MATCH_SCORE } from "../vocabulary/domain";
import { parseList, type MatchingKit } from "./kit";
import { candidateSearch, type CandidateRef, type CandidateSource } from "./candidates";
import { scoreMatch, type DemandSide, type MatchScore, type OfferSide } from "./scoring";

export const RECOMPUTE_ALL_MATCHES = "matches.recompute_all";

/** Demands recomputed on one Reading before a fresh one: products read early in a long run do not last. */
const READING_SPAN = 2000;
/** Demands whose matches are written in one transaction by a recompute of many. */
const WRITE_BATCH = 100;

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

/**
 * What ranking reads from, and has read: kept across the demands of one run (every open demand; a changed
 * offer's demands) so that the candidates, offers and products most of them share are not read again for each.
 * An offer's columns are reused only while its updated_at is the one its candidate search found (to the second
 * on MySQL, whose DATETIME keeps no more); the rest for READING_SPAN demands at most: their changes are
 * followed by a recompute of their own.
 */
interface Reading {
  source: CandidateSource;
  offers: Map<number, { stamp: number; offer: ScoredOffer; side?: OfferSide }>;
  products: Map<number, ProductFacts | null>;
}
const newReading = (source: CandidateSource): Reading => ({ source, offers: new Map(), products: new Map() });

/** A demand as scoring reads it. */
export function demandSide(demand: DemandRecord): DemandSide {
  return { ...demand.get({ plain: true }), certifications: parseList(demand.certifications) };
}

/** An offer as scoring reads it, with its linked product (if any) and where its cooperative is. */
export function offerSide(
  offer: ScoredOffer,
  product: ProductFacts | null | undefined,
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

  const { databaseSource, runSource, candidatesFor, refreshTerms } = candidateSearch(kit);

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
    const products = await kit.catalogue.productFacts(unread);
    for (const id of unread) reading.products.set(id, products.get(id) ?? null);
  }

  type Ranking = { candidates: number; ranked: Array<[ScoredOffer, MatchScore]> };

  /**
   * Each demand's best offers with their scores. The demands' candidates are searched together, and the offers
   * and products `reading` lacks are read once for all of them: a recompute of many asks a handful of queries
   * a batch rather than a handful a demand.
   */
  async function rank(
    demands: DemandRecord[],
    reading: Reading,
    transaction?: Transaction,
  ): Promise<Map<number, Ranking>> {
    const candidates = await candidatesFor(demands, reading.source);
    const refs = [...candidates.values()].flat();
    // Offers and their products at once: the candidate search already says which products they link.
    await Promise.all([
      readOffers(refs, reading, transaction),
      readProducts(
        refs.map((r) => r.productId),
        reading,
      ),
    ]);
    // An offer relinked between the two reads names a product not read yet.
    await readProducts(
      refs.map((r) => reading.offers.get(r.id)?.offer.productId ?? null),
      reading,
    );
    const rankings = new Map<number, Ranking>();
    for (const demand of demands) {
      const offers = (candidates.get(demand.id) ?? []).flatMap((r) => {
        const read = reading.offers.get(r.id);
        return read ? [{ read, provinceCode: r.provinceCode }] : [];
      });
      const wanted = demandSide(demand);
      const ranked = offers
        .map(({ read, provinceCode }): [ScoredOffer, MatchScore] => {
          const { offer } = read;
          // The side is kept with the offer it was made of, so scoring reads its words once in a run.
          if (read.side?.provinceCode !== provinceCode) {
            const product = offer.productId === null ? null : reading.products.get(offer.productId);
            read.side = offerSide(offer, product, provinceCode);
          }
          return [offer, scoreMatch(wanted, read.side)];
        })
        .filter(([, s]) => s.total >= MIN_MATCH_SCORE)
        .sort((a, b) => b[1].total - a[1].total || b[0].id - a[0].id)
        .slice(0, MATCHES_PER_DEMAND);
      rankings.set(demand.id, { candidates: offers.length, ranked });
    }
    return rankings;
  }

  /**
   * Re-rank these demands' offers (a batch: one transaction), writing rows by difference: an unchanged match
   * keeps its id and creation time. The rankings are read before the transaction, so the write lock (all of
   * SQLite; the demands' rows on MySQL, taken in id order) is held for the writes only; a demand changed in
   * between is ranked again under it.
   */
  async function recomputeBatch(demandIds: readonly number[], reading: Reading) {
    await writeBatch(demandIds, await rankBatch(demandIds, reading));
  }

  /** The first half of recomputeBatch: the rankings, and the state of each demand they were made for. */
  async function rankBatch(demandIds: readonly number[], reading: Reading) {
    const read = await models.Demand.findAll({ where: { id: [...demandIds] } });
    const rankings = await rank(
      read.filter((d) => d.status === "open"),
      reading,
    );
    const stamps = new Map(read.map((d) => [d.id, `${d.status} ${d.updatedAt.getTime()}`]));
    return { rankings, stamps };
  }

  /** The second half: the rankings written, each demand under its lock, re-ranked there if it changed since. */
  async function writeBatch(
    demandIds: readonly number[],
    { rankings: early, stamps }: Awaited<ReturnType<typeof rankBatch>>,
  ) {
    await kit.db.transaction(async (transaction) => {
      const demands = await models.Demand.findAll({
        where: { id: [...demandIds] },
        order: [["id", "ASC"]],
        transaction,
        lock: transaction.LOCK.UPDATE,
      });
      const existing = new Map<number, Map<number, MatchRecord>>();
      for (const m of await models.Match.findAll({ where: { demandId: [...demandIds] }, transaction })) {
        const own = existing.get(m.demandId) ?? existing.set(m.demandId, new Map()).get(m.demandId)!;
        own.set(m.offerId, m);
      }
      const computedAt = kit.now();
      const created = [];
      // Rows whose score and reasons stay as they were are only stamped, all in one statement.
      const restamped: number[] = [];
      const gone: number[] = [];
      for (const demand of demands) {
        const ranked =
          stamps.get(demand.id) === `${demand.status} ${demand.updatedAt.getTime()}`
            ? (early.get(demand.id)?.ranked ?? [])
            : demand.status === "open"
              ? ((await rank([demand], newReading(databaseSource(transaction)), transaction)).get(demand.id)
                  ?.ranked ?? [])
              : [];
        const own = existing.get(demand.id) ?? new Map<number, MatchRecord>();
        for (const [offer, score] of ranked) {
          const values = { score: score.total, criteria: JSON.stringify(score.criteria), computedAt };
          const match = own.get(offer.id);
          own.delete(offer.id);
          if (!match)
            created.push({
              ...values,
              demandId: demand.id,
              offerId: offer.id,
              cooperativeId: offer.cooperativeId,
              buyerId: demand.buyerId,
            });
          else if (match.score === values.score && match.criteria === values.criteria)
            restamped.push(match.id);
          else await match.update(values, { transaction });
        }
        // What no longer ranks is dropped while it is only a suggestion.
        for (const m of own.values()) if (m.status === "suggested") gone.push(m.id);
      }
      if (created.length > 0) await models.Match.bulkCreate(created, { transaction });
      if (restamped.length > 0)
        await models.Match.update({ computedAt }, { where: { id: restamped }, transaction });
      if (gone.length > 0) await models.Match.destroy({ where: { id: gone }, transaction });
    });
  }

  /**
   * Demands in batches of WRITE_BATCH, sharing what was read, renewed every READING_SPAN demands. One batch is
   * ranked while the one before is written: the database works on the writes (SQLite in its own thread, MySQL
   * on its server) while this process reads and scores, so on two cores the two halves overlap.
   */
  async function recomputeEach(demandIds: readonly number[]) {
    let reading = newReading(runSource());
    let writing: Promise<void> = Promise.resolve();
    try {
      for (let from = 0; from < demandIds.length; from += WRITE_BATCH) {
        if (from > 0 && from % READING_SPAN === 0) reading = newReading(runSource());
        const batch = demandIds.slice(from, from + WRITE_BATCH);
        const ranked = await rankBatch(batch, reading);
        await writing;
        writing = writeBatch(batch, ranked);
        // Handled here so that a failure while the next batch is ranked is no unhandled rejection; awaited above.
        writing.catch(() => {});
      }
    } finally {
      // A failed ranking still lets the write under way finish (and report its own failure) before it is thrown.
      await writing;
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
    await refreshTerms(offers);
    await recomputeEach(await demandsFor(offers));
  }

  return {
    recomputeDemand: (demandId: number) => recomputeBatch([demandId], newReading(databaseSource())),
    /** These demands one after the other, as recomputing every open demand does (and the benchmark times). */
    recomputeDemands: recomputeEach,

    /**
     * What recomputeDemand would rank first for an open demand, read outside a transaction, written nowhere:
     * the benchmark times candidate search and scoring through it (tests/bench/matching.ts).
     */
    async topMatches(demandId: number, limit = MATCHES_PER_DEMAND) {
      const demand = await models.Demand.findByPk(demandId);
      if (!demand || demand.status !== "open") return { candidates: 0, matches: [] };
      const { candidates, ranked } = (await rank([demand], newReading(databaseSource()))).get(demand.id)!;
      return {
        candidates,
        matches: ranked.slice(0, limit).map(([offer, score]) => ({ offerId: offer.id, score: score.total })),
      };
    },
    /** The terms of offers written without their change event (the benchmark's bulk inserts). */
    async reindexOfferTerms(offerIds: number[]) {
      await refreshTerms(await models.Offer.findAll({ where: { id: offerIds } }));
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
