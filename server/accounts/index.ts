import type { Transaction } from "sequelize";
import type { z } from "zod";
import type { Config } from "../config";
import { recordAudit } from "../audit";
import type { Database } from "../db";
import { uniqueViolation } from "../db/slugs";
import { Invalid } from "../errors";
import { enqueueNotification } from "../notifications";
import { parseOrInvalid, parseParts } from "../validation";
import type { Locale } from "../vocabulary/locale";
import type { CurrentUser } from "./current-user";
import { createLogin } from "./login";
import { createPasswordReset, PASSWORD_RESET_LIMITS } from "./password-reset";
import { hashPassword, verifyPassword } from "./passwords";
import { accountSchema, organisationSchema, passwordChangeSchema, profileSchema } from "./schemas";
import { createSessions, hashToken, type RequestMeta } from "./sessions";
import { createThrottle } from "./throttle";
import { userLookup } from "./user-lookup";

export type { CurrentUser } from "./current-user";

/** What a kind of account brings with it when it is opened (see registerAccount). */
export interface Registration<E> {
  role: "buyer" | "cooperative";
  /** Its own fields, checked together with the account's so the form shows every problem at once. */
  schema?: z.ZodType<E>;
  /** Written in the account's transaction, after the user. */
  within?: (transaction: Transaction, user: { id: number }, extra: E) => Promise<void>;
  /** A failure after which the whole registration runs again (a slug taken meanwhile). */
  retryIf?: (error: unknown) => boolean;
}
export { SESSION_DAYS, type RequestMeta } from "./sessions";
export { PASSWORD_RESET_LIMITS, PASSWORD_RESET_MINUTES } from "./password-reset";

/** Password confirmations (re-authentication) per account before a pause. */
const REAUTH_LIMIT = 5;
const REAUTH_WINDOW_MINUTES = 15;

