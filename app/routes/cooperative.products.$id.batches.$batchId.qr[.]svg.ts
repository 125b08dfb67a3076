import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "../lib/auth.server";
import { orRespond, pathId } from "../lib/forms.server";
import { traceQrSvg } from "../lib/trace-qr.server";

/** A printable QR code of the batch's public traceability page, for the cooperative's own packaging. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireRole(context, request, "cooperative");
  const productId = pathId(params.id, "product_not_found");
  const batchId = pathId(params.batchId, "batch_not_found");
  const batch = await orRespond(context.services.catalogue.getBatchForMember(user, { productId, batchId }));
  const svg = await traceQrSvg(context.origin, batch.publicCode);
  const fileName = `qr-${batch.lotCode.replace(/[^A-Za-z0-9._-]/g, "-")}.svg`;
  return new Response(svg, {
    headers: {
      "Content-Type": "image/svg+xml",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "private, no-cache",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
