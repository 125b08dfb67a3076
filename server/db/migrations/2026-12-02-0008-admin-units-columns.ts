import { DataTypes, type ModelAttributeColumnOptions, type QueryInterface } from "sequelize";
import { dropColumn } from "./helpers";

/**
 * The 2025 two-level map, step 1 of 3 (columns; 0009 moves the data, 0010 drops the districts): every address
 * becomes province + ward/commune + street. `former_*` columns keep what the old three-level address said, so
 * nothing is lost, the cooperative can be shown what to confirm, and the migration can go back exactly.
 */
const ward = (): ModelAttributeColumnOptions => ({ type: DataTypes.STRING(5), allowNull: true });
const code = (length: number): ModelAttributeColumnOptions => ({
  type: DataTypes.STRING(length),
  allowNull: true,
});
/** "Huyện Đại Từ, Tỉnh Thái Nguyên": the former units, as the old papers wrote them. */
const formerUnits = (): ModelAttributeColumnOptions => ({ type: DataTypes.STRING(200), allowNull: true });

const COLUMNS: Array<[table: string, column: string, spec: () => ModelAttributeColumnOptions]> = [
  ["cooperatives", "ward_code", ward],
  ["cooperatives", "former_district_code", () => code(3)],
  ["cooperatives", "former_units", formerUnits],
  ["checkouts", "ward_code", ward],
  ["checkouts", "former_district_code", () => code(3)],
  ["checkouts", "former_units", formerUnits],
  // Origin keeps the names buyers search by ("Bắc Kạn", "Việt Bắc") beside the current province.
  [
    "products",
    "origin_region",
    (): ModelAttributeColumnOptions => ({ type: DataTypes.STRING(120), allowNull: true }),
  ],
  ["products", "former_origin_province_code", () => code(2)],
  ["products", "former_origin_district_code", () => code(3)],
  ["fairs", "ward_code", ward],
  ["fairs", "former_province_code", () => code(2)],
  // A buyer organisation's address was free text only: it gains the same structured parts.
  ["organisations", "province_code", () => code(2)],
  ["organisations", "ward_code", ward],
];

export async function up(qi: QueryInterface) {
  for (const [table, column, spec] of COLUMNS) await qi.addColumn(table, column, spec());
}

export async function down(qi: QueryInterface) {
  for (const [table, column] of COLUMNS.slice().reverse()) await dropColumn(qi, table, column);
}
