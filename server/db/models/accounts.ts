import {
  DataTypes,
  Model,
  type CreationOptional,
  type ForeignKey,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from "sequelize";

import type { OrganisationKind, Role } from "../../vocabulary/domain";
import type { Locale } from "../../vocabulary/locale";

export { ORGANISATION_KINDS, ROLES } from "../../vocabulary/domain";
export type { OrganisationKind, Role } from "../../vocabulary/domain";

export function defineAccountModels(sequelize: Sequelize) {
  class Organisation extends Model<InferAttributes<Organisation>, InferCreationAttributes<Organisation>> {
    declare id: CreationOptional<number>;
    declare name: string;
    declare kind: OrganisationKind;
    declare taxCode: string | null;
    declare provinceCode: CreationOptional<string | null>;
    declare wardCode: CreationOptional<string | null>;
    /** Street and number; province and ward are their own columns. */
    declare address: string | null;
    declare createdAt: CreationOptional<Date>;
    declare updatedAt: CreationOptional<Date>;
  }
  Organisation.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      name: { type: DataTypes.STRING(200), allowNull: false },
      kind: { type: DataTypes.STRING(20), allowNull: false },
      taxCode: { type: DataTypes.STRING(20), allowNull: true },
      provinceCode: { type: DataTypes.STRING(2), allowNull: true },
      wardCode: { type: DataTypes.STRING(5), allowNull: true },
      address: { type: DataTypes.STRING(300), allowNull: true },
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    { sequelize, tableName: "organisations", underscored: true },
  );

  class User extends Model<InferAttributes<User>, InferCreationAttributes<User>> {
    declare id: CreationOptional<number>;
    declare email: string;
    declare passwordHash: string;
    declare fullName: string;
    declare phone: string | null;
    declare role: Role;
    declare isAdmin: CreationOptional<boolean>;
    /** Staff: the province whose cooperative union they work for; null is the national level. */
    declare unionProvinceCode: CreationOptional<string | null>;
    /** Staff: the secret of their follow-ups calendar feed, made on first use (migration 0022). */
    declare calendarToken: CreationOptional<string | null>;
    declare locale: CreationOptional<Locale>;
    declare organisationId: ForeignKey<number> | null;
    declare disabledAt: Date | null;
    declare lastLoginAt: Date | null;
    /** When the user consented to the privacy notice (registration requires it); null for older accounts. */
    declare privacyConsentAt: CreationOptional<Date | null>;
    declare createdAt: CreationOptional<Date>;
    declare updatedAt: CreationOptional<Date>;
  }
  User.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      email: { type: DataTypes.STRING(254), allowNull: false, unique: true },
      passwordHash: { type: DataTypes.STRING(200), allowNull: false },
      fullName: { type: DataTypes.STRING(120), allowNull: false },
      phone: { type: DataTypes.STRING(20), allowNull: true },
      role: { type: DataTypes.STRING(16), allowNull: false },
      isAdmin: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      unionProvinceCode: { type: DataTypes.STRING(2), allowNull: true },
      calendarToken: { type: DataTypes.STRING(64), allowNull: true },
      locale: { type: DataTypes.STRING(5), allowNull: false, defaultValue: "vi" },
      organisationId: { type: DataTypes.INTEGER, allowNull: true },
      disabledAt: { type: DataTypes.DATE, allowNull: true },
      lastLoginAt: { type: DataTypes.DATE, allowNull: true },
      privacyConsentAt: { type: DataTypes.DATE, allowNull: true, defaultValue: null },
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    { sequelize, tableName: "users", underscored: true },
  );

  class Session extends Model<InferAttributes<Session>, InferCreationAttributes<Session>> {
    /** sha256 of the token in the cookie: a leaked table does not hand out sessions. */
    declare id: string;
    declare userId: number;
    declare expiresAt: Date;
    declare userAgent: string | null;
    declare ip: string | null;
    declare createdAt: CreationOptional<Date>;
  }
  Session.init(
    {
      id: { type: DataTypes.STRING(64), primaryKey: true },
      userId: { type: DataTypes.INTEGER, allowNull: false },
      expiresAt: { type: DataTypes.DATE, allowNull: false },
      userAgent: { type: DataTypes.STRING(300), allowNull: true },
      ip: { type: DataTypes.STRING(64), allowNull: true },
      createdAt: DataTypes.DATE,
    },
    { sequelize, tableName: "sessions", underscored: true, updatedAt: false },
  );

  /**
   * One counted attempt under a rate-limit key (server/accounts/throttle.ts): "email:<address>" and "ip:<address>"
   * for logins, "reset-email:<address>" and "reset-ip:<address>" for password reset requests. The table kept its
   * first name.
   */
  class LoginFailure extends Model<InferAttributes<LoginFailure>, InferCreationAttributes<LoginFailure>> {
    declare id: CreationOptional<number>;
    declare key: string;
    declare createdAt: CreationOptional<Date>;
  }
  LoginFailure.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      key: { type: DataTypes.STRING(300), allowNull: false },
      createdAt: DataTypes.DATE,
    },
    { sequelize, tableName: "login_failures", underscored: true, updatedAt: false },
  );

  class PasswordReset extends Model<InferAttributes<PasswordReset>, InferCreationAttributes<PasswordReset>> {
    declare id: CreationOptional<number>;
    declare userId: number;
    /** sha256 of the token in the mailed link: the table alone cannot reset anyone's password. */
    declare tokenHash: string;
    declare expiresAt: Date;
    declare usedAt: Date | null;
    /** Ended by a newer request, by another token's use or by a password change. */
    declare revokedAt: Date | null;
    declare requestedIp: string | null;
    declare createdAt: CreationOptional<Date>;
  }
  PasswordReset.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      userId: { type: DataTypes.INTEGER, allowNull: false },
      tokenHash: { type: DataTypes.STRING(64), allowNull: false, unique: true },
      expiresAt: { type: DataTypes.DATE, allowNull: false },
      usedAt: { type: DataTypes.DATE, allowNull: true },
      revokedAt: { type: DataTypes.DATE, allowNull: true },
      requestedIp: { type: DataTypes.STRING(64), allowNull: true },
      createdAt: DataTypes.DATE,
    },
    { sequelize, tableName: "password_resets", underscored: true, updatedAt: false },
  );

  User.belongsTo(Organisation, { foreignKey: "organisationId", as: "organisation" });
  Session.belongsTo(User, { foreignKey: "userId", as: "user" });
  PasswordReset.belongsTo(User, { foreignKey: "userId", as: "user" });

  return { Organisation, User, Session, LoginFailure, PasswordReset };
}

export type AccountModels = ReturnType<typeof defineAccountModels>;
export type UserRecord = InstanceType<AccountModels["User"]>;
export type OrganisationRecord = InstanceType<AccountModels["Organisation"]>;
