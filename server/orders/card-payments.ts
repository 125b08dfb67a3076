import type { Transaction } from "sequelize";
import { cooperativeContacts } from "../cooperatives";
import type { CheckoutRecord } from "../db/models/orders";
import { Conflict, NotFound } from "../errors";
import { enqueueJob } from "../jobs";
import type { PaymentPurpose } from "../payments";
import { REFUND_ORDER, type OrdersKit } from "./kit";
import { notifyBuyer, notifyCooperative } from "./notify";
import type { OrderLifecycle } from "./order-lifecycle";
import { amountDueOf, type Loaded } from "./views";

/**
 * Card money through Stripe: paid checkouts (applied once, refunded when late), refunds asked of Stripe and
 * recorded with the card ledger, and the purpose the payments module calls from the webhook.
 */
export function cardPayments(kit: OrdersKit, orders: OrderLifecycle) {
  const { db, models, stock, logger, gateway, buyerContact } = kit;
  const { move, itemsOf, cancelUnpaidCheckout } = orders;

  /**
   * Card money arrived for a checkout (webhook or reconciliation). Applied once: the checkout row moves from
   * pending_payment to paid conditionally. Money that arrives after the checkout was cancelled is refunded.
   */
  async function applyCardPaid(transaction: Transaction, checkoutId: number, paymentIntentId: string | null) {
    const checkout = await models.Checkout.findByPk(checkoutId, {
      transaction,
      lock: transaction.LOCK.UPDATE,
    });
    if (!checkout) return "unknown" as const;
    if (checkout.status === "paid") return "already" as const;
    const now = new Date();
    if (checkout.status === "cancelled") {
      if (checkout.stripePaymentIntentId) return "already" as const;
      await checkout.update({ stripePaymentIntentId: paymentIntentId }, { transaction });
      const orders = await models.Order.findAll({
        where: { checkoutId },
        order: [["id", "ASC"]],
        transaction,
      });
      for (const order of orders) {
        await order.update({ paymentStatus: "refund_pending", paidAt: now }, { transaction });
        await enqueueJob(models, transaction, REFUND_ORDER, { orderId: order.id });
      }
      logger.warn(
        { checkout: checkout.publicId },
        "card payment arrived after the checkout was cancelled; refunding",
      );
      return "late" as const;
    }
    const [affected] = await models.Checkout.update(
      { status: "paid", paidAt: now, stripePaymentIntentId: paymentIntentId, lastPaymentError: null },
      { where: { id: checkout.id, status: "pending_payment" }, transaction },
    );
    if (affected !== 1) return "already" as const;
    const orders = await models.Order.findAll({
      where: { checkoutId, status: "pending_payment" },
      order: [["id", "ASC"]],
      transaction,
    });
    const contacts = await cooperativeContacts(
      db,
      orders.map((o) => o.cooperativeId),
      transaction,
    );
    for (const order of orders) {
      await move(
        transaction,
        order,
        "mark_paid",
        "system",
        null,
        { paymentStatus: "paid", paidAt: now },
        "stripe",
      );
      await models.LedgerEntry.create(
        {
          cooperativeId: order.cooperativeId,
          orderId: order.id,
          kind: "card_sale",
          amountVnd: amountDueOf(order),
        },
        { transaction },
      );
      const buyer = await buyerContact(order, transaction);
      const contact = contacts.get(order.cooperativeId);
      await notifyBuyer(models, transaction, "order_paid", order, buyer, contact ?? { name: "" });
      await notifyCooperative(models, transaction, "order_paid_cooperative", order, contact, buyer.name);
    }
    return "paid" as const;
  }

  /** A refund went through at Stripe: the order is refunded, and the cooperative's ledger gives the sale back. */
  async function applyRefunded(transaction: Transaction, orderId: number) {
    const order = await models.Order.findByPk(orderId, { transaction, lock: transaction.LOCK.UPDATE });
    if (!order || order.paymentStatus === "refunded") return false;
    // Refunded before it left the cooperative: the goods stay, so their stock comes back.
    const unshipped = order.status === "paid" || order.status === "confirmed";
    await move(transaction, order, "refund", "system", null, { paymentStatus: "refunded" }, "stripe");
    if (unshipped) {
      const items = await itemsOf([order.id], transaction);
      await stock.release(
        transaction,
        items.map((i) => ({ productId: i.productId, quantity: i.quantity })),
      );
    }
    const sale = await models.LedgerEntry.findOne({ where: { orderId, kind: "card_sale" }, transaction });
    if (sale) {
      await models.LedgerEntry.create(
        { cooperativeId: order.cooperativeId, orderId, kind: "refund", amountVnd: -amountDueOf(order) },
        { transaction },
      );
    }
    const buyer = await buyerContact(order, transaction);
    const contact = (await cooperativeContacts(db, [order.cooperativeId], transaction)).get(
      order.cooperativeId,
    );
    await notifyBuyer(models, transaction, "order_refunded", order, buyer, contact ?? { name: "" });
    return true;
  }

  /** Ask Stripe to return one order's money (idempotent per order), then record it. */
  async function refundOrder(orderId: number) {
    const order = await models.Order.findByPk(orderId, {
      include: [{ model: models.Checkout, as: "checkout" }],
    });
    if (!order) throw new NotFound("order_not_found");
    if (order.paymentStatus === "refunded") return;
    const intent = (order as Loaded).checkout?.stripePaymentIntentId;
    if (order.paymentMethod !== "card" || !intent) throw new Conflict("not_refundable");
    if (!gateway) throw new Conflict("card_payments_unavailable");
    try {
      await gateway.refund({
        paymentIntentId: intent,
        amountVnd: amountDueOf(order),
        idempotencyKey: `refund-order-${order.id}`,
        metadata: { order_id: String(order.id), order_code: order.code },
      });
    } catch (error) {
      logger.error({ err: error, order: order.code }, "Stripe refused the refund");
      throw new Conflict("refund_failed");
    }
    await db.transaction((t) => applyRefunded(t, order.id));
  }

  /** Ask Stripe how a pending card checkout stands and apply it: late or lost webhooks do not leave it hanging. */
  async function reconcileCard(checkout: CheckoutRecord): Promise<void> {
    if (!gateway || checkout.status !== "pending_payment" || !checkout.stripeSessionId) return;
    const session = await gateway.retrieveCheckoutSession(checkout.stripeSessionId);
    if (session.paymentStatus === "paid") {
      await db.transaction((t) => applyCardPaid(t, checkout.id, session.paymentIntentId));
    } else if (session.status === "expired") {
      await db.transaction((t) => cancelUnpaidCheckout(t, checkout, "system", null, "payment_expired"));
    }
  }

  /** How card payments for checkouts reach orders: the payments module calls this from Stripe's webhooks. */
  const paymentPurpose = {
    name: "checkout",
    async paid(transaction, reference, paymentIntentId) {
      const checkout = await models.Checkout.findOne({ where: { publicId: reference }, transaction });
      if (!checkout) return false;
      return (await applyCardPaid(transaction, checkout.id, paymentIntentId)) !== "unknown";
    },
    async expired(transaction, reference) {
      const checkout = await models.Checkout.findOne({ where: { publicId: reference }, transaction });
      if (!checkout) return false;
      await cancelUnpaidCheckout(transaction, checkout, "system", null, "payment_expired");
      return true;
    },
    async failed(transaction, reference, message) {
      const [affected] = await models.Checkout.update(
        { lastPaymentError: message.slice(0, 500) },
        { where: { publicId: reference, status: "pending_payment" }, transaction },
      );
      return affected > 0;
    },
    async refunded(transaction, paymentIntentId, refunds) {
      const checkout = await models.Checkout.findOne({
        where: { stripePaymentIntentId: paymentIntentId },
        transaction,
      });
      if (!checkout) return false;
      const orders = await models.Order.findAll({
        where: { checkoutId: checkout.id },
        order: [["id", "ASC"]],
        transaction,
      });
      const succeeded = refunds.filter((r) => r.status === "succeeded");
      const total = succeeded.reduce((s, r) => s + r.amount, 0);
      // Our refunds name their order; a full refund made elsewhere (the Stripe dashboard) covers them all.
      const named = new Set(succeeded.map((r) => Number(r.metadata.order_id)).filter(Boolean));
      const targets = total >= checkout.totalVnd ? orders : orders.filter((o) => named.has(o.id));
      for (const order of targets) await applyRefunded(transaction, order.id);
      return true;
    },
  } satisfies PaymentPurpose;

  return { applyCardPaid, applyRefunded, refundOrder, reconcileCard, paymentPurpose };
}

export type CardPayments = ReturnType<typeof cardPayments>;
