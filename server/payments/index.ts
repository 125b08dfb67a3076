import type { Transaction } from "sequelize";
import type { Database } from "../db";
import { uniqueViolation } from "../db/slugs";
import { DomainError, NotFound } from "../errors";
import type { Logger } from "../logger";
import type { CardGateway, CardRefund, StripeEvent } from "./stripe";

/**
 * Something that can be paid by card: checkouts now, fair booths later. Each Stripe object carries
 * `metadata.purpose` and `metadata.reference`; the webhook hands the verified, re-read facts to the purpose.
 * Every method runs inside the transaction that also records the event id, so an event applies exactly once.
 */
export interface PaymentPurpose {
  name: string;
  paid(transaction: Transaction, reference: string, paymentIntentId: string | null): Promise<boolean>;
  expired(transaction: Transaction, reference: string): Promise<boolean>;
  failed(transaction: Transaction, reference: string, message: string): Promise<boolean>;
  /** Refunds of a payment intent this purpose owns (false when it does not own it). */
  refunded(transaction: Transaction, paymentIntentId: string, refunds: CardRefund[]): Promise<boolean>;
}

export type WebhookOutcome = "processed" | "duplicate" | "ignored";

export class InvalidSignature extends DomainError {
  constructor() {
    super("invalid_signature", 400);
  }
}

export interface PaymentsDeps {
  db: Database;
  logger: Logger;
  gateway: CardGateway | null;
  purposes: PaymentPurpose[];
}

type Effect = (transaction: Transaction) => Promise<boolean>;

export function createPaymentsService({ db, logger, gateway, purposes }: PaymentsDeps) {
  const byName = new Map(purposes.map((p) => [p.name, p]));

  /**
   * Turn a verified event into what to do. The payload's state is not trusted: the session is read again from
   * Stripe, so events arriving out of order (expired after completed, a retry days later) do the right thing.
   */
  async function effectOf(event: StripeEvent, cards: CardGateway): Promise<Effect | null> {
    switch (event.type) {
      case "checkout.session.completed":
      case "checkout.session.async_payment_succeeded":
      case "checkout.session.expired": {
        const session = await cards.retrieveCheckoutSession(event.data.object.id);
        const purpose = byName.get(session.metadata.purpose ?? "");
        const reference = session.metadata.reference;
        if (!purpose || !reference) return null;
        if (session.paymentStatus === "paid")
          return (t) => purpose.paid(t, reference, session.paymentIntentId);
        if (session.status === "expired") return (t) => purpose.expired(t, reference);
        return null;
      }
      case "payment_intent.payment_failed": {
        const intent = event.data.object;
        const purpose = byName.get(intent.metadata?.purpose ?? "");
        const reference = intent.metadata?.reference;
        if (!purpose || !reference) return null;
        const message =
          intent.last_payment_error?.message ?? intent.last_payment_error?.code ?? "payment_failed";
        return (t) => purpose.failed(t, reference, message);
      }
      case "charge.refunded": {
        const charge = event.data.object;
        const intentId =
          typeof charge.payment_intent === "string" ? charge.payment_intent : charge.payment_intent?.id;
        if (!intentId) return null;
        const refunds = await cards.refundsForPaymentIntent(intentId);
        return async (t) => {
          for (const purpose of purposes) if (await purpose.refunded(t, intentId, refunds)) return true;
          return false;
        };
      }
      default:
        return null;
    }
  }

  return {
    cardAvailable: gateway !== null,

    /**
     * Stripe's webhook: verify the signature over the raw body, then apply the event once. The event id is
     * inserted in the same transaction as its effect; a second delivery (even a concurrent one) hits the
     * primary key and changes nothing.
     */
    async handleStripeWebhook({
      rawBody,
      signature,
    }: {
      rawBody: string;
      /** The Stripe-Signature header. */
      signature: string | null;
    }): Promise<WebhookOutcome> {
      if (!gateway) throw new NotFound("card_payments_unavailable");
      let event: StripeEvent;
      try {
        event = await gateway.verifyWebhook(rawBody, signature);
      } catch (error) {
        logger.warn({ err: error }, "Stripe webhook with a bad signature refused");
        throw new InvalidSignature();
      }
      const { StripeEvent: Events } = db.models;
      if (await Events.findByPk(event.id)) return "duplicate";
      const effect = await effectOf(event, gateway);
      try {
        return await db.transaction(async (transaction) => {
          await Events.create({ id: event.id, type: event.type }, { transaction });
          const applied = effect ? await effect(transaction) : false;
          logger.info({ event: event.id, type: event.type, applied }, "Stripe event processed");
          return applied ? "processed" : "ignored";
        });
      } catch (error) {
        if (uniqueViolation(error)) return "duplicate";
        throw error;
      }
    },
  };
}

export type PaymentsService = ReturnType<typeof createPaymentsService>;
