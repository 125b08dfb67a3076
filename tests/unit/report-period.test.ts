import { describe, expect, it } from "vitest";
import { isInvalid } from "../../server/errors";
import { createI18n } from "../../server/i18n";
import { changeLabel, periodLabel, unionName } from "../../server/reports/labels";
import {
  chartBuckets,
  chartSeries,
  customPeriod,
  monthPeriod,
  parsePeriod,
  periodInstants,
  periodQuery,
  previousPeriod,
  quarterPeriod,
  yearPeriod,
} from "../../server/reports/period";

const TODAY = "2026-12-03";

/** The field codes an input is refused with, or null when it is accepted. */
function refusal(input: Record<string, unknown>) {
  try {
    parsePeriod(input, TODAY);
    return null;
  } catch (error) {
    if (!isInvalid(error)) throw error;
    return Object.fromEntries(Object.entries(error.fields).map(([field, e]) => [field, e.code]));
  }
}

describe("parsePeriod", () => {
  it("is the current year when nothing is asked for", () => {
    expect(parsePeriod({}, TODAY)).toEqual(yearPeriod(2026));
    expect(parsePeriod({ period: "" }, TODAY)).toMatchObject({
      kind: "year",
      from: "2026-01-01",
      to: "2026-12-31",
    });
  });

  it("reads a month, a quarter and a year, defaulting to the current ones", () => {
    expect(parsePeriod({ period: "month", year: "2026", month: "2" }, TODAY)).toMatchObject({
      kind: "month",
      from: "2026-02-01",
      to: "2026-02-28",
    });
    expect(parsePeriod({ period: "month", year: "2028", month: "2" }, TODAY).to).toBe("2028-02-29");
    expect(parsePeriod({ period: "month" }, TODAY)).toMatchObject({ from: "2026-12-01", to: "2026-12-31" });
    expect(parsePeriod({ period: "quarter", year: "2025", quarter: "3" }, TODAY)).toMatchObject({
      kind: "quarter",
      from: "2025-07-01",
      to: "2025-09-30",
      quarter: 3,
    });
    expect(parsePeriod({ period: "quarter" }, TODAY)).toMatchObject({ from: "2026-10-01", to: "2026-12-31" });
    expect(parsePeriod({ period: "year", year: "2024" }, TODAY)).toMatchObject({
      from: "2024-01-01",
      to: "2024-12-31",
    });
  });

  it("reads a custom span of days, typed as Vietnamese write them or as date inputs send them", () => {
    expect(parsePeriod({ period: "custom", from: "01/10/2026", to: "2026-11-15" }, TODAY)).toMatchObject({
      kind: "custom",
      from: "2026-10-01",
      to: "2026-11-15",
    });
    // One day is a period too.
    expect(parsePeriod({ period: "custom", from: "2026-10-01", to: "2026-10-01" }, TODAY).to).toBe(
      "2026-10-01",
    );
    // The days of a custom period are only read for a custom period.
    expect(parsePeriod({ period: "year", year: "2025", from: "nonsense" }, TODAY).kind).toBe("year");
  });

  it("refuses what is not a period, field by field", () => {
    expect(refusal({ period: "week" })).toEqual({ period: "choose_one" });
    expect(refusal({ period: "month", month: "13" })).toEqual({ month: "too_big" });
    expect(refusal({ period: "quarter", quarter: "0" })).toEqual({ quarter: "too_small" });
    expect(refusal({ period: "year", year: "1999" })).toEqual({ year: "too_small" });
    expect(refusal({ period: "year", year: "20x6" })).toEqual({ year: "format" });
    expect(refusal({ period: "custom" })).toEqual({ from: "required", to: "required" });
    expect(refusal({ period: "custom", from: "2026-11-15", to: "2026-10-01" })).toEqual({
      to: "ends_before_starts",
    });
    expect(refusal({ period: "custom", from: "31/02/2026", to: "2026-10-01" })).toEqual({ from: "date" });
    expect(refusal({ period: "custom", from: "1990-01-01", to: "2026-10-01" })).toEqual({ from: "date" });
  });
});

describe("previousPeriod", () => {
  it("is the calendar period before, across the turn of the year", () => {
    expect(previousPeriod(monthPeriod(2026, 1))).toEqual(monthPeriod(2025, 12));
    expect(previousPeriod(monthPeriod(2026, 3))).toEqual(monthPeriod(2026, 2));
    expect(previousPeriod(quarterPeriod(2026, 1))).toEqual(quarterPeriod(2025, 4));
    expect(previousPeriod(quarterPeriod(2026, 4))).toEqual(quarterPeriod(2026, 3));
    expect(previousPeriod(yearPeriod(2026))).toEqual(yearPeriod(2025));
  });

  it("is as many days, ending the day before, for a custom period", () => {
    expect(previousPeriod(customPeriod("2026-10-01", "2026-11-15"))).toMatchObject({
      kind: "custom",
      from: "2026-08-16",
      to: "2026-09-30",
    });
    // 29 February is one of the days counted.
    expect(previousPeriod(customPeriod("2028-03-01", "2028-03-10"))).toMatchObject({
      from: "2028-02-20",
      to: "2028-02-29",
    });
  });
});

