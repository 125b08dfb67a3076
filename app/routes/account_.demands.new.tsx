import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DemandFields } from "../components/DemandFields";
import { FieldRules, FormError } from "../components/Fields";
import { useSubmitting } from "../components/IntentForm";
import { requireRole } from "../lib/auth.server";
import { readForm, runForm } from "../lib/forms.server";
import { ErrorPage } from "../root";

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireRole(context, request, "buyer");
  const locale = await context.services.i18n.getLocale(request);
  return json({
    rules: context.services.forms.rules("demand").demand,
    title: context.services.i18n.t(locale)("demands:new.title"),
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
];

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireRole(context, request, "buyer");
  const values = await readForm(request);
  const outcome = await runForm(values, () => context.services.matching.postDemand(user, { form: values }));
  if (!outcome.ok) return outcome.response;
  return redirect(`/account/demands/${outcome.result.publicId}?saved=created`);
}

export default function NewDemand() {
  const { rules } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  const busy = useSubmitting();
  return (
    <div className="container narrow section">
      <nav aria-label={t("common:breadcrumb")} className="breadcrumb">
        <Link to="/account/demands">{t("demands:mine.title")}</Link> › {t("demands:new.title")}
      </nav>
      <h1>{t("demands:new.title")}</h1>
      <p className="lead">{t("demands:new.lead")}</p>
      <Form method="post" className="stack" noValidate>
        <FormError errors={data?.errors} />
        <FieldRules rules={rules}>
          <DemandFields errors={data?.errors} values={data?.values} />
          <div className="actions">
            <button type="submit" className="button" disabled={busy}>
              {busy ? t("common:working") : t("demands:new.submit")}
            </button>
            <Link to="/account/demands">{t("demands:new.cancel")}</Link>
          </div>
        </FieldRules>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
