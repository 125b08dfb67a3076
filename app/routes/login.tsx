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
import { FormError, TextField, valueOf, FieldRules } from "../components/Fields";
import { safeRedirect } from "../lib/auth.server";
import { signInHeaders } from "../lib/cart.server";
import { runForm, readForm } from "../lib/forms.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"));
  if (context.user) throw redirect(redirectTo);
  const locale = await context.services.i18n.getLocale(request);
  return json({
    rules: context.services.forms.rules("login").login,
    title: context.services.i18n.t(locale)("auth:login.title"),
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

export async function action({ request, context }: ActionFunctionArgs) {
  const values = await readForm(request);
  // Settled before anyone is signed in: a hostile target can neither leave the site nor fail after a session exists.
  const redirectTo = safeRedirect(values.redirectTo, "/");
  const locale = await context.services.i18n.getLocale(request);
  const outcome = await runForm(values, () =>
    context.services.accounts.login({
      form: values,
      meta: { ...context.requestMeta, locale },
      presentedToken: context.session.token,
    }),
  );
  if (!outcome.ok) return outcome.response;
  return redirect(redirectTo, {
    headers: await signInHeaders(context, outcome.result.userId, outcome.result.token),
  });
}

export default function Login() {
  const { rules } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const errors = data?.errors;
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const redirectTo = params.get("redirectTo") ?? "";
  const signedOut = params.get("signedOut") === "everywhere";
  return (
    <div className="container narrow section">
      <h1>{t("auth:login.title")}</h1>
      {signedOut && (
        <p className="notice notice-approved" role="status">
          {t("auth:login.signedOutEverywhere")}
        </p>
      )}
      <Form method="post" className="stack" noValidate>
        <FormError errors={errors} />
        <FieldRules rules={rules}>
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <TextField
            name="email"
            type="email"
            label={t("auth:fields.email")}
            errors={errors}
            autoComplete="email"
            defaultValue={valueOf(data?.values, "email")}
          />
          <TextField
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
      <p>
        {t("auth:login.noAccount")} <Link to="/register">{t("auth:login.registerLink")}</Link>
      </p>
    </div>
  );
}
