import type { CurrentUser } from "../accounts/current-user";
import { Forbidden } from "../errors";
import type { Locale } from "../vocabulary/locale";
import type { CatalogueKit } from "./kit";

/** How many batches the register lists, newest first (a cooperative records a few a month). */
export const BATCH_REGISTER_LIMIT = 300;

/**
 * The cooperative's batches of every product in one list, read-only: the workspace's "batches" page. Recording
 * and removing a batch stay on its product's page (certificates-batches.ts).
 */
export function batchRegister({ models }: CatalogueKit) {
  return {
    async listOwnBatches(user: CurrentUser, { locale }: { locale: Locale }) {
      if (!user.cooperative) throw new Forbidden("not_a_cooperative_member");
      // One query: the batches joined to their product, only the columns the page shows.
      const rows = await models.ProductBatch.findAll({
        attributes: ["id", "lotCode", "publicCode", "producedOn", "quantity", "expiresOn"],
        include: [
          {
            model: models.Product,
            as: "product",
            attributes: ["id", "nameVi", "nameEn", "unit"],
            where: { cooperativeId: user.cooperative.id },
            required: true,
          },
        ],
        order: [
          ["producedOn", "DESC"],
          ["id", "DESC"],
        ],
        limit: BATCH_REGISTER_LIMIT,
        raw: true,
        nest: true,
      });
      return (rows as unknown as Array<BatchRow>).map((b) => ({
        id: b.id,
        lotCode: b.lotCode,
        publicCode: b.publicCode,
        producedOn: b.producedOn,
        quantity: b.quantity,
        expiresOn: b.expiresOn,
        product: {
          id: b.product.id,
          name: locale === "en" && b.product.nameEn ? b.product.nameEn : b.product.nameVi,
          nameLang: (locale === "en" && b.product.nameEn ? "en" : "vi") as Locale,
          unit: b.product.unit,
        },
      }));
    },
  };
}

/** A row as `raw: true, nest: true` gives it. */
interface BatchRow {
  id: number;
  lotCode: string;
  publicCode: string;
  producedOn: string;
  quantity: number;
  expiresOn: string | null;
  product: { id: number; nameVi: string; nameEn: string | null; unit: string };
}
