import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ResponsivePicture } from "../components/ResponsivePicture";
import { orRespond } from "../lib/forms.server";
import { formatDate, formatNumber } from "../../server/vocabulary/format";
import { AddressText, originText } from "../components/AddressText";
import { ErrorPage } from "../root";

/** The public page behind a batch's QR code: what, who, where, when. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { catalogue, i18n } = context.services;
  const locale = await i18n.getLocale(request);
  const trace = await orRespond(catalogue.getTracePage({ publicCode: params.code ?? "", locale }));
  return json({
    ...trace,
    locale,
    title: i18n.t(locale)("catalogue:trace.title", { lot: trace.batch.lotCode }),
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
  { name: "robots", content: "noindex" },
];

export default function Trace() {
  const { batch, product: p, cooperative: c, productPublic, locale, title } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="container narrow section trace">
      <h1>{title}</h1>
      <p className="lead">{t("catalogue:trace.lead")}</p>
      <div className="trace-grid">
        {p.images[0] && (
          <ResponsivePicture
            image={p.images[0]}
            alt={p.name}
            sizes="(min-width: 640px) 240px, 100vw"
            loading="eager"
          />
        )}
        <dl className="facts-list">
          <dt>{t("catalogue:trace.product")}</dt>
          <dd>{productPublic ? <Link to={`/products/${p.slug}`}>{p.name}</Link> : p.name}</dd>
          <dt>{t("catalogue:trace.lotCode")}</dt>
          <dd>
            <code>{batch.lotCode}</code>
          </dd>
          <dt>{t("catalogue:trace.producedOn")}</dt>
          <dd>{formatDate(batch.producedOn, locale)}</dd>
          <dt>{t("catalogue:trace.quantity")}</dt>
          <dd>
            {formatNumber(batch.quantity, locale)} {t(`catalogue:unit.${p.unit}`)}
          </dd>
          {batch.expiresOn && (
            <>
              <dt>{t("catalogue:trace.expiresOn")}</dt>
              <dd>{formatDate(batch.expiresOn, locale)}</dd>
            </>
          )}
          <dt>{t("catalogue:trace.origin")}</dt>
          <dd>{originText(t, p)}</dd>
          <dt>{t("catalogue:trace.certifications")}</dt>
          <dd>
            {[
              ...p.certifications.map((x) => t(`catalogue:certification.${x}`)),
              ...(p.ocop?.valid ? [t("catalogue:card.ocop", { stars: p.ocop.stars })] : []),
            ].join(", ") || t("catalogue:trace.none")}
          </dd>
          {batch.notes && (
            <>
              <dt>{t("catalogue:trace.notes")}</dt>
              <dd lang="vi">{batch.notes}</dd>
            </>
          )}
        </dl>
      </div>
      <section className="card" aria-labelledby="trace-coop">
        <h2 id="trace-coop">{t("catalogue:trace.cooperative")}</h2>
        <p>
          <Link to={`/cooperatives/${c.slug}`}>{c.name}</Link>
          <br />
          <AddressText address={c.location} />
          <br />
          <a href={`tel:${c.phone}`}>{c.phone}</a>
        </p>
        <p className="small muted">✓ {t("catalogue:trace.verified")}</p>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
