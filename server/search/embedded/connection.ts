/**
 * The engine's one connection to its SQLite file, through node-sqlite3: promises over its callbacks, a small cache
 * of prepared search statements, and a queue that runs writes (and loads of the in-memory columns) one after
 * another, since a transaction is several statements on this one connection.
 */
import sqlite3 from "sqlite3";
import { DROP_TABLES, SCHEMA, SCHEMA_VERSION, type Params } from "./schema";

/** Prepared search statements kept (keyed by their SQL, which depends only on the query's shape). */
const STATEMENT_CACHE = 64;

export class SearchConnection {
  private db: sqlite3.Database | null = null;
  private readonly statements = new Map<string, sqlite3.Statement>();
  /** The end of the queue of serialized work (see serialized()). */
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly path: string,
    /** SQLite page cache, in MiB. */
    private readonly cacheMb: number,
  ) {}

  /**
   * Opens the file (once; again after close()), sets the pragmas and creates the tables, dropping those of an
   * older schema version first (in one transaction, so that two processes opening the file do not both).
   */
  async open(): Promise<void> {
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
    await this.exec("BEGIN IMMEDIATE");
    try {
      const [{ user_version: version }] = (await this.all<{ user_version: number }>(
        `PRAGMA user_version`,
      )) as [{ user_version: number }];
      if (version < SCHEMA_VERSION) await this.exec(DROP_TABLES);
      await this.exec(SCHEMA);
      await this.exec("COMMIT");
    } catch (error) {
      await this.exec("ROLLBACK").catch(() => undefined);
      throw error;
    }
  }

  get isOpen(): boolean {
    return this.db !== null;
  }

  /** Settles once the work queued so far has (close() waits for it). */
  idle(): Promise<unknown> {
    return this.tail;
  }

  /** Finalizes the statements and closes the file. The caller has waited for idle(). */
  async close(): Promise<void> {
    const db = this.db;
    if (!db) return;
    for (const statement of this.statements.values()) statement.finalize();
    this.statements.clear();
    this.db = null;
    await new Promise<void>((resolve, reject) => db.close((err) => (err ? reject(err) : resolve())));
  }

  private connection(): sqlite3.Database {
    if (!this.db) throw new Error("EmbeddedSearchEngine is closed");
    return this.db;
  }

  exec(sql: string): Promise<void> {
    return new Promise((resolve, reject) =>
      this.connection().exec(sql, (err) => (err ? reject(err) : resolve())),
    );
  }

  run(sql: string, params: Params = {}): Promise<void> {
    return new Promise((resolve, reject) =>
      this.connection().run(sql, params, (err) => (err ? reject(err) : resolve())),
    );
  }

  all<T>(sql: string, params: Params = {}): Promise<T[]> {
    return new Promise((resolve, reject) =>
      this.connection().all<T>(sql, params, (err, rows) => (err ? reject(err) : resolve(rows))),
    );
  }

  /** Runs a search statement through a small cache of prepared statements (the SQL depends on the query shape). */
  allPrepared<T>(sql: string, params: Params = {}): Promise<T[]> {
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

  /** Runs `work` after all the work queued before it (and queues what comes next behind it). */
  serialized<T>(work: () => Promise<T>): Promise<T> {
    const run = this.tail.then(work);
    this.tail = run.catch(() => undefined);
    return run;
  }
}
