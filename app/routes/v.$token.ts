import { redirect, type LoaderFunctionArgs } from "@remix-run/node";

/** The address inside a sealed agreement's QR code (upper case, to fit a small code): the verification page. */
export async function loader({ params }: LoaderFunctionArgs) {
  return redirect(`/verify?t=${encodeURIComponent(params.token ?? "")}`);
}