describe("periodInstants", () => {
  it("runs from the first Vietnam midnight to the midnight after the last day", () => {
    const { start, end } = periodInstants(monthPeriod(2026, 3));
    expect(start.toISOString()).toBe("2026-02-28T17:00:00.000Z");
    expect(end.toISOString()).toBe("2026-03-31T17:00:00.000Z");
  });
});

describe("periodQuery", () => {
  it("asks for the same period again", () => {
    for (const period of [
      monthPeriod(2026, 3),
      quarterPeriod(2025, 4),
      yearPeriod(2024),
      customPeriod("2026-10-01", "2026-11-15"),
    ])
      expect(parsePeriod(periodQuery(period), TODAY)).toEqual(period);
  });
});

describe("chartBuckets and chartSeries", () => {
  it("draws a short period among the twelve months it ends", () => {
    const months = chartBuckets(monthPeriod(2026, 3)).map((b) => b.key);
    expect(months).toEqual([
      "2025-04",
      "2025-05",
      "2025-06",
      "2025-07",
      "2025-08",
      "2025-09",
      "2025-10",
      "2025-11",
      "2025-12",
      "2026-01",
      "2026-02",
      "2026-03",
    ]);
    expect(chartBuckets(quarterPeriod(2026, 4)).at(-1)).toMatchObject({
      from: "2026-12-01",
      to: "2026-12-31",
    });
  });

  it("draws a year by its months, up to two years by months, and longer spans by years", () => {
    expect(chartBuckets(yearPeriod(2026)).map((b) => b.key)).toEqual(
      Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, "0")}`),
    );
    expect(chartBuckets(customPeriod("2025-07-15", "2026-12-03"))).toHaveLength(18);
    expect(chartBuckets(customPeriod("2023-05-01", "2026-12-03")).map((b) => b.key)).toEqual([
      "2023",
      "2024",
      "2025",
      "2026",
    ]);
  });

  it("puts the year before the first column in front, so column i's year earlier is series[i]", () => {
    const { buckets, lead, series } = chartSeries(yearPeriod(2026));
    expect(lead).toBe(12);
    expect(series.slice(lead)).toEqual(buckets);
    expect(series[0]).toMatchObject({ key: "2025-01", from: "2025-01-01", to: "2025-01-31" });
    // Unbroken: each step starts the day after the one before ends.
    for (let i = 1; i < series.length; i++)
      expect(Date.parse(series[i]!.from) - Date.parse(series[i - 1]!.to)).toBe(86_400_000);
    const years = chartSeries(customPeriod("2023-05-01", "2026-12-03"));
    expect(years.lead).toBe(1);
    expect(years.series.map((b) => b.key)).toEqual(["2022", "2023", "2024", "2025", "2026"]);
  });
});

describe("the words around the figures", () => {
  const i18n = createI18n({ secureCookie: false });
  const vi = i18n.t("vi");
  const en = i18n.t("en");

  it("names periods as Vietnamese reports do, in lower case inside a sentence", () => {
    expect(periodLabel(vi, quarterPeriod(2026, 4), "vi")).toBe("Quý IV năm 2026");
    expect(periodLabel(vi, quarterPeriod(2026, 4), "vi", { inSentence: true })).toBe("quý IV năm 2026");
    expect(periodLabel(vi, monthPeriod(2026, 3), "vi")).toBe("Tháng 3 năm 2026");
    expect(periodLabel(vi, yearPeriod(2025), "vi", { inSentence: true })).toBe("năm 2025");
    expect(periodLabel(vi, customPeriod("2026-10-01", "2026-11-15"), "vi")).toBe(
      "Từ ngày 01/10/2026 đến ngày 15/11/2026",
    );
    expect(periodLabel(en, monthPeriod(2026, 3), "en", { inSentence: true })).toBe("March 2026");
  });

  it("names the union of a scope", () => {
    expect(unionName(vi, { province: "20" })).toBe("Liên minh Hợp tác xã tỉnh Lạng Sơn");
    expect(unionName(vi, { province: "01" })).toBe("Liên minh Hợp tác xã thành phố Hà Nội");
    expect(unionName(vi, { province: null })).toBe("Liên minh Hợp tác xã Việt Nam");
    expect(unionName(en, { province: "19" })).toBe("Cooperative Alliance of Thái Nguyên Province");
  });

  it("says the change from the previous period in per cent, or in points for a share", () => {
    expect(changeLabel(vi, 25, 20, "count", "vi")).toBe("tăng 25%");
    expect(changeLabel(vi, 15, 20, "count", "vi")).toBe("giảm 25%");
    expect(changeLabel(vi, 2, 3, "count", "vi")).toBe("giảm 33,3%");
    expect(changeLabel(vi, 7, 0, "vnd", "vi")).toBe("chưa có số liệu kỳ trước");
    expect(changeLabel(vi, 5, 5, "count", "vi")).toBe("không đổi");
    expect(changeLabel(vi, 0.45, 0.4, "percent", "vi")).toBe("tăng 5 điểm phần trăm");
    expect(changeLabel(en, 0.3, 0.4, "percent", "en")).toBe("down 10 percentage points");
  });
});
