import type { QueryInterface } from "sequelize";

/**
 * Search indexing moved from hand-placed jobs to the subscribers of domain events: jobs still waiting under the
 * old names are renamed, so an upgrade with work in the outbox loses none of it.
 */
const RENAMES: Array<[from: string, to: string]> = [
  ["search.index-product", "product.changed>search-index"],
  ["search.index-cooperative", "cooperative.changed>search-index"],
];

export async function up(qi: QueryInterface) {
  for (const [from, to] of RENAMES)
    await qi.bulkUpdate("jobs", { type: to }, { type: from, status: ["pending", "running"] });
}

export async function down(qi: QueryInterface) {
  for (const [from, to] of RENAMES)
    await qi.bulkUpdate("jobs", { type: from }, { type: to, status: ["pending", "running"] });
}
