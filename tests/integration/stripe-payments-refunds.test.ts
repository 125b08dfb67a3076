import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "../../server/accounts/current-user";
import { EXPIRE_CHECKOUT, REFUND_ORDER } from "../../server/orders";
import { CardPayments } from "../support/card-payments";
import { DIALECTS, type TestContainer } from "../support/db";
import { domainError, outbox, signedInStaff, stockOf, transitions } from "../support/orders";
import type { TestServer } from "../support/server";

/**
 * Card payments end to end, given back: refunds made by staff, by the system when the money came too late,
 * and from Stripe's dashboard. The server, and how Stripe's side is played, are in
 * tests/support/card-payments.ts.
 */
describe.each(DIALECTS)("card payments through Stripe: refunds on %s", (dialect) => {
  const pay = new CardPayments();
  const { stripe } = pay;
  let server: TestServer;
  let c: TestContainer;
  beforeAll(async () => {
    server = await pay.start(dialect);
    c = server.container;
  });
  afterAll(async () => server?.close());

  it("refunds a payment that completes after the checkout was cancelled locally", async () => {
    const { placed, session, orders, tea, rice, checkout } = await pay.cardCheckout();
    // The buyer picked a delayed payment method: the session is complete, the money not yet there.
    Object.assign(stripe.sessions.get(session.id)!, { status: "complete" });
    expect((await pay.deliver(stripe.event("checkout.session.completed", session))).body.outcome).toBe(
      "ignored",
    );
    // Our hold runs out first: the expiry job asks Stripe (unpaid) and cancels, releasing the stock.
    await c.services.orders.jobHandlers()[EXPIRE_CHECKOUT]!(
      { checkoutId: checkout.id },
      { id: 0, attempts: 1 },
    );
    expect((await pay.statuses(placed.publicId)).checkout).toBe("cancelled");
    expect([await stockOf(c, tea.id), await stockOf(c, rice.id)]).toEqual([10, 10]);

    // Then the money arrives, and Stripe's (re)delivery of the completion reaches us.
    const { paymentIntent } = stripe.completeSession(session.id);
    expect((await pay.deliver(stripe.event("checkout.session.completed", session))).status).toBe(200);
    expect(await pay.statuses(placed.publicId)).toEqual({
      checkout: "cancelled",
      orders: [
        ["cancelled", "refund_pending"],
        ["cancelled", "refund_pending"],
      ],
    });
    const refundJobs = await c.db.models.Job.findAll({ where: { type: REFUND_ORDER, status: "pending" } });
    expect(refundJobs.map((j) => JSON.parse(j.payload) as { orderId: number }).map((p) => p.orderId)).toEqual(
      expect.arrayContaining(orders.map((o) => o.id)),
    );

    await c.worker.drain();
    const requests = stripe
      .sent("POST", /^\/v1\/refunds$/)
      .filter((r) => r.params.payment_intent === paymentIntent);
    expect(requests.map((r) => [r.idempotencyKey, r.params.amount])).toEqual([
      [`refund-order-${orders[0]!.id}`, "240000"],
      [`refund-order-${orders[1]!.id}`, "45500"],
    ]);
    expect(stripe.chargeOf(paymentIntent).amount_refunded).toBe(285_500);
    expect(await pay.statuses(placed.publicId)).toEqual({
      checkout: "cancelled",
      orders: [
        ["refunded", "refunded"],
        ["refunded", "refunded"],
      ],
    });
    expect(await transitions(c, orders[0]!.id)).toEqual([
      "∅→pending_payment by buyer",
      "pending_payment→cancelled by system",
      "cancelled→refunded by system",
    ]);
    // Never sold, so nothing in the ledger; the stock was released once.
    expect(await pay.ledgerOf(orders.map((o) => o.id))).toEqual([]);
    expect([await stockOf(c, tea.id), await stockOf(c, rice.id)]).toEqual([10, 10]);
    const codes = orders.map((o) => o.code);
    expect((await outbox(c, "order_refunded")).filter((n) => codes.includes(n.params.code!))).toHaveLength(2);

    // Stripe's charge.refunded for our own refunds changes nothing more.
    const charge = stripe.chargeOf(paymentIntent);
    expect((await pay.deliver(stripe.event("charge.refunded", charge))).status).toBe(200);
    expect(await c.db.models.OrderEvent.count({ where: { orderId: orders.map((o) => o.id) } })).toBe(6);
  });

  it("retries a refund after a crash with the same idempotency key: Stripe refunds once", async () => {
    const { orders, paymentIntent, placed, tea } = await pay.paidCheckout();
    const staff = await signedInStaff(c);
    await c.services.orders.actOnOrder(staff, { code: orders[0]!.code, action: "refund" });
    expect(await stockOf(c, tea.id)).toBe(10);
    const refunds = [...stripe.refunds.values()].filter((r) => r.payment_intent === paymentIntent);
    expect(refunds.map((r) => r.amount)).toEqual([240_000]);

    // As if the process died after Stripe refunded and before our transaction committed: none of it happened.
    const order = (await c.db.models.Order.findByPk(orders[0]!.id))!;
    await order.update({ status: "paid", paymentStatus: "refund_pending" });
    await c.db.models.OrderEvent.destroy({ where: { orderId: order.id, toStatus: "refunded" } });
    await c.db.models.LedgerEntry.destroy({ where: { orderId: order.id, kind: "refund" } });
    await tea.update({ stock: 8 });

    await c.services.orders.jobHandlers()[REFUND_ORDER]!({ orderId: order.id }, { id: 0, attempts: 2 });
    const again = stripe.sent("POST", /^\/v1\/refunds$/).at(-1)!;
    expect(again).toMatchObject({ idempotencyKey: `refund-order-${order.id}`, replayed: true });
    expect([...stripe.refunds.values()].filter((r) => r.payment_intent === paymentIntent)).toHaveLength(1);
    expect(await pay.statuses(placed.publicId)).toMatchObject({
      orders: [
        ["refunded", "refunded"],
        ["paid", "paid"],
      ],
    });
    expect(await stockOf(c, tea.id)).toBe(10);
    expect(await pay.ledgerOf([order.id])).toEqual([
      [order.id, "card_sale", 240_000],
      [order.id, "refund", -240_000],
    ]);
  });

  it("marks every order refunded on charge.refunded for a full refund, with negative ledger entries", async () => {
    const { placed, orders, paymentIntent, charge, tea, rice } = await pay.paidCheckout();
    // A partial refund from the dashboard names no order: nothing can be attributed, nothing changes.
    stripe.refundFromDashboard(paymentIntent, 10_000);
    await pay.deliver(stripe.event("charge.refunded", stripe.charges.get(charge)!));
    expect((await pay.statuses(placed.publicId)).orders).toEqual([
      ["paid", "paid"],
      ["paid", "paid"],
    ]);
    // The rest, refunded from the dashboard too: the whole payment is back with the buyer.
    stripe.refundFromDashboard(paymentIntent);
    const event = stripe.event("charge.refunded", stripe.charges.get(charge)!);
    expect((await pay.deliver(event)).body.outcome).toBe("processed");
    expect(await pay.statuses(placed.publicId)).toEqual({
      checkout: "paid",
      orders: [
        ["refunded", "refunded"],
        ["refunded", "refunded"],
      ],
    });
    const ids = orders.map((o) => o.id);
    expect(await pay.ledgerOf(ids)).toEqual([
      [ids[0], "card_sale", 240_000],
      [ids[1], "card_sale", 45_500],
      [ids[0], "refund", -240_000],
      [ids[1], "refund", -45_500],
    ]);
    expect([await stockOf(c, tea.id), await stockOf(c, rice.id)]).toEqual([10, 10]);
    // Delivered again (another event id for the same refund): still one refund entry each, stock back once.
    await pay.deliver(stripe.event("charge.refunded", stripe.charges.get(charge)!));
    expect(await pay.ledgerOf(ids)).toHaveLength(4);
    expect([await stockOf(c, tea.id), await stockOf(c, rice.id)]).toEqual([10, 10]);
    expect(await c.db.models.OrderEvent.count({ where: { orderId: ids, toStatus: "refunded" } })).toBe(2);
  });

  it("lets staff refund one order of a checkout: that order's subtotal, the other untouched", async () => {
    const { placed, orders, paymentIntent, charge, a, buyer, tea, rice } = await pay.paidCheckout();
    const staff = await signedInStaff(c);
    expect(
      (await c.services.orders.getOrder(staff, { code: orders[0]!.code, locale: "vi" })).actions,
    ).toContain("refund");
    for (const who of [a.owner, buyer] as CurrentUser[])
      expect(
        (await domainError(c.services.orders.actOnOrder(who, { code: orders[0]!.code, action: "refund" })))
          .code,
      ).toBe("transition_refused");

    await c.services.orders.actOnOrder(staff, { code: orders[0]!.code, action: "refund" });
    const request = stripe.sent("POST", /^\/v1\/refunds$/).at(-1)!;
    expect(request).toMatchObject({
      idempotencyKey: `refund-order-${orders[0]!.id}`,
      params: {
        payment_intent: paymentIntent,
        amount: "240000",
        metadata: { order_id: String(orders[0]!.id), order_code: orders[0]!.code },
      },
    });
    expect(stripe.charges.get(charge)!.amount_refunded).toBe(240_000);
    expect((await pay.statuses(placed.publicId)).orders).toEqual([
      ["refunded", "refunded"],
      ["paid", "paid"],
    ]);
    expect(await pay.ledgerOf(orders.map((o) => o.id))).toEqual([
      [orders[0]!.id, "card_sale", 240_000],
      [orders[1]!.id, "card_sale", 45_500],
      [orders[0]!.id, "refund", -240_000],
    ]);
    expect((await transitions(c, orders[0]!.id)).at(-1)).toBe("paid→refunded by system");
    // Refunded before it was shipped: the tea is still at the cooperative and can be sold again.
    expect([await stockOf(c, tea.id), await stockOf(c, rice.id)]).toEqual([10, 9]);
    expect(
      (await domainError(c.services.orders.actOnOrder(staff, { code: orders[0]!.code, action: "refund" })))
        .code,
    ).toBe("transition_refused");

    // Stripe then reports the partial refund; it names its order, so the other order stays paid.
    await pay.deliver(stripe.event("charge.refunded", stripe.charges.get(charge)!));
    expect((await pay.statuses(placed.publicId)).orders).toEqual([
      ["refunded", "refunded"],
      ["paid", "paid"],
    ]);
    expect(await pay.ledgerOf(orders.map((o) => o.id))).toHaveLength(3);
  });

  it("keeps the stock out when an order is refunded after it was shipped", async () => {
    const { orders, a, tea, placed } = await pay.paidCheckout();
    await c.services.orders.actOnOrder(a.owner, { code: orders[0]!.code, action: "confirm" });
    await c.services.orders.actOnOrder(a.owner, {
      code: orders[0]!.code,
      action: "ship",
      form: {
        carrier: "GHTK",
        trackingNumber: "GHTK-778899",
      },
    });
    await c.services.orders.actOnOrder(await signedInStaff(c), { code: orders[0]!.code, action: "refund" });
    expect((await pay.statuses(placed.publicId)).orders[0]).toEqual(["refunded", "refunded"]);
    expect((await transitions(c, orders[0]!.id)).slice(-2)).toEqual([
      "confirmed→shipped by cooperative",
      "shipped→refunded by system",
    ]);
    expect(await stockOf(c, tea.id)).toBe(8);
  });

  it("refunds once when two staff press refund at the same moment", async () => {
    const { orders, paymentIntent } = await pay.paidCheckout();
    const [one, two] = await Promise.all([signedInStaff(c), signedInStaff(c)]);
    const results = await Promise.allSettled(
      [one!, two!].map((who) =>
        c.services.orders.actOnOrder(who, { code: orders[1]!.code, action: "refund" }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled").length).toBeGreaterThanOrEqual(1);
    for (const r of results)
      if (r.status === "rejected") expect((r.reason as { code: string }).code).toBe("transition_refused");
    expect([...stripe.refunds.values()].filter((r) => r.payment_intent === paymentIntent)).toHaveLength(1);
    expect(stripe.chargeOf(paymentIntent).amount_refunded).toBe(45_500);
    expect(await pay.ledgerOf([orders[1]!.id])).toEqual([
      [orders[1]!.id, "card_sale", 45_500],
      [orders[1]!.id, "refund", -45_500],
    ]);
    expect(
      await c.db.models.OrderEvent.count({ where: { orderId: orders[1]!.id, toStatus: "refunded" } }),
    ).toBe(1);
  });
});
