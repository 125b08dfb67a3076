import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { ConfigError, loadConfig } from "../config";
import { createContainer } from "../context";
import { createMigrator } from "../db/migrator";

/** How often a worker started before the migrations looks again. */
const SCHEMA_POLL_MS = 5_000;
/** A job under way when SIGTERM comes (a PDF being sealed) may take this long to finish. */
const SHUTDOWN_TIMEOUT_MS = 30_000;

/**
 * npm run jobs:work — a process that runs the background jobs and serves nothing, beside HTTP processes started
 * with JOBS_WORKER=false; run as many as the jobs need (their claims never overlap: server/jobs). It runs the jobs
 * whatever JOBS_WORKER says. It never migrates: the server does, once (or `npm run db:migrate`); a worker started
 * first waits for the schema its code expects. SIGTERM or SIGINT lets the round under way finish, then it exits.
 * With `--until-idle` it runs every job that is due and exits (after a bulk import, or before a benchmark).
 */
async function main() {
  const { values } = parseArgs({ options: { "until-idle": { type: "boolean", default: false } } });
  const untilIdle = values["until-idle"];
  const config = loadConfig();
  const container = await createContainer(config);
  const { logger } = container;
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "jobs worker stopping");
    setTimeout(() => {
      logger.error("a job was still running after the shutdown timeout; exiting anyway");
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    void container.close().then(() => process.exit(0));
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));

  const migrator = createMigrator(container.db.sequelize);
  try {
    for (let warned = false; !stopping; warned = true) {
      const pending = await migrator.pending();
      if (pending.length === 0) break;
      if (!warned)
        logger.warn({ pending: pending.map((m) => m.name) }, "waiting for the database to be migrated");
      await sleep(SCHEMA_POLL_MS);
    }
  } catch (error) {
    // Stopped while looking: the database was closed under the query.
    if (stopping) return;
    throw error;
  }
  if (stopping) return;
  if (untilIdle) {
    // Every due job, in rounds, until a round finds none; jobs set for later stay for the running workers.
    logger.info(await container.worker.drain(Number.POSITIVE_INFINITY), "jobs worker idle: no job is due");
    await container.close();
    return;
  }
  container.worker.start();
  logger.info({ worker: container.worker.id, database: config.database.dialect }, "jobs worker running");
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
