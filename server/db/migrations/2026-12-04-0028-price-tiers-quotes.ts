import { DataTypes, type QueryInterface } from "sequelize";
import { dropColumn, tableOptions, timestamps } from "./helpers";

/**
 * Business buyers (issue 15). A product's volume prices ("from 50 kg: 85.000 ₫/kg"), keyed by the quantity they
 * start at; quote requests from buyers and the cooperatives' answers; and on a cart line the quote it was put
 * there from (its price and quantity are then the quote's).
 *
 * `open_key` is "<buyer>:<product>" while a request waits for its answer and NULL after: a unique index on it
 * lets a buyer have one waiting request per product, and a double-clicked form make one request, not two (both
 * databases allow any number of NULLs in a unique index).
 *
 * cart_items.quote_id has no foreign key: a quote is never deleted, and SQLite cannot drop a column a foreign
 * key names (down).
 */
const id = { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false };
const ref = (table: string) => ({
  type: DataTypes.INTEGER,
  allowNull: false,
  references: { model: table, key: "id" },
  onDelete: "CASCADE",
  onUpdate: "CASCADE",
});

export async function up(qi: QueryInterface) {
  await qi.createTable(
    "product_price_tiers",
    {
      product_id: { ...ref("products"), primaryKey: true },
      min_qty: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
      price_vnd: { type: DataTypes.BIGINT, allowNull: false },
    },
    tableOptions(qi),
  );

  await qi.createTable(
    "quotes",
    {
      id,
      product_id: ref("products"),
      // Copied from the product, so the cooperative lists its requests without a join.
      cooperative_id: ref("cooperatives"),
      buyer_id: ref("users"),
      // The product's sales unit when asked: the quantity keeps its meaning if the product's unit changes.
      unit: { type: DataTypes.STRING(16), allowNull: false },
      quantity: { type: DataTypes.INTEGER, allowNull: false },
      wanted_by: { type: DataTypes.DATEONLY, allowNull: true },
      province_code: { type: DataTypes.STRING(2), allowNull: false },
      message: { type: DataTypes.STRING(1000), allowNull: false },
      status: { type: DataTypes.STRING(16), allowNull: false },
      open_key: { type: DataTypes.STRING(24), allowNull: true },
      unit_price_vnd: { type: DataTypes.BIGINT, allowNull: true },
      valid_until: { type: DataTypes.DATEONLY, allowNull: true },
      answer_note: { type: DataTypes.STRING(1000), allowNull: true },
      decline_reason: { type: DataTypes.STRING(500), allowNull: true },
      answered_at: { type: DataTypes.DATE, allowNull: true },
      order_code: { type: DataTypes.STRING(16), allowNull: true },
      ordered_at: { type: DataTypes.DATE, allowNull: true },
      ...timestamps(),
    },
    tableOptions(qi),
  );
  await qi.addIndex("quotes", ["open_key"], { unique: true, name: "quotes_open_key" });
  await qi.addIndex("quotes", ["cooperative_id", "status", "created_at"], { name: "quotes_cooperative" });
  await qi.addIndex("quotes", ["buyer_id", "created_at"], { name: "quotes_buyer" });
  await qi.addIndex("quotes", ["product_id"], { name: "quotes_product" });

  await qi.addColumn("cart_items", "quote_id", { type: DataTypes.INTEGER, allowNull: true });
}

/** The column in place (see helpers.dropColumn); then the tables, the quotes before what they name. */
export async function down(qi: QueryInterface) {
  await dropColumn(qi, "cart_items", "quote_id");
  await qi.dropTable("quotes");
  await qi.dropTable("product_price_tiers");
}
