import type { LoaderFunctionArgs } from "@remix-run/node";
import { orRespond } from "../lib/forms.server";
import { staffOnFair } from "../lib/fair-admin.server";
import { csvDownload } from "../lib/sales.server";
import { vietnamDay, vietnamTimestamp } from "../../server/vocabulary/dates";

const COLUMNS = ["name", "phone", "email", "status", "at", "code"] as const;

/** The fair's visitor registrations, newest first, for the organiser's gate lists. */
export async function loader(args: LoaderFunctionArgs) {
  const { staff, fairId, fairs } = staffOnFair(args);
  const { i18n } = args.context.services;
  const t = i18n.t(await i18n.getLocale(args.request));
  const { visitors } = await orRespond(fairs.listVisitors(staff, { fairId }));
  return csvDownload(
    `${t("fairAdmin:visitors.filename")}-${fairId}-${vietnamDay()}.csv`,
    COLUMNS.map((c) => t(`fairAdmin:visitors.col.${c}`)),
    visitors.map((v) => [
      v.name,
      v.phone,
      v.email,
      t(`fairAdmin:visitors.status.${v.status}`),
      vietnamTimestamp(v.registeredAt),
      v.code,
    ]),
  );
}
