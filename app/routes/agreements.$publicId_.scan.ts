import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "../lib/auth.server";
import { orRespond } from "../lib/forms.server";

/** A paper agreement's scan, for the parties and staff; each download is recorded in the agreement's audit chain. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const { filename, contentType, bytes } = await orRespond(
    context.services.agreements.paperScan(user, { publicId: params.publicId ?? "" }),
  );
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": contentType,
      "Content-Disposition": `attachment; filename="${filename}"`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
