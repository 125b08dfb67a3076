import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ProductImport, type ImportActionData } from "../components/ProductImport";
import { requireRole } from "../lib/auth.server";
import { importedFrom, productImportAction } from "../lib/product-import.server";
import { ErrorPage } from "../root";

/** A union's staff import one file for several member cooperatives, each row naming its cooperative. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  requireRole(context, request, "staff");
  const locale = await context.services.i18n.getLocale(request);
  return json({
    imported: importedFrom(request),
    title: context.services.i18n.t(locale)("imports:title"),
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
];

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireRole(context, request, "staff");
  return productImportAction(context, request, user, "/staff/products/import");
}

export default function StaffImportProducts() {
  const { imported } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ImportActionData | undefined;
  const { t } = useTranslation();
  return (
    <ProductImport
      union
      title={t("imports:title")}
      lead={t("imports:lead")}
      breadcrumb={<Link to="/staff">{t("staff:nav.overview")}</Link>}
      templateHref="/staff/products/import/template.csv"
      productsHref={null}
      imported={imported}
      data={data}
    />
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
