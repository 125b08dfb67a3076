import { batchEvents } from "./batch-events";
import { batchRegister } from "./batch-register";
import { bulkEditing } from "./bulk-editing";
import { certificatesAndBatches } from "./certificates-batches";
import { importProducts } from "./csv-import";
import { loadImportReport } from "./import-reports";
import { createImageFetcher } from "./image-fetch";
import { catalogueKit, type CatalogueDeps } from "./kit";
import { productEditing } from "./product-editing";
import { productLookup } from "./product-lookup";
import { productMedia } from "./product-media";
import { catalogueStock } from "./stock";
import { storefront } from "./storefront";
import { tracePage } from "./trace-page";
import type { CurrentUser } from "../accounts/current-user";

export type { ProductCard, ProductDetail, Picture } from "./views";
export type { BatchEventView } from "./batch-events";
export type { CatalogueDeps } from "./kit";
export { addMonths } from "./certificates-batches";

/**
 * The catalogue: what visitors see, what cooperatives list and edit, pictures, certificates and batches, stock
 * for the orders, products for other domains, and the CSV import. Each group lives in its own file.
 */
export function createCatalogueService(deps: CatalogueDeps) {
  const kit = catalogueKit(deps);
  const { db, events } = kit;
  const fetchImage = deps.fetchImage ?? createImageFetcher();
  const shop = storefront(kit);
  return {
    ...shop,
    ...productEditing(kit),
    ...productMedia(kit),
    ...certificatesAndBatches(kit),
    ...batchEvents(kit),
    ...tracePage(kit),
    ...batchRegister(kit),
    ...bulkEditing(kit),
    /** Stock for the cart and checkout, inside the orders' transactions. */
    stock: catalogueStock(db, events),
    /** Products as other domains see them (fairs' booths and directory). */
    lookup: productLookup(db),

    /**
     * Bulk import (CSV or XLSX): every row validated first by the same validator for the check and the import,
     * all or nothing, created or updated by SKU; a cooperative's own file, or staff's for several cooperatives.
     */
    importProducts: (
      user: CurrentUser,
      { file, dryRun }: { file: { data: Uint8Array; images?: Uint8Array | null }; dryRun: boolean },
    ) => importProducts({ db, events, storage: kit.storage, fetchImage }, user, file, { dryRun }),
    /** The row report of an import or check, for the person who ran it, kept a day. */
    importReport: (user: CurrentUser, id: string) => loadImportReport(db, user, id),
  };
}

export type CatalogueService = ReturnType<typeof createCatalogueService>;
