import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { CartEmpty } from "../components/CartEmpty";
import { CheckoutBusinessFields } from "../components/CheckoutBusinessFields";
import { CheckoutSummary } from "../components/CheckoutSummary";
import { ShippingChoices } from "../components/Shipping";
import {
  FieldMessage,
  FormError,
  TextArea,
  TextField,
  valueOf,
  type Errors,
  FieldRules,
} from "../components/Fields";
import { AddressFields } from "../components/AddressFields";
import { requireUser } from "../lib/auth.server";
import type { PaymentMethod } from "../../server/vocabulary/domain";
import { formatVnd } from "../../server/vocabulary/format";
import { shippingOptions, type ShippingMethod } from "../../server/vocabulary/shipping";
import { runForm, readForm } from "../lib/forms.server";
import { ErrorPage } from "../root";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const { i18n, orders } = context.services;
  const locale = await i18n.getLocale(request);
  const form = await orders.getCheckoutForm(user, { locale });
  return json({
    ...form,
    rules: context.services.forms.rules("checkout").checkout,
    locale,
    title: i18n.t(locale)("shop:checkout.title"),
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
  { name: "robots", content: "noindex" },
];

/** One checkout, one order per cooperative; a card payment continues on Stripe's page. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const { i18n, orders } = context.services;
  const locale = await i18n.getLocale(request);
  const values = await readForm(request);
  const t = i18n.t(locale);
  const outcome = await runForm(values, () =>
    orders.placeOrder(user, {
      form: values,
      locale,
      origin: context.origin,
      shippingLineName: (cooperative) => t("shop:shipping.line", { cooperative }),
    }),
  );
  if (!outcome.ok) return outcome.response;
  const { publicId, payUrl } = outcome.result;
  return redirect(payUrl ?? `/checkout/${publicId}`);
}

/** Errors that mean the cart, not the form, must change. */
const CART_ERRORS = new Set(["insufficient_stock", "cart_changed", "cart_empty"]);

export default function CheckoutPage() {
  const { cart, methods, defaults, wards, locale, submissionKey, rules, shipping } =
    useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  const busy = useNavigation().state !== "idle";
  const errors = data?.errors;
  const values = data?.values;
  const formCode = errors?._form?.code;
  // Delivery is priced for the province being chosen, as it is chosen; the server prices it again on placing.
  const [province, setProvince] = useState(valueOf(values, "provinceCode", defaults.provinceCode) ?? "");
  const [picked, setPicked] = useState<Record<number, ShippingMethod>>(() =>
    Object.fromEntries(
      cart.groups.flatMap((g) => {
        const v = valueOf(values, `shipping-${g.cooperative.id}`);
        return v ? [[g.cooperative.id, v.split(":")[0] as ShippingMethod]] : [];
      }),
    ),
  );
  useEffect(() => {
    if (values?.provinceCode !== undefined) setProvince(valueOf(values, "provinceCode") ?? "");
  }, [values]);
  const choices = cart.groups.map((group) => {
    const policy = shipping[String(group.cooperative.id)];
    const options = policy ? shippingOptions(policy, group.subtotalVnd, province || null) : [];
    const option = options.find((o) => o.method === picked[group.cooperative.id]) ?? options[0];
    return { group, options, option };
  });
  const shippingByCoop = Object.fromEntries(choices.map((c) => [c.group.cooperative.id, c.option]));
  const shippingVnd = choices.reduce((s, c) => s + (c.option?.feeVnd ?? 0), 0);

  if (cart.lineCount === 0) {
    return (
      <div className="container narrow section">
        <h1>{t("shop:checkout.title")}</h1>
        {formCode && <FormError errors={errors} />}
        <CartEmpty />
      </div>
    );
  }

  const chosen = valueOf(values, "paymentMethod", "cod");
  return (
    <div className="container section checkout-page">
      <nav aria-label={t("common:breadcrumb")} className="breadcrumb">
        <Link to="/cart">{t("shop:cart.title")}</Link> › <span>{t("shop:checkout.title")}</span>
      </nav>
      <h1>{t("shop:checkout.title")}</h1>
      {cart.problemCount > 0 && (
        <p className="notice notice-pending">
          {t("shop:checkout.cartChanged", { count: cart.problemCount })}{" "}
          <Link to="/cart">{t("shop:checkout.reviewCart")}</Link>
        </p>
      )}
      <div className="checkout-layout">
        <Form
          method="post"
          className="stack checkout-form"
          noValidate
          onChange={(e) => {
            const target = e.target as HTMLSelectElement;
            if (target.name === "provinceCode") setProvince(target.value);
          }}
        >
          <FieldRules rules={rules}>
            {/* The same key on every resend of this form: a double click finds the checkout the first click made. */}
            <input
              type="hidden"
              name="submissionKey"
              value={valueOf(values, "submissionKey", submissionKey)}
            />
            {formCode && CART_ERRORS.has(formCode) ? (
              <div className="form-error" role="alert">
                {t(`errors:${formCode}`, errors?._form?.params ?? {})}{" "}
                <Link to="/cart">{t("shop:checkout.reviewCart")}</Link>
              </div>
            ) : (
              <FormError errors={errors} />
            )}
            <fieldset>
              <legend>{t("shop:checkout.contact")}</legend>
              <TextField
                name="contactName"
                label={t("shop:checkout.contactName")}
                errors={errors}
                autoComplete="name"
                defaultValue={valueOf(values, "contactName", defaults.contactName)}
              />
              <div className="field-row">
                <TextField
                  name="phone"
                  type="tel"
                  label={t("auth:fields.phone")}
                  hint={t("auth:fields.phoneHint")}
                  errors={errors}
                  autoComplete="tel"
                  inputMode="tel"
                  defaultValue={valueOf(values, "phone", defaults.phone)}
                />
                <TextField
                  name="email"
                  type="email"
                  label={t("auth:fields.email")}
                  hint={t("shop:checkout.emailHint")}
                  errors={errors}
                  autoComplete="email"
                  inputMode="email"
                  defaultValue={valueOf(values, "email", defaults.email)}
                />
              </div>
            </fieldset>
            <CheckoutBusinessFields errors={errors} values={values} defaults={defaults} />
            <fieldset>
              <legend>{t("shop:checkout.delivery")}</legend>
              <AddressFields
                errors={errors}
                province={valueOf(values, "provinceCode", defaults.provinceCode)}
                ward={valueOf(values, "wardCode", defaults.wardCode)}
                wards={wards}
              />
              <TextField
                name="address"
                label={t("shop:checkout.address")}
                hint={t("shop:checkout.addressHint")}
                errors={errors}
                autoComplete="street-address"
                defaultValue={valueOf(values, "address", defaults.address)}
              />
              <TextArea
                name="note"
                label={t("shop:checkout.note")}
                hint={t("shop:checkout.noteHint")}
                errors={errors}
                rows={3}
                defaultValue={valueOf(values, "note")}
              />
            </fieldset>
            <fieldset className="stack">
              <legend>{t("shop:shipping.title")}</legend>
              {!province && <p className="field-hint">{t("shop:shipping.chooseProvince")}</p>}
              {choices.map(({ group, options }) => (
                <ShippingChoices
                  key={group.cooperative.id}
                  cooperative={group.cooperative}
                  options={options}
                  picked={picked[group.cooperative.id]}
                  onPick={(method) => setPicked((p) => ({ ...p, [group.cooperative.id]: method }))}
                  errors={errors}
                  locale={locale}
                />
              ))}
            </fieldset>
            <PaymentMethods methods={methods} chosen={chosen} errors={errors} />
            <div className="checkout-submit">
              <p className="checkout-submit-total">
                <span>{t("shop:checkout.total")}</span>{" "}
                <strong className="numeric">{formatVnd(cart.totalVnd + shippingVnd, locale)}</strong>
              </p>
              <button type="submit" className="button" disabled={busy || cart.problemCount > 0}>
                {busy ? t("common:working") : t("shop:checkout.submit")}
              </button>
              <p className="small muted">{t("shop:checkout.submitNote")}</p>
            </div>
          </FieldRules>
        </Form>
        <CheckoutSummary cart={cart} locale={locale} shipping={shippingByCoop} />
      </div>
    </div>
  );
}

interface Methods {
  cod: { available: boolean };
  bank_transfer: { available: boolean; missingFor: string[] };
  card: { available: boolean };
}

/** Cash on delivery always; a transfer only when every cooperative in the cart has an account; card if set up. */
function PaymentMethods({
  methods,
  chosen,
  errors,
}: {
  methods: Methods;
  chosen: string | undefined;
  errors: Errors;
}) {
  const { t } = useTranslation();
  const error = errors?.paymentMethod;
  const offered: PaymentMethod[] = methods.card.available
    ? ["cod", "bank_transfer", "card"]
    : ["cod", "bank_transfer"];
  return (
    <fieldset
      className={`payment-methods${error ? " field-invalid" : ""}`}
      aria-describedby={error ? "paymentMethod-error" : undefined}
    >
      <legend>
        {t("shop:checkout.payment")}
        <span className="required" aria-hidden="true">
          {" "}
          *
        </span>
      </legend>
      {offered.map((method) => {
        const unavailable = method === "bank_transfer" && !methods.bank_transfer.available;
        const hintId = `payment-${method}-hint`;
        return (
          <label key={method} className={`payment-option${unavailable ? " payment-option-unavailable" : ""}`}>
            <input
              type="radio"
              name="paymentMethod"
              value={method}
              defaultChecked={!unavailable && chosen === method}
              disabled={unavailable}
              aria-describedby={hintId}
            />
            <span>
              <strong>{t(`orders:paymentMethod.${method}`)}</strong>
              <span className="field-hint" id={hintId}>
                {unavailable
                  ? t("shop:checkout.methodHint.bank_transfer_unavailable", {
                      cooperatives: methods.bank_transfer.missingFor.join(", "),
                      count: methods.bank_transfer.missingFor.length,
                    })
                  : t(`shop:checkout.methodHint.${method}`)}
              </span>
            </span>
          </label>
        );
      })}
      <FieldMessage id="paymentMethod-error" error={error} />
    </fieldset>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
