import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from "sequelize";
import type { Locale } from "../../vocabulary/locale";

/** Tables of the shared mechanisms: the jobs outbox, the notification outbox, the audit log. */
export function definePlatformModels(sequelize: Sequelize) {
  class Job extends Model<InferAttributes<Job>, InferCreationAttributes<Job>> {
    declare id: CreationOptional<number>;
    declare type: string;
    /** JSON text; parsed in one place (server/jobs). */
    declare payload: string;
    declare status: CreationOptional<"pending" | "running" | "done" | "failed">;
    declare attempts: CreationOptional<number>;
    declare maxAttempts: CreationOptional<number>;
    declare runAt: Date;
    declare lockedBy: string | null;
    declare lockedAt: Date | null;
    declare lastError: string | null;
    declare finishedAt: Date | null;
    declare createdAt: CreationOptional<Date>;
    declare updatedAt: CreationOptional<Date>;
  }
  Job.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      type: { type: DataTypes.STRING(64), allowNull: false },
      payload: { type: DataTypes.TEXT, allowNull: false },
      status: { type: DataTypes.STRING(10), allowNull: false, defaultValue: "pending" },
      attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      maxAttempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 8 },
      runAt: { type: DataTypes.DATE, allowNull: false },
      lockedBy: { type: DataTypes.STRING(100), allowNull: true },
      lockedAt: { type: DataTypes.DATE, allowNull: true },
      lastError: { type: DataTypes.TEXT, allowNull: true },
      finishedAt: { type: DataTypes.DATE, allowNull: true },
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    { sequelize, tableName: "jobs", underscored: true },
  );

  class Notification extends Model<InferAttributes<Notification>, InferCreationAttributes<Notification>> {
    declare id: CreationOptional<number>;
    declare userId: number | null;
    declare channel: "email" | "sms";
    declare recipient: string;
    declare template: string;
    declare params: string;
    declare locale: Locale;
    declare status: CreationOptional<"pending" | "sent" | "failed">;
    declare sentAt: Date | null;
    declare lastError: string | null;
    declare createdAt: CreationOptional<Date>;
    declare updatedAt: CreationOptional<Date>;
  }
  Notification.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      userId: { type: DataTypes.INTEGER, allowNull: true },
      channel: { type: DataTypes.STRING(10), allowNull: false },
      recipient: { type: DataTypes.STRING(254), allowNull: false },
      template: { type: DataTypes.STRING(64), allowNull: false },
      params: { type: DataTypes.TEXT, allowNull: false },
      locale: { type: DataTypes.STRING(5), allowNull: false },
      status: { type: DataTypes.STRING(10), allowNull: false, defaultValue: "pending" },
      sentAt: { type: DataTypes.DATE, allowNull: true },
      lastError: { type: DataTypes.TEXT, allowNull: true },
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    { sequelize, tableName: "notifications", underscored: true },
  );

  class AuditEvent extends Model<InferAttributes<AuditEvent>, InferCreationAttributes<AuditEvent>> {
    declare id: CreationOptional<number>;
    declare actorId: number | null;
    declare action: string;
    declare entityType: string;
    declare entityId: string;
    declare data: string;
    declare createdAt: CreationOptional<Date>;
  }
  AuditEvent.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      actorId: { type: DataTypes.INTEGER, allowNull: true },
      action: { type: DataTypes.STRING(64), allowNull: false },
      entityType: { type: DataTypes.STRING(32), allowNull: false },
      entityId: { type: DataTypes.STRING(64), allowNull: false },
      data: { type: DataTypes.TEXT, allowNull: false },
      createdAt: DataTypes.DATE,
    },
    { sequelize, tableName: "audit_events", underscored: true, updatedAt: false },
  );

  return { Job, Notification, AuditEvent };
}

export type PlatformModels = ReturnType<typeof definePlatformModels>;
