import type { JobHandler } from "../jobs";
import { enqueueJob } from "../jobs";
import type { PaymentPurpose } from "../payments";
import { EXPIRE_BOOKING, type BookingLifecycle } from "./booking-lifecycle";
import type { FairsKit } from "./kit";

export const REFUND_BOOKING = "fairs.refund-booking";

/** Booth fees paid by card (through the payments module's webhook), and the jobs that end unpaid bookings. */
export function bookingPayments(kit: FairsKit, bookings: BookingLifecycle) {
  const { models, gateway, now, transact, lockBookingRow } = kit;
  return {
    paymentPurpose: {
      name: "booth",
      async paid(transaction, reference) {
        const booking = await lockBookingRow({ publicId: reference }, transaction);
        if (!booking) return false;
        if (booking.status === "booked" && booking.paidAt) return true;
        if (booking.status !== "pending_payment") {
          // The money came after the booking let go of its booth: give it back.
          await booking.update({ paidAt: now() }, { transaction });
          await enqueueJob(models, transaction, REFUND_BOOKING, { bookingId: booking.id });
          return true;
        }
        await bookings.move(
          transaction,
          booking,
          "mark_paid",
          "booked",
          "system",
          null,
          { paidAt: now(), paymentMethod: "card" },
          "stripe",
        );
        await bookings.settleWaitlist(transaction, booking, "done");
        return true;
      },
      async expired() {
        // A card session ending does not end the booking: the payment deadline does (EXPIRE_BOOKING).
        return false;
      },
      async failed() {
        return false;
      },
      async refunded() {
        return false;
      },
    } satisfies PaymentPurpose,

    jobHandlers(): Record<string, JobHandler> {
      return {
        [EXPIRE_BOOKING]: async (payload) => {
          await transact(async (transaction) => {
            const booking = await lockBookingRow({ id: Number(payload.bookingId) }, transaction);
            if (!booking || !["held", "pending_payment"].includes(booking.status)) return;
            if (!booking.expiresAt || booking.expiresAt.getTime() > now().getTime()) return;
            await bookings.move(
              transaction,
              booking,
              "expire",
              "expired",
              "system",
              null,
              {},
              booking.status === "held" ? "hold_expired" : "payment_overdue",
            );
            await bookings.settleWaitlist(transaction, booking, "missed");
          });
        },
        [REFUND_BOOKING]: async (payload) => {
          const booking = await models.BoothBooking.findByPk(Number(payload.bookingId));
          if (!booking || !gateway || !booking.stripeSessionId) return;
          const session = await gateway.retrieveCheckoutSession(booking.stripeSessionId);
          if (!session.paymentIntentId) return;
          await gateway.refund({
            paymentIntentId: session.paymentIntentId,
            amountVnd: booking.amountVnd,
            idempotencyKey: `refund-booking-${booking.id}`,
            metadata: { booking_public_id: booking.publicId },
          });
          await booking.update({ reason: "late_payment_refunded" });
        },
      };
    },
  };
}
