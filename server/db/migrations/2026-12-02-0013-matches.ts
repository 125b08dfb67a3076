import { DataTypes, type QueryInterface } from "sequelize";
import { tableOptions, timestamps } from "./helpers";

/**
 * Supply–demand matching, step 2: the offers ranked for each open demand, with the score broken down per
 * criterion (JSON) so both sides can read why. Recomputed by the subscribers of demand/offer/product/cooperative
 * changes; the contact flow (interest, accept, messages) will move a match out of "suggested".
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
    "matches",
    {
      id,
      demand_id: ref("demands"),
      offer_id: ref("offers"),
      // Copied from the offer and demand, so each side lists its matches without a join.
      cooperative_id: ref("cooperatives"),
      buyer_id: ref("users"),
      score: { type: DataTypes.INTEGER, allowNull: false },
      criteria: { type: DataTypes.TEXT, allowNull: false },
      status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: "suggested" },
      computed_at: { type: DataTypes.DATE, allowNull: false },
      ...timestamps(),
    },
    tableOptions(qi),
  );
  await qi.addIndex("matches", ["demand_id", "offer_id"], { unique: true, name: "matches_demand_offer" });
  await qi.addIndex("matches", ["demand_id", "score"]);
  await qi.addIndex("matches", ["cooperative_id", "score"]);
}

export async function down(qi: QueryInterface) {
  await qi.dropTable("matches");
}
