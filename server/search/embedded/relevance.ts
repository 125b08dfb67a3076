/**
 * A text search in relevance order: name tiers first (name-tiers.ts), then bm25, then in stock before out of
 * stock, then newest.
 *
 * 1. The name matches and their tiers (one statement), which tell how far down the tiers the page reaches.
 * 2. When the page is within the name tiers (most queries), one statement reads the match set's rowids (or only
 *    its count when nothing needs them) and the folded text of the rows of the tiers the page reaches, which bm25
 *    is computed from here (bm25.ts). Only when the page reaches past the name matches does FTS5 score every
 *    match itself.
 * 3. Totals and facets over the match set, and the page, in the order tier, bm25, stock, newest.
 * A query typed with marks whose exact match set is not empty (exact-set.ts, read in step 1) has that set as its
 * match set: the name matches are taken within it, and it replaces the match set's rowids in steps 2 and 3.
 */
import { Bm25, BM25_SQL } from "./bm25";
import { slotsOf, type ProductColumns } from "./columns";
import { compileFilters, FacetCounter, failures, tally, type Filters } from "./filters-facets";
import { ftsString, matchPhrases } from "./match-expression";
import { readNameTiers, type NameTiers } from "./name-tiers";
import { firstK } from "./ordering";
import type { FoundPage, PageRequest, SearchReader, TextQuery, TextRow } from "./strategy";
import { hasPrefix } from "./vocabulary";

/** Up to this many bm25 candidates are scored here from their text; more, by FTS5. */
const MAX_JS_SCORED = 4096;
/** Up to this many bm25 candidates, their originals are read with them (saving the page's own statement). */
const EAGER_ORIGINALS = 256;

/** What the scoring steps share; `score` is filled by them (lower is better, as FTS5's bm25). */
interface Scoring {
  request: PageRequest;
  text: TextQuery;
  names: NameTiers;
  columns: ProductColumns;
  filters: Filters;
  /** bm25 by slot, of the products that may be on the page. */
  score: Map<number, number>;
}

/** What a scoring step found besides the scores. */
interface Counted {
  total: number;
  facets: FacetCounter | null;
  originals: Map<number, TextRow> | null;
}

export async function rankByRelevance(
  reader: SearchReader,
  request: PageRequest,
  text: TextQuery,
): Promise<FoundPage> {
  const names = await readNameTiers(reader, text);
  const { columns, tier } = names;
  const filters = compileFilters(request.query.filters, request.now, columns);
  // How far down the tiers the page reaches: the tier of its last row among the name matches, if they fill it.
  const ranked = names.slots.filter((s) => failures(columns, filters, s) === 0);
  let bound = 0;
  if (ranked.length >= request.end) {
    const tiers = Int32Array.from(ranked, (s) => tier[s]!).sort();
    bound = tiers[tiers.length - request.end]!;
  }
  const scoring: Scoring = { request, text, names, columns, filters, score: new Map() };
  let counted: Counted;
  if (bound > 0) {
    const candidates = ranked.filter((s) => tier[s]! >= bound);
    counted = await scoreNameTiers(reader, scoring, candidates);
  } else counted = await scoreEveryMatch(reader, scoring);
  return { columns, pageSlots: relevancePage(scoring), ...counted, exact: names.only !== null };
}

/**
 * The page is within the name tiers: bm25 for the rows of the tiers it reaches only (`candidates`, slots that pass
 * the filters), computed here from their folded text (FTS5's bm25 would first read every phrase's whole doclist
 * for its IDF, and scan the whole match set again: most of the time of a broad query). "+rowid": a filter on the
 * FTS scan, not a constraint (which would run the full-text query again for each id).
 */
