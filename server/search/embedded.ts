/**
 * The embedded search engine: SQLite FTS5 in a database file of its own (so it serves the MySQL deployment too),
 * through node-sqlite3 on one connection, with the products' filter and sort columns mirrored in memory.
 *
 * Text is indexed folded (foldVietnamese, then only [a-z0-9] tokens), so "dinh lang" and "đinh lăng" are the same
 * terms; the names' marked words are indexed apart to rank tone-exact matches first.
 *
 * Tables:
 * - products: the filter/sort columns (the source of the in-memory mirror below);
 * - product_certifications: one row per (product, certification);
 * - product_texts: originals (for highlights), and the folded columns and marked-word list that the two FTS
 *   tables index as their external content (so each text is stored once);
 * - products_fts: FTS5 over the folded text, bm25 weights name 10, labels 4, cooperative 2, description 1;
 * - products_names: FTS5 over the names alone, rowids only (detail=none, cheap to read): folded words prefixed "n"
 *   ("nmien"), and words that carry marks prefixed "m" and encoded in ASCII ("miến" → "mmix062nn"). It answers
 *   "does the whole query match the name", "which names have miến (not miền)" and "which names have the word as
 *   typed (not only a synonym)" without reading positions;
 * - products_vocab: fts5vocab over products_fts, read into memory for typo tolerance.
 *
 * How a search runs (each step is one statement, so one hop through node-sqlite3's thread pool):
 * 1. with text and relevance order: rowid sets from products_names (the names that match the whole query, and
 *    those with each feature that tells name matches apart), which give every name match its relevance tier (see
 *    TIER_*); then, in JavaScript, how far down the tiers the page reaches;
 * 2. with text: the match set's rowids from products_fts in one string (or only its count when nothing needs the
 *    rows); with relevance order, the folded text of the rows of the tiers the page reaches, which bm25 is computed
 *    from in JavaScript (class Bm25: FTS5's formula and figures; FTS5's own bm25() would first read the whole
 *    doclist of every phrase for its IDF and scan the match set a second time). Only when the page reaches past
 *    the name matches does FTS5 score every match itself;
 * 3. filters, totals, facet counts and the non-relevance sorts in JavaScript over the in-memory columns (typed
 *    arrays, a few MB for 100,000 products): a pass over 100,000 products takes about a millisecond, where GROUP
 *    BYs over a joined match set took tens;
 * 4. with text: the originals of the page's hits, to highlight them.
 * A browse (no text) is step 3 alone, after a check of `PRAGMA data_version`.
 *
 * The mirror is loaded on the first search, kept up to date by this engine's own writes, and reloaded whole when
 * another connection (a reindex script) has committed: each search reads `data_version`, which changes exactly
 * then.
 */
import sqlite3 from "sqlite3";
import { foldVietnamese } from "../../app/lib/text";
import {
  foldTokens,
  highlightSnippet,
  highlightText,
  isToneExact,
  MIN_TYPO_LENGTH,
  parseQuery,
  termMatcher,
  withinOneEdit,
  type ParsedQuery,
  type QueryUnit,
} from "./query";
import { CATEGORY_LABELS, expandSynonymsOf, foldedTokens, lowerVi } from "./synonyms";
import {
  PRICE_BUCKETS,
  type Category,
  type PriceBucketKey,
  type ProductDocument,
  type SearchEngine,
  type SearchFacets,
  type SearchFilters,
  type SearchHit,
  type SearchQuery,
  type SearchResult,
  type Sort,
} from "./types";

export interface EmbeddedSearchOptions {
  /** Database file, or ":memory:" (tests). */
  path: string;
  /** SQLite page cache, in MiB (default 64): the FTS index of 100k products fits. */
  cacheMb?: number;
}

const DEFAULT_PER_PAGE = 24;
const MAX_PER_PAGE = 100;
/** bm25 column weights, in the FTS column order: name, labels, cooperative, description. */
const BM25_WEIGHTS = [10, 4, 2, 1] as const;
const BM25 = `bm25(products_fts, ${BM25_WEIGHTS.map((w) => w.toFixed(1)).join(", ")})`;
/** Typo corrections kept per token: the most frequent terms within one edit. */
const MAX_TYPO_CANDIDATES = 5;
/** Marked words of synonyms looked for in names (each is one more rowid set read from products_names). */
const MAX_SYNONYM_MARKS = 8;
/** Rows per INSERT … SELECT FROM json_each(?) while indexing. */
const WRITE_CHUNK = 1000;
/** How long the in-memory columns may lag behind another connection's writes (see columnsAt()). */
const COLUMNS_STALE_MS = 1_000;
/** How long after writes the vocabulary read before them still serves (see vocabulary()). */
const VOCABULARY_STALE_MS = 30_000;
/** Up to this many bm25 candidates are scored here from their text; more, by FTS5 (see search()). */
const MAX_JS_SCORED = 4096;
/** Up to this many bm25 candidates, their originals are read with them (saving the page's own statement). */
const EAGER_ORIGINALS = 256;
/** Prepared search statements kept (keyed by their SQL, which depends only on the query's shape). */
const STATEMENT_CACHE = 64;

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
 */
const TIER_NAME = 1;
const TIER_CATEGORY = 2;
const TIER_SYNONYM = 32;
const TIER_WHOLE_LAST = 512;
const TIER_LITERAL = 1024;

/** Column ids at or above this are found through a Map rather than a typed array. */
const DENSE_ID_LIMIT = 1 << 22;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS products (
  id INTEGER PRIMARY KEY,
  category TEXT NOT NULL,
  province_code TEXT NOT NULL,
  price_vnd INTEGER NOT NULL,
  in_stock INTEGER NOT NULL,
  ocop_stars INTEGER,
  ocop_expires_at INTEGER,
  cooperative_id INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);
