import { DataTypes, type QueryInterface } from "sequelize";
import { tableOptions, timestamps } from "./helpers";

const id = { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false };
const ref = (table: string, onDelete: "CASCADE" | "SET NULL" | "RESTRICT", allowNull = false) => ({
  type: DataTypes.INTEGER,
  allowNull,
  references: { model: table, key: "id" },
  onDelete,
  onUpdate: "CASCADE",
});
const money = { type: DataTypes.BIGINT, allowNull: false };

export async function up(qi: QueryInterface) {
  const opts = tableOptions(qi);

  // Where bank transfers for a cooperative's orders go (VietQR needs the bank's NAPAS BIN).
  await qi.addColumn("cooperatives", "bank_bin", { type: DataTypes.STRING(8), allowNull: true });
  await qi.addColumn("cooperatives", "bank_account_no", { type: DataTypes.STRING(32), allowNull: true });
  await qi.addColumn("cooperatives", "bank_account_name", { type: DataTypes.STRING(120), allowNull: true });

  await qi.createTable(
    "carts",
    {
      id,
      // A guest's cart is found by the random token in its cookie; a signed-in buyer's by the user.
      token: { type: DataTypes.STRING(64).BINARY, allowNull: true, unique: true },
      user_id: { ...ref("users", "CASCADE", true), unique: true },
      ...timestamps(),
    },
    opts,
  );

  await qi.createTable(
    "cart_items",
    {
      cart_id: { ...ref("carts", "CASCADE"), primaryKey: true },
      product_id: { ...ref("products", "CASCADE"), primaryKey: true },
      quantity: { type: DataTypes.INTEGER, allowNull: false },
      // The price the buyer saw when adding: a later change is shown before payment, never applied silently.
      seen_price_vnd: money,
      ...timestamps(),
    },
    opts,
  );

  await qi.createTable(
    "checkouts",
    {
      id,
      public_id: { type: DataTypes.STRING(24).BINARY, allowNull: false, unique: true },
      buyer_id: ref("users", "RESTRICT"),
      contact_name: { type: DataTypes.STRING(120), allowNull: false },
      phone: { type: DataTypes.STRING(20), allowNull: false },
      email: { type: DataTypes.STRING(254), allowNull: false },
      province_code: { type: DataTypes.STRING(2), allowNull: false },
      district_code: { type: DataTypes.STRING(3), allowNull: false },
      address: { type: DataTypes.STRING(300), allowNull: false },
      note: { type: DataTypes.STRING(1000), allowNull: true },
      payment_method: { type: DataTypes.STRING(16), allowNull: false },
      total_vnd: money,
      status: { type: DataTypes.STRING(16), allowNull: false },
      stripe_session_id: { type: DataTypes.STRING(255).BINARY, allowNull: true, unique: true },
      stripe_session_url: { type: DataTypes.STRING(1000), allowNull: true },
      stripe_payment_intent_id: { type: DataTypes.STRING(255).BINARY, allowNull: true },
      last_payment_error: { type: DataTypes.STRING(500), allowNull: true },
      expires_at: { type: DataTypes.DATE, allowNull: true },
      paid_at: { type: DataTypes.DATE, allowNull: true },
      ...timestamps(),
    },
    opts,
  );
  await qi.addIndex("checkouts", ["buyer_id", "created_at"]);
  await qi.addIndex("checkouts", ["stripe_payment_intent_id"]);

  await qi.createTable(
    "orders",
    {
      id,
      code: { type: DataTypes.STRING(16).BINARY, allowNull: false, unique: true },
      checkout_id: ref("checkouts", "RESTRICT"),
      cooperative_id: ref("cooperatives", "RESTRICT"),
      buyer_id: ref("users", "RESTRICT"),
      status: { type: DataTypes.STRING(20), allowNull: false },
      payment_method: { type: DataTypes.STRING(16), allowNull: false },
      payment_status: { type: DataTypes.STRING(16), allowNull: false },
      subtotal_vnd: money,
      // ASCII, at most 19 characters: what the buyer types into the bank transfer's description.
      transfer_reference: { type: DataTypes.STRING(19).BINARY, allowNull: false, unique: true },
      carrier: { type: DataTypes.STRING(80), allowNull: true },
      tracking_number: { type: DataTypes.STRING(80), allowNull: true },
      cancel_reason: { type: DataTypes.STRING(500), allowNull: true },
      paid_at: { type: DataTypes.DATE, allowNull: true },
      ...timestamps(),
    },
    opts,
  );
  await qi.addIndex("orders", ["cooperative_id", "status", "created_at"]);
  await qi.addIndex("orders", ["buyer_id", "created_at"]);
  await qi.addIndex("orders", ["checkout_id"]);

  await qi.createTable(
    "order_items",
    {
      id,
      order_id: ref("orders", "CASCADE"),
      product_id: ref("products", "RESTRICT"),
      // A snapshot: the order keeps what was bought even if the product changes later.
      sku: { type: DataTypes.STRING(64), allowNull: false },
      name_vi: { type: DataTypes.STRING(200), allowNull: false },
      name_en: { type: DataTypes.STRING(200), allowNull: true },
      unit: { type: DataTypes.STRING(16), allowNull: false },
      unit_price_vnd: money,
      quantity: { type: DataTypes.INTEGER, allowNull: false },
      line_total_vnd: money,
    },
    opts,
  );
  await qi.addIndex("order_items", ["order_id"]);

  await qi.createTable(
    "order_events",
    {
      id,
      order_id: ref("orders", "CASCADE"),
      from_status: { type: DataTypes.STRING(20), allowNull: true },
      to_status: { type: DataTypes.STRING(20), allowNull: false },
      actor_id: ref("users", "SET NULL", true),
      // buyer, cooperative, staff or system (webhooks, expiry)
      actor_kind: { type: DataTypes.STRING(16), allowNull: false },
      note: { type: DataTypes.STRING(500), allowNull: true },
      created_at: { type: DataTypes.DATE, allowNull: false },
    },
    opts,
  );
  await qi.addIndex("order_events", ["order_id", "id"]);

  // Stripe event ids already applied: the primary key makes a second delivery a no-op.
  await qi.createTable(
    "stripe_events",
    {
      id: { type: DataTypes.STRING(255).BINARY, primaryKey: true, allowNull: false },
      type: { type: DataTypes.STRING(80), allowNull: false },
      created_at: { type: DataTypes.DATE, allowNull: false },
    },
    opts,
  );

  await qi.createTable(
    "settlements",
    {
      id,
      cooperative_id: ref("cooperatives", "RESTRICT"),
      amount_vnd: money,
      entry_count: { type: DataTypes.INTEGER, allowNull: false },
      reference: { type: DataTypes.STRING(120), allowNull: true },
      settled_by_id: ref("users", "SET NULL", true),
      created_at: { type: DataTypes.DATE, allowNull: false },
    },
    opts,
  );

  // What the platform owes each cooperative from card sales (Stripe cannot pay out to Vietnamese businesses).
  await qi.createTable(
    "ledger_entries",
    {
      id,
      cooperative_id: ref("cooperatives", "RESTRICT"),
      order_id: ref("orders", "RESTRICT"),
      kind: { type: DataTypes.STRING(16), allowNull: false },
      amount_vnd: money,
      settlement_id: ref("settlements", "RESTRICT", true),
      created_at: { type: DataTypes.DATE, allowNull: false },
    },
    opts,
  );
  await qi.addIndex("ledger_entries", ["order_id", "kind"], {
    unique: true,
    name: "ledger_entries_order_kind",
  });
  await qi.addIndex("ledger_entries", ["cooperative_id", "settlement_id"]);
}

export async function down(qi: QueryInterface) {
  for (const table of [
    "ledger_entries",
    "settlements",
    "stripe_events",
    "order_events",
    "order_items",
    "orders",
    "checkouts",
    "cart_items",
    "carts",
  ]) {
    await qi.dropTable(table);
  }
  for (const column of ["bank_account_name", "bank_account_no", "bank_bin"]) {
    await qi.removeColumn("cooperatives", column);
  }
}
