import { DataTypes, type QueryInterface } from "sequelize";
import { tableOptions, timestamps } from "./helpers";

/**
 * Supply–demand matching, step 3: contact. A match moves out of "suggested" when one side sends interest (who
 * and when are kept, with the date the request lapses), the other accepts or declines with a reason; the parties
 * then write in the match's thread. What came of a contact is recorded per side on a two-stage ladder, in a table
 * shared with conference meetings so the union reports on both alike.
 */
const id = { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false };
const ref = (table: string, allowNull = false) => ({
  type: DataTypes.INTEGER,
  allowNull,
  references: { model: table, key: "id" },
  onDelete: allowNull ? "SET NULL" : "CASCADE",
  onUpdate: "CASCADE",
});

export async function up(qi: QueryInterface) {
  await qi.addColumn("matches", "requested_by", { type: DataTypes.STRING(16), allowNull: true });
  await qi.addColumn("matches", "requested_at", { type: DataTypes.DATE, allowNull: true });
  await qi.addColumn("matches", "respond_by", { type: DataTypes.DATE, allowNull: true });
  await qi.addColumn("matches", "responded_at", { type: DataTypes.DATE, allowNull: true });
  await qi.addColumn("matches", "decline_reason", { type: DataTypes.STRING(32), allowNull: true });
  await qi.addColumn("matches", "follow_up_at", { type: DataTypes.DATE, allowNull: true });
  // The daily cap counts a cooperative's requests since midnight.
  await qi.addIndex("matches", ["cooperative_id", "requested_by", "requested_at"], {
    name: "matches_requests_by_day",
  });
  await qi.addIndex("matches", ["buyer_id", "score"]);

  await qi.createTable(
    "match_messages",
    {
      id,
      match_id: ref("matches"),
      author_id: ref("users", true),
      side: { type: DataTypes.STRING(16), allowNull: false },
      body: { type: DataTypes.TEXT, allowNull: false },
      ...timestamps(),
    },
    tableOptions(qi),
  );
  await qi.addIndex("match_messages", ["match_id", "id"]);

  await qi.createTable(
    "contact_outcomes",
    {
      id,
      // "match" or "meeting": the union's reports read both ladders from one table.
      subject_type: { type: DataTypes.STRING(16), allowNull: false },
      subject_id: { type: DataTypes.INTEGER, allowNull: false },
      side: { type: DataTypes.STRING(16), allowNull: false },
      stage: { type: DataTypes.STRING(16), allowNull: false },
      outcome: { type: DataTypes.STRING(32), allowNull: false },
      note: { type: DataTypes.STRING(1000), allowNull: true },
      recorded_by: ref("users", true),
      ...timestamps(),
    },
    tableOptions(qi),
  );
  await qi.addIndex("contact_outcomes", ["subject_type", "subject_id", "side", "stage"], {
    unique: true,
    name: "contact_outcomes_once",
  });
}

export async function down(qi: QueryInterface) {
  await qi.dropTable("contact_outcomes");
  await qi.dropTable("match_messages");
  await qi.removeIndex("matches", "matches_requests_by_day");
  // MySQL lets the foreign key on buyer_id lean on (buyer_id, score), and dropped its own index for it: give the
  // key an index of its own back before dropping this one.
  await qi.addIndex("matches", ["buyer_id"]);
  await qi.removeIndex("matches", ["buyer_id", "score"]);
  for (const column of [
    "follow_up_at",
    "decline_reason",
    "responded_at",
    "respond_by",
    "requested_at",
    "requested_by",
  ])
    await qi.removeColumn("matches", column);
}
