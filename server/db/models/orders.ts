import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type NonAttribute,
  type Sequelize,
} from "sequelize";
import type {
  CheckoutStatus,
  OrderActor,
  OrderStatus,
  PaymentMethod,
  PaymentStatus,
} from "../../vocabulary/domain";
import type { ShippingMethod, ShippingZone } from "../../vocabulary/shipping";
import { moneyColumn, nullableMoneyColumn } from "./columns";

export function defineOrderModels(sequelize: Sequelize) {
  class Cart extends Model<InferAttributes<Cart>, InferCreationAttributes<Cart>> {
    declare id: CreationOptional<number>;
    declare token: string | null;
    declare userId: number | null;
    declare createdAt: CreationOptional<Date>;
    declare updatedAt: CreationOptional<Date>;
  }
  Cart.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      token: { type: DataTypes.STRING(64), allowNull: true, unique: true },
      userId: { type: DataTypes.INTEGER, allowNull: true, unique: true },
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    { sequelize, tableName: "carts", underscored: true },
  );

  class CartItem extends Model<InferAttributes<CartItem>, InferCreationAttributes<CartItem>> {
    declare cartId: number;
    declare productId: number;
    declare quantity: number;
    declare seenPriceVnd: number;
    /** The answered quote this line was put in from: its quantity and unit price are then the quote's. */
    declare quoteId: CreationOptional<number | null>;
    declare createdAt: CreationOptional<Date>;
    declare updatedAt: CreationOptional<Date>;
  }
  CartItem.init(
    {
      cartId: { type: DataTypes.INTEGER, primaryKey: true },
      productId: { type: DataTypes.INTEGER, primaryKey: true },
      quantity: { type: DataTypes.INTEGER, allowNull: false },
      seenPriceVnd: moneyColumn("seenPriceVnd"),
      quoteId: { type: DataTypes.INTEGER, allowNull: true },
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    { sequelize, tableName: "cart_items", underscored: true },
  );

  class Checkout extends Model<InferAttributes<Checkout>, InferCreationAttributes<Checkout>> {
    declare id: CreationOptional<number>;
    declare publicId: string;
    declare buyerId: number;
    declare contactName: string;
    declare phone: string;
    declare email: string;
    declare provinceCode: string;
    /** Ward or commune on the 2025 map; empty only on an address moved from the old map that awaits confirmation. */
    declare wardCode: string | null;
    /** The pre-2025 units an address moved from ("Huyện Đại Từ, Tỉnh Thái Nguyên"), shown beside it. */
    declare formerUnits: CreationOptional<string | null>;
    declare address: string;
    declare note: string | null;
    /** Bought for a business (null for a household): the name and tax code its invoice and records carry. */
    declare organisationName: CreationOptional<string | null>;
    declare taxCode: CreationOptional<string | null>;
    declare purchaseOrderNo: CreationOptional<string | null>;
    /** A VAT e-invoice requested: whom it is issued to and where it is sent (null when none was asked for). */
    declare invoiceName: CreationOptional<string | null>;
    declare invoiceAddress: CreationOptional<string | null>;
    declare invoiceEmail: CreationOptional<string | null>;
    declare paymentMethod: PaymentMethod;
    declare totalVnd: number;
    declare status: CheckoutStatus;
    declare stripeSessionId: CreationOptional<string | null>;
    declare stripeSessionUrl: CreationOptional<string | null>;
    declare stripePaymentIntentId: CreationOptional<string | null>;
    declare lastPaymentError: CreationOptional<string | null>;
    declare submissionKey: CreationOptional<string | null>;
    declare expiresAt: Date | null;
    declare paidAt: CreationOptional<Date | null>;
    declare createdAt: CreationOptional<Date>;
    declare updatedAt: CreationOptional<Date>;
    declare orders?: NonAttribute<OrderRecordShape[]>;
  }
  Checkout.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      publicId: { type: DataTypes.STRING(24), allowNull: false, unique: true },
      buyerId: { type: DataTypes.INTEGER, allowNull: false },
      contactName: { type: DataTypes.STRING(120), allowNull: false },
      phone: { type: DataTypes.STRING(20), allowNull: false },
      email: { type: DataTypes.STRING(254), allowNull: false },
      provinceCode: { type: DataTypes.STRING(2), allowNull: false },
      wardCode: { type: DataTypes.STRING(5), allowNull: true },
      formerUnits: { type: DataTypes.STRING(200), allowNull: true },
      address: { type: DataTypes.STRING(300), allowNull: false },
      note: { type: DataTypes.STRING(1000), allowNull: true },
      organisationName: { type: DataTypes.STRING(200), allowNull: true },
      taxCode: { type: DataTypes.STRING(14), allowNull: true },
      purchaseOrderNo: { type: DataTypes.STRING(60), allowNull: true },
      invoiceName: { type: DataTypes.STRING(200), allowNull: true },
      invoiceAddress: { type: DataTypes.STRING(300), allowNull: true },
      invoiceEmail: { type: DataTypes.STRING(254), allowNull: true },
      paymentMethod: { type: DataTypes.STRING(16), allowNull: false },
      totalVnd: moneyColumn("totalVnd"),
      status: { type: DataTypes.STRING(16), allowNull: false },
      stripeSessionId: { type: DataTypes.STRING(255), allowNull: true },
      stripeSessionUrl: { type: DataTypes.STRING(1000), allowNull: true },
      stripePaymentIntentId: { type: DataTypes.STRING(255), allowNull: true },
      lastPaymentError: { type: DataTypes.STRING(500), allowNull: true },
      submissionKey: { type: DataTypes.STRING(32), allowNull: true },
      expiresAt: { type: DataTypes.DATE, allowNull: true },
      paidAt: { type: DataTypes.DATE, allowNull: true },
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    { sequelize, tableName: "checkouts", underscored: true },
  );

  class Order extends Model<InferAttributes<Order>, InferCreationAttributes<Order>> {
    declare id: CreationOptional<number>;
    declare code: string;
    declare checkoutId: number;
    declare cooperativeId: number;
    declare buyerId: number;
    declare status: OrderStatus;
    declare paymentMethod: PaymentMethod;
    declare paymentStatus: PaymentStatus;
    declare subtotalVnd: number;
    declare transferReference: string;
    /** The delivery the buyer chose (null on orders placed before shipping options existed). */
    declare shippingMethod: CreationOptional<ShippingMethod | null>;
    declare shippingZone: CreationOptional<ShippingZone | null>;
    /** Paid with the goods; 0 for pick-up, free delivery and freight agreed later. */
    declare shippingFeeVnd: CreationOptional<number>;
    /** Days from placing to delivery (or to ready for pick-up) promised when ordered. */
    declare deliveryDaysMin: CreationOptional<number | null>;
    declare deliveryDaysMax: CreationOptional<number | null>;
    declare carrier: CreationOptional<string | null>;
    declare trackingNumber: CreationOptional<string | null>;
    declare cancelReason: CreationOptional<string | null>;
    declare paidAt: CreationOptional<Date | null>;
    declare createdAt: CreationOptional<Date>;
    declare updatedAt: CreationOptional<Date>;
    declare items?: NonAttribute<OrderItem[]>;
    declare events?: NonAttribute<OrderEvent[]>;
    declare checkout?: NonAttribute<Checkout>;
  }
  Order.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      code: { type: DataTypes.STRING(16), allowNull: false, unique: true },
      checkoutId: { type: DataTypes.INTEGER, allowNull: false },
      cooperativeId: { type: DataTypes.INTEGER, allowNull: false },
      buyerId: { type: DataTypes.INTEGER, allowNull: false },
      status: { type: DataTypes.STRING(20), allowNull: false },
      paymentMethod: { type: DataTypes.STRING(16), allowNull: false },
      paymentStatus: { type: DataTypes.STRING(16), allowNull: false },
      subtotalVnd: moneyColumn("subtotalVnd"),
      transferReference: { type: DataTypes.STRING(19), allowNull: false, unique: true },
      shippingMethod: { type: DataTypes.STRING(16), allowNull: true },
      shippingZone: { type: DataTypes.STRING(10), allowNull: true },
      shippingFeeVnd: moneyColumn("shippingFeeVnd", 0),
      deliveryDaysMin: { type: DataTypes.INTEGER, allowNull: true },
      deliveryDaysMax: { type: DataTypes.INTEGER, allowNull: true },
      carrier: { type: DataTypes.STRING(80), allowNull: true },
      trackingNumber: { type: DataTypes.STRING(80), allowNull: true },
      cancelReason: { type: DataTypes.STRING(500), allowNull: true },
      paidAt: { type: DataTypes.DATE, allowNull: true },
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    { sequelize, tableName: "orders", underscored: true },
  );
  type OrderRecordShape = Order;

  class OrderItem extends Model<InferAttributes<OrderItem>, InferCreationAttributes<OrderItem>> {
    declare id: CreationOptional<number>;
    declare orderId: number;
    declare productId: number;
    declare sku: string;
    declare nameVi: string;
    declare nameEn: string | null;
    declare unit: string;
    declare unitPriceVnd: number;
    declare quantity: number;
    declare lineTotalVnd: number;
  }
  OrderItem.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      orderId: { type: DataTypes.INTEGER, allowNull: false },
      productId: { type: DataTypes.INTEGER, allowNull: false },
      sku: { type: DataTypes.STRING(64), allowNull: false },
      nameVi: { type: DataTypes.STRING(200), allowNull: false },
      nameEn: { type: DataTypes.STRING(200), allowNull: true },
      unit: { type: DataTypes.STRING(16), allowNull: false },
      unitPriceVnd: moneyColumn("unitPriceVnd"),
      quantity: { type: DataTypes.INTEGER, allowNull: false },
      lineTotalVnd: moneyColumn("lineTotalVnd"),
    },
    { sequelize, tableName: "order_items", underscored: true, timestamps: false },
  );

  class OrderEvent extends Model<InferAttributes<OrderEvent>, InferCreationAttributes<OrderEvent>> {
    declare id: CreationOptional<number>;
    declare orderId: number;
    declare fromStatus: OrderStatus | null;
    declare toStatus: OrderStatus;
    declare actorId: number | null;
    declare actorKind: OrderActor;
    declare note: string | null;
    declare createdAt: CreationOptional<Date>;
    declare actor?: NonAttribute<{ id: number; fullName: string } | null>;
  }
  OrderEvent.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      orderId: { type: DataTypes.INTEGER, allowNull: false },
      fromStatus: { type: DataTypes.STRING(20), allowNull: true },
      toStatus: { type: DataTypes.STRING(20), allowNull: false },
      actorId: { type: DataTypes.INTEGER, allowNull: true },
      actorKind: { type: DataTypes.STRING(16), allowNull: false },
      note: { type: DataTypes.STRING(500), allowNull: true },
      createdAt: DataTypes.DATE,
    },
    { sequelize, tableName: "order_events", underscored: true, updatedAt: false },
  );

  class StripeEvent extends Model<InferAttributes<StripeEvent>, InferCreationAttributes<StripeEvent>> {
    declare id: string;
    declare type: string;
    declare createdAt: CreationOptional<Date>;
  }
  StripeEvent.init(
    {
      id: { type: DataTypes.STRING(255), primaryKey: true },
      type: { type: DataTypes.STRING(80), allowNull: false },
      createdAt: DataTypes.DATE,
    },
    { sequelize, tableName: "stripe_events", underscored: true, updatedAt: false },
  );

  class Settlement extends Model<InferAttributes<Settlement>, InferCreationAttributes<Settlement>> {
    declare id: CreationOptional<number>;
    declare cooperativeId: number;
    declare amountVnd: number;
    declare entryCount: number;
    declare reference: string | null;
    declare settledById: number | null;
    declare createdAt: CreationOptional<Date>;
  }
  Settlement.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      cooperativeId: { type: DataTypes.INTEGER, allowNull: false },
      amountVnd: moneyColumn("amountVnd"),
      entryCount: { type: DataTypes.INTEGER, allowNull: false },
      reference: { type: DataTypes.STRING(120), allowNull: true },
      settledById: { type: DataTypes.INTEGER, allowNull: true },
      createdAt: DataTypes.DATE,
    },
    { sequelize, tableName: "settlements", underscored: true, updatedAt: false },
  );

  class LedgerEntry extends Model<InferAttributes<LedgerEntry>, InferCreationAttributes<LedgerEntry>> {
    declare id: CreationOptional<number>;
    declare cooperativeId: number;
    declare orderId: number;
    declare kind: "card_sale" | "refund";
    /** Positive for a sale (owed to the cooperative), negative for a refund. */
    declare amountVnd: number;
    declare settlementId: CreationOptional<number | null>;
    declare createdAt: CreationOptional<Date>;
    declare order?: NonAttribute<Order>;
  }
  LedgerEntry.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      cooperativeId: { type: DataTypes.INTEGER, allowNull: false },
      orderId: { type: DataTypes.INTEGER, allowNull: false },
      kind: { type: DataTypes.STRING(16), allowNull: false },
      amountVnd: moneyColumn("amountVnd"),
      settlementId: { type: DataTypes.INTEGER, allowNull: true },
      createdAt: DataTypes.DATE,
    },
    { sequelize, tableName: "ledger_entries", underscored: true, updatedAt: false },
  );

  /** A cooperative's delivery options (server/vocabulary/shipping.ts); none means "contact for freight". */
  class ShippingPolicyRow extends Model<
    InferAttributes<ShippingPolicyRow>,
    InferCreationAttributes<ShippingPolicyRow>
  > {
    declare cooperativeId: number;
    declare provinceFeeVnd: number | null;
    declare provinceDaysMin: number | null;
    declare provinceDaysMax: number | null;
    declare regionFeeVnd: number | null;
    declare regionDaysMin: number | null;
    declare regionDaysMax: number | null;
    declare countryFeeVnd: number | null;
    declare countryDaysMin: number | null;
    declare countryDaysMax: number | null;
    declare freeAboveVnd: number | null;
    declare pickup: boolean;
    declare pickupAddress: string | null;
    declare pickupReadyDays: number | null;
    declare freightQuote: boolean;
    declare createdAt: CreationOptional<Date>;
    declare updatedAt: CreationOptional<Date>;
  }
  // A new object per column: Sequelize writes each attribute's field name into its definition.
  const days = () => ({ type: DataTypes.INTEGER, allowNull: true });
  ShippingPolicyRow.init(
    {
      cooperativeId: { type: DataTypes.INTEGER, primaryKey: true },
      provinceFeeVnd: nullableMoneyColumn("provinceFeeVnd"),
      provinceDaysMin: days(),
      provinceDaysMax: days(),
      regionFeeVnd: nullableMoneyColumn("regionFeeVnd"),
      regionDaysMin: days(),
      regionDaysMax: days(),
      countryFeeVnd: nullableMoneyColumn("countryFeeVnd"),
      countryDaysMin: days(),
      countryDaysMax: days(),
      freeAboveVnd: nullableMoneyColumn("freeAboveVnd"),
      pickup: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      pickupAddress: { type: DataTypes.STRING(300), allowNull: true },
      pickupReadyDays: days(),
      freightQuote: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    { sequelize, tableName: "shipping_policies", underscored: true },
  );

  Cart.hasMany(CartItem, { foreignKey: "cartId", as: "items" });
  Checkout.hasMany(Order, { foreignKey: "checkoutId", as: "orders" });
  Order.belongsTo(Checkout, { foreignKey: "checkoutId", as: "checkout" });
  Order.hasMany(OrderItem, { foreignKey: "orderId", as: "items" });
  Order.hasMany(OrderEvent, { foreignKey: "orderId", as: "events" });
  LedgerEntry.belongsTo(Order, { foreignKey: "orderId", as: "order" });

  return {
    Cart,
    CartItem,
    Checkout,
    Order,
    OrderItem,
    OrderEvent,
    StripeEvent,
    Settlement,
    LedgerEntry,
    ShippingPolicyRow,
  };
}

export type OrderModels = ReturnType<typeof defineOrderModels>;
export type OrderRecord = InstanceType<OrderModels["Order"]>;
export type CheckoutRecord = InstanceType<OrderModels["Checkout"]>;
