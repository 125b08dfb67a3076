import { useTranslation } from "react-i18next";
import { ConditionalFields, TextField, valueOf, type Errors } from "./Fields";

interface Defaults {
  forBusiness: boolean;
  organisationName: string;
  taxCode: string;
  invoice: boolean;
  invoiceName: string;
  invoiceAddress: string;
  invoiceEmail: string;
}

/**
 * The business side of a checkout: buying for an organisation (its name, tax code and the buyer's purchase-order
 * number) and asking for a VAT e-invoice (whom to, where, which mailbox), each a box that opens its fields.
 */
export function CheckoutBusinessFields({
  errors,
  values,
  defaults,
}: {
  errors: Errors;
  values: Record<string, string | string[]> | undefined;
  defaults: Defaults;
}) {
  const { t } = useTranslation();
  const ticked = (name: "forBusiness" | "invoice") =>
    values ? valueOf(values, name) === "on" : defaults[name];
  return (
    <fieldset>
      <legend>{t("shop:checkout.business.title")}</legend>
      <ConditionalFields
        name="forBusiness"
        label={t("shop:checkout.business.forBusiness")}
        defaultChecked={ticked("forBusiness")}
      >
        {(business) => (
          <>
            <TextField
              name="organisationName"
              label={t("shop:checkout.business.organisationName")}
              required={business}
              errors={errors}
              autoComplete="organization"
              defaultValue={valueOf(values, "organisationName", defaults.organisationName)}
            />
            <div className="field-row">
              <TextField
                name="taxCode"
                label={t("shop:checkout.business.taxCode")}
                hint={t("shop:checkout.business.taxCodeHint")}
                required={business}
                errors={errors}
                inputMode="numeric"
                defaultValue={valueOf(values, "taxCode", defaults.taxCode)}
              />
              <TextField
                name="purchaseOrderNo"
                label={t("shop:checkout.business.purchaseOrderNo")}
                hint={t("shop:checkout.business.purchaseOrderNoHint")}
                errors={errors}
                defaultValue={valueOf(values, "purchaseOrderNo")}
              />
            </div>
          </>
        )}
      </ConditionalFields>
      <ConditionalFields
        name="invoice"
        label={t("shop:checkout.business.invoice")}
        defaultChecked={ticked("invoice")}
      >
        {(invoice) => (
          <>
            <p className="field-hint">{t("shop:checkout.business.invoiceHint")}</p>
            <TextField
              name="invoiceName"
              label={t("shop:checkout.business.invoiceName")}
              required={invoice}
              errors={errors}
              defaultValue={valueOf(values, "invoiceName", defaults.invoiceName)}
            />
            <TextField
              name="invoiceAddress"
              label={t("shop:checkout.business.invoiceAddress")}
              required={invoice}
              errors={errors}
              defaultValue={valueOf(values, "invoiceAddress", defaults.invoiceAddress)}
            />
            <TextField
              name="invoiceEmail"
              type="email"
              label={t("shop:checkout.business.invoiceEmail")}
              required={invoice}
              errors={errors}
              autoComplete="email"
              inputMode="email"
              defaultValue={valueOf(values, "invoiceEmail", defaults.invoiceEmail)}
            />
          </>
        )}
      </ConditionalFields>
    </fieldset>
  );
}
