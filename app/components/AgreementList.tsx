import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate, formatVnd } from "../../server/vocabulary/format";
import type { Locale } from "../../server/vocabulary/locale";

interface Row {
  publicId: string;
  type: string;
  status: string;
  totalVnd: number;
  currentVersion: number;
  sealedAt: string | null;
  updatedAt: string;
}

/** Agreements as a table: id, type, status, value, version, last change; the sealed PDF for staff. */
export function AgreementList({
  agreements,
  locale,
  withPdf = false,
}: {
  agreements: Row[];
  locale: Locale;
  withPdf?: boolean;
}) {
  const { t } = useTranslation();
  if (agreements.length === 0) return <p className="muted">{t("agreements:list.empty")}</p>;
  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">{t("agreements:list.id")}</th>
          <th scope="col">{t("agreements:list.type")}</th>
          <th scope="col">{t("agreements:list.total")}</th>
          <th scope="col">{t("agreements:list.version")}</th>
          <th scope="col">{t("agreements:list.updated")}</th>
          <th scope="col">{t("agreements:list.sealedAt")}</th>
        </tr>
      </thead>
      <tbody>
        {agreements.map((a) => (
          <tr key={a.publicId}>
            <td>
              <Link to={`/agreements/${a.publicId}`}>{a.publicId}</Link>{" "}
              <span className={`badge status-${a.status}`}>{t(`agreements:status.${a.status}`)}</span>
            </td>
            <td>{t(`agreements:type.${a.type}`)}</td>
            <td>{formatVnd(a.totalVnd, locale)}</td>
            <td>{a.currentVersion}</td>
            <td>{formatDate(a.updatedAt, locale)}</td>
            <td>
              {a.sealedAt ? formatDate(a.sealedAt, locale) : "—"}
              {withPdf && a.sealedAt && (
                <>
                  {" "}
                  <a href={`/agreements/${a.publicId}.pdf`} download>
                    PDF
                  </a>
                </>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