-- Filters, sorts and facets run over the in-memory mirror: these indexes of earlier versions only slow writes.
DROP INDEX IF EXISTS products_newest;
DROP INDEX IF EXISTS products_price;
DROP INDEX IF EXISTS products_category;
DROP INDEX IF EXISTS products_province;
DROP INDEX IF EXISTS products_cooperative;
CREATE TABLE IF NOT EXISTS product_certifications (
  product_id INTEGER NOT NULL,
  certification TEXT NOT NULL,
  PRIMARY KEY (product_id, certification)
) WITHOUT ROWID;
DROP INDEX IF EXISTS product_certifications_by_name;
CREATE TABLE IF NOT EXISTS product_texts (
  id INTEGER PRIMARY KEY,
  -- the names' terms for products_names: "n" + folded word, "m" + marked word encoded (markToken)
  name_terms TEXT NOT NULL,
  -- folded text indexed by products_fts (external content: these names are the FTS column names)
  name TEXT NOT NULL,
  labels TEXT NOT NULL,
  cooperative TEXT NOT NULL,
  description TEXT NOT NULL,
  -- originals, for highlighting
  name_vi TEXT NOT NULL,
  name_en TEXT,
  description_vi TEXT NOT NULL,
  description_en TEXT
);
CREATE VIRTUAL TABLE IF NOT EXISTS products_fts USING fts5(
  name, labels, cooperative, description,
  content = 'product_texts', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3'
);
CREATE VIRTUAL TABLE IF NOT EXISTS products_names USING fts5(
  name_terms, content = 'product_texts', content_rowid = 'id', tokenize = 'ascii', detail = none
);
CREATE VIRTUAL TABLE IF NOT EXISTS products_vocab USING fts5vocab(products_fts, 'row');
PRAGMA user_version = 1;
`;

/** Row values as bound to SQLite. */
type SqlValue = string | number | null;
type Params = Record<string, SqlValue>;

/** One product as indexed. */
interface Row {
  id: number;
  category: string;
  province_code: string;
  price_vnd: number;
  in_stock: 0 | 1;
  ocop_stars: number | null;
  ocop_expires_at: number | null;
  cooperative_id: number;
  created_at: number;
  certifications: string[];
  name_terms: string;
  name: string;
  labels: string;
  cooperative: string;
  description: string;
  name_vi: string;
  name_en: string | null;
  description_vi: string;
  description_en: string | null;
}

const WORD = /[\p{L}\p{N}\p{M}]+/gu;

/** markToken of a word already in lowerVi form. */
function encodeMarked(lowerWord: string): string {
  let out = "";
  for (const ch of lowerWord) {
    const c = ch.codePointAt(0)!;
    // a-w, y, z, 0-9 stay
    out +=
      (c >= 97 && c <= 119) || c === 121 || c === 122 || (c >= 48 && c <= 57)
        ? ch
        : `x${c.toString(36).padStart(4, "0")}`;
  }
  return out;
}

/**
 * A marked word as one ASCII token, injectively: a-w, y, z and digits stay, anything else (x included) becomes
 * "x" and four base-36 digits of its code point. "miến" → "mix062nn", "miền" → "mix062jn".
 */
export function markToken(word: string): string {
  return encodeMarked(lowerVi(word));
}

/** The words of a text that carry marks ("Trà Tân Cương móc câu" → trà tân cương câu), as mark tokens. */
function markedWords(...texts: Array<string | null | undefined>): string[] {
  const words = new Set<string>();
  for (const text of texts) {
    if (!text) continue;
    for (const m of lowerVi(text).matchAll(WORD))
      if (foldVietnamese(m[0]) !== m[0]) words.add(encodeMarked(m[0]));
  }
  return [...words];
}

/** Folded text as indexed: [a-z0-9] tokens separated by single spaces. */
function folded(...texts: Array<string | null | undefined>): string {
  const tokens: string[] = [];
  for (const text of texts) if (text) foldTokens(text, tokens);
  return tokens.join(" ");
}

/** Labels column by label text (tags and category labels repeat across products; the synonym pass is slow). */
const LABELS_CACHE = new Map<string, string>();

function labelsColumn(labelText: string): string {
  let labels = LABELS_CACHE.get(labelText);
  if (labels === undefined) {
    // Tags and category labels, plus the synonyms of any synonym phrase in them ("Chè, trà" adds "tea").
    labels = folded(labelText, ...expandSynonymsOf(labelText));
    if (LABELS_CACHE.size >= 10_000) LABELS_CACHE.clear();
    LABELS_CACHE.set(labelText, labels);
  }
  return labels;
}

function toRow(doc: ProductDocument): Row {
  const labels = CATEGORY_LABELS[doc.category] ?? { vi: "", en: "" };
  const labelText = [...doc.tags, labels.vi, labels.en].join(" , ");
  const nameTokens = doc.nameVi ? foldTokens(doc.nameVi, []) : [];
  if (doc.nameEn) foldTokens(doc.nameEn, nameTokens);
  return {
    id: doc.id,
    category: doc.category,
    province_code: doc.provinceCode,
    price_vnd: Math.round(doc.priceVnd),
    in_stock: doc.inStock ? 1 : 0,
    ocop_stars: doc.ocopStars,
    ocop_expires_at: doc.ocopExpiresAt,
    cooperative_id: doc.cooperativeId,
    created_at: doc.createdAt,
    certifications: [...new Set(doc.certifications)],
    name_terms: [
      ...new Set(nameTokens.map((t) => `n${t}`)),
      ...markedWords(doc.nameVi, doc.nameEn).map((t) => `m${t}`),
    ].join(" "),
    name: nameTokens.join(" "),
    labels: labelsColumn(labelText),
    cooperative: folded(doc.cooperativeName),
    description: folded(doc.descriptionVi, doc.descriptionEn),
    name_vi: doc.nameVi,
    name_en: doc.nameEn,
    description_vi: doc.descriptionVi,
    description_en: doc.descriptionEn,
  };
}

/** The index's terms, for typo tolerance and to tell a finished word from a prefix being typed. */
interface Vocabulary {
  /** term → number of documents */
  docs: Map<string, number>;
  /** terms by length */
  byLength: Map<number, string[]>;
  /** all terms, sorted (binary search for "is this a prefix of some term") */
  sorted: string[];
}

function buildVocabulary(rows: Array<{ term: string; doc: number }>): Vocabulary {
  const docs = new Map<string, number>();
  const byLength = new Map<number, string[]>();
  for (const { term, doc } of rows) {
    docs.set(term, doc);
    const list = byLength.get(term.length) ?? [];
    list.push(term);
    byLength.set(term.length, list);
  }
  const sorted = [...docs.keys()].sort();
  return { docs, byLength, sorted };
}

/** The index in `vocab.sorted` of the first term not below `term`. */
function firstAtLeast(vocab: Vocabulary, term: string): number {
  let lo = 0;
  let hi = vocab.sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (vocab.sorted[mid]! < term) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether some indexed term starts with `prefix` (with `longer`: some term other than `prefix` itself). */
function hasPrefix(vocab: Vocabulary, prefix: string, longer = false): boolean {
  let lo = firstAtLeast(vocab, prefix);
  if (longer && vocab.sorted[lo] === prefix) lo += 1;
  return lo < vocab.sorted.length && vocab.sorted[lo]!.startsWith(prefix);
}

/** Indexed terms within Damerau-Levenshtein distance 1 of `token`, most frequent first. */
function typoCandidates(vocab: Vocabulary, token: string): string[] {
  const found: string[] = [];
  for (let length = token.length - 1; length <= token.length + 1; length++) {
    for (const term of vocab.byLength.get(length) ?? []) if (withinOneEdit(token, term)) found.push(term);
  }
  return found
    .sort((a, b) => vocab.docs.get(b)! - vocab.docs.get(a)! || (a < b ? -1 : 1))
    .slice(0, MAX_TYPO_CANDIDATES);
}

/**
 * Typo corrections: a token of ≥ 5 letters outside a synonym phrase that is not an indexed term (for the last,
 * prefix token: not the start of any term either) is widened to the terms within one edit.
 */
function typoCorrections(parsed: ParsedQuery, vocab: Vocabulary): Map<string, string[]> {
  const typos = new Map<string, string[]>();
  for (const unit of parsed.units) {
    if (unit.synonyms.length > 0) continue;
    unit.tokens.forEach((token, i) => {
      if (token.length < MIN_TYPO_LENGTH || typos.has(token)) return;
      const prefix = unit.prefix && i === unit.tokens.length - 1;
      if (prefix ? hasPrefix(vocab, token) : vocab.docs.has(token)) return;
      const found = typoCandidates(vocab, token);
      if (found.length > 0) typos.set(token, found);
    });
  }
  return typos;
}

/** A token as an FTS5 string. Tokens are [a-z0-9]+ by construction; the check guards that invariant. */
function ftsString(token: string, prefix = false): string {
  if (!/^[a-z0-9]+$/.test(token)) throw new Error(`unsafe FTS token: ${JSON.stringify(token)}`);
  return prefix ? `"${token}"*` : `"${token}"`;
}

function orGroup(parts: string[]): string {
  return parts.length === 1 ? parts[0]! : `(${parts.join(" OR ")})`;
}

/** FTS5 expression of one unit: its typed tokens (each with typo corrections) OR any synonym alternative. */
function unitExpression(
  unit: QueryUnit,
  typos: Map<string, string[]>,
  allowPrefix: boolean,
  /** "n" for products_names, whose name words are stored as "n" + word */
  namespace = "",
): string {
  const q = (token: string, prefix = false) => ftsString(namespace + token, prefix);
  const own = unit.tokens
    .map((token, i) => {
      const prefix = allowPrefix && unit.prefix && i === unit.tokens.length - 1;
      return orGroup([q(token, prefix), ...(typos.get(token) ?? []).map((t) => q(t))]);
    })
    .join(" AND ");
  if (unit.synonyms.length === 0) return own;
  const alternatives = unit.synonyms.map((alt) => alt.tokens.map((t) => q(t)).join(" AND "));
  return `(${[own, ...alternatives].map((a) => `(${a})`).join(" OR ")})`;
}

/**
 * products_names expression of a unit matched literally: its words as typed (no synonym, no typo correction), a
 * word typed with marks as exactly that marked word, the last one as a prefix when the unit is.
 */
function literalExpression(unit: QueryUnit): string {
  return unit.typed
    .map((token, i) => {
      const prefix = unit.prefix && i === unit.typed.length - 1;
      return isToneExact(token)
        ? ftsString(`m${encodeMarked(token.original)}`, prefix)
        : ftsString(`n${token.folded}`, prefix);
    })
    .join(" AND ");
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

// ---- bm25 ------------------------------------------------------------------------------------------------------

/** One phrase of a MATCH expression (all ours are one token, the last word's maybe a prefix). */
interface Phrase {
  term: string;
  prefix: boolean;
}

/** The phrases of the MATCH expression that unitExpression(…, true) builds, in its order, repeats included. */
function matchPhrases(parsed: ParsedQuery, typos: Map<string, string[]>): Phrase[] {
  const phrases: Phrase[] = [];
  for (const unit of parsed.units) {
    unit.tokens.forEach((token, i) => {
      phrases.push({ term: token, prefix: unit.prefix && i === unit.tokens.length - 1 });
      for (const t of typos.get(token) ?? []) phrases.push({ term: t, prefix: false });
    });
    for (const alt of unit.synonyms) for (const t of alt.tokens) phrases.push({ term: t, prefix: false });
  }
  return phrases;
}

/** products_fts's number of rows and of tokens (all columns), from its "averages" record. */
interface Averages {
  rows: number;
  tokens: number;
}

/**
 * Decodes FTS5's averages record (products_fts_data, id 1): a varint row count, then one varint per column with
 * the column's total number of tokens. Null if it is missing or does not read as that.
 */
function readAverages(block: Buffer | null | undefined): Averages | null {
  if (!block || block.length === 0) return null;
  let at = 0;
  const varint = (): number => {
    let value = 0;
    for (let i = 0; i < 9; i++) {
      const byte = block[at++];
      if (byte === undefined) throw new RangeError("truncated varint");
      if (i === 8) return value * 256 + byte;
      value = value * 128 + (byte & 0x7f);
      if ((byte & 0x80) === 0) return value;
    }
    return value;
  };
  try {
    const rows = varint();
    let tokens = 0;
    for (let column = 0; column < BM25_WEIGHTS.length; column++) tokens += varint();
    return rows > 0 && tokens > 0 ? { rows, tokens } : null;
  } catch {
    return null;
  }
}

/**
 * FTS5's bm25() with the BM25 weights, computed from a row's folded columns (as stored in product_texts: tokens
 * separated by single spaces, which is how unicode61 reads them): per phrase, IDF × f(k1 + 1) / (f + k1(1 − b +
 * b·D/avgdl)), f the weighted count of the phrase's instances, D the row's tokens; negated, so lower is better.
 * IDFs come from the vocabulary's document counts (a prefix phrase's is counted by the caller); the row and token
 * totals from FTS5's averages record. Scores equal FTS5's to the last bit or so (Math.log against libm's log), so
 * the pages of a query rank alike whichever computed them.
 */
class Bm25 {
  private readonly idf: Float64Array;
  private readonly phrases: Phrase[];
  private readonly freq: Float64Array;
  private readonly avgdl: number;

  /** `prefixHits`: the number of rows a prefix phrase matches (a term's is in the vocabulary). */
  constructor(phrases: Phrase[], vocab: Vocabulary, averages: Averages | null, prefixHits: number) {
    // (No averages record: the table is empty, and there is nothing to score.)
    const rows = averages?.rows ?? 1;
    this.avgdl = averages ? averages.tokens / averages.rows : 1;
    this.phrases = phrases;
    this.idf = new Float64Array(phrases.length);
    this.freq = new Float64Array(phrases.length);
    phrases.forEach(({ term, prefix }, i) => {
      const hits = prefix ? prefixHits : (vocab.docs.get(term) ?? 0);
      const idf = Math.log((rows - hits + 0.5) / (hits + 0.5));
      this.idf[i] = idf <= 0 ? 1e-6 : idf;
    });
  }

  /** The score of a row, `fields` = [id, name, labels, cooperative, description] (folded). */
  score(fields: string[]): number {
    const freq = this.freq;
    freq.fill(0);
    let tokens = 0;
    for (let column = 0; column < BM25_WEIGHTS.length; column++) {
      const text = fields[column + 1];
      if (!text) continue;
      const weight = BM25_WEIGHTS[column]!;
      tokens += 1;
      for (let at = text.indexOf(" "); at !== -1; at = text.indexOf(" ", at + 1)) tokens += 1;
      // Instances: the term at the start of a token, and (unless a prefix) at its end too.
      this.phrases.forEach(({ term, prefix }, i) => {
        for (let at = text.indexOf(term); at !== -1; at = text.indexOf(term, at + 1)) {
          if (at > 0 && text.charCodeAt(at - 1) !== 32) continue;
          const after = at + term.length;
          if (!prefix && after < text.length && text.charCodeAt(after) !== 32) continue;
          freq[i]! += weight;
        }
      });
    }
    // In fts5_aux.c's order of operations, so that both give the same doubles.
    const k1 = 1.2;
    const b = 0.75;
    let score = 0;
    for (let i = 0; i < freq.length; i++) {
      const f = freq[i]!;
      score += this.idf[i]! * ((f * (k1 + 1.0)) / (f + k1 * (1 - b + (b * tokens) / this.avgdl)));
    }
    return -1.0 * score;
  }
}

// ---- the in-memory columns ------------------------------------------------------------------------------------

/** Strings (categories, provinces, certifications) as small integer codes. */
class Dictionary {
  readonly values: string[] = [];
  private readonly codes = new Map<string, number>();

  code(value: string): number {
    let code = this.codes.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(value);
      this.codes.set(value, code);
    }
    return code;
  }

  /** The code of a value, or -1 when no product has it. */
  find(value: string): number {
    return this.codes.get(value) ?? -1;
  }
}

/** The filter and sort columns of one product, as stored in `products` (certifications from their table). */
interface ColumnValues {
  id: number;
  category: string;
  province_code: string;
  price_vnd: number;
  in_stock: number;
  ocop_stars: number | null;
  ocop_expires_at: number | null;
  cooperative_id: number;
  created_at: number;
  certifications: readonly string[];
}

const toNumber = (value: unknown): number => (value === null || value === undefined ? NaN : Number(value));

/**
 * The products table in typed arrays, one slot per product. SQL NULLs are NaN, so that every comparison with them
 * is false as in SQL. A removed product's slot stays dead until the next full load: a search that is between two
 * statements never sees a slot change owner.
 */
class ProductColumns {
  /** Slots handed out (dead ones included). */
  size = 0;
  /** Live products. */
  live = 0;
  ids = new Float64Array(0);
  alive = new Uint8Array(0);
  category = new Int32Array(0);
  province = new Int32Array(0);
  price = new Float64Array(0);
  inStock = new Uint8Array(0);
  stars = new Float64Array(0);
  expires = new Float64Array(0);
  cooperative = new Float64Array(0);
  created = new Float64Array(0);
  /** Certification bitsets, `certWords` 32-bit words per slot. */
  certWords = 1;
  certs = new Uint32Array(0);
  readonly categories = new Dictionary();
  readonly provinces = new Dictionary();
  readonly certifications = new Dictionary();
  /** id → slot + 1, for ids below DENSE_ID_LIMIT; others in `sparse`. */
  private dense = new Int32Array(0);
  private readonly sparse = new Map<number, number>();

  private isDense(id: number): boolean {
    return Number.isInteger(id) && id >= 0 && id < this.dense.length;
  }

  private every = new Int32Array(0);

  /** 0, 1, … size − 1: every slot (dead ones too), for a pass over all products. */
  allSlots(): Int32Array {
    if (this.every.length !== this.size) {
      const every = new Int32Array(this.size);
      for (let i = 0; i < every.length; i++) every[i] = i;
      this.every = every;
    }
    return this.every;
  }

  /** The slot of a live product, or -1. */
  slotOf(id: number): number {
    const dense = this.dense;
    if (id >= 0 && id < dense.length) {
      // (Undefined for an id that is no integer: that goes to the Map, like the ids that are too large.)
      const slot = dense[id];
      if (slot !== undefined) return slot - 1;
    }
    return this.sparse.get(id) ?? -1;
  }

  set(values: ColumnValues): void {
    const id = values.id;
    let slot = this.slotOf(id);
    if (slot < 0) {
      slot = this.size;
      this.grow(slot + 1);
      this.size += 1;
      this.live += 1;
      if (Number.isInteger(id) && id >= 0 && id < DENSE_ID_LIMIT) {
        if (id >= this.dense.length) {
          const dense = new Int32Array(
            Math.min(DENSE_ID_LIMIT, Math.max(id + 1, this.dense.length * 2, 1024)),
          );
          dense.set(this.dense);
          this.dense = dense;
        }
        this.dense[id] = slot + 1;
      } else this.sparse.set(id, slot);
    }
    this.ids[slot] = id;
    this.alive[slot] = 1;
    this.category[slot] = this.categories.code(String(values.category));
    this.province[slot] = this.provinces.code(String(values.province_code));
    this.price[slot] = toNumber(values.price_vnd);
    this.inStock[slot] = Number(values.in_stock) === 1 ? 1 : 0;
    this.stars[slot] = toNumber(values.ocop_stars);
    this.expires[slot] = toNumber(values.ocop_expires_at);
    this.cooperative[slot] = toNumber(values.cooperative_id);
    this.created[slot] = toNumber(values.created_at);
    this.certs.fill(0, slot * this.certWords, (slot + 1) * this.certWords);
    for (const certification of values.certifications) this.addCertification(slot, certification);
  }

  addCertification(slot: number, certification: string): void {
    const code = this.certifications.code(String(certification));
    if (code >= this.certWords * 32) {
      const words = this.certWords * 2;
      const certs = new Uint32Array(this.ids.length * words);
      for (let s = 0; s < this.size; s++)
        for (let w = 0; w < this.certWords; w++) certs[s * words + w] = this.certs[s * this.certWords + w]!;
      this.certWords = words;
      this.certs = certs;
    }
    this.certs[slot * this.certWords + (code >>> 5)]! |= 1 << (code & 31);
  }

  remove(id: number): void {
    const slot = this.slotOf(id);
    if (slot < 0) return;
    this.alive[slot] = 0;
    this.live -= 1;
    if (this.isDense(id)) this.dense[id] = 0;
    else this.sparse.delete(id);
  }

  private grow(needed: number): void {
    if (needed <= this.ids.length) return;
    const n = Math.max(needed, this.ids.length * 2, 1024);
    const copy = <T extends Float64Array | Int32Array | Uint8Array | Uint32Array>(from: T, to: T): T => {
      to.set(from);
      return to;
    };
    this.ids = copy(this.ids, new Float64Array(n));
    this.alive = copy(this.alive, new Uint8Array(n));
    this.category = copy(this.category, new Int32Array(n));
    this.province = copy(this.province, new Int32Array(n));
    this.price = copy(this.price, new Float64Array(n));
    this.inStock = copy(this.inStock, new Uint8Array(n));
    this.stars = copy(this.stars, new Float64Array(n));
    this.expires = copy(this.expires, new Float64Array(n));
    this.cooperative = copy(this.cooperative, new Float64Array(n));
    this.created = copy(this.created, new Float64Array(n));
    this.certs = copy(this.certs, new Uint32Array(n * this.certWords));
  }
}

/** Calls `visit` with the slot of each id of a group_concat(rowid) string that is a live product. */
function forEachSlot(ids: string | null | undefined, columns: ProductColumns, visit: (slot: number) => void) {
  if (!ids) return;
  let value = 0;
  let negative = false;
  for (let i = 0; i <= ids.length; i++) {
    const c = i < ids.length ? ids.charCodeAt(i) : 44;
    if (c === 44) {
      const slot = columns.slotOf(negative ? -value : value);
      if (slot >= 0) visit(slot);
      value = 0;
      negative = false;
    } else if (c === 45) negative = true;
    else value = value * 10 + (c - 48);
  }
}

/** The live slots of the ids of a group_concat(rowid) string, and how many there are. */
function slotsOf(ids: string | null | undefined, columns: ProductColumns): [Int32Array, number] {
  if (!ids) return [new Int32Array(0), 0];
  // Every id takes at least one digit and a comma.
  const slots = new Int32Array((ids.length >> 1) + 1);
  let n = 0;
  let value = 0;
  let negative = false;
  for (let i = 0; i <= ids.length; i++) {
    const c = i < ids.length ? ids.charCodeAt(i) : 44;
    if (c === 44) {
      const slot = columns.slotOf(negative ? -value : value);
      if (slot >= 0) slots[n++] = slot;
      value = 0;
      negative = false;
    } else if (c === 45) negative = true;
    else value = value * 10 + (c - 48);
  }
  return [slots, n];
}

// ---- filters and facets ---------------------------------------------------------------------------------------

/** One bit per filter; a facet counts the products that fail no filter but its own. */
const F_CATEGORY = 1;
const F_PROVINCE = 2;
const F_OCOP = 4;
const F_CERTIFICATION = 8;
const F_PRICE = 16;
const F_STOCK = 32;
const F_COOPERATIVE = 64;

interface Filters {
  /** Bits of the filters in use. */
  active: number;
  category: number;
  province: number;
  ocopMin: number;
  now: number;
  /** Word and bit of the certification in the bitsets; word -1 when no product has it. */
  certWord: number;
  certBit: number;
  priceMin: number;
  priceMax: number;
  cooperative: number;
}

const isInt = (n: unknown): n is number => typeof n === "number" && Number.isSafeInteger(n);
const isNum = (n: unknown): n is number => typeof n === "number" && Number.isFinite(n);

function compileFilters(f: SearchFilters | undefined, now: number, columns: ProductColumns): Filters {
  const filters: Filters = {
    active: 0,
    category: -1,
    province: -1,
    ocopMin: 0,
    now,
    certWord: -1,
    certBit: 0,
    priceMin: -Infinity,
    priceMax: Infinity,
    cooperative: NaN,
  };
  if (!f) return filters;
  // A value no product has gets code -1, which no slot has: the filter then passes nothing.
  if (f.category) {
    filters.active |= F_CATEGORY;
    filters.category = columns.categories.find(String(f.category));
  }
  if (f.provinceCode) {
    filters.active |= F_PROVINCE;
    filters.province = columns.provinces.find(String(f.provinceCode));
  }
  if (isNum(f.ocopMin)) {
    filters.active |= F_OCOP;
    filters.ocopMin = f.ocopMin;
  }
  if (f.certification) {
    filters.active |= F_CERTIFICATION;
    const code = columns.certifications.find(String(f.certification));
    if (code >= 0) {
      filters.certWord = code >>> 5;
      filters.certBit = 1 << (code & 31);
    }
  }
  if (isNum(f.priceMin)) {
    filters.active |= F_PRICE;
    filters.priceMin = f.priceMin;
  }
  if (isNum(f.priceMax)) {
    filters.active |= F_PRICE;
    filters.priceMax = f.priceMax;
  }
  // Only `true` filters: an unticked "in stock" box is no filter (there is no "out of stock only" view).
  if (f.inStock === true) filters.active |= F_STOCK;
  if (isInt(f.cooperativeId)) {
    filters.active |= F_COOPERATIVE;
    filters.cooperative = f.cooperativeId;
  }
  return filters;
}

/** The bits of the filters a product fails (0: it passes them all). */
function failures(c: ProductColumns, f: Filters, s: number): number {
  const active = f.active;
  if (active === 0) return 0;
  let failed = 0;
  if (active & F_CATEGORY && c.category[s] !== f.category) failed |= F_CATEGORY;
  if (active & F_PROVINCE && c.province[s] !== f.province) failed |= F_PROVINCE;
  if (active & F_OCOP && !(c.stars[s]! >= f.ocopMin && c.expires[s]! > f.now)) failed |= F_OCOP;
  if (
    active & F_CERTIFICATION &&
    (f.certWord < 0 || (c.certs[s * c.certWords + f.certWord]! & f.certBit) === 0)
  )
    failed |= F_CERTIFICATION;
  if (active & F_PRICE && !(c.price[s]! >= f.priceMin && c.price[s]! < f.priceMax)) failed |= F_PRICE;
  if (active & F_STOCK && c.inStock[s] !== 1) failed |= F_STOCK;
  if (active & F_COOPERATIVE && c.cooperative[s] !== f.cooperative) failed |= F_COOPERATIVE;
  return failed;
}

const EMPTY_COUNTS = new Int32Array(0);
/** Upper bounds of the price buckets but the last, in order. */
const PRICE_LIMITS = PRICE_BUCKETS.flatMap((b) => (b.max === null ? [] : [b.max]));

/** Facet counts: each facet counts the products that pass every filter except its own (see tally). */
class FacetCounter {
  readonly category: Int32Array;
  readonly province: Int32Array;
  readonly certification: Int32Array;
  readonly price = new Int32Array(PRICE_BUCKETS.length);
  /** Valid certificates of ≥ 3, 4, 5 stars. */
  readonly ocop = new Int32Array(3);
  inStock = 0;

  constructor(private readonly columns: ProductColumns) {
    this.category = new Int32Array(columns.categories.values.length);
    this.province = new Int32Array(columns.provinces.values.length);
    this.certification = new Int32Array(columns.certWords * 32);
  }

  result(): SearchFacets {
    const named = (counts: Int32Array, dictionary: Dictionary) => {
      const out: Record<string, number> = {};
      counts.forEach((n, code) => {
        if (n > 0) out[dictionary.values[code]!] = n;
      });
      return out;
    };
    return {
      category: named(this.category, this.columns.categories) as SearchFacets["category"],
      province: named(this.province, this.columns.provinces),
      ocopMin: { "3": this.ocop[0]!, "4": this.ocop[1]!, "5": this.ocop[2]! },
      certification: named(this.certification, this.columns.certifications),
      price: Object.fromEntries(PRICE_BUCKETS.map((b, i) => [b.key, this.price[i]!])) as Record<
        PriceBucketKey,
        number
      >,
      inStock: this.inStock,
    };
  }
}

/**
 * One pass over the products `slots[0…n)` (dead slots skipped): writes those that pass every filter to `passing`
 * (when given) and returns how many do; with `facets`, counts each product in the facets of the filters it does
 * not fail but the facet's own. A tight loop over the typed arrays (about 10 ns a product, everything in locals: it
 * is most of a facet query's work, and it runs for every kind of query, so it must stay cheap when V8 sees it
 * called every way).
 */
function tally(
  c: ProductColumns,
  f: Filters,
  slots: Int32Array,
  n: number,
  facets: FacetCounter | null,
  passing: Int32Array | null,
): number {
  const { alive, category, province, stars, expires, certs, certWords, price, inStock, cooperative } = c;
  const { active, now, ocopMin, priceMin, priceMax, certWord, certBit } = f;
  const wantCategory = f.category;
  const wantProvince = f.province;
  const wantCooperative = f.cooperative;
  const counting = facets !== null;
  const categoryCounts = facets ? facets.category : EMPTY_COUNTS;
  const provinceCounts = facets ? facets.province : EMPTY_COUNTS;
  const certificationCounts = facets ? facets.certification : EMPTY_COUNTS;
  const priceCounts = facets ? facets.price : EMPTY_COUNTS;
  const limits = PRICE_LIMITS;
  let ocop3 = 0;
  let ocop4 = 0;
  let ocop5 = 0;
  let stocked = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const s = slots[i]!;
    if (alive[s] !== 1) continue;
    let failed = 0;
    if (active !== 0) {
      if (active & F_CATEGORY && category[s] !== wantCategory) failed |= F_CATEGORY;
      if (active & F_PROVINCE && province[s] !== wantProvince) failed |= F_PROVINCE;
      if (active & F_OCOP && !(stars[s]! >= ocopMin && expires[s]! > now)) failed |= F_OCOP;
      if (active & F_CERTIFICATION && (certWord < 0 || (certs[s * certWords + certWord]! & certBit) === 0))
        failed |= F_CERTIFICATION;
      if (active & F_PRICE && !(price[s]! >= priceMin && price[s]! < priceMax)) failed |= F_PRICE;
      if (active & F_STOCK && inStock[s] !== 1) failed |= F_STOCK;
      if (active & F_COOPERATIVE && cooperative[s] !== wantCooperative) failed |= F_COOPERATIVE;
    }
    if (failed === 0) {
      if (passing !== null) passing[total] = s;
      total += 1;
    }
    // Failing two filters or more: in no facet.
    if (!counting || (failed & (failed - 1)) !== 0) continue;
    if (failed === 0 || failed === F_CATEGORY) categoryCounts[category[s]!]! += 1;
    if (failed === 0 || failed === F_PROVINCE) provinceCounts[province[s]!]! += 1;
    if (failed === 0 || failed === F_CERTIFICATION) {
      for (let w = 0; w < certWords; w++) {
        let bits = certs[s * certWords + w]!;
        while (bits !== 0) {
          certificationCounts[w * 32 + 31 - Math.clz32(bits & -bits)]! += 1;
          bits &= bits - 1;
        }
      }
    }
    if (failed === 0 || failed === F_PRICE) {
      const p = price[s]!;
      let bucket = 0;
      while (bucket < limits.length && !(p < limits[bucket]!)) bucket++;
      priceCounts[bucket]! += 1;
    }
    if ((failed === 0 || failed === F_OCOP) && expires[s]! > now) {
      const st = stars[s]!;
      if (st >= 3) ocop3 += 1;
      if (st >= 4) ocop4 += 1;
      if (st >= 5) ocop5 += 1;
    }
    if ((failed === 0 || failed === F_STOCK) && inStock[s] === 1) stocked += 1;
  }
  if (facets) {
    facets.ocop[0]! += ocop3;
    facets.ocop[1]! += ocop4;
    facets.ocop[2]! += ocop5;
    facets.inStock += stocked;
  }
  return total;
}

/** The first `k` of `count` slots in the order `before` (a strict total order), best first. */
function firstK(
  slots: Int32Array,
  count: number,
  k: number,
  before: (a: number, b: number) => boolean,
): number[] {
  if (k <= 0 || count === 0) return [];
  if (k > 1024 || k * 8 > count) {
    const all = Array.from(slots.subarray(0, count));
    all.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
    return all.slice(0, k);
  }
  // A sorted window of the best k so far; most slots lose to its last and cost one comparison.
  const top: number[] = [];
  for (let i = 0; i < count; i++) {
    const s = slots[i]!;
    if (top.length === k && !before(s, top[k - 1]!)) continue;
    let lo = 0;
    let hi = top.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (before(top[mid]!, s)) lo = mid + 1;
      else hi = mid;
    }
    top.splice(lo, 0, s);
    if (top.length > k) top.pop();
  }
  return top;
}

/** The order of a non-relevance sort (and of a browse), as "a comes before b". */
function sortOrder(c: ProductColumns, sort: Sort): (a: number, b: number) => boolean {
  const ids = c.ids;
  if (sort === "price_asc") {
    const price = c.price;
    return (a, b) => (price[a] !== price[b] ? price[a]! < price[b]! : ids[a]! < ids[b]!);
  }
  if (sort === "price_desc") {
    const price = c.price;
    return (a, b) => (price[a] !== price[b] ? price[a]! > price[b]! : ids[a]! < ids[b]!);
  }
  const created = c.created;
  return (a, b) => (created[a] !== created[b] ? created[a]! > created[b]! : ids[a]! > ids[b]!);
}

// ---- the engine -----------------------------------------------------------------------------------------------

interface TextRow {
  id: number;
  name_vi: string;
  name_en: string | null;
  description_vi: string;
  description_en: string | null;
}

/** What the relevance steps know of the name matches. */
interface NameTiers {
  columns: ProductColumns;
  /** Tier by slot (0: the name does not match the whole query). */
  tier: Int32Array;
  /** Slots of the name matches. */
  slots: number[];
  /** products_fts's row and token counts, for bm25. */
  averages: Averages | null;
}

export class EmbeddedSearchEngine implements SearchEngine {
  readonly name = "embedded";
  private readonly path: string;
  private readonly cacheMb: number;
  private db: sqlite3.Database | null = null;
  private ready: Promise<void> | null = null;
  /** Writes (and loads of the columns) run one after another: a transaction is several statements on one connection. */
  private writeTail: Promise<unknown> = Promise.resolve();
  /** Bumped after every committed write: a vocabulary of an older generation is read again (see vocabulary()). */
  private generation = 0;
  private vocab: { generation: number; readAt: number; promise: Promise<Vocabulary> } | null = null;
  private readonly statements = new Map<string, sqlite3.Statement>();
  /** The in-memory columns, and the `data_version` they were loaded at. */
  private columns: ProductColumns | null = null;
  private columnsVersion = -1;
  private columnsReadAt = 0;
  private loading: Promise<ProductColumns> | null = null;

  constructor(options: EmbeddedSearchOptions) {
    this.path = options.path;
    this.cacheMb = options.cacheMb ?? 64;
  }

  // ---- connection helpers -------------------------------------------------------------------------------------

  private connection(): sqlite3.Database {
    if (!this.db) throw new Error("EmbeddedSearchEngine is closed");
    return this.db;
  }

  private exec(sql: string): Promise<void> {
    return new Promise((resolve, reject) =>
      this.connection().exec(sql, (err) => (err ? reject(err) : resolve())),
    );
  }

  private run(sql: string, params: Params = {}): Promise<void> {
    return new Promise((resolve, reject) =>
      this.connection().run(sql, params, (err) => (err ? reject(err) : resolve())),
    );
  }

  private all<T>(sql: string, params: Params = {}): Promise<T[]> {
    return new Promise((resolve, reject) =>
      this.connection().all<T>(sql, params, (err, rows) => (err ? reject(err) : resolve(rows))),
    );
  }

  /** Runs a search statement through a small cache of prepared statements (the SQL depends on the query shape). */
  private allPrepared<T>(sql: string, params: Params = {}): Promise<T[]> {
    let statement = this.statements.get(sql);
    if (statement) {
      // Move to the back: the map's order is the least recently used first.
      this.statements.delete(sql);
      this.statements.set(sql, statement);
    } else {
      statement = this.connection().prepare(sql);
      this.statements.set(sql, statement);
      if (this.statements.size > STATEMENT_CACHE) {
        const [oldestSql, oldest] = this.statements.entries().next().value!;
        this.statements.delete(oldestSql);
        oldest.finalize();
      }
    }
    const stmt = statement;
    return new Promise((resolve, reject) =>
      stmt.all<T>(params, (err, rows) => (err ? reject(err) : resolve(rows))),
    );
  }

  /** Runs `work` after every queued write (and queues what comes next behind it). */
  private serialized<T>(work: () => Promise<T>): Promise<T> {
    const run = this.writeTail.then(work);
    this.writeTail = run.catch(() => undefined);
    return run;
  }

  /**
   * One write transaction at a time; searches on the connection meanwhile see either state. `committed` runs once
   * the transaction has committed (it updates the in-memory columns).
   */
  private write(work: () => Promise<void>, committed: (columns: ProductColumns) => void): Promise<void> {
    return this.serialized(async () => {
      await this.exec("BEGIN IMMEDIATE");
      try {
        await work();
        await this.exec("COMMIT");
      } catch (error) {
        await this.exec("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        this.generation += 1;
      }
      if (this.columns) committed(this.columns);
    });
  }

  // ---- lifecycle ----------------------------------------------------------------------------------------------

  ensureReady(): Promise<void> {
    this.ready ??= this.open().catch((error: unknown) => {
      this.ready = null;
      throw error;
    });
    return this.ready;
  }

  private async open(): Promise<void> {
    if (!this.db) {
      this.db = await new Promise<sqlite3.Database>((resolve, reject) => {
        const db = new sqlite3.Database(this.path, sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE, (err) =>
          err ? reject(err) : resolve(db),
        );
      });
      // Another process (a reindex script) may hold the write lock for a moment.
      this.db.configure("busyTimeout", 30_000);
    }
    if (this.path !== ":memory:") await this.exec("PRAGMA journal_mode = WAL");
    await this.exec(
      `PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY; PRAGMA cache_size = ${-Math.round(this.cacheMb * 1024)};`,
    );
    await this.exec(SCHEMA);
  }

  async close(): Promise<void> {
    await this.writeTail;
    const db = this.db;
    if (!db) return;
    for (const statement of this.statements.values()) statement.finalize();
    this.statements.clear();
    this.db = null;
    this.ready = null;
    this.vocab = null;
    this.columns = null;
    this.columnsVersion = -1;
    await new Promise<void>((resolve, reject) => db.close((err) => (err ? reject(err) : resolve())));
  }

  // ---- writes -------------------------------------------------------------------------------------------------

  async upsert(documents: ProductDocument[]): Promise<void> {
    if (documents.length === 0) return;
    await this.ensureReady();
    // The last version of an id wins within one call.
    const rows = [...new Map(documents.map((d) => [d.id, toRow(d)])).values()];
    await this.write(
      async () => {
        for (let i = 0; i < rows.length; i += WRITE_CHUNK) {
          const chunk = rows.slice(i, i + WRITE_CHUNK);
          const ids = JSON.stringify(chunk.map((r) => r.id));
          await this.deleteRows(ids);
          // Each statement reads a JSON array of arrays of its own columns only (json_each parses it once).
          const insert = (table: string, columns: readonly string[], values: unknown[][], verb = "INSERT") =>
            this.run(
              `${verb} INTO ${table} (${columns.join(", ")})
               SELECT ${columns.map((_, k) => `value ->> ${k}`).join(", ")} FROM json_each($rows)`,
              { $rows: JSON.stringify(values) },
            );
          const productColumns = [
            "id",
            "category",
            "province_code",
            "price_vnd",
            "in_stock",
            "ocop_stars",
            "ocop_expires_at",
            "cooperative_id",
            "created_at",
          ] as const;
          await insert(
            "products",
            productColumns,
            chunk.map((r) => productColumns.map((c) => r[c])),
          );
          const textColumns = [
            "id",
            "name_terms",
            "name",
            "labels",
            "cooperative",
            "description",
            "name_vi",
            "name_en",
            "description_vi",
            "description_en",
          ] as const;
          await insert(
            "product_texts",
            textColumns,
            chunk.map((r) => textColumns.map((c) => r[c])),
          );
          const certifications = chunk.flatMap((r) => r.certifications.map((c) => [r.id, c]));
          if (certifications.length > 0) {
            await insert(
              "product_certifications",
              ["product_id", "certification"],
              certifications,
              "INSERT OR IGNORE",
            );
          }
          await this.run(
            `INSERT INTO products_fts (rowid, name, labels, cooperative, description)
             SELECT id, name, labels, cooperative, description FROM product_texts
             WHERE id IN (SELECT value FROM json_each($ids))`,
            { $ids: ids },
          );
          await this.run(
            `INSERT INTO products_names (rowid, name_terms)
             SELECT id, name_terms FROM product_texts WHERE id IN (SELECT value FROM json_each($ids))`,
            { $ids: ids },
          );
        }
      },
      (columns) => {
        for (const row of rows) columns.set(row);
      },
    );
  }

  /** Deletes products (ids as a JSON array), their FTS entries first: external content needs the old values. */
  private async deleteRows(ids: string): Promise<void> {
    const p = { $ids: ids };
    await this.run(
      `INSERT INTO products_fts (products_fts, rowid, name, labels, cooperative, description)
       SELECT 'delete', id, name, labels, cooperative, description FROM product_texts
       WHERE id IN (SELECT value FROM json_each($ids))`,
      p,
    );
    await this.run(
      `INSERT INTO products_names (products_names, rowid, name_terms)
       SELECT 'delete', id, name_terms FROM product_texts WHERE id IN (SELECT value FROM json_each($ids))`,
      p,
    );
    await this.run(`DELETE FROM product_texts WHERE id IN (SELECT value FROM json_each($ids))`, p);
    await this.run(
      `DELETE FROM product_certifications WHERE product_id IN (SELECT value FROM json_each($ids))`,
      p,
    );
    await this.run(`DELETE FROM products WHERE id IN (SELECT value FROM json_each($ids))`, p);
  }

  async remove(ids: number[]): Promise<void> {
    const valid = ids.filter(isInt);
    if (valid.length === 0) return;
    await this.ensureReady();
    await this.write(
      async () => {
        for (let i = 0; i < valid.length; i += WRITE_CHUNK)
          await this.deleteRows(JSON.stringify(valid.slice(i, i + WRITE_CHUNK)));
      },
      (columns) => {
        for (const id of valid) columns.remove(id);
      },
    );
  }

  async reset(): Promise<void> {
    await this.ensureReady();
    await this.write(
      async () => {
        await this.run(`INSERT INTO products_fts (products_fts) VALUES ('delete-all')`);
        await this.run(`INSERT INTO products_names (products_names) VALUES ('delete-all')`);
        await this.run(`DELETE FROM product_texts`);
        await this.run(`DELETE FROM product_certifications`);
        await this.run(`DELETE FROM products`);
      },
      () => {
        this.columns = new ProductColumns();
      },
    );
  }

  /** Merges the FTS index into one segment: worth it after a full reindex (queries read fewer b-trees). */
  async optimize(): Promise<void> {
    await this.ensureReady();
    await this.write(
      async () => {
        await this.run(`INSERT INTO products_fts (products_fts) VALUES ('optimize')`);
        await this.run(`INSERT INTO products_names (products_names) VALUES ('optimize')`);
      },
      () => undefined,
    );
  }

  async count(): Promise<number> {
    await this.ensureReady();
    const rows = await this.all<{ n: number }>(`SELECT count(*) AS n FROM products`);
    return rows[0]?.n ?? 0;
  }

  // ---- the in-memory columns ----------------------------------------------------------------------------------

  /**
   * The columns as of `dataVersion` (read by the caller's statement): loaded again if another connection wrote,
   * but at most once per COLUMNS_STALE_MS (a reload takes about 0.3 s at 100,000 products, and another process's
   * reindex commits every batch).
   */
  private columnsAt(dataVersion: number): ProductColumns | Promise<ProductColumns> {
    if (this.columns) {
      if (this.columnsVersion === dataVersion) return this.columns;
      if (performance.now() - this.columnsReadAt <= COLUMNS_STALE_MS) return this.columns;
    }
    if (!this.loading) {
      const loading = this.serialized(() => this.loadColumns());
      this.loading = loading;
      const done = () => {
        if (this.loading === loading) this.loading = null;
      };
      loading.then(done, done);
    }
    return this.loading;
  }

  private async loadColumns(): Promise<ProductColumns> {
    // Read before the rows: a commit by another connection in between makes the next search load again.
    const [version] = await this.all<{ v: number }>(`SELECT data_version AS v FROM pragma_data_version()`);
    const [p] = await this.all<Record<string, string>>(
      `SELECT json_group_array(id) AS id, json_group_array(category) AS category,
         json_group_array(province_code) AS province_code, json_group_array(price_vnd) AS price_vnd,
         json_group_array(in_stock) AS in_stock, json_group_array(ocop_stars) AS ocop_stars,
         json_group_array(ocop_expires_at) AS ocop_expires_at, json_group_array(cooperative_id) AS cooperative_id,
         json_group_array(created_at) AS created_at
       FROM products`,
    );
    const [c] = await this.all<{ product: string; certification: string }>(
      `SELECT json_group_array(product_id) AS product, json_group_array(certification) AS certification
       FROM product_certifications`,
    );
    const column = (name: string) => JSON.parse(p![name]!) as unknown[];
    const ids = column("id") as number[];
    const category = column("category") as string[];
    const province = column("province_code") as string[];
    const price = column("price_vnd") as number[];
    const inStock = column("in_stock") as number[];
    const stars = column("ocop_stars") as Array<number | null>;
    const expires = column("ocop_expires_at") as Array<number | null>;
    const cooperative = column("cooperative_id") as number[];
    const created = column("created_at") as number[];
    const columns = new ProductColumns();
    for (let i = 0; i < ids.length; i++) {
      columns.set({
        id: ids[i]!,
        category: category[i]!,
        province_code: province[i]!,
        price_vnd: price[i]!,
        in_stock: inStock[i]!,
        ocop_stars: stars[i]!,
        ocop_expires_at: expires[i]!,
        cooperative_id: cooperative[i]!,
        created_at: created[i]!,
        certifications: [],
      });
    }
    const products = JSON.parse(c!.product) as number[];
    const certifications = JSON.parse(c!.certification) as string[];
    for (let i = 0; i < products.length; i++) {
      const slot = columns.slotOf(products[i]!);
      if (slot >= 0) columns.addCertification(slot, certifications[i]!);
    }
    // Another connection's writes may have changed the terms too.
    if (this.columns) this.generation += 1;
    this.columns = columns;
    this.columnsVersion = version!.v;
    this.columnsReadAt = performance.now();
    return columns;
  }

  // ---- search -------------------------------------------------------------------------------------------------

  /**
   * The index's terms. Reading them costs a pass over the whole FTS index (about 0.2 s at 100,000 products, with
   * the connection busy meanwhile), so after writes the last one read serves for up to VOCABULARY_STALE_MS: a new
   * word is a typo-correction target, and document counts are exact for bm25, that much later.
   */
  private vocabulary(): Promise<Vocabulary> {
    const cached = this.vocab;
    if (
      cached &&
      (cached.generation === this.generation || performance.now() - cached.readAt <= VOCABULARY_STALE_MS)
    ) {
      return cached.promise;
    }
    const generation = this.generation;
    const promise = this.all<{ term: string; doc: number }>(`SELECT term, doc FROM products_vocab`).then(
      buildVocabulary,
    );
    this.vocab = { generation, readAt: performance.now(), promise };
    promise.catch(() => {
      if (this.vocab?.promise === promise) this.vocab = null;
    });
    return promise;
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    await this.ensureReady();
    const page = isInt(query.page) && query.page >= 1 ? query.page : 1;
    const perPage =
      isInt(query.perPage) && query.perPage >= 1 ? Math.min(query.perPage, MAX_PER_PAGE) : DEFAULT_PER_PAGE;
    const now = isNum(query.now) ? query.now : Date.now();
    const sort: Sort = query.sort ?? "relevance";
    const parsed = parseQuery(query.q);
    const result = (hits: SearchHit[], total: number, facets: SearchFacets | null): SearchResult => ({
      hits,
      total,
      page,
      perPage,
      facets: query.facets ? facets : null,
      engine: this.name,
    });
    const offset = (page - 1) * perPage;
    const end = offset + perPage;

    if (parsed.units.length === 0) {
      // Browse: the columns alone.
      const [{ dv }] = (await this.allPrepared<{ dv: number }>(
        `SELECT data_version AS dv FROM pragma_data_version()`,
      )) as [{ dv: number }];
      const columns = await this.columnsAt(dv);
      const filters = compileFilters(query.filters, now, columns);
      const facets = query.facets ? new FacetCounter(columns) : null;
      const passing = new Int32Array(columns.size);
      const total = tally(columns, filters, columns.allSlots(), columns.size, facets, passing);
      const top = firstK(passing, total, end, sortOrder(columns, sort === "relevance" ? "newest" : sort));
      const hits = top.slice(offset).map((s) => ({ id: columns.ids[s]!, highlights: {} }));
      return result(hits, total, facets?.result() ?? null);
    }

    const vocab = await this.vocabulary();
    const typos = typoCorrections(parsed, vocab);
    const match = parsed.units.map((u) => unitExpression(u, typos, true)).join(" AND ");
    let columns: ProductColumns;
    let pageSlots: number[];
    let total = 0;
    let facets: FacetCounter | null = null;
    /** The originals of the page's hits, when they came with an earlier statement. */
    let originals: Map<number, TextRow> | null = null;

    if (sort !== "relevance") {
      const [row] = await this.allPrepared<{ dv: number; ids: string | null }>(
        `SELECT (SELECT data_version FROM pragma_data_version()) AS dv,
           (SELECT group_concat(rowid) FROM products_fts WHERE products_fts MATCH $match) AS ids`,
        { $match: match },
      );
      columns = await this.columnsAt(row!.dv);
      const filters = compileFilters(query.filters, now, columns);
      facets = query.facets ? new FacetCounter(columns) : null;
      const [slots, n] = slotsOf(row!.ids, columns);
      const passing = new Int32Array(n);
      total = tally(columns, filters, slots, n, facets, passing);
      pageSlots = firstK(passing, total, end, sortOrder(columns, sort)).slice(offset);
    } else {
      const names = await this.nameTiers(parsed, typos, vocab);
      columns = names.columns;
      const { tier } = names;
      const filters = compileFilters(query.filters, now, columns);
      // How far down the tiers the page reaches: the tier of its last row among the name matches, if they fill it.
      const ranked = names.slots.filter((s) => failures(columns, filters, s) === 0);
      let bound = 0;
      if (ranked.length >= end) {
        const tiers = Int32Array.from(ranked, (s) => tier[s]!).sort();
        bound = tiers[tiers.length - end]!;
      }
      const score = new Map<number, number>();
      /** Totals and facets over the match set; the slots that pass the filters. */
      const countMatches = (ids: string | null): [Int32Array, number] => {
        facets = query.facets ? new FacetCounter(columns) : null;
        const [slots, n] = slotsOf(ids, columns);
        const passing = new Int32Array(n);
        total = tally(columns, filters, slots, n, facets, passing);
        return [passing, total];
      };
      // Scores from FTS5's bm25() for the matches in `filter` ("LIMIT -1" keeps bm25 out of the aggregate).
      const scoresFrom = (filter = "") => `(SELECT group_concat(x) FROM (
          SELECT rowid || ' ' || printf('%.17g', ${BM25}) AS x FROM products_fts WHERE products_fts MATCH $match ${filter}
          LIMIT -1))`;
      const scoresOf = (scores: string | null) => {
        if (!scores) return;
        for (const entry of scores.split(",")) {
          const space = entry.indexOf(" ");
          const s = columns.slotOf(Number(entry.slice(0, space)));
          // (A product added since the name tiers were read has no tier: it waits for the next search.)
          if (s >= 0 && s < tier.length && failures(columns, filters, s) === 0)
            score.set(s, Number(entry.slice(space + 1)));
        }
      };
      if (bound > 0) {
        // The page is within the name tiers: bm25 for the rows of the tiers it reaches only, computed here from
        // their folded text (FTS5's bm25 would first read every phrase's whole doclist for its IDF, and scan the
        // whole match set again: most of the time of a broad query). "+rowid": a filter on the FTS scan, not a
        // constraint (which would run the full-text query again for each id).
        const lean = filters.active === 0 && !query.facets;
        const candidates = ranked.filter((s) => tier[s]! >= bound).map((s) => columns.ids[s]!);
        // Very many candidates (a very common word): FTS5 scores them, rather than their text coming over.
        const inJs = candidates.length <= MAX_JS_SCORED;
        // Few candidates: their originals come along, and the page needs no statement of its own.
        const eager = candidates.length <= EAGER_ORIGINALS;
        const candidateTexts = (select: string) =>
          `(SELECT ${select} FROM product_texts WHERE id IN (SELECT value FROM json_each($candidates)))`;
        // A prefix phrase's row count, for its IDF: the vocabulary's when no longer term starts with it.
        const prefixPhrase = matchPhrases(parsed, typos).find((p) => p.prefix);
        const prefix = prefixPhrase && hasPrefix(vocab, prefixPhrase.term, true) ? prefixPhrase : undefined;
        const [row] = await this.allPrepared<{
          n: number;
          ids: string | null;
          texts: string | null;
          originals: string;
          scores: string | null;
          prefixHits: number | null;
        }>(
          `SELECT ${
            inJs && prefix
              ? `(SELECT count(*) FROM products_fts WHERE products_fts MATCH $prefix) AS prefixHits, `
              : ""
          }${
            lean
              ? `(SELECT count(*) FROM products_fts WHERE products_fts MATCH $match) AS n`
              : `(SELECT group_concat(rowid) FROM products_fts WHERE products_fts MATCH $match) AS ids`
          }, ${
            inJs
              ? `${candidateTexts(
                  `group_concat(id || char(9) || name || char(9) || labels || char(9) || cooperative || char(9)
                     || description, char(10))`,
                )} AS texts`
              : `${scoresFrom("AND +rowid IN (SELECT value FROM json_each($candidates))")} AS scores`
          }${
            eager
              ? `, ${candidateTexts(
                  "json_group_array(json_array(id, name_vi, name_en, description_vi, description_en))",
                )} AS originals`
              : ""
          }`,
          {
            $match: match,
            $candidates: JSON.stringify(candidates),
            ...(inJs && prefix ? { $prefix: ftsString(prefix.term, true) } : {}),
          },
        );
        if (lean) total = row!.n;
        else countMatches(row!.ids);
        if (eager) {
          originals = new Map();
          for (const [id, name_vi, name_en, description_vi, description_en] of JSON.parse(
            row!.originals,
          ) as Array<[number, string, string | null, string, string | null]>) {
            originals.set(id, { id, name_vi, name_en, description_vi, description_en });
          }
        }
        if (!inJs) scoresOf(row!.scores);
        const prefixHits = row!.prefixHits ?? (prefixPhrase ? (vocab.docs.get(prefixPhrase.term) ?? 0) : 0);
        const bm25 = new Bm25(matchPhrases(parsed, typos), vocab, names.averages, prefixHits);
        for (const line of row!.texts ? row!.texts.split("\n") : []) {
          const fields = line.split("\t");
          const s = columns.slotOf(Number(fields[0]));
          if (s >= 0 && s < tier.length) score.set(s, bm25.score(fields));
        }
      } else {
        // The page reaches the rows outside the name tiers: every match that passes the filters is scored, by
        // FTS5. Without filters that is also the match set.
        if (filters.active === 0) {
          const [row] = await this.allPrepared<{ scores: string | null }>(
            `SELECT ${scoresFrom()} AS scores`,
            {
              $match: match,
            },
          );
          scoresOf(row!.scores);
          const slots = Int32Array.from(score.keys());
          facets = query.facets ? new FacetCounter(columns) : null;
          total = tally(columns, filters, slots, slots.length, facets, null);
        } else {
          const [row] = await this.allPrepared<{ ids: string | null }>(
            `SELECT group_concat(rowid) AS ids FROM products_fts WHERE products_fts MATCH $match`,
            { $match: match },
          );
          const [slots, n] = countMatches(row!.ids);
          const passing = Array.from(slots.subarray(0, n), (s) => columns.ids[s]!);
          if (passing.length > 0) {
            const [scores] = await this.allPrepared<{ scores: string | null }>(
              `SELECT ${scoresFrom("AND +rowid IN (SELECT value FROM json_each($ids))")} AS scores`,
              { $match: match, $ids: JSON.stringify(passing) },
            );
            scoresOf(scores!.scores);
          }
        }
      }
      const scored = Int32Array.from(score.keys());
      const created = columns.created;
      const ids = columns.ids;
      pageSlots = firstK(scored, scored.length, end, (a, b) => {
        if (tier[a] !== tier[b]) return tier[a]! > tier[b]!;
        const sa = score.get(a)!;
        const sb = score.get(b)!;
        if (sa !== sb) return sa < sb;
        return created[a] !== created[b] ? created[a]! > created[b]! : ids[a]! > ids[b]!;
      }).slice(offset);
    }

    // The originals of the page's hits, to highlight them.
    const pageIds = pageSlots.map((s) => columns.ids[s]!);
    const byId =
      (originals as Map<number, TextRow> | null) ??
      new Map(
        (pageIds.length === 0
          ? []
          : await this.allPrepared<TextRow>(
              `SELECT id, name_vi, name_en, description_vi, description_en FROM product_texts
               WHERE id IN (SELECT value FROM json_each($ids))`,
              { $ids: JSON.stringify(pageIds) },
            )
        ).map((t) => [t.id, t]),
      );
    const matcher = termMatcher(parsed, [...typos.values()].flat());
    const en = query.locale === "en";
    const hits = pageIds.map((id): SearchHit => {
      const text = byId.get(id);
      const highlights: SearchHit["highlights"] = {};
      if (text) {
        const name = highlightText(en && text.name_en ? text.name_en : text.name_vi, matcher);
        const description = highlightSnippet(
          en && text.description_en ? text.description_en : text.description_vi,
          matcher,
        );
        if (name) highlights.name = name;
        if (description) highlights.description = description;
      }
      return { id, highlights };
    });
    return result(hits, total, (facets as FacetCounter | null)?.result() ?? null);
  }

  /**
   * The name matches and their relevance tiers (see TIER_*), from products_names: one rowid set for the whole
   * query in the name, and one per feature that tells name matches apart; all in one statement, with the
   * `data_version` the columns are checked against.
   */
  private async nameTiers(
    parsed: ParsedQuery,
    typos: Map<string, string[]>,
    vocab: Vocabulary,
  ): Promise<NameTiers> {
    const sets: Array<{ expression: string; weight: number }> = [];
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
    const inName = parsed.units.map((u) => unitExpression(u, typos, true, "n")).join(" AND ");
    const params: Params = { $s0: inName };
    // (Each feature's set alone: cheaper to read than restricted to the name matches, which it is here below.)
    sets.forEach((set, i) => (params[`$s${i + 1}`] = set.expression));
    const [row] = await this.allPrepared<Record<string, string | number | Buffer | null>>(
      `SELECT (SELECT data_version FROM pragma_data_version()) AS dv,
         (SELECT block FROM products_fts_data WHERE id = 1) AS averages, ${Object.keys(params)
           .map(
             (p) =>
               `(SELECT group_concat(rowid) FROM products_names WHERE products_names MATCH ${p}) AS ${p.slice(1)}`,
           )
           .join(", ")}`,
      params,
    );
    const columns = await this.columnsAt(row!.dv as number);
    const tier = new Int32Array(columns.size);
    const slots: number[] = [];
    // The category labels' part, by category code.
    const byCategory = columns.categories.values.map((c) => TIER_CATEGORY * categoryScore(c, parsed, typos));
    const base = TIER_NAME + TIER_LITERAL * literalEverywhere;
    forEachSlot(row!.s0 as string | null, columns, (s) => {
      tier[s] = base + byCategory[columns.category[s]!]!;
      slots.push(s);
    });
    sets.forEach((set, i) =>
      forEachSlot(row![`s${i + 1}`] as string | null, columns, (s) => {
        if (tier[s]! > 0) tier[s]! += set.weight;
      }),
    );
    return { columns, tier, slots, averages: readAverages(row!.averages as Buffer | null) };
  }
}
