import type { LoaderFunctionArgs } from "@remix-run/node";
import { CACHE_CONTROL } from "../../server/http/caching";
import { apiResponse } from "../lib/api.server";

/** GET /api/v1/suggest?q= — a few product names for the header's search-as-you-type. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { catalogue, i18n } = context.services;
  const locale = await i18n.getLocale(request);
  const q = new URL(request.url).searchParams.get("q") ?? "";
  return apiResponse(async () => ({ q, suggestions: await catalogue.suggestProducts({ text: q, locale }) }), {
    "Cache-Control": CACHE_CONTROL.suggestions,
  });
}
