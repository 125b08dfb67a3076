import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { ErrorPage } from "../root";

/** Any URL no route claims: a translated 404 with the site around it. */
export async function loader({ request }: LoaderFunctionArgs) {
  throw json({ error: { code: "page_not_found", path: new URL(request.url).pathname } }, { status: 404 });
}

export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
