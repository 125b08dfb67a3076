import { DataTypes, type QueryInterface } from "sequelize";
import { tableOptions, timestamps } from "./helpers";

const userRef = {
  type: DataTypes.INTEGER,
  allowNull: true,
  references: { model: "users", key: "id" },
  onDelete: "SET NULL",
  onUpdate: "CASCADE",
} as const;

const agreementRef = {
  type: DataTypes.INTEGER,
  allowNull: false,
  references: { model: "agreements", key: "id" },
  onDelete: "CASCADE",
  onUpdate: "CASCADE",
} as const;

/**
 * Union staff chase sealed agreements (issue 13):
 * - `agreements.owner_id`: the staff member who follows the agreement; its follow-ups go to them unless given to
 *   someone else.
 * - `agreement_follow_ups`: a task due on a day. `key` makes creation idempotent: "auto:m3", "auto:delivery:2027-03-01",
 *   "auto:expiry" for the ones sealing schedules (the subscriber may run twice), "form:<request id>" for one a staff
 *   member adds (a double click adds one). `reminded` is the last rung of the reminder ladder sent (0 none, 1 three
 *   days before, 2 on the day, 3 a week late), so a reminder job delivered twice sends once.
 * - `agreement_notes`: what staff write down while following an agreement (a call, a visit); never shown to the parties.
 * - `users.calendar_token`: the secret in a staff member's follow-ups calendar feed (.ics), which calendar apps fetch
 *   without a session; a new one revokes the old.
 */
export async function up(qi: QueryInterface) {
  // No foreign key: SQLite cannot drop a column that has one (down), and staff accounts are disabled, never deleted.
  await qi.addColumn("agreements", "owner_id", { type: DataTypes.INTEGER, allowNull: true });
  await qi.addColumn("users", "calendar_token", { type: DataTypes.STRING(64), allowNull: true });
  await qi.addIndex("users", ["calendar_token"], { unique: true, name: "users_calendar_token" });

  await qi.createTable(
    "agreement_follow_ups",
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false },
      agreement_id: agreementRef,
      key: { type: DataTypes.STRING(64), allowNull: false },
      // checkpoint (1, 3, 6, 12 months after the seal) | delivery (a week before one) | expiry | manual
      kind: { type: DataTypes.STRING(16), allowNull: false },
      // The months of a checkpoint, the delivery date of a delivery follow-up; nothing for the others.
      detail: { type: DataTypes.STRING(16), allowNull: true },
      due_on: { type: DataTypes.STRING(10), allowNull: false },
      note: { type: DataTypes.STRING(1000), allowNull: true },
      assignee_id: userRef,
      // open → done | cancelled
      status: { type: DataTypes.STRING(16), allowNull: false },
      outcome: { type: DataTypes.STRING(2000), allowNull: true },
      completed_by: userRef,
      completed_at: { type: DataTypes.DATE, allowNull: true },
      created_by: userRef,
      reminded: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      ...timestamps(),
    },
    tableOptions(qi),
  );
  await qi.addIndex("agreement_follow_ups", ["agreement_id", "key"], {
    unique: true,
    name: "agreement_follow_ups_once",
  });
  await qi.addIndex("agreement_follow_ups", ["assignee_id", "status", "due_on"], {
    name: "agreement_follow_ups_mine",
  });
  await qi.addIndex("agreement_follow_ups", ["status", "due_on"], { name: "agreement_follow_ups_due" });

  await qi.createTable(
    "agreement_notes",
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false },
      agreement_id: agreementRef,
      author_id: userRef,
      body: { type: DataTypes.STRING(2000), allowNull: false },
      request_id: { type: DataTypes.STRING(40), allowNull: false },
      ...timestamps(),
    },
    tableOptions(qi),
  );
  await qi.addIndex("agreement_notes", ["agreement_id", "request_id"], {
    unique: true,
    name: "agreement_notes_once",
  });
}

export async function down(qi: QueryInterface) {
  await qi.dropTable("agreement_notes");
  await qi.dropTable("agreement_follow_ups");
  await qi.removeIndex("users", "users_calendar_token");
  // In place, as 0020's down explains: removeColumn on SQLite rebuilds the table and loses referencing rows.
  await qi.sequelize.query("ALTER TABLE users DROP COLUMN calendar_token");
  await qi.sequelize.query("ALTER TABLE agreements DROP COLUMN owner_id");
}
