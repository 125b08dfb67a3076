import { DataTypes, type QueryInterface } from "sequelize";
import { tableOptions, timestamps } from "./helpers";

/**
 * Supply–demand matching, step 1: what buyers want to buy (demands, "nhu cầu mua") and what cooperatives offer
 * to sell (offers, "chào bán"). Matches, meetings and conferences build on these.
 */
const id = { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false };
const ref = (table: string, onDelete: "CASCADE" | "SET NULL" | "RESTRICT", allowNull = false) => ({
  type: DataTypes.INTEGER,
  allowNull,
  references: { model: table, key: "id" },
  onDelete,
  onUpdate: "CASCADE",
});
const price = { type: DataTypes.BIGINT, allowNull: true };

export async function up(qi: QueryInterface) {
  const opts = tableOptions(qi);
  await qi.createTable(
    "demands",
    {
      id,
      // The public address of a demand (/demands/:public_id): not a counter a competitor could walk.
      public_id: { type: DataTypes.STRING(16).BINARY, allowNull: false, unique: true },
      buyer_id: ref("users", "CASCADE"),
      organisation_id: ref("organisations", "SET NULL", true),
      category: { type: DataTypes.STRING(32), allowNull: false },
      title: { type: DataTypes.STRING(200), allowNull: false },
      description: { type: DataTypes.TEXT, allowNull: false },
      quantity: { type: DataTypes.INTEGER, allowNull: false },
      unit: { type: DataTypes.STRING(16), allowNull: false },
      // once, monthly, seasonal
      frequency: { type: DataTypes.STRING(16), allowNull: false },
      price_min_vnd: price,
      price_max_vnd: price,
      delivery_province_code: { type: DataTypes.STRING(2), allowNull: false },
      delivery_from: { type: DataTypes.DATEONLY, allowNull: true },
      delivery_to: { type: DataTypes.DATEONLY, allowNull: true },
      // JSON array of certification codes the buyer requires.
      certifications: { type: DataTypes.TEXT, allowNull: false },
      min_ocop_stars: { type: DataTypes.INTEGER, allowNull: true },
      notes: { type: DataTypes.STRING(1000), allowNull: true },
      // open, paused, fulfilled, closed, expired
      status: { type: DataTypes.STRING(16), allowNull: false },
      expires_at: { type: DataTypes.DATE, allowNull: false },
      reminded_at: { type: DataTypes.DATE, allowNull: true },
      // Title and description folded ("mien dong"): the board's search, alike on both databases.
      search_text: { type: DataTypes.STRING(700), allowNull: false },
      ...timestamps(),
    },
    opts,
  );
  await qi.addIndex("demands", ["status", "category"]);
  await qi.addIndex("demands", ["status", "delivery_province_code"]);
  await qi.addIndex("demands", ["buyer_id", "created_at"]);

  await qi.createTable(
    "offers",
    {
      id,
      cooperative_id: ref("cooperatives", "CASCADE"),
      // A catalogue product, or none for a free description (a harvest not listed yet).
      product_id: ref("products", "SET NULL", true),
      category: { type: DataTypes.STRING(32), allowNull: false },
      title: { type: DataTypes.STRING(200), allowNull: false },
      description: { type: DataTypes.TEXT, allowNull: false },
      quantity: { type: DataTypes.INTEGER, allowNull: false },
      unit: { type: DataTypes.STRING(16), allowNull: false },
      // Per what the quantity is: once, monthly, seasonal.
      period: { type: DataTypes.STRING(16), allowNull: false },
      price_min_vnd: price,
      price_max_vnd: price,
      // "5,6,7": the months it can be supplied; empty all year.
      season_months: { type: DataTypes.STRING(40), allowNull: false, defaultValue: "" },
      certifications: { type: DataTypes.TEXT, allowNull: false },
      // active, paused, closed
      status: { type: DataTypes.STRING(16), allowNull: false },
      search_text: { type: DataTypes.STRING(700), allowNull: false },
      ...timestamps(),
    },
    opts,
  );
  await qi.addIndex("offers", ["cooperative_id", "status"]);
  await qi.addIndex("offers", ["status", "category"]);
}

export async function down(qi: QueryInterface) {
  await qi.dropTable("offers");
  await qi.dropTable("demands");
}
