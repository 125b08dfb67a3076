import { randomBytes } from "node:crypto";
import type { Transaction } from "sequelize";
import { OCOP_VALIDITY_MONTHS } from "../vocabulary/domain";
import type { CurrentUser } from "../accounts/current-user";
import { recordAudit } from "../audit";
import type { Models } from "../db/models";
import { Invalid, NotFound } from "../errors";
import type { EventPublisher } from "../events";
import { parseOrInvalid } from "../validation";
import { ocopExpiresAt } from "./documents";
import { batchSchema, ocopSchema, type OcopInput } from "./schemas";
import type { CatalogueKit } from "./kit";

export function addMonths(isoDate: string, months: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/**
 * Put a product's OCOP certificate (36 months from its issue) in place of any it had, inside the caller's
 * transaction, which also says the product changed now. The certificate lapses on its own: the product changes
 * again on the day it expires (its OCOP facet goes), so that event is published here for the form and the CSV
 * import alike.
 */
export async function replaceOcopCertificate(
  models: Models,
  events: EventPublisher,
  transaction: Transaction,
  productId: number,
  data: OcopInput,
) {
  const expiresOn = addMonths(data.issuedOn, OCOP_VALIDITY_MONTHS);
  await models.ProductOcop.destroy({ where: { productId }, transaction });
  await models.ProductOcop.create(
    { productId, stars: data.stars, certificateNo: data.certificateNo, issuedOn: data.issuedOn, expiresOn },
    { transaction },
  );
  const expiry = ocopExpiresAt(expiresOn);
  if (expiry > Date.now())
    await events.publish(transaction, "product.changed", { productId }, { at: new Date(expiry + 1000) });
}

/** What vouches for a product: its OCOP certificate and its production batches (each with a public trace page). */
export function certificatesAndBatches(kit: CatalogueKit) {
  const { db, models, events, loadForEdit } = kit;
  return {
    /** Record the OCOP certificate (36 months); the index is refreshed now and again on the day it expires. */
    async setOcopCertificate(user: CurrentUser, { productId, form }: { productId: number; form: unknown }) {
      await db.transaction(async (transaction) => {
        await loadForEdit(user, productId, transaction);
        const data = parseOrInvalid(ocopSchema, form);
        await replaceOcopCertificate(models, events, transaction, productId, data);
        await recordAudit(models, transaction, {
          actorId: user.id,
          action: "product.ocop_set",
          entityType: "product",
          entityId: productId,
          data: { stars: data.stars, certificateNo: data.certificateNo },
        });
        await events.publish(transaction, "product.changed", { productId });
      });
    },

    async removeOcopCertificate(user: CurrentUser, { productId }: { productId: number }) {
      await db.transaction(async (transaction) => {
        await loadForEdit(user, productId, transaction);
        await models.ProductOcop.destroy({ where: { productId }, transaction });
        await recordAudit(models, transaction, {
          actorId: user.id,
          action: "product.ocop_removed",
          entityType: "product",
          entityId: productId,
        });
        await events.publish(transaction, "product.changed", { productId });
      });
    },

    async addBatch(user: CurrentUser, { productId, form }: { productId: number; form: unknown }) {
      return db.transaction(async (transaction) => {
        await loadForEdit(user, productId, transaction);
        const data = parseOrInvalid(batchSchema, form);
        if (await models.ProductBatch.count({ where: { productId, lotCode: data.lotCode }, transaction })) {
          throw new Invalid({ lotCode: { code: "lot_taken" } });
        }
        const batch = await models.ProductBatch.create(
          {
            productId,
            lotCode: data.lotCode,
            publicCode: randomBytes(9).toString("base64url"),
            producedOn: data.producedOn,
            quantity: data.quantity,
            expiresOn: data.expiresOn ?? null,
            notes: data.notes ?? null,
          },
          { transaction },
        );
        await recordAudit(models, transaction, {
          actorId: user.id,
          action: "product.batch_added",
          entityType: "product",
          entityId: productId,
          data: { lotCode: data.lotCode },
        });
        return { id: batch.id, publicCode: batch.publicCode };
      });
    },

    async removeBatch(user: CurrentUser, { productId, batchId }: { productId: number; batchId: number }) {
      await db.transaction(async (transaction) => {
        await loadForEdit(user, productId, transaction);
        if (!(await models.ProductBatch.destroy({ where: { id: batchId, productId }, transaction })))
          throw new NotFound("batch_not_found");
        await recordAudit(models, transaction, {
          actorId: user.id,
          action: "product.batch_removed",
          entityType: "product",
          entityId: productId,
        });
      });
    },

    /** The batch a member may print a QR code for. */
    async getBatchForMember(
      user: CurrentUser,
      { productId, batchId }: { productId: number; batchId: number },
    ) {
      await loadForEdit(user, productId);
      const batch = await models.ProductBatch.findOne({ where: { id: batchId, productId } });
      if (!batch) throw new NotFound("batch_not_found");
      return { lotCode: batch.lotCode, publicCode: batch.publicCode };
    },
  };
}
