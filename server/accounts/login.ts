import type { Config } from "../config";
import type { Database } from "../db";
import { Invalid } from "../errors";
import { parseOrInvalid } from "../validation";
import { DUMMY_HASH, verifyPassword } from "./passwords";
import { loginSchema } from "./schemas";
import type { RequestMeta, Sessions } from "./sessions";
import type { Throttle } from "./throttle";

export const loginKeys = {
  account: (email: string) => `email:${email}`,
  ip: (ip: string) => `ip:${ip}`,
};

/**
 * Log in, rate-limited per account and per IP. The attempt is counted before the password is checked, so forty
 * guesses sent at once get no more checks than forty sent one by one; once over the limit even the right password
 * waits for the window, and the refusal says when to try again. A success forgets the account's attempts and its
 * own attempt from this IP (other accounts' failures from the IP still count).
 */
export function createLogin({
  db,
  config,
  throttle,
  sessions,
}: {
  db: Database;
  config: Pick<Config, "loginLimits">;
  throttle: Throttle;
  sessions: Sessions;
}) {
  const { models } = db;
  return async function login({
    form,
    meta,
    presentedToken = null,
  }: {
    form: unknown;
    meta: RequestMeta;
    presentedToken?: string | null;
  }): Promise<{ userId: number; token: string }> {
    const { email, password } = parseOrInvalid(loginSchema, form);
    const { perAccount, perIp, windowMinutes } = config.loginLimits;
    const accountKey = loginKeys.account(email);
    const [, ipAttempt] = await throttle.attempt(
      [
        { key: accountKey, max: perAccount },
        ...(meta.ip ? [{ key: loginKeys.ip(meta.ip), max: perIp }] : []),
      ],
      windowMinutes * 60_000,
      "login_rate_limited",
    );
    const user = await models.User.findOne({ where: { email } });
    // The dummy hash costs what a real one does: the answer's timing does not tell who is registered.
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok || user.disabledAt) {
      await throttle.purge();
      throw new Invalid({
        _form: { code: user?.disabledAt && ok ? "account_disabled" : "invalid_credentials" },
      });
    }
    await throttle.forget({ keys: [accountKey], ids: ipAttempt === undefined ? [] : [ipAttempt] });
    return db.transaction(async (transaction) => {
      await user.update({ lastLoginAt: new Date() }, { transaction });
      return { userId: user.id, token: await sessions.rotate(presentedToken, user.id, meta, transaction) };
    });
  };
}
