import { DataTypes, QueryTypes, type QueryInterface } from "sequelize";
import { offerTerms } from "../../vocabulary/product-words";
import { tableOptions } from "./helpers";

/**
 * The match index's own terms (server/matching/match-index.ts). A demand's candidates were the newest offers
 * whose folded text held one of its title's words anywhere ("tan" in "tấn" and in "Tân Cương", "che" in
 * "chế biến"): the newest few hundred, whatever they offered. Now each active offer's title and product name are
 * kept as whole product words, (term, offer) rows read by term, and the candidates are the offers sharing the
 * most of the demand's words, beside the newest of its category through (status, category, updated_at).
 *
 * Filled here for the offers there are; afterwards the match index keeps them as offers and products change.
 */
export async function up(qi: QueryInterface) {
  await qi.createTable(
    "offer_terms",
    {
      term: { type: DataTypes.STRING(32), allowNull: false, primaryKey: true },
      offer_id: {
        type: DataTypes.INTEGER,
        allowNull: false,
        primaryKey: true,
        references: { model: "offers", key: "id" },
        onDelete: "CASCADE",
        onUpdate: "CASCADE",
      },
    },
    tableOptions(qi),
  );
  await qi.addIndex("offer_terms", ["offer_id"], { name: "offer_terms_offer" });
  await qi.addIndex("offers", ["status", "category", "updated_at"], {
    name: "offers_status_category_updated",
  });
  await qi.removeIndex("offers", "offers_status_updated");

  for (let after = 0; ;) {
    const rows = await qi.sequelize.query<{ id: number; title: string; product_name: string | null }>(
      `SELECT o.id, o.title, p.name_vi AS product_name FROM offers o LEFT JOIN products p ON p.id = o.product_id
       WHERE o.status = 'active' AND o.id > :after ORDER BY o.id LIMIT 1000`,
      { type: QueryTypes.SELECT, replacements: { after } },
    );
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;
    const terms = rows.flatMap((r) =>
      offerTerms(r.title, r.product_name).map((term) => ({ term, offer_id: r.id })),
    );
    if (terms.length > 0) await qi.bulkInsert("offer_terms", terms);
  }
}

export async function down(qi: QueryInterface) {
  await qi.addIndex("offers", ["status", "updated_at"], { name: "offers_status_updated" });
  await qi.removeIndex("offers", "offers_status_category_updated");
  await qi.dropTable("offer_terms");
}
