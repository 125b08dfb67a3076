import type { OrderActor, OrderStatus, PaymentMethod } from "../vocabulary/domain";
import { stateMachine, type TransitionTable } from "../lifecycle";

/** What someone can do to an order. Each action moves it from one of a few states to exactly one state. */
export type OrderAction = "mark_paid" | "confirm" | "ship" | "deliver" | "cancel" | "refund";

/**
 * The whole lifecycle in one table:
 *   COD:            placed → confirmed → shipped → delivered
 *   card, transfer: pending_payment → paid → confirmed → shipped → delivered
 *   cancelled from any state before shipping; refunded (card money returned) from paid onwards.
 */
export const TRANSITIONS = {
  mark_paid: {
    from: ["pending_payment"],
    to: ["paid"],
    // Card payments are marked by Stripe's webhook (system); bank transfers by the cooperative or staff.
    by: ["system", "cooperative", "staff"],
  },
  confirm: { from: ["placed", "paid"], to: ["confirmed"], by: ["cooperative", "staff"] },
  ship: { from: ["confirmed"], to: ["shipped"], by: ["cooperative", "staff"] },
  deliver: { from: ["shipped"], to: ["delivered"], by: ["cooperative", "staff"] },
  cancel: {
    from: ["pending_payment", "placed", "paid", "confirmed"],
    to: ["cancelled"],
    by: ["buyer", "cooperative", "staff", "system"],
  },
  refund: {
    from: ["paid", "confirmed", "shipped", "delivered", "cancelled"],
    to: ["refunded"],
    by: ["staff", "system"],
  },
} as const satisfies TransitionTable<OrderAction, OrderStatus, OrderActor>;

type OrderSubject = { status: OrderStatus; paymentMethod: PaymentMethod };

/** What the table cannot say: how each payment method is paid, and that only card money is refunded here. */
function paymentRules(action: OrderAction, order: OrderSubject, actor: OrderActor) {
  if (action === "refund") return order.paymentMethod === "card";
  if (action !== "mark_paid") return true;
  // Cash is paid on delivery, never "marked"; card money is marked only by Stripe's webhook.
  if (order.paymentMethod === "cod") return false;
  return order.paymentMethod !== "card" || actor === "system";
}

export const orderStateMachine = stateMachine<OrderAction, OrderStatus, OrderActor, OrderSubject>(
  TRANSITIONS,
  paymentRules,
);

/** The status `action` leads to, or null when the order's state, the actor or the payment method forbids it. */
export function nextStatus(action: OrderAction, order: OrderSubject, actor: OrderActor): OrderStatus | null {
  return orderStateMachine.next(action, order, actor);
}

/** The actions an actor may take on an order now: what the UI offers as buttons. */
export function availableActions(
  order: OrderSubject & { paymentStatus?: string },
  actor: OrderActor,
): OrderAction[] {
  return orderStateMachine
    .available(order, actor)
    .filter(
      (action) => action !== "refund" || order.paymentStatus === undefined || order.paymentStatus === "paid",
    );
}
