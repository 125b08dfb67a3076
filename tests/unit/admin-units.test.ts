import { describe, expect, it } from "vitest";
import {
  isProvinceCode,
  PROVINCES,
  provinceByCode,
  provinceDistanceKm,
  provinceNamed,
  formerProvinceName,
} from "../../server/vocabulary/geo";
import { addressView, wardByCode, wardIn, wardNamed, wardsOf } from "../../server/vocabulary/wards";
import { formerOf, locate } from "../../server/db/migrations/2026-12-02-0009-admin-units-data";
import wardData from "../../server/vocabulary/wards-2025.json";

describe("the 2025 map", () => {
  it("has 34 provinces and 3,321 wards, communes and special zones, each in exactly one province", () => {
    expect(PROVINCES).toHaveLength(34);
    expect(PROVINCES.filter((p) => p.type === "thanh-pho").map((p) => p.name)).toEqual(
      expect.arrayContaining(["Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Huế", "Cần Thơ"]),
    );
    const all = PROVINCES.flatMap((p) => wardsOf(p.code));
    expect(all).toHaveLength(3321);
    expect(new Set(all.map((w) => w.code)).size).toBe(3321);
    expect(all.filter((w) => w.type === "dac-khu")).toHaveLength(13);
    // The data file lists every ward under one province, and only under provinces that exist.
    expect(Object.keys(wardData.wards).sort()).toEqual(PROVINCES.map((p) => p.code).sort());
    for (const w of all) expect(wardByCode(w.code)?.provinceCode).toBe(w.provinceCode);
    for (const p of PROVINCES) expect(wardsOf(p.code).length).toBeGreaterThan(30);
  });

  it("names provinces as the statistics office does, sorted the Vietnamese way", () => {
    expect(provinceByCode("19")?.name).toBe("Thái Nguyên");
    expect(provinceByCode("33")?.name).toBe("Hưng Yên");
    expect(provinceByCode("06")).toBeUndefined(); // Bắc Kạn is no longer a province
    expect(isProvinceCode("34")).toBe(false); // nor Thái Bình
    const names = PROVINCES.map((p) => p.name);
    expect(names.indexOf("Đà Nẵng")).toBeGreaterThan(names.indexOf("Cần Thơ"));
    expect(names.indexOf("Đắk Lắk")).toBeLessThan(names.indexOf("Điện Biên"));
  });

  it("finds a province by its current or former name, with or without marks", () => {
    expect(provinceNamed("Thái Nguyên")?.code).toBe("19");
    expect(provinceNamed("tinh thai nguyen")?.code).toBe("19");
    expect(provinceNamed("Bắc Kạn")?.code).toBe("19");
    expect(provinceNamed("Thái Bình")?.code).toBe("33");
    expect(provinceNamed("Hà Giang")?.code).toBe("08");
    expect(provinceNamed("TP. Hồ Chí Minh")?.code).toBe("79");
    expect(provinceNamed("Bình Dương")?.code).toBe("79");
    expect(provinceNamed("Atlantis")).toBeUndefined();
    expect(provinceByCode("19")?.formerNames).toEqual(["Bắc Kạn"]);
    expect(formerProvinceName("bac kan")).toBe("Bắc Kạn");
    expect(formerProvinceName("Thái Nguyên")).toBeUndefined();
  });

  it("checks that a ward lies in the province given", () => {
    expect(wardIn("19", "05503")?.name).toBe("Tân Cương");
    expect(wardIn("20", "05503")).toBeUndefined();
    expect(wardIn("19", "99999")).toBeUndefined();
    expect(wardNamed("19", "xã Tân Cương")?.code).toBe("05503");
    expect(wardNamed("19", "Tan Cuong")?.code).toBe("05503");
    expect(wardNamed("19", "Nowhere")).toBeUndefined();
  });

  it("measures delivery distance between provinces' seats", () => {
    expect(provinceDistanceKm("19", "19")).toBe(0);
    const hanoiSaigon = provinceDistanceKm("01", "79")!;
    expect(hanoiSaigon).toBeGreaterThan(1100);
    expect(hanoiSaigon).toBeLessThan(1200);
    expect(provinceDistanceKm("01", "19")).toBeLessThan(100);
    expect(provinceDistanceKm("01", "06")).toBeUndefined();
    // Every seat lies inside Vietnam's bounding box.
    for (const p of PROVINCES) {
      expect(p.centre[0]).toBeGreaterThan(8);
      expect(p.centre[0]).toBeLessThan(23.5);
      expect(p.centre[1]).toBeGreaterThan(102);
      expect(p.centre[1]).toBeLessThan(110);
    }
  });

  it("shows an address that awaits its ward by its former units", () => {
    expect(
      addressView({
        address: "Xóm 1",
        provinceCode: "19",
        wardCode: null,
        formerUnits: "Huyện Đại Từ, Tỉnh Thái Nguyên",
      }),
    ).toMatchObject({ street: "Xóm 1", ward: null, formerUnits: "Huyện Đại Từ, Tỉnh Thái Nguyên" });
    expect(
      addressView({ address: "Xóm 1", provinceCode: "19", wardCode: "05503", formerUnits: "Huyện Đại Từ" }),
    ).toMatchObject({
      ward: { name: "Tân Cương", type: "xa" },
      province: { name: "Thái Nguyên" },
      formerUnits: null,
    });
  });
});

