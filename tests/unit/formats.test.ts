import { describe, expect, it } from "vitest";
import { z } from "zod";
import { optionalDate, optionalTaxCode, requiredDate } from "../../server/fields";
import { createI18n } from "../../server/i18n";
import { fieldErrorsFrom, PARSE_OPTIONS } from "../../server/validation";
import {
  parseDateInput,
  parseDateTimeInput,
  vietnamDateTimeLocal,
  vietnamDay,
  vietnamTimestamp,
} from "../../server/vocabulary/dates";
import {
  formatDate,
  formatDateRange,
  formatDateTime,
  formatPercent,
  formatTime,
} from "../../server/vocabulary/format";

describe("showing dates", () => {
  it("writes a day as dd/mm/yyyy in Vietnamese and as 2 Dec 2026 in English", () => {
    expect(formatDate("2026-12-02", "vi")).toBe("02/12/2026");
    expect(formatDate("2026-12-02", "en")).toBe("2 Dec 2026");
    expect(formatDate(new Date("2026-09-05T03:00:00Z"), "vi")).toBe("05/09/2026");
    // Not ICU's "Sept" (newer en-GB data), which would differ between Node and the browser.
    expect(formatDate(new Date("2026-09-05T03:00:00Z"), "en")).toBe("5 Sep 2026");
    for (const locale of ["vi", "en"] as const) expect(formatDate("2026-12-02", locale)).not.toMatch(/thg/);
  });

  it("takes a calendar day as written, whatever the server's time zone", () => {
    // Read as an instant, "2026-01-01" would be midnight UTC: 07:00 the same day in Vietnam, but the day before
    // anywhere west of Greenwich. A calendar day has no time zone.
    expect(formatDate("2026-01-01", "vi")).toBe("01/01/2026");
    expect(formatDate("2026-12-31", "en")).toBe("31 Dec 2026");
  });

  it("shows instants on Vietnam's clock, around its midnight", () => {
    // 16:59 UTC is 23:59 in Hà Nội; one minute later the day (and here the year) turns.
    expect(formatDateTime("2026-12-31T16:59:00Z", "vi")).toBe("23:59, 31/12/2026");
    expect(formatDateTime("2026-12-31T17:00:00Z", "vi")).toBe("00:00, 01/01/2027");
    expect(formatDate("2026-12-31T17:00:00Z", "en")).toBe("1 Jan 2027");
    expect(formatDate("2026-03-01T20:00:00Z", "vi")).toBe("02/03/2026");
    // And the other way: 06:59 in Vietnam is still the previous day in UTC.
    expect(formatDate("2026-12-01T23:59:00Z", "vi")).toBe("02/12/2026");
  });

  it("writes times as 14:30 in Vietnamese and 2:30 PM in English", () => {
    const at = "2026-12-02T07:30:00Z"; // 14:30 in Vietnam
    expect(formatDateTime(at, "vi")).toBe("14:30, 02/12/2026");
    expect(formatDateTime(at, "en")).toBe("2:30 PM, 2 Dec 2026");
    expect(formatDateTime(new Date(at), "vi")).toBe("14:30, 02/12/2026");
    expect(formatTime("2026-12-01T17:05:00Z", "vi")).toBe("00:05");
    expect(formatTime("2026-12-01T17:05:00Z", "en")).toBe("12:05 AM");
    expect(formatTime("2026-12-02T05:00:00Z", "en")).toBe("12:00 PM");
    expect(formatTime("2026-12-02T16:59:00Z", "en")).toBe("11:59 PM");
  });

  it("says the month and year of a range once where they are shared", () => {
    expect(formatDateRange("2026-12-23", "2026-12-26", "vi")).toBe("23–26/12/2026");
    expect(formatDateRange("2026-11-28", "2026-12-02", "vi")).toBe("28/11–02/12/2026");
    expect(formatDateRange("2026-12-28", "2027-01-02", "vi")).toBe("28/12/2026–02/01/2027");
    expect(formatDateRange("2026-12-23", "2026-12-26", "en")).toBe("23–26 Dec 2026");
    expect(formatDateRange("2026-11-28", "2026-12-02", "en")).toBe("28 Nov – 2 Dec 2026");
    expect(formatDateRange("2026-12-28", "2027-01-02", "en")).toBe("28 Dec 2026 – 2 Jan 2027");
  });

  it("shows a one-day range as that day, and same month of different years in full", () => {
    expect(formatDateRange("2026-12-23", "2026-12-23", "vi")).toBe("23/12/2026");
    expect(formatDateRange("2026-12-23", "2026-12-23", "en")).toBe("23 Dec 2026");
    expect(formatDateRange("2026-12-05", "2027-12-05", "vi")).toBe("05/12/2026–05/12/2027");
  });

  it("puts the ends of a range of instants on Vietnam's days", () => {
    // 18:00 UTC on the 22nd is already the 23rd in Vietnam.
    expect(formatDateRange("2026-12-22T18:00:00Z", "2026-12-26T10:00:00Z", "vi")).toBe("23–26/12/2026");
  });

  it("refuses what is no date rather than showing nonsense", () => {
    expect(() => formatDate("not a date", "vi")).toThrow(RangeError);
  });

  it("writes percentages without a space, as Vietnamese does", () => {
    expect(formatPercent(0.45, "vi")).toBe("45%");
    expect(formatPercent(0.45, "en")).toBe("45%");
    expect(formatPercent(2 / 3, "vi")).toBe("67%");
    expect(formatPercent(12.5, "vi")).toBe("1.250%");
  });
});

