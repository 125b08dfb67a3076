import { describe, expect, it } from "vitest";
import { foldVietnamese, slugify } from "../../server/vocabulary/text";
import { districtByCodes, PROVINCES, provinceByCode } from "../../server/vocabulary/geo";
import { formatDate, formatVnd } from "../../server/vocabulary/format";

describe("Vietnamese text", () => {
  it("folds tone and vowel marks, and đ to d", () => {
    expect(foldVietnamese("Trà Tân Cương")).toBe("tra tan cuong");
    expect(foldVietnamese("ĐINH LĂNG")).toBe("dinh lang");
    expect(foldVietnamese("Miến dong Bắc Kạn")).toBe("mien dong bac kan");
    // Decomposed input (as some keyboards send it) folds the same.
    expect(foldVietnamese("Tra\u0300 Tân")).toBe("tra tan");
  });

  it("makes URL slugs", () => {
    expect(slugify("HTX Chè Tân Hương")).toBe("htx-che-tan-huong");
    expect(slugify("  Hợp tác xã — Đồng Hỷ!! ")).toBe("hop-tac-xa-dong-hy");
    expect(slugify("a".repeat(100)).length).toBe(80);
  });
});

describe("administrative units", () => {
  it("has Vietnam's 63 provinces with their districts, sorted the Vietnamese way", () => {
    expect(PROVINCES).toHaveLength(63);
    expect(provinceByCode("19")?.name).toBe("Thái Nguyên");
    expect(districtByCodes("19", "171")?.name).toBe("Đại Từ");
    expect(districtByCodes("20", "171")).toBeUndefined();
    expect(PROVINCES.reduce((n, p) => n + p.districts.length, 0)).toBe(705);
    const names = PROVINCES.map((p) => p.name);
    expect(names.indexOf("Đà Nẵng")).toBeGreaterThan(names.indexOf("Cao Bằng"));
  });
});

describe("formatting", () => {
  it("formats integer VND per locale", () => {
    expect(formatVnd(120000, "vi")).toBe("120.000\u00a0₫");
    expect(formatVnd(120000, "en")).toBe("₫120,000");
  });

  it("shows dates in Vietnam's time zone", () => {
    // 20:00 UTC is already the next morning in Hà Nội.
    expect(formatDate("2026-03-01T20:00:00Z", "vi")).toBe("2 thg 3, 2026");
    expect(formatDate("2026-03-01T20:00:00Z", "en")).toBe("2 Mar 2026");
  });
});
