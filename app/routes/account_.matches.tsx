import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { MatchFilters, MatchList } from "../components/Matches";
import { requireRole } from "../lib/auth.server";
import { matchQueryFrom } from "../lib/matches.server";
import { orRespond } from "../lib/forms.server";
import { ErrorPage } from "../root";

/** Every match of the buyer's demands, best first: what waits for an answer, what is under way. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireRole(context, request, "buyer");
  const { matching, i18n } = context.services;
  const locale = await i18n.getLocale(request);
  const query = matchQueryFrom(request);
  const matches = await orRespond(matching.listBuyerMatches(user, { locale, query }));
  return json({ matches, query, locale, title: i18n.t(locale)("matches:buyer.title") });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
  { name: "robots", content: "noindex" },
];

export default function BuyerMatches() {
  const { matches, query, locale, title } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="container section">
      <nav aria-label={t("common:breadcrumb")} className="breadcrumb">
        <Link to="/account/demands">{t("demands:mine.title")}</Link> › {title}
      </nav>
      <h1>{title}</h1>
      <p className="muted">{t("matches:buyer.intro")}</p>
      <MatchFilters query={query} count={matches.length} />
      <MatchList matches={matches} side="buyer" locale={locale} empty={t("matches:buyer.empty")} />
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
