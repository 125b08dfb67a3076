/**
 * The embedded engine: the SearchEngine interface over the pieces of this folder. It owns what is kept between
 * calls (the connection, the in-memory columns, the vocabulary) and decides when each must be read again; a search
 * is then answered by one of three strategies: browse.ts, sorted-match.ts or relevance.ts.
 *
 * The columns are loaded on the first search, kept up to date by this engine's own writes, and reloaded whole when
 * another connection (a reindex script) has committed: each search reads `data_version`, which changes exactly
 * then.
 */
import { parseQuery } from "../query";
import type { ProductDocument, SearchEngine, SearchHit, SearchQuery, SearchResult } from "../types";
import { browse } from "./browse";
import { ProductColumns } from "./columns";
import { SearchConnection } from "./connection";
import { toRow } from "./documents";
import { exactMatchExpression } from "./exact-set";
import { isInt, isNum, type FacetCounter } from "./filters-facets";
import { highlightedHits } from "./highlights";
import { matchExpression } from "./match-expression";
import { rankByRelevance } from "./relevance";
import type { Params } from "./schema";
import { sortedMatch } from "./sorted-match";
import {
  countProducts,
  deleteAllProducts,
  deleteProducts,
  mergeSegments,
  readColumns,
  readVocabulary,
  replaceRows,
} from "./store";
import type { PageRequest, SearchReader, TextQuery } from "./strategy";
import { typoCorrections, type Vocabulary } from "./vocabulary";

export interface EmbeddedSearchOptions {
  /** Database file, or ":memory:" (tests). */
  path: string;
  /** SQLite page cache, in MiB (default 64): the FTS index of 100k products fits. */
  cacheMb?: number;
}

const DEFAULT_PER_PAGE = 24;
const MAX_PER_PAGE = 100;
/** How long the in-memory columns may lag behind another connection's writes (see columnsAt()). */
const COLUMNS_STALE_MS = 1_000;
/** How long after writes the vocabulary read before them still serves (see vocabulary()). */
const VOCABULARY_STALE_MS = 30_000;

export class EmbeddedSearchEngine implements SearchEngine {
  readonly name = "embedded";
  private readonly db: SearchConnection;
  private ready: Promise<void> | null = null;
  /** Bumped after every committed write: a vocabulary of an older generation is read again (see vocabulary()). */
  private generation = 0;
  private vocab: { generation: number; readAt: number; promise: Promise<Vocabulary> } | null = null;
  /** The in-memory columns, and the `data_version` they were loaded at. */
  private columns: ProductColumns | null = null;
  private columnsVersion = -1;
  private columnsReadAt = 0;
  private loading: Promise<ProductColumns> | null = null;
  /** What the search strategies may use of this engine. */
  private readonly reader: SearchReader = {
    allPrepared: <T>(sql: string, params?: Params) => this.db.allPrepared<T>(sql, params),
    columnsAt: (dataVersion) => this.columnsAt(dataVersion),
  };

  constructor(options: EmbeddedSearchOptions) {
    this.db = new SearchConnection(options.path, options.cacheMb ?? 64);
  }

  // ---- lifecycle ----------------------------------------------------------------------------------------------

  ensureReady(): Promise<void> {
    this.ready ??= this.db.open().catch((error: unknown) => {
      this.ready = null;
      throw error;
    });
    return this.ready;
  }

  async close(): Promise<void> {
    await this.db.idle();
    if (!this.db.isOpen) return;
    this.ready = null;
    this.vocab = null;
    this.columns = null;
    this.columnsVersion = -1;
    await this.db.close();
  }

  // ---- writes -------------------------------------------------------------------------------------------------

