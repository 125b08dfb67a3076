import { DataTypes, type QueryInterface } from "sequelize";
import { dropColumn, tableOptions, timestamps } from "./helpers";

/**
 * The fair floor plan and visitors (issue 16).
 *
 * - English for what a fair page names: the organiser, the venue, each hall (NULL → the Vietnamese is shown).
 * - `fair_plan_elements`: what staff draw on a hall besides booths (entrances, exits, stage, aisles, labels…), in
 *   the hall's metres like booths.
 * - `fair_visitors`: "I will visit", one registration per person per fair. `register_key` is
 *   "<fair>:u:<user id>" or "<fair>:e:<email>" while the registration stands and NULL once cancelled: its unique
 *   index makes a double-clicked form one registration, and lets a cancelled visitor register again. `code` is the
 *   pass's unguessable code (the QR code's link), in a binary collation so it compares exactly.
 */
const id = { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false };
const ref = (table: string, allowNull = false) => ({
  type: DataTypes.INTEGER,
  allowNull,
  references: { model: table, key: "id" },
  onDelete: "CASCADE",
  onUpdate: "CASCADE",
});

export async function up(qi: QueryInterface) {
  await qi.addColumn("fairs", "organiser_en", { type: DataTypes.STRING(200), allowNull: true });
  await qi.addColumn("fairs", "venue_en", { type: DataTypes.STRING(300), allowNull: true });
  await qi.addColumn("fair_halls", "name_en", { type: DataTypes.STRING(120), allowNull: true });

  await qi.createTable(
    "fair_plan_elements",
    {
      id,
      fair_id: ref("fairs"),
      hall_id: ref("fair_halls"),
      kind: { type: DataTypes.STRING(16), allowNull: false },
      x_m: { type: DataTypes.INTEGER, allowNull: false },
      y_m: { type: DataTypes.INTEGER, allowNull: false },
      width_m: { type: DataTypes.INTEGER, allowNull: false },
      depth_m: { type: DataTypes.INTEGER, allowNull: false },
      label_vi: { type: DataTypes.STRING(80), allowNull: true },
      label_en: { type: DataTypes.STRING(80), allowNull: true },
      ...timestamps(),
    },
    tableOptions(qi),
  );
  await qi.addIndex("fair_plan_elements", ["hall_id"], { name: "fair_plan_elements_hall" });
  await qi.addIndex("fair_plan_elements", ["fair_id"], { name: "fair_plan_elements_fair" });

  const mysql = qi.sequelize.getDialect() === "mysql";
  const binary = mysql ? { collate: "utf8mb4_bin" } : {};
  await qi.createTable(
    "fair_visitors",
    {
      id,
      fair_id: ref("fairs"),
      user_id: ref("users", true),
      code: { type: DataTypes.STRING(24), allowNull: false, ...binary },
      register_key: { type: DataTypes.STRING(160), allowNull: true, ...binary },
      name: { type: DataTypes.STRING(120), allowNull: false },
      phone: { type: DataTypes.STRING(20), allowNull: false },
      email: { type: DataTypes.STRING(254), allowNull: false },
      status: { type: DataTypes.STRING(16), allowNull: false },
      cancelled_at: { type: DataTypes.DATE, allowNull: true },
      ...timestamps(),
    },
    tableOptions(qi),
  );
  await qi.addIndex("fair_visitors", ["code"], { unique: true, name: "fair_visitors_code" });
  await qi.addIndex("fair_visitors", ["register_key"], { unique: true, name: "fair_visitors_register_key" });
  await qi.addIndex("fair_visitors", ["fair_id", "status"], { name: "fair_visitors_fair" });
  await qi.addIndex("fair_visitors", ["user_id"], { name: "fair_visitors_user" });
}

export async function down(qi: QueryInterface) {
  await qi.dropTable("fair_visitors");
  await qi.dropTable("fair_plan_elements");
  await dropColumn(qi, "fair_halls", "name_en");
  await dropColumn(qi, "fairs", "venue_en");
  await dropColumn(qi, "fairs", "organiser_en");
}
