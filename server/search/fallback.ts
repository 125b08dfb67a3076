import type { Logger } from "../logger";
import type { SearchEngine } from "./types";

/**
 * A search engine that answers from `fallback` when `primary` fails (Meilisearch down, the embedded index file
 * unreadable), marking the answer degraded so the page can say so. Writes go to the primary only: while it is
 * down they fail and wait in the outbox (server/events), and the fallback reads the source of truth anyway.
 */
export function withFallback(primary: SearchEngine, fallback: SearchEngine, logger: Logger): SearchEngine {
  return {
    name: primary.name,
    ensureReady: () => primary.ensureReady(),
    upsert: (documents) => primary.upsert(documents),
    remove: (ids) => primary.remove(ids),
    reset: () => primary.reset(),
    count: () => primary.count(),
    close: () => primary.close(),
    async search(query) {
      try {
        return await primary.search(query);
      } catch (error) {
        logger.warn(
          { err: error, engine: primary.name },
          `search engine unavailable, answering from ${fallback.name}`,
        );
        return { ...(await fallback.search(query)), degraded: true };
      }
    },
  };
}
