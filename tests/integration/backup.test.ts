import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { QueryTypes, Sequelize } from "sequelize";
import sqlite3 from "sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig, type Config } from "../../server/config";
import type { Container } from "../../server/context";
import { createDatabase } from "../../server/db";
import {
  backupDatabase,
  DumpScanner,
  EXIT,
  restoreDatabase,
  type BackupResult,
} from "../../server/db/backup";
import { createMigrator } from "../../server/db/migrator";
import { migrations } from "../../server/db/migrations";
import { createTestContainer, DIALECTS, type Dialect, type TestContainer } from "../support/db";
import { currentUser, makeCooperative, makeProduct, makeUser } from "../support/factories";
import { escapeRegExp } from "../support/text";

const run = promisify(execFile);

// Precomposed (NFC) with a 4-byte emoji, decomposed (NFD), and text that looks like SQL to a careless dump reader.
const TEA = "Chè Shan tuyết cổ thụ Hà Giang – hộp quà Tết 🍵";
const NOODLES = "Miến dong Bình Liêu, sợi dai".normalize("NFD");
const COOP = "HTX Chè Đặc sản Tân Cương Hoàng Bình";
const TRICKY = `Công thức "gia truyền" của bà Tư – it's ),( \\ ; /* không phải chú thích */ -- hết`;

const names = migrations.map(([name]) => name);
const hex = (text: string) => Buffer.from(text, "utf8").toString("hex").toUpperCase();

/** The UTF-8 bytes a column holds, as the database stores them (both dialects' HEX() of text is its bytes). */
async function storedHex(c: Pick<Container, "db">, table: string, column: string, id: number) {
  const [row] = await c.db.sequelize.query<{ h: string }>(
    `SELECT HEX(${column}) AS h FROM ${table} WHERE id = :id`,
    {
      replacements: { id },
      type: QueryTypes.SELECT,
    },
  );
  return row!.h.toUpperCase();
}

interface EmptyTarget {
  url: string;
  database: Config["database"];
  dataDir: string;
  drop(): Promise<void>;
}

/** A database with no tables at all: a new SQLite file, or a new database on the MYSQL_URL server. */
async function emptyTarget(dialect: Dialect): Promise<EmptyTarget> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "htx-restore-"));
  const removeDir = async () => rmSync(dataDir, { recursive: true, force: true });
  if (dialect === "sqlite") {
    const url = `sqlite:${path.join(dataDir, "restored.sqlite")}`;
    return { url, dataDir, database: loadConfig({ DATABASE_URL: url }).database, drop: removeDir };
  }
  const server = new URL(process.env.MYSQL_URL!);
  const name = `${server.pathname.replace(/^\//, "") || "htx_test"}_r${randomBytes(4).toString("hex")}`.slice(
    0,
    64,
  );
  server.pathname = "/";
  const admin = () => new Sequelize(server.toString(), { dialect: "mysql", logging: false });
  const create = admin();
  await create.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await create.close();
  const url = new URL(`/${name}`, server).toString();
  return {
    url,
    dataDir,
    database: loadConfig({ DATABASE_URL: url }).database,
    async drop() {
      const again = admin();
      await again.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await again.close();
      await removeDir();
    },
  };
}

async function usersByEmail(database: Config["database"]) {
  const db = await createDatabase(database);
  try {
    return (await db.models.User.findAll({ attributes: ["email"], order: [["email", "ASC"]] })).map(
      (u) => u.email,
    );
  } finally {
    await db.close();
  }
}

