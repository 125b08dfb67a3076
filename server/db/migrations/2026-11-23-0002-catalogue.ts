import { DataTypes, type QueryInterface } from "sequelize";
import { tableOptions, timestamps } from "./helpers";

const id = { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false };
const productRef = {
  type: DataTypes.INTEGER,
  allowNull: false,
  references: { model: "products", key: "id" },
  onDelete: "CASCADE",
  onUpdate: "CASCADE",
};

export async function up(qi: QueryInterface) {
  const opts = tableOptions(qi);
  await qi.createTable(
    "products",
    {
      id,
      cooperative_id: {
        type: DataTypes.INTEGER,
        allowNull: false,
        references: { model: "cooperatives", key: "id" },
        onDelete: "RESTRICT",
        onUpdate: "CASCADE",
      },
      sku: { type: DataTypes.STRING(64).BINARY, allowNull: false },
      slug: { type: DataTypes.STRING(200).BINARY, allowNull: false, unique: true },
      name_vi: { type: DataTypes.STRING(200), allowNull: false },
      name_en: { type: DataTypes.STRING(200), allowNull: true },
      description_vi: { type: DataTypes.TEXT, allowNull: false },
      description_en: { type: DataTypes.TEXT, allowNull: true },
      // Names and tags folded ("tra tan cuong"): the database's own search when the engine is down.
      search_text: { type: DataTypes.STRING(700), allowNull: false },
      category: { type: DataTypes.STRING(32), allowNull: false },
      unit: { type: DataTypes.STRING(16), allowNull: false },
      price_vnd: { type: DataTypes.BIGINT, allowNull: false },
      min_order_qty: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 1 },
      stock: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: "draft" },
      origin_province_code: { type: DataTypes.STRING(2), allowNull: false },
      origin_district_code: { type: DataTypes.STRING(3), allowNull: true },
      harvest_months: { type: DataTypes.STRING(40), allowNull: false, defaultValue: "" },
      shelf_life_days: { type: DataTypes.INTEGER, allowNull: true },
      tags: { type: DataTypes.TEXT, allowNull: false },
      ...timestamps(),
    },
    opts,
  );
  await qi.addIndex("products", ["cooperative_id", "sku"], {
    unique: true,
    name: "products_cooperative_sku",
  });
  await qi.addIndex("products", ["status", "category"]);
  await qi.addIndex("products", ["status", "created_at"]);

  await qi.createTable(
    "product_certifications",
    {
      product_id: { ...productRef, primaryKey: true },
      certification: { type: DataTypes.STRING(32), allowNull: false, primaryKey: true },
    },
    opts,
  );

  await qi.createTable(
    "product_ocop",
    {
      product_id: { ...productRef, primaryKey: true },
      stars: { type: DataTypes.INTEGER, allowNull: false },
      certificate_no: { type: DataTypes.STRING(64), allowNull: false },
      issued_on: { type: DataTypes.DATEONLY, allowNull: false },
      expires_on: { type: DataTypes.DATEONLY, allowNull: false },
      ...timestamps(),
    },
    opts,
  );

  await qi.createTable(
    "product_images",
    {
      id,
      product_id: productRef,
      position: { type: DataTypes.INTEGER, allowNull: false },
      hash: { type: DataTypes.STRING(64).BINARY, allowNull: false },
      width: { type: DataTypes.INTEGER, allowNull: false },
      height: { type: DataTypes.INTEGER, allowNull: false },
      placeholder: { type: DataTypes.TEXT, allowNull: false },
      variants: { type: DataTypes.TEXT, allowNull: false },
      created_at: { type: DataTypes.DATE, allowNull: false },
    },
    opts,
  );
  await qi.addIndex("product_images", ["product_id", "hash"], {
    unique: true,
    name: "product_images_product_hash",
  });

  await qi.createTable(
    "product_batches",
    {
      id,
      product_id: productRef,
      lot_code: { type: DataTypes.STRING(64).BINARY, allowNull: false },
      // Random code in the printed QR: the public traceability page's address.
      public_code: { type: DataTypes.STRING(24).BINARY, allowNull: false, unique: true },
      produced_on: { type: DataTypes.DATEONLY, allowNull: false },
      quantity: { type: DataTypes.INTEGER, allowNull: false },
      expires_on: { type: DataTypes.DATEONLY, allowNull: true },
      notes: { type: DataTypes.TEXT, allowNull: true },
      ...timestamps(),
    },
    opts,
  );
  await qi.addIndex("product_batches", ["product_id", "lot_code"], {
    unique: true,
    name: "product_batches_product_lot",
  });
}

export async function down(qi: QueryInterface) {
  for (const table of [
    "product_batches",
    "product_images",
    "product_ocop",
    "product_certifications",
    "products",
  ]) {
    await qi.dropTable(table);
  }
}
