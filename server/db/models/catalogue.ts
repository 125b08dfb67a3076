import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type NonAttribute,
  type Sequelize,
} from "sequelize";
import type { BatchEventKind, Category, ProductStatus, Unit } from "../../vocabulary/domain";
import { moneyColumn } from "./columns";

export function defineCatalogueModels(sequelize: Sequelize) {
  class ProductCertification extends Model<
    InferAttributes<ProductCertification>,
    InferCreationAttributes<ProductCertification>
  > {
    declare productId: number;
    declare certification: string;
  }
  ProductCertification.init(
    {
      productId: { type: DataTypes.INTEGER, primaryKey: true },
      certification: { type: DataTypes.STRING(32), primaryKey: true },
    },
    { sequelize, tableName: "product_certifications", underscored: true, timestamps: false },
  );

  class ProductOcop extends Model<InferAttributes<ProductOcop>, InferCreationAttributes<ProductOcop>> {
    declare productId: number;
    declare stars: number;
    declare certificateNo: string;
    /** YYYY-MM-DD */
    declare issuedOn: string;
    declare expiresOn: string;
    declare createdAt: CreationOptional<Date>;
    declare updatedAt: CreationOptional<Date>;
  }
  ProductOcop.init(
    {
      productId: { type: DataTypes.INTEGER, primaryKey: true },
      stars: { type: DataTypes.INTEGER, allowNull: false },
      certificateNo: { type: DataTypes.STRING(64), allowNull: false },
      issuedOn: { type: DataTypes.DATEONLY, allowNull: false },
      expiresOn: { type: DataTypes.DATEONLY, allowNull: false },
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    { sequelize, tableName: "product_ocop", underscored: true },
  );

  class ProductImage extends Model<InferAttributes<ProductImage>, InferCreationAttributes<ProductImage>> {
    declare id: CreationOptional<number>;
    declare productId: number;
    declare position: number;
    declare hash: string;
    declare width: number;
    declare height: number;
    declare placeholder: string;
    /** JSON of the variants (format, width, height, url, bytes); parsed in server/catalogue. */
    declare variants: string;
    declare createdAt: CreationOptional<Date>;
  }
  ProductImage.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      productId: { type: DataTypes.INTEGER, allowNull: false },
      position: { type: DataTypes.INTEGER, allowNull: false },
      hash: { type: DataTypes.STRING(64), allowNull: false },
      width: { type: DataTypes.INTEGER, allowNull: false },
      height: { type: DataTypes.INTEGER, allowNull: false },
      placeholder: { type: DataTypes.TEXT, allowNull: false },
      variants: { type: DataTypes.TEXT, allowNull: false },
      createdAt: DataTypes.DATE,
    },
    { sequelize, tableName: "product_images", underscored: true, updatedAt: false },
  );

  class ProductBatch extends Model<InferAttributes<ProductBatch>, InferCreationAttributes<ProductBatch>> {
    declare id: CreationOptional<number>;
    declare productId: number;
    declare lotCode: string;
    declare publicCode: string;
    declare producedOn: string;
    declare quantity: number;
    declare expiresOn: string | null;
    declare notes: string | null;
    declare createdAt: CreationOptional<Date>;
    declare updatedAt: CreationOptional<Date>;
  }
  ProductBatch.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      productId: { type: DataTypes.INTEGER, allowNull: false },
      lotCode: { type: DataTypes.STRING(64), allowNull: false },
      publicCode: { type: DataTypes.STRING(24), allowNull: false, unique: true },
      producedOn: { type: DataTypes.DATEONLY, allowNull: false },
      quantity: { type: DataTypes.INTEGER, allowNull: false },
      expiresOn: { type: DataTypes.DATEONLY, allowNull: true },
      notes: { type: DataTypes.TEXT, allowNull: true },
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    { sequelize, tableName: "product_batches", underscored: true },
  );

  /** Something that happened to a batch, shown on its trace page (server/catalogue/batch-events.ts). */
  class BatchEvent extends Model<InferAttributes<BatchEvent>, InferCreationAttributes<BatchEvent>> {
    declare id: CreationOptional<number>;
    declare batchId: number;
    declare kind: BatchEventKind;
    /** YYYY-MM-DD */
    declare happenedOn: string;
    declare note: string | null;
    /** JSON of the processed photo (hash, width, height, placeholder, variants); parsed in server/catalogue. */
    declare photo: string | null;
    declare createdAt: CreationOptional<Date>;
    declare updatedAt: CreationOptional<Date>;
  }
  BatchEvent.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      batchId: { type: DataTypes.INTEGER, allowNull: false },
      kind: { type: DataTypes.STRING(16), allowNull: false },
      happenedOn: { type: DataTypes.DATEONLY, allowNull: false },
      note: { type: DataTypes.STRING(1000), allowNull: true },
      photo: { type: DataTypes.TEXT, allowNull: true },
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    { sequelize, tableName: "batch_events", underscored: true },
  );

  class Product extends Model<InferAttributes<Product>, InferCreationAttributes<Product>> {
    declare id: CreationOptional<number>;
    declare cooperativeId: number;
    declare sku: string;
    declare slug: string;
    declare nameVi: string;
    declare nameEn: string | null;
    declare descriptionVi: string;
    declare descriptionEn: string | null;
    declare searchText: string;
    declare category: Category;
    declare unit: Unit;
    /** Integer VND. BIGINT: MySQL returns it as a number while it fits (supportBigNumbers). */
    declare priceVnd: number;
    declare minOrderQty: number;
    declare stock: number;
    declare status: ProductStatus;
    declare originProvinceCode: string;
    /** The name the origin goes by, historical or regional: "Bắc Kạn", "Việt Bắc", "Tân Cương". Searched. */
    declare originRegion: string | null;
    /** "5,6,7" */
    declare harvestMonths: string;
    declare shelfLifeDays: number | null;
    /** JSON array of strings */
    declare tags: string;
    /** The tags in English (JSON array of strings), for English pages; null when never given. */
    declare tagsEn: CreationOptional<string | null>;
    declare createdAt: CreationOptional<Date>;
    declare updatedAt: CreationOptional<Date>;
    declare certifications?: NonAttribute<ProductCertification[]>;
    declare ocop?: NonAttribute<ProductOcop | null>;
    declare images?: NonAttribute<ProductImage[]>;
    declare priceTiers?: NonAttribute<Array<{ minQty: number; priceVnd: number }>>;
  }
  Product.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      cooperativeId: { type: DataTypes.INTEGER, allowNull: false },
      sku: { type: DataTypes.STRING(64), allowNull: false },
      slug: { type: DataTypes.STRING(200), allowNull: false, unique: true },
      nameVi: { type: DataTypes.STRING(200), allowNull: false },
      nameEn: { type: DataTypes.STRING(200), allowNull: true },
      descriptionVi: { type: DataTypes.TEXT, allowNull: false },
      descriptionEn: { type: DataTypes.TEXT, allowNull: true },
      searchText: { type: DataTypes.STRING(700), allowNull: false },
      category: { type: DataTypes.STRING(32), allowNull: false },
      unit: { type: DataTypes.STRING(16), allowNull: false },
      priceVnd: moneyColumn("priceVnd"),
      minOrderQty: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 1 },
      stock: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: "draft" },
      originProvinceCode: { type: DataTypes.STRING(2), allowNull: false },
      originRegion: { type: DataTypes.STRING(120), allowNull: true },
      harvestMonths: { type: DataTypes.STRING(40), allowNull: false, defaultValue: "" },
      shelfLifeDays: { type: DataTypes.INTEGER, allowNull: true },
      tags: { type: DataTypes.TEXT, allowNull: false },
      tagsEn: { type: DataTypes.TEXT, allowNull: true },
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    { sequelize, tableName: "products", underscored: true },
  );

  /** A volume price: from `minQty` units on, each costs `priceVnd` (server/catalogue/price-tiers.ts). */
  class ProductPriceTier extends Model<
    InferAttributes<ProductPriceTier>,
    InferCreationAttributes<ProductPriceTier>
  > {
    declare productId: number;
    declare minQty: number;
    declare priceVnd: number;
  }
  ProductPriceTier.init(
    {
      productId: { type: DataTypes.INTEGER, primaryKey: true },
      minQty: { type: DataTypes.INTEGER, primaryKey: true },
      priceVnd: moneyColumn("priceVnd"),
    },
    { sequelize, tableName: "product_price_tiers", underscored: true, timestamps: false },
  );

  Product.hasMany(ProductCertification, { foreignKey: "productId", as: "certifications" });
  Product.hasMany(ProductPriceTier, { foreignKey: "productId", as: "priceTiers" });
  Product.hasOne(ProductOcop, { foreignKey: "productId", as: "ocop" });
  Product.hasMany(ProductImage, { foreignKey: "productId", as: "images" });
  Product.hasMany(ProductBatch, { foreignKey: "productId", as: "batches" });
  ProductBatch.belongsTo(Product, { foreignKey: "productId", as: "product" });

  /** The row report of a product import, kept a day for download (server/catalogue/import-reports.ts). */
  class ImportReport extends Model<InferAttributes<ImportReport>, InferCreationAttributes<ImportReport>> {
    declare id: string;
    declare userId: number;
    /** JSON of ImportReport (server/catalogue/csv-columns.ts). */
    declare report: string;
    declare createdAt: CreationOptional<Date>;
  }
  ImportReport.init(
    {
      id: { type: DataTypes.STRING(32), primaryKey: true },
      userId: { type: DataTypes.INTEGER, allowNull: false },
      report: { type: DataTypes.TEXT("long"), allowNull: false },
      createdAt: DataTypes.DATE,
    },
    { sequelize, tableName: "import_reports", underscored: true, updatedAt: false },
  );

  return {
    Product,
    ProductCertification,
    ProductOcop,
    ProductImage,
    ProductBatch,
    BatchEvent,
    ProductPriceTier,
    ImportReport,
  };
}

export type CatalogueModels = ReturnType<typeof defineCatalogueModels>;
export type ProductRecord = InstanceType<CatalogueModels["Product"]>;
