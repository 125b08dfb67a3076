import { describe, expect, it } from "vitest";
import { isTransitionRefused } from "../../server/lifecycle";
import { demandMachine, matchMachine, offerMachine } from "../../server/matching";
import type { DemandAction } from "../../server/matching/demands";
import type { OfferAction } from "../../server/matching/offers";
import {
  DEMAND_STATUSES,
  MATCH_STATUSES,
  OFFER_STATUSES,
  type MatchStatus,
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

/**
 * A match's buttons, by state, by who sent the request (if anyone) and by who is reading: only the receiver
 * answers, only the sender withdraws, a lapse or withdrawal lets either side try again.
 */
describe("the match lifecycle", () => {
  const buttons = (
    status: MatchStatus,
    requestedBy: "buyer" | "cooperative" | null,
    actor: "buyer" | "cooperative" | "system",
  ) => matchMachine.available({ status, requestedBy }, actor).sort();

  it("offers interest or dismissal on a suggestion, to both sides alike", () => {
    for (const side of ["buyer", "cooperative"] as const)
      expect(buttons("suggested", null, side)).toEqual(["dismiss", "request"]);
    expect(buttons("suggested", null, "system")).toEqual([]);
  });

  it("lets only the receiver answer a request and only the sender withdraw it", () => {
    expect(buttons("requested", "cooperative", "buyer")).toEqual(["accept", "decline"]);
    expect(buttons("requested", "cooperative", "cooperative")).toEqual(["withdraw"]);
    expect(buttons("requested", "buyer", "cooperative")).toEqual(["accept", "decline"]);
    expect(buttons("requested", "buyer", "system")).toEqual(["expire"]);
  });

  it("reopens after a lapse or a withdrawal, and never after an answer or a dismissal", () => {
    for (const status of ["expired", "withdrawn"] as const)
      for (const side of ["buyer", "cooperative"] as const)
        expect(buttons(status, "buyer", side)).toEqual(["request"]);
    for (const status of ["connected", "declined", "dismissed"] as const)
      for (const side of ["buyer", "cooperative"] as const)
        expect(buttons(status, "buyer", side)).toEqual([]);
    expect(MATCH_STATUSES).toHaveLength(7);
  });
});
