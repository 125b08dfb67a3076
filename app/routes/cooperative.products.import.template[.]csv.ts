import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvTemplate } from "../../server/catalogue/csv-columns";
import { requireRole } from "../lib/auth.server";

/** The import template: header and two example rows, UTF-8 with a BOM so spreadsheet programs keep the marks. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  requireRole(context, request, "cooperative");
  return new Response(csvTemplate({ withCooperative: false }), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="htx-connect-san-pham-mau.csv"',
      "Cache-Control": "private, max-age=3600",
    },
  });
}
