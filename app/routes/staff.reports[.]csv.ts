import type { LoaderFunctionArgs } from "@remix-run/node";
import { reportCsv } from "../lib/reports.server";

/** One of the dashboard's tables for the period asked for (?table=…), as CSV. */
export const loader = (args: LoaderFunctionArgs) => reportCsv(args);
