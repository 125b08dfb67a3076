import { randomBytes } from "node:crypto";
import { Op, type Transaction, type WhereOptions } from "sequelize";
import {
  MAX_CHECKOUT_VND,
  type OrderActor,
  type OrderStatus,
  type PaymentMethod,
} from "../../app/lib/domain";
import type { CurrentUser } from "../accounts/current-user";
import { recordAudit } from "../audit";
import type { CatalogueStock } from "../catalogue/stock";
import { cooperativeContacts, type CooperativeContact } from "../cooperatives";
import type { Database } from "../db";
import type { CheckoutRecord, OrderRecord } from "../db/models/orders";
import { Conflict, Forbidden, Invalid, NotFound } from "../errors";
import { enqueueJob, type JobHandler } from "../jobs";
import type { Logger } from "../logger";
import type { PaymentPurpose } from "../payments";
import type { CardGateway } from "../payments/stripe";
import { readableCode, transferInstructions, type BankTransferInstructions } from "../payments/vietqr";
import { parseOrInvalid } from "../validation";
import { createCart, EXPIRE_GUEST_CART, guestCartExpiry } from "./cart";
import { notifyBuyer, notifyCooperative, type BuyerContact } from "./notify";
import {
  cancelSchema,
  checkoutSchema,
  orderListQuerySchema,
  shipSchema,
  type OrderListQuery,
} from "./schemas";
import { lifecycle, TransitionRefused } from "../lifecycle";
import { availableActions, orderStateMachine, type OrderAction } from "./state-machine";

export type { CartOwner, CartView, CartLine, CartGroup, CartProblem } from "./cart";
export type { OrderAction } from "./state-machine";

export const EXPIRE_CHECKOUT = "orders.expire-checkout";
export const REFUND_ORDER = "orders.refund";
/** A card checkout holds its stock this long (Stripe sessions live 30 minutes to 24 hours). */
export const CARD_WINDOW_MINUTES = 60;
/** Bank transfers take a while, and cooperatives check their statements by hand. */
export const TRANSFER_WINDOW_DAYS = 3;
export const ORDERS_PAGE_SIZE = 20;

/** "HTX-7K3M9QPX"; the transfer reference is the same without the dash: ASCII, 11 characters (≤ 19). */
export function newOrderCode() {
  return `HTX-${readableCode(8)}`;
}
export function transferReferenceOf(code: string) {
  return code.replace(/[^A-Z0-9]/g, "");
}

export type { BankTransferInstructions } from "../payments/vietqr";

export interface OrderSummary {
  code: string;
  status: OrderStatus;
  paymentMethod: PaymentMethod;
  paymentStatus: string;
  subtotalVnd: number;
  itemCount: number;
  createdAt: string;
  cooperative: { id: number; slug: string; name: string };
  buyer: { id: number; name: string };
}

export interface OrderDetail extends OrderSummary {
  checkoutPublicId: string;
  /** What the buyer writes in a bank transfer's description; the cooperative looks for it in its statement. */
  transferReference: string;
  carrier: string | null;
  trackingNumber: string | null;
  cancelReason: string | null;
  paidAt: string | null;
  contact: {
    name: string;
    phone: string;
    email: string;
    provinceCode: string;
    districtCode: string;
    address: string;
    note: string | null;
  };
  items: Array<{
    productId: number;
    sku: string;
    name: string;
    unit: string;
    unitPriceVnd: number;
    quantity: number;
    lineTotalVnd: number;
  }>;
  timeline: Array<{
    from: OrderStatus | null;
    to: OrderStatus;
    actorKind: OrderActor;
    actorName: string | null;
    note: string | null;
    at: string;
  }>;
  bankTransfer: BankTransferInstructions | null;
  /** What the person looking may do now (buttons), and as whom. */
  viewerAs: OrderActor;
  actions: OrderAction[];
}

