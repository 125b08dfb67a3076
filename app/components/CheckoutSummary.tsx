import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { CartView } from "../../server/orders";
import { formatNumber, formatVnd } from "../../server/vocabulary/format";
import type { Locale } from "../../server/vocabulary/locale";
import type { ShippingOption } from "../../server/vocabulary/shipping";
import { ShippingFee } from "./Shipping";

/** What the buyer is about to order, cooperative by cooperative: each becomes one order. */
export function CheckoutSummary({
  cart,
  locale,
  shipping,
}: {
  cart: CartView;
  locale: Locale;
  /** The delivery chosen for each cooperative's goods (by cooperative id), priced for the chosen province. */
  shipping: Record<number, ShippingOption | undefined>;
}) {
  const { t } = useTranslation();
  const shippingVnd = cart.groups.reduce((s, g) => s + (shipping[g.cooperative.id]?.feeVnd ?? 0), 0);
  return (
    <aside className="card checkout-summary" aria-labelledby="checkout-summary-title">
      <h2 id="checkout-summary-title">{t("shop:checkout.summary")}</h2>
      <p className="small muted">{t("shop:checkout.splitNote", { count: cart.groups.length })}</p>
      {cart.groups.map((group, i) => (
        <section key={group.cooperative.id} className="checkout-summary-group">
          <h3>
            <span className="muted small">{t("shop:checkout.orderN", { n: i + 1 })}</span>{" "}
            {group.cooperative.name}
          </h3>
          <ul className="checkout-summary-lines">
            {group.lines.map((line) => (
              <li key={line.productId}>
                <span>
                  {line.name}{" "}
                  <span className="muted">
                    × {formatNumber(line.quantity, locale)} {t(`catalogue:unit.${line.unit}`)}
                  </span>
                </span>
                <span className="numeric">{formatVnd(line.lineTotalVnd, locale)}</span>
              </li>
            ))}
          </ul>
          <p className="checkout-summary-subtotal">
            <span>{t("shop:checkout.subtotal")}</span>
            <strong className="numeric">{formatVnd(group.subtotalVnd, locale)}</strong>
          </p>
          {shipping[group.cooperative.id] && (
            <p className="checkout-summary-shipping">
              <span>{t(`shop:shipping.method.${shipping[group.cooperative.id]!.method}`)}</span>
              <span className="numeric">
                <ShippingFee option={shipping[group.cooperative.id]!} locale={locale} />
              </span>
            </p>
          )}
        </section>
      ))}
      <p className="checkout-summary-total">
        <span>{t("shop:checkout.total")}</span>
        <strong className="numeric">{formatVnd(cart.totalVnd + shippingVnd, locale)}</strong>
      </p>
      <p className="small">
        <Link to="/cart">{t("shop:checkout.editCart")}</Link>
      </p>
    </aside>
  );
}
