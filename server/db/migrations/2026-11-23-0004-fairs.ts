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
    "fairs",
    {
      id,
      slug: { type: DataTypes.STRING(160).BINARY, allowNull: false, unique: true },
      name_vi: { type: DataTypes.STRING(200), allowNull: false },
      name_en: { type: DataTypes.STRING(200), allowNull: true },
      description_vi: { type: DataTypes.TEXT, allowNull: false },
      description_en: { type: DataTypes.TEXT, allowNull: true },
      organiser: { type: DataTypes.STRING(200), allowNull: false },
      venue: { type: DataTypes.STRING(300), allowNull: false },
      province_code: { type: DataTypes.STRING(2), allowNull: false },
      starts_on: { type: DataTypes.DATEONLY, allowNull: false },
      ends_on: { type: DataTypes.DATEONLY, allowNull: false },
      booking_opens_at: { type: DataTypes.DATE, allowNull: false },
      booking_closes_at: { type: DataTypes.DATE, allowNull: false },
      // draft, open (for booking), closed, finished
      status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: "draft" },
      // JSON of the processed cover picture (variants), like product images.
      cover: { type: DataTypes.TEXT, allowNull: true },
      max_booths_per_cooperative: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 2 },
      requires_approval: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      hold_minutes: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 15 },
      transfer_days: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 5 },
      offer_hours: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 48 },
      // Where booth fees paid by transfer go: the organising union's account.
      bank_bin: { type: DataTypes.STRING(8), allowNull: true },
      bank_account_no: { type: DataTypes.STRING(32), allowNull: true },
      bank_account_name: { type: DataTypes.STRING(120), allowNull: true },
      created_by_id: ref("users", "SET NULL", true),
      ...timestamps(),
    },
    opts,
  );
  await qi.addIndex("fairs", ["status", "starts_on"]);

  await qi.createTable(
    "fair_halls",
    {
      id,
      fair_id: ref("fairs", "CASCADE"),
      name: { type: DataTypes.STRING(120), allowNull: false },
      position: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      // The hall's floor in metres: the plan's coordinate space.
      width_m: { type: DataTypes.INTEGER, allowNull: false },
      depth_m: { type: DataTypes.INTEGER, allowNull: false },
      ...timestamps(),
    },
    opts,
  );

  await qi.createTable(
    "booths",
    {
      id,
      fair_id: ref("fairs", "CASCADE"),
      hall_id: ref("fair_halls", "CASCADE"),
      code: { type: DataTypes.STRING(16).BINARY, allowNull: false },
      // standard (3×3 m), corner, premium (pavilion)
      type: { type: DataTypes.STRING(16), allowNull: false },
      x_m: { type: DataTypes.INTEGER, allowNull: false },
      y_m: { type: DataTypes.INTEGER, allowNull: false },
      width_m: { type: DataTypes.INTEGER, allowNull: false },
      depth_m: { type: DataTypes.INTEGER, allowNull: false },
      // 0 when the union pays for the booth.
      price_vnd: { type: DataTypes.BIGINT, allowNull: false, defaultValue: 0 },
      blocked_reason: { type: DataTypes.STRING(200), allowNull: true },
      ...timestamps(),
    },
    opts,
  );
  await qi.addIndex("booths", ["fair_id", "code"], { unique: true, name: "booths_fair_code" });

  await qi.createTable(
    "booth_bookings",
    {
      id,
      public_id: { type: DataTypes.STRING(24).BINARY, allowNull: false, unique: true },
      fair_id: ref("fairs", "RESTRICT"),
      booth_id: ref("booths", "RESTRICT"),
      cooperative_id: ref("cooperatives", "RESTRICT"),
      // held, pending_approval, pending_payment, booked, cancelled, expired, declined
      status: { type: DataTypes.STRING(20), allowNull: false },
      // The booth's id while the booking holds it, NULL once it lets go. The unique index is what makes double
      // booking impossible: MySQL has no partial indexes, but a unique index admits any number of NULLs.
      active_booth_id: { type: DataTypes.INTEGER, allowNull: true, unique: true },
      // When a hold, an offer or an unpaid booking lets go of the booth by itself.
      expires_at: { type: DataTypes.DATE, allowNull: true },
      from_waitlist: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      payment_method: { type: DataTypes.STRING(16), allowNull: true },
      amount_vnd: { type: DataTypes.BIGINT, allowNull: false, defaultValue: 0 },
      transfer_reference: { type: DataTypes.STRING(19).BINARY, allowNull: false, unique: true },
      stripe_session_id: { type: DataTypes.STRING(255).BINARY, allowNull: true, unique: true },
      stripe_session_url: { type: DataTypes.STRING(1000), allowNull: true },
      paid_at: { type: DataTypes.DATE, allowNull: true },
      reason: { type: DataTypes.STRING(500), allowNull: true },
      ...timestamps(),
    },
    opts,
  );
  await qi.addIndex("booth_bookings", ["fair_id", "status"]);
  await qi.addIndex("booth_bookings", ["cooperative_id", "fair_id"]);

  await qi.createTable(
    "booking_events",
    {
      id,
      booking_id: ref("booth_bookings", "CASCADE"),
      from_status: { type: DataTypes.STRING(20), allowNull: true },
      to_status: { type: DataTypes.STRING(20), allowNull: false },
      booth_code: { type: DataTypes.STRING(16), allowNull: false },
      actor_id: ref("users", "SET NULL", true),
      actor_kind: { type: DataTypes.STRING(16), allowNull: false },
      note: { type: DataTypes.STRING(500), allowNull: true },
      created_at: { type: DataTypes.DATE, allowNull: false },
    },
    opts,
  );
  await qi.addIndex("booking_events", ["booking_id", "id"]);

  // What a cooperative will show at its booth.
  await qi.createTable(
    "booking_products",
    {
      booking_id: { ...ref("booth_bookings", "CASCADE"), primaryKey: true },
      product_id: { ...ref("products", "CASCADE"), primaryKey: true },
    },
    opts,
  );

  await qi.createTable(
    "fair_waitlist",
    {
      id,
      fair_id: ref("fairs", "CASCADE"),
      cooperative_id: ref("cooperatives", "CASCADE"),
      // waiting, offered, done (booked through an offer), left
      status: { type: DataTypes.STRING(16), allowNull: false },
      booking_id: ref("booth_bookings", "SET NULL", true),
      ...timestamps(),
    },
    opts,
  );
  await qi.addIndex("fair_waitlist", ["fair_id", "cooperative_id"], {
    unique: true,
    name: "fair_waitlist_fair_cooperative",
  });
  await qi.addIndex("fair_waitlist", ["fair_id", "status", "id"]);
}

export async function down(qi: QueryInterface) {
  for (const table of [
    "fair_waitlist",
    "booking_products",
    "booking_events",
    "booth_bookings",
    "booths",
    "fair_halls",
    "fairs",
  ]) {
    await qi.dropTable(table);
  }
}
