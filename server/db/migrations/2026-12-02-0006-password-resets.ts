import { DataTypes, type QueryInterface } from "sequelize";
import { tableOptions } from "./helpers";

/**
 * Password recovery: a user asks for a link, the mail carries a random token, and only its SHA-256 hash is kept
 * here. A token is good once (used_at), for an hour (expires_at), and until a newer request or a password change
 * ends it (revoked_at).
 */
export async function up(qi: QueryInterface) {
  await qi.createTable(
    "password_resets",
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false },
      user_id: {
        type: DataTypes.INTEGER,
        allowNull: false,
        references: { model: "users", key: "id" },
        onDelete: "CASCADE",
        onUpdate: "CASCADE",
      },
      token_hash: { type: DataTypes.STRING(64).BINARY, allowNull: false, unique: true },
      expires_at: { type: DataTypes.DATE, allowNull: false },
      used_at: { type: DataTypes.DATE, allowNull: true },
      revoked_at: { type: DataTypes.DATE, allowNull: true },
      requested_ip: { type: DataTypes.STRING(64), allowNull: true },
      created_at: { type: DataTypes.DATE, allowNull: false },
    },
    tableOptions(qi),
  );
  await qi.addIndex("password_resets", ["user_id", "created_at"]);
}

export async function down(qi: QueryInterface) {
  await qi.dropTable("password_resets");
}
