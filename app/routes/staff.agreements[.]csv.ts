import type { LoaderFunctionArgs } from "@remix-run/node";
import { pipelineExport } from "../lib/pipeline-export.server";

/** The staff's agreement list, filtered as on the page, as CSV. */
export const loader = (args: LoaderFunctionArgs) => pipelineExport(args, "csv");
