import cluster, { type Worker } from "node:cluster";
import type { Config } from "./config";
import type { Logger } from "./logger";

export interface ClusterOptions {
  /** The first restart's delay; it doubles with each further death within RESTART_WINDOW_MS. */
  restartDelayMs?: number;
  maxRestartDelayMs?: number;
  /** How long the processes may take to finish their requests on SIGTERM before they are killed. */
  shutdownTimeoutMs?: number;
}

/** Deaths further apart than this do not add up: a process that ran a while and died restarts at once. */
const RESTART_WINDOW_MS = 60_000;

/**
 * The primary of WEB_CONCURRENCY HTTP processes sharing one port (node:cluster hands each new connection to the
 * next process). It has already migrated, seeded and indexed (server/main.ts); it serves nothing itself.
 *
 * - Background jobs run in one process only, the first slot's (when JOBS_WORKER is on), not in all of them: the
 *   claim is safe across processes, but more pollers add no throughput to the embedded setup (SQLite and the
 *   search index each take one writer at a time, and every idle poll is a write transaction there), while a burst
 *   of jobs would slow every process's pages instead of one's. More job throughput is `npm run jobs:work`, beside
 *   HTTP processes started with JOBS_WORKER=false.
 * - A process that dies is started again in its slot (the jobs with it), after a delay that doubles while the
 *   deaths keep coming, so a crash loop does not spin. A process that dies before the cluster ever came up
 *   (no build, no database) stops everything with exit code 1, as a single process would.
 * - SIGTERM or SIGINT is passed on to every process, which finishes its requests and closes; then the primary exits.
 */
export function runCluster(config: Config, logger: Logger, options: ClusterOptions = {}) {
  const size = config.webConcurrency;
  const baseDelay = options.restartDelayMs ?? 500;
  const maxDelay = options.maxRestartDelayMs ?? 30_000;
  const slots = new Map<Worker, number>();
  const listened = new Set<number>();
  const restarts = new Set<NodeJS.Timeout>();
  let deaths: number[] = [];
  let stopping = false;

  const fork = (slot: number) => {
    const worker = cluster.fork({
      JOBS_WORKER: String(slot === 0 && config.jobs.worker),
    });
    slots.set(worker, slot);
    worker.once("listening", () => listened.add(slot));
  };

  cluster.on("exit", (worker, code, signal) => {
    const slot = slots.get(worker);
    slots.delete(worker);
    if (stopping || slot === undefined) {
      if (stopping && slots.size === 0) finish();
      return;
    }
    const pid = worker.process.pid;
    if (listened.size < size) {
      logger.fatal({ pid, code, signal }, "an HTTP process failed to start; stopping");
      stop("startup failure", 1);
      return;
    }
    const now = Date.now();
    deaths = [...deaths.filter((t) => now - t < RESTART_WINDOW_MS), now];
    const delay = Math.min(maxDelay, baseDelay * 2 ** (deaths.length - 1));
    logger.error({ pid, code, signal, slot, restartInMs: delay }, "an HTTP process died; starting another");
    const timer = setTimeout(() => {
      restarts.delete(timer);
      if (!stopping) fork(slot);
    }, delay);
    restarts.add(timer);
  });

  let exitCode = 0;
  const finish = () => {
    logger.info({ exitCode }, "all HTTP processes stopped");
    process.exit(exitCode);
  };
  const stop = (reason: string, code = 0) => {
    if (stopping) return;
    stopping = true;
    exitCode = code;
    logger.info({ reason, processes: slots.size }, "stopping the HTTP processes");
    for (const timer of restarts) clearTimeout(timer);
    if (slots.size === 0) return finish();
    for (const worker of slots.keys()) worker.process.kill("SIGTERM");
    setTimeout(() => {
      logger.error(
        { processes: slots.size },
        "HTTP processes still running after the shutdown timeout; killing",
      );
      for (const worker of slots.keys()) worker.process.kill("SIGKILL");
      exitCode = 1;
    }, options.shutdownTimeoutMs ?? 15_000).unref();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));

  logger.info({ pid: process.pid, processes: size, jobs: config.jobs.worker }, "starting the HTTP processes");
  for (let slot = 0; slot < size; slot++) fork(slot);
}
