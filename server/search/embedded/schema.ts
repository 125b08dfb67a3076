/**
 * The embedded index's tables, in a SQLite file of its own.
 *
 * - products: the filter/sort columns (the source of the in-memory mirror, see columns.ts);
 * - product_certifications: one row per (product, certification);
 * - product_texts: originals (for highlights), and the folded columns and marked-word list that the two FTS
 *   tables index as their external content (so each text is stored once);
 * - products_fts: FTS5 over the folded text, bm25 weights name 10, labels 4, cooperative 2, description 1;
 * - products_names: FTS5 over the names alone, rowids only (detail=none, cheap to read): folded words prefixed "n"
 *   ("nmien"), and words that carry marks prefixed "m" and encoded in ASCII ("miến" → "mmix062nn"). It answers
 *   "does the whole query match the name", "which names have miến (not miền)" and "which names have the word as
 *   typed (not only a synonym)" without reading positions;
 * - product_exact_terms and products_exact: every word's exact key (exact-words.ts: "miến" → "1mix006in", "dong"
 *   → "0dong") and "p" + each of its beginnings ("p1mi", "p1mix006i"), and FTS5 over them, rowids only, for the
 *   exact match set of a query typed with marks (exact-set.ts); a table of their own, so that the product_texts
 *   rows that every text search reads stay small;
 * - products_vocab: fts5vocab over products_fts, read into memory for typo tolerance.
 *
 * A file of an older SCHEMA_VERSION has its tables dropped when opened (DROP_TABLES): the server then finds the
 * index empty and rebuilds it from the database at start, as after a lost file.
 */

/** Row values as bound to SQLite. */
export type SqlValue = string | number | null;
export type Params = Record<string, SqlValue>;

export const SCHEMA_VERSION = 2;

/** Every table of this file, for a file of an older version (its rows cannot be read as this version's). */
export const DROP_TABLES = `
DROP TABLE IF EXISTS products_vocab;
DROP TABLE IF EXISTS products_fts;
DROP TABLE IF EXISTS products_names;
DROP TABLE IF EXISTS products_exact;
DROP TABLE IF EXISTS product_exact_terms;
DROP TABLE IF EXISTS product_texts;
DROP TABLE IF EXISTS product_certifications;
DROP TABLE IF EXISTS products;
`;

export const SCHEMA = `
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
CREATE TABLE IF NOT EXISTS product_exact_terms (
  id INTEGER PRIMARY KEY,
  exact_terms TEXT NOT NULL
);
CREATE VIRTUAL TABLE IF NOT EXISTS products_exact USING fts5(
  exact_terms, content = 'product_exact_terms', content_rowid = 'id', tokenize = 'ascii', detail = none
);
CREATE VIRTUAL TABLE IF NOT EXISTS products_vocab USING fts5vocab(products_fts, 'row');
PRAGMA user_version = ${SCHEMA_VERSION};
`;
