import { DataTypes, type QueryInterface } from "sequelize";
import { tableOptions, timestamps } from "./helpers";

/**
 * Following sealed agreements to completion (issue 13):
 * - `users.union_province_code`: the province whose cooperative union a staff member works for; NULL is the national
 *   level, which sees every province.
 * - `agreements.province_code`: the cooperative's province when the agreement was made, kept on the agreement so a
 *   union's lists and reports filter and group without a join (and a cooperative that moves keeps its history);
 *   `status_reason`: why it was stalled or cancelled after the seal.
 * - `agreements.category`, `search_text` (folded: id, both parties, the product), `next_due_on` (the earliest scheduled
 *   delivery not yet met), `delivered_quantity` / `delivered_vnd` (confirmed): what the staff's lists filter, search
 *   and sum at twenty thousand agreements without opening each one's content, with `quantity` (the agreed total);
 *   kept by the agreements service, filled for earlier agreements by 0021.
 * - `agreement_deliveries`: what a party delivered against the schedule, confirmed or disputed by the other.
 *   `request_id` comes from the form, so a submit sent twice records one delivery (unique per agreement).
 */
export async function up(qi: QueryInterface) {
  await qi.addColumn("users", "union_province_code", { type: DataTypes.STRING(2), allowNull: true });
  await qi.addColumn("agreements", "province_code", { type: DataTypes.STRING(2), allowNull: true });
  await qi.addColumn("agreements", "status_reason", { type: DataTypes.STRING(500), allowNull: true });
  await qi.addColumn("agreements", "category", { type: DataTypes.STRING(32), allowNull: true });
  await qi.addColumn("agreements", "search_text", { type: DataTypes.STRING(1000), allowNull: true });
  await qi.addColumn("agreements", "next_due_on", { type: DataTypes.STRING(10), allowNull: true });
  await qi.addColumn("agreements", "delivered_quantity", {
    type: DataTypes.INTEGER,
    allowNull: false,
    defaultValue: 0,
  });
  await qi.addColumn("agreements", "delivered_vnd", {
    type: DataTypes.BIGINT,
    allowNull: false,
    defaultValue: 0,
  });
  await qi.addColumn("agreements", "quantity", {
    type: DataTypes.INTEGER,
    allowNull: false,
    defaultValue: 0,
  });
  await qi.addIndex("agreements", ["province_code", "status", "sealed_at"], { name: "agreements_scope" });
  await qi.addIndex("agreements", ["status", "sealed_at"], { name: "agreements_pipeline" });
  await qi.addIndex("agreements", ["next_due_on"], { name: "agreements_next_due" });

  await qi.createTable(
    "agreement_deliveries",
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false },
      agreement_id: {
        type: DataTypes.INTEGER,
        allowNull: false,
        references: { model: "agreements", key: "id" },
        onDelete: "CASCADE",
        onUpdate: "CASCADE",
      },
      request_id: { type: DataTypes.STRING(40), allowNull: false },
      // The scheduled delivery it counts against (a date of the schedule), or NULL for one outside it.
      scheduled_on: { type: DataTypes.STRING(10), allowNull: true },
      delivered_on: { type: DataTypes.STRING(10), allowNull: false },
      quantity: { type: DataTypes.INTEGER, allowNull: false },
      value_vnd: { type: DataTypes.BIGINT, allowNull: false },
      note: { type: DataTypes.STRING(1000), allowNull: true },
      photo_url: { type: DataTypes.STRING(300), allowNull: true },
      side: { type: DataTypes.STRING(16), allowNull: false },
      recorded_by: {
        type: DataTypes.INTEGER,
        allowNull: true,
        references: { model: "users", key: "id" },
        onDelete: "SET NULL",
        onUpdate: "CASCADE",
      },
      // recorded → confirmed | disputed, by the other party.
      status: { type: DataTypes.STRING(16), allowNull: false },
      answered_by: {
        type: DataTypes.INTEGER,
        allowNull: true,
        references: { model: "users", key: "id" },
        onDelete: "SET NULL",
        onUpdate: "CASCADE",
      },
      answered_at: { type: DataTypes.DATE, allowNull: true },
      dispute_reason: { type: DataTypes.STRING(500), allowNull: true },
      ...timestamps(),
    },
    tableOptions(qi),
  );
  await qi.addIndex("agreement_deliveries", ["agreement_id", "request_id"], {
    unique: true,
    name: "agreement_deliveries_once",
  });
  await qi.addIndex("agreement_deliveries", ["agreement_id", "delivered_on"]);
}

export async function down(qi: QueryInterface) {
  await qi.dropTable("agreement_deliveries");
  for (const index of ["agreements_next_due", "agreements_pipeline", "agreements_scope"])
    await qi.removeIndex("agreements", index);
  // Not removeColumn: on SQLite it copies the table into a new one, and dropping the old with foreign keys on would
  // take every row that references it (users, agreements) along. Both databases drop a plain column in place.
  for (const column of [
    "quantity",
    "delivered_vnd",
    "delivered_quantity",
    "next_due_on",
    "search_text",
    "category",
    "status_reason",
    "province_code",
  ])
    await qi.sequelize.query(`ALTER TABLE agreements DROP COLUMN ${column}`);
  await qi.sequelize.query("ALTER TABLE users DROP COLUMN union_province_code");
}
