import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/**
 * Where a batch leads from the cooperative's lists: its journey and labels, its public trace page, and (on its
 * product's page) its QR code to download.
 */
export function BatchLinks({
  productId,
  batch,
  qr = false,
}: {
  productId: number;
  batch: { id: number; lotCode: string; publicCode: string };
  qr?: boolean;
}) {
  const { t } = useTranslation();
  const page = `/cooperative/products/${productId}/batches/${batch.id}`;
  return (
    <ul className="inline-links">
      <li>
        <Link to={page} aria-label={t("trace:batch.openLabel", { lot: batch.lotCode })}>
          {t("trace:batch.open")}
        </Link>
      </li>
      <li>
        <Link to={`/trace/${batch.publicCode}`}>{t("dashboard:edit.batches.publicPage")}</Link>
      </li>
      {qr && (
        <li>
          <a
            href={`${page}/qr.svg`}
            download
            aria-label={t("dashboard:edit.batches.qrLabel", { lot: batch.lotCode })}
          >
            {t("dashboard:edit.batches.qr")}
          </a>
        </li>
      )}
    </ul>
  );
}
