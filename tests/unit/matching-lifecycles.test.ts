import { describe, expect, it } from "vitest";
import { isTransitionRefused } from "../../server/lifecycle";
import { demandMachine, offerMachine } from "../../server/matching";
import type { DemandAction } from "../../server/matching/demands";
import type { OfferAction } from "../../server/matching/offers";
import {
  DEMAND_STATUSES,
  OFFER_STATUSES,
  type DemandStatus,
  type OfferStatus,
} from "../../server/vocabulary/domain";

type DemandActor = "buyer" | "staff" | "system";
type OfferActor = "cooperative" | "staff";

/**
 * What each side may do, written out by state and actor independently of the tables: the buttons the buyer's and
 * the cooperative's pages show. Ended demands (fulfilled, closed) never move; an expired one may only be renewed.
 */
const DEMAND_BUTTONS: Record<DemandStatus, Record<DemandActor, DemandAction[]>> = {
  open: { buyer: ["pause", "fulfil", "close", "renew"], staff: ["pause", "close"], system: ["expire"] },
  paused: { buyer: ["resume", "fulfil", "close", "renew"], staff: ["close"], system: ["expire"] },
  fulfilled: { buyer: [], staff: [], system: [] },
  closed: { buyer: [], staff: [], system: [] },
  expired: { buyer: ["renew"], staff: [], system: [] },
};

const OFFER_BUTTONS: Record<OfferStatus, Record<OfferActor, OfferAction[]>> = {
  active: { cooperative: ["pause", "close"], staff: ["pause", "close"] },
  paused: { cooperative: ["resume", "close"], staff: ["close"] },
  closed: { cooperative: [], staff: [] },
};

describe("the demand lifecycle", () => {
  it.each(DEMAND_STATUSES)("offers the right actions on a %s demand to each actor", (status) => {
    for (const actor of ["buyer", "staff", "system"] as const)
      expect(demandMachine.available({ status }, actor).sort(), `${status} by ${actor}`).toEqual(
        [...DEMAND_BUTTONS[status][actor]].sort(),
      );
  });

  it("leads each action where it should", () => {
    expect(demandMachine.next("pause", { status: "open" }, "buyer")).toBe("paused");
    expect(demandMachine.next("resume", { status: "paused" }, "buyer")).toBe("open");
    expect(demandMachine.next("fulfil", { status: "paused" }, "buyer")).toBe("fulfilled");
    expect(demandMachine.next("close", { status: "open" }, "staff")).toBe("closed");
    expect(demandMachine.next("renew", { status: "expired" }, "buyer")).toBe("open");
    expect(demandMachine.next("renew", { status: "paused" }, "buyer")).toBe("open");
    expect(demandMachine.next("expire", { status: "paused" }, "system")).toBe("expired");
  });

  it("lets only the clock expire a demand", () => {
    for (const actor of ["buyer", "staff"] as const)
      for (const status of DEMAND_STATUSES)
        expect(demandMachine.next("expire", { status }, actor)).toBeNull();
    expect(demandMachine.next("expire", { status: "expired" }, "system")).toBeNull();
  });

  it("refuses with a typed transition_refused", () => {
    let caught: unknown;
    try {
      demandMachine.assert("resume", { status: "open" }, "buyer");
    } catch (error) {
      caught = error;
    }
    expect(isTransitionRefused(caught)).toBe(true);
    expect(caught).toMatchObject({ status: 409, params: { from: "open", action: "resume" } });
  });
});

describe("the offer lifecycle", () => {
  it.each(OFFER_STATUSES)("offers the right actions on a %s offer to each actor", (status) => {
    for (const actor of ["cooperative", "staff"] as const)
      expect(offerMachine.available({ status }, actor).sort(), `${status} by ${actor}`).toEqual(
        [...OFFER_BUTTONS[status][actor]].sort(),
      );
  });

  it("leads each action where it should and refuses the rest", () => {
    expect(offerMachine.next("pause", { status: "active" }, "cooperative")).toBe("paused");
    expect(offerMachine.next("resume", { status: "paused" }, "cooperative")).toBe("active");
    expect(offerMachine.next("close", { status: "paused" }, "staff")).toBe("closed");
    expect(offerMachine.next("resume", { status: "paused" }, "staff")).toBeNull();
    expect(() => offerMachine.assert("resume", { status: "closed" }, "cooperative")).toThrow(
      "transition_refused",
    );
  });
});
