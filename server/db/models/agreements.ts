import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from "sequelize";
import { moneyColumn } from "./columns";
import type { AgreementStatus, DeliveryStatus, FollowUpKind, FollowUpStatus } from "../../vocabulary/domain";

export {
  AGREEMENT_STATUSES,
  DELIVERY_STATUSES,
  FOLLOW_UP_KINDS,
  FOLLOW_UP_STATUSES,
  PIPELINE_STATUSES,
  type AgreementStatus,
  type DeliveryStatus,
  type FollowUpKind,
  type FollowUpStatus,
} from "../../vocabulary/domain";
export type AgreementParty = "buyer" | "supplier";
export type AgreementMethod = "platform" | "paper";
/** How a party signed: its account's password on the platform, or on paper (registered by staff). */
export type SignatureMethod = "password" | "paper";

/** Agreements, their versions, signatures, comments, hash-chained events and documents (migration 0018). */
export function defineAgreementModels(sequelize: Sequelize) {
  class Agreement extends Model<InferAttributes<Agreement>, InferCreationAttributes<Agreement>> {
    declare id: CreationOptional<number>;
    declare publicId: string;
    declare type: string;
    declare status: AgreementStatus;
    declare method: AgreementMethod;
    declare matchId: number | null;
    declare meetingId: number | null;
    declare buyerId: number;
    declare buyerOrganisationId: number | null;
    declare cooperativeId: number;
    declare currentVersion: number;
    declare totalVnd: number;
    declare draftedBy: number | null;
    declare sealedAt: CreationOptional<Date | null>;
    declare sealKid: CreationOptional<string | null>;
    declare sealSignature: CreationOptional<string | null>;
    declare sealedHash: CreationOptional<string | null>;
    declare sealToken: CreationOptional<string | null>;
    declare pdfSha256: CreationOptional<string | null>;
    declare cancelReason: CreationOptional<string | null>;
    declare provinceCode: CreationOptional<string | null>;
    declare statusReason: CreationOptional<string | null>;
    declare category: CreationOptional<string | null>;
    declare searchText: CreationOptional<string | null>;
    /** The earliest scheduled delivery not yet met (sealed agreements): before today means overdue. */
    declare nextDueOn: CreationOptional<string | null>;
    /** Confirmed deliveries so far. */
    declare deliveredQuantity: CreationOptional<number>;
    declare deliveredVnd: CreationOptional<number>;
    /** The agreed total quantity of the current version: what fulfilment is measured against. */
    declare quantity: CreationOptional<number>;
    /** The staff member following it up (migration 0022). */
    declare ownerId: CreationOptional<number | null>;
    declare createdAt: CreationOptional<Date>;
    declare updatedAt: CreationOptional<Date>;
  }
  Agreement.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      publicId: { type: DataTypes.STRING(16), allowNull: false, unique: true },
      type: { type: DataTypes.STRING(32), allowNull: false },
      status: { type: DataTypes.STRING(24), allowNull: false },
      method: { type: DataTypes.STRING(16), allowNull: false },
      matchId: { type: DataTypes.INTEGER, allowNull: true },
      meetingId: { type: DataTypes.INTEGER, allowNull: true },
      buyerId: { type: DataTypes.INTEGER, allowNull: false },
      buyerOrganisationId: { type: DataTypes.INTEGER, allowNull: true },
      cooperativeId: { type: DataTypes.INTEGER, allowNull: false },
      currentVersion: { type: DataTypes.INTEGER, allowNull: false },
      totalVnd: moneyColumn("totalVnd"),
      draftedBy: { type: DataTypes.INTEGER, allowNull: true },
      sealedAt: { type: DataTypes.DATE, allowNull: true },
      sealKid: { type: DataTypes.STRING(16), allowNull: true },
      sealSignature: { type: DataTypes.STRING(128), allowNull: true },
      sealedHash: { type: DataTypes.CHAR(64), allowNull: true },
      sealToken: { type: DataTypes.STRING(400), allowNull: true },
      pdfSha256: { type: DataTypes.CHAR(64), allowNull: true },
      cancelReason: { type: DataTypes.STRING(500), allowNull: true },
      provinceCode: { type: DataTypes.STRING(2), allowNull: true },
      statusReason: { type: DataTypes.STRING(500), allowNull: true },
      category: { type: DataTypes.STRING(32), allowNull: true },
      searchText: { type: DataTypes.STRING(1000), allowNull: true },
      nextDueOn: { type: DataTypes.STRING(10), allowNull: true },
      deliveredQuantity: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      deliveredVnd: moneyColumn("deliveredVnd", 0),
      quantity: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      ownerId: { type: DataTypes.INTEGER, allowNull: true },
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    { sequelize, tableName: "agreements", underscored: true },
  );

  class AgreementVersion extends Model<
    InferAttributes<AgreementVersion>,
    InferCreationAttributes<AgreementVersion>
  > {
    declare id: CreationOptional<number>;
    declare agreementId: number;
    declare version: number;
    /** RFC 8785 canonical JSON of the content */
    declare content: string;
    declare contentHash: string;
    declare authorId: number | null;
    declare side: AgreementParty | "staff";
    declare note: string | null;
    declare createdAt: CreationOptional<Date>;
  }
  AgreementVersion.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      agreementId: { type: DataTypes.INTEGER, allowNull: false },
      version: { type: DataTypes.INTEGER, allowNull: false },
      content: { type: DataTypes.TEXT("medium"), allowNull: false },
      contentHash: { type: DataTypes.CHAR(64), allowNull: false },
      authorId: { type: DataTypes.INTEGER, allowNull: true },
      side: { type: DataTypes.STRING(16), allowNull: false },
      note: { type: DataTypes.STRING(1000), allowNull: true },
      createdAt: DataTypes.DATE,
    },
    { sequelize, tableName: "agreement_versions", underscored: true, updatedAt: false },
  );

  class AgreementSignature extends Model<
    InferAttributes<AgreementSignature>,
    InferCreationAttributes<AgreementSignature>
  > {
    declare id: CreationOptional<number>;
    declare agreementId: number;
    declare version: number;
    declare party: AgreementParty;
    declare signerId: number | null;
    declare signerName: string;
    declare organisation: string;
    declare title: string;
    declare method: SignatureMethod;
    declare contentHash: string;
    /** What the signature rests on besides the chain: the scan's SHA-256 for paper; a CMS signature for a CA signer. */
    declare evidence: CreationOptional<string | null>;
    declare ip: string | null;
    declare userAgent: string | null;
    declare signedAt: Date;
    declare voidedAt: CreationOptional<Date | null>;
  }
  AgreementSignature.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      agreementId: { type: DataTypes.INTEGER, allowNull: false },
      version: { type: DataTypes.INTEGER, allowNull: false },
      party: { type: DataTypes.STRING(16), allowNull: false },
      signerId: { type: DataTypes.INTEGER, allowNull: true },
      signerName: { type: DataTypes.STRING(200), allowNull: false },
      organisation: { type: DataTypes.STRING(300), allowNull: false },
      title: { type: DataTypes.STRING(200), allowNull: false },
      method: { type: DataTypes.STRING(16), allowNull: false },
      contentHash: { type: DataTypes.CHAR(64), allowNull: false },
      evidence: { type: DataTypes.TEXT, allowNull: true },
      ip: { type: DataTypes.STRING(64), allowNull: true },
      userAgent: { type: DataTypes.STRING(500), allowNull: true },
      signedAt: { type: DataTypes.DATE, allowNull: false },
      voidedAt: { type: DataTypes.DATE, allowNull: true },
    },
    { sequelize, tableName: "agreement_signatures", underscored: true, timestamps: false },
  );

  class AgreementComment extends Model<
    InferAttributes<AgreementComment>,
    InferCreationAttributes<AgreementComment>
  > {
    declare id: CreationOptional<number>;
    declare agreementId: number;
    declare version: number;
    declare authorId: number | null;
    declare side: AgreementParty | "staff";
    declare body: string;
    declare createdAt: CreationOptional<Date>;
    declare updatedAt: CreationOptional<Date>;
  }
  AgreementComment.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      agreementId: { type: DataTypes.INTEGER, allowNull: false },
      version: { type: DataTypes.INTEGER, allowNull: false },
      authorId: { type: DataTypes.INTEGER, allowNull: true },
      side: { type: DataTypes.STRING(16), allowNull: false },
      body: { type: DataTypes.TEXT, allowNull: false },
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    { sequelize, tableName: "agreement_comments", underscored: true },
  );

  /** One link of an agreement's hash-chained audit trail (server/agreements/audit-chain.ts). */
  class AgreementEvent extends Model<
    InferAttributes<AgreementEvent>,
    InferCreationAttributes<AgreementEvent>
  > {
    declare id: CreationOptional<number>;
    declare agreementId: number;
    declare seq: number;
    declare action: string;
    declare actorId: number | null;
    /** ISO 8601 as hashed */
    declare at: string;
    /** canonical JSON */
    declare data: string;
    declare prevHash: string;
    declare hash: string;
  }
  AgreementEvent.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      agreementId: { type: DataTypes.INTEGER, allowNull: false },
      seq: { type: DataTypes.INTEGER, allowNull: false },
      action: { type: DataTypes.STRING(48), allowNull: false },
      actorId: { type: DataTypes.INTEGER, allowNull: true },
      at: { type: DataTypes.STRING(30), allowNull: false },
      data: { type: DataTypes.TEXT, allowNull: false },
      prevHash: { type: DataTypes.CHAR(64), allowNull: false },
      hash: { type: DataTypes.CHAR(64), allowNull: false },
    },
    { sequelize, tableName: "agreement_events", underscored: true, timestamps: false },
  );

  class AgreementDocument extends Model<
    InferAttributes<AgreementDocument>,
    InferCreationAttributes<AgreementDocument>
  > {
    declare id: CreationOptional<number>;
    declare agreementId: number;
    declare kind: "sealed_pdf" | "paper_scan";
    declare contentType: string;
    declare sha256: string;
    declare bytes: Buffer;
    declare createdAt: CreationOptional<Date>;
  }
  AgreementDocument.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      agreementId: { type: DataTypes.INTEGER, allowNull: false },
      kind: { type: DataTypes.STRING(16), allowNull: false },
      contentType: { type: DataTypes.STRING(100), allowNull: false },
      sha256: { type: DataTypes.CHAR(64), allowNull: false },
      bytes: { type: DataTypes.BLOB("long"), allowNull: false },
      createdAt: DataTypes.DATE,
    },
    { sequelize, tableName: "agreement_documents", underscored: true, updatedAt: false },
  );

  /** A delivery recorded by a party against the schedule, confirmed or disputed by the other (migration 0020). */
  class AgreementDelivery extends Model<
    InferAttributes<AgreementDelivery>,
    InferCreationAttributes<AgreementDelivery>
  > {
    declare id: CreationOptional<number>;
    declare agreementId: number;
    declare requestId: string;
    declare scheduledOn: string | null;
    declare deliveredOn: string;
    declare quantity: number;
    declare valueVnd: number;
    declare note: string | null;
    declare photoUrl: string | null;
    declare side: AgreementParty;
    declare recordedBy: number | null;
    declare status: DeliveryStatus;
    declare answeredBy: CreationOptional<number | null>;
    declare answeredAt: CreationOptional<Date | null>;
    declare disputeReason: CreationOptional<string | null>;
    declare createdAt: CreationOptional<Date>;
    declare updatedAt: CreationOptional<Date>;
  }
  AgreementDelivery.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      agreementId: { type: DataTypes.INTEGER, allowNull: false },
      requestId: { type: DataTypes.STRING(40), allowNull: false },
      scheduledOn: { type: DataTypes.STRING(10), allowNull: true },
      deliveredOn: { type: DataTypes.STRING(10), allowNull: false },
      quantity: { type: DataTypes.INTEGER, allowNull: false },
      valueVnd: moneyColumn("valueVnd"),
      note: { type: DataTypes.STRING(1000), allowNull: true },
      photoUrl: { type: DataTypes.STRING(300), allowNull: true },
      side: { type: DataTypes.STRING(16), allowNull: false },
      recordedBy: { type: DataTypes.INTEGER, allowNull: true },
      status: { type: DataTypes.STRING(16), allowNull: false },
      answeredBy: { type: DataTypes.INTEGER, allowNull: true },
      answeredAt: { type: DataTypes.DATE, allowNull: true },
      disputeReason: { type: DataTypes.STRING(500), allowNull: true },
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    { sequelize, tableName: "agreement_deliveries", underscored: true },
  );

  /** A task of the union staff on a sealed agreement, due on a day (migration 0022). */
  class AgreementFollowUp extends Model<
    InferAttributes<AgreementFollowUp>,
    InferCreationAttributes<AgreementFollowUp>
  > {
    declare id: CreationOptional<number>;
    declare agreementId: number;
    declare key: string;
    declare kind: FollowUpKind;
    declare detail: string | null;
    declare dueOn: string;
    declare note: string | null;
    declare assigneeId: number | null;
    declare status: FollowUpStatus;
    declare outcome: CreationOptional<string | null>;
    declare completedBy: CreationOptional<number | null>;
    declare completedAt: CreationOptional<Date | null>;
    declare createdBy: number | null;
    declare reminded: CreationOptional<number>;
    declare createdAt: CreationOptional<Date>;
    declare updatedAt: CreationOptional<Date>;
  }
  AgreementFollowUp.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      agreementId: { type: DataTypes.INTEGER, allowNull: false },
      key: { type: DataTypes.STRING(64), allowNull: false },
      kind: { type: DataTypes.STRING(16), allowNull: false },
      detail: { type: DataTypes.STRING(16), allowNull: true },
      dueOn: { type: DataTypes.STRING(10), allowNull: false },
      note: { type: DataTypes.STRING(1000), allowNull: true },
      assigneeId: { type: DataTypes.INTEGER, allowNull: true },
      status: { type: DataTypes.STRING(16), allowNull: false },
      outcome: { type: DataTypes.STRING(2000), allowNull: true },
      completedBy: { type: DataTypes.INTEGER, allowNull: true },
      completedAt: { type: DataTypes.DATE, allowNull: true },
      createdBy: { type: DataTypes.INTEGER, allowNull: true },
      reminded: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    { sequelize, tableName: "agreement_follow_ups", underscored: true },
  );

  /** What staff write down while following an agreement; never shown to its parties (migration 0022). */
  class AgreementNote extends Model<InferAttributes<AgreementNote>, InferCreationAttributes<AgreementNote>> {
    declare id: CreationOptional<number>;
    declare agreementId: number;
    declare authorId: number | null;
    declare body: string;
    declare requestId: string;
    declare createdAt: CreationOptional<Date>;
    declare updatedAt: CreationOptional<Date>;
  }
  AgreementNote.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      agreementId: { type: DataTypes.INTEGER, allowNull: false },
      authorId: { type: DataTypes.INTEGER, allowNull: true },
      body: { type: DataTypes.STRING(2000), allowNull: false },
      requestId: { type: DataTypes.STRING(40), allowNull: false },
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    { sequelize, tableName: "agreement_notes", underscored: true },
  );

  return {
    Agreement,
    AgreementFollowUp,
    AgreementNote,
    AgreementVersion,
    AgreementSignature,
    AgreementComment,
    AgreementEvent,
    AgreementDocument,
    AgreementDelivery,
  };
}

export type AgreementRecord = InstanceType<ReturnType<typeof defineAgreementModels>["Agreement"]>;
