import { describe, expect, it } from "vitest";
import { foldVietnamese, slugify } from "../../server/vocabulary/text";
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

describe("formatting", () => {
  it("formats integer VND per locale", () => {
    expect(formatVnd(120000, "vi")).toBe("120.000\u00a0₫");
    expect(formatVnd(120000, "en")).toBe("₫120,000");
  });

  it("shows dates in Vietnam's time zone", () => {
    // 20:00 UTC is already the next morning in Hà Nội.
    expect(formatDate("2026-03-01T20:00:00Z", "vi")).toBe("02/03/2026");
    expect(formatDate("2026-03-01T20:00:00Z", "en")).toBe("2 Mar 2026");
  });
});
