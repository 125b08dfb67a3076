import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueueJob, JobWorker } from "../../server/jobs";
import { createLogger } from "../../server/logger";
import { createTestContainer, DIALECTS, type TestContainer } from "../support/db";

describe.each(DIALECTS)("jobs outbox on %s", (dialect) => {
  let c: TestContainer;
  const logger = createLogger({ logLevel: "silent" });
  beforeAll(async () => {
    c = await createTestContainer(dialect);
  });
  afterAll(async () => c?.destroy());

  it("keeps no job from a transaction that rolled back", async () => {
    await expect(
      c.db.sequelize.transaction(async (t) => {
        await enqueueJob(c.db.models, t, "test.rolled-back", {});
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    expect(await c.db.models.Job.count({ where: { type: "test.rolled-back" } })).toBe(0);
  });

  it("retries a failing job with backoff and gives up after its attempts", async () => {
    let now = new Date("2026-11-23T10:00:00Z");
    const worker = new JobWorker(c.db, logger, { now: () => now });
    let calls = 0;
    worker.register("test.flaky", async () => {
      calls += 1;
      throw new Error(`boom ${calls}`);
    });
    const id = await c.db.sequelize.transaction((t) =>
      enqueueJob(c.db.models, t, "test.flaky", { x: 1 }, { maxAttempts: 3, runAt: now }),
    );
    expect(await worker.runOnce()).toEqual({ done: 0, failed: 0, retried: 1 });
    // Not due yet: the backoff holds it back.
    expect(await worker.runOnce()).toEqual({ done: 0, failed: 0, retried: 0 });
    now = new Date(now.getTime() + 60_000);
    expect((await worker.runOnce()).retried).toBe(1);
    now = new Date(now.getTime() + 60_000);
    expect((await worker.runOnce()).failed).toBe(1);
    const job = await c.db.models.Job.findByPk(id);
    expect(job).toMatchObject({ status: "failed", attempts: 3, lastError: "Error: boom 3" });
    expect(calls).toBe(3);
  });

  it("runs each job exactly once when several workers compete", async () => {
    const seen = new Map<number, number>();
    const workers = Array.from({ length: 4 }, () =>
      new JobWorker(c.db, logger, { batchSize: 5 }).register("test.count", async (payload) => {
        const n = Number(payload.n);
        seen.set(n, (seen.get(n) ?? 0) + 1);
        await new Promise((r) => setTimeout(r, 2));
      }),
    );
    await c.db.sequelize.transaction(async (t) => {
      for (let n = 0; n < 60; n++) await enqueueJob(c.db.models, t, "test.count", { n });
    });
    await Promise.all(workers.map((w) => w.drain()));
    expect(seen.size).toBe(60);
    expect([...seen.values()].every((v) => v === 1)).toBe(true);
    expect(await c.db.models.Job.count({ where: { type: "test.count", status: "done" } })).toBe(60);
  });

  it("takes back a job whose worker died while running it", async () => {
    const id = await c.db.sequelize.transaction((t) => enqueueJob(c.db.models, t, "test.orphan", {}));
    await c.db.models.Job.update(
      { status: "running", lockedBy: "dead-worker", lockedAt: new Date(Date.now() - 10 * 60_000) },
      { where: { id } },
    );
    const worker = new JobWorker(c.db, logger).register("test.orphan", async () => undefined);
    expect((await worker.runOnce()).done).toBe(1);
    expect((await c.db.models.Job.findByPk(id))!.status).toBe("done");
  });
});
