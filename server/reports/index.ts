import type { CurrentUser } from "../accounts/current-user";
import type { Database } from "../db";
import { vietnamDay } from "../vocabulary/dates";
import { buildDashboard, reportScope, reportWindow } from "./dashboard";
import { chartBuckets, monthPeriod, previousPeriod } from "./period";
import { agreementBuckets } from "./queries";

export type { Figure, ProvinceLine, ReportDashboard, ReportScope } from "./dashboard";
export type { PeriodBucket, PeriodKind, ReportPeriod } from "./period";

export interface ReportsDeps {
  db: Database;
  now?: () => Date;
}

/**
 * The union staff's reports: the period dashboard (figures, tables and the charts' series, within the staff
 * member's union), and the overview's chart. Read-only; the exports and the printed report are drawn from the
 * dashboard by the routes and by period-report-pdf.ts.
 */
export function createReportsService({ db, now = () => new Date() }: ReportsDeps) {
  return {
    /** The dashboard for the period the query asks for (the current year by default); Invalid for a bad query. */
    dashboard(user: CurrentUser, input: Record<string, unknown>) {
      return buildDashboard(db, user, input, now());
    },

    /**
     * The staff overview's chart: agreements signed in each of the last twelve months (this one included) within
     * the staff member's union, with the same month a year before. One query.
     */
    async recentAgreements(user: CurrentUser) {
      const scope = reportScope(user, {});
      const today = vietnamDay(now());
      const [year, month] = today.split("-").map(Number) as [number, number];
      const period = monthPeriod(year, month);
      const window = reportWindow(scope, period, previousPeriod(period), today);
      const { columns: values } = await agreementBuckets(db, window);
      return {
        scope,
        months: chartBuckets(period).map((bucket, i) => ({
          ...bucket,
          agreements: values[i]!.count,
          valueVnd: values[i]!.valueVnd,
          yearEarlierVnd: values[i]!.yearEarlierVnd,
        })),
      };
    },
  };
}

export type ReportsService = ReturnType<typeof createReportsService>;
