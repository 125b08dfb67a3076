import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FieldRules, FormError } from "../components/Fields";
import { OfferFields } from "../components/OfferFields";
import { requireRole } from "../lib/auth.server";
import { readForm, runForm } from "../lib/forms.server";
import { offerProductOptions } from "../lib/offers.server";
import { ErrorPage } from "../root";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireRole(context, request, "cooperative");
  const { forms, i18n } = context.services;
  const locale = await i18n.getLocale(request);
  const approved = user.cooperative?.status === "approved";
  return json({
    rules: forms.rules("offer").offer,
    products: approved ? await offerProductOptions(context, user, locale) : [],
    approved,
    title: i18n.t(locale)("offers:new.title"),
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
  { name: "robots", content: "noindex" },
];

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireRole(context, request, "cooperative");
  const values = await readForm(request);
  const outcome = await runForm(values, () => context.services.matching.postOffer(user, { form: values }));
  if (!outcome.ok) return outcome.response;
  return redirect("/cooperative/offers?saved=created");
}

export default function NewOffer() {
  const { rules, products, approved, title } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="container narrow section">
      <nav aria-label={t("common:breadcrumb")} className="breadcrumb">
        <Link to="/cooperative/offers">{t("offers:list.title")}</Link> › {title}
      </nav>
      <h1>{title}</h1>
      <p className="lead">{t("offers:new.lead")}</p>
      {!approved ? (
        <p className="notice notice-pending" role="status">
          {t("offers:list.notApproved")}
        </p>
      ) : (
        <Form method="post" className="stack" noValidate>
          <FormError errors={data?.errors} />
          <FieldRules rules={rules}>
            <OfferFields errors={data?.errors} values={data?.values} products={products} />
            <div className="actions">
              <button type="submit" className="button" disabled={busy}>
                {busy ? t("common:working") : t("offers:new.submit")}
              </button>
              <Link to="/cooperative/offers">{t("offers:new.cancel")}</Link>
            </div>
          </FieldRules>
        </Form>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
