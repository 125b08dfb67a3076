import type { JobHandler } from "../jobs";
import { EXPIRE_GUEST_CART, guestCartExpiry } from "./cart";
import type { CardPayments } from "./card-payments";
import { EXPIRE_CHECKOUT, REFUND_ORDER, type OrdersKit } from "./kit";
import type { OrderLifecycle } from "./order-lifecycle";

/** The orders' background work: guest carts that lapse, unpaid checkouts that expire, refunds to ask Stripe for. */
export function orderJobs(kit: OrdersKit, orders: OrderLifecycle, payments: CardPayments) {
  const { db, models, gateway } = kit;
  const { cancelUnpaidCheckout } = orders;
  const { applyCardPaid, refundOrder } = payments;

  return {
    /** Job handlers: expiry of unpaid checkouts, refunds of cancelled card orders. */
    jobHandlers(): Record<string, JobHandler> {
      return {
        [EXPIRE_GUEST_CART]: guestCartExpiry(db),
        [EXPIRE_CHECKOUT]: async (payload) => {
          const checkout = await models.Checkout.findByPk(Number(payload.checkoutId));
          if (!checkout || checkout.status !== "pending_payment") return;
          if (checkout.paymentMethod === "card" && checkout.stripeSessionId && gateway) {
            // The money may have arrived without its webhook: ask before cancelling.
            const session = await gateway.expireCheckoutSession(checkout.stripeSessionId);
            if (session.paymentStatus === "paid") {
              await db.transaction((t) => applyCardPaid(t, checkout.id, session.paymentIntentId));
              return;
            }
          }
          const reason =
            checkout.paymentMethod === "bank_transfer" ? "transfer_not_received" : "payment_expired";
          await db.transaction((t) => cancelUnpaidCheckout(t, checkout, "system", null, reason));
        },
        [REFUND_ORDER]: async (payload) => {
          await refundOrder(Number(payload.orderId));
        },
      };
    },
  };
}
