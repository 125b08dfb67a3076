import type { TFunction } from "i18next";
import { formatDate } from "../../server/vocabulary/format";
import type { Locale } from "../../server/vocabulary/locale";

/** What a follow-up asks, in words: a checkpoint's months, a delivery's or the expiry's date, or staff's own note. */
export function followUpWhat(
  t: TFunction,
  f: { kind: string; detail: string | null; note: string | null },
  locale: Locale,
): string {
  if (f.kind === "checkpoint") return t("followUps:kind.checkpoint", { count: Number(f.detail) });
  if (f.kind === "manual") return f.note ?? t("followUps:kind.manual");
  return t(`followUps:kind.${f.kind}`, { date: f.detail ? formatDate(f.detail, locale) : "" });
}
