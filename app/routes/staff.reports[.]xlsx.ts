import type { LoaderFunctionArgs } from "@remix-run/node";
import { reportXlsx } from "../lib/reports.server";

/** The dashboard's tables for the period asked for, as one Excel workbook (a sheet per table). */
export const loader = (args: LoaderFunctionArgs) => reportXlsx(args);
