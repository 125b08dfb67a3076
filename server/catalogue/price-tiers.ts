import { Op, type Transaction } from "sequelize";
import type { Models } from "../db/models";
import type { PriceTier } from "../vocabulary/price-tiers";

export type { PriceTier } from "../vocabulary/price-tiers";

/** Products' volume prices by product id, lowest quantity first (none: an empty list). */
export async function loadPriceTiers(
  models: Models,
  productIds: number[],
  transaction?: Transaction,
): Promise<Map<number, PriceTier[]>> {
  const out = new Map<number, PriceTier[]>(productIds.map((id) => [id, []]));
  if (productIds.length === 0) return out;
  const rows = await models.ProductPriceTier.findAll({
    where: { productId: productIds },
    order: [
      ["productId", "ASC"],
      ["minQty", "ASC"],
    ],
    transaction,
  });
  for (const r of rows) out.get(r.productId)?.push({ minQty: r.minQty, priceVnd: r.priceVnd });
  return out;
}

/**
 * Make a product's tiers exactly `wanted`, inside the caller's transaction (the product's row already locked), by
 * difference: rows no longer wanted go, changed prices are updated, new rows are added. Like syncChildRows, this
 * keeps a save from taking gap locks on rows it does not change.
 */
export async function savePriceTiers(
  models: Models,
  transaction: Transaction,
  productId: number,
  wanted: readonly PriceTier[],
): Promise<void> {
  const have = (await loadPriceTiers(models, [productId], transaction)).get(productId) ?? [];
  const byQty = new Map(wanted.map((t) => [t.minQty, t.priceVnd]));
  const gone = have.filter((t) => !byQty.has(t.minQty)).map((t) => t.minQty);
  if (gone.length)
    await models.ProductPriceTier.destroy({ where: { productId, minQty: { [Op.in]: gone } }, transaction });
  for (const t of have) {
    const price = byQty.get(t.minQty);
    if (price !== undefined && price !== t.priceVnd)
      await models.ProductPriceTier.update(
        { priceVnd: price },
        { where: { productId, minQty: t.minQty }, transaction },
      );
  }
  const added = wanted.filter((t) => !have.some((h) => h.minQty === t.minQty));
  if (added.length)
    await models.ProductPriceTier.bulkCreate(
      added.map((t) => ({ productId, minQty: t.minQty, priceVnd: t.priceVnd })),
      { transaction },
    );
}
