import { useTranslation } from "react-i18next";
import type { OrderDetail } from "../../server/orders";

/**
 * What a business buyer gave at checkout: the organisation, its tax code and their purchase-order number, and the
 * VAT e-invoice they asked for. The buyer's order page and the cooperative's (and staff's) show the same; nothing
 * is shown for a household order without an invoice.
 */
export function OrderBusinessFacts({
  contact,
}: {
  contact: Pick<OrderDetail["contact"], "business" | "invoice">;
}) {
  const { t } = useTranslation();
  const { business, invoice } = contact;
  if (!business && !invoice) return null;
  return (
    <section className="card" aria-labelledby="business-title">
      <h2 id="business-title">{t("orders:business.title")}</h2>
      <dl className="inline-facts">
        {business && (
          <>
            <dt>{t("orders:business.organisation")}</dt>
            <dd>{business.organisationName}</dd>
            <dt>{t("orders:business.taxCode")}</dt>
            <dd className="numeric">{business.taxCode}</dd>
            <dt>{t("orders:business.purchaseOrderNo")}</dt>
            <dd>{business.purchaseOrderNo ?? t("orders:business.none")}</dd>
          </>
        )}
        <dt>{t("orders:business.invoice")}</dt>
        <dd>
          {invoice ? (
            <>
              {t("orders:business.invoiceRequested")}
              <br />
              {invoice.name}
              <br />
              {invoice.address}
              <br />
              <a href={`mailto:${invoice.email}`}>{invoice.email}</a>
            </>
          ) : (
            t("orders:business.noInvoice")
          )}
        </dd>
      </dl>
    </section>
  );
}
