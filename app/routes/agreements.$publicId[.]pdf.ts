import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "../lib/auth.server";
import { orRespond } from "../lib/forms.server";

/** The sealed PDF, for the parties and staff; each download is recorded in the agreement's audit chain. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const { filename, bytes } = await orRespond(
    context.services.agreements.sealedPdf(user, { publicId: params.publicId ?? "" }),
  );
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