async function scoreNameTiers(reader: SearchReader, sc: Scoring, candidates: number[]): Promise<Counted> {
  const { request, columns, filters, score } = sc;
  const { parsed, typos, vocab, match } = sc.text;
  const { tier, only } = sc.names;
  const lean = filters.active === 0 && !request.query.facets;
  const candidateIds = candidates.map((s) => columns.ids[s]!);
  // Very many candidates (a very common word): FTS5 scores them, rather than their text coming over.
  const inJs = candidateIds.length <= MAX_JS_SCORED;
  // Few candidates: their originals come along, and the page needs no statement of its own.
  const eager = candidateIds.length <= EAGER_ORIGINALS;
  const candidateTexts = (select: string) =>
    `(SELECT ${select} FROM product_texts WHERE id IN (SELECT value FROM json_each($candidates)))`;
  // A prefix phrase's row count, for its IDF: the vocabulary's when no longer term starts with it.
  const prefixPhrase = matchPhrases(parsed, typos).find((p) => p.prefix);
  const prefix = prefixPhrase && hasPrefix(vocab, prefixPhrase.term, true) ? prefixPhrase : undefined;
  const select: string[] = [];
  if (inJs && prefix)
    select.push(`(SELECT count(*) FROM products_fts WHERE products_fts MATCH $prefix) AS prefixHits`);
  if (only === null) {
    select.push(
      lean
        ? `(SELECT count(*) FROM products_fts WHERE products_fts MATCH $match) AS n`
        : `(SELECT group_concat(rowid) FROM products_fts WHERE products_fts MATCH $match) AS ids`,
    );
  }
  select.push(
    inJs
      ? `${candidateTexts(
          `group_concat(id || char(9) || name || char(9) || labels || char(9) || cooperative || char(9)
                     || description, char(10))`,
        )} AS texts`
      : `${ftsScores("AND +rowid IN (SELECT value FROM json_each($candidates))")} AS scores`,
  );
  if (eager) {
    select.push(
      `${candidateTexts(
        "json_group_array(json_array(id, name_vi, name_en, description_vi, description_en))",
      )} AS originals`,
    );
  }
  const [row] = await reader.allPrepared<{
    n: number;
    ids: string | null;
    texts: string | null;
    originals: string;
    scores: string | null;
    prefixHits: number | null;
  }>(`SELECT ${select.join(", ")}`, {
    // (FTS5 scores need $match; without them, and with the exact match set, nothing reads it.)
    ...(only === null || !inJs ? { $match: match } : {}),
    $candidates: JSON.stringify(candidateIds),
    ...(inJs && prefix ? { $prefix: ftsString(prefix.term, true) } : {}),
  });
  // Without filters or facets, the count is all the match set is needed for (the exact one is known already).
  let counted: Counted;
  if (only !== null || !lean) {
    const { total, facets } = countMatches(sc, only ?? row!.ids);
    counted = { total, facets, originals: null };
  } else counted = { total: row!.n, facets: null, originals: null };
  if (eager) {
    const originals = new Map<number, TextRow>();
    for (const [id, name_vi, name_en, description_vi, description_en] of JSON.parse(row!.originals) as Array<
      [number, string, string | null, string, string | null]
    >) {
      originals.set(id, { id, name_vi, name_en, description_vi, description_en });
    }
    counted.originals = originals;
  }
  if (!inJs) scoresOf(sc, row!.scores);
  const prefixHits = row!.prefixHits ?? (prefixPhrase ? (vocab.docs.get(prefixPhrase.term) ?? 0) : 0);
  const bm25 = new Bm25(matchPhrases(parsed, typos), vocab, sc.names.averages, prefixHits);
  for (const line of row!.texts ? row!.texts.split("\n") : []) {
    const fields = line.split("\t");
    const s = columns.slotOf(Number(fields[0]));
    if (s >= 0 && s < tier.length) score.set(s, bm25.score(fields));
  }
  return counted;
}

/**
 * The page reaches the rows outside the name tiers: every match that passes the filters is scored, by FTS5.
 * Without filters that is also the match set.
 */
