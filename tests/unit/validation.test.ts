import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "../../server/accounts/passwords";
import { accountSchema, organisationSchema } from "../../server/accounts/schemas";
import { cooperativeProfileSchema } from "../../server/cooperatives/schemas";
import { vnPhone } from "../../server/fields";
import { Invalid } from "../../server/errors";
import { parseParts } from "../../server/validation";

describe("passwords", () => {
  it("hashes with a fresh salt and verifies only the right password", async () => {
    const a = await hashPassword("mật khẩu đủ dài");
    const b = await hashPassword("mật khẩu đủ dài");
    expect(a).not.toBe(b);
    expect(await verifyPassword("mật khẩu đủ dài", a)).toBe(true);
    expect(await verifyPassword("mat khau du dai", a)).toBe(false);
    // The same text typed decomposed (NFD) is the same password.
    expect(await verifyPassword("mật khẩu đủ dài".normalize("NFD"), a)).toBe(true);
    expect(await verifyPassword("x", "garbage")).toBe(false);
  });
});

describe("form schemas", () => {
  it("accepts Vietnamese phone numbers in the usual spellings", () => {
    for (const p of [
      "0912345678",
      "091 234 5678",
      "+84 912 345 678",
      "84912345678",
      "0912.345.678",
      "02083856789",
    ]) {
      expect(vnPhone.safeParse(p).success, p).toBe(true);
    }
    expect(vnPhone.parse("+84 912 345 678")).toBe("0912345678");
    for (const p of ["12345", "0112345678", "09123456789", "abc"])
      expect(vnPhone.safeParse(p).success, p).toBe(false);
  });

  it("checks tax codes and organisation kinds", () => {
    expect(
      organisationSchema.safeParse({
        organisationName: "Công ty A",
        organisationKind: "exporter",
        taxCode: "0101234567",
      }).success,
    ).toBe(true);
    expect(
      organisationSchema.safeParse({
        organisationName: "Công ty A",
        organisationKind: "exporter",
        taxCode: "0101234567-001",
      }).success,
    ).toBe(true);
    expect(
      organisationSchema.safeParse({
        organisationName: "Công ty A",
        organisationKind: "exporter",
        taxCode: "01012345",
      }).success,
    ).toBe(false);
  });

  it("collects the errors of several schemas in one go, blank fields reported as required", () => {
    try {
      parseParts(
        { email: "", password: "12345678", passwordConfirm: "12345678", sectors: "tea" },
        accountSchema,
        cooperativeProfileSchema,
      );
      throw new Error("should not parse");
    } catch (error) {
      expect(error).toBeInstanceOf(Invalid);
      const fields = (error as Invalid).fields;
      expect(fields.email).toEqual({ code: "required" });
      expect(fields.fullName).toEqual({ code: "required" });
      expect(fields.cooperativeName).toEqual({ code: "required" });
      expect(fields.provinceCode).toEqual({ code: "required" });
      expect(fields.wardCode).toEqual({ code: "required" });
      expect(fields.sectors).toBeUndefined();
    }
  });

  it("rejects a founding year in the future and unknown sectors", () => {
    const base = {
      cooperativeName: "HTX Chè",
      kind: "cooperative",
      provinceCode: "19",
      wardCode: "05503",
      address: "Xóm 1",
      descriptionVi: "Giới thiệu đủ dài về hợp tác xã chè.",
      representative: "Nguyễn An",
      cooperativePhone: "0912345678",
    };
    expect(cooperativeProfileSchema.safeParse({ ...base, sectors: ["tea"] }).success).toBe(true);
    const future = cooperativeProfileSchema.safeParse({
      ...base,
      sectors: ["tea"],
      foundedYear: String(new Date().getFullYear() + 1),
    });
    expect(future.success).toBe(false);
    expect(future.error?.issues[0]?.message).toBe("year_range");
    expect(cooperativeProfileSchema.safeParse({ ...base, sectors: ["gold"] }).success).toBe(false);
    expect(cooperativeProfileSchema.safeParse({ ...base, sectors: [] }).error?.issues[0]?.message).toBe(
      "choose_sector",
    );
  });
});