/** `npm run <script> -- <args>` as an operator types it; resolves with the exit code instead of throwing. */
const npmScript = (script: string, args: string[], env: Record<string, string>) =>
  run("npm", ["run", "--silent", script, "--", ...args], {
    env: { ...process.env, LOG_LEVEL: "warn", ...env },
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({
      code: error.code,
      stdout: error.stdout,
      stderr: error.stderr,
    }),
  );

describe.each(DIALECTS)("backups on %s", (dialect) => {
  let source: TestContainer;
  let backupDir: string;
  let backup: BackupResult;
  const cleanups: Array<() => Promise<void>> = [];
  const ids = { tea: 0, noodles: 0, coop: 0, teaSlug: "", buyer: "" };

  beforeAll(async () => {
    source = await createTestContainer(dialect);
    backupDir = mkdtempSync(path.join(tmpdir(), "htx-backups-"));
    const owner = await makeUser(source, { role: "cooperative", fullName: "Nguyễn Thị Hoà" });
    const buyer = await makeUser(source, { fullName: "Trần Văn Đức" });
    await makeUser(source, { role: "staff" });
    const coop = await makeCooperative(source, { name: COOP, ownerId: owner.id });
    const tea = await makeProduct(source, coop.id, { nameVi: TEA });
    await tea.update({ descriptionVi: TRICKY });
    const noodles = await makeProduct(source, coop.id, { nameVi: NOODLES });
    Object.assign(ids, {
      tea: tea.id,
      noodles: noodles.id,
      coop: coop.id,
      teaSlug: tea.slug,
      buyer: buyer.email,
    });
    backup = await backupDatabase(source.config.database, { dir: backupDir });
  });

  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    await source?.destroy();
    rmSync(backupDir, { recursive: true, force: true });
  });

  async function freshTarget() {
    const target = await emptyTarget(dialect);
    cleanups.push(target.drop);
    return target;
  }

  async function openApp(target: EmptyTarget) {
    const app = await createTestContainer(dialect, { DATABASE_URL: target.url });
    cleanups.push(() => app.destroy());
    return app;
  }

  it("writes a private, timestamped file that says what it holds", async () => {
    expect(path.dirname(backup.file)).toBe(backupDir);
    // Named after the database file or the MySQL database, then the UTC time.
    const db = source.config.database;
    const base = db.dialect === "sqlite" ? "test" : new URL(db.url).pathname.slice(1);
    const ext = dialect === "sqlite" ? "\\.sqlite" : "\\.sql\\.gz";
    expect(path.basename(backup.file)).toMatch(new RegExp(`^${escapeRegExp(base)}-\\d{8}T\\d{6}Z${ext}$`));
    expect(statSync(backup.file).mode & 0o777).toBe(0o600);
    expect(backup.bytes).toBe(statSync(backup.file).size);
    expect(readdirSync(backupDir).filter((f) => f.endsWith(".partial"))).toEqual([]);
    expect(backup.migrations).toEqual(names);
    expect(backup.rows).toMatchObject({
      users: await source.db.models.User.count(),
      cooperatives: 1,
      products: 2,
      orders: 0,
      schema_migrations: names.length,
    });
  });

  it("restores into an empty database, where the app finds the data with its Vietnamese text byte for byte", async () => {
    const target = await freshTarget();
    const restored = await restoreDatabase({ database: target.database }, backup.file);
    expect(restored).toMatchObject({
      replacedData: false,
      applied: [],
      rows: { users: 3, cooperatives: 1, products: 2, orders: 0 },
    });

    const app = await openApp(target);
    // A restored account logs in with its old password (the hash came through) and gets a session (a write).
    expect((await currentUser(app, ids.buyer)).fullName).toBe("Trần Văn Đức");
    await app.reindex();
    const page = await app.services.catalogue.getProductPage({
      slug: ids.teaSlug,
      viewer: null,
      locale: "vi",
    });
    expect(page.product.nameVi).toBe(TEA);
    expect(page.product.description).toBe(TRICKY);
    expect(page.cooperative.name).toBe(COOP);
    const found = await app.services.catalogue.searchProducts({
      query: { q: "mien dong binh lieu" },
      locale: "vi",
    });
    expect(found.hits.map((h) => h.id)).toContain(ids.noodles);

    for (const [table, column, id, text] of [
      ["products", "name_vi", ids.tea, TEA],
      ["products", "name_vi", ids.noodles, NOODLES],
      ["products", "description_vi", ids.tea, TRICKY],
      ["cooperatives", "name", ids.coop, COOP],
    ] as const) {
      expect(await storedHex(app, table, column, id)).toBe(hex(text));
      expect(await storedHex(source, table, column, id)).toBe(hex(text));
    }
  });

  it("refuses a target that holds data unless forced, then holds exactly the backup", async () => {
    const target = await freshTarget();
    const other = await createTestContainer(dialect, { DATABASE_URL: target.url });
    await makeUser(other, { email: "nguoi.la@example.vn" });
    await other.destroy();

    await expect(restoreDatabase({ database: target.database }, backup.file)).rejects.toMatchObject({
      exitCode: EXIT.refused,
      message: expect.stringMatching(/holds data \(.*users.*\).*run again with --force/),
    });
    expect(await usersByEmail(target.database)).toEqual(["nguoi.la@example.vn"]);

    const forced = await restoreDatabase({ database: target.database }, backup.file, { force: true });
    expect(forced).toMatchObject({ replacedData: true, applied: [], rows: { users: 3, products: 2 } });
    const expected = (
      await source.db.models.User.findAll({ attributes: ["email"], order: [["email", "ASC"]] })
    ).map((u) => u.email);
    expect(await usersByEmail(target.database)).toEqual(expected);
  });

  it("brings a backup from an older version up to this version's migrations", async () => {
    const old = await createTestContainer(dialect);
    cleanups.push(() => old.destroy());
    const user = await makeUser(old, { fullName: "Lê Thị Bích Ngọc" });
    await createMigrator(old.db.sequelize).down();
    const olderBackup = await backupDatabase(old.config.database, { dir: backupDir });
    expect(olderBackup.migrations).toEqual(names.slice(0, -1));

    const target = await freshTarget();
    const restored = await restoreDatabase({ database: target.database }, olderBackup.file);
    expect(restored.applied).toEqual(names.slice(-1));
    const app = await openApp(target);
    expect((await app.db.models.User.findByPk(user.id))?.fullName).toBe("Lê Thị Bích Ngọc");
    expect(await createMigrator(app.db.sequelize).pending()).toEqual([]);
  });

  it.runIf(dialect === "sqlite")(
    "refuses to restore over a SQLite file a server has open, even forced",
    async () => {
      const running = await createTestContainer("sqlite");
      cleanups.push(() => running.destroy());
      await makeUser(running, { email: "dang.chay@example.vn" });
      await expect(restoreDatabase(running.config, backup.file, { force: true })).rejects.toMatchObject({
        exitCode: EXIT.refused,
        message: expect.stringMatching(/is in use .*stop it, then restore/),
      });
      expect((await running.db.models.User.findAll()).map((u) => u.email)).toEqual(["dang.chay@example.vn"]);
    },
  );

  it.runIf(dialect === "sqlite")(
    "takes a consistent online backup while the server goes on writing",
    async () => {
      const live = await createTestContainer("sqlite");
      cleanups.push(() => live.destroy());
      // About 16 MB of audit rows, so that copying takes long enough for commits to land while it runs.
      await live.db.sequelize.query(
        `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 8000)
       INSERT INTO audit_events (actor_id, action, entity_type, entity_id, data, created_at)
       SELECT NULL, 'test.padding', 'test', i, hex(randomblob(1000)), CURRENT_TIMESTAMP FROM n`,
      );
      const { passwordHash } = await makeUser(live);
      // Each transaction writes ten users and one audit row: a backup holds whole transactions or none of one.
      let committed = 0;
      let stop = false;
      const writer = (async () => {
        for (let batch = 1; !stop; batch++) {
          await live.db.transaction(async (transaction) => {
            await live.db.models.User.bulkCreate(
              Array.from({ length: 10 }, (_, k) => ({
                email: `ghi-${batch}-${k}@example.vn`,
                passwordHash,
                fullName: `Người ghi ${batch}.${k}`,
                phone: null,
                role: "buyer" as const,
                locale: "vi",
                organisationId: null,
                disabledAt: null,
                lastLoginAt: null,
              })),
              { transaction },
            );
            await live.db.models.AuditEvent.create(
              {
                actorId: null,
                action: "test.batch",
                entityType: "test",
                entityId: String(batch),
                data: "{}",
              },
              { transaction },
            );
          });
          committed = batch;
        }
      })();
      const dir = mkdtempSync(path.join(tmpdir(), "htx-online-"));
      cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
      const snapshots: Array<{
        before: number;
        after: number;
        batches: number;
        users: number;
        check: string;
      }> = [];
      try {
        while (committed < 3) await new Promise((r) => setTimeout(r, 5));
        for (let k = 0; k < 6; k++) {
          const before = committed;
          const result = await backupDatabase(live.config.database, { dir });
          const after = committed;
          const copy = new sqlite3.Database(result.file, sqlite3.OPEN_READONLY);
          const get = <T>(sql: string) =>
            new Promise<T>((resolve, reject) => copy.get<T>(sql, (e, row) => (e ? reject(e) : resolve(row))));
          const { check } = await get<{ check: string }>(
            'SELECT integrity_check AS "check" FROM pragma_integrity_check',
          );
          const { batches } = await get<{ batches: number }>(
            "SELECT COUNT(*) AS batches FROM audit_events WHERE action = 'test.batch'",
          );
          const { users } = await get<{ users: number }>(
            "SELECT COUNT(*) AS users FROM users WHERE email LIKE 'ghi-%'",
          );
          await new Promise<void>((resolve) => copy.close(() => resolve()));
          snapshots.push({ before, after, batches, users, check });
        }
      } finally {
        stop = true;
        await writer;
      }
      for (const s of snapshots) {
        expect(s.check).toBe("ok");
        expect(s.users).toBe(10 * s.batches);
        // Everything committed before the backup began is in it; at most the commit in flight at its end is too.
        expect(s.batches).toBeGreaterThanOrEqual(s.before);
        expect(s.batches).toBeLessThanOrEqual(s.after + 1);
      }
      // The writer was not held up: commits landed while backups were being taken.
      expect(snapshots.some((s) => s.after > s.before)).toBe(true);
      expect(committed).toBeGreaterThan(snapshots[0]!.before);
    },
  );

  it.runIf(dialect === "mysql")("backs up with a password that never reaches the command line", async () => {
    const url = new URL(source.config.database.dialect === "mysql" ? source.config.database.url : "");
    const database = url.pathname.slice(1);
    const user = `htx_bak_${randomBytes(3).toString("hex")}`;
    const password = `mật "khẩu" it's \\ #1 ;`;
    const quoted = password.replace(/\\/g, "\\\\").replace(/'/g, "\\'");
    await source.db.sequelize.query(`CREATE USER '${user}'@'%' IDENTIFIED BY '${quoted}'`);
    cleanups.push(async () => void (await source.db.sequelize.query(`DROP USER IF EXISTS '${user}'@'%'`)));
    await source.db.sequelize.query(`GRANT ALL ON \`${database}\`.* TO '${user}'@'%'`);
    url.username = user;
    url.password = encodeURIComponent(password);
    const result = await backupDatabase(
      { dialect: "mysql", url: url.toString(), logging: false },
      { dir: backupDir, now: new Date("2026-12-01T00:00:00Z") },
    );
    expect(result.rows).toMatchObject({ users: 3, products: 2 });
  });

  it("works as npm run db:backup and db:restore, with one-line refusals and exit codes", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "htx-script-"));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const sourceUrl =
      source.config.database.dialect === "mysql"
        ? source.config.database.url
        : `sqlite:${source.config.database.storage}`;
    const made = await npmScript("db:backup", ["--dir", dir], {
      DATA_DIR: source.dataDir,
      DATABASE_URL: sourceUrl,
    });
    expect(made.code).toBe(0);
    const [file] = readdirSync(dir);
    expect(made.stdout).toContain(`to ${path.join(dir, file!)}`);
    expect(made.stdout).toMatch(/users 3 · cooperatives 1 · products 2 · orders 0/);

    const target = await freshTarget();
    const env = { DATA_DIR: target.dataDir, DATABASE_URL: target.url };
    const restored = await npmScript("db:restore", [path.join(dir, file!)], env);
    expect(restored.code).toBe(0);
    expect(restored.stdout).toMatch(/search index rebuilt \(embedded\): 2 of 2 products searchable/);
    expect(restored.stdout).toMatch(/users 3 · cooperatives 1 · products 2/);

    const again = await npmScript("db:restore", [path.join(dir, file!)], env);
    expect(again.code).toBe(EXIT.refused);
    // One line saying what and why, no stack trace (npm may add its own notices around it).
    expect(again.stderr.split("\n").filter((line) => line.startsWith("db:restore:"))).toEqual([
      expect.stringMatching(/^db:restore: The target database .* holds data .*--force/),
    ]);
    expect(again.stderr).not.toMatch(/^\s+at /m);
  });
});