  /**
   * One write transaction at a time; searches on the connection meanwhile see either state. `committed` runs once
   * the transaction has committed (it updates the in-memory columns).
   */
  private write(work: () => Promise<void>, committed: (columns: ProductColumns) => void): Promise<void> {
    return this.db.serialized(async () => {
      await this.db.exec("BEGIN IMMEDIATE");
      try {
        await work();
        await this.db.exec("COMMIT");
      } catch (error) {
        await this.db.exec("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        this.generation += 1;
      }
      if (this.columns) committed(this.columns);
    });
  }

  async upsert(documents: ProductDocument[]): Promise<void> {
    if (documents.length === 0) return;
    await this.ensureReady();
    // The last version of an id wins within one call.
    const rows = [...new Map(documents.map((d) => [d.id, toRow(d)])).values()];
    await this.write(
      () => replaceRows(this.db, rows),
      (columns) => {
        for (const row of rows) columns.set(row);
      },
    );
  }

  async remove(ids: number[]): Promise<void> {
    const valid = ids.filter(isInt);
    if (valid.length === 0) return;
    await this.ensureReady();
    await this.write(
      () => deleteProducts(this.db, valid),
      (columns) => {
        for (const id of valid) columns.remove(id);
      },
    );
  }

  async reset(): Promise<void> {
    await this.ensureReady();
    await this.write(
      () => deleteAllProducts(this.db),
      () => {
        this.columns = new ProductColumns();
      },
    );
  }

  /** Merges the FTS index into one segment: worth it after a full reindex (queries read fewer b-trees). */
  async optimize(): Promise<void> {
    await this.ensureReady();
    await this.write(
      () => mergeSegments(this.db),
      () => undefined,
    );
  }

  async count(): Promise<number> {
    await this.ensureReady();
    return countProducts(this.db);
  }

  // ---- what is kept in memory ---------------------------------------------------------------------------------

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
      const loading = this.db.serialized(() => this.loadColumns());
      this.loading = loading;
      const done = () => {
        if (this.loading === loading) this.loading = null;
      };
      loading.then(done, done);
    }
    return this.loading;
  }

  private async loadColumns(): Promise<ProductColumns> {
    const { version, columns } = await readColumns(this.db);
    // Another connection's writes may have changed the terms too.
    if (this.columns) this.generation += 1;
    this.columns = columns;
    this.columnsVersion = version;
    this.columnsReadAt = performance.now();
    return columns;
  }

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
    const promise = readVocabulary(this.db);
    this.vocab = { generation, readAt: performance.now(), promise };
    promise.catch(() => {
      if (this.vocab?.promise === promise) this.vocab = null;
    });
    return promise;
  }

  // ---- search -------------------------------------------------------------------------------------------------

  async search(query: SearchQuery): Promise<SearchResult> {
    await this.ensureReady();
    const page = isInt(query.page) && query.page >= 1 ? query.page : 1;
    const perPage =
      isInt(query.perPage) && query.perPage >= 1 ? Math.min(query.perPage, MAX_PER_PAGE) : DEFAULT_PER_PAGE;
    const offset = (page - 1) * perPage;
    const request: PageRequest = {
      query,
      sort: query.sort ?? "relevance",
      now: isNum(query.now) ? query.now : Date.now(),
      offset,
      end: offset + perPage,
    };
    const result = (hits: SearchHit[], total: number, facets: FacetCounter | null): SearchResult => ({
      hits,
      total,
      page,
      perPage,
      facets: query.facets ? (facets?.result() ?? null) : null,
      engine: this.name,
    });

    const parsed = parseQuery(query.q);
    if (parsed.units.length === 0) {
      const { hits, total, facets } = await browse(this.reader, request);
      return result(hits, total, facets);
    }
    const vocab = await this.vocabulary();
    const typos = typoCorrections(parsed, vocab);
    const match = matchExpression(parsed, typos);
    const text: TextQuery = { parsed, typos, vocab, match, exact: exactMatchExpression(parsed) };
    const found =
      request.sort === "relevance"
        ? await rankByRelevance(this.reader, request, text)
        : await sortedMatch(this.reader, request, text);
    return result(await highlightedHits(this.reader, found, text, query.locale), found.total, found.facets);
  }
}
