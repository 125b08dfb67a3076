import type { Transaction } from "sequelize";
import { onceByUniqueKey } from "../db/transaction";
import type { CurrentUser } from "../accounts/current-user";
import type { AgreementRecord } from "../db/models/agreements";
import { Conflict, Forbidden, Invalid, isDomainError } from "../errors";
import { processImage } from "../images";
import { parseOrInvalid } from "../validation";
import { vietnamDay } from "../vocabulary/dates";
import { OPEN_PIPELINE_STATUSES } from "../vocabulary/domain";
import { appendAgreementEvent } from "./chain";
import type { AgreementContent } from "./content";
import { notifyDeliveryParty } from "./delivery-notices";
import type { draftingUseCases } from "./drafting";
import { settleDeliveryFollowUp } from "./follow-ups";
import { fulfilmentOf } from "./fulfilment";
import type { AgreementKit } from "./kit";
import { deliveryAnswerSchema, deliverySchema, pipelineMoveSchema } from "./schemas";

/** The states in which deliveries are recorded and answered: sealed and not yet closed. */
const DELIVERING = OPEN_PIPELINE_STATUSES;

/**
 * A proof photo is kept at two widths: the thumbnail on the delivery's row and the full photo it links to. The
 * pipeline makes every asked width up to the photo's own (and the photo's own width when it is narrower than the
 * largest), so a stored full photo at least this wide always has its thumbnail beside it.
 */
const PHOTO_THUMB_WIDTH = 320;
const PHOTO_FULL_WIDTH = 1280;
const JPEG_WIDTH = /-(\d+)\.jpg$/;

/**
 * The delivery's photo as the page shows it. Only the full photo's address is stored (agreement_deliveries.photo_url,
 * a JPEG: it opens anywhere when followed); its thumbnail is the same content-hashed name at the thumbnail's width.
 */
export function deliveryPhoto(photoUrl: string | null) {
  if (!photoUrl) return null;
  const width = Number(JPEG_WIDTH.exec(photoUrl)?.[1] ?? 0);
  return {
    url: photoUrl,
    thumbnailUrl:
      width > PHOTO_THUMB_WIDTH ? photoUrl.replace(JPEG_WIDTH, `-${PHOTO_THUMB_WIDTH}.jpg`) : photoUrl,
  };
}

type DeliveryInput = { requestId: string; scheduledOn?: string | null };

/**
 * Carrying a sealed agreement out: each party records what it delivered against the schedule, the other confirms
 * or disputes it; the first delivery starts the implementation and the confirmed quantity reaching the agreed one
 * completes it. Staff move the pipeline by hand too (start, stall, complete, cancel), with a reason where one is
 * owed. Every step is an entry of the agreement's audit chain, under the agreement's row lock.
 */
