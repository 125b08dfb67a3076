import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** An empty cart (on the cart page, or at checkout once the cart has gone): the way back to the products. */
export function CartEmpty() {
  const { t } = useTranslation();
  return (
    <div className="empty">
      <p>{t("shop:cart.empty")}</p>
      <p>
        <Link to="/products" className="button">
          {t("shop:cart.browse")}
        </Link>
      </p>
    </div>
  );
}
