import { Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** Plain links that keep every other query parameter: works without JavaScript, shareable, back-button safe. */
export function Pagination({ page, perPage, total }: { page: number; perPage: number; total: number }) {
  const { t } = useTranslation();
  const location = useLocation();
  const pages = Math.max(1, Math.ceil(total / perPage));
  if (pages <= 1) return null;
  const href = (p: number) => {
    const params = new URLSearchParams(location.search);
    if (p === 1) params.delete("page");
    else params.set("page", String(p));
    const qs = params.toString();
    return `${location.pathname}${qs ? `?${qs}` : ""}`;
  };
  const around = [...new Set([1, page - 1, page, page + 1, pages])]
    .filter((p) => p >= 1 && p <= pages)
    .sort((a, b) => a - b);
  return (
    <nav className="pagination" aria-label={t("common:pagination.label")}>
      {page > 1 && (
        <Link to={href(page - 1)} rel="prev">
          {t("common:pagination.previous")}
        </Link>
      )}
      {around.map((p, i) => (
        <span key={p}>
          {i > 0 && p - around[i - 1]! > 1 && <span aria-hidden="true">…</span>}
          {p === page ? (
            <span aria-current="page" className="current">
              {p}
            </span>
          ) : (
            <Link to={href(p)} aria-label={t("common:pagination.page", { page: p })}>
              {p}
            </Link>
          )}
        </span>
      ))}
      {page < pages && (
        <Link to={href(page + 1)} rel="next">
          {t("common:pagination.next")}
        </Link>
      )}
    </nav>
  );
}
