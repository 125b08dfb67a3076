import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "../lib/auth.server";
import { orRespond, pathId } from "../lib/forms.server";
import { traceQrSvg } from "../lib/trace-qr.server";
import { ErrorPage } from "../root";
import traceStyles from "../styles/trace.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: traceStyles }];

/** 3 columns × 8 rows of 70 × 37 mm: the common A4 sheet of sticky labels (trace.css lays it out). */
const LABELS_PER_SHEET = 24;

/**
 * A sheet of labels for a batch's packs, printed from the browser on A4: each label holds the batch's QR code,
 * the product's name, the lot code and the cooperative. Print CSS only: the same page on screen is its preview.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireRole(context, request, "cooperative");
  const productId = pathId(params.id, "product_not_found");
  const batchId = pathId(params.batchId, "batch_not_found");
  const { catalogue, i18n } = context.services;
  const locale = await i18n.getLocale(request);
  const page = await orRespond(catalogue.getBatchForEdit(user, { productId, batchId, locale }));
  return json({
    product: page.product,
    cooperative: page.cooperative,
    batch: { id: page.batch.id, lotCode: page.batch.lotCode },
    qrSvg: await traceQrSvg(context.origin, page.batch.publicCode),
    title: i18n.t(locale)("trace:labels.title", { lot: page.batch.lotCode }),
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
  { name: "robots", content: "noindex" },
];

export default function LabelSheet() {
  const { product: p, cooperative, batch, qrSvg, title } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="label-page">
      <div className="no-print">
        <h1>{title}</h1>
        <p className="muted">{t("trace:labels.lead", { count: LABELS_PER_SHEET })}</p>
        <p className="actions">
          {/* Printing is the browser's own command (Ctrl+P works without scripts too). */}
          <button type="button" className="button" onClick={() => window.print()}>
            {t("trace:labels.print")}
          </button>
          <Link to={`/cooperative/products/${p.id}/batches/${batch.id}`} className="button button-secondary">
            {t("trace:labels.back")}
          </Link>
        </p>
      </div>
      <ul className="label-sheet" aria-label={t("trace:labels.sheet")}>
        {Array.from({ length: LABELS_PER_SHEET }, (_, i) => (
          <li key={i} className="label">
            {/* The SVG comes from the qrcode library on the server (lib/trace-qr.server.ts), not from user input. */}
            <div className="label__qr" aria-hidden="true" dangerouslySetInnerHTML={{ __html: qrSvg }} />
            <div className="label__text">
              <p className="label__name" lang={p.nameLang}>
                {p.name}
              </p>
              <p className="label__lot">{t("trace:labels.lot", { lot: batch.lotCode })}</p>
              <p className="label__coop">{cooperative.name}</p>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
