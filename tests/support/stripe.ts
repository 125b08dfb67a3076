import Stripe from "stripe";

/**
 * Stripe's API cannot be reached from here, so tests replace it at the HTTP edge only: the official `stripe`
 * library (and our StripeGateway over it) runs for real and sends its requests to `fetch` below, which answers
 * like api.stripe.com for the few endpoints the gateway uses. Webhooks are signed with the real library.
 */
export const WEBHOOK_SECRET = "whsec_test";
export const STRIPE_ENV = { STRIPE_SECRET_KEY: "sk_test_x", STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET };

/** Form-encoded values as they were on the wire: nested objects and arrays of strings. */
export type WireValue = string | WireValue[] | { [key: string]: WireValue };
export type WireParams = Record<string, WireValue>;

export interface RecordedRequest {
  method: string;
  /** e.g. /v1/checkout/sessions */
  path: string;
  params: WireParams;
  idempotencyKey: string | null;
  /** Answered from the idempotency cache: Stripe returned the first answer again and created nothing. */
  replayed: boolean;
  status: number;
}

type StripeObject = Record<string, unknown> & { id: string };

interface Answer {
  status: number;
  body: unknown;
}

/** `a[b][0][c]=1` → { a: { b: [ { c: "1" } ] } }, the way Stripe reads its form bodies. */
export function parseStripeForm(encoded: string): WireParams {
  const root: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(encoded)) {
    const path = key.replace(/\]/g, "").split("[");
    let node = root;
    path.forEach((part, i) => {
      if (i === path.length - 1) node[part] = value;
      else node = (node[part] ??= {}) as Record<string, unknown>;
    });
  }
  const arrays = (v: unknown): unknown => {
    if (!v || typeof v !== "object") return v;
    const entries = Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, arrays(x)] as const);
    return entries.length > 0 && entries.every(([k]) => /^\d+$/.test(k))
      ? entries.sort((a, b) => Number(a[0]) - Number(b[0])).map(([, x]) => x)
      : Object.fromEntries(entries);
  };
  return arrays(root) as WireParams;
}

const asRecord = (v: WireValue | undefined) => (v && typeof v === "object" && !Array.isArray(v) ? v : {});
const asList = (v: WireValue | undefined) => (Array.isArray(v) ? v : []);

export class StripeApiDouble {
  readonly requests: RecordedRequest[] = [];
  readonly sessions = new Map<string, StripeObject>();
  readonly refunds = new Map<string, StripeObject>();
  readonly charges = new Map<string, StripeObject>();
  /** The HTTP client to hand to the container (ContainerOptions.stripeHttpClient). */
  readonly httpClient = Stripe.createFetchHttpClient((url, init) => this.fetch(String(url), init));
  private readonly idempotent = new Map<string, Answer>();
  private readonly refusals: Array<{ method: string; path: RegExp; message: string }> = [];
  private seq = 0;

  private nextId(prefix: string) {
    this.seq += 1;
    return `${prefix}_test_${String(this.seq).padStart(6, "0")}`;
  }

  /** The next matching request is declined the way Stripe declines a bad request (HTTP 400). */
  refuseNext(method: string, path: RegExp, message = "Your request was declined.") {
    this.refusals.push({ method, path, message });
  }

  /** Requests the gateway sent, for one endpoint (method and path pattern). */
  sent(method: string, path: RegExp) {
    return this.requests.filter((r) => r.method === method && path.test(r.path));
  }

  /** The one session created for a checkout (found by our reference in its metadata). */
  sessionFor(reference: string): StripeObject {
    const found = [...this.sessions.values()].filter(
      (s) => (s.metadata as Record<string, string>).reference === reference,
    );
    if (found.length !== 1) throw new Error(`expected one session for ${reference}, found ${found.length}`);
    return found[0]!;
  }

  /** The buyer paid on Stripe's page: the session completes with a payment intent and a charge. */
  completeSession(sessionId: string) {
    const session = this.sessions.get(sessionId)!;
    const paymentIntent = this.nextId("pi");
    const charge: StripeObject = {
      id: this.nextId("ch"),
      object: "charge",
      amount: session.amount_total,
      amount_refunded: 0,
      currency: "vnd",
      payment_intent: paymentIntent,
      refunded: false,
      status: "succeeded",
      metadata: session.metadata,
    };
    this.charges.set(charge.id, charge);
    Object.assign(session, { status: "complete", payment_status: "paid", payment_intent: paymentIntent });
    return { paymentIntent, charge: charge.id, session };
  }

  /** The session ran out of time on Stripe's side. */
  expireSession(sessionId: string) {
    const session = this.sessions.get(sessionId)!;
    Object.assign(session, { status: "expired", url: null });
    return session;
  }

  chargeOf(paymentIntent: string) {
    return [...this.charges.values()].find((c) => c.payment_intent === paymentIntent)!;
  }

  /** Someone refunded from the Stripe dashboard (no order named in the metadata). */
  refundFromDashboard(paymentIntent: string, amount?: number) {
    const answer = this.createRefund({
      payment_intent: paymentIntent,
      ...(amount ? { amount: String(amount) } : {}),
    });
    if (answer.status !== 200) throw new Error(JSON.stringify(answer.body));
    return answer.body as StripeObject;
  }

  /** A webhook event as Stripe would post it, with the object as it was when the event was made. */
  event(type: string, object: Record<string, unknown>, id = this.nextId("evt")): string {
    return JSON.stringify({
      id,
      object: "event",
      api_version: "2025-10-29.clover",
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
      data: { object: structuredClone(object) },
    });
  }

