import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type NonAttribute,
  type Sequelize,
} from "sequelize";
import type {
  BookingStatus,
  BoothType,
  FairStatus,
  OrderActor,
  PlanElementKind,
} from "../../vocabulary/domain";
import { moneyColumn } from "./columns";

export function defineFairModels(sequelize: Sequelize) {
  class Fair extends Model<InferAttributes<Fair>, InferCreationAttributes<Fair>> {
    declare id: CreationOptional<number>;
    declare slug: string;
    declare nameVi: string;
    declare nameEn: string | null;
    declare descriptionVi: string;
    declare descriptionEn: string | null;
    declare organiser: string;
    declare organiserEn: CreationOptional<string | null>;
    declare venue: string;
    declare venueEn: CreationOptional<string | null>;
    declare provinceCode: string;
    declare wardCode: string | null;
    /** YYYY-MM-DD */
    declare startsOn: string;
    declare endsOn: string;
    declare bookingOpensAt: Date;
    declare bookingClosesAt: Date;
    declare status: CreationOptional<FairStatus>;
    declare cover: CreationOptional<string | null>;
    declare maxBoothsPerCooperative: number;
    declare requiresApproval: boolean;
    declare holdMinutes: CreationOptional<number>;
    declare transferDays: CreationOptional<number>;
    declare offerHours: CreationOptional<number>;
    declare bankBin: CreationOptional<string | null>;
    declare bankAccountNo: CreationOptional<string | null>;
    declare bankAccountName: CreationOptional<string | null>;
    declare createdById: number | null;
    declare createdAt: CreationOptional<Date>;
    declare updatedAt: CreationOptional<Date>;
    declare halls?: NonAttribute<FairHall[]>;
    declare booths?: NonAttribute<Booth[]>;
  }
  Fair.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      slug: { type: DataTypes.STRING(160), allowNull: false, unique: true },
      nameVi: { type: DataTypes.STRING(200), allowNull: false },
      nameEn: { type: DataTypes.STRING(200), allowNull: true },
      descriptionVi: { type: DataTypes.TEXT, allowNull: false },
      descriptionEn: { type: DataTypes.TEXT, allowNull: true },
      organiser: { type: DataTypes.STRING(200), allowNull: false },
      organiserEn: { type: DataTypes.STRING(200), allowNull: true },
      venue: { type: DataTypes.STRING(300), allowNull: false },
      venueEn: { type: DataTypes.STRING(300), allowNull: true },
      provinceCode: { type: DataTypes.STRING(2), allowNull: false },
      wardCode: { type: DataTypes.STRING(5), allowNull: true },
      startsOn: { type: DataTypes.DATEONLY, allowNull: false },
      endsOn: { type: DataTypes.DATEONLY, allowNull: false },
      bookingOpensAt: { type: DataTypes.DATE, allowNull: false },
      bookingClosesAt: { type: DataTypes.DATE, allowNull: false },
      status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: "draft" },
      cover: { type: DataTypes.TEXT, allowNull: true },
      maxBoothsPerCooperative: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 2 },
      requiresApproval: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      holdMinutes: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 15 },
      transferDays: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 5 },
      offerHours: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 48 },
      bankBin: { type: DataTypes.STRING(8), allowNull: true },
      bankAccountNo: { type: DataTypes.STRING(32), allowNull: true },
      bankAccountName: { type: DataTypes.STRING(120), allowNull: true },
      createdById: { type: DataTypes.INTEGER, allowNull: true },
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    { sequelize, tableName: "fairs", underscored: true },
  );

  class FairHall extends Model<InferAttributes<FairHall>, InferCreationAttributes<FairHall>> {
    declare id: CreationOptional<number>;
    declare fairId: number;
    declare name: string;
    declare nameEn: CreationOptional<string | null>;
    declare position: number;
    declare widthM: number;
    declare depthM: number;
    declare createdAt: CreationOptional<Date>;
    declare updatedAt: CreationOptional<Date>;
  }
  FairHall.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      fairId: { type: DataTypes.INTEGER, allowNull: false },
      name: { type: DataTypes.STRING(120), allowNull: false },
      nameEn: { type: DataTypes.STRING(120), allowNull: true },
      position: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      widthM: { type: DataTypes.INTEGER, allowNull: false },
      depthM: { type: DataTypes.INTEGER, allowNull: false },
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    { sequelize, tableName: "fair_halls", underscored: true },
  );

  class Booth extends Model<InferAttributes<Booth>, InferCreationAttributes<Booth>> {
    declare id: CreationOptional<number>;
    declare fairId: number;
    declare hallId: number;
    declare code: string;
    declare type: BoothType;
    declare xM: number;
    declare yM: number;
    declare widthM: number;
    declare depthM: number;
    declare priceVnd: number;
    declare blockedReason: CreationOptional<string | null>;
    declare createdAt: CreationOptional<Date>;
    declare updatedAt: CreationOptional<Date>;
  }
  Booth.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      fairId: { type: DataTypes.INTEGER, allowNull: false },
      hallId: { type: DataTypes.INTEGER, allowNull: false },
      code: { type: DataTypes.STRING(16), allowNull: false },
      type: { type: DataTypes.STRING(16), allowNull: false },
      xM: { type: DataTypes.INTEGER, allowNull: false },
      yM: { type: DataTypes.INTEGER, allowNull: false },
      widthM: { type: DataTypes.INTEGER, allowNull: false },
      depthM: { type: DataTypes.INTEGER, allowNull: false },
      priceVnd: moneyColumn("priceVnd", 0),
      blockedReason: { type: DataTypes.STRING(200), allowNull: true },
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    { sequelize, tableName: "booths", underscored: true },
  );

  class BoothBooking extends Model<InferAttributes<BoothBooking>, InferCreationAttributes<BoothBooking>> {
    declare id: CreationOptional<number>;
    declare publicId: string;
    declare fairId: number;
    declare boothId: number;
    declare cooperativeId: number;
    declare status: BookingStatus;
    declare activeBoothId: number | null;
    declare expiresAt: Date | null;
    declare fromWaitlist: CreationOptional<boolean>;
    declare paymentMethod: CreationOptional<"card" | "bank_transfer" | null>;
    declare amountVnd: number;
    declare transferReference: string;
    declare stripeSessionId: CreationOptional<string | null>;
    declare stripeSessionUrl: CreationOptional<string | null>;
    declare paidAt: CreationOptional<Date | null>;
    declare reason: CreationOptional<string | null>;
    declare createdAt: CreationOptional<Date>;
    declare updatedAt: CreationOptional<Date>;
    declare booth?: NonAttribute<Booth>;
  }
  BoothBooking.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      publicId: { type: DataTypes.STRING(24), allowNull: false, unique: true },
      fairId: { type: DataTypes.INTEGER, allowNull: false },
      boothId: { type: DataTypes.INTEGER, allowNull: false },
      cooperativeId: { type: DataTypes.INTEGER, allowNull: false },
      status: { type: DataTypes.STRING(20), allowNull: false },
      activeBoothId: { type: DataTypes.INTEGER, allowNull: true, unique: true },
      expiresAt: { type: DataTypes.DATE, allowNull: true },
      fromWaitlist: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      paymentMethod: { type: DataTypes.STRING(16), allowNull: true },
      amountVnd: moneyColumn("amountVnd", 0),
      transferReference: { type: DataTypes.STRING(19), allowNull: false, unique: true },
      stripeSessionId: { type: DataTypes.STRING(255), allowNull: true },
      stripeSessionUrl: { type: DataTypes.STRING(1000), allowNull: true },
      paidAt: { type: DataTypes.DATE, allowNull: true },
      reason: { type: DataTypes.STRING(500), allowNull: true },
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    { sequelize, tableName: "booth_bookings", underscored: true },
  );

  class BookingEvent extends Model<InferAttributes<BookingEvent>, InferCreationAttributes<BookingEvent>> {
    declare id: CreationOptional<number>;
    declare bookingId: number;
    declare fromStatus: BookingStatus | null;
    declare toStatus: BookingStatus;
    declare boothCode: string;
    declare actorId: number | null;
    declare actorKind: OrderActor;
    declare note: string | null;
    declare createdAt: CreationOptional<Date>;
  }
  BookingEvent.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      bookingId: { type: DataTypes.INTEGER, allowNull: false },
      fromStatus: { type: DataTypes.STRING(20), allowNull: true },
      toStatus: { type: DataTypes.STRING(20), allowNull: false },
      boothCode: { type: DataTypes.STRING(16), allowNull: false },
      actorId: { type: DataTypes.INTEGER, allowNull: true },
      actorKind: { type: DataTypes.STRING(16), allowNull: false },
      note: { type: DataTypes.STRING(500), allowNull: true },
      createdAt: DataTypes.DATE,
    },
    { sequelize, tableName: "booking_events", underscored: true, updatedAt: false },
  );

  class BookingProduct extends Model<
    InferAttributes<BookingProduct>,
    InferCreationAttributes<BookingProduct>
  > {
    declare bookingId: number;
    declare productId: number;
  }
  BookingProduct.init(
    {
      bookingId: { type: DataTypes.INTEGER, primaryKey: true },
      productId: { type: DataTypes.INTEGER, primaryKey: true },
    },
    { sequelize, tableName: "booking_products", underscored: true, timestamps: false },
  );

  class FairWaitlist extends Model<InferAttributes<FairWaitlist>, InferCreationAttributes<FairWaitlist>> {
    declare id: CreationOptional<number>;
    declare fairId: number;
    declare cooperativeId: number;
    declare status: "waiting" | "offered" | "done" | "left";
    declare bookingId: number | null;
    declare createdAt: CreationOptional<Date>;
    declare updatedAt: CreationOptional<Date>;
  }
  FairWaitlist.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      fairId: { type: DataTypes.INTEGER, allowNull: false },
      cooperativeId: { type: DataTypes.INTEGER, allowNull: false },
      status: { type: DataTypes.STRING(16), allowNull: false },
      bookingId: { type: DataTypes.INTEGER, allowNull: true },
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    { sequelize, tableName: "fair_waitlist", underscored: true },
  );

  /** What staff draw on a hall besides booths: entrances, the stage, aisles, labels (see fairs/floor-plan.ts). */
  class FairPlanElement extends Model<
    InferAttributes<FairPlanElement>,
    InferCreationAttributes<FairPlanElement>
  > {
    declare id: CreationOptional<number>;
    declare fairId: number;
    declare hallId: number;
    declare kind: PlanElementKind;
    declare xM: number;
    declare yM: number;
    declare widthM: number;
    declare depthM: number;
    declare labelVi: string | null;
    declare labelEn: string | null;
    declare createdAt: CreationOptional<Date>;
    declare updatedAt: CreationOptional<Date>;
  }
  FairPlanElement.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      fairId: { type: DataTypes.INTEGER, allowNull: false },
      hallId: { type: DataTypes.INTEGER, allowNull: false },
      kind: { type: DataTypes.STRING(16), allowNull: false },
      xM: { type: DataTypes.INTEGER, allowNull: false },
      yM: { type: DataTypes.INTEGER, allowNull: false },
      widthM: { type: DataTypes.INTEGER, allowNull: false },
      depthM: { type: DataTypes.INTEGER, allowNull: false },
      labelVi: { type: DataTypes.STRING(80), allowNull: true },
      labelEn: { type: DataTypes.STRING(80), allowNull: true },
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    { sequelize, tableName: "fair_plan_elements", underscored: true },
  );

  /** "I will visit": one standing registration per person per fair (`registerKey`, unique), and its pass code. */
  class FairVisitor extends Model<InferAttributes<FairVisitor>, InferCreationAttributes<FairVisitor>> {
    declare id: CreationOptional<number>;
    declare fairId: number;
    declare userId: number | null;
    declare code: string;
    declare registerKey: string | null;
    declare name: string;
    declare phone: string;
    declare email: string;
    declare status: "registered" | "cancelled";
    declare cancelledAt: CreationOptional<Date | null>;
    declare createdAt: CreationOptional<Date>;
    declare updatedAt: CreationOptional<Date>;
  }
  FairVisitor.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      fairId: { type: DataTypes.INTEGER, allowNull: false },
      userId: { type: DataTypes.INTEGER, allowNull: true },
      code: { type: DataTypes.STRING(24), allowNull: false, unique: true },
      registerKey: { type: DataTypes.STRING(160), allowNull: true, unique: true },
      name: { type: DataTypes.STRING(120), allowNull: false },
      phone: { type: DataTypes.STRING(20), allowNull: false },
      email: { type: DataTypes.STRING(254), allowNull: false },
      status: { type: DataTypes.STRING(16), allowNull: false },
      cancelledAt: { type: DataTypes.DATE, allowNull: true },
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    { sequelize, tableName: "fair_visitors", underscored: true },
  );

  Fair.hasMany(FairHall, { foreignKey: "fairId", as: "halls" });
  Fair.hasMany(Booth, { foreignKey: "fairId", as: "booths" });
  FairHall.hasMany(Booth, { foreignKey: "hallId", as: "booths" });
  BoothBooking.belongsTo(Booth, { foreignKey: "boothId", as: "booth" });
  BoothBooking.belongsTo(Fair, { foreignKey: "fairId", as: "fair" });
  BoothBooking.hasMany(BookingProduct, { foreignKey: "bookingId", as: "products" });
  BoothBooking.hasMany(BookingEvent, { foreignKey: "bookingId", as: "events" });

  return {
    Fair,
    FairHall,
    Booth,
    BoothBooking,
    BookingEvent,
    BookingProduct,
    FairWaitlist,
    FairPlanElement,
    FairVisitor,
  };
}

export type FairModels = ReturnType<typeof defineFairModels>;
export type FairRecord = InstanceType<FairModels["Fair"]>;
export type BoothRecord = InstanceType<FairModels["Booth"]>;
export type BookingRecord = InstanceType<FairModels["BoothBooking"]>;
export type PlanElementRecord = InstanceType<FairModels["FairPlanElement"]>;
