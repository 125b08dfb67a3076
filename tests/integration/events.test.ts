import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEventBus } from "../../server/events";
import { JobWorker } from "../../server/jobs";
import { createTestContainer, DIALECTS, type TestContainer } from "../support/db";
import { makeCooperative, makeProduct, makeUser } from "../support/factories";

/** Domain events through the jobs outbox: written with their change, heard by each subscriber on its own. */
describe.each(DIALECTS)("domain events on %s", (dialect) => {
  let c: TestContainer;
  beforeAll(async () => {
    c = await createTestContainer(dialect);
  });
  afterAll(async () => c?.destroy());

  it("delivers one event to each subscriber, and retries a failing one without repeating the others", async () => {
    const worker = new JobWorker(c.db, c.logger);
    const bus = createEventBus(c.db.models, worker);
    const heard: string[] = [];
    let reportsUp = false;
    bus.subscribe(
      "product.changed",
      "search",
      async ({ productId }) => void heard.push(`search:${productId}`),
    );
    bus.subscribe("product.changed", "reports", async ({ productId }) => {
      if (!reportsUp) throw new Error("report cache unreachable");
      heard.push(`reports:${productId}`);
    });

    await c.db.transaction((t) => bus.publish(t, "product.changed", { productId: 41 }));
    expect(await worker.drain()).toMatchObject({ done: 1, retried: 1 });
    expect(heard).toEqual(["search:41"]);

    // The failed delivery waits in the outbox with its backoff; once due and the cache is back, only it runs.
    reportsUp = true;
    await c.db.models.Job.update({ runAt: new Date(0) }, { where: { type: "product.changed>reports" } });
    expect(await worker.drain()).toMatchObject({ done: 1, retried: 0 });
    expect(heard).toEqual(["search:41", "reports:41"]);
  });

  it("writes nothing when the change rolls back, and nothing for an event nobody hears", async () => {
    const worker = new JobWorker(c.db, c.logger);
    const bus = createEventBus(c.db.models, worker);
    bus.subscribe("product.changed", "search", async () => undefined);
    const before = await c.db.models.Job.count();
    await expect(
      c.db.transaction(async (t) => {
        await bus.publish(t, "product.changed", { productId: 7 });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    await c.db.transaction((t) => bus.publish(t, "cooperative.changed", { cooperativeId: 7 }));
    expect(await c.db.models.Job.count()).toBe(before);
  });

  it("keeps the search index in step through the container's subscribers, for every kind of product change", async () => {
    expect(c.events.subscribersOf("product.changed")).toEqual([
      "product.changed>search-index",
      "product.changed>matches",
    ]);
    expect(c.events.subscribersOf("cooperative.changed")).toEqual([
      "cooperative.changed>search-index",
      "cooperative.changed>matches",
    ]);
    const owner = await makeUser(c, { role: "cooperative" });
    const coop = await makeCooperative(c, { ownerId: owner.id });
    const product = await makeProduct(c, coop.id, { nameVi: "Nấm hương rừng Bắc Kạn 200g", stock: 3 });
    const found = async () =>
      (await c.engine.search({ q: "nam huong rung", locale: "vi", page: 1, perPage: 5 })).hits.length;
    await c.reindex();
    expect(await found()).toBe(1);
    // Stock running out is a change too: a stock movement publishes the event the index hears.
    await c.db.models.Product.update({ status: "archived" }, { where: { id: product.id } });
    await c.db.transaction((t) =>
      c.services.catalogue.stock.release(t, [{ productId: product.id, quantity: 1 }]),
    );
    await c.worker.drain();
    expect(await found()).toBe(0);
  });
});
