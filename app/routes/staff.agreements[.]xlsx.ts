import type { LoaderFunctionArgs } from "@remix-run/node";
import { pipelineExport } from "../lib/pipeline-export.server";

/** The staff's agreement list, filtered as on the page, as an Excel workbook. */
export const loader = (args: LoaderFunctionArgs) => pipelineExport(args, "xlsx");
