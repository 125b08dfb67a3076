import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import {
  CheckboxField,
  ConditionalFields,
  FieldRules,
  FormError,
  TextField,
  valueOf,
} from "../components/Fields";
import { requireRole } from "../lib/auth.server";
import { readForm, runForm } from "../lib/forms.server";
import { provinceByCode } from "../../server/vocabulary/geo";
import { SHIPPING_ZONES } from "../../server/vocabulary/shipping";
import { ErrorPage } from "../root";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireRole(context, request, "cooperative");
  const { forms, i18n, orders } = context.services;
  const locale = await i18n.getLocale(request);
  const approved = user.cooperative?.status === "approved";
  return json({
    approved,
    settings: approved ? await orders.getShippingPolicy(user) : null,
    rules: forms.rules("shippingPolicy").shippingPolicy,
    title: i18n.t(locale)("sales:shipping.title"),
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
  { name: "robots", content: "noindex" },
];

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireRole(context, request, "cooperative");
  const values = await readForm(request);
  const outcome = await runForm(values, () => context.services.orders.saveShippingPolicy(user, values));
  if (!outcome.ok) return outcome.response;
  return redirect("/cooperative/shipping?saved=1");
}

/** How the cooperative's goods reach buyers, and what that costs: what the cart and checkout show buyers. */
export default function ShippingSettings() {
  const { approved, settings, rules, title } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const saved = useSearchParams()[0].get("saved") === "1" && !data;
  const errors = data?.errors;
  const values = data?.values;
  if (!approved || !settings)
    return (
      <div className="section">
        <h1>{title}</h1>
        <p className="notice notice-pending" role="status">
          {t("offers:list.notApproved")}
        </p>
      </div>
    );
  const { policy, configured, cooperative } = settings;
  const province = provinceByCode(cooperative.provinceCode)?.name ?? "";
  // A box ticked on a form sent back with errors is on; else what is saved.
  const ticked = (name: string, saved: boolean) => (values ? values[name] === "on" : saved);
  return (
    <div className="section">
      <h1>{title}</h1>
      <p className="lead">{t("sales:shipping.lead")}</p>
      <p role="status" className={saved ? "notice notice-approved" : "visually-hidden"}>
        {saved ? t("sales:shipping.saved") : ""}
      </p>
      {!configured && !values && <p className="notice notice-pending">{t("sales:shipping.notConfigured")}</p>}
      <Form method="post" className="stack shipping-settings" noValidate>
        <FormError errors={errors} />
        <FieldRules rules={rules}>
          <fieldset className="stack">
            <legend>{t("sales:shipping.delivery")}</legend>
            <p className="field-hint">{t("sales:shipping.zonesHint")}</p>
            {SHIPPING_ZONES.map((zone) => {
              const rate = policy.zones[zone];
              return (
                <ConditionalFields
                  key={zone}
                  name={`${zone}On`}
                  label={t(`sales:shipping.zone.${zone}`, { province })}
                  defaultChecked={ticked(`${zone}On`, rate !== undefined)}
                >
                  <div className="field-row field-row-3">
                    <TextField
                      name={`${zone}FeeVnd`}
                      label={t("sales:shipping.fee")}
                      hint={t("sales:shipping.feeHint")}
                      inputMode="numeric"
                      errors={errors}
                      defaultValue={valueOf(values, `${zone}FeeVnd`, rate?.feeVnd)}
                    />
                    <TextField
                      name={`${zone}DaysMin`}
                      label={t("sales:shipping.daysMin")}
                      type="number"
                      min={0}
                      max={90}
                      errors={errors}
                      defaultValue={valueOf(values, `${zone}DaysMin`, rate?.daysMin)}
                    />
                    <TextField
                      name={`${zone}DaysMax`}
                      label={t("sales:shipping.daysMax")}
                      type="number"
                      min={0}
                      max={90}
                      errors={errors}
                      defaultValue={valueOf(values, `${zone}DaysMax`, rate?.daysMax)}
                    />
                  </div>
                </ConditionalFields>
              );
            })}
            <TextField
              name="freeAboveVnd"
              label={t("sales:shipping.freeAbove")}
              hint={t("sales:shipping.freeAboveHint")}
              inputMode="numeric"
              errors={errors}
              defaultValue={valueOf(values, "freeAboveVnd", policy.freeAboveVnd)}
            />
          </fieldset>
          <fieldset className="stack">
            <legend>{t("sales:shipping.otherWays")}</legend>
            <ConditionalFields
              name="pickup"
              label={t("sales:shipping.pickup")}
              defaultChecked={ticked("pickup", policy.pickup !== null)}
            >
              <TextField
                name="pickupAddress"
                label={t("sales:shipping.pickupAddress")}
                errors={errors}
                defaultValue={valueOf(values, "pickupAddress", policy.pickup?.address ?? cooperative.address)}
              />
              <TextField
                name="pickupReadyDays"
                label={t("sales:shipping.pickupReadyDays")}
                type="number"
                min={0}
                max={90}
                errors={errors}
                defaultValue={valueOf(values, "pickupReadyDays", policy.pickup?.readyDays ?? 1)}
              />
            </ConditionalFields>
            <CheckboxField
              name="freightQuote"
              legend={t("sales:shipping.freightLegend")}
              label={t("sales:shipping.freight")}
              errors={errors}
              defaultChecked={ticked("freightQuote", policy.freightQuote)}
            />
          </fieldset>
          <div className="actions">
            <button type="submit" className="button" disabled={busy}>
              {busy ? t("common:working") : t("sales:shipping.save")}
            </button>
          </div>
        </FieldRules>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
