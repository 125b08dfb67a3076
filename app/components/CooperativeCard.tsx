import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { CooperativeCard as Card } from "../../server/cooperatives";
import { CooperativeLogo } from "./CooperativeLogo";

export function CooperativeCard({ cooperative: c }: { cooperative: Card }) {
  const { t } = useTranslation();
  return (
    <article className="card coop-card">
      <div className="coop-card-head">
        <CooperativeLogo name={c.name} logoUrl={c.logoUrl} />
        <div>
          <h3>
            <Link to={`/cooperatives/${c.slug}`}>{c.name}</Link>
          </h3>
          <p className="muted">
            {c.ward ? `${t(`geo:wardKind.${c.ward.type}`, { name: c.ward.name })}, ` : ""}
            {c.province.name}
          </p>
        </div>
      </div>
      <p className="coop-summary" lang={c.summaryLang}>
        {c.summary}
      </p>
      <ul className="tags" aria-label={t("cooperatives:fields.sectors")}>
        {c.sectors.map((s) => (
          <li key={s} className="tag">
            {t(`cooperatives:sector.${s}`)}
          </li>
        ))}
      </ul>
    </article>
  );
}
