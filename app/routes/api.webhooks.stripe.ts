import type { ActionFunctionArgs } from "@remix-run/node";
import { apiResponse } from "../lib/api.server";

/**
 * Stripe's webhook. The signature covers the raw body, so it is read as text before anything parses it.
 * Exempt from the Origin check (server/http/app.ts): Stripe is another site, and the signature is the guard.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const rawBody = await request.text();
  const signature = request.headers.get("stripe-signature");
  return apiResponse(
    async () => ({
      received: true,
      outcome: await context.services.payments.handleStripeWebhook({ rawBody, signature }),
    }),
    { "Cache-Control": "no-store" },
  );
}

export function loader() {
  return new Response(null, { status: 405, headers: { Allow: "POST" } });
}
