import { useTranslation } from "react-i18next";
import { formatDate, formatDateRange, formatVnd } from "../../server/vocabulary/format";
import type { Locale } from "../../server/vocabulary/locale";
import {
  deliveryWindow,
  shippingChoiceValue,
  type ShippingMethod,
  type ShippingOption,
} from "../../server/vocabulary/shipping";
import type { OrderSummary } from "../../server/orders";
import { FieldMessage, type Errors } from "./Fields";

/** "30.000 ₫", "Miễn phí", "Báo sau": what an option adds to the order. */
export function ShippingFee({
  option,
  locale,
}: {
  option: { method: ShippingMethod | null; feeVnd: number | null };
  locale: Locale;
}) {
  const { t } = useTranslation();
  if (option.feeVnd === null || option.method === "freight_quote") return <>{t("shop:shipping.feeLater")}</>;
  if (option.feeVnd === 0) return <>{t("shop:shipping.free")}</>;
  return <>{formatVnd(option.feeVnd, locale)}</>;
}

/**
 * An option's name and what to expect, in one or two short lines: "Giao tận nơi (trong miền) · 2–4 ngày, dự kiến
 * 06–08/12/2026", "Nhận tại hợp tác xã: Xóm Hồng Thái 2, từ 05/12/2026", "Liên hệ báo giá vận chuyển".
 */
export function ShippingOptionText({
  option,
  locale,
  from,
}: {
  /** An option being chosen, or an order's delivery (which keeps neither the pick-up address nor a waived fee). */
  option: Pick<ShippingOption, "method" | "zone" | "daysMin" | "daysMax"> &
    Partial<Pick<ShippingOption, "pickupAddress" | "waivedVnd">>;
  locale: Locale;
  /** When the days are counted from: now on the checkout, the order's date on an order. */
  from?: string | Date;
}) {
  const { t } = useTranslation();
  const window = deliveryWindow(option, from);
  return (
    <>
      <strong>
        {t(`shop:shipping.method.${option.method}`)}
        {option.zone && <> ({t(`shop:shipping.zone.${option.zone}`)})</>}
      </strong>
      {option.method === "pickup" && option.pickupAddress && (
        <span className="field-hint">{t("shop:shipping.pickupAt", { address: option.pickupAddress })}</span>
      )}
      {window && (
        <span className="field-hint">
          {option.method === "pickup"
            ? t("shop:shipping.readyFrom", { date: formatDate(window.first, locale) })
            : t("shop:shipping.expected", {
                range: formatDateRange(window.first, window.last, locale),
              })}
        </span>
      )}
      {option.method === "freight_quote" && (
        <span className="field-hint">{t("shop:shipping.freightHint")}</span>
      )}
      {!!option.waivedVnd && (
        <span className="field-hint">
          {t("shop:shipping.waived", { fee: formatVnd(option.waivedVnd, locale) })}
        </span>
      )}
    </>
  );
}

/**
 * One cooperative's options as radios (`shipping-<id>`), each carrying the fee it shows so the server can tell
 * when the price moved under the buyer. The first option is chosen unless the buyer picked another.
 */
export function ShippingChoices({
  cooperative,
  options,
  picked,
  onPick,
  errors,
  locale,
}: {
  cooperative: { id: number; name: string };
  options: ShippingOption[];
  picked: ShippingMethod | undefined;
  onPick: (method: ShippingMethod) => void;
  errors: Errors;
  locale: Locale;
}) {
  const { t } = useTranslation();
  const name = `shipping-${cooperative.id}`;
  const error = errors?.[name];
  const current = options.find((o) => o.method === picked) ?? options[0];
  return (
    <fieldset
      className={`shipping-choices${error ? " field-invalid" : ""}`}
      aria-describedby={error ? `${name}-error` : undefined}
    >
      <legend>{t("shop:shipping.for", { cooperative: cooperative.name })}</legend>
      {options.map((option) => (
        <label key={option.method} className="payment-option shipping-option">
          <input
            type="radio"
            name={name}
            value={shippingChoiceValue(option)}
            checked={current?.method === option.method}
            onChange={() => onPick(option.method)}
          />
          <span className="shipping-option-text">
            <ShippingOptionText option={option} locale={locale} />
          </span>
          <span className="numeric shipping-option-fee">
            <ShippingFee option={option} locale={locale} />
          </span>
        </label>
      ))}
      <FreeShortfall options={options} locale={locale} />
      <FieldMessage id={`${name}-error`} error={error} />
    </fieldset>
  );
}

/** "Add 120.000 ₫ more for free delivery", when the cooperative delivers free above an amount not yet reached. */
export function FreeShortfall({ options, locale }: { options: ShippingOption[]; locale: Locale }) {
  const { t } = useTranslation();
  const shortfall = options.find((o) => o.freeShortfallVnd !== null)?.freeShortfallVnd ?? null;
  if (shortfall === null || shortfall <= 0) return null;
  return (
    <p className="small muted">
      {t("shop:shipping.freeShortfall", { amount: formatVnd(shortfall, locale) })}
    </p>
  );
}

/** How an order's goods travel and when they are expected, counted from when it was placed. */
export function OrderShipping({
  order,
  locale,
}: {
  order: Pick<OrderSummary, "shipping" | "createdAt">;
  locale: Locale;
}) {
  const { t } = useTranslation();
  const { shipping } = order;
  return (
    <section className="order-shipping" aria-labelledby="order-shipping-title">
      <h2 id="order-shipping-title">{t("shop:shipping.orderTitle")}</h2>
      {shipping.method ? (
        <p className="stack-tight">
          <ShippingOptionText
            option={{ ...shipping, method: shipping.method }}
            locale={locale}
            from={order.createdAt}
          />
        </p>
      ) : (
        <p className="muted">{t("shop:shipping.orderNone")}</p>
      )}
    </section>
  );
}
