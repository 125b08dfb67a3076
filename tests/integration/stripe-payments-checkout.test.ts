import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CARD_WINDOW_MINUTES, EXPIRE_CHECKOUT } from "../../server/orders";
import { StripeGateway } from "../../server/payments/stripe";
import { CardPayments } from "../support/card-payments";
import { DIALECTS, type TestContainer } from "../support/db";
import { checkoutForm, makeProduct } from "../support/factories";
import {
  domainError,
  ordersOf,
  outbox,
  PLACE,
  sellingCooperative,
  signedInBuyer,
  stockOf,
  transitions,
} from "../support/orders";
import { quoteAnswerForm, quoteRow, requestedQuote } from "../support/quotes";
import type { TestServer } from "../support/server";
import { WEBHOOK_SECRET } from "../support/stripe";

/**
 * Card payments end to end, from the checkout to Stripe's webhooks: creating the session, the events that
 * pay, fail or expire it, and catching up without them. The server, and how Stripe's side is played, are in
 * tests/support/card-payments.ts.
 */
describe.each(DIALECTS)("card payments through Stripe: checkout and its webhooks on %s", (dialect) => {
  const pay = new CardPayments();
  const { stripe } = pay;
  let server: TestServer;
  let c: TestContainer;
  beforeAll(async () => {
    server = await pay.start(dialect);
    c = server.container;
  });
  afterAll(async () => server?.close());

  it("creates a Checkout Session in whole đồng, with return URLs, expiry and an idempotency key", async () => {
    const before = Date.now();
    const { placed, session, checkout, orders, tea, rice, buyer } = await pay.cardCheckout();
    expect(placed.payUrl).toBe(session.url);
    expect(placed.payUrl).toMatch(/^https:\/\/checkout\.stripe\.com\//);

    const [request, ...others] = stripe
      .sent("POST", /^\/v1\/checkout\/sessions$/)
      .filter((r) => (r.params.metadata as Record<string, string>).reference === placed.publicId);
    expect(others).toEqual([]);
    expect(request!.idempotencyKey).toBe(`checkout-session-${placed.publicId}`);
    expect(request!.params).toMatchObject({
      mode: "payment",
      client_reference_id: placed.publicId,
      customer_email: "mai@example.vn",
      locale: "vi",
      success_url: `http://shop.test/checkout/${placed.publicId}?paid=1`,
      cancel_url: `http://shop.test/checkout/${placed.publicId}?cancelled=1`,
      // VND has no minor unit: 120 000 ₫ is sent as 120000, never ×100.
      line_items: [
        {
          quantity: "2",
          price_data: { currency: "vnd", unit_amount: "120000", product_data: { name: "Chè búp Tân Cương" } },
        },
        {
          quantity: "1",
          price_data: {
            currency: "vnd",
            unit_amount: "45500",
            product_data: { name: "Gạo nếp cái hoa vàng" },
          },
        },
      ],
      metadata: { purpose: "checkout", reference: placed.publicId, checkout_id: String(checkout.id) },
      payment_intent_data: { metadata: { purpose: "checkout", reference: placed.publicId } },
    });
    const expiresAt = Number(request!.params.expires_at) * 1000;
    expect(expiresAt).toBeGreaterThanOrEqual(before + CARD_WINDOW_MINUTES * 60_000 - 1000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + CARD_WINDOW_MINUTES * 60_000);
    expect(session.amount_total).toBe(285_500);
    expect(checkout).toMatchObject({
      totalVnd: 285_500,
      status: "pending_payment",
      stripeSessionId: session.id,
    });
    expect(orders.map((o) => [o.status, o.paymentStatus, o.subtotalVnd])).toEqual([
      ["pending_payment", "unpaid", 240_000],
      ["pending_payment", "unpaid", 45_500],
    ]);
    expect([await stockOf(c, tea.id), await stockOf(c, rice.id)]).toEqual([8, 9]);
    const job = await c.db.models.Job.findOne({
      where: { type: EXPIRE_CHECKOUT, payload: JSON.stringify({ checkoutId: checkout.id }) },
    });
    expect(job!.runAt.getTime()).toBe(checkout.expiresAt!.getTime());

    // The confirmation page asks Stripe, finds the session still open, and offers the link again.
    const detail = await c.services.orders.getCheckout(buyer, { publicId: placed.publicId });
    expect(detail).toMatchObject({ status: "pending_payment", payUrl: session.url, lastPaymentError: null });
  });

  it("gets the same session back when a creation is retried with the same key", async () => {
    const gateway = new StripeGateway({
      secretKey: "sk_test_x",
      webhookSecret: WEBHOOK_SECRET,
      httpClient: stripe.httpClient,
    });
    const request = {
      reference: "retry-reference-1",
      purpose: "checkout",
      lineItems: [{ name: "Chè", unitAmountVnd: 50_000, quantity: 1 }],
      customerEmail: "a@example.vn",
      successUrl: "http://shop.test/ok",
      cancelUrl: "http://shop.test/no",
      expiresAt: new Date(Date.now() + 3600_000),
      locale: "vi" as const,
      metadata: {},
    };
    const sessions = stripe.sessions.size;
    const first = await gateway.createCheckoutSession(request);
    const second = await gateway.createCheckoutSession(request);
    expect(second.id).toBe(first.id);
    expect(stripe.sessions.size).toBe(sessions + 1);
    expect(stripe.sent("POST", /^\/v1\/checkout\/sessions$/).at(-1)!.replayed).toBe(true);
  });

  it("marks every order of the checkout paid on checkout.session.completed, with a card sale per order", async () => {
    const { placed, orders, paymentIntent, buyer, a, b } = await pay.paidCheckout();
    expect(await pay.statuses(placed.publicId)).toEqual({
      checkout: "paid",
      orders: [
        ["paid", "paid"],
        ["paid", "paid"],
      ],
    });
    const { checkout } = await ordersOf(c, placed.publicId);
    expect(checkout.stripePaymentIntentId).toBe(paymentIntent);
    expect(checkout.paidAt).toBeInstanceOf(Date);
    expect(await pay.ledgerOf(orders.map((o) => o.id))).toEqual([
      [orders[0]!.id, "card_sale", 240_000],
      [orders[1]!.id, "card_sale", 45_500],
    ]);
    const entries = await c.db.models.LedgerEntry.findAll({ where: { orderId: orders.map((o) => o.id) } });
    expect(entries.map((e) => e.cooperativeId).sort()).toEqual([a.coop.id, b.coop.id].sort());
    for (const o of orders)
      expect(await transitions(c, o.id)).toEqual([
        "∅→pending_payment by buyer",
        "pending_payment→paid by system",
      ]);
    const codes = orders.map((o) => o.code);
    expect((await outbox(c, "order_paid")).filter((n) => codes.includes(n.params.code!))).toHaveLength(2);
    expect(
      (await outbox(c, "order_paid_cooperative"))
        .filter((n) => codes.includes(n.params.code!))
        .map((n) => n.userId),
    ).toEqual([a.owner.id, b.owner.id]);
    const detail = await c.services.orders.getCheckout(buyer, { publicId: placed.publicId });
    expect(detail).toMatchObject({ status: "paid", payUrl: null });
    expect(
      (await c.services.orders.getOrder(b.owner, { code: orders[1]!.code, locale: "vi" })).actions,
    ).toEqual(["confirm", "cancel"]);
  });

  it("applies the same event delivered five times at once exactly once", async () => {
    const { session, placed, orders } = await pay.cardCheckout();
    stripe.completeSession(session.id);
    const payload = stripe.event("checkout.session.completed", session);
    const eventId = (JSON.parse(payload) as { id: string }).id;
    const signature = stripe.sign(payload);

    const results = await Promise.all(Array.from({ length: 5 }, () => pay.deliver(payload, signature)));

    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(results.map((r) => r.body.outcome).sort()).toEqual([
      "duplicate",
      "duplicate",
      "duplicate",
      "duplicate",
      "processed",
    ]);
    expect(await c.db.models.StripeEvent.count({ where: { id: eventId } })).toBe(1);
    const ids = orders.map((o) => o.id);
    expect(await pay.ledgerOf(ids)).toEqual([
      [ids[0], "card_sale", 240_000],
      [ids[1], "card_sale", 45_500],
    ]);
    expect(await c.db.models.OrderEvent.count({ where: { orderId: ids, toStatus: "paid" } })).toBe(2);
    const codes = orders.map((o) => o.code);
    expect((await outbox(c, "order_paid")).filter((n) => codes.includes(n.params.code!))).toHaveLength(2);
    expect((await pay.statuses(placed.publicId)).checkout).toBe("paid");

    // Another event about the same payment (a different id) finds it already applied.
    const again = await pay.deliver(stripe.event("checkout.session.async_payment_succeeded", session));
    expect(again.status).toBe(200);
    expect(await pay.ledgerOf(ids)).toHaveLength(2);
    expect(await c.db.models.OrderEvent.count({ where: { orderId: ids, toStatus: "paid" } })).toBe(2);
  });

  it("refuses unsigned, wrongly signed, tampered and stale webhooks with a 400 JSON error, changing nothing", async () => {
    const { session, placed, orders } = await pay.cardCheckout();
    stripe.completeSession(session.id);
    const payload = stripe.event("checkout.session.completed", session);
    const events = await c.db.models.StripeEvent.count();
    const tampered = payload.replace('"livemode":false', '"livemode":true');
    // Signed an hour ago: outside Stripe's five-minute tolerance, so a replayed capture.
    const stale = stripe.sign(payload, WEBHOOK_SECRET, Math.floor(Date.now() / 1000) - 3600);
    for (const [body, signature] of [
      [payload, null],
      [payload, ""],
      [payload, stripe.sign(payload, "whsec_someone_else")],
      [tampered, stripe.sign(payload)],
      [payload, stale],
      [payload, "t=1,v1=deadbeef"],
    ] as const) {
      const res = await pay.deliver(body, signature);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ error: { code: "invalid_signature", params: {} } });
    }
    expect(await c.db.models.StripeEvent.count()).toBe(events);
    expect(await pay.statuses(placed.publicId)).toEqual({
      checkout: "pending_payment",
      orders: [
        ["pending_payment", "unpaid"],
        ["pending_payment", "unpaid"],
      ],
    });
    expect(await pay.ledgerOf(orders.map((o) => o.id))).toEqual([]);
    const get = await fetch(`${server.url}/api/webhooks/stripe`);
    expect(get.status).toBe(405);
    // The genuine delivery still works afterwards.
    expect((await pay.deliver(payload)).body.outcome).toBe("processed");
  });

  it("ignores checkout.session.expired arriving after the payment: the session is read again and says paid", async () => {
    const { placed, session, orders, tea } = await pay.paidCheckout();
    const stale = { ...session, status: "expired", payment_status: "unpaid", payment_intent: null };
    const res = await pay.deliver(stripe.event("checkout.session.expired", stale));
    expect(res.status).toBe(200);
    expect(await pay.statuses(placed.publicId)).toEqual({
      checkout: "paid",
      orders: [
        ["paid", "paid"],
        ["paid", "paid"],
      ],
    });
    expect(await stockOf(c, tea.id)).toBe(8);
    expect(await pay.ledgerOf(orders.map((o) => o.id))).toHaveLength(2);
  });

  it("cancels the orders and releases the stock when an unpaid session expires", async () => {
    const { placed, session, orders, tea, rice, buyer } = await pay.cardCheckout();
    stripe.expireSession(session.id);
    const res = await pay.deliver(stripe.event("checkout.session.expired", session));
    expect(res.body.outcome).toBe("processed");
    expect(await pay.statuses(placed.publicId)).toEqual({
      checkout: "cancelled",
      orders: [
        ["cancelled", "unpaid"],
        ["cancelled", "unpaid"],
      ],
    });
    expect((await ordersOf(c, placed.publicId)).orders.map((o) => o.cancelReason)).toEqual([
      "payment_expired",
      "payment_expired",
    ]);
    expect([await stockOf(c, tea.id), await stockOf(c, rice.id)]).toEqual([10, 10]);
    expect(await transitions(c, orders[0]!.id)).toEqual([
      "∅→pending_payment by buyer",
      "pending_payment→cancelled by system",
    ]);
    expect(
      (await outbox(c, "order_cancelled")).filter((n) => n.userId === buyer.id).map((n) => n.params.code),
    ).toEqual(orders.map((o) => o.code));
    // The expiry job that follows finds nothing left to do, and the stock is not released twice.
    await c.services.orders.jobHandlers()[EXPIRE_CHECKOUT]!(
      { checkoutId: orders[0]!.checkoutId },
      { id: 0, attempts: 1 },
    );
    expect([await stockOf(c, tea.id), await stockOf(c, rice.id)]).toEqual([10, 10]);
    expect((await c.services.orders.getCheckout(buyer, { publicId: placed.publicId })).payUrl).toBeNull();
  });

  it("records payment_intent.payment_failed and shows it on the checkout page until the payment succeeds", async () => {
    const { placed, session, buyer } = await pay.cardCheckout();
    const intent = {
      id: "pi_test_declined",
      object: "payment_intent",
      amount: 285_500,
      currency: "vnd",
      status: "requires_payment_method",
      metadata: { purpose: "checkout", reference: placed.publicId },
      last_payment_error: { type: "card_error", code: "card_declined", message: "Your card was declined." },
    };
    expect((await pay.deliver(stripe.event("payment_intent.payment_failed", intent))).body.outcome).toBe(
      "processed",
    );
    let detail = await c.services.orders.getCheckout(buyer, { publicId: placed.publicId });
    expect(detail).toMatchObject({
      status: "pending_payment",
      lastPaymentError: "Your card was declined.",
      payUrl: session.url,
    });

    stripe.completeSession(session.id);
    await pay.deliver(stripe.event("checkout.session.completed", session));
    detail = await c.services.orders.getCheckout(buyer, { publicId: placed.publicId });
    expect(detail).toMatchObject({ status: "paid", lastPaymentError: null });
    // A failure reported after the payment went through does not mark it again.
    await pay.deliver(stripe.event("payment_intent.payment_failed", intent));
    expect(
      (await c.services.orders.getCheckout(buyer, { publicId: placed.publicId })).lastPaymentError,
    ).toBeNull();
  });

  it("cancels the checkout, releases the stock and keeps the cart when Stripe refuses to create the session", async () => {
    const { coop } = await sellingCooperative(c);
    const p = await makeProduct(c, coop.id, { stock: 10 });
    const buyer = await signedInBuyer(c);
    await c.services.orders.addToCart({
      owner: { userId: buyer.id },
      form: { productId: p.id, quantity: 3 },
    });
    stripe.refuseNext("POST", /^\/v1\/checkout\/sessions$/);
    const error = await domainError(
      c.services.orders.placeOrder(buyer, { form: checkoutForm({ paymentMethod: "card" }), ...PLACE }),
    );
    expect(error).toMatchObject({ code: "card_unavailable", status: 409 });
    expect(await stockOf(c, p.id)).toBe(10);
    const checkouts = await c.db.models.Checkout.findAll({ where: { buyerId: buyer.id } });
    expect(checkouts.map((ch) => [ch.status, ch.stripeSessionId])).toEqual([["cancelled", null]]);
    const { orders } = await ordersOf(c, checkouts[0]!.publicId);
    expect(orders.map((o) => [o.status, o.cancelReason])).toEqual([["cancelled", "card_unavailable"]]);
    // The buyer is asked to choose another method, so the cart is still there to pay for.
    const view = await c.services.orders.viewCart({ owner: { userId: buyer.id }, locale: "vi" });
    expect(view.groups.flatMap((g) => g.lines.map((l) => [l.productId, l.quantity]))).toEqual([[p.id, 3]]);
    const placed = await c.services.orders.placeOrder(buyer, {
      form: checkoutForm({ paymentMethod: "cod" }),
      ...PLACE,
    });
    expect((await ordersOf(c, placed.publicId)).orders.map((o) => o.status)).toEqual(["placed"]);
    expect(await stockOf(c, p.id)).toBe(7);
  });

  it("gives a quoted line back as quoted, with its quote, when Stripe refuses to create the session", async () => {
    const { owner, buyer, productId, quoteId } = await requestedQuote(c);
    await c.services.quotes.answerQuote(owner, { quoteId, form: quoteAnswerForm() });
    await c.services.orders.orderAtQuotedPrice({ userId: buyer.id, quoteId });
    stripe.refuseNext("POST", /^\/v1\/checkout\/sessions$/);
    const error = await domainError(
      c.services.orders.placeOrder(buyer, { form: checkoutForm({ paymentMethod: "card" }), ...PLACE }),
    );
    expect(error).toMatchObject({ code: "card_unavailable" });
    expect(await quoteRow(c, quoteId)).toMatchObject({ status: "answered", orderCode: null });
    const view = await c.services.orders.viewCart({ owner: { userId: buyer.id }, locale: "vi" });
    expect(view.groups.flatMap((g) => g.lines)).toEqual([
      expect.objectContaining({ productId, quantity: 200, priceVnd: 80_000, quoteId, problem: null }),
    ]);
    const placed = await c.services.orders.placeOrder(buyer, {
      form: checkoutForm({ paymentMethod: "cod" }),
      ...PLACE,
    });
    const [order] = (await ordersOf(c, placed.publicId)).orders;
    expect(await quoteRow(c, quoteId)).toMatchObject({ status: "ordered", orderCode: order!.code });
  });

  it("closes the Stripe session when the buyer cancels, or keeps the payment if it just went through", async () => {
    const first = await pay.cardCheckout();
    await c.services.orders.cancelCheckout(first.buyer, { publicId: first.placed.publicId });
    expect(
      stripe.sent("POST", new RegExp(`^/v1/checkout/sessions/${first.session.id}/expire$`)),
    ).toHaveLength(1);
    expect(stripe.sessions.get(first.session.id)!.status).toBe("expired");
    expect((await pay.statuses(first.placed.publicId)).checkout).toBe("cancelled");
    expect([await stockOf(c, first.tea.id), await stockOf(c, first.rice.id)]).toEqual([10, 10]);
    expect((await transitions(c, first.orders[0]!.id)).at(-1)).toBe("pending_payment→cancelled by buyer");
    expect(
      (await domainError(c.services.orders.cancelCheckout(first.buyer, { publicId: first.placed.publicId })))
        .code,
    ).toBe("transition_refused");

    const second = await pay.cardCheckout();
    stripe.completeSession(second.session.id);
    const error = await domainError(
      c.services.orders.cancelCheckout(second.buyer, { publicId: second.placed.publicId }),
    );
    expect(error).toMatchObject({ code: "already_paid", status: 409 });
    expect(await pay.statuses(second.placed.publicId)).toEqual({
      checkout: "paid",
      orders: [
        ["paid", "paid"],
        ["paid", "paid"],
      ],
    });
    expect(await pay.ledgerOf(second.orders.map((o) => o.id))).toHaveLength(2);
    expect(await stockOf(c, second.tea.id)).toBe(8);
  });

  it("catches up without the webhook: the checkout page and the expiry job ask Stripe", async () => {
    // A lost webhook: the confirmation page reads the session and applies the payment.
    const paid = await pay.cardCheckout();
    stripe.completeSession(paid.session.id);
    const detail = await c.services.orders.getCheckout(paid.buyer, { publicId: paid.placed.publicId });
    expect(detail.status).toBe("paid");
    expect(detail.orders.map((o) => o.status)).toEqual(["paid", "paid"]);
    expect(await pay.ledgerOf(paid.orders.map((o) => o.id))).toHaveLength(2);

    // The hold runs out while the session is open: the job closes it at Stripe first, then cancels.
    const open = await pay.cardCheckout();
    await c.services.orders.jobHandlers()[EXPIRE_CHECKOUT]!(
      { checkoutId: open.checkout.id },
      { id: 0, attempts: 1 },
    );
    expect(stripe.sessions.get(open.session.id)!.status).toBe("expired");
    expect((await pay.statuses(open.placed.publicId)).checkout).toBe("cancelled");
    expect(await stockOf(c, open.tea.id)).toBe(10);

    // The hold runs out just after the buyer paid: the job finds the money and keeps the order.
    const late = await pay.cardCheckout();
    stripe.completeSession(late.session.id);
    await c.services.orders.jobHandlers()[EXPIRE_CHECKOUT]!(
      { checkoutId: late.checkout.id },
      { id: 0, attempts: 1 },
    );
    expect((await pay.statuses(late.placed.publicId)).checkout).toBe("paid");
    expect(await stockOf(c, late.tea.id)).toBe(8);
  });

  it("ignores events about sessions that are not ours", async () => {
    const foreign = await new StripeGateway({
      secretKey: "sk_test_x",
      webhookSecret: WEBHOOK_SECRET,
      httpClient: stripe.httpClient,
    }).createCheckoutSession({
      reference: "booth-42",
      purpose: "fair_booth",
      lineItems: [{ name: "Gian hàng", unitAmountVnd: 1_000_000, quantity: 1 }],
      customerEmail: "x@example.vn",
      successUrl: "http://shop.test/ok",
      cancelUrl: "http://shop.test/no",
      expiresAt: new Date(Date.now() + 3600_000),
      locale: "vi",
      metadata: {},
    });
    stripe.completeSession(foreign.id);
    const res = await pay.deliver(
      stripe.event("checkout.session.completed", stripe.sessions.get(foreign.id)!),
    );
    expect(res).toEqual({ status: 200, body: { received: true, outcome: "ignored" } });
    expect((await pay.deliver(stripe.event("customer.created", { id: "cus_1" }))).body.outcome).toBe(
      "ignored",
    );
  });
});
