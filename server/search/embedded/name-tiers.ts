/**
 * Relevance tiers, ranked before bm25. A product whose name does not match the whole query is in tier 0 (a match
 * through its description, labels or cooperative). A name match is in tier TIER_NAME plus, most important first:
 * - TIER_LITERAL for each part of the query found in the name as typed: the word itself, not only a synonym of it
 *   or a typo correction ("tra tan cuong" ranks "Trà … Tân Cương" above "Chè … Tân Cương", "che tan cuong" the
 *   reverse); a word typed with marks counts only with exactly those marks ("miến" ranks Miến dong above a
 *   "miền" name);
 * - TIER_WHOLE_LAST when the last word matched a whole word rather than as a prefix ("tra": "trà" above "trang");
 * - TIER_SYNONYM for each marked word of a synonym the name has exactly ("tea": "Trà …" above "Cá tra …");
 * - TIER_CATEGORY for each part of the query that names the product's category ("tea" or "trà": tea products
 *   above a "Trà đinh lăng" herb), which bm25 also weighs through the labels column.
 * Each weight is above the sum of all the lesser ones at their largest (12 query parts, 8 synonym words).
 *
 * The tiers come from products_names: one rowid set for the whole query in the name, and one per feature that
 * tells name matches apart, all read in one statement.
 */
import { foldVietnamese } from "../../vocabulary/text";
import { isToneExact, type ParsedQuery } from "../query";
import { CATEGORY_LABELS, expandSynonymsOf, foldedTokens } from "../synonyms";
import type { Category } from "../types";
import { readAverages, type Averages } from "./bm25";
import { slotsOf, type ProductColumns } from "./columns";
import { EXACT_IDS_SQL } from "./exact-set";
import { WORD } from "../exact-words";
import { folded, markToken } from "./documents";
import { ftsString, literalExpression, matchExpression, unitExpression } from "./match-expression";
import type { Params } from "./schema";
import type { SearchReader, TextQuery } from "./strategy";
import { hasPrefix, type Vocabulary } from "./vocabulary";

const TIER_NAME = 1;
const TIER_CATEGORY = 2;
const TIER_SYNONYM = 32;
const TIER_WHOLE_LAST = 512;
const TIER_LITERAL = 1024;

/** Marked words of synonyms looked for in names (each is one more rowid set read from products_names). */
const MAX_SYNONYM_MARKS = 8;

/** What the relevance steps know of the name matches. */
export interface NameTiers {
  columns: ProductColumns;
  /** Tier by slot (0: the name does not match the whole query). */
  tier: Int32Array;
  /** Slots of the name matches. */
  slots: number[];
  /** products_fts's row and token counts, for bm25. */
  averages: Averages | null;
  /** The exact match set (exact-set.ts) when it is the match set, as a group_concat(rowid) string; else null. */
  only: string | null;
}

/** Folded words of each category's labels (both languages, with their synonyms), as the labels column has them. */
const CATEGORY_WORDS = new Map<string, ReadonlySet<string>>();

function categoryWords(category: string): ReadonlySet<string> {
  let words = CATEGORY_WORDS.get(category);
  if (!words) {
    const labels = CATEGORY_LABELS[category as Category];
    const text = labels ? `${labels.vi} , ${labels.en}` : "";
    words = new Set(foldedTokens(folded(text, ...expandSynonymsOf(text))));
    CATEGORY_WORDS.set(category, words);
  }
  return words;
}

/** How many units of the query a category's labels answer (its own words, a typo correction, or a synonym). */
function categoryScore(category: string, parsed: ParsedQuery, typos: Map<string, string[]>): number {
  const words = categoryWords(category);
  let score = 0;
  for (const unit of parsed.units) {
    const own = unit.tokens.every((token, i) => {
      if (words.has(token) || (typos.get(token) ?? []).some((t) => words.has(t))) return true;
      if (!(unit.prefix && i === unit.tokens.length - 1)) return false;
      for (const word of words) if (word.startsWith(token)) return true;
      return false;
    });
    if (own || unit.synonyms.some((alt) => alt.tokens.every((t) => words.has(t)))) score += 1;
  }
  return score;
}

/** A products_names expression whose matches, among the name matches, go up by `weight`. */
interface TierSet {
  expression: string;
  weight: number;
}

/**
 * The features that tell name matches apart, as products_names expressions; and how many units every name match
 * has literally (those need no set of their own).
 */
