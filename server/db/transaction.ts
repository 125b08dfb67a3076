import { setTimeout as sleep } from "node:timers/promises";
import { BaseError, UniqueConstraintError, type Sequelize, type Transaction } from "sequelize";

export interface TransactionOptions {
  isolationLevel?: Transaction.ISOLATION_LEVELS;
  /**
   * A further failure after which the whole transaction is worth running again (a slug taken by a concurrent
   * writer: the next run sees it and takes the next one). Deadlocks and lock timeouts are always retried.
   */
  retryIf?: (error: unknown) => boolean;
  /** Runs in all, the first included. */
  attempts?: number;
}

export type TransactionRunner = <T>(
  work: (transaction: Transaction) => Promise<T>,
  options?: TransactionOptions,
) => Promise<T>;

const attempts = new WeakMap<Transaction, number>();

/** Which run of its work a transaction is (1 for the first): allocators spread out after a lost race. */
export function attemptOf(transaction: Transaction): number {
  return attempts.get(transaction) ?? 1;
}

const MYSQL_DEADLOCK = 1213;
const MYSQL_LOCK_WAIT_TIMEOUT = 1205;

/**
 * A failure that says nothing about the work, only that it met another transaction: MySQL/MariaDB chose it as a
 * deadlock victim or it waited too long for a row lock, or SQLite stayed busy past its timeout. The database has
 * rolled it back, so running the same work again is safe and will usually succeed.
 */
export function isTransientLockFailure(error: unknown): boolean {
  if (!(error instanceof BaseError)) return false;
  const parent = (error as { parent?: { errno?: number; code?: string } }).parent;
  if (!parent) return false;
  return (
    parent.errno === MYSQL_DEADLOCK ||
    parent.errno === MYSQL_LOCK_WAIT_TIMEOUT ||
    parent.code === "ER_LOCK_DEADLOCK" ||
    parent.code === "ER_LOCK_WAIT_TIMEOUT" ||
    parent.code === "SQLITE_BUSY"
  );
}

/**
 * Run `work` again while it fails transiently (or meets `retryIf`), with exponential backoff and full jitter so
 * that twenty writers who collided do not collide again in step. Bounded; the last failure is thrown as it came.
 */
export async function retryTransient<T>(
  work: (attempt: number) => Promise<T>,
  options: { retryIf?: (error: unknown) => boolean; attempts?: number; baseDelayMs?: number } = {},
): Promise<T> {
  const limit = options.attempts ?? 12;
  const baseDelayMs = options.baseDelayMs ?? 15;
  for (let attempt = 1; ; attempt++) {
    try {
      return await work(attempt);
    } catch (error) {
      const retry = isTransientLockFailure(error) || (options.retryIf?.(error) ?? false);
      if (!retry || attempt >= limit) throw error;
      await sleep(Math.random() * Math.min(1000, baseDelayMs * 2 ** (attempt - 1)));
    }
  }
}

/**
 * The one way use cases open a transaction: a managed Sequelize transaction that is run again, whole, when it
 * lost to another one (see isTransientLockFailure) or met `retryIf`. The database has rolled the lost run back,
 * so the work must do nothing outside the transaction that cannot be repeated.
 */
export function createTransactionRunner(sequelize: Sequelize): TransactionRunner {
  return (work, options = {}) =>
    retryTransient(
      (attempt) =>
        sequelize.transaction(
          options.isolationLevel ? { isolationLevel: options.isolationLevel } : {},
          (transaction) => {
            attempts.set(transaction, attempt);
            return work(transaction);
          },
        ),
      options,
    );
}

/**
 * Work whose unique index is the backstop of a "once" (a form's request id): when two copies race past the lookup and
 * the index refuses the second insert, the second caller gets what the first wrote (`again`), not an error.
 */
export async function onceByUniqueKey<T>(work: () => Promise<T>, again: () => Promise<T | null>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof UniqueConstraintError)) throw error;
    const known = await again();
    if (known === null) throw error;
    return known;
  }
}
