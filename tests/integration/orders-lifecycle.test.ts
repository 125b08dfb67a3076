import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContainer, DIALECTS, type TestContainer } from "../support/db";
import { makeProduct } from "../support/factories";
import {
  buy,
  domainError,
  fieldCodes,
  orderLeftovers,
  ordersOf,
  outbox,
  sellingCooperative,
  signedInBuyer,
  signedInStaff,
  stockOf,
  transitions,
} from "../support/orders";

/**
 * Orders through their use cases on a real database: an order's life from placed to delivered or cancelled,
 * and the cooperative's export.
 */
describe.each(DIALECTS)("orders: an order's life on %s", (dialect) => {
  let c: TestContainer;
  beforeAll(async () => {
    c = await createTestContainer(dialect);
  });
  afterAll(async () => c?.destroy());

  describe("order lifecycle", () => {
    it("takes a COD order from placed to delivered, recording who moved it; delivery makes it paid", async () => {
      const { coop, owner } = await sellingCooperative(c);
      const p = await makeProduct(c, coop.id, { stock: 10 });
      const buyer = await signedInBuyer(c);
      const placed = await buy(c, buyer, [{ productId: p.id, quantity: 2 }]);
      const { orders } = await ordersOf(c, placed.publicId);
      const code = orders[0]!.code;
      const orderId = orders[0]!.id;

      const nothingWritten = async (attempt: () => Promise<unknown>, code: string) => {
        const before = await transitions(c, orderId);
        const status = (await c.db.models.Order.findByPk(orderId))!.status;
        const error = await domainError(attempt());
        expect(error.code).toBe(code);
        expect(await transitions(c, orderId)).toEqual(before);
        expect((await c.db.models.Order.findByPk(orderId))!.status).toBe(status);
        return error;
      };

      const staff = await signedInStaff(c);
      const stranger = await signedInBuyer(c);
      // Wrong order of steps, wrong people, wrong payment method.
      const early = await nothingWritten(
        () =>
          c.services.orders.actOnOrder(owner, {
            code,
            action: "ship",
            form: { carrier: "GHN", trackingNumber: "GHN1" },
          }),
        "transition_refused",
      );
      expect(early).toMatchObject({ status: 409, params: { from: "placed", action: "ship" } });
      await nothingWritten(
        () => c.services.orders.actOnOrder(buyer, { code, action: "confirm" }),
        "transition_refused",
      );
      await nothingWritten(
        () => c.services.orders.actOnOrder(owner, { code, action: "mark_paid" }),
        "transition_refused",
      );
      await nothingWritten(
        () => c.services.orders.actOnOrder(staff, { code, action: "refund" }),
        "transition_refused",
      );
      await nothingWritten(
        () => c.services.orders.actOnOrder(stranger, { code, action: "cancel" }),
        "order_not_found",
      );
      await nothingWritten(
        () => c.services.orders.actOnOrder(owner, { code: "HTX-NOSUCH00", action: "confirm" }),
        "order_not_found",
      );

      await c.services.orders.actOnOrder(owner, { code, action: "confirm" });
      // Shipping needs a carrier and a tracking number.
      const missing = await nothingWritten(
        () => c.services.orders.actOnOrder(owner, { code, action: "ship", form: {} }),
        "invalid",
      );
      expect(Object.keys(fieldCodes(missing)).sort()).toEqual(["carrier", "trackingNumber"]);
      const blank = await nothingWritten(
        () =>
          c.services.orders.actOnOrder(owner, {
            code,
            action: "ship",
            form: { carrier: "Viettel Post", trackingNumber: " " },
          }),
        "invalid",
      );
      expect(Object.keys(fieldCodes(blank))).toEqual(["trackingNumber"]);
      await c.services.orders.actOnOrder(owner, {
        code,
        action: "ship",
        form: {
          carrier: "Viettel Post",
          trackingNumber: "VTP987654",
        },
      });
      await nothingWritten(
        () => c.services.orders.actOnOrder(buyer, { code, action: "cancel" }),
        "transition_refused",
      );
      await nothingWritten(
        () =>
          c.services.orders.actOnOrder(owner, {
            code,
            action: "cancel",
            form: { reason: "Khách đổi ý rồi" },
          }),
        "transition_refused",
      );
      let order = (await c.db.models.Order.findByPk(orderId))!;
      expect(order).toMatchObject({ status: "shipped", paymentStatus: "unpaid", carrier: "Viettel Post" });
      expect(order.trackingNumber).toBe("VTP987654");
      const shipped = (await outbox(c, "order_shipped")).filter((n) => n.params.code === code);
      expect(shipped).toEqual([
        expect.objectContaining({
          userId: buyer.id,
          params: expect.objectContaining({ carrier: "Viettel Post", tracking: "VTP987654" }),
        }),
      ]);

      await c.services.orders.actOnOrder(owner, { code, action: "deliver" });
      order = (await c.db.models.Order.findByPk(orderId))!;
      expect(order).toMatchObject({ status: "delivered", paymentStatus: "paid" });
      expect(order.paidAt).toBeInstanceOf(Date);
      await nothingWritten(
        () => c.services.orders.actOnOrder(owner, { code, action: "deliver" }),
        "transition_refused",
      );

      const events = await c.db.models.OrderEvent.findAll({ where: { orderId }, order: [["id", "ASC"]] });
      expect(events.map((e) => [e.fromStatus, e.toStatus, e.actorKind, e.actorId])).toEqual([
        [null, "placed", "buyer", buyer.id],
        ["placed", "confirmed", "cooperative", owner.id],
        ["confirmed", "shipped", "cooperative", owner.id],
        ["shipped", "delivered", "cooperative", owner.id],
      ]);
      const seen = await c.services.orders.getOrder(buyer, { code, locale: "vi" });
      expect(seen).toMatchObject({ viewerAs: "buyer", actions: [], carrier: "Viettel Post" });
      expect(seen.timeline.map((t) => t.actorName)).toEqual([
        buyer.fullName,
        owner.fullName,
        owner.fullName,
        owner.fullName,
      ]);
    });

    it("lets the buyer cancel before shipping without a reason; the stock comes back and the cooperative is told", async () => {
      const { coop, owner } = await sellingCooperative(c);
      const p = await makeProduct(c, coop.id, { stock: 10 });
      const buyer = await signedInBuyer(c);
      const placed = await buy(c, buyer, [{ productId: p.id, quantity: 3 }]);
      const { orders } = await ordersOf(c, placed.publicId);
      const code = orders[0]!.code;
      await c.services.orders.actOnOrder(owner, { code, action: "confirm" });
      expect(await stockOf(c, p.id)).toBe(7);

      await c.services.orders.actOnOrder(buyer, { code, action: "cancel" });
      expect(await stockOf(c, p.id)).toBe(10);
      const { checkout, orders: after } = await ordersOf(c, placed.publicId);
      expect(after[0]).toMatchObject({ status: "cancelled", cancelReason: null });
      expect(checkout.status).toBe("cancelled");
      expect((await transitions(c, after[0]!.id)).at(-1)).toBe("confirmed→cancelled by buyer");
      expect((await outbox(c, "order_cancelled_cooperative")).filter((n) => n.params.code === code)).toEqual([
        expect.objectContaining({ userId: owner.id }),
      ]);
      // The buyer did it, so the buyer is not sent a cancellation notice.
      expect((await outbox(c, "order_cancelled")).filter((n) => n.params.code === code)).toEqual([]);
      // Cancelled twice does not give the stock back twice.
      expect((await domainError(c.services.orders.actOnOrder(buyer, { code, action: "cancel" }))).code).toBe(
        "transition_refused",
      );
      expect(await stockOf(c, p.id)).toBe(10);
    });

    it("asks a cooperative for a reason to cancel, tells the buyer, and leaves the other cooperative's order alone", async () => {
      const { coop: coopA, owner: ownerA } = await sellingCooperative(c);
      const { coop: coopB } = await sellingCooperative(c);
      const a = await makeProduct(c, coopA.id, { stock: 10 });
      const b = await makeProduct(c, coopB.id, { stock: 10 });
      const buyer = await signedInBuyer(c);
      const placed = await buy(c, buyer, [
        { productId: a.id, quantity: 4 },
        { productId: b.id, quantity: 1 },
      ]);
      const { orders } = await ordersOf(c, placed.publicId);
      const [orderA, orderB] = orders;

      for (const form of [{}, { reason: "" }, { reason: "hết" }]) {
        const error = await domainError(
          c.services.orders.actOnOrder(ownerA, { code: orderA!.code, action: "cancel", form }),
        );
        expect(error.code).toBe("invalid");
        expect(Object.keys(fieldCodes(error))).toEqual(["reason"]);
      }
      expect(await stockOf(c, a.id)).toBe(6);

      await c.services.orders.actOnOrder(ownerA, {
        code: orderA!.code,
        action: "cancel",
        form: { reason: "Mưa lũ, không thu hoạch được" },
      });
      const { checkout, orders: after } = await ordersOf(c, placed.publicId);
      expect(after.map((o) => o.status)).toEqual(["cancelled", "placed"]);
      expect(after[0]!.cancelReason).toBe("Mưa lũ, không thu hoạch được");
      expect(checkout.status).toBe("placed");
      expect(await stockOf(c, a.id)).toBe(10);
      expect(await stockOf(c, b.id)).toBe(9);
      expect((await outbox(c, "order_cancelled")).filter((n) => n.params.code === orderA!.code)).toEqual([
        expect.objectContaining({
          userId: buyer.id,
          params: expect.objectContaining({ reason: "Mưa lũ, không thu hoạch được" }),
        }),
      ]);
      expect(orderB!.status).toBe("placed");
    });
  });

  describe("export", () => {
    it("gives a cooperative a CSV of its own orders only, one row per item", async () => {
      const { coop: coopA, owner: ownerA } = await sellingCooperative(c);
      const { coop: coopB, owner: ownerB } = await sellingCooperative(c);
      const a1 = await makeProduct(c, coopA.id, { priceVnd: 10_000, stock: 100 });
      const a2 = await makeProduct(c, coopA.id, { priceVnd: 20_000, stock: 100 });
      const b1 = await makeProduct(c, coopB.id, { priceVnd: 30_000, stock: 100 });
      const buyer = await signedInBuyer(c);
      const first = await buy(c, buyer, [
        { productId: a1.id, quantity: 1 },
        { productId: a2.id, quantity: 2 },
        { productId: b1.id, quantity: 3 },
      ]);
      const second = await buy(c, buyer, [{ productId: b1.id, quantity: 1 }]);
      const codesA = (await ordersOf(c, first.publicId)).orders.filter((o) => o.cooperativeId === coopA.id);
      const codesB = [
        ...(await ordersOf(c, first.publicId)).orders,
        ...(await ordersOf(c, second.publicId)).orders,
      ].filter((o) => o.cooperativeId === coopB.id);

      const rowsA = await c.services.orders.exportCooperativeOrders(ownerA, { query: {} });
      expect(rowsA.map((r) => [r.code, r.sku, r.quantity, r.lineTotalVnd, r.orderTotalVnd])).toEqual([
        [codesA[0]!.code, a1.sku, 1, 10_000, 50_000],
        [codesA[0]!.code, a2.sku, 2, 40_000, 50_000],
      ]);
      expect(rowsA[0]).toMatchObject({
        buyer: "Trần Thị Mai",
        location: { province: { code: "19" }, ward: { code: "05503" } },
        status: "placed",
      });
      const rowsB = await c.services.orders.exportCooperativeOrders(ownerB, { query: {} });
      expect(new Set(rowsB.map((r) => r.code))).toEqual(new Set(codesB.map((o) => o.code)));
      expect(rowsB.every((r) => r.sku === b1.sku)).toBe(true);

      await c.services.orders.actOnOrder(ownerB, { code: codesB[0]!.code, action: "confirm" });
      expect(
        (await c.services.orders.exportCooperativeOrders(ownerB, { query: { status: "confirmed" } })).map(
          (r) => r.code,
        ),
      ).toEqual([codesB[0]!.code]);
      expect(
        (await domainError(c.services.orders.exportCooperativeOrders(buyer, { query: {} }))).status,
      ).toBe(403);
    });
  });

  it("leaves no order without its items and no stock below zero", async () => {
    expect(await orderLeftovers(c)).toEqual({ negativeStock: 0, ordersWithoutItems: [] });
  });
});
