import { Link, useFetcher } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { FieldMessage, type Errors } from "./Fields";

interface AddResult {
  ok: boolean;
  errors?: Errors;
  values?: Record<string, string | string[]>;
}

/**
 * "Add to cart" on a product page. A plain POST to /cart without JavaScript (the cart page follows); with it, a
 * fetcher keeps the buyer on the page, confirms in place, and the root loader's revalidation updates the
 * header's count. On a phone it is a bar fixed to the bottom of the screen, with the price: what the buyer came
 * to do is on screen from arrival and stays there while they read on (shop.css).
 */
export function CartAddForm({
  productId,
  slug,
  name,
  unitLabel,
  minOrderQty,
  stock,
  price,
}: {
  productId: number;
  slug: string;
  name: string;
  unitLabel: string;
  minOrderQty: number;
  stock: number;
  /** The price as the page shows it, repeated in the phone's bar (wider screens show it above the form). */
  price: React.ReactNode;
}) {
  const { t } = useTranslation();
  const fetcher = useFetcher<AddResult>({ key: `cart-add-${productId}` });
  // Only a hydrated form asks the action to answer in place; without JavaScript the action redirects to /cart.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const busy = fetcher.state !== "idle";
  const result = fetcher.state === "idle" ? fetcher.data : undefined;
  const error = result && !result.ok ? (result.errors?.quantity ?? result.errors?._form) : undefined;
  const added = result?.ok === true;
  const soldOut = stock <= 0 || stock < minOrderQty;
  const inputId = `quantity-${productId}`;

  if (soldOut) {
    return (
      <div className="card cart-add cart-add-soldout">
        <p className="field-hint" id={`${inputId}-soldout`}>
          {t("shop:add.soldOut")}
        </p>
        <button type="button" className="button" disabled aria-describedby={`${inputId}-soldout`}>
          {t("shop:add.submit")}
        </button>
      </div>
    );
  }

  return (
    <fetcher.Form method="post" action="/cart" className="card cart-add" noValidate>
      <input type="hidden" name="intent" value="add" />
      <input type="hidden" name="productId" value={productId} />
      <input type="hidden" name="slug" value={slug} />
      {hydrated && <input type="hidden" name="stay" value="1" />}
      <p className="cart-add-price" aria-hidden="true">
        {price}
      </p>
      <div className={`field${error ? " field-invalid" : ""}`}>
        <label htmlFor={inputId}>{t("shop:add.quantity", { unit: unitLabel })}</label>
        <div className="cart-add-row">
          <input
            id={inputId}
            name="quantity"
            type="number"
            inputMode="numeric"
            min={minOrderQty}
            max={stock}
            step={1}
            defaultValue={minOrderQty}
            required
            aria-invalid={error ? true : undefined}
            aria-describedby={`${inputId}-hint${error ? ` ${inputId}-error` : ""}`}
          />
          <button type="submit" className="button" disabled={busy}>
            {busy ? t("common:working") : t("shop:add.submit")}
          </button>
        </div>
        <p className="field-hint" id={`${inputId}-hint`}>
          {t("shop:add.hint", { min: minOrderQty, max: stock, unit: unitLabel })}
        </p>
        <FieldMessage id={`${inputId}-error`} error={error} />
      </div>
      <p role="status" className={added ? "notice notice-approved cart-add-status" : "cart-add-status"}>
        {added && (
          <>
            {t("shop:add.added", { name })} <Link to="/cart">{t("shop:add.viewCart")}</Link>
          </>
        )}
      </p>
    </fetcher.Form>
  );
}
