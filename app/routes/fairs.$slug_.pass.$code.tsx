import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useEffect, useState } from "react";
import QRCode from "qrcode";
import { useTranslation } from "react-i18next";
import { FairDates } from "../components/FairCard";
import { IntentForm, useSubmitting } from "../components/IntentForm";
import { orRespond, readForm, runIntent } from "../lib/forms.server";
import { formatDateTime } from "../../server/vocabulary/format";
import { ErrorPage } from "../root";

/**
 * A visitor's pass: the fair, the visitor's name, and a QR code of this page's address for the gate to scan.
 * Whoever holds the code holds the pass (as with a printed ticket): it is not listed anywhere, nor indexed.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { fairs, i18n } = context.services;
  const locale = await i18n.getLocale(request);
  const slug = params.slug ?? "";
  const code = params.code ?? "";
  const { fair, pass } = await orRespond(fairs.getVisitorPass({ slug, code, locale }));
  const url = `${context.origin}/fairs/${fair.slug}/pass/${pass.code}`;
  const qr =
    pass.status === "registered"
      ? await QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 2 })
      : null;
  return json(
    { fair, pass, qr, url, locale },
    { headers: { "Cache-Control": "private, no-store", "X-Robots-Tag": "noindex" } },
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const values = await readForm(request);
  const slug = params.slug ?? "";
  const outcome = await runIntent(
    values,
    values.intent === "cancelVisit"
      ? () => context.services.fairs.cancelVisit({ slug, code: params.code ?? "" })
      : null,
  );
  if (!outcome.ok) return outcome.response;
  return redirect(`/fairs/${slug}/pass/${params.code ?? ""}`);
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.fair.name} · HTX Connect` : "HTX Connect" },
  { name: "robots", content: "noindex, nofollow" },
];

export default function VisitorPassPage() {
  const { fair, pass, qr, url, locale } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const busy = useSubmitting();
  const [params] = useSearchParams();
  const justRegistered = params.has("registered") && pass.status === "registered";
  return (
    <div className="container section visitor-pass-page">
      <nav aria-label={t("common:breadcrumb")} className="breadcrumb">
        <Link to="/fairs">{t("fairs:list.title")}</Link> › <Link to={`/fairs/${fair.slug}`}>{fair.name}</Link>
      </nav>
      <article className="card visitor-pass" aria-labelledby="pass-title">
        <h1 id="pass-title">{t("fairs:pass.title")}</h1>
        {justRegistered && (
          <p className="notice notice-approved" role="status">
            {t("fairs:pass.registered")}
          </p>
        )}
        <p className="visitor-pass-fair">
          <strong>{fair.name}</strong>
        </p>
        <dl className="fair-facts">
          <dt>{t("fairs:page.when")}</dt>
          <dd>
            <FairDates fair={fair} locale={locale} />
          </dd>
          <dt>{t("fairs:page.where")}</dt>
          <dd>
            {fair.venue}, {fair.province.name}
          </dd>
          <dt>{t("fairs:pass.visitor")}</dt>
          <dd>{pass.name}</dd>
          <dt>{t("fairs:pass.code")}</dt>
          <dd>
            <code>{pass.code}</code>
          </dd>
          <dt>{t("fairs:pass.registeredAt")}</dt>
          <dd>{formatDateTime(pass.registeredAt, locale)}</dd>
        </dl>
        {pass.status === "registered" && qr ? (
          <>
            <figure className="visitor-pass-qr">
              {/* The SVG is made on the server by the qrcode package from this page's own address. */}
              <div role="img" aria-label={t("fairs:pass.qrLabel")} dangerouslySetInnerHTML={{ __html: qr }} />
              <figcaption className="muted small">{t("fairs:pass.qrHint")}</figcaption>
            </figure>
            <PassActions url={url} />
            <IntentForm intent="cancelVisit" confirm={t("fairs:pass.cancelConfirm")} className="stack">
              <p>
                <button type="submit" className="button button-secondary" disabled={busy}>
                  {t("fairs:pass.cancel")}
                </button>
              </p>
            </IntentForm>
          </>
        ) : (
          <p className="notice notice-pending" role="status">
            {t("fairs:pass.cancelled")} <Link to={`/fairs/${fair.slug}`}>{t("fairs:pass.again")}</Link>
          </p>
        )}
      </article>
    </div>
  );
}

/** Print the pass, or copy its address to send it on: buttons that need JavaScript, so shown only with it. */
function PassActions({ url }: { url: string }) {
  const { t } = useTranslation();
  const [hydrated, setHydrated] = useState(false);
  const [copied, setCopied] = useState(false);
  useEffect(() => setHydrated(true), []);
  if (!hydrated) return null;
  const canCopy = typeof navigator !== "undefined" && !!navigator.clipboard;
  return (
    <p className="visitor-pass-actions">
      <button type="button" className="button" onClick={() => window.print()}>
        {t("fairs:pass.print")}
      </button>
      {canCopy && (
        <button
          type="button"
          className="button button-secondary"
          onClick={() => {
            navigator.clipboard.writeText(url).then(
              () => setCopied(true),
              () => setCopied(false),
            );
          }}
        >
          {t("fairs:pass.copyLink")}
        </button>
      )}
      <span role="status" className="small">
        {copied ? t("fairs:pass.copied") : ""}
      </span>
    </p>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
