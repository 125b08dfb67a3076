import type { Transaction } from "sequelize";
import type { OrderActor, OrderStatus } from "../vocabulary/domain";
import { cooperativeContacts } from "../cooperatives";
import type { CheckoutRecord, OrderRecord } from "../db/models/orders";
import { enqueueJob } from "../jobs";
import { lifecycle } from "../lifecycle";
import { REFUND_ORDER, type OrdersKit } from "./kit";
import { notifyBuyer, notifyCooperative } from "./notify";
import { orderStateMachine, type OrderAction } from "./state-machine";

/**
 * How orders move: every status change through the order state machine, cancellations that give stock back and
 * tell the other side, and a checkout's status following its orders.
 */
export function orderLifecycle(kit: OrdersKit) {
  const { db, models, stock, logger, buyerContact } = kit;

  /** Orders move only through their lifecycle: conditional update, timeline event and audit entry together. */
  const lifecycleOfOrder = lifecycle(orderStateMachine, {
    models,
    model: models.Order,
    name: "order",
    changedCode: "order_changed",
    async recordEvent(transaction, e) {
      await models.OrderEvent.create(
        {
          orderId: e.subject.id,
          fromStatus: e.from,
          toStatus: e.to,
          actorId: e.actorId,
          actorKind: e.actor,
          note: e.note,
        },
        { transaction },
      );
      logger.info({ order: e.subject.code, from: e.from, to: e.to, actor: e.actor }, "order moved");
    },
  });

  function move(
    transaction: Transaction,
    order: OrderRecord,
    action: OrderAction,
    actor: OrderActor,
    actorId: number | null,
    changes: Partial<{
      paymentStatus: OrderRecord["paymentStatus"];
      carrier: string;
      trackingNumber: string;
      cancelReason: string;
      paidAt: Date;
    }> = {},
    note: string | null = null,
  ): Promise<OrderStatus> {
    return lifecycleOfOrder.move(transaction, { subject: order, action, actor, actorId, changes, note });
  }

  async function itemsOf(orderIds: number[], transaction: Transaction) {
    return models.OrderItem.findAll({ where: { orderId: orderIds }, transaction });
  }

  /** Cancel orders inside the caller's transaction and give their stock back. */
  async function cancelOrders(
    transaction: Transaction,
    orders: OrderRecord[],
    actor: OrderActor,
    actorId: number | null,
    reason: string | null,
  ) {
    const items = await itemsOf(
      orders.map((o) => o.id),
      transaction,
    );
    const contacts = await cooperativeContacts(
      db,
      orders.map((o) => o.cooperativeId),
      transaction,
    );
    // A quoted line's quote can be ordered again, by the same buyer at the same price, until its last day.
    await kit.quotes.reopen(transaction, orders);
    for (const order of orders) {
      const wasPaid = order.paymentStatus === "paid";
      const paymentStatus = !wasPaid
        ? order.paymentStatus
        : order.paymentMethod === "card"
          ? ("refund_pending" as const)
          : ("refund_due" as const);
      await move(
        transaction,
        order,
        "cancel",
        actor,
        actorId,
        { paymentStatus, cancelReason: reason ?? undefined },
        reason,
      );
      await stock.release(
        transaction,
        items
          .filter((i) => i.orderId === order.id)
          .map((i) => ({ productId: i.productId, quantity: i.quantity })),
      );
      if (paymentStatus === "refund_pending")
        await enqueueJob(models, transaction, REFUND_ORDER, { orderId: order.id });
      const buyer = await buyerContact(order, transaction);
      const contact = contacts.get(order.cooperativeId);
      const extra = { reason: reason ?? "—" };
      if (actor !== "buyer")
        await notifyBuyer(
          models,
          transaction,
          "order_cancelled",
          order,
          buyer,
          contact ?? { name: "" },
          extra,
        );
      if (actor !== "cooperative")
        await notifyCooperative(
          models,
          transaction,
          "order_cancelled_cooperative",
          order,
          contact,
          buyer.name,
          extra,
        );
    }
  }

  /**
   * A checkout's status follows its orders: waiting while any order waits for payment, cancelled when all are,
   * otherwise paid (or placed, for cash on delivery). Called after an order of a checkout moved.
   */
  async function refreshCheckoutStatus(transaction: Transaction, checkoutId: number) {
    const checkout = await models.Checkout.findByPk(checkoutId, { transaction });
    if (!checkout) return;
    const statuses = (
      await models.Order.findAll({ where: { checkoutId }, attributes: ["status"], transaction })
    ).map((o) => o.status);
    const status = statuses.includes("pending_payment")
      ? "pending_payment"
      : statuses.every((s) => s === "cancelled")
        ? "cancelled"
        : checkout.paymentMethod === "cod"
          ? "placed"
          : "paid";
    if (status === checkout.status) return;
    await checkout.update(
      { status, ...(status === "paid" && !checkout.paidAt ? { paidAt: new Date() } : {}) },
      { transaction },
    );
  }

  /** All still-unpaid orders of a checkout are cancelled together, and the checkout with them. */
  async function cancelUnpaidCheckout(
    transaction: Transaction,
    checkout: CheckoutRecord,
    actor: OrderActor,
    actorId: number | null,
    reason: string | null,
  ) {
    const [affected] = await models.Checkout.update(
      { status: "cancelled" },
      { where: { id: checkout.id, status: "pending_payment" }, transaction },
    );
    if (affected !== 1) return false;
    const orders = await models.Order.findAll({
      where: { checkoutId: checkout.id, status: "pending_payment" },
      order: [["id", "ASC"]],
      transaction,
    });
    await cancelOrders(transaction, orders, actor, actorId, reason);
    // A bank-transfer checkout may have had some orders paid already: then it is paid, not cancelled.
    await refreshCheckoutStatus(transaction, checkout.id);
    return true;
  }

  return { move, itemsOf, cancelOrders, refreshCheckoutStatus, cancelUnpaidCheckout };
}

export type OrderLifecycle = ReturnType<typeof orderLifecycle>;
