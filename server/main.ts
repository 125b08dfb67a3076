import path from "node:path";
import { pathToFileURL } from "node:url";
import { stat } from "node:fs/promises";
import type { ServerBuild } from "@remix-run/node";
import { ConfigError, loadConfig } from "./config";
import { createContainer } from "./context";
import { createApp } from "./http/app";
import { seedDemoIfEmpty } from "../seeds";

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const container = await createContainer(config, { migrate: true });
  const { logger } = container;
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
      { url: `http://localhost:${config.port}`, database: config.database.dialect },
      "HTX Connect is listening",
    );
  });

  const shutdown = (signal: string) => {
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
