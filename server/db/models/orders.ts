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
import { moneyColumn } from "./columns";

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
    declare createdAt: CreationOptional<Date>;
    declare updatedAt: CreationOptional<Date>;
  }
  CartItem.init(
    {
      cartId: { type: DataTypes.INTEGER, primaryKey: true },
      productId: { type: DataTypes.INTEGER, primaryKey: true },
      quantity: { type: DataTypes.INTEGER, allowNull: false },
      seenPriceVnd: moneyColumn("seenPriceVnd"),
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

  Cart.hasMany(CartItem, { foreignKey: "cartId", as: "items" });
  Checkout.hasMany(Order, { foreignKey: "checkoutId", as: "orders" });
  Order.belongsTo(Checkout, { foreignKey: "checkoutId", as: "checkout" });
  Order.hasMany(OrderItem, { foreignKey: "orderId", as: "items" });
  Order.hasMany(OrderEvent, { foreignKey: "orderId", as: "events" });
  LedgerEntry.belongsTo(Order, { foreignKey: "orderId", as: "order" });

  return { Cart, CartItem, Checkout, Order, OrderItem, OrderEvent, StripeEvent, Settlement, LedgerEntry };
}

export type OrderModels = ReturnType<typeof defineOrderModels>;
export type OrderRecord = InstanceType<OrderModels["Order"]>;
export type CheckoutRecord = InstanceType<OrderModels["Checkout"]>;
