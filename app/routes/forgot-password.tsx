import {
  json,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, TextField, valueOf, FieldRules } from "../components/Fields";
import { runForm, readForm } from "../lib/forms.server";
import { ErrorPage } from "../root";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const locale = await context.services.i18n.getLocale(request);
  return json({
    title: context.services.i18n.t(locale)("auth:forgot.title"),
    rules: context.services.forms.rules("forgotPassword").forgotPassword,
    minutes: context.services.accounts.resetLinkMinutes,
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
];

/** A rate-limited request answers 429 with Retry-After, as login does. */
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
};

/** The same answer for every well-formed address: whether it has an account is for its mailbox to find out. */
export async function action({ request, context }: ActionFunctionArgs) {
  const values = await readForm(request);
  const locale = await context.services.i18n.getLocale(request);
  const outcome = await runForm(values, () =>
    context.services.accounts.requestPasswordReset({
      form: values,
      meta: { ...context.requestMeta, locale },
      requestOrigin: context.origin,
    }),
  );
  if (!outcome.ok) return outcome.response;
  return json({ ok: true as const, sent: outcome.result.email });
}

export default function ForgotPassword() {
  const { minutes, rules } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  if (data && "sent" in data) {
    return (
      <div className="container narrow section">
        <h1>{t("auth:forgot.title")}</h1>
        <p className="notice notice-approved" role="status">
          {t("auth:forgot.sent", { email: data.sent, minutes })}
        </p>
        <p>
          <Link to="/login">{t("auth:forgot.backToLogin")}</Link>
        </p>
      </div>
    );
  }
  const errors = data?.errors;
  return (
    <div className="container narrow section">
      <h1>{t("auth:forgot.title")}</h1>
      <p className="muted">{t("auth:forgot.lead", { minutes })}</p>
      <Form method="post" className="stack" noValidate>
        <FieldRules rules={rules}>
          <FormError errors={errors} />
          <TextField
            name="email"
            type="email"
            label={t("auth:fields.email")}
            errors={errors}
            autoComplete="email"
            defaultValue={valueOf(data?.values, "email")}
          />
          <button type="submit" className="button" disabled={busy}>
            {busy ? t("common:working") : t("auth:forgot.submit")}
          </button>
        </FieldRules>
      </Form>
      <p>
        <Link to="/login">{t("auth:forgot.backToLogin")}</Link>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
