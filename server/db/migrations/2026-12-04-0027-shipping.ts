import { DataTypes, type QueryInterface } from "sequelize";
import { dropColumn, tableOptions, timestamps } from "./helpers";

/**
 * Shipping (issue 15): each cooperative's delivery options — a flat fee and carrier days per zone (within its
 * province, its region, the rest of the country), free above an amount, pick-up, "contact for freight" — and on
 * each order the option the buyer chose, its fee and the days promised when it was placed.
 */
// New objects per column: definitions handed to Sequelize get written into.
const fee = () => ({ type: DataTypes.BIGINT, allowNull: true });
const days = () => ({ type: DataTypes.INTEGER, allowNull: true });
const ORDER_COLUMNS = [
  ["shipping_method", { type: DataTypes.STRING(16), allowNull: true }],
  ["shipping_zone", { type: DataTypes.STRING(10), allowNull: true }],
  ["shipping_fee_vnd", { type: DataTypes.BIGINT, allowNull: false, defaultValue: 0 }],
  ["delivery_days_min", days()],
  ["delivery_days_max", days()],
] as const;

export async function up(qi: QueryInterface) {
  await qi.createTable(
    "shipping_policies",
    {
      cooperative_id: {
        type: DataTypes.INTEGER,
        primaryKey: true,
        allowNull: false,
        references: { model: "cooperatives", key: "id" },
        onDelete: "CASCADE",
        onUpdate: "CASCADE",
      },
      // A zone with a null fee is not delivered to.
      province_fee_vnd: fee(),
      province_days_min: days(),
      province_days_max: days(),
      region_fee_vnd: fee(),
      region_days_min: days(),
      region_days_max: days(),
      country_fee_vnd: fee(),
      country_days_min: days(),
      country_days_max: days(),
      free_above_vnd: fee(),
      pickup: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      pickup_address: { type: DataTypes.STRING(300), allowNull: true },
      pickup_ready_days: days(),
      freight_quote: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
      ...timestamps(),
    },
    tableOptions(qi),
  );
  for (const [name, spec] of ORDER_COLUMNS) await qi.addColumn("orders", name, spec);
}

export async function down(qi: QueryInterface) {
  for (const [name] of [...ORDER_COLUMNS].reverse()) await dropColumn(qi, "orders", name);
  await qi.dropTable("shipping_policies");
}
