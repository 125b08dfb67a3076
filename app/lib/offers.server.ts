import { redirect, type AppLoadContext } from "@remix-run/node";
import type { CurrentUser } from "../../server/accounts/current-user";
import { offerMachine, type OfferView } from "../../server/matching";
import type { Locale } from "../../server/vocabulary/locale";
import { formId, runIntent, type FormValues } from "./forms.server";

/** What a page may confirm after a redirect (`?saved=`): a form's outcome, or the status an action led to. */
const SAVED = ["created", "updated", "active", "paused", "closed"] as const;
export type OfferSaved = (typeof SAVED)[number];

export function savedFrom(url: URL): OfferSaved | null {
  const s = url.searchParams.get("saved");
  return (SAVED as readonly string[]).includes(s ?? "") ? (s as OfferSaved) : null;
}

/** The offer with the buttons its cooperative may press now: the state machine decides, the page only draws. */
export function withActions(offer: OfferView) {
  return { ...offer, actions: offerMachine.available(offer, "cooperative") };
}

/** The cooperative's own active products, for the offer form's product choice (the catalogue's own use case). */
export async function offerProductOptions(context: AppLoadContext, user: CurrentUser, locale: Locale) {
  const own = await context.services.catalogue.listOwnProducts(user, { query: { status: "active" }, locale });
  return own.map((p) => ({ id: p.id, name: p.name, category: p.category, unit: p.unit }));
}

/**
 * One of an offer's action buttons (pause, resume, close), posted as intent=act with the action, and the offer's
 * id from the page's URL or a hidden field. Success goes to `to` with the status reached; another intent is one
 * no form of the page sends (400).
 */
export async function runOfferAction(
  context: AppLoadContext,
  user: CurrentUser,
  values: FormValues,
  { id, to }: { id?: number; to: (id: number) => string },
) {
  const work = async () => {
    const offerId = id ?? formId(values, "id");
    const { status } = await context.services.matching.actOnOffer(user, {
      id: offerId,
      form: { action: values.action },
    });
    return { offerId, status };
  };
  const outcome = await runIntent(values, values.intent === "act" ? work : null);
  if (!outcome.ok) return outcome.response;
  return redirect(`${to(outcome.result.offerId)}?saved=${outcome.result.status}`);
}
