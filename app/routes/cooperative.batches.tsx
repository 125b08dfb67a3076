import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "../lib/auth.server";
import { orRespond } from "../lib/forms.server";
import { formatDate, formatNumber } from "../../server/vocabulary/format";
import { ErrorPage } from "../root";
import { BatchLinks } from "../components/BatchLinks";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireRole(context, request, "cooperative");
  const { catalogue, i18n } = context.services;
  const locale = await i18n.getLocale(request);
  const batches = await orRespond(catalogue.listOwnBatches(user, { locale }));
  return json({ batches, locale, title: i18n.t(locale)("workspace:batches.title") });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
];

/** Every batch of the cooperative's products in one register; each is recorded on its product's page. */
export default function CooperativeBatches() {
  const { batches, locale } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="container section">
      <h1>{t("workspace:batches.title")}</h1>
      <p className="lead">{t("workspace:batches.lead")}</p>
      {batches.length === 0 ? (
        <p className="empty">
          {t("workspace:batches.empty")}{" "}
          <Link to="/cooperative/products">{t("workspace:batches.toProducts")}</Link>
        </p>
      ) : (
        <div className="table-scroll">
          <table className="data-table sales-table">
            <caption className="visually-hidden">{t("workspace:batches.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("dashboard:edit.batches.lotCode")}</th>
                <th scope="col">{t("workspace:batches.product")}</th>
                <th scope="col">{t("dashboard:edit.batches.producedOn")}</th>
                <th scope="col" className="numeric">
                  {t("dashboard:edit.batches.quantity")}
                </th>
                <th scope="col">{t("dashboard:edit.batches.expiresOn")}</th>
                <th scope="col">{t("dashboard:edit.batches.links")}</th>
              </tr>
            </thead>
            <tbody>
              {batches.map((b) => (
                <tr key={b.id}>
                  <th scope="row">
                    <code>{b.lotCode}</code>
                  </th>
                  <td data-label={t("workspace:batches.product")}>
                    <Link
                      to={`/cooperative/products/${b.product.id}#batches-title`}
                      lang={b.product.nameLang}
                    >
                      {b.product.name}
                    </Link>
                  </td>
                  <td data-label={t("dashboard:edit.batches.producedOn")}>
                    {formatDate(b.producedOn, locale)}
                  </td>
                  <td className="numeric" data-label={t("dashboard:edit.batches.quantity")}>
                    {t(`catalogue:unitCount.${b.product.unit}`, {
                      count: b.quantity,
                      n: formatNumber(b.quantity, locale),
                    })}
                  </td>
                  <td data-label={t("dashboard:edit.batches.expiresOn")}>
                    {b.expiresOn ? formatDate(b.expiresOn, locale) : "—"}
                  </td>
                  <td data-label={t("dashboard:edit.batches.links")}>
                    <BatchLinks productId={b.product.id} batch={b} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
