import { spawn } from "node:child_process";
import { once } from "node:events";
import { accessSync, constants, createReadStream, createWriteStream, existsSync, statSync } from "node:fs";
import { mkdir, mkdtemp, open, rename, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import { QueryTypes } from "sequelize";
import sqlite3 from "sqlite3";
import type { Config } from "../config";
import { createDatabase, createSequelize } from "./index";
import { migrate } from "./migrator";
import { migrations } from "./migrations";

/**
 * Backups of the configured database and restores into it (npm run db:backup / db:restore; decision 0008).
 * SQLite: the online backup API copies the live file in one read transaction, WAL included, while the server goes
 * on writing. MySQL/MariaDB: mariadb-dump (or mysqldump) in one consistent snapshot, gzip-compressed, with the
 * credentials in a private option file instead of on the command line.
 */

type DatabaseConfig = Config["database"];
type Dialect = DatabaseConfig["dialect"];

/** Tables whose row counts a backup or restore reports. */
export const KEY_TABLES = ["users", "cooperatives", "products", "orders", "booth_bookings"] as const;

/** What the scripts exit with, so cron jobs and runbooks can tell a refusal from a failure. */
export const EXIT = { failed: 1, badInput: 2, refused: 3, missingTool: 4 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An expected failure with a one-line message for the operator and the exit code the script returns. */
export class BackupError extends Error {
  override name = "BackupError";
  constructor(
    message: string,
    readonly exitCode: ExitCode = EXIT.failed,
  ) {
    super(message);
  }
}

export interface BackupContents {
  dialect: Dialect;
  /** Every table in the backup, with its row count. */
  rows: Record<string, number>;
  /** The schema_migrations rows: which migrations the backed-up schema had. */
  migrations: string[];
}

export interface BackupResult extends BackupContents {
  file: string;
  bytes: number;
}

export interface RestoreResult {
  file: string;
  contents: BackupContents;
  /** The target held rows before (replaced because --force was given). */
  replacedData: boolean;
  /** Migrations this version had and the backup did not, applied right after restoring. */
  applied: string[];
  /** Key tables' row counts in the restored database. */
  rows: Record<string, number>;
}

export interface ToolOptions {
  /** Where the MySQL client programs are looked for; PATH by default. */
  searchPath?: string;
}

// ─── Backup ────────────────────────────────────────────────────────────────────────────────────────────────────

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

async function backupSqlite(source: string, file: string): Promise<BackupResult> {
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

async function backupMysql(dump: string, target: MysqlTarget, file: string): Promise<BackupResult> {
  const mariadb = await isMariadbTool(dump);
  const args = [
    "--single-transaction",
    "--routines",
    "--triggers",
    "--hex-blob",
    "--default-character-set=utf8mb4",
    // Without it, MySQL 8 wants the PROCESS privilege to list tablespaces the app never uses.
    "--no-tablespaces",
    // Oracle's mysqldump would write GTID_PURGED, which a restore into another server refuses.
    ...(mariadb ? [] : ["--set-gtid-purged=OFF"]),
    target.database,
  ];
  const partial = `${file}.partial`;
  const scanner = new DumpScanner();
  await withOptionFile(target, async (optionFile) => {
    const child = spawn(dump, [`--defaults-extra-file=${optionFile}`, ...args], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    const stderr = collect(child.stderr);
    const exited = exitOf(child);
    const written = pipeline(
      child.stdout,
      new Transform({
        transform(chunk: Buffer, _encoding, done) {
          scanner.push(chunk);
          done(null, chunk);
        },
      }),
      createGzip(),
      createWriteStream(partial, { flags: "wx", mode: 0o600 }),
    );
    const [code, output] = await Promise.allSettled([exited, written]);
    try {
      if (code.status === "rejected") throw toolError(dump, code.reason);
      if (code.value !== 0) throw new BackupError(`${path.basename(dump)} failed: ${firstLine(stderr())}`);
      if (output.status === "rejected") throw output.reason;
      if (!scanner.complete)
        throw new BackupError(
          `${path.basename(dump)} stopped before the end of the dump: ${firstLine(stderr())}`,
        );
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
  });
  await rename(partial, file);
  return { dialect: "mysql", ...scanner.contents(), file, bytes: statSync(file).size };
}

// ─── Inspect ───────────────────────────────────────────────────────────────────────────────────────────────────

type BackupFormat = "sqlite" | "sql.gz" | "sql";

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

// ─── Restore ───────────────────────────────────────────────────────────────────────────────────────────────────

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

/** Returns whether the target held rows. The copy is one write transaction: a failure leaves the target as it was. */
async function restoreSqlite(storage: string, file: string, force: boolean): Promise<boolean> {
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

/** Returns whether the target held rows. DDL commits as it goes on MySQL: a failed load leaves a partial database. */
async function restoreMysql(
  client: string,
  database: Extract<DatabaseConfig, { dialect: "mysql" }>,
  file: string,
  gzipped: boolean,
  force: boolean,
): Promise<boolean> {
  const target = mysqlTarget(database.url);
  const sequelize = createSequelize({ ...database, logging: false });
  let tables: Array<{ name: string; type: string }>;
  const withRows: string[] = [];
  let others: number;
  try {
    try {
      await sequelize.authenticate();
    } catch (error) {
      const e = error as { original?: { errno?: number }; message: string };
      if (e.original?.errno === 1049)
        throw new BackupError(
          `The database ${target.database} does not exist on ${target.host}: create it first (CREATE DATABASE \`${target.database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci)`,
          EXIT.badInput,
        );
      throw new BackupError(`Cannot connect to ${describeDatabase(database)}: ${e.message}`);
    }
    tables = await sequelize.query<{ name: string; type: string }>(
      "SELECT TABLE_NAME AS name, TABLE_TYPE AS type FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()",
      { type: QueryTypes.SELECT },
    );
    for (const { name, type } of tables) {
      if (type !== "BASE TABLE" || name === "schema_migrations") continue;
      const [row] = await sequelize.query<{ n: number }>(
        `SELECT EXISTS (SELECT 1 FROM ${quoteMysql(name)}) AS n`,
        {
          type: QueryTypes.SELECT,
        },
      );
      if (Number(row?.n)) withRows.push(name);
    }
    // A running server would write into tables while they are dropped and reloaded. Other users' sessions are
    // only listed with the PROCESS privilege; the app's own (same user) always are.
    const [row] = await sequelize.query<{ n: number }>(
      "SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE DB = DATABASE() AND ID <> CONNECTION_ID()",
      { type: QueryTypes.SELECT },
    );
    others = Number(row?.n ?? 0);
  } finally {
    await sequelize.close();
  }
  const reasons: string[] = [];
  if (withRows.length) reasons.push(holdsData(withRows));
  if (others)
    reasons.push(`${others} other connection${others > 1 ? "s are" : " is"} using it (a running server?)`);
  if (reasons.length && !force)
    throw new BackupError(
      `The target database ${target.database} ${reasons.join(", and ")}: restoring replaces everything in it; run again with --force to do that`,
      EXIT.refused,
    );

  // Tables the backup does not have (a newer version's) are dropped too, so the result is exactly the backup
  // and the migrations that follow find the schema they expect.
  const drops = tables.map(({ name, type }) =>
    type === "VIEW"
      ? `DROP VIEW IF EXISTS ${quoteMysql(name)};\n`
      : `DROP TABLE IF EXISTS ${quoteMysql(name)};\n`,
  );
  const prelude = `SET FOREIGN_KEY_CHECKS = 0;\n${drops.join("")}SET FOREIGN_KEY_CHECKS = 1;\n`;
  await withOptionFile(target, async (optionFile) => {
    const child = spawn(
      client,
      [
        `--defaults-extra-file=${optionFile}`,
        "--default-character-set=utf8mb4",
        `--database=${target.database}`,
      ],
      { stdio: ["pipe", "ignore", "pipe"] },
    );
    const stderr = collect(child.stderr);
    child.stdin.write(prelude);
    const source = createReadStream(file);
    const [code, fed] = await Promise.allSettled([
      exitOf(child),
      gzipped ? pipeline(source, createGunzip(), child.stdin) : pipeline(source, child.stdin),
    ]);
    // The client's own message says more than the broken pipe its early exit causes.
    if (code.status === "rejected") throw toolError(client, code.reason);
    if (code.value !== 0) throw new BackupError(`${path.basename(client)} failed: ${firstLine(stderr())}`);
    if (fed.status === "rejected") throw fed.reason;
  });
  return withRows.length > 0;
}

function holdsData(tables: string[]): string {
  const shown = tables.slice(0, 4).join(", ");
  return `holds data (${shown}${tables.length > 4 ? ` and ${tables.length - 4} more tables` : ""})`;
}

function notEmpty(storage: string, tables: string[]) {
  return new BackupError(
    `The target database ${storage} ${holdsData(tables)}: restoring replaces everything in it; run again with --force to do that`,
    EXIT.refused,
  );
}

// ─── SQLite helpers ────────────────────────────────────────────────────────────────────────────────────────────

/** node-sqlite3's Backup object: its type declarations leave the online backup API out. */
interface SqliteBackup {
  step(pages: number, callback: (error: Error | null, done?: boolean) => void): void;
  finish(callback?: (error: Error | null) => void): void;
}
type SqliteWithBackup = sqlite3.Database & {
  backup(
    file: string,
    destName: string,
    sourceName: string,
    fileIsDestination: boolean,
    callback: (error: Error | null) => void,
  ): SqliteBackup;
};

/** Copy every page between `db` and `file` (to-file: backup; from-file: restore) in one step. */
async function copyDatabase(db: sqlite3.Database, file: string, direction: "to-file" | "from-file") {
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

async function checkSqlite(db: sqlite3.Database, file: string) {
  const rows = await allSqlite<{ quick_check: string }>(db, "PRAGMA quick_check").catch((error: Error) => {
    throw new BackupError(`${file} is damaged: ${error.message}`, EXIT.badInput);
  });
  const problems = rows.map((r) => r.quick_check).filter((r) => r !== "ok");
  if (problems.length)
    throw new BackupError(`${file} is damaged: ${problems.slice(0, 3).join("; ")}`, EXIT.badInput);
}

async function sqliteContents(db: sqlite3.Database): Promise<BackupContents> {
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

function openSqlite(file: string, mode: number): Promise<sqlite3.Database> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, mode, (error) => (error ? reject(error) : resolve(db)));
  });
}

function closeSqlite(db: sqlite3.Database): Promise<void> {
  return new Promise((resolve, reject) => db.close((error) => (error ? reject(error) : resolve())));
}

function runSqlite(db: sqlite3.Database, sql: string): Promise<void> {
  return new Promise((resolve, reject) => db.run(sql, (error) => (error ? reject(error) : resolve())));
}

function allSqlite<T>(db: sqlite3.Database, sql: string): Promise<T[]> {
  return new Promise((resolve, reject) =>
    db.all<T>(sql, (error, rows) => (error ? reject(error) : resolve(rows))),
  );
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return code === "SQLITE_BUSY" || code === "SQLITE_LOCKED";
}

const quoteSqlite = (name: string) => `"${name.replace(/"/g, '""')}"`;
const quoteMysql = (name: string) => `\`${name.replace(/`/g, "``")}\``;

// ─── MySQL helpers ─────────────────────────────────────────────────────────────────────────────────────────────

interface MysqlTarget {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

function mysqlTarget(url: string): MysqlTarget {
  const u = new URL(url);
  const database = decodeURIComponent(u.pathname.replace(/^\//, ""));
  if (!database)
    throw new BackupError("DATABASE_URL names no database (mysql://user:pass@host:3306/db)", EXIT.badInput);
  return {
    host: u.hostname.replace(/^\[(.*)\]$/, "$1") || "127.0.0.1",
    port: Number(u.port || 3306),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database,
  };
}

/**
 * Run `work` with a client option file holding the credentials: mode 0600 in a private temporary directory,
 * removed afterwards. A password on the command line would show in `ps` to every user of the machine.
 */
async function withOptionFile<T>(target: MysqlTarget, work: (file: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), "htx-db-"));
  const file = path.join(dir, "client.cnf");
  // Double-quoted values take \\ and \" escapes, so any password survives (#, quotes, spaces, Vietnamese).
  const quote = (v: string) => `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;
  const lines = [
    "[client]",
    `host=${quote(target.host)}`,
    `port=${target.port}`,
    // A host of "localhost" would otherwise mean the Unix socket to the clients, and TCP to the server's driver.
    "protocol=TCP",
    ...(target.user ? [`user=${quote(target.user)}`] : []),
    ...(target.password ? [`password=${quote(target.password)}`] : []),
  ];
  try {
    await writeFile(file, `${lines.join("\n")}\n`, { mode: 0o600, flag: "wx" });
    return await work(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The first of `names` found as an executable on the search path. */
function findTool(names: string[], searchPath = process.env.PATH ?? ""): string {
  for (const name of names) {
    for (const dir of searchPath.split(path.delimiter).filter(Boolean)) {
      const candidate = path.join(dir, name);
      try {
        // Throws when missing or not executable; the next directory may hold one that is.
        accessSync(candidate, constants.X_OK);
        if (statSync(candidate).isFile()) return candidate;
      } catch {
        continue;
      }
    }
  }
  throw new BackupError(
    `Neither ${names.join(" nor ")} was found on PATH: install the MariaDB or MySQL client (apt-get install mariadb-client)`,
    EXIT.missingTool,
  );
}

async function isMariadbTool(tool: string): Promise<boolean> {
  const child = spawn(tool, ["--version"], { stdio: ["ignore", "pipe", "ignore"] });
  const out = collect(child.stdout);
  await exitOf(child).catch((error) => {
    throw toolError(tool, error);
  });
  return /mariadb/i.test(out());
}

function collect(stream: NodeJS.ReadableStream): () => string {
  const chunks: Buffer[] = [];
  let size = 0;
  stream.on("data", (chunk: Buffer) => {
    if (size < 64 * 1024) chunks.push(chunk);
    size += chunk.length;
  });
  return () => Buffer.concat(chunks).toString("utf8");
}

async function exitOf(child: ReturnType<typeof spawn>): Promise<number> {
  const [code, signal] = (await once(child, "close")) as [number | null, NodeJS.Signals | null];
  return code ?? (signal ? 128 : 1);
}

function toolError(tool: string, error: unknown): BackupError {
  const e = error as NodeJS.ErrnoException;
  return e.code === "ENOENT" || e.code === "EACCES"
    ? new BackupError(`${tool} cannot be run (${e.code})`, EXIT.missingTool)
    : new BackupError(`${path.basename(tool)}: ${e.message}`);
}

function firstLine(text: string): string {
  return (
    text
      .split("\n")
      .map((l) => l.trim())
      .find(Boolean) ?? "no message"
  );
}

/**
 * Reads a mysqldump/mariadb-dump stream as it passes and counts what it holds: tables, rows per table (tuples of
 * extended INSERTs, whatever their line layout) and the schema_migrations names. Works on bytes: every character
 * that matters here is ASCII, and UTF-8 never puts an ASCII byte inside a multi-byte character.
 */
export class DumpScanner {
  private quote = 0;
  private escaped = false;
  private depth = 0;
  private field = 0;
  private statementStarted = false;
  private head: number[] = [];
  private kind: { table: string; insert: boolean } | null | undefined;
  private comment: "line" | "block" | null = null;
  private commentText: number[] = [];
  private previous = 0;
  private capture: number[] | null = null;
  private readonly rows = new Map<string, number>();
  private readonly names: string[] = [];
  private lastComment = "";
  isDump = false;

  get complete(): boolean {
    return this.lastComment.startsWith("-- Dump completed");
  }

  contents(): { rows: Record<string, number>; migrations: string[] } {
    return { rows: Object.fromEntries(this.rows), migrations: [...this.names].sort() };
  }

  push(chunk: Buffer) {
    for (let i = 0; i < chunk.length; i++) this.byte(chunk[i]!);
  }

  private byte(b: number) {
    const previous = this.previous;
    this.previous = b;
    if (this.comment === "line") {
      if (b === LF) this.endLineComment();
      else if (this.commentText.length < 120) this.commentText.push(b);
      return;
    }
    if (this.comment === "block") {
      if (b === SLASH && previous === STAR) {
        this.comment = null;
        this.previous = 0;
      }
      return;
    }
    if (this.quote) {
      if (this.escaped) this.escaped = false;
      else if (b === BACKSLASH && this.quote !== BACKTICK) this.escaped = true;
      else if (b === this.quote) {
        this.quote = 0;
        if (this.capture) this.names.push(Buffer.from(this.capture).toString("utf8"));
        this.capture = null;
      }
      if (this.quote) this.capture?.push(b);
      if (this.head.length < 160) this.head.push(b);
      return;
    }
    // Conditional comments (/*!40101 SET NAMES utf8mb4 */) and trigger bodies say nothing about rows.
    if (b === STAR && previous === SLASH) {
      this.head.pop();
      if (this.head.length === 0) this.statementStarted = false;
      this.comment = "block";
      this.previous = 0;
      return;
    }
    if (!this.statementStarted) {
      if (b === SPACE || b === LF || b === CR || b === TAB || b === SEMICOLON) return;
      // No statement starts with "-": a "-- …" comment line.
      if (b === DASH) {
        this.comment = "line";
        this.commentText = [b];
        return;
      }
      this.statementStarted = true;
      this.head = [];
      this.kind = undefined;
      this.depth = 0;
    }
    if (this.head.length < 160) this.head.push(b);
    if (b === SEMICOLON && this.depth === 0) {
      this.statementStarted = false;
    } else if (b === QUOTE || b === DOUBLE_QUOTE || b === BACKTICK) {
      this.quote = b;
      if (b === QUOTE && this.depth === 1 && this.field === 0 && this.kind?.table === "schema_migrations")
        this.capture = [];
    } else if (b === OPEN) {
      if (this.depth === 0) {
        this.kind ??= this.classify();
        this.field = 0;
        if (this.kind) {
          if (this.kind.insert) this.rows.set(this.kind.table, (this.rows.get(this.kind.table) ?? 0) + 1);
          else this.rows.set(this.kind.table, this.rows.get(this.kind.table) ?? 0);
        }
      }
      this.depth += 1;
    } else if (b === CLOSE) {
      this.depth -= 1;
    } else if (b === COMMA && this.depth === 1) {
      this.field += 1;
    }
  }

  private classify(): { table: string; insert: boolean } | null {
    const head = Buffer.from(this.head).toString("utf8");
    const m = /^(INSERT INTO|CREATE TABLE) `((?:[^`]|``)+)`/.exec(head);
    if (!m) return null;
    const insert = m[1] === "INSERT INTO";
    // Only the VALUES tuples count, not a column list (--complete-insert) before them.
    if (insert && !/\bVALUES\s*\($/.test(head)) return null;
    return { table: m[2]!.replace(/``/g, "`"), insert };
  }

  private endLineComment() {
    this.comment = null;
    const text = Buffer.from(this.commentText).toString("utf8");
    if (/^-- (MariaDB|MySQL) dump/.test(text)) this.isDump = true;
    if (text.trim() !== "--") this.lastComment = text;
  }
}

const [LF, CR, TAB, SPACE] = [0x0a, 0x0d, 0x09, 0x20];
const [QUOTE, DOUBLE_QUOTE, BACKTICK, BACKSLASH] = [0x27, 0x22, 0x60, 0x5c];
const [OPEN, CLOSE, COMMA, SEMICOLON, DASH, SLASH, STAR] = [0x28, 0x29, 0x2c, 0x3b, 0x2d, 0x2f, 0x2a];

// ─── Reporting ─────────────────────────────────────────────────────────────────────────────────────────────────

/** Where the database is, for messages: the SQLite path, or the MySQL URL without its password. */
export function describeDatabase(database: DatabaseConfig): string {
  if (database.dialect === "sqlite") return database.storage;
  const u = new URL(database.url);
  if (u.password) u.password = "***";
  return u.toString();
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** "users 12 · cooperatives 48 · …" for the key tables present. */
export function formatKeyRows(rows: Record<string, number>): string {
  return KEY_TABLES.filter((t) => t in rows)
    .map((t) => `${t} ${rows[t]}`)
    .join(" · ");
}
