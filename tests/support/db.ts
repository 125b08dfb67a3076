import { createHash, randomBytes } from "node:crypto";
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Sequelize } from "sequelize";
import { loadConfig, type Config } from "../../server/config";
import { createContainer, type Container, type ContainerOptions } from "../../server/context";
import type { NotificationSender, RenderedMessage } from "../../server/notifications";
import { createLogger } from "../../server/logger";
import { vietnamDay } from "../../server/vocabulary/dates";
import { seedDemoIfEmpty } from "../../seeds";

export type Dialect = "sqlite" | "mysql";

/** SQLite always; MySQL/MariaDB too when MYSQL_URL is set (CI sets it to the machine's MariaDB). */
export const DIALECTS: Dialect[] = process.env.MYSQL_URL ? ["sqlite", "mysql"] : ["sqlite"];

if (!process.env.MYSQL_URL && !process.env.VITEST_QUIET_MYSQL) {
  console.info("MYSQL_URL is not set: integration tests run on SQLite only (MySQL variants skipped).");
}

/** Records what the notification outbox delivered, instead of logging it. */
export class MemorySender implements NotificationSender {
  readonly name = "memory";
  readonly sent: RenderedMessage[] = [];
  async send(message: RenderedMessage) {
    this.sent.push(message);
  }
}

export interface TestContainer extends Container {
  sender: MemorySender;
  dataDir: string;
  destroy(): Promise<void>;
}

/** What a test may swap in: engines and storage, and Stripe's API answered at the HTTP edge (tests/support/stripe.ts). */
export type TestContainerOptions = Pick<
  ContainerOptions,
  "searchEngine" | "imageStorage" | "stripeHttpClient"
> & {
  /** Start from the demo data (seeds/), with its queued jobs run, as a first `npm start` would leave it. */
  demo?: boolean;
};

/**
 * A fresh, migrated database of the given dialect for one test file: a temporary SQLite file, or a new
 * MySQL database on the server named by MYSQL_URL (dropped afterwards).
 */
export async function createTestContainer(
  dialect: Dialect,
  env: Record<string, string> = {},
  { demo = false, ...options }: TestContainerOptions = {},
): Promise<TestContainer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "htx-test-"));
  // On SQLite with the stock engines, the demo data is copied from a snapshot instead of seeded again (below).
  const fromSnapshot = demo && dialect === "sqlite" && !options.searchEngine && !options.imageStorage;
  if (fromSnapshot) cpSync(await demoSnapshot(), dataDir, { recursive: true });
  let databaseUrl: string;
  let dropDatabase: (() => Promise<void>) | null = null;
  if (dialect === "mysql") {
    const server = new URL(process.env.MYSQL_URL!);
    const base = server.pathname.replace(/^\//, "") || "htx_test";
    const name = `${base}_${randomBytes(4).toString("hex")}`.slice(0, 64);
    server.pathname = "/";
    const admin = new Sequelize(server.toString(), { dialect: "mysql", logging: false });
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await admin.close();
    server.pathname = `/${name}`;
    databaseUrl = server.toString();
    dropDatabase = async () => {
      const again = new Sequelize(new URL("/", server).toString(), { dialect: "mysql", logging: false });
      await again.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await again.close();
    };
  } else {
    databaseUrl = `sqlite:${path.join(dataDir, SQLITE_FILE)}`;
  }
  const container = await openContainer(dataDir, databaseUrl, env, options);
  if (demo && !fromSnapshot) {
    await seedDemoIfEmpty(container);
    await container.worker.drain();
  }
  return Object.assign(container, {
    async destroy() {
      await container.close();
      await dropDatabase?.();
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
}

const SQLITE_FILE = "test.sqlite";

async function openContainer(
  dataDir: string,
  databaseUrl: string,
  env: Record<string, string>,
  options: Omit<TestContainerOptions, "demo">,
) {
  const config: Config = loadConfig({
    NODE_ENV: "test",
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    UPLOADS_DIR: path.join(dataDir, "uploads"),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
    SESSION_SECRET: "test-session-secret-0123456789abcdef0123456789",
    JOBS_WORKER: "false",
    // Tests change data through the services, and factories write rows directly, then read the pages back at
    // once: a page kept from before would hide the change. The page cache's own test turns it on.
    PAGE_CACHE_SECONDS: "0",
    ...env,
  });
  const sender = new MemorySender();
  const container = await createContainer(config, {
    migrate: true,
    notificationSender: sender,
    logger: createLogger(config),
    ...options,
  });
  return Object.assign(container, { sender, dataDir });
}

/**
 * Seeding the demo data takes most of a minute (its pictures go through sharp), and a dozen test files start
 * from it. The first to ask seeds a SQLite data directory (database, search index, uploads, secrets) and leaves
 * it under the system's temporary directory; the others copy it. The name holds a digest of everything that
 * shapes the data (seeds/ and server/) and today's date in Vietnam, since the demo's dates count from today: a
 * changed seed or a new day makes a new snapshot. Two workers racing to make it each build one, and the first
 * rename wins.
 */
let snapshot: Promise<string> | null = null;
function demoSnapshot(): Promise<string> {
  snapshot ??= (async () => {
    const dir = path.join(tmpdir(), `htx-demo-${demoDigest()}`);
    if (existsSync(path.join(dir, ".complete"))) return dir;
    const work = mkdtempSync(path.join(tmpdir(), "htx-demo-build-"));
    const container = await openContainer(work, `sqlite:${path.join(work, SQLITE_FILE)}`, {}, {});
    try {
      await seedDemoIfEmpty(container);
      await container.worker.drain();
    } finally {
      await container.close();
    }
    writeFileSync(path.join(work, ".complete"), "");
    try {
      renameSync(work, dir);
    } catch {
      rmSync(work, { recursive: true, force: true });
    }
    return dir;
  })();
  return snapshot;
}

function demoDigest() {
  const hash = createHash("sha256").update(vietnamDay());
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else hash.update(full).update(readFileSync(full));
    }
  };
  for (const dir of ["seeds", "server"]) walk(path.resolve(dir));
  return hash.digest("hex").slice(0, 16);
}
