import { Sequelize, Transaction, type Options } from "sequelize";
import sqlite3 from "sqlite3";
import type { Config } from "../config";
import { defineModels, type Models } from "./models";
import { createTransactionRunner, type TransactionRunner } from "./transaction";

export interface Database {
  sequelize: Sequelize;
  models: Models;
  dialect: "sqlite" | "mysql";
  /** Open a use case's transaction; run again on deadlock, lock timeout or SQLITE_BUSY (server/db/transaction.ts). */
  transaction: TransactionRunner;
  close(): Promise<void>;
}

/**
 * Sequelize opens one SQLite connection per transaction. Each must wait for the write lock instead of
 * failing at once with SQLITE_BUSY, so the driver's Database class gets a busy timeout on creation.
 */
class BusyTolerantDatabase extends sqlite3.Database {
  constructor(filename: string, mode?: number, callback?: (err: Error | null) => void) {
    super(filename, mode ?? sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE, callback);
    this.configure("busyTimeout", 30_000);
  }
}
const sqliteDialectModule = { ...sqlite3, Database: BusyTolerantDatabase };

type SqliteConnection = { uuid?: string; filename?: string };
interface SqliteConnectionManager {
  connections: Record<string, unknown>;
  getConnection(options?: { uuid?: string }): Promise<SqliteConnection>;
  releaseConnection(connection: SqliteConnection, force?: boolean): void;
  destroyConnection(connection: SqliteConnection): Promise<void>;
}

/**
 * Sequelize gives each SQLite transaction its own connection, outside its pool, and mishandles two failures:
 * - When a COMMIT or ROLLBACK fails it "kills" the connection through the pool, which does nothing to these: the
 *   connection stayed open inside its transaction, holding the write lock, and every later write waited for it
 *   until the process restarted. It is closed instead, which rolls back what it still held.
 * - A connection that could not be opened (SQLITE_CANTOPEN: the file gone or unreadable) stayed in the manager's
 *   cache; node-sqlite3 never answers close() on such a handle, so closing Sequelize hung at shutdown. It is
 *   forgotten, and the next use opens the file again.
 */
function repairSqliteConnections(sequelize: Sequelize) {
  const manager = sequelize.connectionManager as unknown as SqliteConnectionManager;
  const getConnection = manager.getConnection.bind(manager);
  manager.getConnection = async (options = {}) => {
    try {
      return await getConnection(options);
    } catch (error) {
      // getConnection wrote the key it cached the handle under into `options`.
      if (options.uuid) delete manager.connections[options.uuid];
      throw error;
    }
  };
  const destroy = manager.destroyConnection.bind(manager);
  manager.destroyConnection = async (connection) => {
    // An in-memory database lives in its one shared connection: closing that would lose everything.
    if (connection.filename === ":memory:") return destroy(connection);
    manager.releaseConnection(connection, true);
  };
}

export function createSequelize(config: Config["database"], logger?: (sql: string) => void): Sequelize {
  const common: Options = {
    logging: config.logging && logger ? (sql) => logger(sql) : false,
    define: { underscored: true },
    benchmark: false,
  };
  if (config.dialect === "sqlite") {
    const sequelize = new Sequelize({
      ...common,
      dialect: "sqlite",
      storage: config.storage,
      dialectModule: sqliteDialectModule,
      // BEGIN IMMEDIATE takes the write lock up front: two writers queue instead of deadlocking on upgrade.
      transactionType: Transaction.TYPES.IMMEDIATE,
    });
    repairSqliteConnections(sequelize);
    return sequelize;
  }
  return new Sequelize(config.url, {
    ...common,
    dialect: "mysql",
    timezone: "+00:00",
    dialectOptions: {
      charset: "utf8mb4",
      supportBigNumbers: true,
      bigNumberStrings: false,
      decimalNumbers: true,
    },
    define: { ...common.define, charset: "utf8mb4", collate: "utf8mb4_unicode_ci" },
    pool: { max: 10, min: 0, idle: 10_000, acquire: 30_000 },
  });
}

/**
 * SQLite has one writer at a time, and node-sqlite3 waits for the write lock on a libuv pool thread. With more
 * waiting transactions than pool threads, the one holding the lock cannot get a thread to commit and everyone
 * waits for the busy timeout. So on SQLite, managed transactions of this process queue here instead, and only
 * one at a time takes a connection. (Several processes on one SQLite file still work, through the busy timeout.)
 * Nested transactions would wait for themselves: use cases never nest them.
 */
function queueSqliteTransactions(sequelize: Sequelize) {
  const original = sequelize.transaction.bind(sequelize) as (...args: unknown[]) => Promise<unknown>;
  let tail: Promise<unknown> = Promise.resolve();
  (sequelize as unknown as { transaction: (...args: unknown[]) => Promise<unknown> }).transaction = (
    ...args
  ) => {
    if (typeof args[args.length - 1] !== "function") return original(...args);
    const run = tail.then(() => original(...args));
    tail = run.catch(() => undefined);
    return run;
  };
}

export async function createDatabase(
  config: Config["database"],
  logger?: (sql: string) => void,
): Promise<Database> {
  const sequelize = createSequelize(config, logger);
  if (config.dialect === "sqlite" && config.storage !== ":memory:") {
    // WAL lets readers go on while one transaction writes; the setting is kept in the file.
    await sequelize.query("PRAGMA journal_mode = WAL");
  }
  await sequelize.authenticate();
  if (config.dialect === "sqlite") queueSqliteTransactions(sequelize);
  return {
    sequelize,
    models: defineModels(sequelize),
    dialect: config.dialect,
    transaction: createTransactionRunner(sequelize),
    close: () => sequelize.close(),
  };
}