async function scoreEveryMatch(reader: SearchReader, sc: Scoring): Promise<Counted> {
  const { request, columns, filters, score } = sc;
  const { match } = sc.text;
  const { only } = sc.names;
  if (filters.active === 0 && only === null) {
    const [row] = await reader.allPrepared<{ scores: string | null }>(`SELECT ${ftsScores()} AS scores`, {
      $match: match,
    });
    scoresOf(sc, row!.scores);
    const slots = Int32Array.from(score.keys());
    const facets = request.query.facets ? new FacetCounter(columns) : null;
    const total = tally(columns, filters, slots, slots.length, facets, null);
    return { total, facets, originals: null };
  }
  const ids =
    only ??
    (
      await reader.allPrepared<{ ids: string | null }>(
        `SELECT group_concat(rowid) AS ids FROM products_fts WHERE products_fts MATCH $match`,
        { $match: match },
      )
    )[0]!.ids;
  const { passing: slots, total, facets } = countMatches(sc, ids);
  const passing = Array.from(slots.subarray(0, total), (s) => columns.ids[s]!);
  if (passing.length > 0) {
    const [scores] = await reader.allPrepared<{ scores: string | null }>(
      `SELECT ${ftsScores("AND +rowid IN (SELECT value FROM json_each($ids))")} AS scores`,
      { $match: match, $ids: JSON.stringify(passing) },
    );
    scoresOf(sc, scores!.scores);
  }
  return { total, facets, originals: null };
}

/** Totals and facets over the match set (a group_concat(rowid) string); the slots that pass the filters. */
function countMatches(
  sc: Scoring,
  ids: string | null,
): { passing: Int32Array; total: number; facets: FacetCounter | null } {
  const { columns, filters } = sc;
  const facets = sc.request.query.facets ? new FacetCounter(columns) : null;
  const [slots, n] = slotsOf(ids, columns);
  const passing = new Int32Array(n);
  const total = tally(columns, filters, slots, n, facets, passing);
  return { passing, total, facets };
}

/** Scores from FTS5's bm25() for the matches in `filter` ("LIMIT -1" keeps bm25 out of the aggregate). */
function ftsScores(filter = ""): string {
  return `(SELECT group_concat(x) FROM (
          SELECT rowid || ' ' || printf('%.17g', ${BM25_SQL}) AS x FROM products_fts WHERE products_fts MATCH $match ${filter}
          LIMIT -1))`;
}

/** Takes the scores of a ftsScores() string, of the products that pass the filters. */
function scoresOf(sc: Scoring, scores: string | null): void {
  if (!scores) return;
  const { columns, filters, score } = sc;
  const { tier } = sc.names;
  for (const entry of scores.split(",")) {
    const space = entry.indexOf(" ");
    const s = columns.slotOf(Number(entry.slice(0, space)));
    // (A product added since the name tiers were read has no tier: it waits for the next search.)
    if (s >= 0 && s < tier.length && failures(columns, filters, s) === 0)
      score.set(s, Number(entry.slice(space + 1)));
  }
}

/** The page among the scored products: by tier, then bm25, then in stock first, then newest. */
function relevancePage(sc: Scoring): number[] {
  const { columns, score } = sc;
  const { tier } = sc.names;
  const scored = Int32Array.from(score.keys());
  const inStock = columns.inStock;
  const created = columns.created;
  const ids = columns.ids;
  return firstK(scored, scored.length, sc.request.end, (a, b) => {
    if (tier[a] !== tier[b]) return tier[a]! > tier[b]!;
    const sa = score.get(a)!;
    const sb = score.get(b)!;
    if (sa !== sb) return sa < sb;
    if (inStock[a] !== inStock[b]) return inStock[a]! > inStock[b]!;
    return created[a] !== created[b] ? created[a]! > created[b]! : ids[a]! > ids[b]!;
  }).slice(sc.request.offset);
}
