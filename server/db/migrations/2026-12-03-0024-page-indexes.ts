import type { IndexesOptions, QueryInterface } from "sequelize";

/**
 * Indexes for the lists the key pages open with (issue 14: EXPLAIN of each page's statements on MariaDB over the
 * demo data plus 500 cooperatives, 10,000 products and 20,000 orders):
 * - orders (created_at, id): the staff's order list, newest first, 20 a page. Without it MariaDB read all 20,021
 *   orders and sorted them (a full scan and a filesort, about 7.7 ms); with it, 20 index entries backwards (222
 *   rows read in all, with the page's cooperatives, buyers and line counts; about 2.2 ms). It grows with the table.
 * - orders (cooperative_id, created_at, id): a cooperative's order list, newest first. The index led by
 *   (cooperative_id, status) found the cooperative's orders but sorted them all for every page (filesort).
 * - cooperatives (status, member_count DESC, id): the home page's featured cooperatives, the approved ones with the
 *   most members. Without it every cooperative was read and sorted (582 rows read); with it, the first six (33).
 * The id in each is the tie-break the queries order by, so the index alone gives the order on SQLite and MariaDB.
 */
const INDEXES: Array<[table: string, fields: NonNullable<IndexesOptions["fields"]>, name: string]> = [
  ["orders", ["created_at", "id"], "orders_created_at"],
  ["orders", ["cooperative_id", "created_at", "id"], "orders_cooperative_created_at"],
  ["cooperatives", ["status", { name: "member_count", order: "DESC" }, "id"], "cooperatives_status_members"],
];

export async function up(qi: QueryInterface) {
  for (const [table, fields, name] of INDEXES) await qi.addIndex(table, { fields, name });
}

export async function down(qi: QueryInterface) {
  for (const [table, , name] of [...INDEXES].reverse()) await qi.removeIndex(table, name);
}