export interface CheckoutDetail {
  publicId: string;
  status: string;
  paymentMethod: PaymentMethod;
  totalVnd: number;
  createdAt: string;
  expiresAt: string | null;
  paidAt: string | null;
  lastPaymentError: string | null;
  /** Where to pay by card while the checkout waits for it. */
  payUrl: string | null;
  orders: Array<OrderSummary & { bankTransfer: BankTransferInstructions | null }>;
}

export interface OrdersDeps {
  db: Database;
  /** The catalogue's stock, reserved and released inside the orders' transactions. */
  stock: CatalogueStock;
  logger: Logger;
  gateway: CardGateway | null;
  publicUrl?: string;
}

type Loaded = OrderRecord & {
  cooperative?: { id: number; slug: string; name: string };
  buyer?: { id: number; fullName: string; email: string; locale: string };
  items?: OrderRecord["items"];
  checkout?: CheckoutRecord;
};

function summaryOf(o: Loaded, itemCount?: number): OrderSummary {
  return {
    code: o.code,
    status: o.status,
    paymentMethod: o.paymentMethod,
    paymentStatus: o.paymentStatus,
    subtotalVnd: o.subtotalVnd,
    itemCount: itemCount ?? o.items?.length ?? 0,
    createdAt: o.createdAt.toISOString(),
    cooperative: {
      id: o.cooperativeId,
      slug: o.cooperative?.slug ?? "",
      name: o.cooperative?.name ?? "",
    },
    buyer: { id: o.buyerId, name: o.buyer?.fullName ?? "" },
  };
}

