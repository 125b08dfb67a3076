import type { OrderAction } from "../../server/orders";

/** Every action an order page can post as `intent`, in the order the page offers them. */
export const ORDER_ACTIONS = [
  "mark_paid",
  "confirm",
  "ship",
  "deliver",
  "cancel",
  "refund",
] as const satisfies readonly OrderAction[];

export function isOrderAction(value: string): value is OrderAction {
  return (ORDER_ACTIONS as readonly string[]).includes(value);
}
