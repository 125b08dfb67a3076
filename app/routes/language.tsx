import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { isLocale } from "../../server/vocabulary/locale";
import { safeRedirect } from "../lib/auth.server";

export async function loader() {
  return redirect("/");
}

/** The header's language switch: remembered in a cookie, and on the account for notifications. */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const lng = form.get("lng");
  const to = safeRedirect(form.get("redirectTo"));
  if (!isLocale(lng)) return redirect(to);
  if (context.user) await context.services.accounts.setLocale(context.user, { locale: lng });
  // Drop a ?lng= in the target so the cookie decides from now on.
  const url = new URL(to, "http://x");
  url.searchParams.delete("lng");
  return redirect(url.pathname + url.search, {
    headers: { "Set-Cookie": await context.services.i18n.localeCookie.serialize(lng) },
  });
}