export function createAccountsService({
  db,
  config,
}: {
  db: Database;
  config: Pick<Config, "loginLimits" | "publicUrl">;
}) {
  const { models } = db;
  const sessions = createSessions(models);
  const users = userLookup(db);
  const throttle = createThrottle(models, {
    retainMs:
      Math.max(config.loginLimits.windowMinutes, PASSWORD_RESET_LIMITS.windowMinutes, REAUTH_WINDOW_MINUTES) *
      60_000,
  });
  const login = createLogin({ db, config, throttle, sessions });
  const passwordReset = createPasswordReset({ db, config, throttle, sessions });

  async function emailTaken(email: string) {
    return (await models.User.count({ where: { email } })) > 0;
  }

  /**
   * Open an account: the account's fields, and what the account brings with it (a buyer's organisation here, a
   * cooperative's profile from the cooperatives module through `extra`), in one transaction. The unique index on
   * email settles two registrations of one address at once; the new session replaces any the browser held.
   */
  async function registerAccount<E>({
    form,
    meta,
    presentedToken = null,
    registration,
  }: {
    form: Record<string, unknown>;
    meta: RequestMeta;
    presentedToken?: string | null;
    registration: Registration<E>;
  }): Promise<{ userId: number; token: string }> {
    const [account, extra] = registration.schema
      ? parseParts(form, accountSchema, registration.schema)
      : [...parseParts(form, accountSchema), undefined as E];
    if (await emailTaken(account.email)) throw new Invalid({ email: { code: "email_taken" } });
    const passwordHash = await hashPassword(account.password);
    let userId: number;
    try {
      userId = await db.transaction(
        async (transaction) => {
          const user = await models.User.create(
            {
              email: account.email,
              passwordHash,
              fullName: account.fullName,
              phone: account.phone ?? null,
              role: registration.role,
              locale: meta.locale,
              organisationId: null,
              disabledAt: null,
              lastLoginAt: new Date(),
              // The schema refused the form unless the box was ticked: this is when the user consented.
              privacyConsentAt: new Date(),
            },
            { transaction },
          );
          await recordAudit(models, transaction, {
            actorId: user.id,
            action: "user.registered",
            entityType: "user",
            entityId: user.id,
            data: { role: registration.role, ip: meta.ip, privacyConsentAt: user.privacyConsentAt },
          });
          await registration.within?.(transaction, { id: user.id }, extra as E);
          return user.id;
        },
        { retryIf: registration.retryIf },
      );
    } catch (error) {
      if (uniqueViolation(error)?.some((f) => f.includes("email"))) {
        throw new Invalid({ email: { code: "email_taken" } });
      }
      throw error;
    }
    return { userId, token: await sessions.rotate(presentedToken, userId, meta) };
  }

  /** A buyer, for a household or (ticking the box) for an organisation with its tax code. */
  function registerBuyer({
    form,
    meta,
    presentedToken = null,
  }: {
    form: Record<string, unknown>;
    meta: RequestMeta;
    presentedToken?: string | null;
  }) {
    const isBusiness = form.isBusiness === "on" || form.isBusiness === "true" || form.isBusiness === true;
    if (!isBusiness) return registerAccount({ form, meta, presentedToken, registration: { role: "buyer" } });
    return registerAccount({
      form,
      meta,
      presentedToken,
      registration: {
        role: "buyer",
        schema: organisationSchema,
        async within(transaction, user, org) {
          const created = await models.Organisation.create(
            {
              name: org.organisationName,
              kind: org.organisationKind,
              taxCode: org.taxCode ?? null,
              provinceCode: org.organisationProvinceCode ?? null,
              wardCode: org.organisationWardCode ?? null,
              address: org.organisationAddress ?? null,
            },
            { transaction },
          );
          await models.User.update({ organisationId: created.id }, { where: { id: user.id }, transaction });
        },
      },
    });
  }

  return {
    registerBuyer,
    registerAccount,

    login,
    // requestPasswordReset, getPasswordReset, resetPassword, and the job that issues the links (jobHandlers).
    ...passwordReset,

    /** A new session for the same user in place of the presented one (see Sessions.rotate). */
    rotateSession: ({
      presentedToken,
      userId,
      meta,
    }: {
      presentedToken: string | null;
      userId: number;
      meta: Omit<RequestMeta, "locale">;
    }) => sessions.rotate(presentedToken, userId, meta),

    async logout({ token }: { token: string | null }): Promise<void> {
      await sessions.end(token);
    },

    /** "Sign out everywhere": every session of the account ends, the one asking included. */
    async endAllSessions(
      user: CurrentUser,
      { meta }: { meta: Omit<RequestMeta, "locale"> },
    ): Promise<number> {
      return db.transaction(async (transaction) => {
        const ended = await sessions.endAllFor(user.id, transaction);
        await recordAudit(models, transaction, {
          actorId: user.id,
          action: "user.signed_out_everywhere",
          entityType: "user",
          entityId: user.id,
          data: { sessions: ended, ip: meta.ip },
        });
        return ended;
      });
    },

    /**
     * Resolve the session cookie's token to the current user: one statement per request (session, user,
     * organisation and membership joined); an expired session is removed on sight.
     */
    async getUserForSession({ token }: { token: string | null }): Promise<CurrentUser | null> {
      if (!token) return null;
      const id = hashToken(token);
      const found = await users.bySession(id, new Date());
      if (found?.expired) await sessions.endById(id);
      return found?.user ?? null;
    },

    /** The same view of a user, by id or by email, for scripts and seeds, which act without a session. */
    async getCurrentUser(input: { userId: number } | { email: string }): Promise<CurrentUser | null> {
      return users.byUser("userId" in input ? input : { email: input.email.trim().toLowerCase() });
    },

    async updateProfile(user: CurrentUser, form: unknown) {
      const profile = parseOrInvalid(profileSchema, form);
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
    async updateOrganisation(user: CurrentUser, form: Record<string, unknown>) {
      const remove = form.remove === "on" || form.remove === "true";
      const org = remove ? null : parseOrInvalid(organisationSchema, form);
      await db.transaction(async (transaction) => {
        if (!org) {
          await models.User.update({ organisationId: null }, { where: { id: user.id }, transaction });
        } else {
          const values = {
            name: org.organisationName,
            kind: org.organisationKind,
            taxCode: org.taxCode ?? null,
            provinceCode: org.organisationProvinceCode ?? null,
            wardCode: org.organisationWardCode ?? null,
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

    /**
     * Re-authentication before an act that must be the account owner's own (signing an agreement): the password
     * again, at most REAUTH_LIMIT tries per account in REAUTH_WINDOW_MINUTES, counted before the check as login
     * counts. A success forgets the account's tries.
     */
    async confirmPassword(user: CurrentUser, password: string) {
      const key = `reauth:${user.id}`;
      await throttle.attempt(
        [{ key, max: REAUTH_LIMIT }],
        REAUTH_WINDOW_MINUTES * 60_000,
        "reauth_rate_limited",
      );
      const record = await models.User.findByPk(user.id, { attributes: ["passwordHash"] });
      if (!record || !(await verifyPassword(password, record.passwordHash)))
        throw new Invalid({ password: { code: "wrong_password" } });
      await throttle.forget({ keys: [key] });
    },

    /**
     * Changing the password ends every other session of the account and every outstanding reset link, and tells
     * the owner by mail.
     */
    async changePassword(
      user: CurrentUser,
      { form, currentToken }: { form: unknown; currentToken: string | null },
    ) {
      const change = parseOrInvalid(passwordChangeSchema, form);
      const record = await models.User.findByPk(user.id);
      if (!record || !(await verifyPassword(change.currentPassword, record.passwordHash))) {
        throw new Invalid({ currentPassword: { code: "wrong_password" } });
      }
      const passwordHash = await hashPassword(change.password);
      await db.transaction(async (transaction) => {
        await record.update({ passwordHash }, { transaction });
        await sessions.endAllFor(user.id, transaction, { except: currentToken });
        await models.PasswordReset.update(
          { revokedAt: new Date() },
          { where: { userId: user.id, usedAt: null, revokedAt: null }, transaction },
        );
        await recordAudit(models, transaction, {
          actorId: user.id,
          action: "user.password_changed",
          entityType: "user",
          entityId: user.id,
        });
        await enqueueNotification(models, transaction, {
          userId: user.id,
          channel: "email",
          recipient: record.email,
          template: "password_changed",
          params: { name: record.fullName },
          locale: record.locale,
        });
      });
    },

    async setLocale(user: CurrentUser, { locale }: { locale: Locale }) {
      await models.User.update({ locale }, { where: { id: user.id } });
    },
  };
}

export type AccountsService = ReturnType<typeof createAccountsService>;
