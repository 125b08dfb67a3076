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
