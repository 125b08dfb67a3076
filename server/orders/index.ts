import { cardPayments } from "./card-payments";
import { checkoutUseCases } from "./checkout";
import { ordersKit, type OrdersDeps } from "./kit";
import { orderActions } from "./order-actions";
import { orderJobs } from "./order-jobs";
import { orderLifecycle } from "./order-lifecycle";
import { orderQueries } from "./order-queries";
import { shippingUseCases } from "./shipping";

export type { CartOwner, CartView, CartLine, CartGroup, CartProblem } from "./cart";
export type { OrderAction } from "./state-machine";
export type { BankTransferInstructions } from "../payments/vietqr";
export type { CheckoutDetail, OrderDetail, OrderSummary } from "./views";
export {
  CARD_WINDOW_MINUTES,
  EXPIRE_CHECKOUT,
  newOrderCode,
  ORDERS_PAGE_SIZE,
  REFUND_ORDER,
  TRANSFER_WINDOW_DAYS,
  transferReferenceOf,
  type OrdersDeps,
} from "./kit";

/**
 * Orders: the cart, checkout into one order per cooperative, each order's lifecycle and buttons, who sees which
 * orders, card payments and the background jobs. Each group of use cases lives in its own file; this composes.
 */
export function createOrdersService(deps: OrdersDeps) {
  const kit = ordersKit(deps);
  const orders = orderLifecycle(kit);
  const payments = cardPayments(kit, orders);
  const {
    viewCart,
    countCartUnits,
    addToCart,
    updateCartLine,
    removeFromCart,
    acceptCartChanges,
    mergeGuestCart,
    orderAtQuotedPrice,
  } = kit.cart;
  return {
    viewCart,
    countCartUnits,
    addToCart,
    updateCartLine,
    removeFromCart,
    acceptCartChanges,
    mergeGuestCart,
    orderAtQuotedPrice,
    ...checkoutUseCases(kit, orders, payments),
    ...orderActions(kit, orders, payments),
    ...orderQueries(kit),
    ...shippingUseCases(deps.db),
    paymentPurpose: payments.paymentPurpose,
    ...orderJobs(kit, orders, payments),
  };
}

export type OrdersService = ReturnType<typeof createOrdersService>;
