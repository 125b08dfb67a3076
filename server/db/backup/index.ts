import { createReadStream, existsSync } from "node:fs";
import { mkdir, open, stat } from "node:fs/promises";
import path from "node:path";
import { createGunzip } from "node:zlib";
import { QueryTypes } from "sequelize";
import sqlite3 from "sqlite3";
import type { Config } from "../../config";
import { createDatabase } from "../index";
import { migrate } from "../migrator";
import { migrations } from "../migrations";
import { backupSqlite, checkSqlite, closeSqlite, openSqlite, restoreSqlite, sqliteContents } from "./sqlite";
import { DumpScanner } from "./dump-scanner";
import { describeDatabase } from "./report";
import { backupMysql, findTool, mysqlTarget, restoreMysql } from "./mysql";
import {
  BackupContents,
  BackupError,
  BackupFormat,
  BackupResult,
  DatabaseConfig,
  EXIT,
  KEY_TABLES,
  RestoreResult,
  ToolOptions,
} from "./types";

/**
 * Backups of the configured database and restores into it (npm run db:backup / db:restore; decision 0008).
 * SQLite: the online backup API copies the live file in one read transaction, WAL included, while the server goes
 * on writing. MySQL/MariaDB: mariadb-dump (or mysqldump) in one consistent snapshot, gzip-compressed, with the
 * credentials in a private option file instead of on the command line.
 */

export async function backupDatabase(
  database: DatabaseConfig,
  options: ToolOptions & { dir: string; now?: Date },
): Promise<BackupResult> {
  const now = options.now ?? new Date();
  if (database.dialect === "sqlite") {
    const source = database.storage;
    if (source === ":memory:")
      throw new BackupError("An in-memory SQLite database cannot be backed up", EXIT.badInput);
    if (!existsSync(source))
      throw new BackupError(`No SQLite database at ${source}: nothing to back up`, EXIT.badInput);
    const file = await reserveFile(options.dir, path.basename(source, path.extname(source)), now, ".sqlite");
    return backupSqlite(source, file);
  }
  const dump = findTool(["mariadb-dump", "mysqldump"], options.searchPath);
  const target = mysqlTarget(database.url);
  const file = await reserveFile(options.dir, target.database, now, ".sql.gz");
  return backupMysql(dump, target, file);
}

/** backups/htx-20261202T163928Z.sqlite: sorts by time; a second backup within the same second gets -2. */
async function reserveFile(dir: string, base: string, now: Date, ext: string): Promise<string> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
  for (let n = 1; ; n++) {
    const file = path.join(dir, `${base}-${stamp}${n > 1 ? `-${n}` : ""}${ext}`);
    if (!existsSync(file) && !existsSync(`${file}.partial`)) return file;
  }
}

/** What kind of backup a file is, from its first bytes (names can lie: a renamed file is still recognised). */
async function backupFormat(file: string): Promise<BackupFormat> {
  let info;
  try {
    info = await stat(file);
  } catch {
    throw new BackupError(`No backup file at ${file}`, EXIT.badInput);
  }
  if (!info.isFile()) throw new BackupError(`${file} is not a file`, EXIT.badInput);
  const handle = await open(file, "r");
  const head = Buffer.alloc(16);
  try {
    await handle.read(head, 0, 16, 0);
  } finally {
    await handle.close();
  }
  if (head.toString("latin1") === "SQLite format 3\0") return "sqlite";
  if (head[0] === 0x1f && head[1] === 0x8b) return "sql.gz";
  if (/^(-- |\/\*)/.test(head.toString("latin1"))) return "sql";
  throw new BackupError(
    `${file} is not a backup: neither a SQLite database nor a MySQL/MariaDB dump`,
    EXIT.badInput,
  );
}

