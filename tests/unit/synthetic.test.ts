import { describe, expect, it } from "vitest";
import { wardIn } from "../../server/vocabulary/wards";
import { productSchema } from "../../server/catalogue/schemas";
import { rng, syntheticCooperative, syntheticProduct } from "../../seeds/synthetic";

describe("synthetic data generator", () => {
  it("gives the same rows for the same seed and index, and different ones otherwise", () => {
    expect(syntheticCooperative(42, 7)).toEqual(syntheticCooperative(42, 7));
    expect(syntheticCooperative(42, 7)).not.toEqual(syntheticCooperative(43, 7));
    expect(syntheticCooperative(42, 7).name).not.toBe(syntheticCooperative(42, 8).name);
  });

  it("makes plausible, valid cooperatives", () => {
    for (let i = 0; i < 500; i++) {
      const c = syntheticCooperative(1, i);
      expect(c.name).toMatch(/^HTX /);
      expect(wardIn(c.provinceCode, c.wardCode), `${c.provinceCode}/${c.wardCode}`).toBeDefined();
      expect(c.phone).toMatch(/^03009\d{5}$/);
      expect(c.sectors.length).toBeGreaterThan(0);
    }
  });

  it("skews choices like a Zipf distribution: the first item is the most common", () => {
    const r = rng(5);
    const counts = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    for (let i = 0; i < 20000; i++) counts[r.zipf([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])]! += 1;
    expect(counts[0]!).toBeGreaterThan(counts[1]! * 1.6);
    expect(counts[1]!).toBeGreaterThan(counts[9]! * 3);
  });

  it("makes deterministic products that pass the product form's own validation", () => {
    expect(syntheticProduct(42, 3, ["tea"])).toEqual(syntheticProduct(42, 3, ["tea"]));
    for (let i = 0; i < 300; i++) {
      const p = syntheticProduct(7, i, ["tea", "spices"]);
      expect(["tea", "spices"]).toContain(p.category);
      expect(p.priceVnd % 1000).toBe(0);
      const parsed = productSchema.safeParse({
        ...p,
        status: "active",
        originProvinceCode: "19",
        harvestMonths: [],
      });
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    }
  });
});
