import type { OrderActor, OrderStatus, PaymentMethod } from "../../app/lib/domain";

/** What someone can do to an order. Each action moves it from one of a few states to exactly one state. */
export type OrderAction = "mark_paid" | "confirm" | "ship" | "deliver" | "cancel" | "refund";

interface Rule {
  from: readonly OrderStatus[];
  to: OrderStatus;
  by: readonly OrderActor[];
  /** Only for these payment methods (all when absent). */
  methods?: readonly PaymentMethod[];
}

/**
 * The whole lifecycle in one table:
 *   COD:            placed → confirmed → shipped → delivered
 *   card, transfer: pending_payment → paid → confirmed → shipped → delivered
 *   cancelled from any state before shipping; refunded (card money returned) from paid onwards.
 */
export const TRANSITIONS: Record<OrderAction, Rule> = {
  mark_paid: {
    from: ["pending_payment"],
    to: "paid",
    // Card payments are marked by Stripe's webhook (system); bank transfers by the cooperative or staff.
    by: ["system", "cooperative", "staff"],
  },
  confirm: { from: ["placed", "paid"], to: "confirmed", by: ["cooperative", "staff"] },
  ship: { from: ["confirmed"], to: "shipped", by: ["cooperative", "staff"] },
  deliver: { from: ["shipped"], to: "delivered", by: ["cooperative", "staff"] },
  cancel: {
    from: ["pending_payment", "placed", "paid", "confirmed"],
    to: "cancelled",
    by: ["buyer", "cooperative", "staff", "system"],
  },
  refund: {
    from: ["paid", "confirmed", "shipped", "delivered", "cancelled"],
    to: "refunded",
    by: ["staff", "system"],
    methods: ["card"],
  },
};

/** The status `action` leads to, or null when the order's state, the actor or the payment method forbids it. */
export function nextStatus(
  action: OrderAction,
  order: { status: OrderStatus; paymentMethod: PaymentMethod },
  actor: OrderActor,
): OrderStatus | null {
  const rule = TRANSITIONS[action];
  if (!rule.from.includes(order.status)) return null;
  if (!rule.by.includes(actor)) return null;
  if (rule.methods && !rule.methods.includes(order.paymentMethod)) return null;
  if (action === "mark_paid" && order.paymentMethod === "cod") return null;
  if (action === "mark_paid" && order.paymentMethod === "card" && actor !== "system") return null;
  return rule.to;
}

/** The actions an actor may take on an order now: what the UI offers as buttons. */
export function availableActions(
  order: { status: OrderStatus; paymentMethod: PaymentMethod; paymentStatus?: string },
  actor: OrderActor,
): OrderAction[] {
  return (Object.keys(TRANSITIONS) as OrderAction[]).filter((action) => {
    if (action === "refund" && order.paymentStatus !== undefined && order.paymentStatus !== "paid")
      return false;
    return nextStatus(action, order, actor) !== null;
  });
}