/** Read a backup without restoring it: its dialect, tables with row counts and schema version. */
export async function inspectBackup(file: string): Promise<BackupContents> {
  const format = await backupFormat(file);
  if (format === "sqlite") {
    const db = await openSqlite(file, sqlite3.OPEN_READONLY).catch((error: Error) => {
      throw new BackupError(`${file} cannot be opened as SQLite: ${error.message}`, EXIT.badInput);
    });
    try {
      await checkSqlite(db, file);
      return await sqliteContents(db);
    } finally {
      await closeSqlite(db);
    }
  }
  const scanner = new DumpScanner();
  const source = createReadStream(file);
  try {
    for await (const chunk of format === "sql.gz" ? source.pipe(createGunzip()) : source)
      scanner.push(chunk as Buffer);
  } catch (error) {
    throw new BackupError(`${file} is damaged: ${(error as Error).message}`, EXIT.badInput);
  } finally {
    source.destroy();
  }
  if (!scanner.isDump) throw new BackupError(`${file} is not a MySQL/MariaDB dump`, EXIT.badInput);
  if (!scanner.complete)
    throw new BackupError(`${file} is incomplete: the dump stops before "-- Dump completed"`, EXIT.badInput);
  return { dialect: "mysql", ...scanner.contents() };
}

/**
 * Replace the configured database with a backup, then bring its schema up to this version's migrations. Refuses a
 * target that holds rows unless `force`, and a SQLite file a server has open in any case.
 */
export async function restoreDatabase(
  config: Pick<Config, "database">,
  file: string,
  options: ToolOptions & { force?: boolean } = {},
): Promise<RestoreResult> {
  const { database } = config;
  const format = await backupFormat(file);
  const kind = format === "sqlite" ? "sqlite" : "mysql";
  if (kind !== database.dialect) {
    throw new BackupError(
      kind === "mysql"
        ? `${path.basename(file)} is a MySQL/MariaDB dump but the configured database is SQLite (${describeDatabase(database)}); set DATABASE_URL=mysql://… to restore it there`
        : `${path.basename(file)} is a SQLite backup but the configured database is MySQL (${describeDatabase(database)}); unset DATABASE_URL or set it to sqlite:… to restore it there`,
      EXIT.badInput,
    );
  }
  // Tools first: a missing client should not be found out after the checks said yes.
  const client = database.dialect === "mysql" ? findTool(["mariadb", "mysql"], options.searchPath) : "";
  const contents = await inspectBackup(file);
  if (!("schema_migrations" in contents.rows))
    throw new BackupError(
      `${file} is not an HTX Connect backup (it has no schema_migrations table)`,
      EXIT.badInput,
    );
  const known = new Set(migrations.map(([name]) => name));
  const unknown = contents.migrations.filter((name) => !known.has(name));
  if (unknown.length) {
    throw new BackupError(
      `${path.basename(file)} comes from a newer HTX Connect (its schema has ${unknown.join(", ")}, which this version does not know): restore it with that version or a later one`,
      EXIT.badInput,
    );
  }

  const replacedData =
    database.dialect === "sqlite"
      ? await restoreSqlite(database.storage, file, options.force ?? false)
      : await restoreMysql(client, database, file, format === "sql.gz", options.force ?? false);

  // The same migrations the server runs at start, with its lock: a backup from an older version is brought up to
  // this one now, so a failure shows here, next to the backup, rather than at the next start.
  const db = await createDatabase(database);
  try {
    const applied = await migrate(db.sequelize);
    const rows: Record<string, number> = {};
    for (const table of KEY_TABLES) {
      const [row] = await db.sequelize.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`, {
        type: QueryTypes.SELECT,
      });
      rows[table] = Number(row?.n ?? 0);
    }
    return { file, contents, replacedData, applied, rows };
  } finally {
    await db.close();
  }
}

export { DumpScanner } from "./dump-scanner";
export { describeDatabase, formatBytes, formatKeyRows } from "./report";
export {
  BackupError,
  EXIT,
  KEY_TABLES,
  type BackupContents,
  type BackupResult,
  type ExitCode,
  type RestoreResult,
  type ToolOptions,
} from "./types";
