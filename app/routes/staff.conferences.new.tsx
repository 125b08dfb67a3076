import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ConferenceFields } from "../components/ConferenceFields";
import { FieldRules, FormError } from "../components/Fields";
import { useSubmitting } from "../components/IntentForm";
import { requireRole } from "../lib/auth.server";
import { readForm, runForm } from "../lib/forms.server";
import { ErrorPage } from "../root";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = requireRole(context, request, "staff");
  const { fairs, forms, i18n } = context.services;
  const locale = await i18n.getLocale(request);
  const fairList = await fairs.listFairsForStaff(staff, { locale });
  return json({
    fairs: fairList.map((f) => ({ id: f.id, name: f.name })),
    rules: forms.rules("conference").conference,
    title: i18n.t(locale)("conferences:staff.newTitle"),
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
];

/** A new conference starts as a draft; its slots come next, on its page. */
export async function action({ request, context }: ActionFunctionArgs) {
  const staff = requireRole(context, request, "staff");
  const values = await readForm(request);
  const outcome = await runForm(values, () =>
    context.services.matching.createConference(staff, { form: values }),
  );
  if (!outcome.ok) return outcome.response;
  return redirect(`/staff/conferences/${outcome.result.id}?done=created`);
}

export default function NewConference() {
  const { fairs, rules, title } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useTranslation();
  const busy = useSubmitting();
  return (
    <>
      <nav aria-label={t("common:breadcrumb")} className="breadcrumb">
        <Link to="/staff/conferences">{t("conferences:staff.title")}</Link> › <span>{title}</span>
      </nav>
      <h1>{title}</h1>
      <Form method="post" className="stack" noValidate>
        <FormError errors={failure?.errors} />
        <FieldRules rules={rules}>
          <ConferenceFields errors={failure?.errors} values={failure?.values} fairs={fairs} />
          <div className="actions">
            <button type="submit" className="button" disabled={busy}>
              {t("conferences:staff.create")}
            </button>
            <Link to="/staff/conferences">{t("conferences:staff.cancelNew")}</Link>
          </div>
        </FieldRules>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
