import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { isLocale } from "../../server/vocabulary/locale";

/** The address names the content (?v= is its hash): it never changes, so a browser keeps it for good. */
const FOR_GOOD = "public, max-age=31536000, immutable";
/** An old page's version after a deploy, or none: the current words, not to be kept long. */
const BRIEFLY = "public, max-age=300";

/**
 * One language's translations for the browser (app/entry.client.tsx fetches it before hydrating; the document
 * preloads it). The same for everyone, so public even to a signed-in visitor; the mails' words stay out of it.
 */
export async function loader({ params, request, context }: LoaderFunctionArgs) {
  if (!isLocale(params.lng)) return json({ error: { code: "not_found" } }, { status: 404 });
  const resources = context.services.i18n.clientResources(params.lng);
  const current = new URL(request.url).searchParams.get("v") === resources.version;
  return new Response(resources.json, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": current ? FOR_GOOD : BRIEFLY,
    },
  });
}
