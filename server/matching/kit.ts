import { approvedCooperativeOf, type CurrentUser } from "../accounts/current-user";
import type { ProductLookup } from "../catalogue/product-lookup";
import type { Database } from "../db";
import { Forbidden } from "../errors";
import type { EventPublisher } from "../events";
import { foldVietnamese, searchWords } from "../vocabulary/text";

/** What matching needs of the catalogue: a cooperative's own products, never its tables. */
export type MatchingCatalogue = Pick<ProductLookup, "ownActiveProductIds" | "productsByIds" | "productFacts">;

export interface MatchingDeps {
  db: Database;
  events: EventPublisher;
  catalogue: MatchingCatalogue;
  now?: () => Date;
}

/** What every matching use case shares: dependencies, who may act, and the folded text the boards search. */
export function matchingKit({ db, events, catalogue, now = () => new Date() }: MatchingDeps) {
  function buyerOf(user: CurrentUser) {
    if (user.role !== "buyer") throw new Forbidden("buyers_only");
    return user.id;
  }

  return {
    db,
    models: db.models,
    events,
    catalogue,
    now,
    buyerOf,
    cooperativeOf: approvedCooperativeOf,
    /** Title and description folded for the board's search ("mien dong bac kan"), alike on both databases. */
    searchText: (...parts: Array<string | null | undefined>) =>
      foldVietnamese(parts.filter(Boolean).join(" ")).replace(/\s+/g, " ").slice(0, 700),
    /** LIKE patterns, one per word of a query: every word must appear. */
    likeTerms: (q: string | undefined) => searchWords(q).map((w) => `%${w}%`),
  };
}

export type MatchingKit = ReturnType<typeof matchingKit>;

/** A JSON array column (certifications) as a list. */
export { parseTags as parseList } from "../catalogue/documents";
