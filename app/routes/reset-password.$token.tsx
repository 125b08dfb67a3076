import {
  json,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, TextField, FieldRules } from "../components/Fields";
import { signInHeaders } from "../lib/cart.server";
import { runForm, readForm } from "../lib/forms.server";
import { ErrorPage } from "../root";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const locale = await context.services.i18n.getLocale(request);
  const t = context.services.i18n.t(locale);
  const found = await context.services.accounts.getPasswordReset({ token: params.token ?? "" });
  return found
    ? json({
        valid: true as const,
        email: found.email,
        rules: context.services.forms.rules("passwordReset").passwordReset,
        title: t("auth:reset.title"),
      })
    : json(
        { valid: false as const, email: null, rules: {}, title: t("auth:reset.invalidTitle") },
        { status: 410 },
      );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
];

/** The token is in the address: keep it out of caches and out of the Referer of anything the page loads. */
export const headers: HeadersFunction = () => ({
  "Cache-Control": "no-store",
  "Referrer-Policy": "no-referrer",
});

/** Success signs the user in here with a fresh session, every other session having ended. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const values = await readForm(request);
  const locale = await context.services.i18n.getLocale(request);
  const outcome = await runForm(values, () =>
    context.services.accounts.resetPassword({
      token: params.token ?? "",
      form: values,
      meta: { ...context.requestMeta, locale },
      presentedToken: context.session.token,
    }),
  );
  if (!outcome.ok) return outcome.response;
  return redirect("/account?saved=passwordReset", {
    headers: await signInHeaders(context, outcome.result.userId, outcome.result.token),
  });
}

export default function ResetPassword() {
  const { valid, email, rules } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const errors = data?.errors;
  if (!valid || errors?._form?.code === "reset_link_invalid") {
    return (
      <div className="container narrow section">
        <h1>{t("auth:reset.invalidTitle")}</h1>
        <p className="form-error" role="alert">
          {t("auth:reset.invalid")}
        </p>
        <p>
          <Link to="/forgot-password" className="button">
            {t("auth:reset.requestNew")}
          </Link>
        </p>
      </div>
    );
  }
  return (
    <div className="container narrow section">
      <h1>{t("auth:reset.title")}</h1>
      <p className="muted">{t("auth:reset.lead", { email })}</p>
      <Form method="post" className="stack" noValidate>
        <FieldRules rules={rules}>
          <FormError errors={errors} />
          {/* Lets password managers file the new password under the right account. */}
          <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
          <TextField
            name="password"
            type="password"
            label={t("auth:reset.newPassword")}
            errors={errors}
            required
            autoComplete="new-password"
            hint={t("auth:fields.passwordHint")}
          />
          <TextField
            name="passwordConfirm"
            type="password"
            label={t("auth:fields.passwordConfirm")}
            errors={errors}
            required
            autoComplete="new-password"
          />
          <button type="submit" className="button" disabled={busy}>
            {busy ? t("common:working") : t("auth:reset.submit")}
          </button>
        </FieldRules>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
