import { describe, expect, it } from "vitest";
import { newOrderCode, transferReferenceOf } from "../../server/orders";
import { bankByBin, VIETQR_BANKS, vietQrPayload, vietQrSvg } from "../../server/payments/vietqr";

/** EMVCo TLV: two-digit id, two-digit length, value. */
function tlv(payload: string): Map<string, string> {
  const out = new Map<string, string>();
  let i = 0;
  while (i < payload.length) {
    const id = payload.slice(i, i + 2);
    const length = Number(payload.slice(i + 2, i + 4));
    expect(Number.isInteger(length), `length of field ${id} at ${i}`).toBe(true);
    out.set(id, payload.slice(i + 4, i + 4 + length));
    i += 4 + length;
  }
  expect(i).toBe(payload.length);
  return out;
}

/** CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, no final xor), as EMVCo QR asks. */
function crc16CcittFalse(text: string): string {
  let crc = 0xffff;
  for (const byte of Buffer.from(text, "utf8")) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++)
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc.toString(16).toUpperCase().padStart(4, "0");
}

const VCB = "970436";
const request = { bankBin: VCB, accountNo: "0011004123456", amountVnd: 360_000, reference: "HTX7K3M9QPX" };

describe("VietQR payload", () => {
  it("computes CRC-16/CCITT-FALSE correctly (the check value of the standard)", () => {
    expect(crc16CcittFalse("123456789")).toBe("29B1");
  });

  it("carries the bank BIN, account, amount in VND and the transfer reference", () => {
    const fields = tlv(vietQrPayload(request));
    expect(fields.get("00")).toBe("01");
    // 12: a dynamic code, for one payment of a set amount.
    expect(fields.get("01")).toBe("12");
    const merchant = tlv(fields.get("38")!);
    expect(merchant.get("00")).toBe("A000000727"); // NAPAS
    const beneficiary = tlv(merchant.get("01")!);
    expect(beneficiary.get("00")).toBe(VCB);
    expect(beneficiary.get("01")).toBe("0011004123456");
    expect(merchant.get("02")).toBe("QRIBFTTA"); // transfer to an account
    expect(fields.get("53")).toBe("704"); // VND
    expect(fields.get("54")).toBe("360000");
    expect(fields.get("58")).toBe("VN");
    expect(tlv(fields.get("62")!).get("08")).toBe("HTX7K3M9QPX");
  });

  it("ends with a valid CRC over everything before it, and the CRC changes with the amount", () => {
    const payload = vietQrPayload(request);
    expect(payload).toMatch(/6304[0-9A-F]{4}$/);
    expect(payload.slice(-4)).toBe(crc16CcittFalse(payload.slice(0, -4)));
    const other = vietQrPayload({ ...request, amountVnd: 360_001 });
    expect(other.slice(-4)).toBe(crc16CcittFalse(other.slice(0, -4)));
    expect(other.slice(-4)).not.toBe(payload.slice(-4));
  });

  it("refuses references banks would mangle: non-ASCII, lower case, spaces, more than 19 characters", () => {
    for (const reference of ["Thanh toán", "htx123", "HTX 123", "A".repeat(20), ""])
      expect(() => vietQrPayload({ ...request, reference })).toThrow();
    expect(() => vietQrPayload({ ...request, reference: "A".repeat(19) })).not.toThrow();
  });

  it("renders the payload as an SVG QR code", async () => {
    const svg = await vietQrSvg(request);
    expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain("<path");
  });

  it("knows the NAPAS banks by BIN", () => {
    expect(bankByBin(VCB)?.shortName).toMatch(/Vietcombank/i);
    expect(bankByBin("000000")).toBeNull();
    expect(bankByBin(null)).toBeNull();
    expect(VIETQR_BANKS.length).toBeGreaterThan(20);
    expect(VIETQR_BANKS.every((b) => /^\d{6}$/.test(b.bin))).toBe(true);
  });
});

describe("order codes and transfer references", () => {
  it("are ASCII, at most 19 characters, usable in a VietQR code, and do not repeat", () => {
    const references = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const code = newOrderCode();
      expect(code).toMatch(/^HTX-[2-9A-HJKMNP-Z]{8}$/);
      const reference = transferReferenceOf(code);
      expect(reference).toMatch(/^[A-Z0-9]{1,19}$/);
      expect(reference).toBe(code.replace("-", ""));
      expect(() => vietQrPayload({ ...request, reference })).not.toThrow();
      references.add(reference);
    }
    expect(references.size).toBe(2000);
  });
});
