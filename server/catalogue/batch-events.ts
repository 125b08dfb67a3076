import type { Transaction } from "sequelize";
import type { CurrentUser } from "../accounts/current-user";
import { recordAudit } from "../audit";
import type { Models } from "../db/models";
import { Invalid, isDomainError, NotFound } from "../errors";
import { processImage, type ImageVariant, type ProcessedImage } from "../images";
import { parseOrInvalid } from "../validation";
import { MAX_BATCH_EVENTS, type BatchEventKind } from "../vocabulary/domain";
import { compactSources } from "../vocabulary/pictures";
import type { Locale } from "../vocabulary/locale";
import { batchEventSchema } from "./schemas";
import { toDetail, type Picture } from "./views";
import type { CatalogueKit } from "./kit";

/** One step of a batch's story as pages show it. */
export interface BatchEventView {
  id: number;
  kind: BatchEventKind;
  happenedOn: string;
  note: string | null;
  photo: Picture | null;
}

type BatchEventRow = InstanceType<Models["BatchEvent"]>;

/** The stored photo (the pipeline's output as JSON) as a picture; the one place that column is read. */
function photoOf(row: Pick<BatchEventRow, "id" | "photo">): Picture | null {
  if (!row.photo) return null;
  const stored = JSON.parse(row.photo) as Pick<ProcessedImage, "width" | "height" | "placeholder"> & {
    variants: ImageVariant[];
  };
  return {
    id: row.id,
    width: stored.width,
    height: stored.height,
    placeholder: stored.placeholder,
    sources: compactSources(stored.variants),
  };
}

function storedPhoto(image: ProcessedImage): string {
  const { hash, width, height, placeholder, variants } = image;
  return JSON.stringify({ hash, width, height, placeholder, variants });
}

/** What pages show of a batch. */
export function batchView(batch: InstanceType<Models["ProductBatch"]>) {
  const { lotCode, publicCode, producedOn, quantity, expiresOn, notes } = batch;
  return { lotCode, publicCode, producedOn, quantity, expiresOn, notes };
}

/** A batch's events, oldest first (same day: in the order they were written down). */
export async function readBatchEvents(models: Models, batchId: number): Promise<BatchEventView[]> {
  const rows = await models.BatchEvent.findAll({
    where: { batchId },
    order: [
      ["happenedOn", "ASC"],
      ["id", "ASC"],
    ],
  });
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    happenedOn: r.happenedOn,
    note: r.note,
    photo: photoOf(r),
  }));
}

/**
 * The photo through the image pipeline, before any transaction (sharp is slow); a rejected file becomes an error
 * beside the form's photo field.
 */
async function processPhoto(kit: CatalogueKit, file: Buffer | undefined): Promise<ProcessedImage | null> {
  if (!file) return null;
  try {
    return await processImage(file, kit.storage, { folder: "batches", widths: [320, 640, 960] });
  } catch (error) {
    if (isDomainError(error) && error.status === 400)
      throw new Invalid({ photo: { code: error.code, params: error.params } });
    throw error;
  }
}

/** What a cooperative writes about a batch: the steps behind its public trace page, with their photos. */
export function batchEvents(kit: CatalogueKit) {
  const { db, models, loadForEdit } = kit;

  /** The product (locked) may be edited by `user` and the batch is one of its. */
  async function editableBatch(
    user: CurrentUser,
    productId: number,
    batchId: number,
    transaction?: Transaction,
  ) {
    const product = await loadForEdit(user, productId, transaction);
    const batch = await models.ProductBatch.findOne({ where: { id: batchId, productId }, transaction });
    if (!batch) throw new NotFound("batch_not_found");
    return { product, batch };
  }

  return {
    /** The batch page of the cooperative's dashboard: the batch, its product and its story so far. */
    async getBatchForEdit(
      user: CurrentUser,
      { productId, batchId, locale }: { productId: number; batchId: number; locale: Locale },
    ) {
      const { product, batch } = await editableBatch(user, productId, batchId);
      const detail = toDetail(product, locale);
      return {
        product: { id: detail.id, name: detail.name, nameLang: detail.nameLang, unit: detail.unit },
        cooperative: { name: product.cooperative?.name ?? "" },
        batch: { id: batch.id, ...batchView(batch) },
        events: await readBatchEvents(models, batch.id),
      };
    },

    async addBatchEvent(
      user: CurrentUser,
      {
        productId,
        batchId,
        form,
        photo,
      }: { productId: number; batchId: number; form: unknown; photo?: Buffer },
    ) {
      await editableBatch(user, productId, batchId);
      const data = parseOrInvalid(batchEventSchema, form);
      const image = await processPhoto(kit, photo);
      return db.transaction(async (transaction) => {
        await editableBatch(user, productId, batchId, transaction);
        // Counted under the product's lock: two forms sent at once cannot both take the last place.
        if ((await models.BatchEvent.count({ where: { batchId }, transaction })) >= MAX_BATCH_EVENTS)
          throw new Invalid({ kind: { code: "too_many_events", params: { max: MAX_BATCH_EVENTS } } });
        const event = await models.BatchEvent.create(
          {
            batchId,
            kind: data.kind,
            happenedOn: data.happenedOn,
            note: data.note ?? null,
            photo: image ? storedPhoto(image) : null,
          },
          { transaction },
        );
        await recordAudit(models, transaction, {
          actorId: user.id,
          action: "product.batch_event_added",
          entityType: "product",
          entityId: productId,
          data: { batchId, kind: data.kind, happenedOn: data.happenedOn },
        });
        return { id: event.id };
      });
    },

    /** Change an event's kind, day and note; a new photo replaces the old, `removePhoto` takes it away. */
    async updateBatchEvent(
      user: CurrentUser,
      {
        productId,
        batchId,
        eventId,
        form,
        photo,
        removePhoto = false,
      }: {
        productId: number;
        batchId: number;
        eventId: number;
        form: unknown;
        photo?: Buffer;
        removePhoto?: boolean;
      },
    ) {
      await editableBatch(user, productId, batchId);
      const data = parseOrInvalid(batchEventSchema, form);
      const image = await processPhoto(kit, photo);
      await db.transaction(async (transaction) => {
        await editableBatch(user, productId, batchId, transaction);
        const event = await models.BatchEvent.findOne({ where: { id: eventId, batchId }, transaction });
        if (!event) throw new NotFound("batch_event_not_found");
        await event.update(
          {
            kind: data.kind,
            happenedOn: data.happenedOn,
            note: data.note ?? null,
            photo: image ? storedPhoto(image) : removePhoto ? null : event.photo,
          },
          { transaction },
        );
        await recordAudit(models, transaction, {
          actorId: user.id,
          action: "product.batch_event_updated",
          entityType: "product",
          entityId: productId,
          data: { batchId, eventId },
        });
      });
    },

    async removeBatchEvent(
      user: CurrentUser,
      { productId, batchId, eventId }: { productId: number; batchId: number; eventId: number },
    ) {
      await db.transaction(async (transaction) => {
        await editableBatch(user, productId, batchId, transaction);
        if (!(await models.BatchEvent.destroy({ where: { id: eventId, batchId }, transaction })))
          throw new NotFound("batch_event_not_found");
        await recordAudit(models, transaction, {
          actorId: user.id,
          action: "product.batch_event_removed",
          entityType: "product",
          entityId: productId,
          data: { batchId, eventId },
        });
      });
    },
  };
}
