import { QueryTypes, type QueryInterface } from "sequelize";
import { foldVietnamese } from "../../vocabulary/text";

/** The content's fields this migration reads (frozen here: a migration does not follow later code). */
interface StoredContent {
  publicId: string;
  parties: Record<"buyer" | "supplier", { legalName: string; taxCode: string }>;
  product: { name: string; category: string };
  quantity: number;
  deliveries: Array<{ date: string }>;
}

/**
 * Fills the figures 0020 added for the agreements made before it, from each one's current version (a data change
 * apart from the schema change: on MySQL DDL commits on its own).
 */
export async function up(qi: QueryInterface) {
  const rows = await qi.sequelize.query<{
    id: number;
    province_code: string;
    public_id: string;
    sealed_at: string | null;
    content: string;
  }>(
    `SELECT a.id, a.public_id, a.sealed_at, c.province_code, v.content FROM agreements a
       JOIN cooperatives c ON c.id = a.cooperative_id
       JOIN agreement_versions v ON v.agreement_id = a.id AND v.version = a.current_version`,
    { type: QueryTypes.SELECT },
  );
  for (const row of rows) {
    const content = JSON.parse(row.content) as StoredContent;
    const { buyer, supplier } = content.parties;
    await qi.bulkUpdate(
      "agreements",
      {
        province_code: row.province_code,
        category: content.product.category,
        search_text: foldVietnamese(
          [
            content.publicId,
            buyer.legalName,
            buyer.taxCode,
            supplier.legalName,
            supplier.taxCode,
            content.product.name,
          ].join(" "),
        ).slice(0, 1000),
        quantity: content.quantity,
        next_due_on: row.sealed_at ? (content.deliveries.map((d) => d.date).sort()[0] ?? null) : null,
      },
      { id: row.id },
    );
  }
}

export async function down() {
  // The columns go with 0020's down; nothing to undo here.
}
