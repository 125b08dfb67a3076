import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, TextField, valueOf } from "../components/Fields";
import { requireUser } from "../lib/auth.server";
import { runIntent, readForm } from "../lib/forms.server";
import { IntentForm, UnclaimedFailure, useIntentFailure, useSubmitting } from "../components/IntentForm";
import { OrganisationFields } from "../components/OrganisationFields";
import { wardsOf } from "../../server/vocabulary/wards";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const locale = await context.services.i18n.getLocale(request);
  const url = new URL(request.url);
  return json({
    user,
    wards: wardsOf(user.organisation?.provinceCode),
    rules: context.services.forms.rules("profile", "organisation", "passwordChange"),
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
  const values = await readForm(request);
  const { accounts } = context.services;
  const intent = values.intent;
  if (intent === "signOutEverywhere") {
    await accounts.endAllSessions(user, { meta: context.requestMeta });
    return redirect("/login?signedOut=everywhere", {
      headers: { "Set-Cookie": await context.session.clear() },
    });
  }
  const outcome = await runIntent(
    values,
    intent === "profile"
      ? () => accounts.updateProfile(user, values)
      : intent === "organisation"
        ? () => accounts.updateOrganisation(user, values)
        : intent === "password"
          ? () => accounts.changePassword(user, { form: values, currentToken: context.session.token })
          : null,
  );
  if (!outcome.ok) return outcome.response;
  return redirect(`/account?saved=${intent}`);
}

export default function Account() {
  const { user, wards, welcome, saved, rules } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const busy = useSubmitting();
  const profile = useIntentFailure("profile");
  const organisation = useIntentFailure("organisation");
  const password = useIntentFailure("password");
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
      <UnclaimedFailure claimed={(f) => ["profile", "organisation", "password"].includes(f.intent)} />
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
        <IntentForm intent="profile" rules={rules.profile}>
          <FormError errors={profile?.errors} />
          <TextField
            name="fullName"
            label={t("auth:fields.fullName")}
            errors={profile?.errors}
            defaultValue={valueOf(profile?.values, "fullName", user.fullName)}
          />
          <TextField
            name="phone"
            type="tel"
            label={t("auth:fields.phone")}
            errors={profile?.errors}
            defaultValue={valueOf(profile?.values, "phone", user.phone)}
          />
          <button type="submit" className="button" disabled={busy}>
            {t("common:save")}
          </button>
        </IntentForm>
      </section>

      {user.role === "buyer" && (
        <section aria-labelledby="demands-title" className="card">
          <h2 id="demands-title">{t("demands:mine.title")}</h2>
          <p className="muted">{t("demands:mine.accountLead")}</p>
          <p>
            <Link to="/account/demands">{t("demands:mine.accountLink")}</Link> ·{" "}
            <Link to="/account/demands/new">{t("demands:post")}</Link>
          </p>
        </section>
      )}

      {user.role === "buyer" && (
        <section aria-labelledby="org-title" className="card">
          <h2 id="org-title">{t("account:organisation.title")}</h2>
          <p className="muted">{t("account:organisation.lead")}</p>
          <IntentForm intent="organisation" rules={rules.organisation}>
            <FormError errors={organisation?.errors} />
            <OrganisationFields
              wards={wards}
              errors={organisation?.errors}
              values={organisation?.values}
              defaults={
                user.organisation
                  ? {
                      name: user.organisation.name,
                      kind: user.organisation.kind,
                      taxCode: user.organisation.taxCode,
                      provinceCode: user.organisation.provinceCode,
                      wardCode: user.organisation.wardCode,
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
          </IntentForm>
        </section>
      )}

      <section aria-labelledby="password-title" className="card">
        <h2 id="password-title">{t("account:password.title")}</h2>
        <IntentForm intent="password" rules={rules.passwordChange}>
          <FormError errors={password?.errors} />
          <TextField
            name="currentPassword"
            type="password"
            label={t("account:password.current")}
            errors={password?.errors}
            autoComplete="current-password"
          />
          <TextField
            name="password"
            type="password"
            label={t("account:password.new")}
            errors={password?.errors}
            autoComplete="new-password"
            hint={t("auth:fields.passwordHint")}
          />
          <TextField
            name="passwordConfirm"
            type="password"
            label={t("auth:fields.passwordConfirm")}
            errors={password?.errors}
            // Blank passes its own schema (the pair is compared after): required here, not read off the rules.
            required
            autoComplete="new-password"
          />
          <button type="submit" className="button" disabled={busy}>
            {t("account:password.submit")}
          </button>
        </IntentForm>
      </section>

      <section aria-labelledby="sessions-title" className="card">
        <h2 id="sessions-title">{t("account:sessions.title")}</h2>
        <p className="muted">{t("account:sessions.lead")}</p>
        <IntentForm intent="signOutEverywhere" className="">
          <button type="submit" className="button button-secondary" disabled={busy}>
            {t("account:sessions.signOutEverywhere")}
          </button>
        </IntentForm>
      </section>
    </div>
  );
}
