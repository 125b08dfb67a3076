import { z } from "zod";
import { blankToUndefined, int, optionalDate } from "../fields";
import { VIETNAM_UTC_OFFSET_MS } from "../vocabulary/dates";
import { parseOrInvalid } from "../validation";
import { Invalid } from "../errors";

/*
 * The period a report covers: a month, a quarter, a year, or any span of days, always whole days in Vietnam
 * ("YYYY-MM-DD", the last day included), and the period it is compared with. Instants stored in UTC (a seal, an
 * order) fall in a period when they are at or after its first midnight in Vietnam and before the midnight after its
 * last day; calendar days (a fair's opening day) are compared as written.
 */

export const PERIOD_KINDS = ["month", "quarter", "year", "custom"] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** Years a report may ask about: the platform's figures start well after the first, and nothing is planned past the last. */
export const FIRST_REPORT_YEAR = 2000;
export const LAST_REPORT_YEAR = 2100;

export interface ReportPeriod {
  kind: PeriodKind;
  /** First day, "YYYY-MM-DD". */
  from: string;
  /** Last day, included. */
  to: string;
  /** The calendar year, month (1–12) and quarter (1–4) a calendar period is; of `from` for a custom one. */
  year: number;
  month: number;
  quarter: number;
}

/** A column of a chart over time: a month or a year, its days, and the same span a year before. */
export interface PeriodBucket {
  /** "2026-03" or "2026". */
  key: string;
  kind: "month" | "year";
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;
const pad = (n: number, width = 2) => String(n).padStart(width, "0");
const dayOf = (year: number, month: number, day: number) => `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
const lastDayOfMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The day `n` days after (or before) a calendar day. */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

function parts(day: string) {
  const [year, month, d] = day.split("-").map(Number) as [number, number, number];
  return { year, month, day: d };
}

export function monthPeriod(year: number, month: number): ReportPeriod {
  return {
    kind: "month",
    from: dayOf(year, month, 1),
    to: dayOf(year, month, lastDayOfMonth(year, month)),
    year,
    month,
    quarter: Math.ceil(month / 3),
  };
}

export function quarterPeriod(year: number, quarter: number): ReportPeriod {
  const first = (quarter - 1) * 3 + 1;
  return {
    kind: "quarter",
    from: dayOf(year, first, 1),
    to: dayOf(year, first + 2, lastDayOfMonth(year, first + 2)),
    year,
    month: first,
    quarter,
  };
}

export function yearPeriod(year: number): ReportPeriod {
  return { kind: "year", from: dayOf(year, 1, 1), to: dayOf(year, 12, 31), year, month: 1, quarter: 1 };
}

export function customPeriod(from: string, to: string): ReportPeriod {
  const start = parts(from);
  return {
    kind: "custom",
    from,
    to,
    year: start.year,
    month: start.month,
    quarter: Math.ceil(start.month / 3),
  };
}

const inRange = (day: string) => day >= `${FIRST_REPORT_YEAR}-01-01` && day <= `${LAST_REPORT_YEAR}-12-31`;

/** What the period picker sends (a GET form): the kind, then the fields that kind reads. */
export const periodQuerySchema = z.object({
  period: z.preprocess(blankToUndefined, z.enum(PERIOD_KINDS).optional()),
  year: z.preprocess(blankToUndefined, int(FIRST_REPORT_YEAR, LAST_REPORT_YEAR).optional()),
  month: z.preprocess(blankToUndefined, int(1, 12).optional()),
  quarter: z.preprocess(blankToUndefined, int(1, 4).optional()),
  from: optionalDate.refine((d) => d === undefined || inRange(d), "date"),
  to: optionalDate.refine((d) => d === undefined || inRange(d), "date"),
});

/** The fields each kind of period reads: the form sends them all, and the others are not its business. */
const FIELDS_READ: Record<PeriodKind, readonly string[]> = {
  month: ["year", "month"],
  quarter: ["year", "quarter"],
  year: ["year"],
  custom: ["from", "to"],
};

/**
 * The period a query asks for. Without one it is the current year; a month or a quarter without its number is the
 * current one (of the year asked for, or this year). `today` is Vietnam's day. Throws Invalid for a field that is
 * not one (a month of 13, a custom period without its days or ending before it starts).
 */
export function parsePeriod(input: Record<string, unknown>, today: string): ReportPeriod {
  const { period: kind = "year" } = parseOrInvalid(periodQuerySchema.pick({ period: true }), input);
  const read = Object.fromEntries(FIELDS_READ[kind].map((field) => [field, input[field]]));
  const q = parseOrInvalid(periodQuerySchema, read);
  const now = parts(today);
  const year = q.year ?? now.year;
  switch (kind) {
    case "month":
      return monthPeriod(year, q.month ?? now.month);
    case "quarter":
      return quarterPeriod(year, q.quarter ?? Math.ceil(now.month / 3));
    case "year":
      return yearPeriod(year);
    case "custom": {
      if (!q.from || !q.to)
        throw new Invalid({
          ...(q.from ? {} : { from: { code: "required" } }),
          ...(q.to ? {} : { to: { code: "required" } }),
        });
      if (q.to < q.from) throw new Invalid({ to: { code: "ends_before_starts" } });
      return customPeriod(q.from, q.to);
    }
  }
}

/**
 * The period a report is compared with: the month, quarter or year before; for a custom period the same number
 * of days just before it. Either way it ends the day before the period starts.
 */
export function previousPeriod(period: ReportPeriod): ReportPeriod {
  switch (period.kind) {
    case "month":
      return period.month === 1
        ? monthPeriod(period.year - 1, 12)
        : monthPeriod(period.year, period.month - 1);
    case "quarter":
      return period.quarter === 1
        ? quarterPeriod(period.year - 1, 4)
        : quarterPeriod(period.year, period.quarter - 1);
    case "year":
      return yearPeriod(period.year - 1);
    case "custom": {
      const length = daysBetween(period.from, period.to);
      return customPeriod(addDays(period.from, -length), addDays(period.from, -1));
    }
  }
}

/** The first instant of a Vietnam day (its midnight, UTC+7). */
export function startOfDay(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - VIETNAM_UTC_OFFSET_MS);
}

/** The period as instants: from its first midnight (included) to the midnight after its last day (excluded). */
export function periodInstants(period: Pick<ReportPeriod, "from" | "to">): { start: Date; end: Date } {
  return { start: startOfDay(period.from), end: startOfDay(addDays(period.to, 1)) };
}

/** The query string that asks for this period again (links to exports and the printable report). */
export function periodQuery(period: ReportPeriod): Record<string, string> {
  switch (period.kind) {
    case "month":
      return { period: "month", year: String(period.year), month: String(period.month) };
    case "quarter":
      return { period: "quarter", year: String(period.year), quarter: String(period.quarter) };
    case "year":
      return { period: "year", year: String(period.year) };
    case "custom":
      return { period: "custom", from: period.from, to: period.to };
  }
}

/**
 * The query string of a report: its period, and the province national staff chose (a province's own staff are held
 * to theirs whatever the address says). What the page's links to the printable report and the files carry.
 */
export function reportQuery(
  period: ReportPeriod,
  scope: { province: string | null; locked: boolean },
): URLSearchParams {
  const query = new URLSearchParams(periodQuery(period));
  if (!scope.locked && scope.province) query.set("province", scope.province);
  return query;
}

/** Months of a chart before it switches to years: two years of columns still read. */
const MAX_MONTH_BUCKETS = 24;
/** A short period is drawn among the twelve months it ends. */
const SHORT_PERIOD_MONTHS = 12;

const monthIndex = (day: string) => {
  const p = parts(day);
  return p.year * 12 + (p.month - 1);
};
const monthBucket = (index: number): PeriodBucket => {
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return {
    key: `${pad(year, 4)}-${pad(month)}`,
    kind: "month",
    from: dayOf(year, month, 1),
    to: dayOf(year, month, lastDayOfMonth(year, month)),
  };
};

/**
 * The columns of the charts over time: the period's months; for a period shorter than a year, the twelve months
 * ending with its last; for one longer than two years, its years. Buckets are whole months or years, so the first
 * and last may reach outside a custom period.
 */
export function chartBuckets(period: Pick<ReportPeriod, "from" | "to">): PeriodBucket[] {
  const first = monthIndex(period.from);
  const last = monthIndex(period.to);
  const months = last - first + 1;
  if (months <= SHORT_PERIOD_MONTHS) {
    return Array.from({ length: SHORT_PERIOD_MONTHS }, (_, i) =>
      monthBucket(last - SHORT_PERIOD_MONTHS + 1 + i),
    );
  }
  if (months <= MAX_MONTH_BUCKETS) return Array.from({ length: months }, (_, i) => monthBucket(first + i));
  const from = parts(period.from).year;
  const to = parts(period.to).year;
  return Array.from({ length: to - from + 1 }, (_, i) => ({
    key: String(from + i),
    kind: "year" as const,
    from: dayOf(from + i, 1, 1),
    to: dayOf(from + i, 12, 31),
  }));
}

/**
 * The chart columns and, before them, the year that precedes the first (twelve months, or one year), as one
 * unbroken run: column i of the chart is `series[lead + i]`, and the same span a year before it is `series[i]`.
 */
export function chartSeries(period: Pick<ReportPeriod, "from" | "to">): {
  buckets: PeriodBucket[];
  lead: number;
  series: PeriodBucket[];
} {
  const buckets = chartBuckets(period);
  const first = buckets[0]!;
  if (first.kind === "year") {
    const year = Number(first.key) - 1;
    const before: PeriodBucket = {
      key: String(year),
      kind: "year",
      from: dayOf(year, 1, 1),
      to: dayOf(year, 12, 31),
    };
    return { buckets, lead: 1, series: [before, ...buckets] };
  }
  const index = monthIndex(first.from);
  const before = Array.from({ length: 12 }, (_, i) => monthBucket(index - 12 + i));
  return { buckets, lead: 12, series: [...before, ...buckets] };
}
