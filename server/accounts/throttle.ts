import { Op } from "sequelize";
import type { Models } from "../db/models";
import { RateLimited } from "../errors";

export interface ThrottleRule {
  key: string;
  /** Attempts allowed under this key within the window. */
  max: number;
}

/**
 * Rate limits that hold when requests arrive together. Each attempt is written first, committed on its own (no
 * transaction: others must see it before they count), and only then are the attempts in the window counted,
 * its own included. Of N simultaneous attempts, whichever counts last sees all N, so at most `max` of them can
 * see a count ≤ max; reading first and writing afterwards let every one of them through.
 */
export function createThrottle(models: Models, options: { retainMs: number }) {
  const { LoginFailure } = models;

  /** Records the attempt under every rule's key; throws RateLimited (with Retry-After) when one is over. */
  async function attempt(rules: ThrottleRule[], windowMs: number, code: string): Promise<number[]> {
    const mine = await Promise.all(rules.map((rule) => LoginFailure.create({ key: rule.key })));
    const now = Date.now();
    const since = new Date(now - windowMs);
    let refused = false;
    let retryAfterMs = 0;
    await Promise.all(
      rules.map(async (rule, i) => {
        const count = await LoginFailure.count({ where: { key: rule.key, createdAt: { [Op.gte]: since } } });
        if (count <= rule.max) return;
        refused = true;
        // Once the max-th newest other attempt leaves the window, the next one is counted at max again.
        const gate = await LoginFailure.findOne({
          where: { key: rule.key, createdAt: { [Op.gte]: since }, id: { [Op.ne]: mine[i]!.id } },
          attributes: ["createdAt"],
          order: [
            ["createdAt", "DESC"],
            ["id", "DESC"],
          ],
          offset: rule.max - 1,
        });
        // Attempts that arrived while this one counted are newer than `now`: never promise more than a window.
        const until = (gate?.createdAt.getTime() ?? now) + windowMs;
        retryAfterMs = Math.max(retryAfterMs, Math.min(windowMs, until - now));
      }),
    );
    if (refused) {
      await purge();
      throw new RateLimited(code, Math.max(1, Math.ceil(retryAfterMs / 1000)));
    }
    return mine.map((row) => row.id);
  }

  /** Rows older than the longest window count for nothing. */
  async function purge() {
    await LoginFailure.destroy({
      where: { createdAt: { [Op.lt]: new Date(Date.now() - options.retainMs) } },
    });
  }

  return {
    attempt,
    purge,
    /** A success forgets what it no longer needs to hold against: by key, and single attempts by id. */
    async forget(where: { keys?: string[]; ids?: number[] }) {
      const or = [
        ...(where.keys?.length ? [{ key: where.keys }] : []),
        ...(where.ids?.length ? [{ id: where.ids }] : []),
      ];
      if (or.length) await LoginFailure.destroy({ where: { [Op.or]: or } });
    },
  };
}

export type Throttle = ReturnType<typeof createThrottle>;
