import type { QueryInterface } from "sequelize";

/**
 * The union staff's reports (server/reports/queries.ts) sum a period and the one before it across whole tables.
 * These indexes let each query read only the rows of its periods, and only from the index, never the wide rows
 * behind it (an agreement row carries its seal and search text, a product its descriptions):
 * - products (status, cooperative_id, created_at): active products counted per cooperative, in cooperative order.
 * - agreements (sealed_at, …): the periods' agreements with every column the reports sum or group by.
 * - agreement_deliveries (agreement_id, status, delivered_on, value_vnd): an agreement's confirmed deliveries from
 *   a day on (led by the agreement: both databases reach deliveries through their agreements).
 * - orders (created_at, status, cooperative_id, buyer_id, subtotal_vnd): the periods' sales.
 * - matches (requested_at, cooperative_id) and (status, responded_at, cooperative_id): contacts requested and
 *   accepted in the periods, out of every suggestion ever computed.
 * With 5,000 cooperatives, 100,000 products and 20,000 agreements a dashboard reads in well under the 300 ms the
 * issue sets, on SQLite and MariaDB.
 */
const INDEXES: Array<[table: string, columns: string[], name: string]> = [
  ["products", ["status", "cooperative_id", "created_at"], "products_report"],
  [
    "agreements",
    [
      "sealed_at",
      "province_code",
      "status",
      "method",
      "type",
      "total_vnd",
      "delivered_vnd",
      "cooperative_id",
      "buyer_id",
      "buyer_organisation_id",
    ],
    "agreements_report",
  ],
  [
    "agreement_deliveries",
    ["agreement_id", "status", "delivered_on", "value_vnd"],
    "agreement_deliveries_report",
  ],
  ["orders", ["created_at", "status", "cooperative_id", "buyer_id", "subtotal_vnd"], "orders_report"],
  ["matches", ["requested_at", "cooperative_id"], "matches_requested_at"],
  ["matches", ["status", "responded_at", "cooperative_id"], "matches_connected_at"],
];

export async function up(qi: QueryInterface) {
  for (const [table, fields, name] of INDEXES) await qi.addIndex(table, fields, { name });
}

export async function down(qi: QueryInterface) {
  for (const [table, , name] of [...INDEXES].reverse()) await qi.removeIndex(table, name);
}
