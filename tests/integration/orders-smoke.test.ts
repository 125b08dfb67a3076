import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContainer, DIALECTS, type TestContainer } from "../support/db";
import { checkoutForm, currentUser, makeCooperative, makeProduct, makeUser } from "../support/factories";

describe.each(DIALECTS)("orders smoke on %s", (dialect) => {
  let c: TestContainer;
  beforeAll(async () => {
    c = await createTestContainer(dialect);
  });
  afterAll(async () => c?.destroy());

  it("places a COD order across two cooperatives and sells exactly the stock under 50 buyers", async () => {
    const o1 = await makeUser(c, { role: "cooperative" });
    const coop1 = await makeCooperative(c, { ownerId: o1.id });
    const coop2 = await makeCooperative(c);
    const p1 = await makeProduct(c, coop1.id, { stock: 10 });
    const p2 = await makeProduct(c, coop2.id, { stock: 5 });
    const b = await makeUser(c);
    const buyer = await currentUser(c, b.email);
    await c.services.orders.cart.add({ userId: buyer.id }, { productId: p1.id, quantity: 2 });
    await c.services.orders.cart.add({ userId: buyer.id }, { productId: p2.id, quantity: 1 });
    const placed = await c.services.orders.placeOrder(buyer, checkoutForm(), {
      locale: "vi",
      origin: "http://x",
    });
    const detail = await c.services.orders.checkoutDetail(buyer, placed.publicId);
    expect(detail.orders).toHaveLength(2);
    expect(detail.totalVnd).toBe(360000);
    const owner = await currentUser(c, o1.email);
    const code = detail.orders.find((o) => o.cooperative.id === coop1.id)!.code;
    await c.services.orders.act(owner, code, "confirm");
    await c.services.orders.act(owner, code, "ship", { carrier: "Viettel Post", trackingNumber: "VTP123" });
    const d = await c.services.orders.detail(buyer, code, "vi");
    expect(d.status).toBe("shipped");
    expect(d.timeline.map((e) => e.to)).toEqual(["placed", "confirmed", "shipped"]);

    const buyers = await Promise.all(
      Array.from({ length: 50 }, async () => {
        const u = await makeUser(c);
        const cu = await currentUser(c, u.email);
        await c.services.orders.cart.add({ userId: cu.id }, { productId: p1.id, quantity: 1 });
        return cu;
      }),
    );
    const results = await Promise.allSettled(
      buyers.map((u) =>
        c.services.orders.placeOrder(u, checkoutForm(), { locale: "vi", origin: "http://x" }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(8);
    await p1.reload();
    expect(p1.stock).toBe(0);
  }, 120_000);
});
