import { expect } from "vitest";
import type { Dialect } from "./db";
import { makeProduct } from "./factories";
import { buy, ordersOf, sellingCooperative, signedInBuyer } from "./orders";
import { startTestServer, type TestServer } from "./server";
import { STRIPE_ENV, StripeApiDouble } from "./stripe";

/**
 * A server taking card payments: the real Express app, Remix routes, payments and orders services and the
 * official `stripe` library, with only Stripe's API replaced at the HTTP edge by an in-memory double
 * (tests/support/stripe.ts), because api.stripe.com cannot be reached from here. And what the card payment
 * suites do to it: post a webhook as Stripe does, place a card checkout across two cooperatives, pay it.
 */
export class CardPayments {
  readonly stripe = new StripeApiDouble();
  server!: TestServer;

  async start(dialect: Dialect) {
    this.server = await startTestServer(dialect, STRIPE_ENV, { stripeHttpClient: this.stripe.httpClient });
    return this.server;
  }

  private get c() {
    return this.server.container;
  }

  /** POST a webhook the way Stripe does: raw JSON body, Stripe-Signature header. */
  async deliver(payload: string, signature: string | null = this.stripe.sign(payload)) {
    const res = await fetch(`${this.server.url}/api/webhooks/stripe`, {
      method: "POST",
      body: payload,
      headers: {
        "content-type": "application/json",
        "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
        ...(signature === null ? {} : { "stripe-signature": signature }),
      },
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  /** The ledger entries of these orders, as [orderId, kind, amount]. */
  async ledgerOf(orderIds: number[]) {
    const entries = await this.c.db.models.LedgerEntry.findAll({
      where: { orderId: orderIds },
      order: [["id", "ASC"]],
    });
    return entries.map((e) => [e.orderId, e.kind, e.amountVnd]);
  }

  /** A buyer with a card checkout across two cooperatives: 2 × 120 000 ₫ of tea and 1 × 45 500 ₫ of rice. */
  async cardCheckout() {
    const a = await sellingCooperative(this.c);
    const b = await sellingCooperative(this.c);
    const tea = await makeProduct(this.c, a.coop.id, {
      nameVi: "Chè búp Tân Cương",
      priceVnd: 120_000,
      stock: 10,
    });
    const rice = await makeProduct(this.c, b.coop.id, {
      nameVi: "Gạo nếp cái hoa vàng",
      priceVnd: 45_500,
      stock: 10,
    });
    const buyer = await signedInBuyer(this.c);
    const placed = await buy(
      this.c,
      buyer,
      [
        { productId: tea.id, quantity: 2 },
        { productId: rice.id, quantity: 1 },
      ],
      { paymentMethod: "card" },
    );
    const session = this.stripe.sessionFor(placed.publicId);
    const { checkout, orders } = await ordersOf(this.c, placed.publicId);
    return { a, b, tea, rice, buyer, placed, session, checkout, orders };
  }

  /** The same, paid through checkout.session.completed. */
  async paidCheckout() {
    const setup = await this.cardCheckout();
    const { paymentIntent, charge } = this.stripe.completeSession(setup.session.id);
    const res = await this.deliver(this.stripe.event("checkout.session.completed", setup.session));
    expect(res).toEqual({ status: 200, body: { received: true, outcome: "processed" } });
    return { ...setup, paymentIntent, charge };
  }

  /** The checkout's status, and each order's status and payment status. */
  async statuses(publicId: string) {
    const { checkout, orders } = await ordersOf(this.c, publicId);
    return { checkout: checkout.status, orders: orders.map((o) => [o.status, o.paymentStatus]) };
  }
}