function tierSets(
  parsed: ParsedQuery,
  typos: Map<string, string[]>,
  vocab: Vocabulary,
): { sets: TierSet[]; literalEverywhere: number } {
  const sets: TierSet[] = [];
  let literalEverywhere = 0;
  for (const unit of parsed.units) {
    // A typo-corrected word is in no name as typed.
    if (unit.tokens.some((t) => typos.has(t))) continue;
    // Without synonyms or marks, matching the unit at all is matching it literally.
    if (unit.synonyms.length === 0 && !unit.typed.some(isToneExact)) literalEverywhere += 1;
    else sets.push({ expression: literalExpression(unit), weight: TIER_LITERAL });
  }
  // Only worth a look when the last word is a whole term that other terms also start with.
  const last = parsed.units[parsed.units.length - 1]!;
  const lastToken = last.tokens[last.tokens.length - 1]!;
  if (last.prefix && vocab.docs.has(lastToken) && hasPrefix(vocab, lastToken, true)) {
    sets.push({ expression: unitExpression(last, typos, false, "n"), weight: TIER_WHOLE_LAST });
  }
  const synonymMarks = new Set<string>();
  for (const unit of parsed.units) {
    for (const alt of unit.synonyms) {
      for (const m of alt.phrase.matchAll(WORD)) if (foldVietnamese(m[0]) !== m[0]) synonymMarks.add(m[0]);
    }
  }
  for (const word of [...synonymMarks].slice(0, MAX_SYNONYM_MARKS)) {
    sets.push({ expression: ftsString(`m${markToken(word)}`), weight: TIER_SYNONYM });
  }
  return { sets, literalEverywhere };
}

/**
 * The name matches and their tiers, in one statement with the `data_version` the columns are checked against,
 * products_fts's averages record (for bm25) and, for a query typed with marks, its exact match set (exact-set.ts):
 * when that is not empty, it is the match set, and the name matches outside it are none.
 */
export async function readNameTiers(
  reader: SearchReader,
  { parsed, typos, vocab, exact }: Pick<TextQuery, "parsed" | "typos" | "vocab" | "exact">,
): Promise<NameTiers> {
  const { sets, literalEverywhere } = tierSets(parsed, typos, vocab);
  const params: Params = { $s0: matchExpression(parsed, typos, "n") };
  // (Each feature's set alone: cheaper to read than restricted to the name matches, which it is here below.)
  sets.forEach((set, i) => (params[`$s${i + 1}`] = set.expression));
  const nameSets = Object.keys(params);
  if (exact !== null) params.$exact = exact;
  const [row] = await reader.allPrepared<Record<string, string | number | Buffer | null>>(
    `SELECT (SELECT data_version FROM pragma_data_version()) AS dv,
         (SELECT block FROM products_fts_data WHERE id = 1) AS averages, ${nameSets
           .map(
             (p) =>
               `(SELECT group_concat(rowid) FROM products_names WHERE products_names MATCH ${p}) AS ${p.slice(1)}`,
           )
           .join(", ")}${exact !== null ? `, ${EXACT_IDS_SQL} AS exact` : ""}`,
    params,
  );
  const only = (row!.exact as string | null | undefined) ?? null;
  const columns = await reader.columnsAt(row!.dv as number);
  const tier = new Int32Array(columns.size);
  const slots: number[] = [];
  // The category labels' part, by category code.
  const byCategory = columns.categories.values.map((c) => TIER_CATEGORY * categoryScore(c, parsed, typos));
  const base = TIER_NAME + TIER_LITERAL * literalEverywhere;
  let inExactSet: Uint8Array | null = null;
  if (only !== null) {
    inExactSet = new Uint8Array(columns.size);
    const [inSet, k] = slotsOf(only, columns);
    for (let i = 0; i < k; i++) inExactSet[inSet[i]!] = 1;
  }
  const [matches, n] = slotsOf(row!.s0 as string | null, columns);
  for (let i = 0; i < n; i++) {
    const s = matches[i]!;
    if (inExactSet && inExactSet[s] !== 1) continue;
    tier[s] = base + byCategory[columns.category[s]!]!;
    slots.push(s);
  }
  sets.forEach((set, i) => {
    const [withFeature, m] = slotsOf(row![`s${i + 1}`] as string | null, columns);
    for (let j = 0; j < m; j++) {
      const s = withFeature[j]!;
      if (tier[s]! > 0) tier[s]! += set.weight;
    }
  });
  return { columns, tier, slots, averages: readAverages(row!.averages as Buffer | null), only };
}