describe("moving a former address to the 2025 map", () => {
  it("finds the new ward a former commune named in the street went into whole", () => {
    expect(locate("19", "164", "Xóm Hồng Thái 2, xã Tân Cương")).toEqual({
      province: "19",
      ward: "05503",
      formerUnits: "Thành phố Thái Nguyên, Tỉnh Thái Nguyên",
    });
    // Merged away: Bắc Kạn's communes are in Thái Nguyên now.
    expect(locate("06", "066", "Thôn Nà Làng, xã Côn Minh")).toMatchObject({ province: "19", ward: "02185" });
    // Thái Bình is part of Hưng Yên.
    expect(locate("34", "344", "Thôn Trung, xã Song An").province).toBe("33");
  });

  it("finds a commune moved to a district drawn just before the merger (Lục Ngạn → Chũ)", () => {
    expect(locate("24", "219", "Thôn Thanh Văn, xã Thanh Hải").ward).toBe("07525");
  });

  it("maps a district that became one ward whole, and leaves the rest to be confirmed", () => {
    expect(locate("77", "755", "Khu 3")).toMatchObject({ province: "79", ward: "26732" }); // Côn Đảo
    const unknown = locate("19", "171", "Xóm Đồng Cẩm");
    expect(unknown).toEqual({ province: "19", ward: null, formerUnits: "Huyện Đại Từ, Tỉnh Thái Nguyên" });
    // A commune split between several new ones has no single answer either.
    expect(locate("19", "170", "Xóm Kim Sơn, xã Thần Sa").ward).toBeNull();
    // No district: the province alone.
    expect(locate("06", null, null)).toEqual({ province: "19", ward: null, formerUnits: "Tỉnh Bắc Kạn" });
  });

  it("moves every former province to one of the 34", () => {
    const formerCodes = [
      "01",
      "02",
      "04",
      "06",
      "08",
      "10",
      "11",
      "12",
      "14",
      "15",
      "17",
      "19",
      "20",
      "22",
      "24",
    ];
    for (const code of formerCodes) expect(isProvinceCode(locate(code, null, null).province)).toBe(true);
  });

  it("finds the way back for an address written on the new map", () => {
    expect(formerOf("19", "05503")).toEqual({ province: "19", district: "164" });
    expect(formerOf("19", "02185")).toEqual({ province: "06", district: "066" });
    expect(formerOf("33", null).province).toBe("33");
  });
});
