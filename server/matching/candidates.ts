import { QueryTypes, type Transaction } from "sequelize";
import type { DemandRecord, OfferRecord } from "../db/models/matching";
import type { MatchingKit } from "./kit";
import { offerTerms, productWords } from "../vocabulary/product-words";

/**
 * Candidates scored for one demand: the offers sharing the most of its title's product words (ties: the newest
 * offer), and beside them the most recently updated of its category, so a demand worded unlike any offer still
 * meets what its category has. Never all pairs: scoring is a few microseconds a pair, reading rows the cost.
 */
export const TEXT_CANDIDATES = 160;
export const CATEGORY_CANDIDATES = 80;
/** Title words a candidate search looks up: the first few, as buyers name the product first. */
const SEARCH_TERMS = 8;

/** An offer found for a demand, before its columns are read. */
export interface OfferRef {
  id: number;
  updatedAt: Date;
  productId: number | null;
  cooperativeId: number;
}
/** …of an approved cooperative, in this province (distance is measured from there). */
export type CandidateRef = OfferRef & { provinceCode: string };

/**
 * Where candidates are read from. The database answers each question as it is asked; a run over many demands
 * (recomputing every open demand) keeps what it read — each term's offers, each category's newest, each offer's
 * and cooperative's state — and answers the same questions from memory. Both give the same candidates for the
 * same rows; a run's memory is as old as the run (see READING_SPAN in match-index.ts), and any change it missed
 * has its own change event, which recomputes the demands it touches.
 */
export interface CandidateSource {
  /** Read ahead what byTerms will be asked about for a batch of demands (one query instead of one each). */
  prepare?(terms: readonly string[]): Promise<void>;
  /** Offers holding the most of these terms, most first, then the highest id; active ones and a few stale. */
  byTerms(terms: readonly string[]): Promise<number[]>;
  /** The category's most recently updated active offers. */
  newestOf(category: string): Promise<OfferRef[]>;
  /** Those of these offers that are active. */
  activeRefs(ids: readonly number[]): Promise<Map<number, OfferRef>>;
  /** The province of each of these cooperatives that is approved. */
  approvedProvinces(cooperativeIds: readonly number[]): Promise<Map<number, string>>;
}

/** Raw rows: SQLite's driver gives dates as text, read as Sequelize's own SQLite date parser reads them. */
const toRef = (r: OfferRef & { updatedAt: Date | string }): OfferRef => ({
  id: r.id,
  updatedAt: new Date(r.updatedAt),
  productId: r.productId,
  cooperativeId: r.cooperativeId,
});
const REF_COLUMNS = ["id", "updatedAt", "productId", "cooperativeId"] as const;

/** A counter array long enough for `id`. */
function grow(counts: Uint8Array, id: number): Uint8Array {
  const grown = new Uint8Array(Math.max(id + 1, counts.length * 2));
  grown.set(counts);
  return grown;
}