export function createOrdersService({ db, stock, logger, gateway, publicUrl }: OrdersDeps) {
  const { models } = db;
  const cart = createCart(db, stock);

  const orderIncludes = () => [
    { model: models.Cooperative, as: "cooperative", attributes: ["id", "slug", "name"] },
    { model: models.User, as: "buyer", attributes: ["id", "fullName", "email", "locale"] },
    { model: models.OrderItem, as: "items" },
  ];

  async function buyerContact(order: { buyerId: number; checkoutId: number }, transaction: Transaction) {
    const [user, checkout] = await Promise.all([
      models.User.findByPk(order.buyerId, { transaction }),
      models.Checkout.findByPk(order.checkoutId, { transaction }),
    ]);
    return {
      email: checkout?.email ?? user?.email ?? "",
      locale: user?.locale ?? "vi",
      name: checkout?.contactName ?? user?.fullName ?? "",
    } satisfies BuyerContact;
  }

  async function bankInstructions(
    order: {
      paymentMethod: PaymentMethod;
      paymentStatus: string;
      status: OrderStatus;
      subtotalVnd: number;
      transferReference: string;
    },
    contact: CooperativeContact | undefined,
  ): Promise<BankTransferInstructions | null> {
    if (order.paymentMethod !== "bank_transfer" || order.status !== "pending_payment" || !contact?.bank)
      return null;
    return transferInstructions(contact.bank, order.subtotalVnd, order.transferReference);
  }

  /** Who the user is to this order; someone with no part in it is told it does not exist. */
  function actorFor(user: CurrentUser, order: { buyerId: number; cooperativeId: number }): OrderActor {
    if (user.role === "staff") return "staff";
    if (user.cooperative?.id === order.cooperativeId) return "cooperative";
    if (order.buyerId === user.id) return "buyer";
    throw new NotFound("order_not_found");
  }

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
          amountVnd: order.subtotalVnd,
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
        { cooperativeId: order.cooperativeId, orderId, kind: "refund", amountVnd: -order.subtotalVnd },
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
        amountVnd: order.subtotalVnd,
        idempotencyKey: `refund-order-${order.id}`,
        metadata: { order_id: String(order.id), order_code: order.code },
      });
    } catch (error) {
      logger.error({ err: error, order: order.code }, "Stripe refused the refund");
      throw new Conflict("refund_failed");
    }
    await db.transaction((t) => applyRefunded(t, order.id));
  }

  async function loadCheckoutFor(user: CurrentUser, publicId: string) {
    const checkout = await models.Checkout.findOne({ where: { publicId } });
    if (!checkout || (checkout.buyerId !== user.id && user.role !== "staff"))
      throw new NotFound("checkout_not_found");
    return checkout;
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

  function buildOrderWhere(q: OrderListQuery, base: WhereOptions): WhereOptions {
    const where: Record<string | symbol, unknown> = { ...(base as object) };
    if (q.status) where.status = q.status;
    const created: Record<symbol, Date> = {};
    // Dates are days in Vietnam (UTC+7).
    if (q.from) created[Op.gte] = new Date(`${q.from}T00:00:00+07:00`);
    if (q.to) created[Op.lt] = new Date(new Date(`${q.to}T00:00:00+07:00`).getTime() + 86_400_000);
    if (q.from || q.to) where.createdAt = created;
    if (q.q) where.code = { [Op.like]: `%${q.q.toUpperCase().replace(/[%_]/g, "")}%` };
    return where as WhereOptions;
  }

  async function list(base: WhereOptions, raw: unknown, perPage = ORDERS_PAGE_SIZE) {
    const q = parseOrInvalid(orderListQuerySchema, raw);
    const where = buildOrderWhere(q, base);
    const { rows, count } = await models.Order.findAndCountAll({
      where,
      include: [
        { model: models.Cooperative, as: "cooperative", attributes: ["id", "slug", "name"] },
        { model: models.User, as: "buyer", attributes: ["id", "fullName"] },
      ],
      order: [
        ["createdAt", "DESC"],
        ["id", "DESC"],
      ],
      limit: perPage,
      offset: (q.page - 1) * perPage,
      distinct: true,
    });
    const counts = rows.length
      ? await models.OrderItem.count({
          where: { orderId: rows.map((r) => r.id) },
          group: ["orderId"],
        })
      : [];
    const countBy = new Map(
      (counts as unknown as Array<{ orderId: number; count: number }>).map((c) => [
        Number(c.orderId),
        Number(c.count),
      ]),
    );
    return {
      query: q,
      orders: rows.map((r) => summaryOf(r as Loaded, countBy.get(r.id) ?? 0)),
      total: count,
      page: q.page,
      perPage,
    };
  }

  function cooperativeScope(user: CurrentUser): number {
    if (!user.cooperative) throw new Forbidden("not_a_cooperative_member");
    return user.cooperative.id;
  }

  const service = {
    cart,

    /** What the checkout page needs: the cart, which payment methods can be offered, and a prefilled contact. */
    async checkoutForm(user: CurrentUser, locale: string) {
      const view = await cart.view({ userId: user.id }, locale);
      const contacts = await cooperativeContacts(
        db,
        view.groups.map((g) => g.cooperative.id),
      );
      const withoutBank = view.groups
        .filter((g) => !contacts.get(g.cooperative.id)?.bank)
        .map((g) => g.cooperative.name);
      const last = await models.Checkout.findOne({ where: { buyerId: user.id }, order: [["id", "DESC"]] });
      return {
        cart: view,
        submissionKey: randomBytes(16).toString("base64url"),
        methods: {
          cod: { available: true },
          bank_transfer: { available: withoutBank.length === 0, missingFor: withoutBank },
          card: { available: gateway !== null },
        },
        defaults: {
          contactName: last?.contactName ?? user.fullName,
          phone: last?.phone ?? user.phone ?? "",
          email: last?.email ?? user.email,
          provinceCode: last?.provinceCode ?? "",
          districtCode: last?.districtCode ?? "",
          address: last?.address ?? "",
        },
      };
    },

    /**
     * Place the buyer's cart: one checkout, one order per cooperative, totals from current prices, stock
     * reserved in the same transaction. A card checkout then gets its Stripe session; if Stripe refuses, the
     * checkout is cancelled and the stock released.
     */
    async placeOrder(
      user: CurrentUser,
      raw: unknown,
      options: { locale: "vi" | "en"; origin: string },
    ): Promise<{ publicId: string; payUrl: string | null }> {
      const input = parseOrInvalid(checkoutSchema, raw);
      if (input.paymentMethod === "card" && !gateway)
        throw new Invalid({ paymentMethod: { code: "card_unavailable" } });

      const placed = await db.transaction(async (transaction) => {
        // Submissions of one cart queue on its row lock (taken first, so what follows is read after the one
        // before committed). A resent form then finds the checkout it already made; another finds the cart empty.
        await cart.lock({ userId: user.id }, transaction);
        if (input.submissionKey) {
          const earlier = await models.Checkout.findOne({
            where: { buyerId: user.id, submissionKey: input.submissionKey },
            transaction,
          });
          if (earlier) return { checkout: earlier, lines: null };
        }
        const view = await cart.view({ userId: user.id }, options.locale, transaction);
        if (view.lineCount === 0) throw new Conflict("cart_empty");
        if (view.totalVnd > MAX_CHECKOUT_VND)
          throw new Conflict("checkout_too_large", { max: MAX_CHECKOUT_VND });
        // Stock is left to stock.reserve's conditional UPDATE below: whether this read came before or after a
        // competing buyer's commit, a shortfall is then reported the same way (`insufficient_stock`, with the
        // product and what is left). Anything else that changed (price, minimum, availability) waits for the
        // buyer to accept it; a price change is checked on its own, as a stock problem would hide it.
        const changed = view.groups
          .flatMap((g) => g.lines)
          .filter(
            (l) =>
              (l.problem && l.problem.code !== "insufficient_stock" && l.problem.code !== "out_of_stock") ||
              l.priceVnd !== l.seenPriceVnd ||
              l.quantity < l.minOrderQty,
          );
        if (changed.length > 0) throw new Conflict("cart_changed", { count: view.problemCount });
        const contacts = await cooperativeContacts(
          db,
          view.groups.map((g) => g.cooperative.id),
          transaction,
        );
        if (input.paymentMethod === "bank_transfer") {
          const missing = view.groups.filter((g) => !contacts.get(g.cooperative.id)?.bank);
          if (missing.length)
            throw new Invalid({
              paymentMethod: {
                code: "bank_transfer_unavailable",
                params: { cooperatives: missing.map((g) => g.cooperative.name).join(", ") },
              },
            });
        }
        // Stock first: a buyer who cannot have the goods should not leave a half-made checkout behind.
        await stock.reserve(
          transaction,
          view.groups.flatMap((g) => g.lines.map((l) => ({ productId: l.productId, quantity: l.quantity }))),
        );
        const now = new Date();
        const unpaid = input.paymentMethod !== "cod";
        const expiresAt =
          input.paymentMethod === "card"
            ? new Date(now.getTime() + CARD_WINDOW_MINUTES * 60_000)
            : input.paymentMethod === "bank_transfer"
              ? new Date(now.getTime() + TRANSFER_WINDOW_DAYS * 86_400_000)
              : null;
        const checkout = await models.Checkout.create(
          {
            publicId: randomBytes(12).toString("base64url"),
            buyerId: user.id,
            contactName: input.contactName,
            phone: input.phone,
            email: input.email,
            provinceCode: input.provinceCode,
            districtCode: input.districtCode,
            address: input.address,
            note: input.note ?? null,
            paymentMethod: input.paymentMethod,
            totalVnd: view.totalVnd,
            status: unpaid ? "pending_payment" : "placed",
            submissionKey: input.submissionKey ?? null,
            expiresAt,
          },
          { transaction },
        );
        // The order keeps the SKU and both names as they were when bought.
        const snapshot = await stock.purchasable(
          view.groups.flatMap((g) => g.lines.map((l) => l.productId)),
          transaction,
        );
        const buyer: BuyerContact = { email: input.email, locale: user.locale, name: input.contactName };
        const initial: OrderStatus = unpaid ? "pending_payment" : "placed";
        const orders: OrderRecord[] = [];
        for (const group of [...view.groups].sort((a, b) => a.cooperative.id - b.cooperative.id)) {
          const code = newOrderCode();
          const order = await models.Order.create(
            {
              code,
              checkoutId: checkout.id,
              cooperativeId: group.cooperative.id,
              buyerId: user.id,
              status: initial,
              paymentMethod: input.paymentMethod,
              paymentStatus: "unpaid",
              subtotalVnd: group.subtotalVnd,
              transferReference: transferReferenceOf(code),
            },
            { transaction },
          );
          await models.OrderItem.bulkCreate(
            group.lines.map((l) => ({
              orderId: order.id,
              productId: l.productId,
              sku: snapshot.get(l.productId)?.sku ?? "",
              nameVi: snapshot.get(l.productId)?.nameVi ?? l.name,
              nameEn: snapshot.get(l.productId)?.nameEn ?? null,
              unit: l.unit,
              unitPriceVnd: l.priceVnd,
              quantity: l.quantity,
              lineTotalVnd: l.lineTotalVnd,
            })),
            { transaction },
          );
          await models.OrderEvent.create(
            {
              orderId: order.id,
              fromStatus: null,
              toStatus: initial,
              actorId: user.id,
              actorKind: "buyer",
              note: null,
            },
            { transaction },
          );
          const contact = contacts.get(group.cooperative.id);
          await notifyBuyer(models, transaction, "order_placed", order, buyer, group.cooperative);
          await notifyCooperative(models, transaction, "order_received", order, contact, input.contactName);
          orders.push(order);
        }
        await cart.clear({ userId: user.id }, transaction);
        if (expiresAt)
          await enqueueJob(
            models,
            transaction,
            EXPIRE_CHECKOUT,
            { checkoutId: checkout.id },
            { runAt: expiresAt },
          );
        await recordAudit(models, transaction, {
          actorId: user.id,
          action: "checkout.placed",
          entityType: "checkout",
          entityId: checkout.publicId,
          data: { total: view.totalVnd, method: input.paymentMethod, orders: orders.map((o) => o.code) },
        });
        return { checkout, lines: view.groups.flatMap((g) => g.lines) };
      });

      const { checkout, lines } = placed;
      if (!lines) {
        // The same form again: back to the checkout it made, or on to its card payment while that is open.
        const payable = checkout.status === "pending_payment" && checkout.stripeSessionUrl;
        return { publicId: checkout.publicId, payUrl: payable ? checkout.stripeSessionUrl : null };
      }
      if (checkout.paymentMethod !== "card") return { publicId: checkout.publicId, payUrl: null };
      const base = publicUrl ?? options.origin;
      try {
        const session = await gateway!.createCheckoutSession({
          reference: checkout.publicId,
          purpose: "checkout",
          lineItems: lines.map((l) => ({ name: l.name, unitAmountVnd: l.priceVnd, quantity: l.quantity })),
          customerEmail: checkout.email,
          successUrl: `${base}/checkout/${checkout.publicId}?paid=1`,
          cancelUrl: `${base}/checkout/${checkout.publicId}?cancelled=1`,
          expiresAt: checkout.expiresAt!,
          locale: options.locale,
          metadata: { checkout_id: String(checkout.id), checkout_public_id: checkout.publicId },
        });
        await checkout.update({ stripeSessionId: session.id, stripeSessionUrl: session.url });
        return { publicId: checkout.publicId, payUrl: session.url };
      } catch (error) {
        logger.error({ err: error, checkout: checkout.publicId }, "Stripe refused the checkout session");
        await db.transaction(async (t) => {
          // The buyer is asked to pay another way, so the lines go back into the cart they came from, and the
          // form (sent again with its key) makes a new checkout instead of finding this cancelled one.
          if (await cancelUnpaidCheckout(t, checkout, "system", null, "card_unavailable")) {
            await models.Checkout.update(
              { submissionKey: null },
              { where: { id: checkout.id }, transaction: t },
            );
            await cart.restore(
              user.id,
              lines.map((l) => ({ productId: l.productId, quantity: l.quantity, seenPriceVnd: l.priceVnd })),
              t,
            );
          }
        });
        throw new Conflict("card_unavailable");
      }
    },

    /** The buyer's confirmation page: each cooperative's order, with bank transfer details or the card link. */
    async checkoutDetail(user: CurrentUser, publicId: string): Promise<CheckoutDetail> {
      let checkout = await loadCheckoutFor(user, publicId);
      if (checkout.status === "pending_payment" && checkout.paymentMethod === "card") {
        try {
          await reconcileCard(checkout);
          checkout = await loadCheckoutFor(user, publicId);
        } catch (error) {
          logger.warn({ err: error, checkout: publicId }, "could not ask Stripe about the checkout");
        }
      }
      const orders = (await models.Order.findAll({
        where: { checkoutId: checkout.id },
        include: orderIncludes(),
        order: [["id", "ASC"]],
      })) as Loaded[];
      const contacts = await cooperativeContacts(
        db,
        orders.map((o) => o.cooperativeId),
      );
      return {
        publicId: checkout.publicId,
        status: checkout.status,
        paymentMethod: checkout.paymentMethod,
        totalVnd: checkout.totalVnd,
        createdAt: checkout.createdAt.toISOString(),
        expiresAt: checkout.expiresAt?.toISOString() ?? null,
        paidAt: checkout.paidAt?.toISOString() ?? null,
        lastPaymentError: checkout.lastPaymentError,
        payUrl: checkout.status === "pending_payment" ? checkout.stripeSessionUrl : null,
        orders: await Promise.all(
          orders.map(async (o) => ({
            ...summaryOf(o),
            bankTransfer: await bankInstructions(o, contacts.get(o.cooperativeId)),
          })),
        ),
      };
    },

    /** The buyer gives up on an unpaid card checkout: the Stripe session is closed and the stock released. */
    async cancelCheckout(user: CurrentUser, publicId: string) {
      const checkout = await loadCheckoutFor(user, publicId);
      if (checkout.status !== "pending_payment") throw new TransitionRefused(checkout.status, "cancel");
      if (checkout.stripeSessionId && gateway) {
        const session = await gateway.expireCheckoutSession(checkout.stripeSessionId);
        if (session.paymentStatus === "paid") {
          await db.transaction((t) => applyCardPaid(t, checkout.id, session.paymentIntentId));
          throw new Conflict("already_paid");
        }
      }
      await db.transaction((t) => cancelUnpaidCheckout(t, checkout, "buyer", user.id, null));
    },

    listForBuyer(user: CurrentUser, raw: unknown) {
      return list({ buyerId: user.id }, raw);
    },

    listForCooperative(user: CurrentUser, raw: unknown) {
      return list({ cooperativeId: cooperativeScope(user) }, raw);
    },

    listAll(user: CurrentUser, raw: unknown) {
      if (user.role !== "staff") throw new Forbidden();
      return list({}, raw);
    },

    /** Orders by status for a cooperative's dashboard tabs. */
    async countsForCooperative(user: CurrentUser): Promise<Partial<Record<OrderStatus, number>>> {
      const rows = (await models.Order.count({
        where: { cooperativeId: cooperativeScope(user) },
        group: ["status"],
      })) as unknown as Array<{ status: OrderStatus; count: number }>;
      return Object.fromEntries(rows.map((r) => [r.status, Number(r.count)]));
    },

    async detail(user: CurrentUser, code: string, locale: string): Promise<OrderDetail> {
      const order = (await models.Order.findOne({
        where: { code },
        include: [
          ...orderIncludes(),
          { model: models.Checkout, as: "checkout" },
          {
            model: models.OrderEvent,
            as: "events",
            include: [{ model: models.User, as: "actor", attributes: ["id", "fullName"] }],
          },
        ],
        order: [[{ model: models.OrderEvent, as: "events" }, "id", "ASC"]],
      })) as Loaded | null;
      if (!order) throw new NotFound("order_not_found");
      const viewerAs = actorFor(user, order);
      const contact = (await cooperativeContacts(db, [order.cooperativeId])).get(order.cooperativeId);
      const checkout = order.checkout!;
      return {
        ...summaryOf(order),
        checkoutPublicId: checkout.publicId,
        transferReference: order.transferReference,
        carrier: order.carrier,
        trackingNumber: order.trackingNumber,
        cancelReason: order.cancelReason,
        paidAt: order.paidAt?.toISOString() ?? null,
        contact: {
          name: checkout.contactName,
          phone: checkout.phone,
          email: checkout.email,
          provinceCode: checkout.provinceCode,
          districtCode: checkout.districtCode,
          address: checkout.address,
          note: checkout.note,
        },
        items: (order.items ?? []).map((i) => ({
          productId: i.productId,
          sku: i.sku,
          name: locale === "en" && i.nameEn ? i.nameEn : i.nameVi,
          unit: i.unit,
          unitPriceVnd: i.unitPriceVnd,
          quantity: i.quantity,
          lineTotalVnd: i.lineTotalVnd,
        })),
        timeline: (order.events ?? []).map((e) => ({
          from: e.fromStatus,
          to: e.toStatus,
          actorKind: e.actorKind,
          actorName: e.actor?.fullName ?? null,
          note: e.note,
          at: e.createdAt.toISOString(),
        })),
        bankTransfer: viewerAs === "buyer" ? await bankInstructions(order, contact) : null,
        viewerAs,
        actions: availableActions(order, viewerAs).filter((a) => a !== "refund" || gateway !== null),
      };
    },

    /**
     * One use case for every button on an order: confirm, mark a transfer paid, ship (carrier and tracking
     * number), deliver, cancel (with a reason, except for the buyer), refund (card, staff).
     */
    async act(user: CurrentUser, code: string, action: OrderAction, raw: Record<string, unknown> = {}) {
      const found = await models.Order.findOne({ where: { code } });
      if (!found) throw new NotFound("order_not_found");
      const actor = actorFor(user, found);
      orderStateMachine.assert(action, found, actor);

      if (action === "refund") {
        await refundOrder(found.id);
        return;
      }
      const ship = action === "ship" ? parseOrInvalid(shipSchema, raw) : null;
      const cancel =
        action === "cancel"
          ? actor === "buyer" && !String(raw.reason ?? "").trim()
            ? { reason: null }
            : parseOrInvalid(cancelSchema, raw)
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

    /** CSV of a cooperative's orders (one row per item), with the filters of its list. */
    async exportForCooperative(user: CurrentUser, raw: unknown) {
      const q = parseOrInvalid(orderListQuerySchema, raw);
      const where = buildOrderWhere(q, { cooperativeId: cooperativeScope(user) });
      const orders = (await models.Order.findAll({
        where,
        include: [...orderIncludes(), { model: models.Checkout, as: "checkout" }],
        order: [
          ["createdAt", "ASC"],
          ["id", "ASC"],
        ],
      })) as Loaded[];
      return orders.flatMap((o) =>
        (o.items ?? []).map((i) => ({
          code: o.code,
          createdAt: o.createdAt.toISOString(),
          status: o.status,
          paymentMethod: o.paymentMethod,
          paymentStatus: o.paymentStatus,
          buyer: o.checkout?.contactName ?? "",
          phone: o.checkout?.phone ?? "",
          provinceCode: o.checkout?.provinceCode ?? "",
          districtCode: o.checkout?.districtCode ?? "",
          address: o.checkout?.address ?? "",
          sku: i.sku,
          product: i.nameVi,
          unit: i.unit,
          quantity: i.quantity,
          unitPriceVnd: i.unitPriceVnd,
          lineTotalVnd: i.lineTotalVnd,
          orderTotalVnd: o.subtotalVnd,
          carrier: o.carrier ?? "",
          trackingNumber: o.trackingNumber ?? "",
        })),
      );
    },

    /** How card payments for checkouts reach orders: the payments module calls this from Stripe's webhooks. */
    paymentPurpose: {
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
    } satisfies PaymentPurpose,

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

  return service;
}

export type OrdersService = ReturnType<typeof createOrdersService>;
