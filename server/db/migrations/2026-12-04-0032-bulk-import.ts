import { DataTypes, type QueryInterface } from "sequelize";
import { dropColumn, tableOptions } from "./helpers";

/**
 * Bulk listing (issue 16). A product's tags in English (a JSON array beside `tags`, NULL until given), shown on
 * English pages; and the row reports of product imports, kept a day so the report of a check can be downloaded
 * without sending the file again (decision 0032).
 */
export async function up(qi: QueryInterface) {
  await qi.addColumn("products", "tags_en", { type: DataTypes.TEXT, allowNull: true });
  await qi.createTable(
    "import_reports",
    {
      // Random, so one person's report link cannot be guessed from another's.
      id: { type: DataTypes.STRING(32), primaryKey: true, allowNull: false },
      user_id: {
        type: DataTypes.INTEGER,
        allowNull: false,
        references: { model: "users", key: "id" },
        onDelete: "CASCADE",
        onUpdate: "CASCADE",
      },
      // Up to 5,000 rows with their problems: more than MariaDB's TEXT (64 KB) holds.
      report: { type: DataTypes.TEXT("long"), allowNull: false },
      created_at: { type: DataTypes.DATE, allowNull: false },
    },
    tableOptions(qi),
  );
  await qi.addIndex("import_reports", ["created_at"], { name: "import_reports_created" });
  await qi.addIndex("import_reports", ["user_id"], { name: "import_reports_user" });
}

export async function down(qi: QueryInterface) {
  await qi.dropTable("import_reports");
  await dropColumn(qi, "products", "tags_en");
}
