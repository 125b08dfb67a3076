import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ORDER_STATUSES } from "../../app/lib/domain";
import { DEMO_ACCOUNTS, seedDemoIfEmpty } from "../../seeds";
import { createTestContainer, DIALECTS, type TestContainer } from "../support/db";

/** `npm start` on an empty database seeds the demo: the dashboards must have something in every state. */
describe.each(DIALECTS)("demo data on %s", (dialect) => {
  let c: TestContainer;
  let seeded: Awaited<ReturnType<typeof seedDemoIfEmpty>>;

  beforeAll(async () => {
    c = await createTestContainer(dialect);
    seeded = await seedDemoIfEmpty(c);
  }, 120_000);
  afterAll(async () => c?.destroy());

  it("has orders in every status, made through the real use cases", async () => {
    expect(seeded).toMatchObject({ cooperatives: 48, products: 230 });
    const { Order, OrderEvent, OrderItem } = c.db.models;
    for (const status of ORDER_STATUSES)
      expect(await Order.count({ where: { status } }), status).toBeGreaterThan(0);
    // Every order has its first event and its items, and totals agree with the items.
    for (const order of await Order.findAll()) {
      expect(await OrderEvent.count({ where: { orderId: order.id, fromStatus: null } })).toBe(1);
      const items = await OrderItem.findAll({ where: { orderId: order.id } });
      expect(items.reduce((s, i) => s + i.lineTotalVnd, 0)).toBe(order.subtotalVnd);
    }
  });

  it("gives the demo cooperative orders to work on and the staff a ledger with one settlement", async () => {
    const member = (await c.services.accounts.currentUserByEmail(DEMO_ACCOUNTS.cooperative.email))!;
    const counts = await c.services.orders.countsForCooperative(member);
    expect(Object.keys(counts).length).toBeGreaterThanOrEqual(6);
    const staff = (await c.services.accounts.currentUserByEmail(DEMO_ACCOUNTS.staff.email))!;
    const balances = await c.services.ledger.balances(staff);
    expect(balances.some((b) => b.unsettledVnd > 0)).toBe(true);
    expect(await c.services.ledger.settlements(staff)).toHaveLength(1);
    // Past notifications are not sent again at first start.
    expect(await c.db.models.Notification.count({ where: { status: "pending" } })).toBe(0);
  });

  it("does nothing the second time", async () => {
    expect(await seedDemoIfEmpty(c)).toBeNull();
  });
});
