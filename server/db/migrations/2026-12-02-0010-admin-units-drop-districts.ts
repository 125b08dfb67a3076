import { DataTypes, type QueryInterface } from "sequelize";
import { dropColumn } from "./helpers";

/**
 * The 2025 two-level map, step 3 of 3: the district level is gone. Going back re-creates the columns empty;
 * 0009's way back fills them from the former codes.
 */
const DISTRICT_COLUMNS: Array<[table: string, column: string, required: boolean]> = [
  ["cooperatives", "district_code", true],
  ["checkouts", "district_code", true],
  ["products", "origin_district_code", false],
];

export async function up(qi: QueryInterface) {
  for (const [table, column] of DISTRICT_COLUMNS) await dropColumn(qi, table, column);
}

export async function down(qi: QueryInterface) {
  for (const [table, column, required] of DISTRICT_COLUMNS)
    await qi.addColumn(table, column, {
      type: DataTypes.STRING(3),
      allowNull: !required,
      ...(required ? { defaultValue: "" } : {}),
    });
}
