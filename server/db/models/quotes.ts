import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from "sequelize";
import type { QuoteStatus } from "../../vocabulary/quotes";
import { nullableMoneyColumn } from "./columns";

export function defineQuoteModels(sequelize: Sequelize) {
  /** A buyer's request for a price on a quantity of one product, and the cooperative's answer (server/quotes). */
  class Quote extends Model<InferAttributes<Quote>, InferCreationAttributes<Quote>> {
    declare id: CreationOptional<number>;
    declare productId: number;
    declare cooperativeId: number;
    declare buyerId: number;
    declare unit: string;
    declare quantity: number;
    /** YYYY-MM-DD */
    declare wantedBy: string | null;
    declare provinceCode: string;
    declare message: string;
    declare status: QuoteStatus;
    /** "<buyer>:<product>" while the request waits for an answer, null after (one waiting request each). */
    declare openKey: string | null;
    declare unitPriceVnd: CreationOptional<number | null>;
    /** The quoted price's last day (YYYY-MM-DD, in Vietnam). */
    declare validUntil: CreationOptional<string | null>;
    declare answerNote: CreationOptional<string | null>;
    declare declineReason: CreationOptional<string | null>;
    declare answeredAt: CreationOptional<Date | null>;
    declare orderCode: CreationOptional<string | null>;
    declare orderedAt: CreationOptional<Date | null>;
    declare createdAt: CreationOptional<Date>;
    declare updatedAt: CreationOptional<Date>;
  }
  Quote.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      productId: { type: DataTypes.INTEGER, allowNull: false },
      cooperativeId: { type: DataTypes.INTEGER, allowNull: false },
      buyerId: { type: DataTypes.INTEGER, allowNull: false },
      unit: { type: DataTypes.STRING(16), allowNull: false },
      quantity: { type: DataTypes.INTEGER, allowNull: false },
      wantedBy: { type: DataTypes.DATEONLY, allowNull: true },
      provinceCode: { type: DataTypes.STRING(2), allowNull: false },
      message: { type: DataTypes.STRING(1000), allowNull: false },
      status: { type: DataTypes.STRING(16), allowNull: false },
      openKey: { type: DataTypes.STRING(24), allowNull: true, unique: true },
      unitPriceVnd: nullableMoneyColumn("unitPriceVnd"),
      validUntil: { type: DataTypes.DATEONLY, allowNull: true },
      answerNote: { type: DataTypes.STRING(1000), allowNull: true },
      declineReason: { type: DataTypes.STRING(500), allowNull: true },
      answeredAt: { type: DataTypes.DATE, allowNull: true },
      orderCode: { type: DataTypes.STRING(16), allowNull: true },
      orderedAt: { type: DataTypes.DATE, allowNull: true },
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    { sequelize, tableName: "quotes", underscored: true },
  );
  return { Quote };
}

export type QuoteModels = ReturnType<typeof defineQuoteModels>;
export type QuoteRecord = InstanceType<QuoteModels["Quote"]>;
