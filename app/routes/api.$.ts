import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";

/** An API address no route claims: the JSON error an API client can read, not the site's 404 page. */
function notFound(request: Request) {
  return json({ error: { code: "not_found", path: new URL(request.url).pathname } }, { status: 404 });
}

export const loader = ({ request }: LoaderFunctionArgs) => notFound(request);
export const action = ({ request }: ActionFunctionArgs) => notFound(request);
