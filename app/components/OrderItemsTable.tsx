import { useTranslation } from "react-i18next";
import { formatNumber, formatVnd } from "../../server/vocabulary/format";
import type { Locale } from "../../server/vocabulary/locale";
import type { OrderSummary } from "../../server/orders";
import { ShippingFee } from "./Shipping";

export interface OrderItemRow {
  productId: number;
  sku: string;
  name: string;
  unit: string;
  unitPriceVnd: number;
  quantity: number;
  lineTotalVnd: number;
}

/** What an order holds, as bought (names and prices are the order's snapshot); the same for buyer and seller. */
export function OrderItemsTable({
  items,
  order,
  locale,
}: {
  items: OrderItemRow[];
  /** The goods, their delivery and what the buyer pays. */
  order: Pick<OrderSummary, "subtotalVnd" | "shipping" | "totalVnd">;
  locale: Locale;
}) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll">
      <table className="data-table order-items">
        <caption className="visually-hidden">{t("orders:items.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("orders:items.product")}</th>
            <th scope="col" className="numeric">
              {t("orders:items.unitPrice")}
            </th>
            <th scope="col" className="numeric">
              {t("orders:items.quantity")}
            </th>
            <th scope="col" className="numeric">
              {t("orders:items.lineTotal")}
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr key={i.productId}>
              <th scope="row">
                {i.name}
                <br />
                <span className="small muted">{t("orders:items.sku", { sku: i.sku })}</span>
              </th>
              <td className="numeric" data-label={t("orders:items.unitPrice")}>
                {formatVnd(i.unitPriceVnd, locale)}
              </td>
              <td className="numeric" data-label={t("orders:items.quantity")}>
                {formatNumber(i.quantity, locale)} {t(`catalogue:unit.${i.unit}`)}
              </td>
              <td className="numeric" data-label={t("orders:items.lineTotal")}>
                {formatVnd(i.lineTotalVnd, locale)}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          {order.shipping.method && (
            <>
              <tr>
                <th scope="row" colSpan={3}>
                  {t("orders:items.goods")}
                </th>
                <td className="numeric">{formatVnd(order.subtotalVnd, locale)}</td>
              </tr>
              <tr>
                <th scope="row" colSpan={3}>
                  {t(`shop:shipping.method.${order.shipping.method}`)}
                </th>
                <td className="numeric">
                  <ShippingFee option={order.shipping} locale={locale} />
                </td>
              </tr>
            </>
          )}
          <tr>
            <th scope="row" colSpan={3}>
              {t("orders:items.total")}
            </th>
            <td className="numeric">
              <strong>{formatVnd(order.totalVnd, locale)}</strong>
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
