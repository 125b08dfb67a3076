import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, FieldRules } from "../components/Fields";
import { ProductFields } from "../components/ProductFields";
import { requireRole } from "../lib/auth.server";
import { runForm, readForm } from "../lib/forms.server";
import { ErrorPage } from "../root";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireRole(context, request, "cooperative");
  const locale = await context.services.i18n.getLocale(request);
  return json({
    rules: context.services.forms.rules("product").product,
    cooperativeStatus: user.cooperative?.status ?? null,
    title: context.services.i18n.t(locale)("dashboard:new.title"),
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
];

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireRole(context, request, "cooperative");
  const values = await readForm(request);
  const outcome = await runForm(values, () => context.services.catalogue.createProduct(user, values));
  if (!outcome.ok) return outcome.response;
  return redirect(`/cooperative/products/${outcome.result.id}?created=1`);
}

export default function NewProduct() {
  const { cooperativeStatus, rules } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="container narrow section">
      <nav aria-label={t("common:breadcrumb")} className="breadcrumb">
        <Link to="/cooperative/products">{t("dashboard:list.title")}</Link> › {t("dashboard:new.title")}
      </nav>
      <h1>{t("dashboard:new.title")}</h1>
      <p className="lead">{t("dashboard:new.lead")}</p>
      {cooperativeStatus && cooperativeStatus !== "approved" && (
        <p className="notice notice-pending">{t("dashboard:list.notApproved")}</p>
      )}
      <Form method="post" className="stack" noValidate>
        <FormError errors={data?.errors} />
        <FieldRules rules={rules}>
          <ProductFields errors={data?.errors} values={data?.values} />
          <div className="actions">
            <button type="submit" className="button" disabled={busy}>
              {busy ? t("common:working") : t("dashboard:new.submit")}
            </button>
            <Link to="/cooperative/products">{t("dashboard:new.cancel")}</Link>
          </div>
          <p className="small muted">{t("dashboard:new.next")}</p>
        </FieldRules>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
