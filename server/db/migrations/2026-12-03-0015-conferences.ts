import { DataTypes, type QueryInterface } from "sequelize";
import { tableOptions, timestamps } from "./helpers";

/**
 * Matchmaking conferences ("hội nghị kết nối cung cầu"): time slots, registered buyers and cooperatives, their
 * marks on each other (must / would / not), direct meeting requests, and the meetings of the timetable.
 *
 * What must never happen is kept out by unique indexes on `busy_slot_id` (the meeting's slot while it is not
 * cancelled, NULL once it is — both databases let NULLs repeat): one meeting per table per slot, one per buyer
 * per slot, one per cooperative per slot. A pair meets at most once per conference (`pair_live`, 1 or NULL).
 */
const id = { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false };
const ref = (table: string, onDelete: "CASCADE" | "SET NULL" | "RESTRICT" = "CASCADE") => ({
  type: DataTypes.INTEGER,
  allowNull: onDelete === "SET NULL",
  references: { model: table, key: "id" },
  onDelete,
  onUpdate: "CASCADE",
});

export async function up(qi: QueryInterface) {
  const options = tableOptions(qi);
  await qi.createTable(
    "conferences",
    {
      id,
      slug: { type: DataTypes.STRING(160), allowNull: false, unique: true },
      name_vi: { type: DataTypes.STRING(200), allowNull: false },
      name_en: { type: DataTypes.STRING(200), allowNull: true },
      description_vi: { type: DataTypes.TEXT, allowNull: false },
      description_en: { type: DataTypes.TEXT, allowNull: true },
      fair_id: ref("fairs", "SET NULL"),
      venue: { type: DataTypes.STRING(200), allowNull: false },
      address: { type: DataTypes.STRING(300), allowNull: true },
      province_code: { type: DataTypes.STRING(2), allowNull: false },
      starts_on: { type: DataTypes.DATEONLY, allowNull: false },
      ends_on: { type: DataTypes.DATEONLY, allowNull: false },
      meeting_minutes: { type: DataTypes.INTEGER, allowNull: false },
      tables: { type: DataTypes.INTEGER, allowNull: false },
      max_meetings: { type: DataTypes.INTEGER, allowNull: false },
      registration_opens_at: { type: DataTypes.DATE, allowNull: false },
      registration_closes_at: { type: DataTypes.DATE, allowNull: false },
      phase: { type: DataTypes.STRING(24), allowNull: false },
      created_by_id: ref("users", "SET NULL"),
      ...timestamps(),
    },
    options,
  );
  await qi.addIndex("conferences", ["phase", "starts_on"]);

  await qi.createTable(
    "conference_slots",
    {
      id,
      conference_id: ref("conferences"),
      starts_at: { type: DataTypes.DATE, allowNull: false },
      ends_at: { type: DataTypes.DATE, allowNull: false },
      ...timestamps(),
    },
    options,
  );
  await qi.addIndex("conference_slots", ["conference_id", "starts_at"], { unique: true, name: "slots_once" });

  await qi.createTable(
    "conference_participants",
    {
      id,
      conference_id: ref("conferences"),
      side: { type: DataTypes.STRING(16), allowNull: false },
      // A buyer is a user; a cooperative takes part as itself (any of its members acts for it).
      user_id: ref("users", "SET NULL"),
      cooperative_id: ref("cooperatives", "SET NULL"),
      max_meetings: { type: DataTypes.INTEGER, allowNull: true },
      unavailable_slot_ids: { type: DataTypes.TEXT, allowNull: false },
      status: { type: DataTypes.STRING(16), allowNull: false },
      added_by_id: ref("users", "SET NULL"),
      ...timestamps(),
    },
    options,
  );
  await qi.addIndex("conference_participants", ["conference_id", "user_id"], {
    unique: true,
    name: "participants_user_once",
  });
  await qi.addIndex("conference_participants", ["conference_id", "cooperative_id"], {
    unique: true,
    name: "participants_cooperative_once",
  });

  await qi.createTable(
    "conference_preferences",
    {
      id,
      conference_id: ref("conferences"),
      participant_id: ref("conference_participants"),
      target_id: ref("conference_participants"),
      level: { type: DataTypes.STRING(8), allowNull: false },
      ...timestamps(),
    },
    options,
  );
  await qi.addIndex("conference_preferences", ["participant_id", "target_id"], {
    unique: true,
    name: "preferences_once",
  });
  await qi.addIndex("conference_preferences", ["conference_id"]);

  await qi.createTable(
    "meeting_requests",
    {
      id,
      conference_id: ref("conferences"),
      from_id: ref("conference_participants"),
      to_id: ref("conference_participants"),
      message: { type: DataTypes.STRING(1000), allowNull: true },
      status: { type: DataTypes.STRING(16), allowNull: false },
      respond_by: { type: DataTypes.DATE, allowNull: false },
      // 1 while pending or accepted, NULL after: one live request per pair and direction.
      live: { type: DataTypes.INTEGER, allowNull: true },
      ...timestamps(),
    },
    options,
  );
  await qi.addIndex("meeting_requests", ["from_id", "to_id", "live"], {
    unique: true,
    name: "requests_live_once",
  });
  await qi.addIndex("meeting_requests", ["conference_id", "status"]);

  await qi.createTable(
    "conference_meetings",
    {
      id,
      conference_id: ref("conferences"),
      slot_id: ref("conference_slots", "SET NULL"),
      busy_slot_id: { type: DataTypes.INTEGER, allowNull: true },
      table_no: { type: DataTypes.INTEGER, allowNull: true },
      buyer_id: ref("conference_participants"),
      cooperative_id: ref("conference_participants"),
      pair_live: { type: DataTypes.INTEGER, allowNull: true },
      tier: { type: DataTypes.INTEGER, allowNull: true },
      status: { type: DataTypes.STRING(16), allowNull: false },
      published_at: { type: DataTypes.DATE, allowNull: true },
      ...timestamps(),
    },
    options,
  );
  await qi.addIndex("conference_meetings", ["busy_slot_id", "table_no"], {
    unique: true,
    name: "meetings_table",
  });
  await qi.addIndex("conference_meetings", ["busy_slot_id", "buyer_id"], {
    unique: true,
    name: "meetings_buyer",
  });
  await qi.addIndex("conference_meetings", ["busy_slot_id", "cooperative_id"], {
    unique: true,
    name: "meetings_cooperative",
  });
  await qi.addIndex("conference_meetings", ["conference_id", "buyer_id", "cooperative_id", "pair_live"], {
    unique: true,
    name: "meetings_pair_once",
  });
}

export async function down(qi: QueryInterface) {
  for (const table of [
    "conference_meetings",
    "meeting_requests",
    "conference_preferences",
    "conference_participants",
    "conference_slots",
    "conferences",
  ])
    await qi.dropTable(table);
}
