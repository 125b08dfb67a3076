import { redirect, type AppLoadContext } from "@remix-run/node";
import { stringify } from "csv-stringify/sync";
import { defuseFormula } from "../../server/reports/exports";
import type { CurrentUser } from "../../server/accounts/current-user";
import { isInvalid, type FieldErrors } from "../../server/errors";
import { VIETQR_BANKS } from "../../server/payments/vietqr";
import type { OrderAction } from "../../server/orders";
import { orRespond, runIntent, readForm } from "./forms.server";
import { isOrderAction } from "./order-actions";

/** The filters an order list reads from its URL; anything else in the query string is ignored. */
const LIST_PARAMS = ["status", "from", "to", "q", "page"] as const;

export function orderListParams(url: URL): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of LIST_PARAMS) {
    const value = url.searchParams.get(key);
    if (value) out[key] = value;
  }
  return out;
}

/**
 * Load an order list from the URL's filters. A hand-edited URL with a bad filter (a date like 2026-13-45) does
 * not cost the whole page: the bad filters are dropped and reported beside their inputs.
 */
export async function loadOrderList<T>(
  url: URL,
  list: (query: Record<string, string>) => Promise<T>,
): Promise<{ list: T; filterErrors: FieldErrors | null }> {
  const query = orderListParams(url);
  try {
    return { list: await list(query), filterErrors: null };
  } catch (error) {
    if (!isInvalid(error)) return orRespond(Promise.reject(error));
    const kept = Object.fromEntries(Object.entries(query).filter(([k]) => !(k in error.fields)));
    return { list: await orRespond(list(kept)), filterErrors: error.fields };
  }
}

export function doneFrom(url: URL): OrderAction | null {
  const done = url.searchParams.get("done") ?? "";
  return isOrderAction(done) ? done : null;
}

/** What an order page (cooperative or staff) loads: the order as this user sees it, and the flash of `?done=`. */
export async function loadOrderPage(
  request: Request,
  context: AppLoadContext,
  user: CurrentUser,
  code: string,
) {
  const { orders, i18n } = context.services;
  const locale = await i18n.getLocale(request);
  const order = await orRespond(orders.getOrder(user, { code, locale }));
  return {
    order,
    transferReference: order.transferReference,
    locale,
    rules: context.services.forms.rules("ship", "cancel"),
    done: doneFrom(new URL(request.url)),
    title: i18n.t(locale)("sales:detail.title", { code: order.code }),
  };
}

/**
 * Every button on an order page posts `intent=<action>` here. A failure comes back tagged with its intent, so
 * only that form shows its errors and keeps what was typed; success goes back to the page with `?done=`.
 */
export async function actOnOrder(
  request: Request,
  context: AppLoadContext,
  user: CurrentUser,
  code: string,
  self: string,
) {
  const values = await readForm(request);
  const intent = String(values.intent ?? "");
  const outcome = await runIntent(
    values,
    isOrderAction(intent)
      ? () => context.services.orders.actOnOrder(user, { code, action: intent, form: values })
      : null,
  );
  if (!outcome.ok) return outcome.response;
  return redirect(`${self}?done=${intent}`);
}

/** A spreadsheet would run a cell that starts like a formula; buyers type addresses and names, so defuse it. */
function safeCell(value: string | number | null | undefined): string | number {
  if (value === null || value === undefined) return "";
  return typeof value === "number" ? value : defuseFormula(value);
}

/** A CSV download: UTF-8 with a BOM (Excel keeps the Vietnamese marks), CRLF line ends, never cached. */
export function csvDownload(
  filename: string,
  header: string[],
  rows: Array<Array<string | number | null | undefined>>,
): Response {
  // A line break inside a field (an address, a note) is quoted too: with CRLF records, csv-stringify quotes only
  // fields holding the whole delimiter, and a bare LF split the row in spreadsheets.
  const body = stringify([header, ...rows.map((r) => r.map(safeCell))], {
    record_delimiter: "windows",
    quoted_match: /[\r\n]/,
  });
  return new Response(`\uFEFF${body}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}

/**
 * Banks a cooperative can receive VietQR transfers at, as options for its bank account form. Kept in a
 * .server module: the bank table comes with the QR libraries, which must not reach the browser bundle.
 */
export function bankOptions(): Array<{ value: string; label: string }> {
  return VIETQR_BANKS.map((b) => ({ value: b.bin, label: `${b.shortName} — ${b.name}` }));
}
