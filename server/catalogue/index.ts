import { batchRegister } from "./batch-register";
import { bulkEditing } from "./bulk-editing";
import { certificatesAndBatches } from "./certificates-batches";
import { importProductsCsv as importCsv } from "./csv-import";
import { catalogueKit, type CatalogueDeps } from "./kit";
import { productEditing } from "./product-editing";
import { productLookup } from "./product-lookup";
import { productMedia } from "./product-media";
import { catalogueStock } from "./stock";
import { storefront } from "./storefront";
import type { CurrentUser } from "../accounts/current-user";

export type { ProductCard, ProductDetail, Picture } from "./views";
export type { CatalogueDeps } from "./kit";
export { addMonths } from "./certificates-batches";

/**
 * The catalogue: what visitors see, what cooperatives list and edit, pictures, certificates and batches, stock
 * for the orders, products for other domains, and the CSV import. Each group lives in its own file.
 */
export function createCatalogueService(deps: CatalogueDeps) {
  const kit = catalogueKit(deps);
  const { db, events } = kit;
  const shop = storefront(kit);
  return {
    ...shop,
    ...productEditing(kit),
    ...productMedia(kit),
    ...certificatesAndBatches(kit),
    ...batchRegister(kit),
    ...bulkEditing(kit),
    /** Stock for the cart and checkout, inside the orders' transactions. */
    stock: catalogueStock(db, events),
    /** Products as other domains see them (fairs' booths and directory). */
    lookup: productLookup(db),

    /** Bulk import: every row validated first, all or nothing, created or updated by SKU. */
    importProductsCsv: (
      user: CurrentUser,
      { file, dryRun }: { file: { text: string; bytes: number }; dryRun: boolean },
    ) => importCsv(db, events, user, file, { dryRun }),
  };
}

export type CatalogueService = ReturnType<typeof createCatalogueService>;
