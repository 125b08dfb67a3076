import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CooperativeProfileFields } from "../components/CooperativeProfileFields";
import { AccountFields, ConsentLabel } from "../components/AccountFields";
import { CheckboxField, ConditionalFields, FieldRules, FormError, valueOf } from "../components/Fields";
import { OrganisationFields } from "../components/OrganisationFields";
import { signInHeaders } from "../lib/cart.server";
import { runForm, readForm } from "../lib/forms.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (context.user) throw redirect("/account");
  const { i18n, forms } = context.services;
  const locale = await i18n.getLocale(request);
  const { account, cooperativeProfile, organisation } = forms.rules(
    "account",
    "cooperativeProfile",
    "organisation",
  );
  return json({
    title: i18n.t(locale)("auth:register.title"),
    // One form: the account, then the cooperative or the buyer's organisation (their field names differ).
    rules: { ...account, ...cooperativeProfile, ...organisation },
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
];

export async function action({ request, context }: ActionFunctionArgs) {
  const values = await readForm(request);
  const locale = await context.services.i18n.getLocale(request);
  const meta = { ...context.requestMeta, locale };
  const asCooperative = values.accountType === "cooperative";
  const outcome = await runForm(values, () =>
    asCooperative
      ? context.services.cooperatives.registerCooperative({
          form: values,
          meta,
          presentedToken: context.session.token,
        })
      : context.services.accounts.registerBuyer({
          form: values,
          meta,
          presentedToken: context.session.token,
        }),
  );
  if (!outcome.ok) return outcome.response;
  return redirect(asCooperative ? "/cooperative?registered=1" : "/account?welcome=1", {
    headers: await signInHeaders(context, outcome.result.userId, outcome.result.token),
  });
}

export default function Register() {
  const { rules } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const errors = data?.errors;
  const values = data?.values;
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const as =
    (values?.accountType as string | undefined) ??
    (params.get("as") === "cooperative" ? "cooperative" : "buyer");
  return (
    <div className="container narrow section">
      <h1>{t("auth:register.title")}</h1>
      <nav className="tabs" aria-label={t("auth:register.chooseType")}>
        <Link to="/register" aria-current={as === "buyer" ? "page" : undefined} replace>
          {t("auth:register.asBuyer")}
        </Link>
        <Link to="/register?as=cooperative" aria-current={as === "cooperative" ? "page" : undefined} replace>
          {t("auth:register.asCooperative")}
        </Link>
      </nav>
      <p className="lead">
        {t(as === "cooperative" ? "auth:register.cooperativeLead" : "auth:register.buyerLead")}
      </p>
      <Form method="post" className="stack" noValidate key={as}>
        <FieldRules rules={rules}>
          <FormError errors={errors} />
          <input type="hidden" name="accountType" value={as} />
          <fieldset>
            <legend>{t("auth:register.yourAccount")}</legend>
            <AccountFields errors={errors} values={values} />
          </fieldset>
          {as === "cooperative" ? (
            <fieldset>
              <legend>{t("auth:register.yourCooperative")}</legend>
              <CooperativeProfileFields errors={errors} values={values} />
            </fieldset>
          ) : (
            <fieldset>
              <legend>{t("auth:register.business")}</legend>
              <ConditionalFields
                name="isBusiness"
                label={t("auth:register.isBusiness")}
                defaultChecked={valueOf(values, "isBusiness") === "on"}
              >
                <OrganisationFields errors={errors} values={values} />
              </ConditionalFields>
            </fieldset>
          )}
          <CheckboxField
            name="privacyConsent"
            legend={t("auth:register.privacy")}
            errors={errors}
            defaultChecked={valueOf(values, "privacyConsent") === "on"}
            label={<ConsentLabel text={t("auth:register.consent")} />}
          />
          <button type="submit" className="button" disabled={busy}>
            {busy
              ? t("common:working")
              : t(as === "cooperative" ? "auth:register.submitCooperative" : "auth:register.submitBuyer")}
          </button>
        </FieldRules>
      </Form>
      <p>
        {t("auth:register.haveAccount")} <Link to="/login">{t("auth:register.loginLink")}</Link>
      </p>
    </div>
  );
}
