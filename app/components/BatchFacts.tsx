import { useTranslation } from "react-i18next";
import type { Unit } from "../../server/vocabulary/domain";
import { formatDate, formatNumber } from "../../server/vocabulary/format";
import type { Locale } from "../../server/vocabulary/locale";

/** A batch's lot code, days and quantity, as terms of a <dl> (the trace page and the cooperative's batch page). */
export function BatchFacts({
  batch,
  unit,
  locale,
}: {
  batch: { lotCode: string; producedOn: string; quantity: number; expiresOn: string | null };
  unit: Unit;
  locale: Locale;
}) {
  const { t } = useTranslation();
  return (
    <>
      <dt>{t("trace:page.lotCode")}</dt>
      <dd>
        <code>{batch.lotCode}</code>
      </dd>
      <dt>{t("trace:page.producedOn")}</dt>
      <dd>{formatDate(batch.producedOn, locale)}</dd>
      <dt>{t("trace:page.quantity")}</dt>
      <dd>
        {t(`catalogue:unitCount.${unit}`, { count: batch.quantity, n: formatNumber(batch.quantity, locale) })}
      </dd>
      {batch.expiresOn && (
        <>
          <dt>{t("trace:page.expiresOn")}</dt>
          <dd>{formatDate(batch.expiresOn, locale)}</dd>
        </>
      )}
    </>
  );
}