export function candidateSearch(kit: MatchingKit) {
  const { models } = kit;

  /** Asks the database each time (in `transaction`, when ranking under a demand's lock). */
  function databaseSource(transaction?: Transaction): CandidateSource {
    return {
      async byTerms(terms) {
        if (terms.length === 0) return [];
        const rows = await kit.db.sequelize.query<{ offerId: number }>(
          `SELECT offer_id AS offerId FROM offer_terms WHERE term IN (:terms)
           GROUP BY offer_id ORDER BY COUNT(*) DESC, offer_id DESC LIMIT :limit`,
          { type: QueryTypes.SELECT, replacements: { terms, limit: TEXT_CANDIDATES }, transaction },
        );
        return rows.map((r) => Number(r.offerId));
      },
      async newestOf(category) {
        const rows = await models.Offer.findAll({
          where: { status: "active", category },
          attributes: [...REF_COLUMNS],
          order: [
            ["updatedAt", "DESC"],
            ["id", "DESC"],
          ],
          limit: CATEGORY_CANDIDATES,
          raw: true,
          transaction,
        });
        return rows.map(toRef);
      },
      async activeRefs(ids) {
        if (ids.length === 0) return new Map();
        // By id alone: with the status beside it, SQLite walks the status index through every active offer.
        const rows = await models.Offer.findAll({
          where: { id: [...ids] },
          attributes: [...REF_COLUMNS, "status"],
          raw: true,
          transaction,
        });
        return new Map(rows.filter((r) => r.status === "active").map((r) => [r.id, toRef(r)]));
      },
      async approvedProvinces(cooperativeIds) {
        if (cooperativeIds.length === 0) return new Map();
        const rows = await models.Cooperative.findAll({
          where: { id: [...cooperativeIds], status: "approved" },
          attributes: ["id", "provinceCode"],
          raw: true,
          transaction,
        });
        return new Map(rows.map((c) => [c.id, c.provinceCode]));
      },
    };
  }

  /**
   * Keeps what it reads for a run over many demands. Each term's offers are read once, whole (newest first), and
   * a demand's are counted in memory: the same order as byTerms' GROUP BY, without asking again for "gạo".
   */
  function runSource(): CandidateSource {
    const database = databaseSource();
    const postings = new Map<string, Int32Array>();
    const newest = new Map<string, Promise<OfferRef[]>>();
    const refs = new Map<number, OfferRef | null>();
    const provinces = new Map<number, string | null>();
    const answered = new Map<string, number[]>();
    let hits: Uint8Array = new Uint8Array(1 << 16);
    return {
      async prepare(terms) {
        const unread = [...new Set(terms)].filter((t) => !postings.has(t));
        if (unread.length === 0) return;
        const rows = await models.OfferTerm.findAll({
          where: { term: unread },
          attributes: ["term", "offerId"],
          raw: true,
        });
        const lists = new Map(unread.map((t) => [t, [] as number[]]));
        for (const r of rows) lists.get(r.term)?.push(r.offerId);
        for (const [term, ids] of lists) postings.set(term, Int32Array.from(ids).sort().reverse());
      },
      async byTerms(terms) {
        // Demands worded alike ("cần mua gạo ST25") ask the same: answered once a run.
        const key = [...new Set(terms)].sort().join(" ");
        const known = answered.get(key);
        if (known) return known;
        await this.prepare!(terms);
        // Counted in a dense array by offer id (grown as ids grow), then read most hits first, highest id first.
        let touched: number[] = [];
        for (const term of new Set(terms))
          for (const id of postings.get(term) ?? []) {
            if (id >= hits.length) hits = grow(hits, id);
            const count = hits[id]!;
            hits[id] = count + 1;
            if (count === 0) touched.push(id);
          }
        const ids = Int32Array.from(touched).sort().reverse();
        touched = [];
        let most = 0;
        for (const id of ids) most = Math.max(most, hits[id]!);
        const out: number[] = [];
        for (let count = most; count > 0 && out.length < TEXT_CANDIDATES; count--)
          for (const id of ids) {
            if (hits[id] !== count) continue;
            out.push(id);
            if (out.length === TEXT_CANDIDATES) break;
          }
        for (const id of ids) hits[id] = 0;
        answered.set(key, out);
        return out;
      },
      newestOf(category) {
        // Kept as the promise: the demands of a batch ask at once.
        const known = newest.get(category) ?? database.newestOf(category);
        newest.set(category, known);
        return known;
      },
      async activeRefs(ids) {
        const unread = ids.filter((id) => !refs.has(id));
        if (unread.length > 0) {
          const read = await database.activeRefs(unread);
          for (const id of unread) refs.set(id, read.get(id) ?? null);
        }
        return new Map(ids.flatMap((id) => (refs.get(id) ? [[id, refs.get(id)!] as const] : [])));
      },
      async approvedProvinces(cooperativeIds) {
        const unread = cooperativeIds.filter((id) => !provinces.has(id));
        if (unread.length > 0) {
          const read = await database.approvedProvinces(unread);
          for (const id of unread) provinces.set(id, read.get(id) ?? null);
        }
        return new Map(
          cooperativeIds.flatMap((id) => (provinces.get(id) ? [[id, provinces.get(id)!] as const] : [])),
        );
      },
    };
  }

  /**
   * Each demand's candidates: active offers of approved cooperatives, first those sharing the most words of its
   * title (offer_terms, read by term through its primary key), then the newest of its category (through
   * (status, category, updated_at)). Terms are kept for active offers only, but a paused offer's go when its
   * change event is handled: the status is checked here again, once for all the demands.
   */
  async function candidatesFor(
    demands: readonly DemandRecord[],
    source: CandidateSource,
  ): Promise<Map<number, CandidateRef[]>> {
    const asked = demands.map((demand) => {
      const fromTitle = [...productWords(demand.title)];
      const terms = fromTitle.length > 0 ? fromTitle : [...productWords(demand.description)];
      return { demand, terms: terms.slice(0, SEARCH_TERMS) };
    });
    await source.prepare?.(asked.flatMap((a) => a.terms));
    const found = await Promise.all(
      asked.map(async ({ demand, terms }) => {
        const [byText, byCategory] = await Promise.all([
          source.byTerms(terms),
          source.newestOf(demand.category),
        ]);
        return { demand, byText, byCategory };
      }),
    );
    // The category's offers are read already; only the others are looked up (and checked active).
    const inCategory = new Map(found.flatMap((f) => f.byCategory).map((r) => [r.id, r]));
    const active = await source.activeRefs([
      ...new Set(found.flatMap((f) => f.byText).filter((id) => !inCategory.has(id))),
    ]);
    const rows = new Map(
      found.map(({ demand, byText, byCategory }) => {
        const text = new Set(byText);
        // Most words shared first, then the rest of the category, newest first.
        return [
          demand.id,
          [
            ...byText.flatMap((id) => inCategory.get(id) ?? active.get(id) ?? []),
            ...byCategory.filter((r) => !text.has(r.id)),
          ],
        ];
      }),
    );
    const provinces = await source.approvedProvinces([
      ...new Set([...rows.values()].flat().map((r) => r.cooperativeId)),
    ]);
    return new Map(
      [...rows].map(([id, refs]) => [
        id,
        refs.flatMap((r) => {
          const provinceCode = provinces.get(r.cooperativeId);
          return provinceCode === undefined ? [] : [{ ...r, provinceCode }];
        }),
      ]),
    );
  }

  /**
   * Keeps the terms of these offers: their title's and linked product's words while active, none otherwise.
   * Run on the offer's or product's change event, before its demands are recomputed.
   */
  async function refreshTerms(offers: OfferRecord[]) {
    if (offers.length === 0) return;
    const active = offers.filter((o) => o.status === "active");
    const products = await kit.catalogue.productFacts([
      ...new Set(active.flatMap((o) => (o.productId === null ? [] : [o.productId]))),
    ]);
    const rows = active.flatMap((o) =>
      offerTerms(o.title, o.productId === null ? null : products.get(o.productId)?.nameVi).map((term) => ({
        term,
        offerId: o.id,
      })),
    );
    await kit.db.transaction(async (transaction) => {
      await models.OfferTerm.destroy({ where: { offerId: offers.map((o) => o.id) }, transaction });
      if (rows.length > 0) await models.OfferTerm.bulkCreate(rows, { transaction });
    });
  }

  return { databaseSource, runSource, candidatesFor, refreshTerms };
}
