import { Op, type Transaction } from "sequelize";
import type { Database } from "../db";
import { Conflict } from "../errors";
import type { EventPublisher } from "../events";
import type { PriceTier } from "../vocabulary/price-tiers";
import { toPicture, type Picture } from "./views";

export interface StockLine {
  productId: number;
  quantity: number;
}

/** Sum quantities per product and sort by id: rows are always touched in one order, so writers never deadlock. */
function normalise(lines: StockLine[]): StockLine[] {
  const sums = new Map<number, number>();
  for (const l of lines) {
    if (!Number.isSafeInteger(l.quantity) || l.quantity <= 0) throw new Error(`bad quantity ${l.quantity}`);
    sums.set(l.productId, (sums.get(l.productId) ?? 0) + l.quantity);
  }
  return [...sums.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([productId, quantity]) => ({ productId, quantity }));
}

/**
 * Take stock for an order inside the caller's transaction. Each product is decremented by a conditional
 * UPDATE … WHERE stock >= quantity, so the database, not a read-then-write in this process, decides who gets
 * the last units; a line that does not fit throws `insufficient_stock` and the caller's transaction rolls back.
 */
export async function reserveStock(
  db: Database,
  events: EventPublisher,
  transaction: Transaction,
  lines: StockLine[],
) {
  const { Product } = db.models;
  for (const line of normalise(lines)) {
    const [affected] = await Product.update(
      { stock: db.sequelize.literal(`stock - ${line.quantity}`) as unknown as number },
      {
        where: { id: line.productId, status: "active", stock: { [Op.gte]: line.quantity } },
        transaction,
        silent: true,
      },
    );
    if (affected !== 1) {
      // A locking read: on MySQL a plain one would answer from this transaction's snapshot, taken before the
      // competing orders committed, and tell the buyer units are left when none are.
      const product = await Product.findByPk(line.productId, {
        attributes: ["id", "nameVi", "stock", "status"],
        transaction,
        lock: transaction.LOCK.SHARE,
      });
      throw new Conflict("insufficient_stock", {
        productId: line.productId,
        product: product?.nameVi ?? String(line.productId),
        available: product && product.status === "active" ? Math.max(0, product.stock) : 0,
      });
    }
    await events.publish(transaction, "product.changed", { productId: line.productId });
  }
}

/** Give stock back (a cancelled or expired order), inside the caller's transaction. */
export async function releaseStock(
  db: Database,
  events: EventPublisher,
  transaction: Transaction,
  lines: StockLine[],
) {
  const { Product } = db.models;
  for (const line of normalise(lines)) {
    await Product.update(
      { stock: db.sequelize.literal(`stock + ${line.quantity}`) as unknown as number },
      { where: { id: line.productId }, transaction, silent: true },
    );
    await events.publish(transaction, "product.changed", { productId: line.productId });
  }
}

/** What the cart and checkout need to know about products: plain data, read in the caller's transaction. */
export interface PurchasableProduct {
  id: number;
  slug: string;
  sku: string;
  nameVi: string;
  nameEn: string | null;
  unit: string;
  /** The list price; the price at a quantity is unitPriceAt(product, quantity) (server/vocabulary/price-tiers). */
  priceVnd: number;
  /** Volume prices, lowest quantity first. */
  tiers: PriceTier[];
  minOrderQty: number;
  stock: number;
  /** Active, and its cooperative approved: only then can it be bought. */
  purchasable: boolean;
  cooperative: { id: number; slug: string; name: string };
  image: Picture | null;
}

export async function loadPurchasable(
  db: Database,
  ids: number[],
  transaction?: Transaction,
): Promise<Map<number, PurchasableProduct>> {
  if (ids.length === 0) return new Map();
  const { models } = db;
  const rows = await models.Product.findAll({
    where: { id: ids },
    include: [
      { model: models.Cooperative, as: "cooperative", attributes: ["id", "slug", "name", "status"] },
      { model: models.ProductImage, as: "images" },
      { model: models.ProductPriceTier, as: "priceTiers" },
    ],
    transaction,
  });
  return new Map(
    rows.map((p) => {
      const withImages = p as typeof p & {
        cooperative?: { id: number; slug: string; name: string; status: string };
        images?: Array<InstanceType<(typeof models)["ProductImage"]>>;
      };
      const first = [...(withImages.images ?? [])].sort((a, b) => a.position - b.position)[0];
      return [
        p.id,
        {
          id: p.id,
          slug: p.slug,
          sku: p.sku,
          nameVi: p.nameVi,
          nameEn: p.nameEn,
          unit: p.unit,
          priceVnd: Number(p.priceVnd),
          tiers: [...(p.priceTiers ?? [])]
            .map((t) => ({ minQty: t.minQty, priceVnd: Number(t.priceVnd) }))
            .sort((a, b) => a.minQty - b.minQty),
          minOrderQty: p.minOrderQty,
          stock: p.stock,
          purchasable: p.status === "active" && withImages.cooperative?.status === "approved",
          cooperative: {
            id: p.cooperativeId,
            slug: withImages.cooperative?.slug ?? "",
            name: withImages.cooperative?.name ?? "",
          },
          image: first ? toPicture(first) : null,
        },
      ];
    }),
  );
}

/** The catalogue's stock as the orders module uses it, bound to its database and events. */
export interface CatalogueStock {
  reserve(transaction: Transaction, lines: StockLine[]): Promise<void>;
  release(transaction: Transaction, lines: StockLine[]): Promise<void>;
  purchasable(ids: number[], transaction?: Transaction): Promise<Map<number, PurchasableProduct>>;
}

export function catalogueStock(db: Database, events: EventPublisher): CatalogueStock {
  return {
    reserve: (transaction, lines) => reserveStock(db, events, transaction, lines),
    release: (transaction, lines) => releaseStock(db, events, transaction, lines),
    purchasable: (ids, transaction) => loadPurchasable(db, ids, transaction),
  };
}
