/**
 * The embedded search engine: SQLite FTS5 in a database file of its own (so it serves the MySQL deployment too),
 * through node-sqlite3 on one connection.
 *
 * Text is indexed folded (foldVietnamese, then only [a-z0-9] tokens), so "dinh lang" and "đinh lăng" are the same
 * terms; the names' marked words are indexed apart to rank tone-exact matches first.
 *
 * Tables:
 * - products: the narrow filter/sort columns only, so facet scans read few pages;
 * - product_certifications: one row per (product, certification);
 * - product_texts: originals (for highlights), and the folded columns and marked-word list that the two FTS
 *   tables index as their external content (so each text is stored once);
 * - products_fts: FTS5 over the folded text, bm25 weights name 10, labels 4, cooperative 2, description 1;
 * - products_names: FTS5 over the names alone, rowids only (detail=none, cheap to read): folded words prefixed "n"
 *   ("nmien"), and words that carry marks prefixed "m" and encoded in ASCII ("miến" → "mmix062nn"). It answers
 *   "does the whole query match the name" and "which names have miến (not miền)" without reading positions;
 * - products_vocab: fts5vocab over products_fts, read into memory for typo tolerance.
 */
import sqlite3 from "sqlite3";
import { foldVietnamese } from "../../app/lib/text";
import {
  highlightSnippet,
  highlightText,
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
  type SearchHit,
  type SearchQuery,
  type SearchResult,
  type Sort,
} from "./types";

export interface EmbeddedSearchOptions {
  /** Database file, or ":memory:" (tests). */
  path: string;
  /** SQLite page cache, in MiB (default 64): the FTS index and the filter columns of 100k products fit. */
  cacheMb?: number;
}

