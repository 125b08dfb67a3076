import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Sequelize } from "sequelize";
import { loadConfig, type Config } from "../../server/config";
import { createContainer, type Container, type ContainerOptions } from "../../server/context";
import type { NotificationSender, RenderedMessage } from "../../server/notifications";
import { createLogger } from "../../server/logger";

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
>;

/**
 * A fresh, migrated database of the given dialect for one test file: a temporary SQLite file, or a new
 * MySQL database on the server named by MYSQL_URL (dropped afterwards).
 */
export async function createTestContainer(
  dialect: Dialect,
  env: Record<string, string> = {},
  options: TestContainerOptions = {},
): Promise<TestContainer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "htx-test-"));
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
    databaseUrl = `sqlite:${path.join(dataDir, "test.sqlite")}`;
  }
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
  return Object.assign(container, {
    sender,
    dataDir,
    async destroy() {
      await container.close();
      await dropDatabase?.();
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
}
