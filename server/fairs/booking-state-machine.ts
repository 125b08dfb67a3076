import type { BookingStatus, OrderActor } from "../vocabulary/domain";
import { stateMachine, type TransitionTable } from "../lifecycle";

export type BookingAction = "confirm" | "approve" | "decline" | "mark_paid" | "cancel" | "vacate" | "expire";

/**
 * A booth booking's lifecycle. A hold is confirmed into approval, payment or straight to booked, as the fair's
 * rules say; approval leads to payment or booked, as the booth's price says. Everything else ends it.
 */
export const BOOKING_TRANSITIONS = {
  confirm: { from: ["held"], to: ["pending_approval", "pending_payment", "booked"], by: ["cooperative"] },
  approve: { from: ["pending_approval"], to: ["pending_payment", "booked"], by: ["staff"] },
  decline: { from: ["pending_approval", "held", "pending_payment"], to: ["declined"], by: ["staff"] },
  mark_paid: { from: ["pending_payment"], to: ["booked"], by: ["staff", "system"] },
  cancel: {
    from: ["held", "pending_approval", "pending_payment", "booked"],
    to: ["cancelled"],
    by: ["cooperative"],
  },
  vacate: {
    from: ["held", "pending_approval", "pending_payment", "booked"],
    to: ["cancelled"],
    by: ["staff"],
  },
  expire: { from: ["held", "pending_payment"], to: ["expired"], by: ["system"] },
} as const satisfies TransitionTable<BookingAction, BookingStatus, OrderActor>;

export const bookingStateMachine = stateMachine<
  BookingAction,
  BookingStatus,
  OrderActor,
  { status: BookingStatus }
>(BOOKING_TRANSITIONS);