const DEFAULT_PER_PAGE = 24;
const MAX_PER_PAGE = 100;
/** bm25 column weights, in the FTS column order: name, labels, cooperative, description. */
const BM25 = "bm25(products_fts, 10.0, 4.0, 2.0, 1.0)";
/** Typo corrections kept per token: the most frequent terms within one edit. */
const MAX_TYPO_CANDIDATES = 5;
/** Rows per INSERT … SELECT FROM json_each(?) while indexing. */
const WRITE_CHUNK = 1000;
/** Prepared search statements kept (keyed by their SQL, which depends only on the query's shape). */
const STATEMENT_CACHE = 64;

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
CREATE INDEX IF NOT EXISTS products_newest ON products (created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS products_price ON products (price_vnd, id);
CREATE INDEX IF NOT EXISTS products_category ON products (category);
CREATE INDEX IF NOT EXISTS products_province ON products (province_code);
CREATE INDEX IF NOT EXISTS products_cooperative ON products (cooperative_id);
CREATE TABLE IF NOT EXISTS product_certifications (
  product_id INTEGER NOT NULL,
  certification TEXT NOT NULL,
  PRIMARY KEY (product_id, certification)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS product_certifications_by_name ON product_certifications (certification, product_id);
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

/** One product as the INSERT … FROM json_each statements read it. */
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

/**
 * A marked word as one ASCII token, injectively: a-w, y, z and digits stay, anything else (x included) becomes
 * "x" and four base-36 digits of its code point. "miến" → "mix062nn", "miền" → "mix062jn".
 */
export function markToken(word: string): string {
  let out = "";
  for (const ch of lowerVi(word)) {
    out += /[a-wyz0-9]/.test(ch) ? ch : `x${ch.codePointAt(0)!.toString(36).padStart(4, "0")}`;
  }
  return out;
}

/** The words of a text that carry marks ("Trà Tân Cương móc câu" → trà tân cương câu), as mark tokens. */
function markedWords(...texts: Array<string | null | undefined>): string[] {
  const words = new Set<string>();
  for (const text of texts) {
    if (!text) continue;
    for (const m of lowerVi(text).matchAll(WORD))
      if (foldVietnamese(m[0]) !== m[0]) words.add(markToken(m[0]));
  }
  return [...words];
}

/** Folded text as indexed: [a-z0-9] tokens separated by single spaces. */
function folded(...texts: Array<string | null | undefined>): string {
  return texts
    .filter((t): t is string => !!t)
    .flatMap(foldedTokens)
    .join(" ");
}

function toRow(doc: ProductDocument): Row {
  const labels = CATEGORY_LABELS[doc.category] ?? { vi: "", en: "" };
  const labelText = [...doc.tags, labels.vi, labels.en].join(" , ");
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
      ...new Set(foldedTokens([doc.nameVi, doc.nameEn].join(" ")).map((t) => `n${t}`)),
      ...markedWords(doc.nameVi, doc.nameEn).map((t) => `m${t}`),
    ].join(" "),
    name: folded(doc.nameVi, doc.nameEn),
    // Tags and category labels, plus the synonyms of any synonym phrase in them ("Chè, trà" adds "tea").
    labels: folded(labelText, ...expandSynonymsOf(labelText)),
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

/** Whether some indexed term starts with `prefix` (with `longer`: some term other than `prefix` itself). */
function hasPrefix(vocab: Vocabulary, prefix: string, longer = false): boolean {
  let lo = 0;
  let hi = vocab.sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (vocab.sorted[mid]! < prefix) lo = mid + 1;
    else hi = mid;
  }
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

type FilterKey = "category" | "province" | "ocop" | "certification" | "price" | "stock" | "cooperative";

/** SQL text with named parameters ($name), collected as they are used. */
class Sql {
  readonly params: Params = {};
  param(name: string, value: SqlValue): string {
    this.params[`$${name}`] = value;
    return `$${name}`;
  }
}

const isInt = (n: unknown): n is number => typeof n === "number" && Number.isSafeInteger(n);
const isNum = (n: unknown): n is number => typeof n === "number" && Number.isFinite(n);

function emptyFacets(): SearchFacets {
  return {
    category: {},
    province: {},
    ocopMin: { "3": 0, "4": 0, "5": 0 },
    certification: {},
    price: Object.fromEntries(PRICE_BUCKETS.map((b) => [b.key, 0])) as Record<PriceBucketKey, number>,
    inStock: 0,
  };
}

interface ResultRow {
  kind: "hit" | "agg" | "category" | "province" | "certification" | "price";
  k: string | null;
  n: number | null;
  n2: number | null;
  n3: number | null;
  n4: number | null;
  n5: number | null;
  id: number | null;
  name_vi: string | null;
  name_en: string | null;
  description_vi: string | null;
  description_en: string | null;
}

export class EmbeddedSearchEngine implements SearchEngine {
  readonly name = "embedded";
  private readonly path: string;
  private readonly cacheMb: number;
  private db: sqlite3.Database | null = null;
  private ready: Promise<void> | null = null;
  /** Writes run one after another (a transaction is several statements on the one connection). */
  private writeTail: Promise<unknown> = Promise.resolve();
  /** Bumped after every committed write: the cached vocabulary of an older generation is reloaded. */
  private generation = 0;
  private vocab: { generation: number; promise: Promise<Vocabulary> } | null = null;
  private readonly statements = new Map<string, sqlite3.Statement>();

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
  private allPrepared<T>(sql: string, params: Params): Promise<T[]> {
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

  /** One write transaction at a time; searches on the connection meanwhile see either state. */
  private write(work: () => Promise<void>): Promise<void> {
    const run = this.writeTail.then(async () => {
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
    });
    this.writeTail = run.catch(() => undefined);
    return run;
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
    await new Promise<void>((resolve, reject) => db.close((err) => (err ? reject(err) : resolve())));
  }

  // ---- writes -------------------------------------------------------------------------------------------------

  async upsert(documents: ProductDocument[]): Promise<void> {
    if (documents.length === 0) return;
    await this.ensureReady();
    // The last version of an id wins within one call.
    const rows = [...new Map(documents.map((d) => [d.id, toRow(d)])).values()];
    await this.write(async () => {
      for (let i = 0; i < rows.length; i += WRITE_CHUNK) {
        const chunk = rows.slice(i, i + WRITE_CHUNK);
        const ids = JSON.stringify(chunk.map((r) => r.id));
        await this.deleteRows(ids);
        const params = { $rows: JSON.stringify(chunk) };
        const col = (name: keyof Row) => `json_extract(value, '$.${name}')`;
        await this.run(
          `INSERT INTO products (id, category, province_code, price_vnd, in_stock, ocop_stars, ocop_expires_at,
             cooperative_id, created_at)
           SELECT ${(
             [
               "id",
               "category",
               "province_code",
               "price_vnd",
               "in_stock",
               "ocop_stars",
               "ocop_expires_at",
               "cooperative_id",
               "created_at",
             ] as const
           )
             .map(col)
             .join(", ")}
           FROM json_each($rows)`,
          params,
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
        await this.run(
          `INSERT INTO product_texts (${textColumns.join(", ")})
           SELECT ${textColumns.map(col).join(", ")} FROM json_each($rows)`,
          params,
        );
        await this.run(
          `INSERT OR IGNORE INTO product_certifications (product_id, certification)
           SELECT json_extract(d.value, '$.id'), c.value FROM json_each($rows) d, json_each(d.value, '$.certifications') c`,
          params,
        );
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
    });
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
    await this.write(async () => {
      for (let i = 0; i < valid.length; i += WRITE_CHUNK)
        await this.deleteRows(JSON.stringify(valid.slice(i, i + WRITE_CHUNK)));
    });
  }

  async reset(): Promise<void> {
    await this.ensureReady();
    await this.write(async () => {
      await this.run(`INSERT INTO products_fts (products_fts) VALUES ('delete-all')`);
      await this.run(`INSERT INTO products_names (products_names) VALUES ('delete-all')`);
      await this.run(`DELETE FROM product_texts`);
      await this.run(`DELETE FROM product_certifications`);
      await this.run(`DELETE FROM products`);
    });
  }

  /** Merges the FTS index into one segment: worth it after a full reindex (queries read fewer b-trees). */
  async optimize(): Promise<void> {
    await this.ensureReady();
    await this.write(async () => {
      await this.run(`INSERT INTO products_fts (products_fts) VALUES ('optimize')`);
      await this.run(`INSERT INTO products_names (products_names) VALUES ('optimize')`);
    });
  }

  async count(): Promise<number> {
    await this.ensureReady();
    const rows = await this.all<{ n: number }>(`SELECT count(*) AS n FROM products`);
    return rows[0]?.n ?? 0;
  }

  // ---- search -------------------------------------------------------------------------------------------------

  private vocabulary(): Promise<Vocabulary> {
    if (!this.vocab || this.vocab.generation !== this.generation) {
      const generation = this.generation;
      const promise = this.all<{ term: string; doc: number }>(`SELECT term, doc FROM products_vocab`).then(
        buildVocabulary,
      );
      this.vocab = { generation, promise };
      promise.catch(() => {
        if (this.vocab?.promise === promise) this.vocab = null;
      });
    }
    return this.vocab.promise;
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    await this.ensureReady();
    const page = isInt(query.page) && query.page >= 1 ? query.page : 1;
    const perPage =
      isInt(query.perPage) && query.perPage >= 1 ? Math.min(query.perPage, MAX_PER_PAGE) : DEFAULT_PER_PAGE;
    const now = isNum(query.now) ? query.now : Date.now();
    const sort: Sort = query.sort ?? "relevance";
    const parsed = parseQuery(query.q);
    const hasText = parsed.units.length > 0;
    const relevance = sort === "relevance" && hasText;
    const vocab = hasText ? await this.vocabulary() : null;
    const typos = vocab ? typoCorrections(parsed, vocab) : new Map<string, string[]>();

    const sql = new Sql();
    const filters = this.filters(query, now, sql);
    const where = (except?: FilterKey, extra?: string) => {
      const parts = filters.filter((x) => x.key !== except).map((x) => x.sql);
      if (extra) parts.push(extra);
      return parts.length > 0 ? `WHERE ${parts.join(" AND ")}` : "";
    };
    const columns = `id, category, province_code, price_vnd, in_stock, ocop_stars, ocop_expires_at, cooperative_id, created_at`;
    const ctes: string[] = [];
    // Order terms, best first; each becomes a column o1, o2… of the page query.
    const order: Array<[expression: string, direction: "ASC" | "DESC"]> = [];
    let from = "m";
    // Without filters or facets, relevance needs no product columns for the whole match: only the page's rows
    // are joined (for their age, the last tie-break).
    const lean = relevance && filters.length === 0 && !query.facets;
    let created = "m.created_at";

    if (hasText) {
      const match = sql.param("match", parsed.units.map((u) => unitExpression(u, typos, true)).join(" AND "));
      const tier = relevance ? this.tierExpression(parsed, typos, vocab!, sql) : "0";
      // The match is computed once, with the filter columns, and every part below reads it.
      ctes.push(
        lean
          ? `m AS MATERIALIZED (SELECT f.rowid AS id, ${tier} AS tier FROM products_fts f WHERE products_fts MATCH ${match})`
          : `m AS MATERIALIZED (
              SELECT p.${columns.split(", ").join(", p.")}, ${tier} AS tier
              FROM products_fts f JOIN products p ON p.id = f.rowid
              WHERE products_fts MATCH ${match})`,
      );
      if (relevance) {
        // bm25 is the costly part (about 1 µs a row): compute it only for the rows of the tiers the page reaches.
        // The tier of the page's last row bounds them; with fewer rows than that, every row is scored. ("+rowid":
        // a filter on the FTS scan, not a constraint, which would re-run the full-text query once per row.)
        const lastRow = sql.param("lastRow", page * perPage - 1);
        ctes.push(
          `bound AS (SELECT coalesce((SELECT m.tier FROM m ${where()} ORDER BY m.tier DESC LIMIT 1 OFFSET ${lastRow}), -1) AS t)`,
          `scored AS (SELECT rowid AS id, ${BM25} AS score FROM products_fts
            WHERE products_fts MATCH ${match}
              AND +rowid IN (SELECT m.id FROM m ${where(undefined, "m.tier >= (SELECT t FROM bound)")}))`,
        );
        from = lean
          ? "m JOIN scored s ON s.id = m.id JOIN products p ON p.id = m.id"
          : "m JOIN scored s ON s.id = m.id";
        if (lean) created = "p.created_at";
        order.push(["m.tier", "DESC"], ["s.score", "ASC"]);
      }
    } else {
      // Browse: no match set to share, so each part reads the table with its own best index.
      ctes.push(`m AS NOT MATERIALIZED (SELECT ${columns} FROM products)`);
    }
    if (sort === "price_asc") order.push(["m.price_vnd", "ASC"], ["m.id", "ASC"]);
    else if (sort === "price_desc") order.push(["m.price_vnd", "DESC"], ["m.id", "ASC"]);
    else order.push([created, "DESC"], ["m.id", "DESC"]);

    const orderBy = order.map(([, dir], i) => `o${i + 1} ${dir}`).join(", ");
    ctes.push(`hits AS (
      SELECT id, row_number() OVER (ORDER BY ${orderBy}) AS pos FROM (
        SELECT m.id, ${order.map(([expr], i) => `${expr} AS o${i + 1}`).join(", ")}
        FROM ${from} ${where()}
        ORDER BY ${orderBy}
        LIMIT ${sql.param("limit", perPage)} OFFSET ${sql.param("offset", (page - 1) * perPage)}))`);

    // Texts are read for the page's hits only, to highlight them.
    const text = (column: string) => `${hasText ? `t.${column}` : "NULL"} AS ${column}`;
    const parts = [
      `SELECT 'hit' AS kind, NULL AS k, h.pos AS n, NULL AS n2, NULL AS n3, NULL AS n4, NULL AS n5, h.id AS id,
         ${text("name_vi")}, ${text("name_en")}, ${text("description_vi")}, ${text("description_en")}
       FROM hits h ${hasText ? "JOIN product_texts t ON t.id = h.id" : ""}`,
    ];
    // Counts that are plain aggregates share one scan when they share their filters: the total (all filters),
    // in stock (all but its own) and OCOP ≥ 3/4/5 (all but its own). Columns: n total, n2 in stock, n3–n5 OCOP.
    const aggregates = new Map<string, string[]>();
    const aggregate = (whereSql: string, column: "n" | "n2" | "n3" | "n4" | "n5", expression: string) => {
      const list = aggregates.get(whereSql) ?? [];
      list.push(`${expression} AS ${column}`);
      aggregates.set(whereSql, list);
    };
    aggregate(where(), "n", "count(*)");
    if (query.facets) {
      const nowParam = sql.param("now", now);
      const valid = (stars: number) =>
        `coalesce(sum(m.ocop_stars >= ${stars} AND m.ocop_expires_at > ${nowParam}), 0)`;
      aggregate(where("stock"), "n2", "coalesce(sum(m.in_stock), 0)");
      aggregate(where("ocop"), "n3", valid(3));
      aggregate(where("ocop"), "n4", valid(4));
      aggregate(where("ocop"), "n5", valid(5));
      const bucket = `CASE ${PRICE_BUCKETS.map((b) =>
        b.max === null ? `ELSE '${b.key}'` : `WHEN m.price_vnd < ${b.max} THEN '${b.key}'`,
      ).join(" ")} END`;
      const groups: Array<[kind: string, key: string, except: FilterKey, join?: string]> = [
        ["category", "m.category", "category"],
        ["province", "m.province_code", "province"],
        [
          "certification",
          "c.certification",
          "certification",
          "JOIN product_certifications c ON c.product_id = m.id",
        ],
        ["price", bucket, "price"],
      ];
      for (const [kind, key, except, join] of groups) {
        parts.push(`SELECT '${kind}', ${key} AS k, count(*), NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
          FROM m ${join ?? ""} ${where(except)} GROUP BY k`);
      }
    }
    for (const [whereSql, expressions] of aggregates) {
      const byColumn = new Map(expressions.map((e) => [e.slice(e.lastIndexOf(" AS ") + 4), e]));
      const cell = (column: string) => byColumn.get(column) ?? `NULL AS ${column}`;
      parts.push(`SELECT 'agg', NULL, ${["n", "n2", "n3", "n4", "n5"].map(cell).join(", ")},
        NULL, NULL, NULL, NULL, NULL FROM m ${whereSql}`);
    }
    const statement = `WITH ${ctes.join(",\n")}\n${parts.join("\nUNION ALL\n")}`;
    const rows = await this.allPrepared<ResultRow>(statement, sql.params);
    return this.assemble(rows, query, parsed, typos, page, perPage);
  }

  /** Filters as SQL over the match set `m`, each tagged with the facet it belongs to. */
  private filters(query: SearchQuery, now: number, sql: Sql): Array<{ key: FilterKey; sql: string }> {
    const f = query.filters ?? {};
    const filters: Array<{ key: FilterKey; sql: string }> = [];
    if (f.category)
      filters.push({ key: "category", sql: `m.category = ${sql.param("category", f.category)}` });
    if (f.provinceCode) {
      filters.push({ key: "province", sql: `m.province_code = ${sql.param("province", f.provinceCode)}` });
    }
    if (isNum(f.ocopMin)) {
      const stars = sql.param("ocopMin", f.ocopMin);
      filters.push({
        key: "ocop",
        sql: `(m.ocop_stars >= ${stars} AND m.ocop_expires_at > ${sql.param("now", now)})`,
      });
    }
    if (f.certification) {
      const certification = sql.param("certification", f.certification);
      filters.push({
        key: "certification",
        sql: `EXISTS (SELECT 1 FROM product_certifications c WHERE c.product_id = m.id AND c.certification = ${certification})`,
      });
    }
    if (isNum(f.priceMin))
      filters.push({ key: "price", sql: `m.price_vnd >= ${sql.param("priceMin", f.priceMin)}` });
    if (isNum(f.priceMax))
      filters.push({ key: "price", sql: `m.price_vnd < ${sql.param("priceMax", f.priceMax)}` });
    // Only `true` filters: an unticked "in stock" box is no filter (there is no "out of stock only" view).
    if (f.inStock === true) filters.push({ key: "stock", sql: `m.in_stock = 1` });
    if (isInt(f.cooperativeId)) {
      filters.push({
        key: "cooperative",
        sql: `m.cooperative_id = ${sql.param("cooperativeId", f.cooperativeId)}`,
      });
    }
    return filters;
  }

  /**
   * The relevance tier of a matching row (SQL over the FTS row f), ranked before bm25:
   *   tone × 4 + (whole query matches in the name) × 2 + (last word matched whole, not as a prefix).
   * tone: 2 for each word typed with marks that a name has exactly, 1 for each marked word of a synonym that a
   * name has ("tea" → chè, trà). So "miến" ranks Miến dong above "… miền núi …"; a name match ranks above a
   * description-only one; and "tra" ranks "trà" above "trang".
   */
  private tierExpression(
    parsed: ParsedQuery,
    typos: Map<string, string[]>,
    vocab: Vocabulary,
    sql: Sql,
  ): string {
    const inSet = (table: string, expression: string, name: string) =>
      `(f.rowid IN (SELECT rowid FROM ${table} WHERE ${table} MATCH ${sql.param(name, expression)}))`;
    const tone: string[] = [];
    const typed = new Set(parsed.tokens.filter((t) => t.marked).map((t) => t.original));
    let i = 0;
    for (const word of typed)
      tone.push(`2 * ${inSet("products_names", `"m${markToken(word)}"`, `tone${i++}`)}`);
    const fromSynonyms = new Set<string>();
    for (const unit of parsed.units) {
      for (const alt of unit.synonyms) {
        for (const m of alt.phrase.matchAll(WORD)) {
          if (!typed.has(m[0]) && foldVietnamese(m[0]) !== m[0]) fromSynonyms.add(m[0]);
        }
      }
    }
    for (const word of [...fromSynonyms].slice(0, 8)) {
      tone.push(inSet("products_names", `"m${markToken(word)}"`, `tone${i++}`));
    }
    const inName = parsed.units.map((u) => unitExpression(u, typos, true, "n")).join(" AND ");
    const parts = [`2 * ${inSet("products_names", inName, "inName")}`];
    if (tone.length > 0) parts.push(`4 * (${tone.join(" + ")})`);
    // Only worth a second look when the last word is a whole term that other terms also start with.
    const last = parsed.units[parsed.units.length - 1]!;
    const lastToken = last.tokens[last.tokens.length - 1]!;
    if (last.prefix && vocab.docs.has(lastToken) && hasPrefix(vocab, lastToken, true)) {
      const exact = parsed.units.map((u) => unitExpression(u, typos, false)).join(" AND ");
      parts.push(inSet("products_fts", exact, "exact"));
    }
    return parts.join(" + ");
  }

  private assemble(
    rows: ResultRow[],
    query: SearchQuery,
    parsed: ParsedQuery,
    typos: Map<string, string[]>,
    page: number,
    perPage: number,
  ): SearchResult {
    const matcher = termMatcher(parsed, [...typos.values()].flat());
    const hits: Array<SearchHit & { pos: number }> = [];
    const facets = query.facets ? emptyFacets() : null;
    let total = 0;
    for (const row of rows) {
      switch (row.kind) {
        case "hit": {
          const highlights: SearchHit["highlights"] = {};
          if (parsed.units.length > 0) {
            const en = query.locale === "en";
            const name = highlightText(en && row.name_en ? row.name_en : row.name_vi, matcher);
            const description = highlightSnippet(
              en && row.description_en ? row.description_en : row.description_vi,
              matcher,
            );
            if (name) highlights.name = name;
            if (description) highlights.description = description;
          }
          hits.push({ id: row.id!, highlights, pos: row.n! });
          break;
        }
        case "agg":
          if (row.n !== null) total = row.n;
          if (facets && row.n2 !== null) facets.inStock = row.n2;
          if (facets && row.n3 !== null) facets.ocopMin = { "3": row.n3, "4": row.n4 ?? 0, "5": row.n5 ?? 0 };
          break;
        case "category":
          if (facets && row.k) facets.category[row.k as Category] = row.n ?? 0;
          break;
        case "province":
          if (facets && row.k) facets.province[row.k] = row.n ?? 0;
          break;
        case "certification":
          if (facets && row.k) facets.certification[row.k] = row.n ?? 0;
          break;
        case "price":
          if (facets && row.k) facets.price[row.k as PriceBucketKey] = row.n ?? 0;
          break;
      }
    }
    hits.sort((a, b) => a.pos - b.pos);
    return {
      hits: hits.map(({ id, highlights }) => ({ id, highlights })),
      total,
      page,
      perPage,
      facets,
      engine: this.name,
    };
  }
}
