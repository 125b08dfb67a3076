import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { MatchView } from "../../server/matching";
import type { CriterionScore } from "../../server/matching/scoring";
import type { MatchSide, MatchStatus } from "../../server/vocabulary/domain";
import { formatDate } from "../../server/vocabulary/format";
import type { Locale } from "../../server/vocabulary/locale";
import { foldVietnamese } from "../../server/vocabulary/text";
import { demandPrice, demandQuantity } from "./DemandCard";

const STATUS_BADGE: Record<MatchStatus, string> = {
  suggested: "badge-pending",
  requested: "badge-pending",
  connected: "badge-approved",
  declined: "badge-rejected",
  expired: "badge-rejected",
  withdrawn: "badge-rejected",
  dismissed: "badge-rejected",
};

/** The match's state as the reader's side reads it: a request is "yours to answer" or "waiting for them". */
export function MatchStatusBadge({
  status,
  requestedBy,
  side,
}: {
  status: MatchStatus;
  requestedBy: MatchSide | null;
  side: MatchSide | "staff";
}) {
  const { t } = useTranslation();
  const label =
    status === "requested" && side !== "staff"
      ? t(requestedBy === side ? "matches:requestedByMe" : "matches:requestedByOther")
      : t(`matches:status.${status}`);
  return <span className={`badge ${STATUS_BADGE[status]}`}>{label}</span>;
}

/**
 * The scorer compares words folded without their marks ("che, bup, cuong"); a Vietnamese reader gets them as the
 * buyer wrote them ("chè, búp, Cương"), looked up in the demand's own words. A word not found stays as it is.
 */
function termsAsWritten(terms: string, written: string) {
  const byFold = new Map<string, string>();
  for (const word of written.split(/[^\p{L}\p{N}]+/u)) {
    const folded = foldVietnamese(word);
    if (word && !byFold.has(folded)) byFold.set(folded, word);
  }
  return terms
    .split(", ")
    .map((term) => byFold.get(term) ?? term)
    .join(", ");
}

/**
 * The score broken down per criterion, each with its points out of its weight and the reason in the reader's
 * language ("Giá trong khoảng bạn cần", "Cách 45 km"): why a match is ranked where it is. `demand` is what the
 * buyer wrote, to quote the matching words with their marks.
 */
export function ScoreBreakdown({
  score,
  criteria,
  demand,
}: {
  score: number;
  criteria: CriterionScore[];
  demand: { title: string; description: string };
}) {
  const { t } = useTranslation();
  const paramsOf = ({ code, params = {} }: CriterionScore["reason"]) =>
    code === "product_terms" && typeof params.terms === "string"
      ? { ...params, terms: termsAsWritten(params.terms, `${demand.title} ${demand.description}`) }
      : params;
  return (
    <div className="score-breakdown">
      <p className="score-total">
        <span className="muted">{t("matches:scoreLabel")}</span>{" "}
        <strong>{t("matches:score", { score })}</strong>
      </p>
      <ul className="criteria">
        {criteria.map((c) => {
          const max = Math.round(c.weight * 100);
          const points = Math.round(c.weight * c.score * 100);
          return (
            <li key={c.criterion}>
              <span className="criterion-name">{t(`matches:criterion.${c.criterion}`)}</span>
              <meter min={0} max={max} value={points} aria-label={t(`matches:criterion.${c.criterion}`)} />
              <span className="criterion-points">{t("matches:criterionScore", { points, max })}</span>
              <span className="criterion-reason">
                {t(`matches:reason.${c.reason.code}`, paramsOf(c.reason))}
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** One row per match: both sides in brief, the score and its reasons, the state and the way in. */
export function MatchList({
  matches,
  side,
  locale,
  empty,
}: {
  matches: MatchView[];
  side: MatchSide;
  locale: Locale;
  empty: string;
}) {
  const { t } = useTranslation();
  if (matches.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ol className="match-list">
      {matches.map((m) => (
        <li key={m.id} className="card match-row">
          <div className="match-row-head">
            <h3>
              <Link to={`/matches/${m.id}`}>{side === "buyer" ? m.offer.title : m.demand.title}</Link>
            </h3>
            <MatchStatusBadge status={m.status} requestedBy={m.requestedBy} side={side} />
          </div>
          <p className="muted small">
            {side === "buyer"
              ? `${m.offer.cooperative.name} · ${m.offer.cooperative.province}`
              : `${demandQuantity(m.demand, t, locale)} · ${demandPrice(m.demand, t, locale)} · ${m.demand.deliveryProvince.name}`}
          </p>
          {side === "cooperative" && (
            <p className="small">
              {t("matches:row.offer")}: {m.offer.title}
            </p>
          )}
          {m.status === "requested" && m.respondBy && (
            <p className="small">{t("matches:respondBy", { date: formatDate(m.respondBy, locale) })}</p>
          )}
          <ScoreBreakdown score={m.score} criteria={m.criteria} demand={m.demand} />
          <Link to={`/matches/${m.id}`} className="button button-small">
            {t("matches:row.open")}
          </Link>
        </li>
      ))}
    </ol>
  );
}

/** The list's filters, in the query string so a filtered list can be bookmarked and works without JavaScript. */
export function MatchFilters({
  query,
  offers,
  count,
}: {
  query: { status?: string; minScore?: number; offer?: number };
  offers?: Array<{ id: number; title: string }>;
  count: number;
}) {
  const { t } = useTranslation();
  return (
    <Form method="get" className="filters inline-form" aria-label={t("matches:filter.title")}>
      <label>
        {t("matches:filter.status")}
        <select name="status" defaultValue={query.status ?? ""}>
          <option value="">{t("matches:filter.all")}</option>
          {(["open", "to_answer", "waiting", "connected", "closed"] as const).map((s) => (
            <option key={s} value={s}>
              {t(`matches:filter.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("matches:filter.minScore")}
        <input type="number" name="minScore" min={0} max={100} step={5} defaultValue={query.minScore ?? ""} />
      </label>
      {offers && (
        <label>
          {t("matches:filter.offer")}
          <select name="offer" defaultValue={query.offer ?? ""}>
            <option value="">{t("matches:filter.anyOffer")}</option>
            {offers.map((o) => (
              <option key={o.id} value={o.id}>
                {o.title}
              </option>
            ))}
          </select>
        </label>
      )}
      <button type="submit" className="button button-secondary">
        {t("matches:filter.apply")}
      </button>
      <span className="muted" role="status">
        {t("matches:filter.count", { count })}
      </span>
    </Form>
  );
}
