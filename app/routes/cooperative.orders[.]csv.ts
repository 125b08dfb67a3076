import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "../lib/auth.server";
import { orRespond } from "../lib/forms.server";
import { csvDownload, orderListParams } from "../lib/sales.server";
import { vietnamDay, vietnamTimestamp } from "../../server/vocabulary/dates";

/** Column → key under sales:csv.orders; the file's column order. */
const COLUMNS = [
  "code",
  "createdAt",
  "status",
  "paymentMethod",
  "paymentStatus",
  "buyer",
  "phone",
  "address",
  "ward",
  "province",
  "sku",
  "product",
  "unit",
  "quantity",
  "unitPriceVnd",
  "lineTotalVnd",
  "shippingFeeVnd",
  "orderTotalVnd",
  "carrier",
  "trackingNumber",
] as const;

/**
 * The cooperative's orders with the list's filters, one row per item, headers and statuses in the reader's
 * language. Amounts stay plain integers so a spreadsheet can add them up.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireRole(context, request, "cooperative");
  const { orders, i18n } = context.services;
  const t = i18n.t(await i18n.getLocale(request));
  const params = orderListParams(new URL(request.url));
  delete params.page;
  const rows = await orRespond(orders.exportCooperativeOrders(user, { query: params }));
  const cells = rows.map((r) => {
    const row: Record<(typeof COLUMNS)[number], string | number> = {
      code: r.code,
      createdAt: vietnamTimestamp(r.createdAt),
      status: t(`orders:status.${r.status}`),
      paymentMethod: t(`orders:paymentMethod.${r.paymentMethod}`),
      paymentStatus: t(`orders:paymentStatus.${r.paymentStatus}`),
      buyer: r.buyer,
      phone: r.phone,
      address: r.address,
      // An order placed before the 2025 map keeps the units it was placed under.
      ward: r.location.ward
        ? t(`geo:wardKind.${r.location.ward.type}`, { name: r.location.ward.name })
        : (r.location.formerUnits ?? ""),
      province: r.location.province?.name ?? "",
      sku: r.sku,
      product: r.product,
      unit: t(`catalogue:unit.${r.unit}`),
      quantity: r.quantity,
      unitPriceVnd: r.unitPriceVnd,
      lineTotalVnd: r.lineTotalVnd,
      shippingFeeVnd: r.shippingFeeVnd,
      orderTotalVnd: r.orderTotalVnd,
      carrier: r.carrier,
      trackingNumber: r.trackingNumber,
    };
    return COLUMNS.map((c) => row[c]);
  });
  return csvDownload(
    `${t("sales:csv.orders.filename")}-${vietnamDay()}.csv`,
    COLUMNS.map((c) => t(`sales:csv.orders.${c}`)),
    cells,
  );
}
