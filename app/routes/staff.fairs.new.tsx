import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FairFields } from "../components/FairFields";
import { FormError, FieldRules } from "../components/Fields";
import { requireRole } from "../lib/auth.server";
import { runForm, readForm } from "../lib/forms.server";
import { bankOptions } from "../lib/sales.server";
import { ErrorPage } from "../root";

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireRole(context, request, "staff");
  const { i18n } = context.services;
  const locale = await i18n.getLocale(request);
  return json({
    banks: bankOptions(),
    rules: context.services.forms.rules("fair").fair,
    title: i18n.t(locale)("fairAdmin:new.title"),
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
];

/** A new fair starts as a draft; the next step is its floor plan, so that is where staff land. */
export async function action({ request, context }: ActionFunctionArgs) {
  const staff = requireRole(context, request, "staff");
  const values = await readForm(request);
  const outcome = await runForm(values, () => context.services.fairs.createFair(staff, values));
  if (!outcome.ok) return outcome.response;
  return redirect(`/staff/fairs/${outcome.result.id}?done=created`);
}

export default function NewFair() {
  const { banks, rules } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <nav aria-label={t("common:breadcrumb")} className="breadcrumb">
        <Link to="/staff/fairs">{t("fairAdmin:list.title")}</Link> › <span>{t("fairAdmin:new.title")}</span>
      </nav>
      <h1>{t("fairAdmin:new.title")}</h1>
      <p className="lead">{t("fairAdmin:new.lead")}</p>
      <Form method="post" className="stack fa-fair-form" noValidate>
        <FormError errors={failure?.errors} />
        <FieldRules rules={rules}>
          <FairFields errors={failure?.errors} values={failure?.values} banks={banks} />
          <div className="actions">
            <button type="submit" className="button" disabled={busy}>
              {t("fairAdmin:new.submit")}
            </button>
            <Link to="/staff/fairs">{t("fairAdmin:new.cancel")}</Link>
          </div>
        </FieldRules>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
