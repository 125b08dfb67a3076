import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, TextField, valueOf } from "../components/Fields";
import { requireUser } from "../lib/auth.server";
import { formValues, runForm } from "../lib/forms.server";
import { OrganisationFields } from "../components/OrganisationFields";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const locale = await context.services.i18n.getLocale(request);
  const url = new URL(request.url);
  return json({
    user,
    welcome: url.searchParams.has("welcome"),
    saved: url.searchParams.get("saved"),
    title: context.services.i18n.t(locale)("account:title"),
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
];

/** Several forms on one page, told apart by `intent`. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const values = formValues(await request.formData());
  const { accounts } = context.services;
  const intent = values.intent;
  if (intent === "signOutEverywhere") {
    await accounts.endAllSessions(user, context.requestMeta);
    return redirect("/login?signedOut=everywhere", {
      headers: { "Set-Cookie": await context.session.clear() },
    });
  }
  const work =
    intent === "profile"
      ? () => accounts.updateProfile(user, values)
      : intent === "organisation"
        ? () => accounts.updateOrganisation(user, values)
        : intent === "password"
          ? () => accounts.changePassword(user, values, context.session.token)
          : null;
  if (!work)
    return json(
      { ok: false as const, intent, errors: { _form: { code: "unknown_intent" } }, values: {} },
      { status: 400 },
    );
  const outcome = await runForm(values, work);
  if (!outcome.ok) {
    const body = await outcome.response.json();
    return json({ ...body, intent }, { status: outcome.response.status });
  }
  return redirect(`/account?saved=${intent}`);
}

export default function Account() {
  const { user, welcome, saved } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const errorsFor = (intent: string) => (data && data.intent === intent ? data.errors : undefined);
  const valuesFor = (intent: string) => (data && data.intent === intent ? data.values : undefined);
  return (
    <div className="container narrow section">
      <h1>{t("account:title")}</h1>
      {welcome && (
        <p className="notice notice-approved" role="status">
          {t("account:welcome", { name: user.fullName })}
        </p>
      )}
      {saved && (
        <p className="notice notice-approved" role="status">
          {t(`account:saved.${saved}`, { defaultValue: t("account:saved.profile") })}
        </p>
      )}
      <dl className="summary">
        <dt>{t("auth:fields.email")}</dt>
        <dd>{user.email}</dd>
        <dt>{t("account:role")}</dt>
        <dd>{t(`account:roles.${user.role}`)}</dd>
        {user.cooperative && (
          <>
            <dt>{t("account:cooperative")}</dt>
            <dd>
              <Link to="/cooperative">{user.cooperative.name}</Link> (
              {t(`cooperatives:status.${user.cooperative.status}`)})
            </dd>
          </>
        )}
      </dl>

      <section aria-labelledby="profile-title" className="card">
        <h2 id="profile-title">{t("account:profile.title")}</h2>
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="profile" />
          <FormError errors={errorsFor("profile")} />
          <TextField
            name="fullName"
            label={t("auth:fields.fullName")}
            errors={errorsFor("profile")}
            required
            defaultValue={valueOf(valuesFor("profile"), "fullName", user.fullName)}
          />
          <TextField
            name="phone"
            type="tel"
            label={t("auth:fields.phone")}
            errors={errorsFor("profile")}
            defaultValue={valueOf(valuesFor("profile"), "phone", user.phone)}
          />
          <button type="submit" className="button" disabled={busy}>
            {t("common:save")}
          </button>
        </Form>
      </section>

      {user.role === "buyer" && (
        <section aria-labelledby="org-title" className="card">
          <h2 id="org-title">{t("account:organisation.title")}</h2>
          <p className="muted">{t("account:organisation.lead")}</p>
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="intent" value="organisation" />
            <FormError errors={errorsFor("organisation")} />
            <OrganisationFields
              errors={errorsFor("organisation")}
              values={valuesFor("organisation")}
              defaults={
                user.organisation
                  ? {
                      name: user.organisation.name,
                      kind: user.organisation.kind,
                      taxCode: user.organisation.taxCode,
                      address: user.organisation.address,
                    }
                  : undefined
              }
            />
            <div className="actions">
              <button type="submit" className="button" disabled={busy}>
                {t("common:save")}
              </button>
              {user.organisation && (
                <button
                  type="submit"
                  name="remove"
                  value="on"
                  className="button button-secondary"
                  formNoValidate
                >
                  {t("account:organisation.remove")}
                </button>
              )}
            </div>
          </Form>
        </section>
      )}

      <section aria-labelledby="password-title" className="card">
        <h2 id="password-title">{t("account:password.title")}</h2>
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="password" />
          <FormError errors={errorsFor("password")} />
          <TextField
            name="currentPassword"
            type="password"
            label={t("account:password.current")}
            errors={errorsFor("password")}
            required
            autoComplete="current-password"
          />
          <TextField
            name="password"
            type="password"
            label={t("account:password.new")}
            errors={errorsFor("password")}
            required
            autoComplete="new-password"
            hint={t("auth:fields.passwordHint")}
          />
          <TextField
            name="passwordConfirm"
            type="password"
            label={t("auth:fields.passwordConfirm")}
            errors={errorsFor("password")}
            required
            autoComplete="new-password"
          />
          <button type="submit" className="button" disabled={busy}>
            {t("account:password.submit")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="sessions-title" className="card">
        <h2 id="sessions-title">{t("account:sessions.title")}</h2>
        <p className="muted">{t("account:sessions.lead")}</p>
        <Form method="post">
          <input type="hidden" name="intent" value="signOutEverywhere" />
          <button type="submit" className="button button-secondary" disabled={busy}>
            {t("account:sessions.signOutEverywhere")}
          </button>
        </Form>
      </section>
    </div>
  );
}
