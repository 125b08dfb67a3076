import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "../lib/auth.server";
import { orRespond } from "../lib/forms.server";
import { csvDownload } from "../lib/sales.server";
import { vietnamDay, vietnamTimestamp } from "../../server/vocabulary/dates";

/** Column → key under fairAdmin:csv.col; the file's column order. */
const COLUMNS = [
  "booth",
  "boothType",
  "size",
  "status",
  "cooperative",
  "province",
  "representative",
  "phone",
  "email",
  "amountVnd",
  "paidAt",
  "products",
] as const;

/**
 * The fair's exhibitors, one row per booth with an active booking, for the organiser's lists and badges.
 * Headers, booth types and statuses in the reader's language; amounts stay plain integers for sums.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const staff = requireRole(context, request, "staff");
  const fairId = Number(params.id);
  if (!Number.isSafeInteger(fairId) || fairId <= 0)
    throw json({ error: { code: "fair_not_found" } }, { status: 404 });
  const { fairs, i18n } = context.services;
  const t = i18n.t(await i18n.getLocale(request));
  const rows = await orRespond(fairs.listExhibitors(staff, { fairId }));
  const cells = rows.map((r) => {
    const row: Record<(typeof COLUMNS)[number], string | number> = {
      booth: r.booth,
      boothType: t(`fairs:boothType.${r.boothType}`),
      size: t("fairAdmin:csv.size", { size: r.size.replace("x", " × ") }),
      status: t(`fairs:bookingStatus.${r.status}`),
      cooperative: r.cooperative,
      province: r.province,
      representative: r.representative,
      phone: r.phone,
      email: r.email,
      amountVnd: r.amountVnd,
      paidAt: r.paid ? vietnamTimestamp(r.paid) : "",
      products: r.products,
    };
    return COLUMNS.map((c) => row[c]);
  });
  return csvDownload(
    `${t("fairAdmin:csv.filename")}-${fairId}-${vietnamDay()}.csv`,
    COLUMNS.map((c) => t(`fairAdmin:csv.col.${c}`)),
    cells,
  );
}
