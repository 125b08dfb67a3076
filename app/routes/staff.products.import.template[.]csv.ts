import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvTemplate } from "../../server/catalogue/csv-columns";
import { requireRole } from "../lib/auth.server";

/** The staff's import template: the cooperative's template with a `cooperative` column first. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  requireRole(context, request, "staff");
  return new Response(csvTemplate({ withCooperative: true }), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="htx-connect-san-pham-nhieu-htx-mau.csv"',
      "Cache-Control": "private, max-age=3600",
    },
  });
}
