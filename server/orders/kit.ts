import type { Transaction } from "sequelize";
import type { OrderActor, OrderStatus, PaymentMethod } from "../vocabulary/domain";
import type { CurrentUser } from "../accounts/current-user";
import type { CatalogueStock } from "../catalogue/stock";
import type { CooperativeContact } from "../cooperatives";
import type { Database } from "../db";
import { Forbidden, NotFound } from "../errors";
import type { Logger } from "../logger";
import type { CardGateway } from "../payments/stripe";
import type { QuotesForOrders } from "../quotes";
import { readableCode, transferInstructions, type BankTransferInstructions } from "../payments/vietqr";
import { createCart } from "./cart";
import type { BuyerContact } from "./notify";
import { amountDueOf } from "./views";

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

export interface OrdersDeps {
  db: Database;
  /** The catalogue's stock, reserved and released inside the orders' transactions. */
  stock: CatalogueStock;
  logger: Logger;
  gateway: CardGateway | null;
  /** Quotes behind cart lines: ordering at a quoted price, and marking the quote ordered at checkout. */
  quotes: QuotesForOrders;
}

/**
 * What every orders use case shares: the dependencies and the cart, who the user is to an order, and how the
 * buyer and the cooperative's bank are found. Built once by index.ts and handed to each group of use cases.
 */
export function ordersKit({ db, stock, logger, gateway, quotes }: OrdersDeps) {
  const { models } = db;
  const cart = createCart(db, stock, quotes);

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
      shippingFeeVnd: number;
      transferReference: string;
    },
    contact: CooperativeContact | undefined,
  ): Promise<BankTransferInstructions | null> {
    if (order.paymentMethod !== "bank_transfer" || order.status !== "pending_payment" || !contact?.bank)
      return null;
    return transferInstructions(contact.bank, amountDueOf(order), order.transferReference);
  }

  /** Who the user is to this order; someone with no part in it is told it does not exist. */
  function actorFor(user: CurrentUser, order: { buyerId: number; cooperativeId: number }): OrderActor {
    if (user.role === "staff") return "staff";
    if (user.cooperative?.id === order.cooperativeId) return "cooperative";
    if (order.buyerId === user.id) return "buyer";
    throw new NotFound("order_not_found");
  }

  async function loadCheckoutFor(user: CurrentUser, publicId: string) {
    const checkout = await models.Checkout.findOne({ where: { publicId } });
    if (!checkout || (checkout.buyerId !== user.id && user.role !== "staff"))
      throw new NotFound("checkout_not_found");
    return checkout;
  }

  function cooperativeScope(user: CurrentUser): number {
    if (!user.cooperative) throw new Forbidden("not_a_cooperative_member");
    return user.cooperative.id;
  }

  return {
    db,
    models,
    stock,
    logger,
    gateway,
    quotes,
    cart,
    orderIncludes,
    buyerContact,
    bankInstructions,
    actorFor,
    loadCheckoutFor,
    cooperativeScope,
  };
}

export type OrdersKit = ReturnType<typeof ordersKit>;
