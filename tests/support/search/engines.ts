/**
 * The engines the search contract runs on: the embedded one always, Meilisearch when MEILI_URL is set (a
 * throw-away index per run, deleted afterwards).
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { EmbeddedSearchEngine } from "../../../server/search/embedded";
import { MeilisearchEngine } from "../../../server/search/meilisearch";
import type { SearchEngine } from "../../../server/search/types";

export interface EngineCase {
  name: string;
  create(): Promise<{ engine: SearchEngine; cleanup(): Promise<void> }>;
}

export const embedded: EngineCase = {
  name: "embedded",
  async create() {
    const dir = mkdtempSync(path.join(tmpdir(), "htx-search-"));
    const engine = new EmbeddedSearchEngine({ path: path.join(dir, "search.sqlite") });
    return {
      engine,
      async cleanup() {
        await engine.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

export const meilisearch: EngineCase = {
  name: "meilisearch",
  async create() {
    const engine = new MeilisearchEngine({
      url: process.env.MEILI_URL!,
      apiKey: process.env.MEILI_API_KEY || process.env.MEILI_MASTER_KEY || undefined,
      indexUid: `products_test_${Date.now()}_${randomBytes(3).toString("hex")}`,
    });
    return {
      engine,
      async cleanup() {
        await engine.deleteIndex();
        await engine.close();
      },
    };
  },
};
