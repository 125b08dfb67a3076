import {
  json,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AccountFields, ConsentLabel } from "../components/AccountFields";
import { CheckboxField, FormError, TextField, valueOf, FieldRules, type Errors } from "../components/Fields";
import { safeRedirect } from "../lib/auth.server";
import { signInHeaders } from "../lib/cart.server";
import { runForm, readForm } from "../lib/forms.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"));
  if (context.user) throw redirect(redirectTo);
  const { forms, i18n } = context.services;
  const locale = await i18n.getLocale(request);
  const { login, account } = forms.rules("login", "account");
  return json({
    rules: login,
    /** On the way to checkout a new buyer can create their account here, beside signing in. */
    signUpRules: isCheckout(redirectTo) ? account : null,
    title: i18n.t(locale)(isCheckout(redirectTo) ? "auth:checkoutGate.title" : "auth:login.title"),
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
];

/** Document responses take their headers from here: pass on Retry-After when login is rate-limited. */
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
};

const isCheckout = (path: string) => path === "/checkout" || path.startsWith("/checkout?");

/** Signing in; or, on the way to checkout, creating a buyer's account in place (`intent=register`). */
export async function action({ request, context }: ActionFunctionArgs) {
  const values = await readForm(request);
  // Settled before anyone is signed in: a hostile target can neither leave the site nor fail after a session exists.
  const redirectTo = safeRedirect(values.redirectTo, "/");
  const locale = await context.services.i18n.getLocale(request);
  const { accounts } = context.services;
  const args = {
    form: values,
    meta: { ...context.requestMeta, locale },
    presentedToken: context.session.token,
  };
  const signUp = values.intent === "register" && isCheckout(redirectTo);
  const outcome = await runForm(values, () => (signUp ? accounts.registerBuyer(args) : accounts.login(args)));
  if (!outcome.ok) {
    // Which form the errors belong to, so each keeps what was typed and shows its own messages.
    const body = (await outcome.response.json()) as object;
    return json(
      { ...body, intent: signUp ? "register" : "login" },
      { status: outcome.response.status, headers: outcome.response.headers },
    );
  }
  return redirect(redirectTo, {
    headers: await signInHeaders(context, outcome.result.userId, outcome.result.token),
  });
}

export default function Login() {
  const { rules, signUpRules, title } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as
    { errors?: Errors; values?: Record<string, string | string[]>; intent?: string } | undefined;
  const errors = data?.intent === "register" ? undefined : data?.errors;
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const redirectTo = params.get("redirectTo") ?? "";
  const signedOut = params.get("signedOut") === "everywhere";
  const signIn = (
    <Form method="post" className="stack" noValidate>
      <FormError errors={errors} />
      <FieldRules rules={rules}>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField
          // Its own ids: on the way to checkout the sign-up form beside it has an email and a password too.
          id="signin-email"
          name="email"
          type="email"
          label={t("auth:fields.email")}
          errors={errors}
          autoComplete="email"
          defaultValue={data?.intent === "register" ? undefined : valueOf(data?.values, "email")}
        />
        <TextField
          id="signin-password"
          name="password"
          type="password"
          label={t("auth:fields.password")}
          errors={errors}
          autoComplete="current-password"
        />
        <p>
          <Link to="/forgot-password">{t("auth:login.forgotLink")}</Link>
        </p>
        <button type="submit" className="button" disabled={busy}>
          {busy ? t("common:working") : t("auth:login.submit")}
        </button>
      </FieldRules>
    </Form>
  );
  if (signUpRules) {
    const signUpErrors = data?.intent === "register" ? data.errors : undefined;
    const typed = data?.intent === "register" ? data.values : undefined;
    return (
      <div className="container section checkout-gate">
        <h1>{title}</h1>
        <p className="lead">{t("auth:checkoutGate.lead")}</p>
        <div className="checkout-gate-panels">
          <section className="card" aria-labelledby="gate-sign-in">
            <h2 id="gate-sign-in">{t("auth:checkoutGate.signIn")}</h2>
            {signIn}
          </section>
          <section className="card" aria-labelledby="gate-sign-up">
            <h2 id="gate-sign-up">{t("auth:checkoutGate.signUp")}</h2>
            <p className="small muted">{t("auth:checkoutGate.signUpLead")}</p>
            <Form method="post" className="stack" noValidate>
              <FormError errors={signUpErrors} />
              <FieldRules rules={signUpRules}>
                <input type="hidden" name="redirectTo" value={redirectTo} />
                <input type="hidden" name="intent" value="register" />
                <AccountFields errors={signUpErrors} values={typed} />
                <CheckboxField
                  name="privacyConsent"
                  legend={t("auth:register.privacy")}
                  errors={signUpErrors}
                  defaultChecked={valueOf(typed, "privacyConsent") === "on"}
                  label={<ConsentLabel text={t("auth:register.consent")} />}
                />
                <button type="submit" className="button" disabled={busy}>
                  {busy ? t("common:working") : t("auth:checkoutGate.submit")}
                </button>
              </FieldRules>
            </Form>
          </section>
        </div>
      </div>
    );
  }
  return (
    <div className="container narrow section">
      <h1>{t("auth:login.title")}</h1>
      {signedOut && (
        <p className="notice notice-approved" role="status">
          {t("auth:login.signedOutEverywhere")}
        </p>
      )}
      {signIn}
      <p>
        {t("auth:login.noAccount")} <Link to="/register">{t("auth:login.registerLink")}</Link>
      </p>
    </div>
  );
}
