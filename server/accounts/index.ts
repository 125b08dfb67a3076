import { createHash, randomBytes } from "node:crypto";
import { Op } from "sequelize";
import type { Config } from "../config";
import { recordAudit } from "../audit";
import { createCooperative } from "../cooperatives";
import { cooperativeProfileSchema } from "../cooperatives/schemas";
import type { Database } from "../db";
import { isSlugRace, uniqueViolation } from "../db/slugs";
import type { UserRecord } from "../db/models/accounts";
import type { CooperativeRecord } from "../db/models/cooperatives";
import { Invalid, RateLimited } from "../errors";
import { enqueueNotification } from "../notifications";
import { parseOrInvalid, parseParts } from "../validation";
import type { CurrentUser } from "./current-user";
import { DUMMY_HASH, hashPassword, verifyPassword } from "./passwords";
import {
  accountSchema,
  loginSchema,
  organisationSchema,
  passwordChangeSchema,
  profileSchema,
} from "./schemas";

export type { CurrentUser } from "./current-user";

export const SESSION_DAYS = 30;

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
  locale: string;
}

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export function createAccountsService({ db, config }: { db: Database; config: Pick<Config, "loginLimits"> }) {
  const { models } = db;

  async function openSession(userId: number, meta: RequestMeta): Promise<string> {
    const token = randomBytes(32).toString("base64url");
    await models.Session.create({
      id: hashToken(token),
      userId,
      expiresAt: new Date(Date.now() + SESSION_DAYS * 86400_000),
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
      ip: meta.ip,
    });
    return token;
  }

  async function emailTaken(email: string) {
    return (await models.User.count({ where: { email } })) > 0;
  }

  /** Registration shares one shape for both kinds; the unique index on email settles races. */
  async function register(
    input: Record<string, unknown>,
    meta: RequestMeta,
    kind: "buyer" | "cooperative",
  ): Promise<{ userId: number; token: string }> {
    const isBusiness = input.isBusiness === "on" || input.isBusiness === "true" || input.isBusiness === true;
    const [account, extra] =
      kind === "cooperative"
        ? parseParts(input, accountSchema, cooperativeProfileSchema)
        : isBusiness
          ? parseParts(input, accountSchema, organisationSchema)
          : [...parseParts(input, accountSchema), null];
    if (await emailTaken(account.email)) throw new Invalid({ email: { code: "email_taken" } });
    const passwordHash = await hashPassword(account.password);
    let userId: number;
    try {
      // Two cooperatives registering the same name at once race for one slug: the loser runs again.
      userId = await db.transaction(
        async (transaction) => {
          let organisationId: number | null = null;
          if (kind === "buyer" && extra && "organisationName" in extra) {
            const org = await models.Organisation.create(
              {
                name: extra.organisationName,
                kind: extra.organisationKind,
                taxCode: extra.taxCode ?? null,
                address: extra.organisationAddress ?? null,
              },
              { transaction },
            );
            organisationId = org.id;
          }
          const user = await models.User.create(
            {
              email: account.email,
              passwordHash,
              fullName: account.fullName,
              phone: account.phone ?? null,
              role: kind,
              locale: meta.locale,
              organisationId,
              disabledAt: null,
              lastLoginAt: new Date(),
            },
            { transaction },
          );
          await recordAudit(models, transaction, {
            actorId: user.id,
            action: "user.registered",
            entityType: "user",
            entityId: user.id,
            data: { role: kind, ip: meta.ip },
          });
          if (kind === "cooperative" && extra && "cooperativeName" in extra) {
            const cooperative = await createCooperative(models, transaction, extra, user.id);
            const staff = await models.User.findAll({
              where: { role: "staff", disabledAt: null },
              transaction,
            });
            for (const s of staff) {
              await enqueueNotification(models, transaction, {
                userId: s.id,
                channel: "email",
                recipient: s.email,
                template: "cooperative_pending_review",
                params: { cooperative: cooperative.name, province: cooperative.provinceCode },
                locale: s.locale,
              });
            }
          }
          return user.id;
        },
        { retryIf: isSlugRace },
      );
    } catch (error) {
      if (uniqueViolation(error)?.some((f) => f.includes("email"))) {
        throw new Invalid({ email: { code: "email_taken" } });
      }
      throw error;
    }
    return { userId, token: await openSession(userId, meta) };
  }

  /** Plain data about a user and their cooperative membership; null when unknown or disabled. */
  async function currentUserById(userId: number): Promise<CurrentUser | null> {
    const user = (await models.User.findByPk(userId, {
      include: [{ model: models.Organisation, as: "organisation" }],
    })) as (UserRecord & { organisation: InstanceType<typeof models.Organisation> | null }) | null;
    if (!user || user.disabledAt) return null;
    const membership = await models.CooperativeMember.findByPk(user.id, {
      include: [
        { model: models.Cooperative, as: "cooperative", attributes: ["id", "slug", "name", "status"] },
      ],
    });
    const coop = (membership as (NonNullable<typeof membership> & { cooperative?: CooperativeRecord }) | null)
      ?.cooperative;
    return {
      id: user.id,
      email: user.email,
      fullName: user.fullName,
      phone: user.phone,
      role: user.role,
      isAdmin: user.isAdmin,
      locale: user.locale,
      organisation: user.organisation
        ? {
            id: user.organisation.id,
            name: user.organisation.name,
            kind: user.organisation.kind,
            taxCode: user.organisation.taxCode,
            address: user.organisation.address,
          }
        : null,
      cooperative:
        membership && coop
          ? {
              id: coop.id,
              slug: coop.slug,
              name: coop.name,
              status: coop.status,
              memberRole: membership.role,
            }
          : null,
    };
  }

  async function failuresSince(key: string, since: Date) {
    return models.LoginFailure.findAll({
      where: { key, createdAt: { [Op.gte]: since } },
      attributes: ["createdAt"],
      order: [["createdAt", "ASC"]],
    });
  }

  return {
    registerBuyer: (input: Record<string, unknown>, meta: RequestMeta) => register(input, meta, "buyer"),
    registerCooperative: (input: Record<string, unknown>, meta: RequestMeta) =>
      register(input, meta, "cooperative"),

    /**
     * Log in, rate-limited per account and per IP: after too many failures within the window the attempt is
     * refused before the password is even checked, and the message says when to try again.
     */
    async login(input: unknown, meta: RequestMeta): Promise<{ userId: number; token: string }> {
      const { email, password } = parseOrInvalid(loginSchema, input);
      const { perAccount, perIp, windowMinutes } = config.loginLimits;
      const windowMs = windowMinutes * 60_000;
      const since = new Date(Date.now() - windowMs);
      const keys = [`email:${email}`, ...(meta.ip ? [`ip:${meta.ip}`] : [])];
      const [accountFailures, ipFailures] = await Promise.all(keys.map((k) => failuresSince(k, since)));
      for (const [failures, limit] of [
        [accountFailures, perAccount],
        [ipFailures, perIp],
      ] as const) {
        if (failures && failures.length >= limit) {
          const oldest = failures[failures.length - limit]!.createdAt.getTime();
          throw new RateLimited("login_rate_limited", Math.ceil((oldest + windowMs - Date.now()) / 1000));
        }
      }
      const user = await models.User.findOne({ where: { email } });
      const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
      if (!user || !ok || user.disabledAt) {
        await models.LoginFailure.bulkCreate(keys.map((key) => ({ key })));
        await models.LoginFailure.destroy({ where: { createdAt: { [Op.lt]: since } } });
        throw new Invalid({
          _form: { code: user?.disabledAt && ok ? "account_disabled" : "invalid_credentials" },
        });
      }
      await models.LoginFailure.destroy({ where: { key: keys[0] } });
      await user.update({ lastLoginAt: new Date() });
      return { userId: user.id, token: await openSession(user.id, meta) };
    },

    async logout(token: string | null): Promise<void> {
      if (token) await models.Session.destroy({ where: { id: hashToken(token) } });
    },

    /** Resolve the session cookie's token to the current user; expired sessions are removed on sight. */
    async userForToken(token: string | null): Promise<CurrentUser | null> {
      if (!token) return null;
      const session = await models.Session.findByPk(hashToken(token));
      if (!session) return null;
      if (session.expiresAt.getTime() < Date.now()) {
        await session.destroy();
        return null;
      }
      return currentUserById(session.userId);
    },

    /** The same view of a user for scripts and seeds, which act without a session. */
    currentUserById,

    async currentUserByEmail(email: string): Promise<CurrentUser | null> {
      const user = await models.User.findOne({
        where: { email: email.trim().toLowerCase() },
        attributes: ["id"],
      });
      return user ? currentUserById(user.id) : null;
    },

    async updateProfile(user: CurrentUser, input: unknown) {
      const profile = parseOrInvalid(profileSchema, input);
      await db.transaction(async (transaction) => {
        await models.User.update(
          { fullName: profile.fullName, phone: profile.phone ?? null },
          { where: { id: user.id }, transaction },
        );
        await recordAudit(models, transaction, {
          actorId: user.id,
          action: "user.profile_updated",
          entityType: "user",
          entityId: user.id,
        });
      });
    },

    /** Buyers set, change or remove the organisation they buy for. */
    async updateOrganisation(user: CurrentUser, input: Record<string, unknown>) {
      const remove = input.remove === "on" || input.remove === "true";
      const org = remove ? null : parseOrInvalid(organisationSchema, input);
      await db.transaction(async (transaction) => {
        if (!org) {
          await models.User.update({ organisationId: null }, { where: { id: user.id }, transaction });
        } else {
          const values = {
            name: org.organisationName,
            kind: org.organisationKind,
            taxCode: org.taxCode ?? null,
            address: org.organisationAddress ?? null,
          };
          if (user.organisation) {
            await models.Organisation.update(values, { where: { id: user.organisation.id }, transaction });
          } else {
            const created = await models.Organisation.create(values, { transaction });
            await models.User.update({ organisationId: created.id }, { where: { id: user.id }, transaction });
          }
        }
        await recordAudit(models, transaction, {
          actorId: user.id,
          action: remove ? "user.organisation_removed" : "user.organisation_updated",
          entityType: "user",
          entityId: user.id,
        });
      });
    },

    /** Changing the password ends every other session of the account. */
    async changePassword(user: CurrentUser, input: unknown, currentToken: string | null) {
      const change = parseOrInvalid(passwordChangeSchema, input);
      const record = await models.User.findByPk(user.id);
      if (!record || !(await verifyPassword(change.currentPassword, record.passwordHash))) {
        throw new Invalid({ currentPassword: { code: "wrong_password" } });
      }
      const passwordHash = await hashPassword(change.password);
      await db.transaction(async (transaction) => {
        await record.update({ passwordHash }, { transaction });
        await models.Session.destroy({
          where: { userId: user.id, ...(currentToken ? { id: { [Op.ne]: hashToken(currentToken) } } : {}) },
          transaction,
        });
        await recordAudit(models, transaction, {
          actorId: user.id,
          action: "user.password_changed",
          entityType: "user",
          entityId: user.id,
        });
      });
    },

    async setLocale(user: CurrentUser, locale: string) {
      await models.User.update({ locale }, { where: { id: user.id } });
    },
  };
}

export type AccountsService = ReturnType<typeof createAccountsService>;
