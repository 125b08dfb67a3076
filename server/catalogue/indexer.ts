import { Op, type Transaction } from "sequelize";
import type { Database } from "../db";
import { enqueueJob, type JobHandler } from "../jobs";
import type { SearchEngine } from "../search/types";
import { isSearchable, productIncludes, asSearchDocument, type LoadedProduct } from "./documents";

export const INDEX_PRODUCT = "search.index-product";
export const INDEX_COOPERATIVE = "search.index-cooperative";

/** Ask for a product to be (re)indexed once the caller's transaction commits. */
export function queueProductIndex(db: Database, transaction: Transaction, productId: number, runAt?: Date) {
  return enqueueJob(db.models, transaction, INDEX_PRODUCT, { productId }, { runAt });
}

/** A cooperative's approval, rejection or rename changes all its products in the index. */
export function queueCooperativeIndex(db: Database, transaction: Transaction, cooperativeId: number) {
  return enqueueJob(db.models, transaction, INDEX_COOPERATIVE, { cooperativeId });
}

async function apply(engine: SearchEngine, products: LoadedProduct[], missingIds: number[] = []) {
  const keep = products.filter(isSearchable);
  const drop = [...missingIds, ...products.filter((p) => !isSearchable(p)).map((p) => p.id)];
  if (keep.length) await engine.upsert(keep.map(asSearchDocument));
  if (drop.length) await engine.remove(drop);
}

/**
 * Job handlers: the database is the source of truth, so each job re-reads the product and writes what it finds
 * (or removes it). Running a job twice, or out of order, gives the same index.
 */
export function indexHandlers(db: Database, engine: SearchEngine): Record<string, JobHandler> {
  return {
    [INDEX_PRODUCT]: async (payload) => {
      const id = Number(payload.productId);
      const product = (await db.models.Product.findByPk(id, {
        include: productIncludes(db.models),
      })) as LoadedProduct | null;
      await apply(engine, product ? [product] : [], product ? [] : [id]);
    },
    [INDEX_COOPERATIVE]: async (payload) => {
      const products = (await db.models.Product.findAll({
        where: { cooperativeId: Number(payload.cooperativeId) },
        include: productIncludes(db.models),
      })) as LoadedProduct[];
      await apply(engine, products);
    },
  };
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
