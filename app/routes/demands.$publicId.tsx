import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { buyerKindLabel, demandPrice, demandQuantity, demandWindow } from "../components/DemandCard";
import { orRespond } from "../lib/forms.server";
import { formatDate } from "../../server/vocabulary/format";
import { ErrorPage } from "../root";

/** A demand id is short base64url; anything else cannot name one, so it is not looked up. */
const PUBLIC_ID = /^[A-Za-z0-9_-]{1,32}$/;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { matching, i18n } = context.services;
  const locale = await i18n.getLocale(request);
  const publicId = params.publicId ?? "";
  if (!PUBLIC_ID.test(publicId)) throw json({ error: { code: "demand_not_found" } }, { status: 404 });
  const demand = await orRespond(matching.getPublicDemand({ publicId, locale }));
  return json({
    demand,
    locale,
    postLink: context.user?.role === "buyer" ? "/account/demands/new" : null,
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.demand.title ?? ""} · HTX Connect` },
];

export default function PublicDemandPage() {
  const { demand: d, locale, postLink } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const window = demandWindow(d, t, locale);
  return (
    <div className="container narrow section">
      <nav aria-label={t("common:breadcrumb")} className="breadcrumb">
        <Link to="/demands">{t("demands:detail.back")}</Link> › {d.title}
      </nav>
      <p className="muted">{t(`cooperatives:sector.${d.category}`)}</p>
      <h1>{d.title}</h1>
      <p className="lead">{demandQuantity(d, t, locale)}</p>
      <dl className="summary">
        <dt>{t("demands:detail.category")}</dt>
        <dd>{t(`cooperatives:sector.${d.category}`)}</dd>
        <dt>{t("demands:detail.quantity")}</dt>
        <dd>{demandQuantity(d, t, locale)}</dd>
        <dt>{t("demands:detail.price")}</dt>
        <dd>{demandPrice(d, t, locale)}</dd>
        <dt>{t("demands:detail.delivery")}</dt>
        <dd>{d.deliveryProvince.name}</dd>
        <dt>{t("demands:detail.window")}</dt>
        <dd>{window ?? t("demands:detail.windowAny")}</dd>
        <dt>{t("demands:detail.certifications")}</dt>
        <dd>
          {d.certifications.length
            ? d.certifications.map((c) => t(`catalogue:certification.${c}`)).join(", ")
            : t("demands:detail.none")}
        </dd>
        <dt>{t("demands:detail.ocop")}</dt>
        <dd>
          {d.minOcopStars ? t("demands:card.ocop", { stars: d.minOcopStars }) : t("demands:detail.none")}
        </dd>
        <dt>{t("demands:detail.buyer")}</dt>
        <dd>{buyerKindLabel(d.buyerKind, t)}</dd>
        <dt>{t("demands:detail.posted")}</dt>
        <dd>{formatDate(d.createdAt, locale)}</dd>
        <dt>{t("demands:detail.expires")}</dt>
        <dd>{formatDate(d.expiresAt, locale)}</dd>
      </dl>
      <section aria-labelledby="demand-description">
        <h2 id="demand-description">{t("demands:detail.description")}</h2>
        <p className="prose">{d.description}</p>
        {d.notes && (
          <>
            <h2>{t("demands:detail.notes")}</h2>
            <p className="prose">{d.notes}</p>
          </>
        )}
      </section>
      <p className="muted small">{t("demands:detail.private")}</p>
      {postLink && (
        <p>
          <Link to={postLink} className="button button-secondary">
            {t("demands:post")}
          </Link>
        </p>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
