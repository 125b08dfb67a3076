import { randomUUID } from "node:crypto";
import { Op, Transaction } from "sequelize";
import type { Database } from "../db";
import type { Models } from "../db/models";
import { isTransientLockFailure, retryTransient } from "../db/transaction";
import type { Logger } from "../logger";

export interface EnqueueOptions {
  runAt?: Date;
  maxAttempts?: number;
}

/**
 * Write a job into the outbox inside the caller's transaction: the job exists if and only if the change
 * that asked for it was committed. The worker picks it up afterwards.
 */
export async function enqueueJob(
  models: Models,
  transaction: Transaction,
  type: string,
  payload: Record<string, unknown>,
  options: EnqueueOptions = {},
): Promise<number> {
  const job = await models.Job.create(
    {
      type,
      payload: JSON.stringify(payload),
      runAt: options.runAt ?? new Date(),
      maxAttempts: options.maxAttempts,
      lockedBy: null,
      lockedAt: null,
      lastError: null,
      finishedAt: null,
    },
    { transaction },
  );
  return job.id;
}

export type JobHandler = (
  payload: Record<string, unknown>,
  job: { id: number; attempts: number },
) => Promise<void>;

export interface JobWorkerOptions {
  batchSize?: number;
  pollMs?: number;
  /** A running job whose worker has not finished within this time is taken back (its process died). */
  staleAfterMs?: number;
  now?: () => Date;
}

export interface RunResult {
  done: number;
  failed: number;
  retried: number;
}

/**
 * Claims jobs so that several server instances can share one outbox: on MySQL with
 * SELECT … FOR UPDATE SKIP LOCKED, on SQLite inside a write transaction (SQLite has one writer at a time).
 */
export class JobWorker {
  readonly id = `worker-${process.pid}-${randomUUID().slice(0, 8)}`;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = true;
  private readonly handlers = new Map<string, JobHandler>();

  constructor(
    private readonly db: Database,
    private readonly logger: Logger,
    private readonly options: JobWorkerOptions = {},
  ) {}

  register(type: string, handler: JobHandler): this {
    this.handlers.set(type, handler);
    return this;
  }

  private now() {
    return this.options.now?.() ?? new Date();
  }

  /** Claim one batch of due jobs and run them. */
  async runOnce(): Promise<RunResult> {
    const claimed = await this.claim();
    const result: RunResult = { done: 0, failed: 0, retried: 0 };
    for (const job of claimed) {
      const outcome = await this.execute(job);
      result[outcome] += 1;
    }
    return result;
  }

  /** Run until no due job is left (tests, scripts). */
  async drain(maxRounds = 100): Promise<RunResult> {
    const total: RunResult = { done: 0, failed: 0, retried: 0 };
    for (let i = 0; i < maxRounds; i++) {
      const r = await this.runOnce();
      total.done += r.done;
      total.failed += r.failed;
      total.retried += r.retried;
      if (r.done + r.failed + r.retried === 0) break;
    }
    return total;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const tick = async () => {
      if (this.stopped) return;
      this.running = this.runOnce().catch((error) =>
        this.logger.error({ err: error }, "job worker round failed"),
      );
      const r = (await this.running) as RunResult | undefined;
      this.running = null;
      if (this.stopped) return;
      // Go straight on while there is work, otherwise wait for the next poll.
      const busy = r && r.done + r.failed + r.retried > 0;
      this.timer = setTimeout(tick, busy ? 0 : (this.options.pollMs ?? 1000));
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private async claim() {
    const { Job } = this.db.models;
    const now = this.now();
    const staleBefore = new Date(now.getTime() - (this.options.staleAfterMs ?? 5 * 60_000));
    // READ COMMITTED: no gap locks, so competing workers skip each other's rows instead of deadlocking.
    const isolationLevel =
      this.db.dialect === "mysql" ? Transaction.ISOLATION_LEVELS.READ_COMMITTED : undefined;
    try {
      return await this.db.sequelize.transaction({ isolationLevel }, async (transaction) => {
        const rows = await Job.findAll({
          where: {
            [Op.or]: [
              { status: "pending", runAt: { [Op.lte]: now } },
              { status: "running", lockedAt: { [Op.lt]: staleBefore } },
            ],
          },
          order: [
            ["runAt", "ASC"],
            ["id", "ASC"],
          ],
          limit: this.options.batchSize ?? 20,
          lock: transaction.LOCK.UPDATE,
          skipLocked: true,
          transaction,
        });
        if (rows.length === 0) return [];
        const ids = rows.map((r) => r.id);
        await Job.update(
          {
            status: "running",
            lockedBy: this.id,
            lockedAt: now,
            attempts: this.db.sequelize.literal("attempts + 1") as unknown as number,
          },
          { where: { id: ids }, transaction },
        );
        return rows.map((r) => ({
          id: r.id,
          type: r.type,
          payload: r.payload,
          attempts: r.attempts + 1,
          maxAttempts: r.maxAttempts,
        }));
      });
    } catch (error) {
      // Another instance won the race for these rows; nothing is lost, the next round tries again.
      if (isTransientLockFailure(error)) return [];
      throw error;
    }
  }

  private async execute(job: {
    id: number;
    type: string;
    payload: string;
    attempts: number;
    maxAttempts: number;
  }) {
    const { Job } = this.db.models;
    const handler = this.handlers.get(job.type);
    let failure: unknown = null;
    try {
      if (!handler) throw new Error(`no handler registered for job type "${job.type}"`);
      await handler(JSON.parse(job.payload) as Record<string, unknown>, {
        id: job.id,
        attempts: job.attempts,
      });
    } catch (error) {
      failure = error;
    }
    // Recording the outcome is bookkeeping, not the job: a lock conflict here is retried, never taken for
    // the job having failed (which would run it again).
    if (!failure) {
      await retryTransient(() =>
        Job.update(
          { status: "done", finishedAt: this.now(), lockedBy: null, lockedAt: null, lastError: null },
          { where: { id: job.id, lockedBy: this.id } },
        ),
      );
      return "done" as const;
    }
    const message = failure instanceof Error ? `${failure.name}: ${failure.message}` : String(failure);
    const giveUp = job.attempts >= job.maxAttempts;
    // Exponential backoff: 2 s, 4 s, 8 s … capped at one hour.
    const delayMs = Math.min(3600_000, 1000 * 2 ** job.attempts);
    await retryTransient(() =>
      Job.update(
        giveUp
          ? { status: "failed", finishedAt: this.now(), lockedBy: null, lockedAt: null, lastError: message }
          : {
              status: "pending",
              runAt: new Date(this.now().getTime() + delayMs),
              lockedBy: null,
              lockedAt: null,
              lastError: message,
            },
        { where: { id: job.id, lockedBy: this.id } },
      ),
    );
    this.logger[giveUp ? "error" : "warn"](
      { jobId: job.id, type: job.type, attempts: job.attempts, err: message },
      giveUp ? "job failed for good" : "job failed, will retry",
    );
    return giveUp ? ("failed" as const) : ("retried" as const);
  }
}
