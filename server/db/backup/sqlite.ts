import { statSync } from "node:fs";
import { mkdir, open, rename, rm } from "node:fs/promises";
import path from "node:path";
import sqlite3 from "sqlite3";
import { BackupContents, BackupError, BackupResult, EXIT } from "./types";

/** SQLite: the online backup API both ways, one read (or write) transaction, the file checked before it counts. */
export async function backupSqlite(source: string, file: string): Promise<BackupResult> {
  const partial = `${file}.partial`;
  // Created empty and private first: the copy holds password hashes and buyers' addresses.
  await (await open(partial, "wx", 0o600)).close();
  try {
    const db = await openSqlite(source, sqlite3.OPEN_READWRITE);
    try {
      db.configure("busyTimeout", 30_000);
      // One step of all pages: a single read transaction, so the copy is one consistent snapshot of the file and
      // its WAL. In WAL mode a reader does not block the server's writers.
      await copyDatabase(db, partial, "to-file");
    } finally {
      await closeSqlite(db);
    }
    const copy = await openSqlite(partial, sqlite3.OPEN_READWRITE);
    let contents: BackupContents;
    try {
      // The copy carries the source's WAL flag; rollback mode keeps the backup one self-contained file.
      await allSqlite(copy, "PRAGMA journal_mode = DELETE");
      await checkSqlite(copy, partial);
      contents = await sqliteContents(copy);
    } finally {
      await closeSqlite(copy);
    }
    await rename(partial, file);
    return { ...contents, file, bytes: statSync(file).size };
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

/** Returns whether the target held rows. The copy is one write transaction: a failure leaves the target as it was. */
export async function restoreSqlite(storage: string, file: string, force: boolean): Promise<boolean> {
  if (storage === ":memory:")
    throw new BackupError("Cannot restore into an in-memory SQLite database", EXIT.badInput);
  await mkdir(path.dirname(storage), { recursive: true });
  const db = await openSqlite(storage, sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE);
  try {
    db.configure("busyTimeout", 1_000);
    // In WAL mode every open connection keeps a shared lock on the file, even idle. Taking the exclusive lock,
    // and keeping it until the restore is done, proves no server has the file open and keeps one from opening it
    // meanwhile (it waits for its busy timeout, then fails to start).
    await runSqlite(db, "PRAGMA locking_mode = EXCLUSIVE");
    try {
      await runSqlite(db, "BEGIN EXCLUSIVE");
    } catch (error) {
      if (!isBusy(error)) throw error;
      throw new BackupError(
        `${storage} is in use (a server or another script has it open): stop it, then restore`,
        EXIT.refused,
      );
    }
    const tables = await allSqlite<{ name: string }>(
      db,
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
    );
    const withRows: string[] = [];
    for (const { name } of tables) {
      if (name === "schema_migrations") continue;
      const [row] = await allSqlite<{ n: number }>(
        db,
        `SELECT EXISTS (SELECT 1 FROM ${quoteSqlite(name)}) AS n`,
      );
      if (row?.n) withRows.push(name);
    }
    await runSqlite(db, "COMMIT");
    if (withRows.length && !force) throw notEmpty(storage, withRows);
    // Rollback mode for the copy: the backup API refuses a WAL target whose page size differs from the backup's.
    await allSqlite(db, "PRAGMA journal_mode = DELETE");
    await copyDatabase(db, file, "from-file");
    await allSqlite(db, "PRAGMA journal_mode = WAL");
    await checkSqlite(db, storage);
    return withRows.length > 0;
  } finally {
    await closeSqlite(db);
  }
}

export function holdsData(tables: string[]): string {
  const shown = tables.slice(0, 4).join(", ");
  return `holds data (${shown}${tables.length > 4 ? ` and ${tables.length - 4} more tables` : ""})`;
}

export function notEmpty(storage: string, tables: string[]) {
  return new BackupError(
    `The target database ${storage} ${holdsData(tables)}: restoring replaces everything in it; run again with --force to do that`,
    EXIT.refused,
  );
}

/** node-sqlite3's Backup object: its type declarations leave the online backup API out. */
export interface SqliteBackup {
  step(pages: number, callback: (error: Error | null, done?: boolean) => void): void;
  finish(callback?: (error: Error | null) => void): void;
}

export type SqliteWithBackup = sqlite3.Database & {
  backup(
    file: string,
    destName: string,
    sourceName: string,
    fileIsDestination: boolean,
    callback: (error: Error | null) => void,
  ): SqliteBackup;
};

/** Copy every page between `db` and `file` (to-file: backup; from-file: restore) in one step. */
export async function copyDatabase(db: sqlite3.Database, file: string, direction: "to-file" | "from-file") {
  let backup!: SqliteBackup;
  await new Promise<void>((resolve, reject) => {
    backup = (db as SqliteWithBackup).backup(file, "main", "main", direction === "to-file", (error) =>
      error ? reject(error) : resolve(),
    );
  });
  try {
    // BUSY or LOCKED leave the backup resumable (node-sqlite3's retryErrors); anything else ends it.
    for (let attempt = 1; ; attempt++) {
      try {
        const done = await new Promise<boolean>((resolve, reject) =>
          backup.step(-1, (error, finished) => (error ? reject(error) : resolve(Boolean(finished)))),
        );
        if (done) return;
      } catch (error) {
        if (!isBusy(error) || attempt >= 300) throw error;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  } finally {
    await new Promise<void>((resolve) => backup.finish(() => resolve()));
  }
}

export async function checkSqlite(db: sqlite3.Database, file: string) {
  const rows = await allSqlite<{ quick_check: string }>(db, "PRAGMA quick_check").catch((error: Error) => {
    throw new BackupError(`${file} is damaged: ${error.message}`, EXIT.badInput);
  });
  const problems = rows.map((r) => r.quick_check).filter((r) => r !== "ok");
  if (problems.length)
    throw new BackupError(`${file} is damaged: ${problems.slice(0, 3).join("; ")}`, EXIT.badInput);
}

export async function sqliteContents(db: sqlite3.Database): Promise<BackupContents> {
  const tables = await allSqlite<{ name: string }>(
    db,
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
  );
  const rows: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await allSqlite<{ n: number }>(db, `SELECT COUNT(*) AS n FROM ${quoteSqlite(name)}`);
    rows[name] = row?.n ?? 0;
  }
  const applied =
    "schema_migrations" in rows
      ? (await allSqlite<{ name: string }>(db, "SELECT name FROM schema_migrations ORDER BY name")).map(
          (r) => r.name,
        )
      : [];
  return { dialect: "sqlite", rows, migrations: applied };
}

export function openSqlite(file: string, mode: number): Promise<sqlite3.Database> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, mode, (error) => (error ? reject(error) : resolve(db)));
  });
}

export function closeSqlite(db: sqlite3.Database): Promise<void> {
  return new Promise((resolve, reject) => db.close((error) => (error ? reject(error) : resolve())));
}

export function runSqlite(db: sqlite3.Database, sql: string): Promise<void> {
  return new Promise((resolve, reject) => db.run(sql, (error) => (error ? reject(error) : resolve())));
}

export function allSqlite<T>(db: sqlite3.Database, sql: string): Promise<T[]> {
  return new Promise((resolve, reject) =>
    db.all<T>(sql, (error, rows) => (error ? reject(error) : resolve(rows))),
  );
}

export function isBusy(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return code === "SQLITE_BUSY" || code === "SQLITE_LOCKED";
}

export const quoteSqlite = (name: string) => `"${name.replace(/"/g, '""')}"`;
