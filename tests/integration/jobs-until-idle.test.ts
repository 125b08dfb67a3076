/**
 * `npm run jobs:work -- --until-idle` (the load benchmark runs it after seeding): every due job runs, once, the
 * process exits by itself, and the jobs set for later stay for the running workers.
 */
import { Op } from "sequelize";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueueJob } from "../../server/jobs";
import { enqueueNotification } from "../../server/notifications";
import { createTestContainer, DIALECTS, type TestContainer } from "../support/db";
import { startChild, stopAll, type ChildApp } from "../support/processes";

describe.each(DIALECTS)("a jobs worker run until idle on %s", (dialect) => {
  let c: TestContainer;
  const children: ChildApp[] = [];

  beforeAll(async () => {
    c = await createTestContainer(dialect);
  });

  afterAll(async () => {
    await stopAll(children);
    await c?.destroy();
  });

  it("runs every due job and exits, leaving tomorrow's", async () => {
    const { Job } = c.db.models;
    // More than one round's claim (20), so the worker must go round until a round finds nothing.
    await c.db.transaction(async (transaction) => {
      for (let i = 0; i < 45; i++)
        await enqueueNotification(c.db.models, transaction, {
          userId: null,
          channel: "email",
          recipient: `nguoi-nhan-${i}@example.com`,
          template: "password_changed",
          params: { name: `Người nhận ${i}` },
          locale: "vi",
        });
    });
    const tomorrow = new Date(Date.now() + 24 * 3600_000);
    await c.db.transaction((transaction) =>
      enqueueJob(
        c.db.models,
        transaction,
        "demand.expire",
        { demandId: 1 },
        { runAt: new Date(tomorrow.getTime() + 60_000) },
      ),
    );
    const later = await Job.findAll({ where: { status: "pending", runAt: { [Op.gt]: tomorrow } } });
    expect(later).not.toHaveLength(0);
    const due = await Job.count({ where: { status: "pending", runAt: { [Op.lte]: new Date() } } });
    expect(due).toBeGreaterThanOrEqual(45);

    const database = c.config.database;
    const worker = startChild(
      "jobs worker",
      "server/scripts/jobs-worker.ts",
      {
        NODE_ENV: "production",
        DATA_DIR: c.dataDir,
        UPLOADS_DIR: c.config.uploadsDir,
        DATABASE_URL: database.dialect === "mysql" ? database.url : `sqlite:${database.storage}`,
        SESSION_SECRET: "",
        LOG_LEVEL: "info",
      },
      ["--until-idle"],
    );
    children.push(worker);
    expect(await worker.exited).toEqual({ code: 0, signal: null });

    const idle = worker.logs().find((l) => l.msg === "jobs worker idle: no job is due");
    expect(idle).toMatchObject({ failed: 0 });
    expect(idle?.done).toBeGreaterThanOrEqual(due);
    expect(
      await Job.count({ where: { status: ["pending", "running"], runAt: { [Op.lte]: new Date() } } }),
    ).toBe(0);
    const stillLater = await Job.findAll({ where: { status: "pending", runAt: { [Op.gt]: tomorrow } } });
    expect(stillLater.map((j) => j.id)).toEqual(later.map((j) => j.id));
  }, 120_000);
});
