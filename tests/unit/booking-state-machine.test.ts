import { describe, expect, it } from "vitest";
import {
  BOOKING_STATUSES,
  ORDER_ACTORS,
  type BookingStatus,
  type OrderActor,
} from "../../server/vocabulary/domain";
import { bookingStateMachine, type BookingAction } from "../../server/fairs/booking-state-machine";
import { isTransitionRefused } from "../../server/lifecycle";

const ACTIONS: BookingAction[] = ["confirm", "approve", "decline", "mark_paid", "cancel", "vacate", "expire"];
const ACTIVE: BookingStatus[] = ["held", "pending_approval", "pending_payment", "booked"];

/**
 * The booth booking lifecycle as decision 0006 states it, written out independently of the table:
 *   a hold is confirmed by its cooperative into approval, payment or booked (the fair's rules choose);
 *   staff approve into payment or booked (the price chooses), decline what is not booked yet, mark a payment;
 *   the system marks card payments and expires holds and unpaid bookings; the cooperative cancels and staff
 *   vacate any active booking. Ended bookings (cancelled, expired, declined) never move again.
 */
function outcomes(action: BookingAction, status: BookingStatus, actor: OrderActor): BookingStatus[] {
  switch (action) {
    case "confirm":
      return status === "held" && actor === "cooperative"
        ? ["pending_approval", "pending_payment", "booked"]
        : [];
    case "approve":
      return status === "pending_approval" && actor === "staff" ? ["pending_payment", "booked"] : [];
    case "decline":
      return ["held", "pending_approval", "pending_payment"].includes(status) && actor === "staff"
        ? ["declined"]
        : [];
    case "mark_paid":
      return status === "pending_payment" && (actor === "staff" || actor === "system") ? ["booked"] : [];
    case "cancel":
      return ACTIVE.includes(status) && actor === "cooperative" ? ["cancelled"] : [];
    case "vacate":
      return ACTIVE.includes(status) && actor === "staff" ? ["cancelled"] : [];
    case "expire":
      return (status === "held" || status === "pending_payment") && actor === "system" ? ["expired"] : [];
  }
}

describe("booth booking state machine: every action × status × actor × outcome", () => {
  describe.each(ACTIONS)("%s", (action) => {
    it.each([...BOOKING_STATUSES])("from %s", (status) => {
      for (const actor of ORDER_ACTORS) {
        const allowed = outcomes(action, status, actor);
        for (const to of BOOKING_STATUSES) {
          const got = bookingStateMachine.next(action, { status }, actor, to);
          expect(got, `${action} ${status}→${to} by ${actor}`).toBe(allowed.includes(to) ? to : null);
        }
        // Without a target, the usual outcome (the first) or nothing.
        expect(bookingStateMachine.next(action, { status }, actor)).toBe(allowed[0] ?? null);
      }
    });
  });

  it("ends for good: nothing moves a cancelled, expired or declined booking", () => {
    for (const status of ["cancelled", "expired", "declined"] as const)
      for (const actor of ORDER_ACTORS) expect(bookingStateMachine.available({ status }, actor)).toEqual([]);
  });

  it("refuses with the typed error that names the state and the action", () => {
    let caught: unknown;
    try {
      bookingStateMachine.assert("approve", { status: "booked" }, "staff");
    } catch (error) {
      caught = error;
    }
    expect(isTransitionRefused(caught)).toBe(true);
    expect(caught).toMatchObject({
      code: "transition_refused",
      status: 409,
      params: { from: "booked", action: "approve" },
    });
    // An outcome that is not one of the action's is refused too.
    expect(() =>
      bookingStateMachine.assert("confirm", { status: "held" }, "cooperative", "cancelled"),
    ).toThrow("transition_refused");
  });

  it("offers staff and cooperatives their own buttons on a booking waiting for approval", () => {
    expect(bookingStateMachine.available({ status: "pending_approval" }, "staff")).toEqual([
      "approve",
      "decline",
      "vacate",
    ]);
    expect(bookingStateMachine.available({ status: "pending_approval" }, "cooperative")).toEqual(["cancel"]);
  });
});
