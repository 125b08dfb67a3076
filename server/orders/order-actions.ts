import type { CurrentUser } from "../accounts/current-user";
import { cooperativeContacts } from "../cooperatives";
import { Conflict, NotFound } from "../errors";
import { parseOrInvalid } from "../validation";
import type { CardPayments } from "./card-payments";
import type { OrdersKit } from "./kit";
import { notifyBuyer } from "./notify";
import type { OrderLifecycle } from "./order-lifecycle";
import { cancelSchema, shipSchema } from "./schemas";
import { orderStateMachine, type OrderAction } from "./state-machine";

/** The buttons on an order, for the buyer, the cooperative and staff. */
export function orderActions(kit: OrdersKit, orders: OrderLifecycle, payments: CardPayments) {
  const { db, models, gateway, actorFor, buyerContact } = kit;
  const { move, cancelOrders, refreshCheckoutStatus, cancelUnpaidCheckout } = orders;
  const { applyCardPaid, refundOrder } = payments;

  return {
    /**
     * One use case for every button on an order: confirm, mark a transfer paid, ship (carrier and tracking
     * number), deliver, cancel (with a reason, except for the buyer), refund (card, staff).
     */
    async actOnOrder(
      user: CurrentUser,
      {
        code,
        action,
        form = {},
      }: {
        code: string;
        action: OrderAction;
        /** The action's fields: carrier and tracking number to ship, a reason to cancel. */
        form?: Record<string, unknown>;
      },
    ) {
      const found = await models.Order.findOne({ where: { code } });
      if (!found) throw new NotFound("order_not_found");
      const actor = actorFor(user, found);
      orderStateMachine.assert(action, found, actor);

      if (action === "refund") {
        await refundOrder(found.id);
        return;
      }
      const ship = action === "ship" ? parseOrInvalid(shipSchema, form) : null;
      const cancel =
        action === "cancel"
          ? actor === "buyer" && !String(form.reason ?? "").trim()
            ? { reason: null }
            : parseOrInvalid(cancelSchema, form)
          : null;

      // An unpaid card order is paid for together with its siblings: cancelling one cancels the checkout.
      if (action === "cancel" && found.paymentMethod === "card" && found.status === "pending_payment") {
        const checkout = await models.Checkout.findByPk(found.checkoutId);
        if (checkout?.stripeSessionId && gateway) {
          const session = await gateway.expireCheckoutSession(checkout.stripeSessionId);
          if (session.paymentStatus === "paid") {
            await db.transaction((t) => applyCardPaid(t, checkout.id, session.paymentIntentId));
            throw new Conflict("already_paid");
          }
        }
        await db.transaction((t) =>
          cancelUnpaidCheckout(t, checkout!, actor, user.id, cancel?.reason ?? null),
        );
        return;
      }

      await db.transaction(async (transaction) => {
        const order = await models.Order.findByPk(found.id, { transaction, lock: transaction.LOCK.UPDATE });
        if (!order) throw new NotFound("order_not_found");
        if (action === "cancel") {
          await cancelOrders(transaction, [order], actor, user.id, cancel?.reason ?? null);
          await refreshCheckoutStatus(transaction, order.checkoutId);
          return;
        }
        const now = new Date();
        const changes =
          action === "mark_paid"
            ? { paymentStatus: "paid" as const, paidAt: now }
            : action === "ship"
              ? { carrier: ship!.carrier, trackingNumber: ship!.trackingNumber }
              : action === "deliver" && order.paymentMethod === "cod"
                ? { paymentStatus: "paid" as const, paidAt: now }
                : {};
        await move(transaction, order, action, actor, user.id, changes);
        const needsNotice = action === "mark_paid" || action === "ship";
        if (needsNotice) {
          const buyer = await buyerContact(order, transaction);
          const contact = (await cooperativeContacts(db, [order.cooperativeId], transaction)).get(
            order.cooperativeId,
          );
          if (action === "mark_paid") {
            await notifyBuyer(models, transaction, "order_paid", order, buyer, contact ?? { name: "" });
            await refreshCheckoutStatus(transaction, order.checkoutId);
          } else {
            await notifyBuyer(models, transaction, "order_shipped", order, buyer, contact ?? { name: "" }, {
              carrier: ship!.carrier,
              tracking: ship!.trackingNumber,
            });
          }
        }
      });
    },
  };
}
