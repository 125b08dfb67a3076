import { json, redirect, type AppLoadContext } from "@remix-run/node";
import { requireRole } from "./auth.server";
import { FAIR_STATUSES } from "../../server/vocabulary/domain";
import { orRespond, runIntent, type FormValues } from "./forms.server";

/**
 * The fair editor (app/routes/staff.fairs.$id*.tsx): a layout with the fair's header and one route module per
 * tab. What every one of them starts from lives here, so the guard, the fair's id and the way back after a form
 * are the same on every tab.
 */

/** What a tab says after one of its forms succeeded (`?done=`, translated under fairAdmin:done). */
export const FAIR_ADMIN_DONE = [
  "created",
  "updated",
  "cover",
  ...FAIR_STATUSES,
  "hall",
  "grid",
  "booth",
  "boothDeleted",
  "hallNames",
  "element",
  "elementSaved",
  "elementDeleted",
  "approve",
  "decline",
  "mark_paid",
  "vacate",
  "move",
] as const;
export type FairAdminDone = (typeof FAIR_ADMIN_DONE)[number];

/** The value if it is one of `list`, else null: the URL is typed by anyone. */
export function pick<T extends string>(list: readonly T[], value: string | null | undefined): T | null {
  return list.find((x) => x === value) ?? null;
}

interface RouteArgs {
  request: Request;
  params: { id?: string };
  context: AppLoadContext;
}

/**
 * Only staff, and an id that can be a fair's: every loader and action of the editor starts with this. What it
 * gives — who asks, about which fair, and the fairs use cases — is what a tab's forms run with.
 */
export function staffOnFair({ request, params, context }: RouteArgs) {
  const staff = requireRole(context, request, "staff");
  const fairId = Number(params.id);
  if (!Number.isSafeInteger(fairId) || fairId <= 0)
    throw json({ error: { code: "fair_not_found" } }, { status: 404 });
  return { staff, fairId, fairs: context.services.fairs };
}
export type FairEditor = ReturnType<typeof staffOnFair>;

/** The staff view of the fair (404 when there is none) in the reader's language, and its translator. */
export async function staffFairView(args: RouteArgs) {
  const { staff, fairId, fairs } = staffOnFair(args);
  const { i18n } = args.context.services;
  const locale = await i18n.getLocale(args.request);
  const view = await orRespond(fairs.getFairForStaff(staff, { fairId, locale }));
  return { view, locale, t: i18n.t(locale) };
}

/** What a success changes in the URL besides `done`: a deleted booth's panel closed, the grid's count. */
export type QueryChange = Record<string, string | null>;

/** One form of a tab, chosen by its intent: the use case it runs and the notice once it has run. */
export interface TabForm {
  done: FairAdminDone;
  work: () => Promise<QueryChange | void>;
}

/**
 * Run the form a tab's action chose (null: an intent the tab does not know, 400). Refused, the failure comes
 * back tagged with its intent (400/409/429, the input kept) for that form alone to show. Done, back to the tab
 * as it was — selected booth or booking, status filter — with the notice.
 */
export async function runTabForm(request: Request, values: FormValues, form: TabForm | null) {
  const outcome = await runIntent(values, form ? form.work : null);
  if (!outcome.ok) return outcome.response;
  const url = new URL(request.url);
  url.searchParams.delete("n");
  // `outcome.ok` means there was work to run, so there is a form.
  url.searchParams.set("done", form!.done);
  for (const [k, v] of Object.entries(outcome.result ?? {})) {
    if (v === null) url.searchParams.delete(k);
    else url.searchParams.set(k, v);
  }
  return redirect(`${url.pathname}?${url.searchParams.toString()}`);
}
