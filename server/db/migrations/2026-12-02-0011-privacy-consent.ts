import { DataTypes, type QueryInterface } from "sequelize";

/**
 * When a user consented to the privacy notice (Decree 13/2023/NĐ-CP: the controller must be able to show that
 * consent was given). Registration requires it from now on; accounts opened before stay null, as nobody asked them.
 */
export async function up(qi: QueryInterface) {
  await qi.addColumn("users", "privacy_consent_at", { type: DataTypes.DATE, allowNull: true });
}

export async function down(qi: QueryInterface) {
  // Not removeColumn: on SQLite it copies `users` into a new table, and dropping the old one with foreign keys on
  // would take every row that references a user with it. Both databases drop a plain column in place.
  await qi.sequelize.query("ALTER TABLE users DROP COLUMN privacy_consent_at");
}
