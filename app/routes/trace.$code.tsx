import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ProvinceMap } from "../components/ProvinceMap";
import { BatchFacts } from "../components/BatchFacts";
import { ResponsivePicture } from "../components/ResponsivePicture";
import { AddressText, originText } from "../components/AddressText";
import { orRespond } from "../lib/forms.server";
import type { PageHandle } from "../lib/page-handle";
import { traceQrSvg } from "../lib/trace-qr.server";
import { formatDate } from "../../server/vocabulary/format";
import { provinceByCode } from "../../server/vocabulary/geo";
import { ErrorPage } from "../root";
import traceStyles from "../styles/trace.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: traceStyles }];

/**
 * Read on a phone in a shop, often on a weak connection, and nothing on it reacts to a click: the page is sent
 * without the app's scripts (root.tsx reads this), and its links and the language switch work as plain HTML.
 */
export const handle: PageHandle = { scripts: false };

/** The public page behind a batch's QR code: what, who, where, when. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { catalogue, i18n } = context.services;
  const locale = await i18n.getLocale(request);
  const trace = await orRespond(catalogue.getTracePage({ publicCode: params.code ?? "", locale }));
  return json({
    ...trace,
    qrSvg: await traceQrSvg(context.origin, trace.batch.publicCode),
    locale,
    title: i18n.t(locale)("trace:page.title", { lot: trace.batch.lotCode }),
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
  { name: "robots", content: "noindex" },
];

export default function Trace() {
  const {
    batch,
    product: p,
    cooperative: c,
    events,
    productPublic,
    qrSvg,
    locale,
  } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const date = (d: string) => formatDate(d, locale);
  const photos = events.filter((e) => e.photo && e.kind !== "inspection");
  const inspections = events.filter((e) => e.photo && e.kind === "inspection");
  const originName = provinceByCode(p.province.code)?.name ?? p.province.code;
  const seatCode = c.location.province?.code ?? null;
  const hasCertificates = p.certifications.length > 0 || !!p.ocop || inspections.length > 0;
  const photoAlt = (e: (typeof events)[number]) =>
    t("trace:page.photoAlt", { kind: t(`trace:kind.${e.kind}`), date: date(e.happenedOn) });
  return (
    <div className="container section trace-page">
      <header className={`trace-hero${p.images[0] ? " trace-hero--photo" : ""}`}>
        {p.images[0] && (
          <ResponsivePicture
            image={p.images[0]}
            alt={p.name}
            sizes="(min-width: 60rem) 360px, 100vw"
            loading="eager"
            className="trace-hero__photo"
          />
        )}
        <div className="trace-hero__text">
          <p className="trace-hero__lot">
            {t("trace:page.lotCode")} <code>{batch.lotCode}</code>
          </p>
          <h1 lang={p.nameLang}>{p.name}</h1>
          <p className="trace-hero__by">
            <Link to={`/cooperatives/${c.slug}`}>{c.name}</Link> · {originText(t, p)}
          </p>
          <p className="trace-badges">
            {p.ocop?.valid && (
              <span className="trace-badge trace-badge--ocop">
                {"★".repeat(p.ocop.stars)} {t("trace:page.ocopTitle", { stars: p.ocop.stars })}
              </span>
            )}
            {p.certifications.map((x) => (
              <span key={x} className="trace-badge">
                {t(`catalogue:certification.${x}`)}
              </span>
            ))}
          </p>
          <p className="muted">{t("trace:page.lead")}</p>
        </div>
        <figure className="trace-qr" aria-labelledby="trace-qr-caption">
          {/* The SVG comes from the qrcode library on the server (lib/trace-qr.server.ts), not from user input. */}
          <div
            className="trace-qr__code"
            role="img"
            aria-label={t("trace:page.qr")}
            dangerouslySetInnerHTML={{ __html: qrSvg }}
          />
          <figcaption id="trace-qr-caption" className="small muted">
            {t("trace:page.qrHint")}
          </figcaption>
        </figure>
      </header>

      <div className="trace-columns">
        <section className="card trace-timeline" aria-labelledby="trace-timeline">
          <h2 id="trace-timeline">{t("trace:page.timeline")}</h2>
          {events.length === 0 ? (
            <p className="empty">{t("trace:page.noEvents")}</p>
          ) : (
            <ol className="trace-steps">
              {events.map((e) => (
                <li key={e.id} className={`trace-step trace-step--${e.kind}`}>
                  <p className="trace-step__head">
                    <time dateTime={e.happenedOn}>{date(e.happenedOn)}</time>
                    <strong>{t(`trace:kind.${e.kind}`)}</strong>
                  </p>
                  {e.note && (
                    <p className="trace-step__note" lang="vi">
                      {e.note}
                    </p>
                  )}
                </li>
              ))}
            </ol>
          )}
        </section>

        <aside className="trace-side">
          <section className="card" aria-labelledby="trace-facts">
            <h2 id="trace-facts">{t("trace:page.facts")}</h2>
            <dl className="facts-list">
              <dt>{t("trace:page.product")}</dt>
              <dd>
                {productPublic ? (
                  <Link to={`/products/${p.slug}`} lang={p.nameLang}>
                    {p.name}
                  </Link>
                ) : (
                  <span lang={p.nameLang}>{p.name}</span>
                )}
              </dd>
              <BatchFacts batch={batch} unit={p.unit} locale={locale} />
              <dt>{t("trace:page.origin")}</dt>
              <dd>{originText(t, p)}</dd>
              {batch.notes && (
                <>
                  <dt>{t("trace:page.notes")}</dt>
                  <dd lang="vi">{batch.notes}</dd>
                </>
              )}
            </dl>
          </section>

          <section className="card trace-map" aria-labelledby="trace-map">
            <h2 id="trace-map">{t("trace:page.map")}</h2>
            <ProvinceMap
              originCode={p.province.code}
              cooperativeCode={seatCode}
              label={t("trace:page.mapLabel", { province: originName })}
              countryName={t("trace:page.mapCountry")}
              nameOf={(code) => provinceByCode(code)?.name ?? code}
            />
            <div className="trace-map__text">
              <ul className="trace-map__legend">
                <li className="trace-map__key trace-map__key--origin">
                  {t("trace:page.mapOrigin", { province: originName })}
                </li>
                {seatCode && seatCode !== p.province.code && (
                  <li className="trace-map__key trace-map__key--coop">
                    {t("trace:page.mapCooperative", { province: provinceByCode(seatCode)?.name ?? seatCode })}
                  </li>
                )}
              </ul>
              <p className="small muted">{t("trace:page.mapNote")}</p>
            </div>
          </section>
        </aside>
      </div>

      {photos.length > 0 && (
        <section className="trace-photos" aria-labelledby="trace-photos">
          <h2 id="trace-photos">{t("trace:page.photos")}</h2>
          <ul className="trace-gallery">
            {photos.map((e) => (
              <li key={e.id}>
                <figure>
                  <ResponsivePicture
                    image={e.photo!}
                    alt={photoAlt(e)}
                    sizes="(min-width: 60rem) 320px, (min-width: 40rem) 50vw, 100vw"
                  />
                  <figcaption className="small">
                    {t(`trace:kind.${e.kind}`)} · {date(e.happenedOn)}
                  </figcaption>
                </figure>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section className="card" aria-labelledby="trace-certificates">
        <h2 id="trace-certificates">{t("trace:page.certificates")}</h2>
        {!hasCertificates && <p className="empty">{t("trace:page.noCertificates")}</p>}
        {p.ocop && (
          <div className={`trace-ocop${p.ocop.valid ? "" : " trace-ocop--expired"}`}>
            <p className="trace-ocop__stars" aria-hidden="true">
              {"★".repeat(p.ocop.stars)}
            </p>
            <div>
              <p className="trace-ocop__title">
                {t("trace:page.ocopTitle", { stars: p.ocop.stars })}
                {!p.ocop.valid && <span className="badge badge-rejected">{t("trace:page.ocopExpired")}</span>}
              </p>
              <p className="small">{t("trace:page.ocopNo", { no: p.ocop.certificateNo })}</p>
              <p className="small muted">
                {t("trace:page.ocopDates", {
                  issued: date(p.ocop.issuedOn),
                  expires: date(p.ocop.expiresOn),
                })}
              </p>
            </div>
          </div>
        )}
        {p.certifications.length > 0 && (
          <ul className="trace-certifications">
            {p.certifications.map((x) => (
              <li key={x}>✓ {t(`catalogue:certification.${x}`)}</li>
            ))}
          </ul>
        )}
        {inspections.length > 0 && (
          <>
            <h3>{t("trace:page.inspectionPhotos")}</h3>
            <ul className="trace-gallery">
              {inspections.map((e) => (
                <li key={e.id}>
                  <ResponsivePicture
                    image={e.photo!}
                    alt={photoAlt(e)}
                    sizes="(min-width: 40rem) 320px, 100vw"
                  />
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section
        className={`card trace-coop${c.logoUrl ? " trace-coop--logo" : ""}`}
        aria-labelledby="trace-coop"
      >
        {c.logoUrl && (
          <img
            className="trace-coop__logo"
            src={c.logoUrl}
            alt={t("trace:page.logo", { name: c.name })}
            width={96}
            height={96}
            loading="lazy"
          />
        )}
        <div>
          <h2 id="trace-coop">{t("trace:page.story")}</h2>
          <p className="trace-coop__name">
            <Link to={`/cooperatives/${c.slug}`}>{c.name}</Link>
          </p>
          <p className="small muted">
            {[
              c.foundedYear ? t("trace:page.founded", { year: c.foundedYear }) : null,
              c.memberCount ? t("trace:page.members", { count: c.memberCount }) : null,
            ]
              .filter(Boolean)
              .join(" · ")}
          </p>
          <p className="trace-coop__story" lang={c.storyLang}>
            {c.story}
          </p>
          <p>
            <AddressText address={c.location} />
            <br />
            <a href={`tel:${c.phone}`}>{c.phone}</a>
          </p>
          <p className="small muted">✓ {t("trace:page.verified")}</p>
        </div>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
