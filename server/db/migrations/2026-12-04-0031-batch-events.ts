import { DataTypes, type QueryInterface } from "sequelize";
import { tableOptions, timestamps } from "./helpers";

/**
 * A batch's story for its public trace page (issue 16): what happened to it and when (sowing, harvest,
 * processing, packing, inspection…), each with a note and at most one photo. The photo is the image pipeline's
 * output (size, placeholder, variants) as one JSON text, read in one place (server/catalogue/batch-events.ts):
 * an event has one picture or none, so a table of its own would only add a join. Events go with their batch.
 */
export async function up(qi: QueryInterface) {
  await qi.createTable(
    "batch_events",
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false },
      batch_id: {
        type: DataTypes.INTEGER,
        allowNull: false,
        references: { model: "product_batches", key: "id" },
        onDelete: "CASCADE",
        onUpdate: "CASCADE",
      },
      kind: { type: DataTypes.STRING(16), allowNull: false },
      happened_on: { type: DataTypes.DATEONLY, allowNull: false },
      note: { type: DataTypes.STRING(1000), allowNull: true },
      photo: { type: DataTypes.TEXT, allowNull: true },
      ...timestamps(),
    },
    tableOptions(qi),
  );
  await qi.addIndex("batch_events", ["batch_id", "happened_on"], { name: "batch_events_batch" });
}

export async function down(qi: QueryInterface) {
  await qi.dropTable("batch_events");
}
