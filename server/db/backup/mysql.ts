import { spawn } from "node:child_process";
import { once } from "node:events";
import { accessSync, constants, createReadStream, createWriteStream, statSync } from "node:fs";
import { mkdtemp, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import { QueryTypes } from "sequelize";
import { createSequelize } from "../index";
import { holdsData } from "./sqlite";
import { DumpScanner } from "./dump-scanner";
import { describeDatabase } from "./report";
import { BackupError, BackupResult, DatabaseConfig, EXIT, MysqlTarget } from "./types";

/** MySQL/MariaDB: mariadb-dump and the mariadb client, credentials in a private option file. */
export async function backupMysql(dump: string, target: MysqlTarget, file: string): Promise<BackupResult> {
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

/** Returns whether the target held rows. DDL commits as it goes on MySQL: a failed load leaves a partial database. */
export async function restoreMysql(
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

export const quoteMysql = (name: string) => `\`${name.replace(/`/g, "``")}\``;

export function mysqlTarget(url: string): MysqlTarget {
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
export async function withOptionFile<T>(target: MysqlTarget, work: (file: string) => Promise<T>): Promise<T> {
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
export function findTool(names: string[], searchPath = process.env.PATH ?? ""): string {
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

export async function isMariadbTool(tool: string): Promise<boolean> {
  const child = spawn(tool, ["--version"], { stdio: ["ignore", "pipe", "ignore"] });
  const out = collect(child.stdout);
  await exitOf(child).catch((error) => {
    throw toolError(tool, error);
  });
  return /mariadb/i.test(out());
}

export function collect(stream: NodeJS.ReadableStream): () => string {
  const chunks: Buffer[] = [];
  let size = 0;
  stream.on("data", (chunk: Buffer) => {
    if (size < 64 * 1024) chunks.push(chunk);
    size += chunk.length;
  });
  return () => Buffer.concat(chunks).toString("utf8");
}

export async function exitOf(child: ReturnType<typeof spawn>): Promise<number> {
  const [code, signal] = (await once(child, "close")) as [number | null, NodeJS.Signals | null];
  return code ?? (signal ? 128 : 1);
}

export function toolError(tool: string, error: unknown): BackupError {
  const e = error as NodeJS.ErrnoException;
  return e.code === "ENOENT" || e.code === "EACCES"
    ? new BackupError(`${tool} cannot be run (${e.code})`, EXIT.missingTool)
    : new BackupError(`${path.basename(tool)}: ${e.message}`);
}

export function firstLine(text: string): string {
  return (
    text
      .split("\n")
      .map((l) => l.trim())
      .find(Boolean) ?? "no message"
  );
}
