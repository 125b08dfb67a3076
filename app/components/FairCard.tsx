import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { FairSummary } from "../../server/fairs";
import { formatDateRange } from "../../server/vocabulary/format";
import type { Locale } from "../../server/vocabulary/locale";
import type { FairStatus } from "../../server/vocabulary/domain";
import { ResponsivePicture } from "./ResponsivePicture";

/** A fair's days as one range ("23–26/12/2026"), machine-readable as an ISO interval. */
export function FairDates({
  fair,
  locale,
}: {
  fair: Pick<FairSummary, "startsOn" | "endsOn">;
  locale: Locale;
}) {
  return (
    <time dateTime={fair.startsOn === fair.endsOn ? fair.startsOn : `${fair.startsOn}/${fair.endsOn}`}>
      {formatDateRange(fair.startsOn, fair.endsOn, locale)}
    </time>
  );
}

/** The fair's status in words, with a shape as well as a colour. */
export function FairStatusBadge({ status }: { status: FairStatus }) {
  const { t } = useTranslation();
  return <span className={`badge fair-status fair-status-${status}`}>{t(`fairs:status.${status}`)}</span>;
}

/** A fair in a list: cover, name, when, where, and how many booths are still free while booking is open. */
export function FairCard({
  fair,
  locale,
  headingLevel = 3,
  to,
  eager = false,
}: {
  fair: FairSummary;
  locale: Locale;
  headingLevel?: 2 | 3;
  /** Where the card leads; the public fair page unless given. */
  to?: string;
  eager?: boolean;
}) {
  const { t } = useTranslation();
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const href = to ?? `/fairs/${fair.slug}`;
  return (
    <article className={`card fair-card fair-card-${fair.status}`}>
      <div className="fair-card-cover" aria-hidden={fair.cover ? undefined : "true"}>
        {fair.cover ? (
          <ResponsivePicture
            image={fair.cover}
            alt=""
            sizes="(min-width: 960px) 360px, (min-width: 600px) 50vw, 100vw"
            loading={eager ? "eager" : "lazy"}
          />
        ) : (
          <span className="fair-card-placeholder">{fair.province.name}</span>
        )}
      </div>
      <div className="fair-card-body">
        <Heading className="fair-card-title">
          <Link to={href}>{fair.name}</Link>
        </Heading>
        <p className="fair-card-when">
          <FairDates fair={fair} locale={locale} />
        </p>
        <p className="fair-card-where muted">
          {fair.venue}
          {" · "}
          {fair.province.name}
        </p>
        <p className="fair-card-meta">
          {/* Past its last day a fair is over, whatever staff have not yet marked it. */}
          <FairStatusBadge status={fair.over ? "finished" : fair.status} />
          {fair.status === "open" && !fair.over && fair.boothCount > 0 && (
            <span className="fair-card-availability">
              {t("fairs:list.availability", { count: fair.availableCount, total: fair.boothCount })}
            </span>
          )}
        </p>
      </div>
    </article>
  );
}
