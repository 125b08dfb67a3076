import { describe, expect, it } from "vitest";
import {
  defaultPolicy,
  deliveryWindow,
  shippingChoiceValue,
  shippingOptions,
  zoneBetween,
  type ShippingPolicy,
} from "../../server/vocabulary/shipping";

/** A Thái Nguyên cooperative that delivers everywhere, free from 500.000 ₫, with pick-up and freight. */
const policy: ShippingPolicy = {
  originProvinceCode: "19",
  zones: {
    province: { feeVnd: 20_000, daysMin: 1, daysMax: 2 },
    region: { feeVnd: 35_000, daysMin: 2, daysMax: 4 },
    country: { feeVnd: 55_000, daysMin: 4, daysMax: 7 },
  },
  freeAboveVnd: 500_000,
  pickup: { address: "Xóm Hồng Thái 2", readyDays: 1 },
  freightQuote: true,
};

describe("delivery zones", () => {
  it("are the province, the region (North, Centre, South) and the rest, as carriers price them", () => {
    expect(zoneBetween("19", "19")).toBe("province");
    expect(zoneBetween("19", "01")).toBe("region"); // Thái Nguyên → Hà Nội
    expect(zoneBetween("19", "38")).toBe("country"); // → Thanh Hóa, the Centre
    expect(zoneBetween("79", "96")).toBe("region"); // Hồ Chí Minh → Cà Mau
    expect(zoneBetween("48", "68")).toBe("region"); // Đà Nẵng → Lâm Đồng
  });
});

describe("shipping options", () => {
  it("price delivery by the buyer's zone, then offer pick-up and freight", () => {
    expect(shippingOptions(policy, 200_000, "01")).toEqual([
      {
        method: "delivery",
        zone: "region",
        feeVnd: 35_000,
        waivedVnd: null,
        freeShortfallVnd: 300_000,
        daysMin: 2,
        daysMax: 4,
        pickupAddress: null,
      },
      {
        method: "pickup",
        zone: null,
        feeVnd: 0,
        waivedVnd: null,
        freeShortfallVnd: null,
        daysMin: 1,
        daysMax: 1,
        pickupAddress: "Xóm Hồng Thái 2",
      },
      {
        method: "freight_quote",
        zone: null,
        feeVnd: null,
        waivedVnd: null,
        freeShortfallVnd: null,
        daysMin: null,
        daysMax: null,
        pickupAddress: null,
      },
    ]);
  });

  it("make delivery free from the amount on, and say what was waived", () => {
    const [delivery] = shippingOptions(policy, 500_000, "38");
    expect(delivery).toMatchObject({ zone: "country", feeVnd: 0, waivedVnd: 55_000, freeShortfallVnd: null });
  });

  it("leave out a zone the cooperative does not serve, and delivery when no province is known", () => {
    const near = { ...policy, zones: { province: policy.zones.province } };
    expect(shippingOptions(near, 100_000, "79").map((o) => o.method)).toEqual(["pickup", "freight_quote"]);
    expect(shippingOptions(policy, 100_000, null).map((o) => o.method)).toEqual(["pickup", "freight_quote"]);
  });

  it("always leave a way to get the goods: freight, for a cooperative that has said nothing", () => {
    expect(shippingOptions(defaultPolicy("19"), 100_000, "01").map((o) => o.method)).toEqual([
      "freight_quote",
    ]);
    const deliveryOnly = {
      ...policy,
      zones: { province: policy.zones.province },
      pickup: null,
      freightQuote: false,
    };
    expect(shippingOptions(deliveryOnly, 100_000, "79").map((o) => o.method)).toEqual(["freight_quote"]);
  });

  it("carry the fee shown in the radio's value, so a moved price is noticed", () => {
    const [delivery, , freight] = shippingOptions(policy, 100_000, "19");
    expect(shippingChoiceValue(delivery!)).toBe("delivery:20000");
    expect(shippingChoiceValue(freight!)).toBe("freight_quote:");
  });

  it("expect goods on calendar days in Vietnam, counted from the order", () => {
    // 23:30 UTC on 1 December is already 2 December in Vietnam.
    expect(deliveryWindow({ daysMin: 2, daysMax: 4 }, "2026-12-01T23:30:00Z")).toEqual({
      first: "2026-12-04",
      last: "2026-12-06",
    });
    expect(deliveryWindow({ daysMin: null, daysMax: null })).toBeNull();
  });
});
