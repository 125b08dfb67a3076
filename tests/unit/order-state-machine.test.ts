import { describe, expect, it } from "vitest";
import {
  ORDER_ACTORS,
  ORDER_STATUSES,
  PAYMENT_METHODS,
  type OrderActor,
  type OrderStatus,
  type PaymentMethod,
} from "../../server/vocabulary/domain";
import { availableActions, nextStatus, type OrderAction } from "../../server/orders/state-machine";

const ACTIONS: OrderAction[] = ["mark_paid", "confirm", "ship", "deliver", "cancel", "refund"];

/**
 * The lifecycle as the issue states it, written out independently of server/orders/state-machine.ts:
 *   COD: placed → confirmed → shipped → delivered; card and transfer: pending_payment → paid → confirmed → …
 *   A COD order is never "marked paid" (delivery pays it); a card payment is marked by Stripe's webhook only;
 *   a transfer by the cooperative or staff (or the system). Cancel before shipping, by anyone with a part in it.
 *   Refund returns card money only, staff or the system, once paid (also after a cancellation).
 */
function expected(
  action: OrderAction,
  status: OrderStatus,
  method: PaymentMethod,
  actor: OrderActor,
): OrderStatus | null {
  const sellerSide = actor === "cooperative" || actor === "staff";
  switch (action) {
    case "mark_paid":
      if (status !== "pending_payment") return null;
      if (method === "cod") return null;
      if (method === "card") return actor === "system" ? "paid" : null;
      return actor === "buyer" ? null : "paid";
    case "confirm":
      return (status === "placed" || status === "paid") && sellerSide ? "confirmed" : null;
    case "ship":
      return status === "confirmed" && sellerSide ? "shipped" : null;
    case "deliver":
      return status === "shipped" && sellerSide ? "delivered" : null;
    case "cancel":
      return ["pending_payment", "placed", "paid", "confirmed"].includes(status) ? "cancelled" : null;
    case "refund":
      if (method !== "card") return null;
      if (actor !== "staff" && actor !== "system") return null;
      return ["paid", "confirmed", "shipped", "delivered", "cancelled"].includes(status) ? "refunded" : null;
  }
}

type Matrix = Record<string, OrderStatus | null>;
function matrix(f: (method: PaymentMethod, actor: OrderActor) => OrderStatus | null): Matrix {
  const out: Matrix = {};
  for (const method of PAYMENT_METHODS)
    for (const actor of ORDER_ACTORS) out[`${method}/${actor}`] = f(method, actor);
  return out;
}

describe("order state machine: every action × status × payment method × actor", () => {
  describe.each(ACTIONS)("%s", (action) => {
    it.each([...ORDER_STATUSES])("from %s", (status) => {
      expect(matrix((method, actor) => nextStatus(action, { status, paymentMethod: method }, actor))).toEqual(
        matrix((method, actor) => expected(action, status, method, actor)),
      );
    });
  });
});

describe("order state machine: rules the business depends on", () => {
  it("never lets a COD order be marked paid, by anyone", () => {
    for (const actor of ORDER_ACTORS)
      expect(nextStatus("mark_paid", { status: "pending_payment", paymentMethod: "cod" }, actor)).toBeNull();
  });

  it("lets only the system (Stripe's webhook) mark a card payment paid", () => {
    const allowed = ORDER_ACTORS.filter(
      (actor) =>
        nextStatus("mark_paid", { status: "pending_payment", paymentMethod: "card" }, actor) !== null,
    );
    expect(allowed).toEqual(["system"]);
  });

  it("refunds card payments only", () => {
    for (const method of PAYMENT_METHODS)
      for (const status of ORDER_STATUSES)
        if (method !== "card")
          expect(nextStatus("refund", { status, paymentMethod: method }, "staff")).toBeNull();
    expect(nextStatus("refund", { status: "delivered", paymentMethod: "card" }, "staff")).toBe("refunded");
  });

  it("lets the buyer cancel before shipping and never after", () => {
    for (const status of ORDER_STATUSES) {
      const canCancel = nextStatus("cancel", { status, paymentMethod: "cod" }, "buyer") !== null;
      expect(canCancel, status).toBe(["pending_payment", "placed", "paid", "confirmed"].includes(status));
    }
  });

  it("leaves nothing to do once an order is refunded, and only a refund after cancellation", () => {
    for (const actor of ORDER_ACTORS) {
      for (const method of PAYMENT_METHODS) {
        expect(availableActions({ status: "refunded", paymentMethod: method }, actor)).toEqual([]);
        expect(availableActions({ status: "delivered", paymentMethod: method }, actor)).toEqual(
          method === "card" && (actor === "staff" || actor === "system") ? ["refund"] : [],
        );
      }
    }
    expect(availableActions({ status: "cancelled", paymentMethod: "card" }, "staff")).toEqual(["refund"]);
  });

  it("offers the buttons each actor may press, and refund only while the money is held", () => {
    expect(availableActions({ status: "placed", paymentMethod: "cod" }, "cooperative")).toEqual([
      "confirm",
      "cancel",
    ]);
    expect(availableActions({ status: "placed", paymentMethod: "cod" }, "buyer")).toEqual(["cancel"]);
    expect(
      availableActions({ status: "pending_payment", paymentMethod: "bank_transfer" }, "cooperative"),
    ).toEqual(["mark_paid", "cancel"]);
    expect(availableActions({ status: "pending_payment", paymentMethod: "card" }, "cooperative")).toEqual([
      "cancel",
    ]);
    expect(availableActions({ status: "shipped", paymentMethod: "cod" }, "buyer")).toEqual([]);
    expect(
      availableActions({ status: "paid", paymentMethod: "card", paymentStatus: "paid" }, "staff"),
    ).toEqual(["confirm", "cancel", "refund"]);
    // Already being refunded (or refunded): no second refund button.
    expect(
      availableActions(
        { status: "cancelled", paymentMethod: "card", paymentStatus: "refund_pending" },
        "staff",
      ),
    ).toEqual([]);
    expect(
      availableActions({ status: "cancelled", paymentMethod: "card", paymentStatus: "unpaid" }, "staff"),
    ).toEqual([]);
  });
});
