import type { LoaderFunctionArgs } from "@remix-run/node";
import { reportCharts } from "../components/ReportCharts";
import { reportPdf } from "../lib/reports.server";

/** The printable period report as a PDF in the reader's language, its charts drawn as on the page. */
export const loader = (args: LoaderFunctionArgs) => reportPdf(args, reportCharts);
