import viReports from "../../../app/locales/vi/reports.json";
import { get, ok, only, title } from "./cells";
import type { F } from "./fixtures";
import { INVALID, OK, type RouteEntry } from "./matrix";

/**
 * The union's reports: staff only, in every form (the page, the printable report, its PDF, the Excel and CSV
 * files). Guests log in; buyers and cooperatives are refused. A period that is not one is a 400 for staff alone.
 */
export const REPORTS: Array<RouteEntry<F>> = [
  {
    file: "staff.reports._index.tsx",
    probes: [
      get("the reports dashboard", () => "/staff/reports", only({ staff: ok() }), {
        shows: () => [title(viReports.title)],
      }),
      get("a month that is not one", () => "/staff/reports?period=month&month=13", only({ staff: INVALID })),
    ],
  },
  {
    file: "staff.reports.print.tsx",
    probes: [
      get("the printable report", () => "/staff/reports/print?period=year", only({ staff: ok() }), {
        shows: () => [viReports.doc.title, viReports.doc.motto],
      }),
    ],
  },
  {
    file: "staff.reports[.]pdf.ts",
    probes: [get("the report as PDF", () => "/staff/reports.pdf?period=month", only({ staff: OK }))],
  },
  {
    file: "staff.reports[.]xlsx.ts",
    probes: [get("the report's tables as XLSX", () => "/staff/reports.xlsx", only({ staff: OK }))],
  },
  {
    file: "staff.reports[.]csv.ts",
    probes: [
      get("a table of the report as CSV", () => "/staff/reports.csv?table=provinces", only({ staff: OK })),
    ],
  },
];
