import { UniqueConstraintError, type Transaction } from "sequelize";
import type { CurrentUser } from "../accounts/current-user";
import type { AgreementRecord } from "../db/models/agreements";
import { Conflict, Forbidden, Invalid } from "../errors";
import { parseOrInvalid } from "../validation";
import { vietnamDay } from "../vocabulary/dates";
import { OPEN_PIPELINE_STATUSES } from "../vocabulary/domain";
import { appendAgreementEvent } from "./chain";
import type { AgreementContent } from "./content";
import type { draftingUseCases } from "./drafting";
import { fulfilmentOf } from "./fulfilment";
import type { AgreementKit } from "./kit";
import { deliveryAnswerSchema, deliverySchema, pipelineMoveSchema } from "./schemas";

/** The states in which deliveries are recorded and answered: sealed and not yet closed. */
const DELIVERING = OPEN_PIPELINE_STATUSES;

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
          side: d.side,
          status: d.status,
          disputeReason: d.disputeReason,
          answeredAt: d.answeredAt?.toISOString() ?? null,
        })),
      };
    },

    /**
     * A party records a delivery. The same form sent twice (a double click, a retried request) records it once: the
     * form's request id is looked up under the agreement's lock, and unique in the table besides.
     */
    async recordDelivery(
      user: CurrentUser,
      { publicId, form }: { publicId: string; form: Record<string, unknown> },
    ) {
      const { side } = await kit.visibleAgreement(user, publicId);
      if (side === "staff") throw new Forbidden("parties_only");
      const input = parseOrInvalid(deliverySchema, form);
      const today = vietnamDay(kit.now());
      if (input.deliveredOn > today) throw new Invalid({ deliveredOn: { code: "delivered_in_future" } });
      const record = () =>
        db.transaction(async (transaction) => {
          const { agreement } = await kit.visibleAgreement(user, publicId, transaction);
          // A retry of a form already recorded gets its delivery, whatever happened to the agreement since.
          const known = await models.AgreementDelivery.findOne({
            where: { agreementId: agreement.id, requestId: input.requestId },
            transaction,
          });
          if (known) return { deliveryId: known.id, repeated: true };
          if (!(DELIVERING as readonly string[]).includes(agreement.status))
            throw new Conflict("agreement_not_in_implementation");
          const content = await sealedContent(agreement, transaction);
          if (input.scheduledOn && !content.deliveries.some((d) => d.date === input.scheduledOn))
            throw new Invalid({ scheduledOn: { code: "choose_one" } });
          const delivery = await models.AgreementDelivery.create(
            {
              agreementId: agreement.id,
              requestId: input.requestId,
              scheduledOn: input.scheduledOn ?? null,
              deliveredOn: input.deliveredOn,
              quantity: input.quantity,
              valueVnd: input.valueVnd ?? input.quantity * content.unitPriceVnd,
              note: input.note ?? null,
              photoUrl: null,
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
            },
          });
          await refreshFigures(transaction, agreement, content);
          if (agreement.status === "sealed")
            await machine.move(transaction, {
              subject: agreement,
              action: "start",
              actor: "system",
              actorId: null,
            });
          return { deliveryId: delivery.id, repeated: false };
        });
      try {
        return await record();
      } catch (error) {
        // The unique (agreement, request id) index is the backstop: the same form twice is still one delivery.
        if (!(error instanceof UniqueConstraintError)) throw error;
        const { agreement } = await kit.visibleAgreement(user, publicId);
        const known = await models.AgreementDelivery.findOne({
          where: { agreementId: agreement.id, requestId: input.requestId },
        });
        if (!known) throw error;
        return { deliveryId: known.id, repeated: true };
      }
    },

    /**
     * The other party confirms a delivery or disputes it with a reason; the one who recorded it cannot. When the
     * confirmed quantity reaches the agreed quantity, the agreement is completed.
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
        const figures = await refreshFigures(
          transaction,
          agreement,
          await sealedContent(agreement, transaction),
        );
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
