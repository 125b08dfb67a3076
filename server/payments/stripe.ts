import Stripe from "stripe";
import type { Locale } from "../vocabulary/locale";

/** What the rest of the system needs from a card processor; Stripe Checkout is the one we have. */
export interface CheckoutSessionRequest {
  /** Our reference, also the idempotency key: retrying a creation returns the same session. */
  reference: string;
  purpose: string;
  lineItems: Array<{ name: string; unitAmountVnd: number; quantity: number }>;
  customerEmail: string;
  successUrl: string;
  cancelUrl: string;
  expiresAt: Date;
  locale: Locale;
  metadata: Record<string, string>;
  /** Defaults to one per reference; a purpose that may open a new session later gives each attempt its own. */
  idempotencyKey?: string;
}

export interface CardSession {
  id: string;
  url: string | null;
  /** open, complete or expired */
  status: string | null;
  /** paid, unpaid or no_payment_required */
  paymentStatus: string;
  paymentIntentId: string | null;
  amountTotal: number | null;
  metadata: Record<string, string>;
}

export interface CardRefund {
  id: string;
  status: string | null;
  amount: number;
  metadata: Record<string, string>;
}

export interface CardGateway {
  createCheckoutSession(request: CheckoutSessionRequest): Promise<CardSession>;
  retrieveCheckoutSession(id: string): Promise<CardSession>;
  /** Ends an open session so it can no longer be paid; an already expired or completed session is left as is. */
  expireCheckoutSession(id: string): Promise<CardSession>;
  refund(request: {
    paymentIntentId: string;
    amountVnd: number;
    idempotencyKey: string;
    metadata: Record<string, string>;
  }): Promise<CardRefund>;
  refundsForPaymentIntent(paymentIntentId: string): Promise<CardRefund[]>;
  paymentIntentOfCharge(
    chargeId: string,
  ): Promise<{ paymentIntentId: string | null; amountRefunded: number; amount: number }>;
  /** Verify the signature over the raw body; throws on a bad or missing signature. */
  verifyWebhook(rawBody: string, signature: string | null): Promise<Stripe.Event>;
}

export interface StripeGatewayOptions {
  secretKey: string;
  webhookSecret: string;
  /**
   * Stripe's API is unreachable from the machines this is developed on: tests pass an HTTP client that
   * answers at the HTTP edge, so everything above it (the official library included) runs for real.
   */
  httpClient?: ReturnType<typeof Stripe.createFetchHttpClient>;
}

function toSession(s: Stripe.Checkout.Session): CardSession {
  return {
    id: s.id,
    url: s.url ?? null,
    status: s.status ?? null,
    paymentStatus: s.payment_status,
    paymentIntentId: typeof s.payment_intent === "string" ? s.payment_intent : (s.payment_intent?.id ?? null),
    amountTotal: s.amount_total ?? null,
    metadata: (s.metadata ?? {}) as Record<string, string>,
  };
}

function toRefund(r: Stripe.Refund): CardRefund {
  return {
    id: r.id,
    status: r.status ?? null,
    amount: r.amount,
    metadata: (r.metadata ?? {}) as Record<string, string>,
  };
}

/** Adapter over the official `stripe` client. VND is zero-decimal: amounts are whole đồng, never ×100. */
export class StripeGateway implements CardGateway {
  private readonly stripe: Stripe;

  constructor(private readonly options: StripeGatewayOptions) {
    this.stripe = new Stripe(options.secretKey, {
      maxNetworkRetries: 2,
      timeout: 20_000,
      appInfo: { name: "HTX Connect" },
      ...(options.httpClient ? { httpClient: options.httpClient } : {}),
    });
  }

  async createCheckoutSession(request: CheckoutSessionRequest): Promise<CardSession> {
    const session = await this.stripe.checkout.sessions.create(
      {
        mode: "payment",
        client_reference_id: request.reference,
        customer_email: request.customerEmail,
        locale: request.locale,
        success_url: request.successUrl,
        cancel_url: request.cancelUrl,
        expires_at: Math.floor(request.expiresAt.getTime() / 1000),
        line_items: request.lineItems.map((item) => ({
          quantity: item.quantity,
          price_data: {
            currency: "vnd",
            unit_amount: item.unitAmountVnd,
            product_data: { name: item.name },
          },
        })),
        metadata: { ...request.metadata, purpose: request.purpose, reference: request.reference },
        payment_intent_data: {
          metadata: { ...request.metadata, purpose: request.purpose, reference: request.reference },
        },
      },
      { idempotencyKey: request.idempotencyKey ?? `checkout-session-${request.reference}` },
    );
    return toSession(session);
  }

  async retrieveCheckoutSession(id: string): Promise<CardSession> {
    return toSession(await this.stripe.checkout.sessions.retrieve(id));
  }

  async expireCheckoutSession(id: string): Promise<CardSession> {
    const current = await this.retrieveCheckoutSession(id);
    if (current.status !== "open") return current;
    return toSession(await this.stripe.checkout.sessions.expire(id));
  }

  async refund(request: {
    paymentIntentId: string;
    amountVnd: number;
    idempotencyKey: string;
    metadata: Record<string, string>;
  }): Promise<CardRefund> {
    const refund = await this.stripe.refunds.create(
      { payment_intent: request.paymentIntentId, amount: request.amountVnd, metadata: request.metadata },
      { idempotencyKey: request.idempotencyKey },
    );
    return toRefund(refund);
  }

  async refundsForPaymentIntent(paymentIntentId: string): Promise<CardRefund[]> {
    const list = await this.stripe.refunds.list({ payment_intent: paymentIntentId, limit: 100 });
    return list.data.map(toRefund);
  }

  async paymentIntentOfCharge(chargeId: string) {
    const charge = await this.stripe.charges.retrieve(chargeId);
    return {
      paymentIntentId:
        typeof charge.payment_intent === "string"
          ? charge.payment_intent
          : (charge.payment_intent?.id ?? null),
      amountRefunded: charge.amount_refunded,
      amount: charge.amount,
    };
  }

  async verifyWebhook(rawBody: string, signature: string | null): Promise<Stripe.Event> {
    if (!signature) throw new Error("missing Stripe-Signature header");
    return this.stripe.webhooks.constructEventAsync(rawBody, signature, this.options.webhookSecret);
  }
}

export type StripeEvent = Stripe.Event;
export type StripeHttpClient = NonNullable<StripeGatewayOptions["httpClient"]>;
export { Stripe };
