import cluster from "node:cluster";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { stat } from "node:fs/promises";
import type { ServerBuild } from "@remix-run/node";
import { runCluster } from "./cluster";
import { ConfigError, loadConfig, type Config } from "./config";
import { createContainer, type Container } from "./context";
import { createApp } from "./http/app";
import { createLogger } from "./logger";
import { seedDemoIfEmpty } from "../seeds";

/**
 * `npm start`. One process (WEB_CONCURRENCY=1) prepares the database and serves. With several, the primary
 * prepares the database once and forks the HTTP processes (server/cluster.ts), which only serve.
 */
async function main() {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  if (cluster.isWorker) {
    // Several processes write to one stdout: each line says which one.
    const logger = createLogger(config).child({ pid: process.pid });
    await serve(await createContainer(config, { logger }));
    return;
  }
  if (config.webConcurrency > 1) {
    const logger = createLogger(config);
    const container = await createContainer(config, { migrate: true, logger });
    await prepare(container);
    // The seal key is otherwise made on first use: by two processes sealing at once, two keys, and each process
    // would keep only the one it saw. Made here, every process reads the same one.
    container.services.sealKeyring();
    await container.close();
    runCluster(config, logger);
    return;
  }
  const container = await createContainer(config, { migrate: true });
  await prepare(container);
  await serve(container);
}

/** What must happen once per start, before anyone is served: demo data and a lost search index. */
async function prepare(container: Container) {
  const { config, logger } = container;
  if (config.seedDemo === "auto") {
    const seeded = await seedDemoIfEmpty(container);
    if (seeded) logger.info(seeded, "demo data seeded into an empty database");
  }
  // A new or lost index (first start, search file deleted, new Meilisearch) is rebuilt from the database.
  const [indexed, products] = await Promise.all([
    container.engine.count().catch(() => -1),
    container.db.models.Product.count(),
  ]);
  if (indexed === 0 && products > 0) {
    const started = Date.now();
    const result = await container.reindex();
    logger.info({ ...result, ms: Date.now() - started }, "search index rebuilt from the database");
  }
}

async function serve(container: Container) {
  const { config, logger } = container;
  if (config.jobs.worker) container.worker.start();

  const buildPath = path.resolve("build/index.js");
  let cached: { mtime: number; build: ServerBuild } | null = null;
  const getBuild = async () => {
    // In development a rebuild (remix watch) is picked up on the next request.
    const mtime = config.env === "development" ? (await stat(buildPath)).mtimeMs : 0;
    if (!cached || cached.mtime !== mtime) {
      const build = (await import(`${pathToFileURL(buildPath).href}?t=${mtime}`)) as ServerBuild;
      cached = { mtime, build };
    }
    return cached.build;
  };
  await getBuild();

  const app = createApp(container, { getBuild });
  const server = app.listen(config.port, config.host, () => {
    logger.info(
      {
        url: `http://localhost:${config.port}`,
        database: config.database.dialect,
        jobs: config.jobs.worker,
        ...(cluster.isWorker ? { worker: cluster.worker?.id } : {}),
      },
      "HTX Connect is listening",
    );
  });

  let closing = false;
  const shutdown = (signal: string) => {
    // A terminal's Ctrl-C reaches a cluster's processes both directly and through the primary.
    if (closing) return;
    closing = true;
    logger.info({ signal }, "shutting down");
    server.close(() => {
      void container.close().then(() => process.exit(0));
    });
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
