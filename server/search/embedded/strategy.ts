/**
 * What the three ways of answering a search share (browse.ts: no text; sorted-match.ts: text, sorted by a column;
 * relevance.ts: text, best first): how they reach the engine's connection and columns, the request they answer,
 * and what a text search hands back to be highlighted (highlights.ts).
 */
import type { ParsedQuery } from "../query";
import type { SearchQuery, Sort } from "../types";
import type { ProductColumns } from "./columns";
import type { FacetCounter } from "./filters-facets";
import type { Params } from "./schema";
import type { Vocabulary } from "./vocabulary";

/**
 * The engine as the strategies see it. Each step of a search is one statement (one hop through node-sqlite3's
 * thread pool), which also reads `data_version` when the columns it uses must be checked against it.
 */
export interface SearchReader {
  /** Runs a search statement, prepared once per SQL text (the SQL depends only on the query's shape). */
  allPrepared<T>(sql: string, params?: Params): Promise<T[]>;
  /** The in-memory columns as of the `data_version` that the caller's statement read (see engine.ts). */
  columnsAt(dataVersion: number): ProductColumns | Promise<ProductColumns>;
}

/** A search query with its paging and defaults resolved. */
export interface PageRequest {
  query: SearchQuery;
  sort: Sort;
  /** "Now" for OCOP expiry, epoch ms. */
  now: number;
  /** The page is the ranks [offset, end) of the order. */
  offset: number;
  end: number;
}

/** A query that has text: parsed, with its typo corrections and its products_fts MATCH expression. */
export interface TextQuery {
  parsed: ParsedQuery;
  typos: Map<string, string[]>;
  vocab: Vocabulary;
  match: string;
  /** The products_exact expression of a query typed with marks (exact-set.ts); null for one without marks. */
  exact: string | null;
}

/** A product's original texts, for highlighting. */
export interface TextRow {
  id: number;
  name_vi: string;
  name_en: string | null;
  description_vi: string;
  description_en: string | null;
}

/** The answer of a text search before highlighting. */
export interface FoundPage {
  columns: ProductColumns;
  /** The page's products, in order. */
  pageSlots: number[];
  total: number;
  facets: FacetCounter | null;
  /** The originals of the page's hits by id, when they came with an earlier statement. */
  originals: Map<number, TextRow> | null;
  /** The match set was the exact match set of a query typed with marks (exact-set.ts). */
  exact: boolean;
}
