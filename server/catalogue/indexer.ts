import { Op } from "sequelize";
import type { Database } from "../db";
import type { EventBus } from "../events";
import type { SearchEngine } from "../search/types";
import { isSearchable, productIncludes, asSearchDocument, type LoadedProduct } from "./documents";

async function apply(engine: SearchEngine, products: LoadedProduct[], missingIds: number[] = []) {
  const keep = products.filter(isSearchable);
  const drop = [...missingIds, ...products.filter((p) => !isSearchable(p)).map((p) => p.id)];
  if (keep.length) await engine.upsert(keep.map(asSearchDocument));
  if (drop.length) await engine.remove(drop);
}

/**
 * The search index follows the catalogue's events. The database is the source of truth, so each delivery re-reads
 * the product and writes what it finds (or removes it): running one twice, or out of order, gives the same index;
 * while the engine is down the deliveries fail and wait in the outbox, and are applied when it is back.
 */
export function subscribeSearchIndex(events: EventBus, db: Database, engine: SearchEngine) {
  events.subscribe("product.changed", "search-index", async ({ productId }) => {
    const product = (await db.models.Product.findByPk(productId, {
      include: productIncludes(db.models),
    })) as LoadedProduct | null;
    await apply(engine, product ? [product] : [], product ? [] : [productId]);
  });
  events.subscribe("cooperative.changed", "search-index", async ({ cooperativeId }) => {
    const products = (await db.models.Product.findAll({
      where: { cooperativeId },
      include: productIncludes(db.models),
    })) as LoadedProduct[];
    await apply(engine, products);
  });
}

/** Rebuild the whole index from the database, in batches; reports progress as (done, total). */
export async function reindexAll(
  db: Database,
  engine: SearchEngine,
  onProgress?: (done: number, total: number) => void,
) {
  await engine.ensureReady();
  await engine.reset();
  const total = await db.models.Product.count();
  const batch = 500;
  let lastId = 0;
  let done = 0;
  for (;;) {
    const products = (await db.models.Product.findAll({
      where: { id: { [Op.gt]: lastId } },
      include: productIncludes(db.models),
      order: [["id", "ASC"]],
      limit: batch,
    })) as LoadedProduct[];
    if (products.length === 0) break;
    const keep = products.filter(isSearchable);
    if (keep.length) await engine.upsert(keep.map(asSearchDocument));
    lastId = products[products.length - 1]!.id;
    done += products.length;
    onProgress?.(done, total);
  }
  return { total, indexed: await engine.count() };
}
