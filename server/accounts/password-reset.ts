import { Op } from "sequelize";
import { recordAudit } from "../audit";
import type { Config } from "../config";
import type { Database } from "../db";
import { Conflict } from "../errors";
import { enqueueJob, type JobHandler } from "../jobs";
import { enqueueNotification } from "../notifications";
import { parseOrInvalid } from "../validation";
import { loginKeys } from "./login";
import { hashPassword } from "./passwords";
import { forgotPasswordSchema, passwordResetSchema } from "./schemas";
import { hashToken, newToken, type RequestMeta, type Sessions } from "./sessions";
import type { Throttle } from "./throttle";

export const PASSWORD_RESET_MINUTES = 60;
/** Requests per address and per IP within the hour: enough for a lost mail or two, too few to flood a mailbox. */
export const PASSWORD_RESET_LIMITS = { perEmail: 3, perIp: 20, windowMinutes: 60 } as const;
export const ISSUE_PASSWORD_RESET = "accounts.issue_password_reset";

/**
 * Password recovery by mail. Asking for a link does exactly the same thing whether or not the address belongs to
 * an account — count the request, queue a job — so neither the answer nor its timing tells who is registered; the
 * job looks the address up and, for a live account, issues the token and queues the mail. A token is stored as
 * its SHA-256, works once, for an hour, and only while it is the account's newest.
 */
export function createPasswordReset({
  db,
  config,
  throttle,
  sessions,
}: {
  db: Database;
  config: Pick<Config, "publicUrl">;
  throttle: Throttle;
  sessions: Sessions;
}) {
  const { models } = db;
  const { User, PasswordReset } = models;

  /** The token's row when it can still be used, with its user. */
  async function usable(token: string) {
    if (!token || token.length > 100) return null;
    const row = await PasswordReset.findOne({ where: { tokenHash: hashToken(token) } });
    if (!row || row.usedAt || row.revokedAt || row.expiresAt.getTime() <= Date.now()) return null;
    const user = await User.findByPk(row.userId);
    if (!user || user.disabledAt) return null;
    return { row, user };
  }

  const issue: JobHandler = async (payload) => {
    const email = String(payload.email);
    const requestedAt = new Date(String(payload.requestedAt));
    const expiresAt = new Date(requestedAt.getTime() + PASSWORD_RESET_MINUTES * 60_000);
    // A request that waited out its own hour in the queue would only mail a dead link.
    if (expiresAt.getTime() <= Date.now()) return;
    const user = await User.findOne({ where: { email } });
    if (!user || user.disabledAt) return;
    const token = newToken();
    const url = `${String(payload.origin)}/reset-password/${token}`;
    await db.transaction(async (transaction) => {
      // Requests for one account are issued one at a time, so "only the newest works" holds with several workers.
      await User.findByPk(user.id, { lock: transaction.LOCK.UPDATE, transaction });
      await PasswordReset.update(
        { revokedAt: new Date() },
        { where: { userId: user.id, usedAt: null, revokedAt: null }, transaction },
      );
      await PasswordReset.create(
        {
          userId: user.id,
          tokenHash: hashToken(token),
          expiresAt,
          usedAt: null,
          revokedAt: null,
          requestedIp: typeof payload.ip === "string" ? payload.ip : null,
        },
        { transaction },
      );
      await enqueueNotification(models, transaction, {
        userId: user.id,
        channel: "email",
        recipient: user.email,
        template: "password_reset",
        params: { name: user.fullName, url, minutes: PASSWORD_RESET_MINUTES },
        locale: user.locale,
        secretParams: ["url"],
        expiresAt,
      });
      await recordAudit(models, transaction, {
        actorId: null,
        action: "user.password_reset_requested",
        entityType: "user",
        entityId: user.id,
        data: { ip: payload.ip ?? null },
      });
    });
  };

  return {
    /** How long a mailed link works, for the pages that say so. */
    resetLinkMinutes: PASSWORD_RESET_MINUTES,

    /**
     * "Forgot password": always the same answer for a well-formed address. Rate-limited per address and per IP,
     * the same way for unknown addresses, so the limit does not reveal them either.
     */
    async requestPasswordReset({
      form,
      meta,
      requestOrigin,
    }: {
      form: unknown;
      meta: RequestMeta;
      /** The origin the request came to, for links when PUBLIC_URL is not set. */
      requestOrigin: string;
    }): Promise<{ email: string }> {
      const { email } = parseOrInvalid(forgotPasswordSchema, form);
      const { perEmail, perIp, windowMinutes } = PASSWORD_RESET_LIMITS;
      await throttle.attempt(
        [
          { key: `reset-email:${email}`, max: perEmail },
          ...(meta.ip ? [{ key: `reset-ip:${meta.ip}`, max: perIp }] : []),
        ],
        windowMinutes * 60_000,
        "password_reset_rate_limited",
      );
      // PUBLIC_URL when set: the Host header of the request is the client's to choose.
      const origin = config.publicUrl ?? requestOrigin;
      await db.transaction((transaction) =>
        enqueueJob(models, transaction, ISSUE_PASSWORD_RESET, {
          email,
          origin,
          ip: meta.ip,
          requestedAt: new Date().toISOString(),
        }),
      );
      return { email };
    },

    /** Whose password a link would reset, or null when it is unknown, used, superseded or expired. */
    async getPasswordReset({ token }: { token: string }): Promise<{ email: string } | null> {
      const found = await usable(token);
      return found ? { email: found.user.email } : null;
    },

    /**
     * Set the new password from a mailed link. The token is taken by a conditional update, so of two tabs
     * submitting one link only one succeeds. Every session of the account ends (a thief's too) and the user is
     * signed in afresh; other outstanding links die with it.
     */
    async resetPassword({
      token,
      form,
      meta,
      presentedToken = null,
    }: {
      /** The token from the mailed link. */
      token: string;
      form: unknown;
      meta: RequestMeta;
      presentedToken?: string | null;
    }): Promise<{ userId: number; token: string }> {
      const found = await usable(token);
      if (!found) throw new Conflict("reset_link_invalid");
      const { password } = parseOrInvalid(passwordResetSchema, form);
      const { row, user } = found;
      const passwordHash = await hashPassword(password);
      return db.transaction(async (transaction) => {
        const now = new Date();
        const [taken] = await PasswordReset.update(
          { usedAt: now },
          {
            where: { id: row.id, usedAt: null, revokedAt: null, expiresAt: { [Op.gt]: now } },
            transaction,
          },
        );
        if (taken !== 1) throw new Conflict("reset_link_invalid");
        await PasswordReset.update(
          { revokedAt: now },
          { where: { userId: user.id, usedAt: null, revokedAt: null }, transaction },
        );
        await User.update({ passwordHash }, { where: { id: user.id }, transaction });
        await sessions.endAllFor(user.id, transaction);
        // Whoever locked the account out by guessing no longer keeps its owner from the new password.
        await models.LoginFailure.destroy({ where: { key: loginKeys.account(user.email) }, transaction });
        await recordAudit(models, transaction, {
          actorId: user.id,
          action: "user.password_reset",
          entityType: "user",
          entityId: user.id,
          data: { ip: meta.ip },
        });
        await enqueueNotification(models, transaction, {
          userId: user.id,
          channel: "email",
          recipient: user.email,
          template: "password_changed",
          params: { name: user.fullName },
          locale: user.locale,
        });
        return { userId: user.id, token: await sessions.rotate(presentedToken, user.id, meta, transaction) };
      });
    },

    jobHandlers: (): Record<string, JobHandler> => ({ [ISSUE_PASSWORD_RESET]: issue }),
  };
}
