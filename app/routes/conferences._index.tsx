import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ConferencePhaseBadge, conferenceDays } from "../components/Conferences";
import { ErrorPage } from "../root";

/** Matchmaking conferences, upcoming and past: where buyers and cooperatives meet by appointment. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { matching, i18n } = context.services;
  const locale = await i18n.getLocale(request);
  const conferences = await matching.listConferences({ locale });
  return json({ conferences, locale, title: i18n.t(locale)("conferences:list.title") });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
];

export default function Conferences() {
  const { conferences, locale, title } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="container section">
      <h1>{title}</h1>
      <p className="lead">{t("conferences:list.lead")}</p>
      {conferences.length === 0 ? (
        <p className="muted">{t("conferences:list.empty")}</p>
      ) : (
        <ul className="card-grid plain">
          {conferences.map((c) => (
            <li key={c.slug} className="card">
              <ConferencePhaseBadge phase={c.phase} />
              <h2>
                <Link to={`/conferences/${c.slug}`}>{c.name}</Link>
              </h2>
              <p>
                {conferenceDays(c, locale)} · {c.venue}, {c.province}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
