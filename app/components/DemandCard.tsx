import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { PublicDemand } from "../../server/matching";
import type { DemandStatus } from "../../server/vocabulary/domain";
import { formatDate, formatDateRange, formatNumber, formatVnd } from "../../server/vocabulary/format";
import type { Locale } from "../../server/vocabulary/locale";

/** useTranslation()'s `t`, as these helpers use it. */
type TFunction = (key: string, options?: Record<string, unknown>) => string;

type Terms = Pick<
  PublicDemand,
  "quantity" | "unit" | "frequency" | "priceMinVnd" | "priceMaxVnd" | "deliveryFrom" | "deliveryTo"
>;

/** "500 kg · Hằng tháng". */
export function demandQuantity(d: Terms, t: TFunction, locale: Locale) {
  return t("demands:card.quantity", {
    quantity: formatNumber(d.quantity, locale),
    unit: t(`catalogue:unit.${d.unit}`),
    frequency: t(`demands:frequency.${d.frequency}`),
  });
}

/** The price wanted per unit, either end open: "80.000 ₫ – 95.000 ₫/kg", "Từ 80.000 ₫/kg", or to be agreed. */
export function demandPrice(d: Terms, t: TFunction, locale: Locale) {
  const min = d.priceMinVnd === null ? null : formatVnd(d.priceMinVnd, locale);
  const max = d.priceMaxVnd === null ? null : formatVnd(d.priceMaxVnd, locale);
  const price =
    min && max
      ? min === max
        ? min
        : t("demands:card.priceRange", { min, max })
      : min
        ? t("demands:card.priceFrom", { min })
        : max
          ? t("demands:card.priceUpTo", { max })
          : null;
  if (!price) return t("demands:card.priceOpen");
  return t("demands:card.perUnit", { price, unit: t(`catalogue:unit.${d.unit}`) });
}

/** When the goods are wanted (dd/mm/yyyy in Vietnamese), or null when any time will do. */
export function demandWindow(d: Terms, t: TFunction, locale: Locale) {
  if (d.deliveryFrom && d.deliveryTo)
    return t("demands:card.window", { range: formatDateRange(d.deliveryFrom, d.deliveryTo, locale) });
  if (d.deliveryFrom) return t("demands:card.windowFrom", { date: formatDate(d.deliveryFrom, locale) });
  if (d.deliveryTo) return t("demands:card.windowUntil", { date: formatDate(d.deliveryTo, locale) });
  return null;
}

/** The kind of buyer, never who: an organisation's kind, or a private person. */
export function buyerKindLabel(kind: string, t: TFunction) {
  return kind === "household" ? t("demands:card.individual") : t(`account:organisationKind.${kind}`);
}

const STATUS_BADGE: Record<DemandStatus, string> = {
  open: "badge-approved",
  paused: "badge-pending",
  fulfilled: "badge-approved",
  closed: "badge-rejected",
  expired: "badge-rejected",
};

export function DemandStatusBadge({ status }: { status: DemandStatus }) {
  const { t } = useTranslation();
  return <span className={`badge ${STATUS_BADGE[status]}`}>{t(`demands:status.${status}`)}</span>;
}

/** A demand on the board: what, how much, for how much, where and when, and what kind of buyer. */
export function DemandCard({ demand: d, locale }: { demand: PublicDemand; locale: Locale }) {
  const { t } = useTranslation();
  const window = demandWindow(d, t, locale);
  return (
    <article className="card demand-card">
      <p className="muted small">{t(`cooperatives:sector.${d.category}`)}</p>
      <h2>
        <Link to={`/demands/${d.publicId}`}>{d.title}</Link>
      </h2>
      <p>
        <strong>{demandQuantity(d, t, locale)}</strong>
      </p>
      <p>{demandPrice(d, t, locale)}</p>
      <p>
        {t("demands:card.deliverTo", { province: d.deliveryProvince.name })}
        {window && (
          <>
            <br />
            {window}
          </>
        )}
      </p>
      {(d.certifications.length > 0 || d.minOcopStars) && (
        <ul className="tags">
          {d.certifications.map((c) => (
            <li key={c} className="tag">
              {t(`catalogue:certification.${c}`)}
            </li>
          ))}
          {d.minOcopStars && <li className="tag">{t("demands:card.ocop", { stars: d.minOcopStars })}</li>}
        </ul>
      )}
      <p className="muted small">
        {t("demands:card.buyer", { kind: buyerKindLabel(d.buyerKind, t) })} ·{" "}
        {t("demands:card.posted", { date: formatDate(d.createdAt, locale) })}
      </p>
    </article>
  );
}