describe("backup errors", () => {
  let dir: string;
  let sqliteBackup: string;
  let dump: string;
  let fakeBin: string;
  const unreachable: Config["database"] = {
    dialect: "mysql",
    url: "mysql://root@127.0.0.1:1/htx_none",
    logging: false,
  };
  const sqliteConfig = (storage: string) => ({
    database: { dialect: "sqlite" as const, storage, logging: false },
  });

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "htx-backup-errors-"));
    const c = await createTestContainer("sqlite");
    try {
      sqliteBackup = (await backupDatabase(c.config.database, { dir })).file;
    } finally {
      await c.destroy();
    }
    dump = path.join(dir, "htx-20261202T000000Z.sql.gz");
    writeFileSync(dump, gzipSync(mariadbDump(true)));
    // The client programs are looked up before anything runs; this one is found and never run.
    fakeBin = mkdtempSync(path.join(dir, "bin-"));
    writeFileSync(path.join(fakeBin, "mariadb"), "#!/bin/sh\nexit 1\n", { mode: 0o755 });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("names a missing file or one that is no backup", async () => {
    const target = sqliteConfig(path.join(dir, "never.sqlite"));
    await expect(restoreDatabase(target, path.join(dir, "missing.sqlite"))).rejects.toMatchObject({
      exitCode: EXIT.badInput,
      message: `No backup file at ${path.join(dir, "missing.sqlite")}`,
    });
    const text = path.join(dir, "notes.txt");
    writeFileSync(text, "Ghi chú: không phải bản sao lưu\n");
    await expect(restoreDatabase(target, text)).rejects.toMatchObject({
      exitCode: EXIT.badInput,
      message: expect.stringMatching(/is not a backup: neither a SQLite database nor a MySQL\/MariaDB dump$/),
    });
  });

  it("refuses a backup of the other dialect", async () => {
    await expect(restoreDatabase(sqliteConfig(path.join(dir, "t.sqlite")), dump)).rejects.toMatchObject({
      exitCode: EXIT.badInput,
      message: expect.stringMatching(
        /\.sql\.gz is a MySQL\/MariaDB dump but the configured database is SQLite/,
      ),
    });
    await expect(restoreDatabase({ database: unreachable }, sqliteBackup)).rejects.toMatchObject({
      exitCode: EXIT.badInput,
      message: expect.stringMatching(/\.sqlite is a SQLite backup but the configured database is MySQL/),
    });
  });

  it("says which client program is missing", async () => {
    const empty = mkdtempSync(path.join(dir, "empty-"));
    await expect(backupDatabase(unreachable, { dir, searchPath: empty })).rejects.toMatchObject({
      exitCode: EXIT.missingTool,
      message: expect.stringMatching(/^Neither mariadb-dump nor mysqldump was found on PATH/),
    });
    await expect(
      restoreDatabase({ database: unreachable }, dump, { searchPath: empty }),
    ).rejects.toMatchObject({
      exitCode: EXIT.missingTool,
      message: expect.stringMatching(/^Neither mariadb nor mysql was found on PATH/),
    });
  });

  it("refuses an incomplete dump before touching the database", async () => {
    const cut = path.join(dir, "cut.sql.gz");
    writeFileSync(cut, gzipSync(mariadbDump(false)));
    await expect(
      restoreDatabase({ database: unreachable }, cut, { searchPath: fakeBin }),
    ).rejects.toMatchObject({
      exitCode: EXIT.badInput,
      message: expect.stringMatching(/is incomplete: the dump stops before "-- Dump completed"/),
    });
  });

  it("refuses a backup from a newer version", async () => {
    const newer = path.join(dir, "newer.sqlite");
    const db = new sqlite3.Database(sqliteBackup);
    const exec = (sql: string) =>
      new Promise<void>((resolve, reject) => db.exec(sql, (e) => (e ? reject(e) : resolve())));
    await exec(`VACUUM INTO '${newer}'`);
    await new Promise<void>((resolve) => db.close(() => resolve()));
    const future = new sqlite3.Database(newer);
    await new Promise<void>((resolve, reject) =>
      future.run("INSERT INTO schema_migrations (name) VALUES ('2099-01-01-0001-future')", (e) =>
        e ? reject(e) : resolve(),
      ),
    );
    await new Promise<void>((resolve) => future.close(() => resolve()));
    await expect(restoreDatabase(sqliteConfig(path.join(dir, "t2.sqlite")), newer)).rejects.toMatchObject({
      exitCode: EXIT.badInput,
      message: expect.stringMatching(
        /comes from a newer HTX Connect \(its schema has 2099-01-01-0001-future/,
      ),
    });
  });

  it("counts a dump's rows whatever its layout and whatever its strings hold", () => {
    const scanner = new DumpScanner();
    const text = mariadbDump(true);
    // Fed in small pieces: quotes, escapes and comments cut across chunk boundaries.
    const bytes = Buffer.from(text, "utf8");
    for (let i = 0; i < bytes.length; i += 7) scanner.push(bytes.subarray(i, i + 7));
    expect(scanner.isDump).toBe(true);
    expect(scanner.complete).toBe(true);
    expect(scanner.contents()).toEqual({
      rows: { schema_migrations: 2, products: 3, empty_table: 0 },
      migrations: ["2026-11-23-0001-foundation", "2026-11-23-0002-catalogue"],
    });
  });
});

