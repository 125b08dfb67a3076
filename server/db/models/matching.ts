import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from "sequelize";
import { nullableMoneyColumn } from "./columns";
import type {
  Category,
  ContactOutcome,
  DeclineReason,
  DemandStatus,
  Frequency,
  MatchSide,
  MatchStatus,
  OfferStatus,
  OutcomeStage,
  Unit,
} from "../../vocabulary/domain";

/** Demands (what buyers want to buy) and offers (what cooperatives offer to sell): the matching's two sides. */
export function defineMatchingModels(sequelize: Sequelize) {
  class Demand extends Model<InferAttributes<Demand>, InferCreationAttributes<Demand>> {
    declare id: CreationOptional<number>;
    declare publicId: string;
    declare buyerId: number;
    declare organisationId: number | null;
    declare category: Category;
    declare title: string;
    declare description: string;
    declare quantity: number;
    declare unit: Unit;
    declare frequency: Frequency;
    declare priceMinVnd: number | null;
    declare priceMaxVnd: number | null;
    declare deliveryProvinceCode: string;
    /** YYYY-MM-DD */
    declare deliveryFrom: string | null;
    declare deliveryTo: string | null;
    /** JSON array of certification codes */
    declare certifications: string;
    declare minOcopStars: number | null;
    declare notes: string | null;
    declare status: DemandStatus;
    declare expiresAt: Date;
    declare remindedAt: Date | null;
    declare searchText: string;
    declare createdAt: CreationOptional<Date>;
    declare updatedAt: CreationOptional<Date>;
  }
  Demand.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      publicId: { type: DataTypes.STRING(16), allowNull: false, unique: true },
      buyerId: { type: DataTypes.INTEGER, allowNull: false },
      organisationId: { type: DataTypes.INTEGER, allowNull: true },
      category: { type: DataTypes.STRING(32), allowNull: false },
      title: { type: DataTypes.STRING(200), allowNull: false },
      description: { type: DataTypes.TEXT, allowNull: false },
      quantity: { type: DataTypes.INTEGER, allowNull: false },
      unit: { type: DataTypes.STRING(16), allowNull: false },
      frequency: { type: DataTypes.STRING(16), allowNull: false },
      priceMinVnd: nullableMoneyColumn("priceMinVnd"),
      priceMaxVnd: nullableMoneyColumn("priceMaxVnd"),
      deliveryProvinceCode: { type: DataTypes.STRING(2), allowNull: false },
      deliveryFrom: { type: DataTypes.DATEONLY, allowNull: true },
      deliveryTo: { type: DataTypes.DATEONLY, allowNull: true },
      certifications: { type: DataTypes.TEXT, allowNull: false },
      minOcopStars: { type: DataTypes.INTEGER, allowNull: true },
      notes: { type: DataTypes.STRING(1000), allowNull: true },
      status: { type: DataTypes.STRING(16), allowNull: false },
      expiresAt: { type: DataTypes.DATE, allowNull: false },
      remindedAt: { type: DataTypes.DATE, allowNull: true },
      searchText: { type: DataTypes.STRING(700), allowNull: false },
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    { sequelize, tableName: "demands", underscored: true },
  );

  class Offer extends Model<InferAttributes<Offer>, InferCreationAttributes<Offer>> {
    declare id: CreationOptional<number>;
    declare cooperativeId: number;
    declare productId: number | null;
    declare category: Category;
    declare title: string;
    declare description: string;
    declare quantity: number;
    declare unit: Unit;
    declare period: Frequency;
    declare priceMinVnd: number | null;
    declare priceMaxVnd: number | null;
    /** "5,6,7"; empty all year */
    declare seasonMonths: string;
    /** JSON array of certification codes */
    declare certifications: string;
    declare status: OfferStatus;
    declare searchText: string;
    declare createdAt: CreationOptional<Date>;
    declare updatedAt: CreationOptional<Date>;
  }
  Offer.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      cooperativeId: { type: DataTypes.INTEGER, allowNull: false },
      productId: { type: DataTypes.INTEGER, allowNull: true },
      category: { type: DataTypes.STRING(32), allowNull: false },
      title: { type: DataTypes.STRING(200), allowNull: false },
      description: { type: DataTypes.TEXT, allowNull: false },
      quantity: { type: DataTypes.INTEGER, allowNull: false },
      unit: { type: DataTypes.STRING(16), allowNull: false },
      period: { type: DataTypes.STRING(16), allowNull: false },
      priceMinVnd: nullableMoneyColumn("priceMinVnd"),
      priceMaxVnd: nullableMoneyColumn("priceMaxVnd"),
      seasonMonths: { type: DataTypes.STRING(40), allowNull: false, defaultValue: "" },
      certifications: { type: DataTypes.TEXT, allowNull: false },
      status: { type: DataTypes.STRING(16), allowNull: false },
      searchText: { type: DataTypes.STRING(700), allowNull: false },
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    { sequelize, tableName: "offers", underscored: true },
  );

  class Match extends Model<InferAttributes<Match>, InferCreationAttributes<Match>> {
    declare id: CreationOptional<number>;
    declare demandId: number;
    declare offerId: number;
    declare cooperativeId: number;
    declare buyerId: number;
    /** 0–100 */
    declare score: number;
    /** JSON: the score per criterion with its reason (server/matching/scoring.ts) */
    declare criteria: string;
    declare status: CreationOptional<MatchStatus>;
    declare requestedBy: CreationOptional<MatchSide | null>;
    declare requestedAt: CreationOptional<Date | null>;
    /** An unanswered request lapses then. */
    declare respondBy: CreationOptional<Date | null>;
    declare respondedAt: CreationOptional<Date | null>;
    declare declineReason: CreationOptional<DeclineReason | null>;
    /** When both sides are asked again what came of the contact. */
    declare followUpAt: CreationOptional<Date | null>;
    declare computedAt: Date;
    declare createdAt: CreationOptional<Date>;
    declare updatedAt: CreationOptional<Date>;
  }
  Match.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      demandId: { type: DataTypes.INTEGER, allowNull: false },
      offerId: { type: DataTypes.INTEGER, allowNull: false },
      cooperativeId: { type: DataTypes.INTEGER, allowNull: false },
      buyerId: { type: DataTypes.INTEGER, allowNull: false },
      score: { type: DataTypes.INTEGER, allowNull: false },
      criteria: { type: DataTypes.TEXT, allowNull: false },
      status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: "suggested" },
      requestedBy: { type: DataTypes.STRING(16), allowNull: true },
      requestedAt: { type: DataTypes.DATE, allowNull: true },
      respondBy: { type: DataTypes.DATE, allowNull: true },
      respondedAt: { type: DataTypes.DATE, allowNull: true },
      declineReason: { type: DataTypes.STRING(32), allowNull: true },
      followUpAt: { type: DataTypes.DATE, allowNull: true },
      computedAt: { type: DataTypes.DATE, allowNull: false },
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    { sequelize, tableName: "matches", underscored: true },
  );

  /** The thread of a match: its parties write, staff may too. */
  class MatchMessage extends Model<InferAttributes<MatchMessage>, InferCreationAttributes<MatchMessage>> {
    declare id: CreationOptional<number>;
    declare matchId: number;
    declare authorId: number | null;
    declare side: MatchSide | "staff";
    declare body: string;
    declare createdAt: CreationOptional<Date>;
    declare updatedAt: CreationOptional<Date>;
  }
  MatchMessage.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      matchId: { type: DataTypes.INTEGER, allowNull: false },
      authorId: { type: DataTypes.INTEGER, allowNull: true },
      side: { type: DataTypes.STRING(16), allowNull: false },
      body: { type: DataTypes.TEXT, allowNull: false },
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    { sequelize, tableName: "match_messages", underscored: true },
  );

  /** What one side says came of a contact (a match or a conference meeting), once per stage. */
  class ContactOutcomeRow extends Model<
    InferAttributes<ContactOutcomeRow>,
    InferCreationAttributes<ContactOutcomeRow>
  > {
    declare id: CreationOptional<number>;
    declare subjectType: "match" | "meeting";
    declare subjectId: number;
    declare side: MatchSide;
    declare stage: OutcomeStage;
    declare outcome: ContactOutcome;
    declare note: string | null;
    declare recordedBy: number | null;
    declare createdAt: CreationOptional<Date>;
    declare updatedAt: CreationOptional<Date>;
  }
  ContactOutcomeRow.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      subjectType: { type: DataTypes.STRING(16), allowNull: false },
      subjectId: { type: DataTypes.INTEGER, allowNull: false },
      side: { type: DataTypes.STRING(16), allowNull: false },
      stage: { type: DataTypes.STRING(16), allowNull: false },
      outcome: { type: DataTypes.STRING(32), allowNull: false },
      note: { type: DataTypes.STRING(1000), allowNull: true },
      recordedBy: { type: DataTypes.INTEGER, allowNull: true },
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    { sequelize, tableName: "contact_outcomes", underscored: true },
  );

  /**
   * The match index's terms: the product words of each active offer's title and linked product's name
   * (server/matching/match-index.ts), so a demand's candidates are the offers sharing most of its title's words.
   */
  class OfferTerm extends Model<InferAttributes<OfferTerm>, InferCreationAttributes<OfferTerm>> {
    declare term: string;
    declare offerId: number;
  }
  OfferTerm.init(
    {
      term: { type: DataTypes.STRING(32), allowNull: false, primaryKey: true },
      offerId: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
    },
    { sequelize, tableName: "offer_terms", underscored: true, timestamps: false },
  );

  return { Demand, Offer, Match, MatchMessage, ContactOutcome: ContactOutcomeRow, OfferTerm };
}

export type DemandRecord = InstanceType<ReturnType<typeof defineMatchingModels>["Demand"]>;
export type OfferRecord = InstanceType<ReturnType<typeof defineMatchingModels>["Offer"]>;
export type MatchRecord = InstanceType<ReturnType<typeof defineMatchingModels>["Match"]>;
export type MatchMessageRecord = InstanceType<ReturnType<typeof defineMatchingModels>["MatchMessage"]>;
export type ContactOutcomeRecord = InstanceType<ReturnType<typeof defineMatchingModels>["ContactOutcome"]>;
