import { DataTypes, type QueryInterface } from "sequelize";
import { tableOptions, timestamps } from "./helpers";

/**
 * Signed agreements between a buyer and a cooperative (decision 0020): drafted from a connected match or a
 * conference meeting (or registered from paper by staff), versioned, signed per party, sealed once.
 *
 * - `agreement_versions`: each version's content as its RFC 8785 canonical JSON and that JSON's SHA-256; a version is
 *   never changed, a change is a new version.
 * - `agreement_signatures`: one per party per version (unique), of that version's hash; voided when a later version
 *   is made.
 * - `agreement_events`: the audit trail as a hash chain, one sequence per agreement; (agreement_id, seq) is unique so
 *   two hands appending at once cannot fork the chain. `at` is kept as the ISO text that was hashed (a DATETIME
 *   would lose the milliseconds on MySQL and break the hash).
 * - `agreement_documents`: the sealed PDF and paper scans, bytes in the database so a seal and its PDF commit
 *   together.
 */
const id = { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false };
const ref = (table: string, onDelete: "CASCADE" | "SET NULL" | "RESTRICT" = "CASCADE") => ({
  type: DataTypes.INTEGER,
  allowNull: onDelete === "SET NULL",
  references: { model: table, key: "id" },
  onDelete,
  onUpdate: "CASCADE",
});
const hash = (allowNull = false) => ({ type: DataTypes.CHAR(64), allowNull });

export async function up(qi: QueryInterface) {
  const options = tableOptions(qi);
  await qi.createTable(
    "agreements",
    {
      id,
      public_id: { type: DataTypes.STRING(16), allowNull: false, unique: true },
      type: { type: DataTypes.STRING(32), allowNull: false },
      status: { type: DataTypes.STRING(24), allowNull: false },
      // "platform": signed here; "paper": signed on paper, registered by staff.
      method: { type: DataTypes.STRING(16), allowNull: false },
      match_id: ref("matches", "SET NULL"),
      meeting_id: ref("conference_meetings", "SET NULL"),
      buyer_id: ref("users", "RESTRICT"),
      buyer_organisation_id: ref("organisations", "SET NULL"),
      cooperative_id: ref("cooperatives", "RESTRICT"),
      current_version: { type: DataTypes.INTEGER, allowNull: false },
      total_vnd: { type: DataTypes.BIGINT, allowNull: false },
      drafted_by: ref("users", "SET NULL"),
      sealed_at: { type: DataTypes.DATE, allowNull: true },
      seal_kid: { type: DataTypes.STRING(16), allowNull: true },
      seal_signature: { type: DataTypes.STRING(128), allowNull: true },
      sealed_hash: hash(true),
      seal_token: { type: DataTypes.STRING(400), allowNull: true },
      pdf_sha256: hash(true),
      cancel_reason: { type: DataTypes.STRING(500), allowNull: true },
      ...timestamps(),
    },
    options,
  );
  await qi.addIndex("agreements", ["cooperative_id", "status"]);
  await qi.addIndex("agreements", ["buyer_id", "status"]);
  await qi.addIndex("agreements", ["status", "updated_at"]);

  await qi.createTable(
    "agreement_versions",
    {
      id,
      agreement_id: ref("agreements"),
      version: { type: DataTypes.INTEGER, allowNull: false },
      content: { type: DataTypes.TEXT("medium"), allowNull: false },
      content_hash: hash(),
      author_id: ref("users", "SET NULL"),
      side: { type: DataTypes.STRING(16), allowNull: false },
      note: { type: DataTypes.STRING(1000), allowNull: true },
      created_at: { type: DataTypes.DATE, allowNull: false },
    },
    options,
  );
  await qi.addIndex("agreement_versions", ["agreement_id", "version"], {
    unique: true,
    name: "agreement_versions_once",
  });

  await qi.createTable(
    "agreement_signatures",
    {
      id,
      agreement_id: ref("agreements"),
      version: { type: DataTypes.INTEGER, allowNull: false },
      party: { type: DataTypes.STRING(16), allowNull: false },
      signer_id: ref("users", "SET NULL"),
      signer_name: { type: DataTypes.STRING(200), allowNull: false },
      organisation: { type: DataTypes.STRING(300), allowNull: false },
      title: { type: DataTypes.STRING(200), allowNull: false },
      method: { type: DataTypes.STRING(16), allowNull: false },
      content_hash: hash(),
      ip: { type: DataTypes.STRING(64), allowNull: true },
      user_agent: { type: DataTypes.STRING(500), allowNull: true },
      signed_at: { type: DataTypes.DATE, allowNull: false },
      voided_at: { type: DataTypes.DATE, allowNull: true },
    },
    options,
  );
  await qi.addIndex("agreement_signatures", ["agreement_id", "version", "party"], {
    unique: true,
    name: "agreement_signatures_once",
  });

  await qi.createTable(
    "agreement_comments",
    {
      id,
      agreement_id: ref("agreements"),
      version: { type: DataTypes.INTEGER, allowNull: false },
      author_id: ref("users", "SET NULL"),
      side: { type: DataTypes.STRING(16), allowNull: false },
      body: { type: DataTypes.TEXT, allowNull: false },
      ...timestamps(),
    },
    options,
  );
  await qi.addIndex("agreement_comments", ["agreement_id", "id"]);

  await qi.createTable(
    "agreement_events",
    {
      id,
      agreement_id: ref("agreements"),
      seq: { type: DataTypes.INTEGER, allowNull: false },
      action: { type: DataTypes.STRING(48), allowNull: false },
      actor_id: { type: DataTypes.INTEGER, allowNull: true },
      at: { type: DataTypes.STRING(30), allowNull: false },
      data: { type: DataTypes.TEXT, allowNull: false },
      prev_hash: hash(),
      hash: hash(),
    },
    options,
  );
  await qi.addIndex("agreement_events", ["agreement_id", "seq"], {
    unique: true,
    name: "agreement_events_chain",
  });

  await qi.createTable(
    "agreement_documents",
    {
      id,
      agreement_id: ref("agreements"),
      kind: { type: DataTypes.STRING(16), allowNull: false },
      content_type: { type: DataTypes.STRING(100), allowNull: false },
      sha256: hash(),
      bytes: { type: DataTypes.BLOB("long"), allowNull: false },
      created_at: { type: DataTypes.DATE, allowNull: false },
    },
    options,
  );
  await qi.addIndex("agreement_documents", ["agreement_id", "kind"], {
    unique: true,
    name: "agreement_documents_once",
  });
}

export async function down(qi: QueryInterface) {
  for (const table of [
    "agreement_documents",
    "agreement_events",
    "agreement_comments",
    "agreement_signatures",
    "agreement_versions",
    "agreements",
  ])
    await qi.dropTable(table);
}
