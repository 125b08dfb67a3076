import { DataTypes, type QueryInterface } from "sequelize";
import { tableOptions, timestamps } from "./helpers";

const id = { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false };
const ref = (table: string, onDelete: "CASCADE" | "SET NULL" | "RESTRICT", allowNull = false) => ({
  type: DataTypes.INTEGER,
  allowNull,
  references: { model: table, key: "id" },
  onDelete,
  onUpdate: "CASCADE",
});

export async function up(qi: QueryInterface) {
  const opts = tableOptions(qi);

  await qi.createTable(
    "organisations",
    {
      id,
      name: { type: DataTypes.STRING(200), allowNull: false },
      kind: { type: DataTypes.STRING(20), allowNull: false },
      tax_code: { type: DataTypes.STRING(20), allowNull: true },
      address: { type: DataTypes.STRING(300), allowNull: true },
      ...timestamps(),
    },
    opts,
  );

  await qi.createTable(
    "users",
    {
      id,
      // Binary collation: uniqueness must not fold accents or case beyond what the app lower-cases.
      email: { type: DataTypes.STRING(254).BINARY, allowNull: false, unique: true },
      password_hash: { type: DataTypes.STRING(200), allowNull: false },
      full_name: { type: DataTypes.STRING(120), allowNull: false },
      phone: { type: DataTypes.STRING(20), allowNull: true },
      role: { type: DataTypes.STRING(16), allowNull: false },
      is_admin: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      locale: { type: DataTypes.STRING(5), allowNull: false, defaultValue: "vi" },
      organisation_id: ref("organisations", "SET NULL", true),
      disabled_at: { type: DataTypes.DATE, allowNull: true },
      last_login_at: { type: DataTypes.DATE, allowNull: true },
      ...timestamps(),
    },
    opts,
  );
  await qi.addIndex("users", ["role"]);

  await qi.createTable(
    "sessions",
    {
      id: { type: DataTypes.STRING(64).BINARY, primaryKey: true, allowNull: false },
      user_id: ref("users", "CASCADE"),
      expires_at: { type: DataTypes.DATE, allowNull: false },
      user_agent: { type: DataTypes.STRING(300), allowNull: true },
      ip: { type: DataTypes.STRING(64), allowNull: true },
      created_at: { type: DataTypes.DATE, allowNull: false },
    },
    opts,
  );
  await qi.addIndex("sessions", ["user_id"]);
  await qi.addIndex("sessions", ["expires_at"]);

  await qi.createTable(
    "login_failures",
    {
      id,
      key: { type: DataTypes.STRING(300).BINARY, allowNull: false },
      created_at: { type: DataTypes.DATE, allowNull: false },
    },
    opts,
  );
  await qi.addIndex("login_failures", ["key", "created_at"]);

  await qi.createTable(
    "cooperatives",
    {
      id,
      slug: { type: DataTypes.STRING(160).BINARY, allowNull: false, unique: true },
      name: { type: DataTypes.STRING(200), allowNull: false },
      // Name folded for accent-insensitive search that behaves alike on SQLite and MySQL ("dinh lang").
      search_name: { type: DataTypes.STRING(200), allowNull: false },
      kind: { type: DataTypes.STRING(24), allowNull: false },
      province_code: { type: DataTypes.STRING(2), allowNull: false },
      district_code: { type: DataTypes.STRING(3), allowNull: false },
      address: { type: DataTypes.STRING(300), allowNull: false },
      founded_year: { type: DataTypes.INTEGER, allowNull: true },
      member_count: { type: DataTypes.INTEGER, allowNull: true },
      description_vi: { type: DataTypes.TEXT, allowNull: false },
      description_en: { type: DataTypes.TEXT, allowNull: true },
      representative: { type: DataTypes.STRING(120), allowNull: false },
      phone: { type: DataTypes.STRING(20), allowNull: false },
      email: { type: DataTypes.STRING(254), allowNull: true },
      website: { type: DataTypes.STRING(300), allowNull: true },
      logo_url: { type: DataTypes.STRING(300), allowNull: true },
      status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: "pending" },
      rejection_reason: { type: DataTypes.STRING(500), allowNull: true },
      reviewed_by_id: ref("users", "SET NULL", true),
      reviewed_at: { type: DataTypes.DATE, allowNull: true },
      ...timestamps(),
    },
    opts,
  );
  await qi.addIndex("cooperatives", ["status", "province_code"]);
  await qi.addIndex("cooperatives", ["status", "created_at"]);
  await qi.addIndex("cooperatives", ["status", "search_name"]);

  await qi.createTable(
    "cooperative_sectors",
    {
      cooperative_id: { ...ref("cooperatives", "CASCADE"), primaryKey: true },
      sector: { type: DataTypes.STRING(32), allowNull: false, primaryKey: true },
    },
    opts,
  );
  await qi.addIndex("cooperative_sectors", ["sector", "cooperative_id"]);

  await qi.createTable(
    "cooperative_members",
    {
      user_id: { ...ref("users", "CASCADE"), primaryKey: true },
      cooperative_id: ref("cooperatives", "CASCADE"),
      role: { type: DataTypes.STRING(16), allowNull: false },
      created_at: { type: DataTypes.DATE, allowNull: false },
    },
    opts,
  );
  await qi.addIndex("cooperative_members", ["cooperative_id"]);

  await qi.createTable(
    "jobs",
    {
      id,
      type: { type: DataTypes.STRING(64), allowNull: false },
      payload: { type: DataTypes.TEXT, allowNull: false },
      status: { type: DataTypes.STRING(10), allowNull: false, defaultValue: "pending" },
      attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      max_attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 8 },
      run_at: { type: DataTypes.DATE, allowNull: false },
      locked_by: { type: DataTypes.STRING(100), allowNull: true },
      locked_at: { type: DataTypes.DATE, allowNull: true },
      last_error: { type: DataTypes.TEXT, allowNull: true },
      finished_at: { type: DataTypes.DATE, allowNull: true },
      ...timestamps(),
    },
    opts,
  );
  await qi.addIndex("jobs", ["status", "run_at"]);

  await qi.createTable(
    "notifications",
    {
      id,
      user_id: ref("users", "SET NULL", true),
      channel: { type: DataTypes.STRING(10), allowNull: false },
      recipient: { type: DataTypes.STRING(254), allowNull: false },
      template: { type: DataTypes.STRING(64), allowNull: false },
      params: { type: DataTypes.TEXT, allowNull: false },
      locale: { type: DataTypes.STRING(5), allowNull: false },
      status: { type: DataTypes.STRING(10), allowNull: false, defaultValue: "pending" },
      sent_at: { type: DataTypes.DATE, allowNull: true },
      last_error: { type: DataTypes.TEXT, allowNull: true },
      ...timestamps(),
    },
    opts,
  );
  await qi.addIndex("notifications", ["user_id", "created_at"]);

  await qi.createTable(
    "audit_events",
    {
      id,
      actor_id: ref("users", "SET NULL", true),
      action: { type: DataTypes.STRING(64), allowNull: false },
      entity_type: { type: DataTypes.STRING(32), allowNull: false },
      entity_id: { type: DataTypes.STRING(64), allowNull: false },
      data: { type: DataTypes.TEXT, allowNull: false },
      created_at: { type: DataTypes.DATE, allowNull: false },
    },
    opts,
  );
  await qi.addIndex("audit_events", ["entity_type", "entity_id", "id"]);
}

export async function down(qi: QueryInterface) {
  for (const table of [
    "audit_events",
    "notifications",
    "jobs",
    "cooperative_members",
    "cooperative_sectors",
    "cooperatives",
    "login_failures",
    "sessions",
    "users",
    "organisations",
  ]) {
    await qi.dropTable(table);
  }
}
