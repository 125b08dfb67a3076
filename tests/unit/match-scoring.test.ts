import { describe, expect, it } from "vitest";
import viMatches from "../../app/locales/vi/matches.json";
import enMatches from "../../app/locales/en/matches.json";
import {
  REASON_CODES,
  scoreMatch,
  WEIGHTS,
  type DemandSide,
  type OfferSide,
} from "../../server/matching/scoring";

/** A supermarket in Hà Nội wants Bắc Kạn dong vermicelli every month, VietGAP, at 70–90 thousand a kilogram. */
const DEMAND: DemandSide = {
  category: "vermicelli_noodles",
  title: "Cần mua miến dong Bắc Kạn cho chuỗi siêu thị",
  description: "Miến dong sợi nhỏ, đóng gói 500 g, giao Hà Nội hằng tháng.",
  quantity: 500,
  unit: "kg",
  frequency: "monthly",
  priceMinVnd: 70_000,
  priceMaxVnd: 90_000,
  deliveryProvinceCode: "01",
  deliveryFrom: "2027-01-05",
  deliveryTo: "2027-02-20",
  certifications: ["vietgap"],
  minOcopStars: null,
};

/** A Côn Minh cooperative (now Thái Nguyên) that makes exactly that. */
const OFFER: OfferSide = {
  category: "vermicelli_noodles",
  title: "Miến dong Côn Minh sợi nhỏ",
  description: "Miến dong Bắc Kạn làm thủ công từ tinh bột dong riềng.",
  productName: "Miến dong Na Rì sợi nhỏ 500g",
  quantity: 600,
  unit: "kg",
  period: "monthly",
  priceMinVnd: 75_000,
  priceMaxVnd: 85_000,
  seasonMonths: [],
  certifications: ["vietgap", "ocop"],
  ocopStars: 4,
  provinceCode: "19",
};

const criterion = (score: ReturnType<typeof scoreMatch>, name: string) =>
  score.criteria.find((c) => c.criterion === name)!;

describe("scoring a match", () => {
  it("has weights that add up to one, and one criterion for each", () => {
    expect(Object.values(WEIGHTS).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    expect(scoreMatch(DEMAND, OFFER).criteria.map((c) => c.criterion)).toEqual(Object.keys(WEIGHTS));
  });

  it("scores an offer that answers every criterion near the top, and says why per criterion", () => {
    const s = scoreMatch(DEMAND, OFFER);
    expect(s.total).toBeGreaterThanOrEqual(85);
    expect(criterion(s, "quantity")).toMatchObject({ score: 1, reason: { code: "quantity_covered" } });
    expect(criterion(s, "price")).toMatchObject({ score: 1, reason: { code: "price_within" } });
    expect(criterion(s, "certification")).toMatchObject({ score: 1, reason: { code: "requirements_met" } });
    expect(criterion(s, "season")).toMatchObject({ score: 1, reason: { code: "all_year" } });
    const distance = criterion(s, "distance");
    expect(distance.reason.code).toBe("distance_km");
    expect(distance.reason.params!.km).toBeGreaterThan(50);
    expect(distance.reason.params!.km).toBeLessThan(100);
    expect(criterion(s, "product").reason).toMatchObject({ code: "product_terms" });
    expect(String(criterion(s, "product").reason.params!.terms)).toContain("mien");
  });

  it("ranks the better offer higher on each criterion alone", () => {
    const base = scoreMatch(DEMAND, OFFER).total;
    const worse: Array<[string, Partial<OfferSide>]> = [
      [
        "another product",
        { category: "tea", title: "Chè búp Tân Cương", description: "Chè xanh", productName: null },
      ],
      ["half the quantity", { quantity: 250 }],
      ["a dearer price", { priceMinVnd: 110_000, priceMaxVnd: 120_000 }],
      ["no VietGAP", { certifications: [] }],
      ["far away", { provinceCode: "96" }],
      ["out of season", { seasonMonths: [6, 7, 8] }],
    ];
    for (const [what, change] of worse)
      expect(scoreMatch(DEMAND, { ...OFFER, ...change }).total, what).toBeLessThan(base);
  });

  it("compares quantities over the same period and refuses to compare units", () => {
    // 1,500 kg a season is 3,000 kg a year: 250 kg a month, half of what is asked.
    const seasonal = scoreMatch(DEMAND, { ...OFFER, quantity: 1500, period: "seasonal" });
    expect(criterion(seasonal, "quantity")).toMatchObject({
      score: 0.5,
      reason: { code: "quantity_part", params: { percent: 50 } },
    });
    expect(criterion(scoreMatch(DEMAND, { ...OFFER, unit: "goi" }), "quantity").reason.code).toBe(
      "unit_differs",
    );
  });

  it("says how far a price is above the range, and treats missing prices as unknown, not as a match", () => {
    const dear = criterion(
      scoreMatch(DEMAND, { ...OFFER, priceMinVnd: 99_000, priceMaxVnd: 99_000 }),
      "price",
    );
    expect(dear.reason).toEqual({ code: "price_above", params: { percent: 10 } });
    expect(dear.score).toBeCloseTo(0.4, 5);
    expect(
      criterion(scoreMatch(DEMAND, { ...OFFER, priceMinVnd: null, priceMaxVnd: null }), "price").reason.code,
    ).toBe("price_unknown");
    expect(
      criterion(scoreMatch(DEMAND, { ...OFFER, priceMinVnd: 85_000, priceMaxVnd: 95_000 }), "price").reason
        .code,
    ).toBe("price_overlaps");
  });

  it("requires the OCOP stars asked for", () => {
    const demand = { ...DEMAND, minOcopStars: 5 };
    expect(criterion(scoreMatch(demand, OFFER), "certification").reason).toEqual({
      code: "ocop_below",
      params: { stars: 5 },
    });
    expect(criterion(scoreMatch(demand, { ...OFFER, ocopStars: 5 }), "certification").score).toBe(1);
  });

  it("reads the delivery window as months, across the new year too", () => {
    const winter = { ...DEMAND, deliveryFrom: "2026-12-10", deliveryTo: "2027-01-20" };
    expect(criterion(scoreMatch(winter, { ...OFFER, seasonMonths: [1, 2] }), "season").reason.code).toBe(
      "in_season",
    );
    expect(criterion(scoreMatch(winter, { ...OFFER, seasonMonths: [5, 6] }), "season").reason.code).toBe(
      "out_of_season",
    );
  });

  it("has a translation for every reason and criterion in both languages", () => {
    for (const code of REASON_CODES) {
      expect(viMatches.reason, code).toHaveProperty(code);
      expect(enMatches.reason, code).toHaveProperty(code);
    }
    for (const name of Object.keys(WEIGHTS)) {
      expect(viMatches.criterion).toHaveProperty(name);
      expect(enMatches.criterion).toHaveProperty(name);
    }
  });

  it("reads stop words with their marks: 'tấn' (tonnes) is no product word, 'Tân' (Tân Cương) is", () => {
    const tea = {
      ...OFFER,
      category: "tea" as const,
      title: "Chè búp Tân Cương",
      description: "Chè búp loại 1.",
      productName: null,
    };
    const terms = (title: string) =>
      criterion(scoreMatch({ ...DEMAND, category: "tea", title, description: "" }, tea), "product").reason
        .params?.terms;
    expect(terms("Cần mua chè Tân Cương")).toContain("tan");
    expect(terms("Cần mua 5 tấn chè búp")).not.toContain("tan");
    // Typed without marks, the request words still say nothing.
    expect(terms("can mua che bup")).toBe("che, bup");
  });
});
