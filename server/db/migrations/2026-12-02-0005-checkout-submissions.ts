import { DataTypes, type QueryInterface } from "sequelize";

/**
 * A checkout remembers the form submission it came from (a random key rendered into the checkout form), unique per
 * buyer: a double-clicked or resent form finds the checkout the first one made instead of placing another.
 */
export async function up(qi: QueryInterface) {
  await qi.addColumn("checkouts", "submission_key", { type: DataTypes.STRING(32).BINARY, allowNull: true });
  await qi.addIndex("checkouts", ["buyer_id", "submission_key"], {
    unique: true,
    name: "checkouts_buyer_submission",
  });
}

export async function down(qi: QueryInterface) {
  await qi.removeIndex("checkouts", "checkouts_buyer_submission");
  await qi.removeColumn("checkouts", "submission_key");
}
