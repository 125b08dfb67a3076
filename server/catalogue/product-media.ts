import { Op, type Transaction } from "sequelize";
import { MAX_PRODUCT_IMAGES } from "../vocabulary/domain";
import type { CurrentUser } from "../accounts/current-user";
import { recordAudit } from "../audit";
import { Invalid, NotFound } from "../errors";
import { processImage, type ImageStorage, type ProcessedImage } from "../images";
import type { Models } from "../db/models";
import type { CatalogueKit } from "./kit";

/**
 * Uploads through the image pipeline, each refusal told beside the form's `images` field with the file's number.
 * Slow (sharp): call it before opening a transaction.
 */
export async function processUploads(storage: ImageStorage, files: Buffer[]): Promise<ProcessedImage[]> {
  if (files.length > MAX_PRODUCT_IMAGES) {
    throw new Invalid({
      images: { code: "too_many_images", params: { max: MAX_PRODUCT_IMAGES, left: MAX_PRODUCT_IMAGES } },
    });
  }
  const processed: ProcessedImage[] = [];
  for (const [i, file] of files.entries()) {
    try {
      processed.push(await processImage(file, storage, { folder: "products" }));
    } catch (error) {
      const code = (error as { code?: string }).code;
      const params = (error as { params?: Record<string, string | number> }).params ?? {};
      if (code) throw new Invalid({ images: { code, params: { ...params, file: i + 1 } } });
      throw error;
    }
  }
  return processed;
}

/** Rows for processed pictures after a product's last one, inside the caller's transaction; duplicates skipped. */
export async function recordImages(
  models: Models,
  transaction: Transaction,
  productId: number,
  processed: ProcessedImage[],
) {
  const last = (await models.ProductImage.max("position", { where: { productId }, transaction })) as
    number | null;
  let position = (last ?? -1) + 1;
  for (const img of processed) {
    const exists = await models.ProductImage.count({ where: { productId, hash: img.hash }, transaction });
    if (exists) continue;
    await models.ProductImage.create(
      {
        productId,
        position: position++,
        hash: img.hash,
        width: img.width,
        height: img.height,
        placeholder: img.placeholder,
        variants: JSON.stringify(img.variants),
      },
      { transaction },
    );
  }
}

/**
 * The rejection handler of a write that recorded freshly processed pictures: when it failed, the files it stored
 * are removed again, except those another product's rows still show (files are shared by content hash), then
 * the error goes on.
 */
export function discardOnFailure(
  { models, storage }: Pick<CatalogueKit, "models" | "storage">,
  processed: ProcessedImage[],
) {
  return async (error: unknown): Promise<never> => {
    const hashes = [...new Set(processed.map((p) => p.hash))];
    if (hashes.length) {
      const kept = await models.ProductImage.findAll({
        attributes: ["hash"],
        where: { hash: { [Op.in]: hashes } },
        raw: true,
      });
      const inUse = new Set(kept.map((r) => r.hash));
      const orphans = processed.filter((p) => !inUse.has(p.hash)).flatMap((p) => p.variants);
      await Promise.all(orphans.map((v) => storage.remove(v.key)));
    }
    throw error;
  };
}

/** A product's pictures: uploads through the image pipeline, the main picture, removal. */
export function productMedia(kit: CatalogueKit) {
  const { db, models, storage, loadForEdit } = kit;

  async function assertImageRoom(productId: number, adding: number) {
    const existing = await models.ProductImage.count({ where: { productId } });
    if (existing + adding > MAX_PRODUCT_IMAGES) {
      throw new Invalid({
        images: {
          code: "too_many_images",
          params: { max: MAX_PRODUCT_IMAGES, left: Math.max(0, MAX_PRODUCT_IMAGES - existing) },
        },
      });
    }
  }

  return {
    /**
     * Process uploads with sharp first (slow, outside any transaction), then record them. Re-uploading the same
     * picture is a no-op: files are named by content hash.
     */
    async addProductImages(user: CurrentUser, { productId, files }: { productId: number; files: Buffer[] }) {
      const product = await loadForEdit(user, productId);
      if (files.length === 0) throw new Invalid({ images: { code: "choose_image" } });
      await assertImageRoom(productId, files.length);
      const processed = await processUploads(storage, files);
      await db
        .transaction(async (transaction) => {
          await assertImageRoom(productId, processed.length);
          await recordImages(models, transaction, productId, processed);
          await recordAudit(models, transaction, {
            actorId: user.id,
            action: "product.images_added",
            entityType: "product",
            entityId: product.id,
            data: { count: processed.length },
          });
        })
        .catch(discardOnFailure(kit, processed));
    },

    async removeProductImage(
      user: CurrentUser,
      { productId, imageId }: { productId: number; imageId: number },
    ) {
      await db.transaction(async (transaction) => {
        await loadForEdit(user, productId, transaction);
        const removed = await models.ProductImage.destroy({ where: { id: imageId, productId }, transaction });
        if (!removed) throw new NotFound("image_not_found");
        await recordAudit(models, transaction, {
          actorId: user.id,
          action: "product.image_removed",
          entityType: "product",
          entityId: productId,
        });
      });
    },

    /** Move an image to the front: it becomes the product's main picture. */
    async makePrimaryImage(
      user: CurrentUser,
      { productId, imageId }: { productId: number; imageId: number },
    ) {
      await db.transaction(async (transaction) => {
        const product = await loadForEdit(user, productId, transaction);
        const images = [...(product.images ?? [])].sort((a, b) => a.position - b.position);
        const chosen = images.find((i) => i.id === imageId);
        if (!chosen) throw new NotFound("image_not_found");
        const order = [chosen, ...images.filter((i) => i.id !== imageId)];
        for (const [position, image] of order.entries()) {
          if (image.position !== position) await image.update({ position }, { transaction });
        }
      });
    },
  };
}
