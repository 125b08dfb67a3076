import { createHash, randomBytes } from "node:crypto";
import { Op, type Transaction } from "sequelize";
import type { Models } from "../db/models";
import type { Locale } from "../vocabulary/locale";

export const SESSION_DAYS = 30;

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
  locale: Locale;
}

/** Session and reset tokens are stored as their SHA-256: a leaked table hands out nothing. */
export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export const newToken = () => randomBytes(32).toString("base64url");

/**
 * Database-backed sessions. Every way in (registration, login, password reset) issues a fresh token and destroys
 * the one the browser presented, so a token planted in a victim's browser before they sign in (session fixation)
 * never becomes theirs.
 */
export function createSessions(models: Models) {
  const { Session } = models;

  async function open(userId: number, meta: Omit<RequestMeta, "locale">, transaction?: Transaction) {
    const token = newToken();
    await Session.create(
      {
        id: hashToken(token),
        userId,
        expiresAt: new Date(Date.now() + SESSION_DAYS * 86400_000),
        userAgent: meta.userAgent?.slice(0, 300) ?? null,
        ip: meta.ip,
      },
      { transaction },
    );
    return token;
  }

  async function end(token: string | null, transaction?: Transaction) {
    if (token) await Session.destroy({ where: { id: hashToken(token) }, transaction });
  }

  return {
    open,
    end,

    /**
     * The one way to change who a browser is or what it may do: the presented token is destroyed and a new one
     * issued. Call it when a user signs in, and whenever a signed-in user's role or privileges change.
     */
    async rotate(
      presentedToken: string | null,
      userId: number,
      meta: Omit<RequestMeta, "locale">,
      transaction?: Transaction,
    ): Promise<string> {
      await end(presentedToken, transaction);
      return open(userId, meta, transaction);
    },

    /** Every session of the account, or every one but the one kept. */
    async endAllFor(userId: number, transaction: Transaction, options: { except?: string | null } = {}) {
      return Session.destroy({
        where: { userId, ...(options.except ? { id: { [Op.ne]: hashToken(options.except) } } : {}) },
        transaction,
      });
    },

    /** A session by its stored id (the token's hash): an expired one, removed on sight. */
    async endById(id: string) {
      await Session.destroy({ where: { id } });
    },
  };
}

export type Sessions = ReturnType<typeof createSessions>;
