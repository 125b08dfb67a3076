import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { MatchFilters, MatchList } from "../components/Matches";
import { requireRole } from "../lib/auth.server";
import { matchQueryFrom } from "../lib/matches.server";
import { orRespond } from "../lib/forms.server";
import { MATCH_REQUESTS_PER_DAY } from "../../server/vocabulary/domain";
import { ErrorPage } from "../root";

/** The demands a cooperative's offers answer, best first, filtered by state, score and offer. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireRole(context, request, "cooperative");
  const { matching, i18n } = context.services;
  const locale = await i18n.getLocale(request);
  const query = matchQueryFrom(request);
  const approved = user.cooperative?.status === "approved";
  const [matches, offers] = approved
    ? await Promise.all([
        orRespond(matching.listCooperativeMatches(user, { locale, query })),
        orRespond(matching.listOwnOffers(user, { locale })),
      ])
    : [[], []];
  return json({
    matches,
    offers: offers.map((o) => ({ id: o.id, title: o.title })),
    approved,
    query,
    locale,
    title: i18n.t(locale)("matches:cooperative.title"),
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
  { name: "robots", content: "noindex" },
];

export default function CooperativeMatches() {
  const { matches, offers, approved, query, locale, title } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="container section">
      <h1>{title}</h1>
      {approved ? (
        <>
          <p className="muted">{t("matches:cooperative.intro", { max: MATCH_REQUESTS_PER_DAY })}</p>
          <MatchFilters query={query} offers={offers} count={matches.length} />
          <MatchList
            matches={matches}
            side="cooperative"
            locale={locale}
            empty={t("matches:cooperative.empty")}
          />
        </>
      ) : (
        <p className="notice notice-pending">{t("errors:cooperative_not_approved")}</p>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
