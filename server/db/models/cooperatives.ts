import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type NonAttribute,
  type Sequelize,
} from "sequelize";

import type { CooperativeKind, CooperativeStatus, Sector } from "../../vocabulary/domain";

export { COOPERATIVE_KINDS, COOPERATIVE_STATUSES, SECTORS } from "../../vocabulary/domain";
export type { CooperativeKind, CooperativeStatus, Sector } from "../../vocabulary/domain";

export function defineCooperativeModels(sequelize: Sequelize) {
  class CooperativeSector extends Model<
    InferAttributes<CooperativeSector>,
    InferCreationAttributes<CooperativeSector>
  > {
    declare cooperativeId: number;
    declare sector: Sector;
  }
  CooperativeSector.init(
    {
      cooperativeId: { type: DataTypes.INTEGER, primaryKey: true },
      sector: { type: DataTypes.STRING(32), primaryKey: true },
    },
    { sequelize, tableName: "cooperative_sectors", underscored: true, timestamps: false },
  );

  class Cooperative extends Model<InferAttributes<Cooperative>, InferCreationAttributes<Cooperative>> {
    declare id: CreationOptional<number>;
    declare slug: string;
    declare name: string;
    declare searchName: string;
    declare kind: CooperativeKind;
    declare provinceCode: string;
    /** Ward or commune on the 2025 map; empty only on an address moved from the old map that awaits confirmation. */
    declare wardCode: string | null;
    /** The pre-2025 units an address moved from ("Huyện Đại Từ, Tỉnh Thái Nguyên"), shown beside it. */
    declare formerUnits: CreationOptional<string | null>;
    declare address: string;
    declare foundedYear: number | null;
    declare memberCount: number | null;
    declare descriptionVi: string;
    declare descriptionEn: string | null;
    declare representative: string;
    declare phone: string;
    declare email: string | null;
    declare website: string | null;
    declare logoUrl: string | null;
    declare bankBin: CreationOptional<string | null>;
    declare bankAccountNo: CreationOptional<string | null>;
    declare bankAccountName: CreationOptional<string | null>;
    declare status: CreationOptional<CooperativeStatus>;
    declare rejectionReason: string | null;
    declare reviewedById: number | null;
    declare reviewedAt: Date | null;
    declare createdAt: CreationOptional<Date>;
    declare updatedAt: CreationOptional<Date>;
    declare sectors?: NonAttribute<CooperativeSector[]>;
  }
  Cooperative.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      slug: { type: DataTypes.STRING(160), allowNull: false, unique: true },
      name: { type: DataTypes.STRING(200), allowNull: false },
      searchName: { type: DataTypes.STRING(200), allowNull: false },
      kind: { type: DataTypes.STRING(24), allowNull: false },
      provinceCode: { type: DataTypes.STRING(2), allowNull: false },
      wardCode: { type: DataTypes.STRING(5), allowNull: true },
      formerUnits: { type: DataTypes.STRING(200), allowNull: true },
      address: { type: DataTypes.STRING(300), allowNull: false },
      foundedYear: { type: DataTypes.INTEGER, allowNull: true },
      memberCount: { type: DataTypes.INTEGER, allowNull: true },
      descriptionVi: { type: DataTypes.TEXT, allowNull: false },
      descriptionEn: { type: DataTypes.TEXT, allowNull: true },
      representative: { type: DataTypes.STRING(120), allowNull: false },
      phone: { type: DataTypes.STRING(20), allowNull: false },
      email: { type: DataTypes.STRING(254), allowNull: true },
      website: { type: DataTypes.STRING(300), allowNull: true },
      logoUrl: { type: DataTypes.STRING(300), allowNull: true },
      bankBin: { type: DataTypes.STRING(8), allowNull: true },
      bankAccountNo: { type: DataTypes.STRING(32), allowNull: true },
      bankAccountName: { type: DataTypes.STRING(120), allowNull: true },
      status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: "pending" },
      rejectionReason: { type: DataTypes.STRING(500), allowNull: true },
      reviewedById: { type: DataTypes.INTEGER, allowNull: true },
      reviewedAt: { type: DataTypes.DATE, allowNull: true },
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    { sequelize, tableName: "cooperatives", underscored: true },
  );

  class CooperativeMember extends Model<
    InferAttributes<CooperativeMember>,
    InferCreationAttributes<CooperativeMember>
  > {
    declare userId: number;
    declare cooperativeId: number;
    declare role: "owner" | "member";
    declare createdAt: CreationOptional<Date>;
  }
  CooperativeMember.init(
    {
      // A user belongs to at most one cooperative: the user id is the key.
      userId: { type: DataTypes.INTEGER, primaryKey: true },
      cooperativeId: { type: DataTypes.INTEGER, allowNull: false },
      role: { type: DataTypes.STRING(16), allowNull: false },
      createdAt: DataTypes.DATE,
    },
    { sequelize, tableName: "cooperative_members", underscored: true, updatedAt: false },
  );

  Cooperative.hasMany(CooperativeSector, { foreignKey: "cooperativeId", as: "sectors" });
  Cooperative.hasMany(CooperativeMember, { foreignKey: "cooperativeId", as: "members" });
  CooperativeMember.belongsTo(Cooperative, { foreignKey: "cooperativeId", as: "cooperative" });

  return { Cooperative, CooperativeSector, CooperativeMember };
}

export type CooperativeModels = ReturnType<typeof defineCooperativeModels>;
export type CooperativeRecord = InstanceType<CooperativeModels["Cooperative"]>;
