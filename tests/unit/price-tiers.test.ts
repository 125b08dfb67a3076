import { describe, expect, it } from "vitest";
import { quoteMachine } from "../../server/quotes/state-machine";
import { effectiveTiers, priceRows, unitPriceAt } from "../../server/vocabulary/price-tiers";

const tea = {
  priceVnd: 100_000,
  minOrderQty: 5,
  tiers: [
    { minQty: 100, priceVnd: 80_000 },
    { minQty: 50, priceVnd: 85_000 },
  ],
};

describe("volume prices", () => {
  it("charge the price of the highest tier a quantity reaches", () => {
    expect(unitPriceAt(tea, 5)).toEqual({ priceVnd: 100_000, tier: null });
    expect(unitPriceAt(tea, 49)).toEqual({ priceVnd: 100_000, tier: null });
    expect(unitPriceAt(tea, 50)).toEqual({ priceVnd: 85_000, tier: { minQty: 50, priceVnd: 85_000 } });
    expect(unitPriceAt(tea, 99).priceVnd).toBe(85_000);
    expect(unitPriceAt(tea, 100).priceVnd).toBe(80_000);
    expect(unitPriceAt({ priceVnd: 100_000, tiers: [] }, 1_000)).toEqual({ priceVnd: 100_000, tier: null });
  });

  it("never make more cost more per unit: a tier left above a lowered list price is not applied", () => {
    // The list price went down to 82.000 after the tiers were set (a CSV import): the 50 kg tier no longer lowers it.
    const lowered = { ...tea, priceVnd: 82_000 };
    expect(effectiveTiers(lowered.priceVnd, lowered.tiers)).toEqual([{ minQty: 100, priceVnd: 80_000 }]);
    expect(unitPriceAt(lowered, 60).priceVnd).toBe(82_000);
    expect(unitPriceAt(lowered, 100).priceVnd).toBe(80_000);
  });

  it("read as a table of ranges from the minimum order", () => {
    expect(priceRows(tea)).toEqual([
      { from: 5, to: 49, priceVnd: 100_000 },
      { from: 50, to: 99, priceVnd: 85_000 },
      { from: 100, to: null, priceVnd: 80_000 },
    ]);
    expect(priceRows({ ...tea, tiers: [] })).toEqual([{ from: 5, to: null, priceVnd: 100_000 }]);
    // A minimum raised past a tier: that tier is the price from the start.
    expect(priceRows({ ...tea, minOrderQty: 60 })).toEqual([
      { from: 60, to: 99, priceVnd: 85_000 },
      { from: 100, to: null, priceVnd: 80_000 },
    ]);
  });
});

describe("the quote lifecycle", () => {
  it("lets only the cooperative answer or decline a request, the system expire an answer or reopen an ordered one, the buyer order it", () => {
    const requested = { status: "requested" as const };
    const answered = { status: "answered" as const };
    expect(quoteMachine.available(requested, "cooperative")).toEqual(["answer", "decline"]);
    expect(quoteMachine.available(requested, "buyer")).toEqual([]);
    expect(quoteMachine.available(answered, "buyer")).toEqual(["order"]);
    expect(quoteMachine.available(answered, "system")).toEqual(["expire"]);
    expect(quoteMachine.available(answered, "cooperative")).toEqual([]);
    // An ordered quote comes back only through its order's cancellation.
    expect(quoteMachine.available({ status: "ordered" }, "system")).toEqual(["reopen"]);
    expect(quoteMachine.available({ status: "ordered" }, "buyer")).toEqual([]);
    expect(quoteMachine.available({ status: "ordered" }, "cooperative")).toEqual([]);
    for (const status of ["declined", "expired"] as const)
      for (const actor of ["buyer", "cooperative", "system"] as const)
        expect(quoteMachine.available({ status }, actor)).toEqual([]);
  });
});