  /** The Stripe-Signature header for a payload, made by the real library (now, or at another time). */
  sign(payload: string, secret = WEBHOOK_SECRET, timestamp?: number) {
    return Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp });
  }

  private error(status: number, message: string, code = "resource_missing"): Answer {
    return { status, body: { error: { type: "invalid_request_error", code, message } } };
  }

  private createSession(p: WireParams): Answer {
    const lineItems = asList(p.line_items).map((raw) => {
      const item = asRecord(raw);
      const price = asRecord(item.price_data);
      return {
        quantity: Number(item.quantity),
        currency: String(price.currency),
        unit_amount: Number(price.unit_amount),
        name: String(asRecord(price.product_data).name),
      };
    });
    const session: StripeObject = {
      id: this.nextId("cs"),
      object: "checkout.session",
      mode: p.mode,
      status: "open",
      payment_status: "unpaid",
      payment_intent: null,
      currency: lineItems[0]?.currency ?? null,
      amount_total: lineItems.reduce((s, l) => s + l.unit_amount * l.quantity, 0),
      client_reference_id: p.client_reference_id ?? null,
      customer_email: p.customer_email ?? null,
      success_url: p.success_url,
      cancel_url: p.cancel_url,
      expires_at: Number(p.expires_at),
      locale: p.locale ?? null,
      metadata: asRecord(p.metadata),
      line_items_sent: lineItems,
    };
    session.url = `https://checkout.stripe.com/c/pay/${session.id}`;
    this.sessions.set(session.id, session);
    return { status: 200, body: session };
  }

  private createRefund(p: WireParams): Answer {
    const intent = String(p.payment_intent ?? "");
    const charge = [...this.charges.values()].find((c) => c.payment_intent === intent);
    if (!charge) return this.error(400, `No such payment_intent: '${intent}'`);
    const remaining = Number(charge.amount) - Number(charge.amount_refunded);
    const amount = p.amount === undefined ? remaining : Number(p.amount);
    if (!Number.isInteger(amount) || amount <= 0 || amount > remaining)
      return this.error(
        400,
        `Refund amount (${amount}) is greater than unrefunded amount`,
        "amount_too_large",
      );
    const refund: StripeObject = {
      id: this.nextId("re"),
      object: "refund",
      amount,
      currency: "vnd",
      charge: charge.id,
      payment_intent: intent,
      status: "succeeded",
      metadata: asRecord(p.metadata),
      created: Math.floor(Date.now() / 1000),
    };
    this.refunds.set(refund.id, refund);
    charge.amount_refunded = Number(charge.amount_refunded) + amount;
    charge.refunded = charge.amount_refunded === charge.amount;
    return { status: 200, body: refund };
  }

  private route(method: string, path: string, p: WireParams, query: URLSearchParams): Answer {
    let m: RegExpMatchArray | null;
    if (method === "POST" && path === "/v1/checkout/sessions") return this.createSession(p);
    if (method === "GET" && (m = path.match(/^\/v1\/checkout\/sessions\/([^/]+)$/))) {
      const session = this.sessions.get(m[1]!);
      return session
        ? { status: 200, body: session }
        : this.error(404, `No such checkout.session: '${m[1]}'`);
    }
    if (method === "POST" && (m = path.match(/^\/v1\/checkout\/sessions\/([^/]+)\/expire$/))) {
      const session = this.sessions.get(m[1]!);
      if (!session) return this.error(404, `No such checkout.session: '${m[1]}'`);
      if (session.status !== "open")
        return this.error(400, "Only Checkout Sessions with a status in [open] can be expired.", "");
      return { status: 200, body: this.expireSession(session.id) };
    }
    if (method === "POST" && path === "/v1/refunds") return this.createRefund(p);
    if (method === "GET" && path === "/v1/refunds") {
      const intent = query.get("payment_intent");
      const data = [...this.refunds.values()].filter((r) => !intent || r.payment_intent === intent).reverse();
      return { status: 200, body: { object: "list", url: "/v1/refunds", has_more: false, data } };
    }
    if (method === "GET" && (m = path.match(/^\/v1\/charges\/([^/]+)$/))) {
      const charge = this.charges.get(m[1]!);
      return charge ? { status: 200, body: charge } : this.error(404, `No such charge: '${m[1]}'`);
    }
    return this.error(404, `Unrecognized request URL (${method}: ${path}).`, "");
  }

  private async fetch(url: string, init: RequestInit | undefined): Promise<Response> {
    const { pathname, searchParams } = new URL(url);
    const method = (init?.method ?? "GET").toUpperCase();
    const headers = new Headers(init?.headers);
    const key = headers.get("idempotency-key");
    const body = typeof init?.body === "string" ? init.body : "";
    const params = parseStripeForm(method === "GET" ? searchParams.toString() : body);
    const cacheKey = key && method === "POST" ? `${pathname} ${key}` : null;
    let answer = cacheKey ? this.idempotent.get(cacheKey) : undefined;
    const replayed = answer !== undefined;
    if (!answer) {
      const refusal = this.refusals.findIndex((r) => r.method === method && r.path.test(pathname));
      if (refusal >= 0) {
        const [r] = this.refusals.splice(refusal, 1);
        answer = this.error(400, r!.message, "card_declined");
      } else {
        answer = this.route(method, pathname, params, searchParams);
      }
      // Stripe keeps the first answer to a key, objects as they were then.
      answer = { status: answer.status, body: structuredClone(answer.body) };
      if (cacheKey) this.idempotent.set(cacheKey, answer);
    }
    this.requests.push({
      method,
      path: pathname,
      params,
      idempotencyKey: key,
      replayed,
      status: answer.status,
    });
    return new Response(JSON.stringify(answer.body), {
      status: answer.status,
      headers: {
        "content-type": "application/json",
        "request-id": `req_${this.seq}`,
        ...(replayed ? { "idempotent-replayed": "true" } : {}),
      },
    });
  }
}
