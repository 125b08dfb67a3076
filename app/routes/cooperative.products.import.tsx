import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ProductImport, type ImportActionData } from "../components/ProductImport";
import { requireRole } from "../lib/auth.server";
import { importedFrom, productImportAction } from "../lib/product-import.server";
import { ErrorPage } from "../root";

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireRole(context, request, "cooperative");
  const locale = await context.services.i18n.getLocale(request);
  return json({
    imported: importedFrom(request),
    title: context.services.i18n.t(locale)("dashboard:import.title"),
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
];

/** Check (dry run) or import: all rows are validated first and nothing is written unless every row is valid. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireRole(context, request, "cooperative");
  return productImportAction(context, request, user, "/cooperative/products/import");
}

export default function ImportProducts() {
  const { imported } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ImportActionData | undefined;
  const { t } = useTranslation();
  return (
    <ProductImport
      union={false}
      title={t("dashboard:import.title")}
      lead={t("dashboard:import.lead")}
      breadcrumb={<Link to="/cooperative/products">{t("dashboard:list.title")}</Link>}
      templateHref="/cooperative/products/import/template.csv"
      productsHref="/cooperative/products"
      imported={imported}
      data={data}
    />
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
