import type { Config } from "../config";
import { EmbeddedSearchEngine } from "./embedded";
import { MeilisearchEngine } from "./meilisearch";
import type { SearchEngine } from "./types";

/** Meilisearch when MEILI_URL is set, otherwise the embedded SQLite FTS5 engine in its own file. */
export function createSearchEngine(config: Config["search"]): SearchEngine {
  return config.kind === "meilisearch"
    ? new MeilisearchEngine({ url: config.url, apiKey: config.apiKey })
    : new EmbeddedSearchEngine({ path: config.indexPath });
}
