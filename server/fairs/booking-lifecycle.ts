import { randomBytes } from "node:crypto";
import { Op, type Transaction } from "sequelize";
import { ACTIVE_BOOKING_STATUSES, type BookingStatus, type OrderActor } from "../vocabulary/domain";
import { formatDateTime } from "../vocabulary/format";
import type { BookingRecord, BoothRecord, FairRecord } from "../db/models/fairs";
import { enqueueJob } from "../jobs";
import { lifecycle } from "../lifecycle";
import { readableCode } from "../payments/vietqr";
import { bookingStateMachine, type BookingAction } from "./booking-state-machine";
import type { FairsKit } from "./kit";

export const EXPIRE_BOOKING = "fairs.expire-booking";

/** "GH" and 9 readable characters: the transfer reference of a booth fee (ASCII, ≤ 19). */
const bookingReference = () => `GH${readableCode(9)}`;

/**
 * How a booking is made and how it moves: the hold (one active booking per booth, by a unique index), every move
 * through the booking state machine, and the waiting list that a freed booth is offered to in the same
 * transaction. The use cases of cooperatives, staff, payments and jobs all go through these.
 */
export function bookingLifecycle(kit: FairsKit) {
  const { models, logger, now, bookingOpen, notifyCooperative } = kit;

  const moves = lifecycle(bookingStateMachine, {
    models,
    model: models.BoothBooking,
    name: "booth_booking",
    changedCode: "booking_changed",
    async recordEvent(transaction, e) {
      const booth = await models.Booth.findByPk(e.subject.boothId, { transaction, attributes: ["code"] });
      await models.BookingEvent.create(
        {
          bookingId: e.subject.id,
          fromStatus: e.from,
          toStatus: e.to,
          boothCode: booth?.code ?? "",
          actorId: e.actorId,
          actorKind: e.actor,
          note: e.note,
        },
        { transaction },
      );
      logger.info(
        { booking: e.subject.publicId, from: e.from, to: e.to, actor: e.actor },
        "booth booking moved",
      );
    },
  });

  /**
   * Move a booking inside the caller's transaction. Leaving the active states lets go of the booth
   * (active_booth_id = NULL), and the booth is offered to the waiting list in the same transaction.
   */
  async function move(
    transaction: Transaction,
    booking: BookingRecord,
    action: BookingAction,
    to: BookingStatus,
    actor: OrderActor,
    actorId: number | null,
    changes: Partial<{
      expiresAt: Date | null;
      paymentMethod: "card" | "bank_transfer" | null;
      paidAt: Date;
      reason: string;
    }> = {},
    note: string | null = null,
  ) {
    const releases = !ACTIVE_BOOKING_STATUSES.includes(to);
    // A booked booth no longer runs out: whatever deadline brought it here (hold, payment) is over.
    const settled = releases || to === "booked";
    await moves.move(transaction, {
      subject: booking,
      action,
      to,
      actor,
      actorId,
      note,
      changes: {
        ...changes,
        ...(settled ? { expiresAt: null } : {}),
        ...(releases ? { activeBoothId: null } : {}),
      },
    });
    if (releases) await offerToWaitlist(transaction, booking.fairId, booking.boothId);
  }

  /**
   * Hold a booth for a cooperative: the insert carries the booth's id in `active_booth_id`, whose unique index
   * lets only one active booking per booth exist. Whoever comes second is told the booth was just taken.
   */
  async function insertHold(
    transaction: Transaction,
    fair: FairRecord,
    booth: BoothRecord,
    cooperativeId: number,
    options: { fromWaitlist: boolean; expiresAt: Date; actorId: number | null },
  ) {
    const booking = await models.BoothBooking.create(
      {
        publicId: randomBytes(12).toString("base64url"),
        fairId: fair.id,
        boothId: booth.id,
        cooperativeId,
        status: "held",
        activeBoothId: booth.id,
        expiresAt: options.expiresAt,
        fromWaitlist: options.fromWaitlist,
        amountVnd: booth.priceVnd,
        transferReference: bookingReference(),
      },
      { transaction },
    );
    await models.BookingEvent.create(
      {
        bookingId: booking.id,
        fromStatus: null,
        toStatus: "held",
        boothCode: booth.code,
        actorId: options.actorId,
        actorKind: options.fromWaitlist ? "system" : "cooperative",
        note: options.fromWaitlist ? "waitlist_offer" : null,
      },
      { transaction },
    );
    await enqueueJob(
      models,
      transaction,
      EXPIRE_BOOKING,
      { bookingId: booking.id },
      { runAt: options.expiresAt },
    );
    return booking;
  }

  /** A booth came free: offer it to the first cooperative waiting for this fair, for a limited time. */
  async function offerToWaitlist(transaction: Transaction, fairId: number, boothId: number) {
    const fair = await models.Fair.findByPk(fairId, { transaction });
    const booth = await models.Booth.findByPk(boothId, { transaction });
    if (!fair || !booth || booth.blockedReason || !bookingOpen(fair)) return;
    const waiting = await models.FairWaitlist.findAll({
      where: { fairId, status: "waiting" },
      order: [["id", "ASC"]],
      transaction,
    });
    for (const entry of waiting) {
      // The same lock as a hold's, then locking reads (which see the latest commits, not this transaction's
      // snapshot): two booths freeing at once cannot both go to one cooperative past its limit.
      await models.Cooperative.findByPk(entry.cooperativeId, { transaction, lock: transaction.LOCK.UPDATE });
      const current = await models.FairWaitlist.findByPk(entry.id, {
        transaction,
        lock: transaction.LOCK.UPDATE,
      });
      if (current?.status !== "waiting") continue;
      const active = (
        await models.BoothBooking.findAll({
          where: { fairId, cooperativeId: entry.cooperativeId, activeBoothId: { [Op.ne]: null } },
          attributes: ["id"],
          transaction,
          lock: transaction.LOCK.SHARE,
        })
      ).length;
      if (active >= fair.maxBoothsPerCooperative) continue;
      const expiresAt = new Date(now().getTime() + fair.offerHours * 3_600_000);
      const booking = await insertHold(transaction, fair, booth, entry.cooperativeId, {
        fromWaitlist: true,
        expiresAt,
        actorId: null,
      });
      await entry.update({ status: "offered", bookingId: booking.id }, { transaction });
      await notifyCooperative(
        transaction,
        entry.cooperativeId,
        "booth_offered",
        fair,
        { booth: booth.code },
        (locale) => ({ until: formatDateTime(expiresAt, locale) }),
      );
      return;
    }
  }

  /** Waitlist entries follow the booking they were offered. */
  async function settleWaitlist(
    transaction: Transaction,
    booking: BookingRecord,
    outcome: "done" | "missed",
  ) {
    if (!booking.fromWaitlist) return;
    await models.FairWaitlist.update(
      { status: outcome === "done" ? "done" : "left" },
      { where: { bookingId: booking.id, status: "offered" }, transaction },
    );
  }

  /** A booking will expire at `runAt` (its hold or payment deadline) unless it moved on by then. */
  function scheduleExpiry(transaction: Transaction, booking: BookingRecord, runAt: Date) {
    return enqueueJob(models, transaction, EXPIRE_BOOKING, { bookingId: booking.id }, { runAt });
  }

  return { move, insertHold, offerToWaitlist, settleWaitlist, scheduleExpiry };
}

export type BookingLifecycle = ReturnType<typeof bookingLifecycle>;