/** A small dump as mariadb-dump 10.11 writes it (one row per line), with one MySQL-style single-line INSERT. */
function mariadbDump(complete: boolean): string {
  return [
    "/*M!999999\\- enable the sandbox mode */ ",
    "-- MariaDB dump 10.19  Distrib 10.11.19-MariaDB, for debian-linux-gnu (x86_64)",
    "--",
    "-- Host: 127.0.0.1    Database: htx",
    "/*!40101 SET NAMES utf8mb4 */;",
    "/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;",
    "DROP TABLE IF EXISTS `schema_migrations`;",
    "CREATE TABLE `schema_migrations` (",
    "  `name` varchar(255) NOT NULL,",
    "  PRIMARY KEY (`name`)",
    ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_unicode_ci;",
    "INSERT INTO `schema_migrations` VALUES",
    "('2026-11-23-0001-foundation'),",
    "('2026-11-23-0002-catalogue');",
    "CREATE TABLE `products` (",
    "  `id` int(11) NOT NULL AUTO_INCREMENT,",
    "  `name_vi` varchar(200) NOT NULL COMMENT 'tên (tiếng Việt)',",
    "  PRIMARY KEY (`id`)",
    ");",
    "INSERT INTO `products` VALUES",
    "(1,'Chè Tân Cương ),( it\\'s \\\\ \\\"q\\\" ; -- không',0x00FF),",
    "(2,'Mật ong /* hoa nhãn */ ''đặc biệt''',NULL);",
    "INSERT INTO `products` VALUES (3,'Miến (dong), \\n Bình Liêu',NULL);",
    "CREATE TABLE `empty_table` (`id` int(11) DEFAULT NULL);",
    "--",
    "-- Dumping routines for database 'htx'",
    "--",
    "/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;",
    "",
    ...(complete ? ["-- Dump completed on 2026-12-02 16:39:28", ""] : []),
  ].join("\n");
}
