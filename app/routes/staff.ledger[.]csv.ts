import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "../lib/auth.server";
import { orRespond } from "../lib/forms.server";
import { csvDownload } from "../lib/sales.server";
import { vietnamDay, vietnamTimestamp } from "../../server/vocabulary/dates";

const COLUMNS = ["id", "createdAt", "cooperative", "orderCode", "kind", "amountVnd", "settlement"] as const;

/**
 * Card-sale ledger entries for the union's accountant: all, only those not yet passed on (`?unsettled=1`),
 * and/or one cooperative (`?cooperative=<id>`). Refunds are negative amounts, so a column sum is what is owed.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = requireRole(context, request, "staff");
  const { ledger, i18n } = context.services;
  const t = i18n.t(await i18n.getLocale(request));
  const url = new URL(request.url);
  const cooperativeId = Number(url.searchParams.get("cooperative"));
  const unsettledOnly = url.searchParams.get("unsettled") === "1";
  const entries = await orRespond(
    ledger.listEntries(staff, {
      cooperativeId: Number.isSafeInteger(cooperativeId) && cooperativeId > 0 ? cooperativeId : undefined,
      unsettledOnly,
    }),
  );
  const rows = entries.map((e) => {
    const row: Record<(typeof COLUMNS)[number], string | number> = {
      id: e.id,
      createdAt: vietnamTimestamp(e.createdAt),
      cooperative: e.cooperativeName,
      orderCode: e.orderCode,
      kind: t(`sales:ledger.kind.${e.kind}`),
      amountVnd: e.amountVnd,
      settlement: e.settlementId ?? t("sales:csv.ledger.unsettled"),
    };
    return COLUMNS.map((c) => row[c]);
  });
  const name = `${t("sales:csv.ledger.filename")}${unsettledOnly ? `-${t("sales:csv.ledger.unsettledSuffix")}` : ""}`;
  return csvDownload(
    `${name}-${vietnamDay()}.csv`,
    COLUMNS.map((c) => t(`sales:csv.ledger.${c}`)),
    rows,
  );
}
