import { Op } from "sequelize";
import { foldVietnamese } from "../vocabulary/text";
import { type ProductStatus } from "../vocabulary/domain";
import type { CurrentUser } from "../accounts/current-user";
import { recordAudit } from "../audit";
import { syncChildRows } from "../db/child-rows";
import { freeSlug, isSlugRace, uniqueViolation } from "../db/slugs";
import { Forbidden, Invalid } from "../errors";
import { parseOrInvalid } from "../validation";
import type { Locale } from "../vocabulary/locale";
import { productColumns } from "./product-columns";
import { discardOnFailure, processUploads, recordImages } from "./product-media";
import { loadPriceTiers, savePriceTiers } from "./price-tiers";
import { ownProductsQuerySchema, productFormSchema, tiersOf } from "./schemas";
import { toCard, toDetail, type WithImages } from "./views";
import type { CatalogueKit } from "./kit";

/** Two writers gave one cooperative the same SKU at once: the loser hears it like any taken SKU. */
function skuRace(error: unknown): never {
  if (uniqueViolation(error)?.some((f) => f.includes("sku")))
    throw new Invalid({ sku: { code: "sku_taken" } });
  throw error;
}

/** A cooperative's own products: its list, the edit form's data, creating, editing and publishing. */
export function productEditing(kit: CatalogueKit) {
  const { db, models, events, storage, withImages, loadForEdit } = kit;
  return {
    /** The cooperative's own list, every status, straight from the database. */
    async listOwnProducts(
      user: CurrentUser,
      { query, locale }: { query: { status?: string; q?: string }; locale: Locale },
    ) {
      if (!user.cooperative) throw new Forbidden("not_a_cooperative_member");
      const filter = ownProductsQuerySchema.parse(query);
      const where: Record<string | symbol, unknown> = { cooperativeId: user.cooperative.id };
      if (filter.status) where.status = filter.status;
      if (filter.q) where.searchText = { [Op.like]: `%${foldVietnamese(filter.q).replace(/[\\%_]/g, "")}%` };
      const rows = (await models.Product.findAll({
        where,
        include: withImages(),
        order: [["updatedAt", "DESC"]],
        limit: 500,
      })) as WithImages[];
      return rows.map((r) => ({
        ...toCard(r, locale),
        sku: r.sku,
        status: r.status,
        stock: r.stock,
        updatedAt: r.updatedAt.toISOString(),
      }));
    },

    async getProductForEdit(user: CurrentUser, { productId, locale }: { productId: number; locale: Locale }) {
      const p = await loadForEdit(user, productId);
      const [batches, tiers] = await Promise.all([
        models.ProductBatch.findAll({ where: { productId }, order: [["producedOn", "DESC"]] }),
        loadPriceTiers(models, [productId]),
      ]);
      return {
        product: {
          ...toDetail(p, locale),
          sku: p.sku,
          descriptionVi: p.descriptionVi,
          descriptionEn: p.descriptionEn,
          priceTiers: tiers.get(productId) ?? [],
        },
        batches: batches.map((b) => ({
          id: b.id,
          lotCode: b.lotCode,
          publicCode: b.publicCode,
          producedOn: b.producedOn,
          quantity: b.quantity,
          expiresOn: b.expiresOn,
          notes: b.notes,
        })),
      };
    },

    /**
     * A new product, with its first pictures when the form brought some: the form is checked first (no photo is
     * processed for a form that will be refused), the pictures go through the pipeline before the transaction,
     * and their files are removed again if the product is not created after all.
     */
    async createProduct(
      user: CurrentUser,
      form: unknown,
      files: Buffer[] = [],
    ): Promise<{ id: number; slug: string }> {
      if (user.role !== "cooperative" || !user.cooperative) throw new Forbidden("not_a_cooperative_member");
      const cooperativeId = user.cooperative.id;
      const data = parseOrInvalid(productFormSchema, form);
      const pictures = await processUploads(storage, files);
      // The (cooperative, SKU) and slug unique indexes settle races the checks below cannot.
      const created = db.transaction(
        async (transaction) => {
          if (await models.Product.count({ where: { cooperativeId, sku: data.sku }, transaction })) {
            throw new Invalid({ sku: { code: "sku_taken" } });
          }
          const product = await models.Product.create(
            {
              ...productColumns(data),
              cooperativeId,
              slug: await freeSlug(models.Product, transaction, data.nameVi, "san-pham"),
            },
            { transaction },
          );
          await syncChildRows(
            models.ProductCertification,
            transaction,
            { productId: product.id },
            "certification",
            data.certifications,
          );
          await savePriceTiers(models, transaction, product.id, tiersOf(data));
          await recordImages(models, transaction, product.id, pictures);
          await recordAudit(models, transaction, {
            actorId: user.id,
            action: "product.created",
            entityType: "product",
            entityId: product.id,
            data: { sku: data.sku, images: pictures.length },
          });
          await events.publish(transaction, "product.changed", { productId: product.id });
          return { id: product.id, slug: product.slug };
        },
        { retryIf: isSlugRace },
      );
      return created.catch(discardOnFailure(kit, pictures)).catch(skuRace);
    },

    async updateProduct(user: CurrentUser, { productId, form }: { productId: number; form: unknown }) {
      await db
        .transaction(async (transaction) => {
          // Who may edit is settled before what was sent: a stranger gets 403, never a list of field errors.
          const product = await loadForEdit(user, productId, transaction);
          const data = parseOrInvalid(productFormSchema, form);
          if (
            data.sku !== product.sku &&
            (await models.Product.count({
              where: { cooperativeId: product.cooperativeId, sku: data.sku },
              transaction,
            }))
          ) {
            throw new Invalid({ sku: { code: "sku_taken" } });
          }
          await product.update(productColumns(data), { transaction });
          await syncChildRows(
            models.ProductCertification,
            transaction,
            { productId },
            "certification",
            data.certifications,
          );
          await savePriceTiers(models, transaction, productId, tiersOf(data));
          await recordAudit(models, transaction, {
            actorId: user.id,
            action: "product.updated",
            entityType: "product",
            entityId: productId,
          });
          await events.publish(transaction, "product.changed", { productId });
        })
        .catch(skuRace);
    },

    async setProductStatus(
      user: CurrentUser,
      { productId, status }: { productId: number; status: ProductStatus },
    ) {
      await db.transaction(async (transaction) => {
        const product = await loadForEdit(user, productId, transaction);
        if (!["draft", "active", "archived"].includes(status))
          throw new Invalid({ status: { code: "choose_one" } });
        await product.update({ status }, { transaction });
        await recordAudit(models, transaction, {
          actorId: user.id,
          action: `product.${status}`,
          entityType: "product",
          entityId: productId,
        });
        await events.publish(transaction, "product.changed", { productId });
      });
    },
  };
}
