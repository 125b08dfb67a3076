import { z } from "zod";
import type { CurrentUser } from "../accounts/current-user";
import { recordAudit } from "../audit";
import { Forbidden, Invalid, NotFound, type FieldErrors } from "../errors";
import { vnd, wholeNumber } from "../fields";
import { fieldErrorsFrom, PARSE_OPTIONS } from "../validation";
import { type ProductStatus } from "../vocabulary/domain";
import type { CatalogueKit } from "./kit";
import { loadPriceTiers } from "./price-tiers";
import { productSchema } from "./schemas";

/** At most this many products in one bulk action (a page of the list). */
export const MAX_BULK_PRODUCTS = 500;

/** The inline edit's fields of one row, named by the product: `price-12`, `stock-12`. */
export const priceField = (id: number) => `price-${id}`;
export const stockField = (id: number) => `stock-${id}`;

/** The same rules as the product form's price and stock. */
const rowSchema = z.object({ priceVnd: vnd, stock: productSchema.shape.stock });
const idList = z.array(wholeNumber(1, 2_147_483_647)).min(1).max(MAX_BULK_PRODUCTS);

/** The ids of the form's ticked rows (`ids`, one value or several), or a field error on `ids`. */
function idsOf(form: Record<string, unknown>): number[] {
  const raw = form.ids;
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  const parsed = idList.safeParse(list, PARSE_OPTIONS);
  if (!parsed.success) throw new Invalid({ ids: { code: "choose_products" } });
  return [...new Set(parsed.data)];
}

/**
 * The product list's bulk actions: the status of the ticked products at once, and prices and stock edited in the
 * list's rows. Each is one transaction over rows locked in id order, every row checked first (a refused row
 * changes nothing, its message beside it), one audit entry and one `product.changed` event per product changed,
 * so the search index follows as it does for single edits.
 */
export function bulkEditing(kit: CatalogueKit) {
  const { db, models, events } = kit;

  async function lockOwn(user: CurrentUser, ids: number[], transaction: import("sequelize").Transaction) {
    const cooperativeId = user.cooperative?.id;
    if (user.role !== "cooperative" || !cooperativeId) throw new Forbidden("not_a_cooperative_member");
    const rows = await models.Product.findAll({
      where: { id: ids },
      order: [["id", "ASC"]],
      lock: transaction.LOCK.UPDATE,
      transaction,
    });
    // Someone else's product among them is refused before a missing one is reported.
    if (rows.some((r) => r.cooperativeId !== cooperativeId)) throw new Forbidden("not_your_product");
    if (rows.length !== ids.length) throw new NotFound("product_not_found");
    return rows;
  }

  return {
    /** Publish, unlist or archive the ticked products; those already there are left as they are. */
    async setProductsStatus(
      user: CurrentUser,
      { form, status }: { form: Record<string, unknown>; status: ProductStatus },
    ): Promise<{ changed: number }> {
      if (!["draft", "active", "archived"].includes(status))
        throw new Invalid({ status: { code: "choose_one" } });
      const ids = idsOf(form);
      return db.transaction(async (transaction) => {
        const rows = await lockOwn(user, ids, transaction);
        let changed = 0;
        for (const product of rows) {
          if (product.status === status) continue;
          await product.update({ status }, { transaction });
          await recordAudit(models, transaction, {
            actorId: user.id,
            action: `product.${status}`,
            entityType: "product",
            entityId: product.id,
            data: { bulk: true },
          });
          await events.publish(transaction, "product.changed", { productId: product.id });
          changed += 1;
        }
        return { changed };
      });
    },

    /**
     * Prices and stock as typed in the list: `rows` are the ids shown, their fields `price-<id>` and `stock-<id>`.
     * Only rows that differ are written. A price must stay above the product's volume prices.
     */
    async editPricesAndStock(
      user: CurrentUser,
      { form }: { form: Record<string, unknown> },
    ): Promise<{ changed: number }> {
      const raw = form.rows;
      const ids = idsOf({ ids: raw });
      const errors: FieldErrors = {};
      const wanted = new Map<number, { priceVnd: number; stock: number }>();
      for (const id of ids) {
        const parsed = rowSchema.safeParse(
          { priceVnd: form[priceField(id)], stock: form[stockField(id)] },
          PARSE_OPTIONS,
        );
        if (!parsed.success) {
          const rowErrors = fieldErrorsFrom(parsed.error);
          if (rowErrors.priceVnd) errors[priceField(id)] = rowErrors.priceVnd;
          if (rowErrors.stock) errors[stockField(id)] = rowErrors.stock;
        } else wanted.set(id, parsed.data);
      }
      if (Object.keys(errors).length) throw new Invalid(errors);
      return db.transaction(async (transaction) => {
        const rows = await lockOwn(user, ids, transaction);
        const tiers = await loadPriceTiers(models, ids, transaction);
        const changes = rows.filter((p) => {
          const w = wanted.get(p.id)!;
          return w.priceVnd !== p.priceVnd || w.stock !== p.stock;
        });
        for (const p of changes) {
          const first = tiers.get(p.id)?.[0];
          const w = wanted.get(p.id)!;
          if (first && w.priceVnd <= first.priceVnd)
            errors[priceField(p.id)] = { code: "price_not_above_tiers", params: { tier: first.priceVnd } };
        }
        if (Object.keys(errors).length) throw new Invalid(errors);
        for (const p of changes) {
          const w = wanted.get(p.id)!;
          const before = { priceVnd: p.priceVnd, stock: p.stock };
          await p.update(w, { transaction });
          await recordAudit(models, transaction, {
            actorId: user.id,
            action: "product.updated",
            entityType: "product",
            entityId: p.id,
            data: { bulk: true, before, after: w },
          });
          await events.publish(transaction, "product.changed", { productId: p.id });
        }
        return { changed: changes.length };
      });
    },
  };
}
