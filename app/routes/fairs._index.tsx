import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FairCard } from "../components/FairCard";
import { useRootData } from "../lib/root-data";
import { ErrorPage } from "../root";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { fairs, i18n } = context.services;
  const locale = await i18n.getLocale(request);
  const { upcoming, past } = await fairs.listFairsPage({ locale, pastLimit: 12 });
  const t = i18n.t(locale);
  return json({ upcoming, past, locale, title: t("fairs:list.title"), description: t("fairs:list.lead") });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
  { name: "description", content: data?.description ?? "" },
];

export default function FairsPage() {
  const { upcoming, past, locale, title } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const user = useRootData()?.user;
  return (
    <div className="container section fairs-page">
      <h1>{title}</h1>
      <p className="lead">{t("fairs:list.lead")}</p>
      {user?.cooperative && (
        <p className="notice">
          {t("fairs:list.memberHint")} <Link to="/cooperative/fairs">{t("fairs:list.memberLink")}</Link>
        </p>
      )}
      <section className="section" aria-labelledby="upcoming-title">
        <h2 id="upcoming-title">{t("fairs:list.upcoming")}</h2>
        {upcoming.length === 0 ? (
          <p className="empty">{t("fairs:list.noUpcoming")}</p>
        ) : (
          <div className="card-grid fair-grid">
            {upcoming.map((f, i) => (
              <FairCard key={f.id} fair={f} locale={locale} eager={i < 3} />
            ))}
          </div>
        )}
      </section>
      {past.length > 0 && (
        <section className="section" aria-labelledby="past-title">
          <h2 id="past-title">{t("fairs:list.past")}</h2>
          <div className="card-grid fair-grid fair-grid-past">
            {past.map((f) => (
              <FairCard key={f.id} fair={f} locale={locale} />
            ))}
          </div>
        </section>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