export function trackingUseCases(kit: AgreementKit, drafting: ReturnType<typeof draftingUseCases>) {
  const { models, db } = kit;
  const machine = drafting.agreementLifecycle;

  async function sealedContent(agreement: AgreementRecord, transaction?: Transaction) {
    const row = await models.AgreementVersion.findOne({
      where: { agreementId: agreement.id, contentHash: agreement.sealedHash! },
      transaction,
    });
    return JSON.parse(row!.content) as AgreementContent;
  }

  async function deliveriesOf(agreementId: number, transaction?: Transaction) {
    return models.AgreementDelivery.findAll({
      where: { agreementId },
      order: [
        ["deliveredOn", "ASC"],
        ["id", "ASC"],
      ],
      transaction,
    });
  }

  /** The figures the lists and reports read without opening the content: confirmed so far, the next date owed. */
  async function refreshFigures(
    transaction: Transaction,
    agreement: AgreementRecord,
    content: AgreementContent,
  ) {
    const f = fulfilmentOf(content, await deliveriesOf(agreement.id, transaction), vietnamDay(kit.now()));
    await agreement.update(
      {
        deliveredQuantity: f.delivered.quantity,
        deliveredVnd: f.delivered.valueVnd,
        nextDueOn: f.overdue[0] ?? f.nextDue,
      },
      { transaction },
    );
    return f;
  }

  /**
   * Whether a delivery form may be recorded on the agreement now: the delivery already recorded for its request id
   * (a retry), or the sealed content to record it against; refused when the agreement is not being carried out or
   * the form names a date the schedule does not have.
   */
  async function admit(agreement: AgreementRecord, input: DeliveryInput, transaction?: Transaction) {
    const known = await models.AgreementDelivery.findOne({
      where: { agreementId: agreement.id, requestId: input.requestId },
      transaction,
    });
    if (known) return { known, content: null };
    if (!(DELIVERING as readonly string[]).includes(agreement.status))
      throw new Conflict("agreement_not_in_implementation");
    const content = await sealedContent(agreement, transaction);
    if (input.scheduledOn && !content.deliveries.some((d) => d.date === input.scheduledOn))
      throw new Invalid({ scheduledOn: { code: "choose_one" } });
    return { known: null, content };
  }

  /**
   * The proof photo through the image pipeline (checked by content, normalised, stripped of its metadata, resized),
   * outside any transaction: it is slow. Files are named by the content's hash, so the same photo sent twice is
   * the same files, never a second copy.
   */
  async function storePhoto(photo: Buffer) {
    try {
      const image = await processImage(photo, kit.storage, {
        folder: "deliveries",
        widths: [PHOTO_THUMB_WIDTH, PHOTO_FULL_WIDTH],
      });
      const jpegs = image.variants.filter((v) => v.format === "jpeg").sort((a, b) => b.width - a.width);
      return jpegs[0]!.url;
    } catch (error) {
      if (isDomainError(error) && error.status === 400)
        throw new Invalid({ photo: { code: error.code, params: error.params } });
      throw error;
    }
  }

  return {
    /** Deliveries and planned-against-delivered, for the agreement page (an unsealed one has neither). */
    async trackingOf(agreement: AgreementRecord) {
      if (!agreement.sealedAt) return null;
      const [content, deliveries] = await Promise.all([sealedContent(agreement), deliveriesOf(agreement.id)]);
      return {
        schedule: content.deliveries,
        unit: content.unit,
        fulfilment: fulfilmentOf(content, deliveries, vietnamDay(kit.now())),
        deliveries: deliveries.map((d) => ({
          id: d.id,
          scheduledOn: d.scheduledOn,
          deliveredOn: d.deliveredOn,
          quantity: d.quantity,
          valueVnd: d.valueVnd,
          note: d.note,
          photo: deliveryPhoto(d.photoUrl),
          side: d.side,
          status: d.status,
          disputeReason: d.disputeReason,
          answeredAt: d.answeredAt?.toISOString() ?? null,
        })),
      };
    },

    /**
     * A party records a delivery, with a proof photo if it has one; the other party is told. The same form sent
     * twice (a double click, a retried request) records it once: the form's request id is looked up under the
     * agreement's lock, and unique in the table besides. A retry already recorded does not even store its photo
     * again; two copies racing store the same content-named files, which the one delivery recorded refers to.
     */
    async recordDelivery(
      user: CurrentUser,
      {
        publicId,
        form,
        photo = null,
      }: { publicId: string; form: Record<string, unknown>; photo?: Buffer | null },
    ) {
      const { agreement: seen, side } = await kit.visibleAgreement(user, publicId);
      if (side === "staff") throw new Forbidden("parties_only");
      const input = parseOrInvalid(deliverySchema, form);
      const today = vietnamDay(kit.now());
      if (input.deliveredOn > today) throw new Invalid({ deliveredOn: { code: "delivered_in_future" } });
      // Checked before the photo is stored, so that a form refused (or a retry) leaves no file behind; checked
      // again under the lock below, which is what guarantees it.
      const early = await admit(seen, input);
      if (early.known) return { deliveryId: early.known.id, repeated: true };
      const photoUrl = photo ? await storePhoto(photo) : null;
      const record = () =>
        db.transaction(async (transaction) => {
          const { agreement } = await kit.visibleAgreement(user, publicId, transaction);
          // A retry of a form already recorded gets its delivery, whatever happened to the agreement since.
          const { known, content } = await admit(agreement, input, transaction);
          if (known) return { deliveryId: known.id, repeated: true };
          const delivery = await models.AgreementDelivery.create(
            {
              agreementId: agreement.id,
              requestId: input.requestId,
              scheduledOn: input.scheduledOn ?? null,
              deliveredOn: input.deliveredOn,
              quantity: input.quantity,
              valueVnd: input.valueVnd ?? input.quantity * content.unitPriceVnd,
              note: input.note ?? null,
              photoUrl,
              side,
              recordedBy: user.id,
              status: "recorded",
            },
            { transaction },
          );
          await appendAgreementEvent(models, transaction, agreement, {
            action: "delivery_recorded",
            actorId: user.id,
            at: kit.now(),
            data: {
              delivery: delivery.id,
              side,
              deliveredOn: delivery.deliveredOn,
              quantity: delivery.quantity,
              valueVnd: delivery.valueVnd,
              ...(photoUrl ? { photo: photoUrl } : {}),
            },
          });
          await refreshFigures(transaction, agreement, content);
          if (delivery.scheduledOn)
            await settleDeliveryFollowUp(models, transaction, {
              agreementId: agreement.id,
              scheduledOn: delivery.scheduledOn,
              at: kit.now(),
            });
          await notifyDeliveryParty(kit, transaction, {
            to: side === "buyer" ? "supplier" : "buyer",
            template: "agreement_delivery_recorded",
            agreement,
            content,
            delivery,
          });
          if (agreement.status === "sealed")
            await machine.move(transaction, {
              subject: agreement,
              action: "start",
              actor: "system",
              actorId: null,
            });
          return { deliveryId: delivery.id, repeated: false };
        });
      // The unique (agreement, request id) index is the backstop: the same form twice is still one delivery.
      return onceByUniqueKey(record, async () => {
        const { agreement } = await kit.visibleAgreement(user, publicId);
        const known = await models.AgreementDelivery.findOne({
          where: { agreementId: agreement.id, requestId: input.requestId },
        });
        return known ? { deliveryId: known.id, repeated: true } : null;
      });
    },

    /**
     * The other party confirms a delivery or disputes it with a reason; the one who recorded it cannot, and is told
     * the answer. When the confirmed quantity reaches the agreed quantity, the agreement is completed.
     */
    async answerDelivery(
      user: CurrentUser,
      { publicId, form }: { publicId: string; form: Record<string, unknown> },
    ) {
      const { side } = await kit.visibleAgreement(user, publicId);
      if (side === "staff") throw new Forbidden("parties_only");
      const input = parseOrInvalid(deliveryAnswerSchema, form);
      return db.transaction(async (transaction) => {
        const { agreement } = await kit.visibleAgreement(user, publicId, transaction);
        const delivery = await models.AgreementDelivery.findOne({
          where: { id: input.deliveryId, agreementId: agreement.id },
          transaction,
        });
        if (!delivery) throw new Invalid({ deliveryId: { code: "form_outdated" } });
        if (delivery.side === side) throw new Forbidden("other_party_answers");
        if (delivery.status !== "recorded") throw new Conflict("delivery_answered");
        if (!(DELIVERING as readonly string[]).includes(agreement.status))
          throw new Conflict("agreement_not_in_implementation");
        const status = input.answer === "confirm" ? "confirmed" : "disputed";
        await delivery.update(
          {
            status,
            answeredBy: user.id,
            answeredAt: kit.now(),
            disputeReason: status === "disputed" ? (input.reason ?? null) : null,
          },
          { transaction },
        );
        await appendAgreementEvent(models, transaction, agreement, {
          action: status === "confirmed" ? "delivery_confirmed" : "delivery_disputed",
          actorId: user.id,
          at: kit.now(),
          data: { delivery: delivery.id, ...(input.reason ? { reason: input.reason } : {}) },
        });
        const content = await sealedContent(agreement, transaction);
        const figures = await refreshFigures(transaction, agreement, content);
        await notifyDeliveryParty(kit, transaction, {
          to: delivery.side,
          template: status === "confirmed" ? "agreement_delivery_confirmed" : "agreement_delivery_disputed",
          agreement,
          content,
          delivery,
          reason: delivery.disputeReason,
        });
        if (status === "confirmed") {
          const done = figures.percent >= 100;
          if (done && agreement.status !== "completed")
            await machine.move(transaction, {
              subject: agreement,
              action: "complete",
              actor: "system",
              actorId: null,
              note: "delivered",
            });
        }
        return { status };
      });
    },

    /** Staff move the pipeline: start, stall (why), complete, or cancel a sealed agreement (why). */
    async moveAgreement(
      user: CurrentUser,
      { publicId, form }: { publicId: string; form: Record<string, unknown> },
    ) {
      const { side } = await kit.visibleAgreement(user, publicId);
      if (side !== "staff") throw new Forbidden("staff_only");
      const { action, reason } = parseOrInvalid(pipelineMoveSchema, form);
      await db.transaction(async (transaction) => {
        const { agreement } = await kit.visibleAgreement(user, publicId, transaction);
        await machine.move(transaction, {
          subject: agreement,
          action,
          actor: "staff",
          actorId: user.id,
          changes: { statusReason: reason ?? null },
          note: reason ?? null,
        });
      });
    },
  };
}
