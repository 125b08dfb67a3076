import { DataTypes, type QueryInterface } from "sequelize";

/** utf8mb4 everywhere on MySQL so Vietnamese round-trips exactly; SQLite ignores these options. */
export function tableOptions(qi: QueryInterface) {
  return qi.sequelize.getDialect() === "mysql"
    ? { charset: "utf8mb4", collate: "utf8mb4_unicode_ci", engine: "InnoDB" }
    : {};
}

export function timestamps() {
  return {
    created_at: { type: DataTypes.DATE, allowNull: false },
    updated_at: { type: DataTypes.DATE, allowNull: false },
  };
}

/**
 * Both databases drop a plain column in place (SQLite ≥ 3.35). Sequelize's SQLite removeColumn would rebuild the
 * table instead, which with foreign keys on would take the rows that reference it along.
 */
export async function dropColumn(qi: QueryInterface, table: string, column: string) {
  await qi.sequelize.query(`ALTER TABLE \`${table}\` DROP COLUMN \`${column}\``);
}
