import { describe, expect, it } from "vitest";
import { fitsIn, overlaps, planGrid, type GridRequest } from "../../server/fairs/floor-plan";

/** Two rows of five 3×3 m booths from (2, 2) with a 3 m aisle: what staff get from the form's defaults. */
const GRID: GridRequest = {
  rows: 2,
  columns: 5,
  firstRow: "A",
  firstNumber: 1,
  widthM: 3,
  depthM: 3,
  aisleM: 3,
  originXM: 2,
  originYM: 2,
  type: "standard",
  cornerEnds: true,
  priceVnd: 1_500_000,
  cornerPriceVnd: 2_000_000,
};

describe("planGrid", () => {
  it("numbers booths row by row, A01…A05 then B01…B05", () => {
    expect(planGrid(GRID).map((b) => b.code)).toEqual([
      "A01",
      "A02",
      "A03",
      "A04",
      "A05",
      "B01",
      "B02",
      "B03",
      "B04",
      "B05",
    ]);
  });

  it("runs a row of twenty from A01 to A20 and starts the next row at B01", () => {
    const codes = planGrid({ ...GRID, columns: 20 }).map((b) => b.code);
    expect(codes).toHaveLength(40);
    expect(codes.slice(0, 3)).toEqual(["A01", "A02", "A03"]);
    expect(codes[19]).toBe("A20");
    expect(codes[20]).toBe("B01");
    expect(codes[39]).toBe("B20");
  });

  it("starts from another row letter and number, and reads a lower-case letter as upper case", () => {
    const codes = planGrid({ ...GRID, rows: 2, columns: 3, firstRow: "c", firstNumber: 7 }).map(
      (b) => b.code,
    );
    expect(codes).toEqual(["C07", "C08", "C09", "D07", "D08", "D09"]);
  });

  it("pads every number of a row to three digits once the row passes 99, so codes sort as they stand", () => {
    const codes = planGrid({ ...GRID, rows: 1, columns: 5, firstNumber: 97 }).map((b) => b.code);
    expect(codes).toEqual(["A097", "A098", "A099", "A100", "A101"]);
    expect([...codes].sort()).toEqual(codes);
    expect(planGrid({ ...GRID, rows: 1, columns: 3, firstNumber: 97 }).map((b) => b.code)).toEqual([
      "A97",
      "A98",
      "A99",
    ]);
  });

  it("makes the first and last booth of each row corner booths at the corner price", () => {
    const booths = planGrid(GRID);
    for (const row of ["A", "B"]) {
      const inRow = booths.filter((b) => b.code.startsWith(row));
      expect(inRow.map((b) => b.type)).toEqual(["corner", "standard", "standard", "standard", "corner"]);
      expect(inRow.map((b) => b.priceVnd)).toEqual([2_000_000, 1_500_000, 1_500_000, 1_500_000, 2_000_000]);
    }
  });

  it("has no corners without cornerEnds, nor in a row of one booth", () => {
    const plain = planGrid({ ...GRID, cornerEnds: false, type: "premium" });
    expect(new Set(plain.map((b) => b.type))).toEqual(new Set(["premium"]));
    expect(new Set(plain.map((b) => b.priceVnd))).toEqual(new Set([1_500_000]));
    const single = planGrid({ ...GRID, columns: 1 });
    expect(single.map((b) => [b.code, b.type, b.priceVnd])).toEqual([
      ["A01", "standard", 1_500_000],
      ["B01", "standard", 1_500_000],
    ]);
  });

  it("places booths side by side from the origin and rows one booth depth plus an aisle apart", () => {
    const booths = planGrid({ ...GRID, widthM: 4, depthM: 2, aisleM: 5, originXM: 10, originYM: 6 });
    const at = (code: string) => {
      const b = booths.find((x) => x.code === code)!;
      return [b.xM, b.yM, b.widthM, b.depthM];
    };
    expect(at("A01")).toEqual([10, 6, 4, 2]);
    expect(at("A02")).toEqual([14, 6, 4, 2]);
    expect(at("A05")).toEqual([26, 6, 4, 2]);
    expect(at("B01")).toEqual([10, 13, 4, 2]);
    expect(at("B05")).toEqual([26, 13, 4, 2]);
    // Nothing in a generated grid overlaps anything else in it.
    for (const a of booths) for (const b of booths) if (a !== b) expect(overlaps(a, b)).toBe(false);
  });

  it("puts rows back to back when there is no aisle", () => {
    const booths = planGrid({ ...GRID, aisleM: 0 });
    expect(booths.find((b) => b.code === "B01")!.yM).toBe(5);
  });
});

describe("overlaps", () => {
  const a = { xM: 0, yM: 0, widthM: 3, depthM: 3 };

  it("is false for booths that only touch along an edge or at a corner", () => {
    expect(overlaps(a, { xM: 3, yM: 0, widthM: 3, depthM: 3 })).toBe(false);
    expect(overlaps(a, { xM: 0, yM: 3, widthM: 3, depthM: 3 })).toBe(false);
    expect(overlaps(a, { xM: -3, yM: 0, widthM: 3, depthM: 3 })).toBe(false);
    expect(overlaps(a, { xM: 3, yM: 3, widthM: 3, depthM: 3 })).toBe(false);
  });

  it("is true for the same place, a partial overlap, one inside the other, and a cross", () => {
    expect(overlaps(a, a)).toBe(true);
    expect(overlaps(a, { xM: 2, yM: 2, widthM: 3, depthM: 3 })).toBe(true);
    expect(overlaps(a, { xM: 1, yM: 1, widthM: 1, depthM: 1 })).toBe(true);
    expect(overlaps({ xM: 1, yM: 1, widthM: 1, depthM: 1 }, a)).toBe(true);
    expect(overlaps({ xM: 1, yM: -5, widthM: 1, depthM: 20 }, { xM: -5, yM: 1, widthM: 20, depthM: 1 })).toBe(
      true,
    );
  });

  it("is false when the booths are apart on one axis even if they line up on the other", () => {
    expect(overlaps(a, { xM: 1, yM: 10, widthM: 1, depthM: 1 })).toBe(false);
    expect(overlaps(a, { xM: 10, yM: 1, widthM: 1, depthM: 1 })).toBe(false);
  });
});

describe("fitsIn", () => {
  const hall = { widthM: 20, depthM: 10 };

  it("accepts a booth flush with the hall's walls", () => {
    expect(fitsIn({ xM: 0, yM: 0, widthM: 20, depthM: 10 }, hall)).toBe(true);
    expect(fitsIn({ xM: 17, yM: 7, widthM: 3, depthM: 3 }, hall)).toBe(true);
  });

  it("refuses a booth that passes a wall by a metre, or starts before the hall", () => {
    expect(fitsIn({ xM: 18, yM: 0, widthM: 3, depthM: 3 }, hall)).toBe(false);
    expect(fitsIn({ xM: 0, yM: 8, widthM: 3, depthM: 3 }, hall)).toBe(false);
    expect(fitsIn({ xM: -1, yM: 0, widthM: 3, depthM: 3 }, hall)).toBe(false);
    expect(fitsIn({ xM: 0, yM: -1, widthM: 3, depthM: 3 }, hall)).toBe(false);
  });
});
