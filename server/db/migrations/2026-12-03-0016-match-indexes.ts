import type { QueryInterface } from "sequelize";

/**
 * The match index reads a demand's candidates, the newest active offers of its category or naming a word of its
 * title, newest first (server/matching/match-index.ts). Through (status, updated_at) it reads them in order and
 * stops after the first few hundred; without it every active offer is read and sorted (about a quarter of a
 * second a demand at 100,000 offers, tests/bench/matching.ts).
 */
export async function up(qi: QueryInterface) {
  await qi.addIndex("offers", ["status", "updated_at"], { name: "offers_status_updated" });
}

export async function down(qi: QueryInterface) {
  await qi.removeIndex("offers", "offers_status_updated");
}
