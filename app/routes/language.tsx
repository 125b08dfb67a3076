import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import type { ClientActionFunctionArgs } from "@remix-run/react";
import i18next from "i18next";
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

/**
 * With JavaScript: the chosen language's words are fetched (app/entry.client.tsx's backend) before the switch is
 * sent, so the page turns over in one go rather than showing the new language's data under the old one's words.
 * Without the words (a failed fetch) the switch still happens; i18next keeps the words it has.
 */
export async function clientAction({ request, serverAction }: ClientActionFunctionArgs) {
  const lng = (await request.clone().formData()).get("lng");
  if (isLocale(lng)) await i18next.loadLanguages(lng);
  return serverAction();
}