describe("Vietnam's day and clock for machines", () => {
  it("gives the day and the datetime-local value on Vietnam's clock", () => {
    expect(vietnamDay(new Date("2026-12-01T16:59:59Z"))).toBe("2026-12-01");
    expect(vietnamDay(new Date("2026-12-01T17:00:00Z"))).toBe("2026-12-02");
    expect(vietnamDay("2026-12-02")).toBe("2026-12-02");
    expect(vietnamDateTimeLocal("2026-12-01T01:00:00.000Z")).toBe("2026-12-01T08:00");
    expect(vietnamTimestamp("2026-11-23T13:59:00Z")).toBe("2026-11-23 20:59");
  });
});

describe("reading typed dates", () => {
  it("reads day-first Vietnamese dates and ISO ones", () => {
    expect(parseDateInput("02/12/2026")).toBe("2026-12-02");
    expect(parseDateInput("2/12/2026")).toBe("2026-12-02");
    expect(parseDateInput("2/3/2026")).toBe("2026-03-02");
    expect(parseDateInput(" 02.12.2026 ")).toBe("2026-12-02");
    expect(parseDateInput("02-12-2026")).toBe("2026-12-02");
    expect(parseDateInput("2026-12-02")).toBe("2026-12-02");
  });

  it("refuses impossible and ambiguous dates instead of rolling them over", () => {
    expect(parseDateInput("31/02/2026")).toBeNull();
    expect(parseDateInput("29/02/2026")).toBeNull();
    expect(parseDateInput("29/02/2028")).toBe("2028-02-29");
    expect(parseDateInput("29/02/2100")).toBeNull(); // not a leap year
    expect(parseDateInput("29/02/2000")).toBe("2000-02-29");
    expect(parseDateInput("31/04/2026")).toBeNull();
    expect(parseDateInput("00/12/2026")).toBeNull();
    expect(parseDateInput("12/13/2026")).toBeNull(); // month-first (US) is not how Vietnam writes
    expect(parseDateInput("2026-02-31")).toBeNull();
    expect(parseDateInput("2026-2-3")).toBeNull();
    expect(parseDateInput("02/12/26")).toBeNull();
    expect(parseDateInput("02/12-2026")).toBeNull();
    expect(parseDateInput("2 Dec 2026")).toBeNull();
    expect(parseDateInput("")).toBeNull();
  });

  it("reads a typed moment with its time before or after the day", () => {
    expect(parseDateTimeInput("2026-12-01T08:00")).toBe("2026-12-01T08:00");
    expect(parseDateTimeInput("01/12/2026 8:00")).toBe("2026-12-01T08:00");
    expect(parseDateTimeInput("14:30, 02/12/2026")).toBe("2026-12-02T14:30");
    expect(parseDateTimeInput("14:30 2/12/2026")).toBe("2026-12-02T14:30");
    expect(parseDateTimeInput("24:00, 02/12/2026")).toBeNull();
    expect(parseDateTimeInput("10:60, 02/12/2026")).toBeNull();
    expect(parseDateTimeInput("14:30, 31/02/2026")).toBeNull();
    expect(parseDateTimeInput("02/12/2026")).toBeNull();
  });
});

describe("date fields", () => {
  const form = z.object({ producedOn: requiredDate, expiresOn: optionalDate });
  const parse = (v: Record<string, unknown>) => {
    const r = form.safeParse(v, PARSE_OPTIONS);
    return r.success ? r.data : fieldErrorsFrom(r.error);
  };

  it("give ISO days for what a date input, a text box or a CSV cell sends", () => {
    expect(parse({ producedOn: "2026-12-02", expiresOn: "" })).toEqual({ producedOn: "2026-12-02" });
    expect(parse({ producedOn: "02/12/2026", expiresOn: "5/1/2027" })).toEqual({
      producedOn: "2026-12-02",
      expiresOn: "2027-01-05",
    });
  });

  it("say 'date' for an impossible day and 'required' for a blank one", () => {
    expect(parse({ producedOn: "31/02/2026", expiresOn: "2026-02-30" })).toEqual({
      producedOn: { code: "date" },
      expiresOn: { code: "date" },
    });
    expect(parse({ producedOn: "  " })).toEqual({ producedOn: { code: "required" } });
  });
});

describe("tax codes", () => {
  const check = (v: string) => {
    const r = optionalTaxCode.safeParse(v, PARSE_OPTIONS);
    return r.success ? r.data : fieldErrorsFrom(r.error)._form?.code;
  };

  it("accept an enterprise's 10 digits, a branch's 10+3 and a household business's 12-digit personal number", () => {
    expect(check("0101234567")).toBe("0101234567");
    expect(check("0101234567-001")).toBe("0101234567-001");
    expect(check("001 085 012 345")).toBe("001085012345");
    expect(check("")).toBeUndefined();
  });

  it("refuse every other length and shape", () => {
    for (const bad of ["01012345678", "0101234567001", "0101234567-01", "010123456", "0010850123456", "12AB"])
      expect(check(bad), bad).toBe("tax_code");
  });
});

describe("minimum order messages", () => {
  const i18n = createI18n({ secureCookie: false });

  it("name the quantity and its translated unit, as the cart's error sends them", () => {
    // The parameters cart.ts puts on its below_minimum error: the number and the unit's code.
    expect(i18n.t("vi")("errors:below_minimum", { min: 5, unitCode: "kg" })).toBe(
      "Số lượng đặt tối thiểu: 5 kg.",
    );
    expect(i18n.t("en")("errors:below_minimum", { min: 5, unitCode: "kg" })).toBe("Minimum order: 5 kg.");
    expect(i18n.t("vi")("errors:below_minimum", { min: 1200, unitCode: "hop" })).toBe(
      "Số lượng đặt tối thiểu: 1.200 hộp.",
    );
    expect(i18n.t("en")("errors:below_minimum", { min: 1200, unitCode: "kg" })).toBe(
      "Minimum order: 1,200 kg.",
    );
  });
});
