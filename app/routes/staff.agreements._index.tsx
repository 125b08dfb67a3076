import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AgreementList } from "../components/AgreementList";
import { requireRole } from "../lib/auth.server";
import { ErrorPage } from "../root";

/** Every agreement, for the union's staff: each sealed one links to its PDF. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireRole(context, request, "staff");
  const { agreements, i18n } = context.services;
  const locale = await i18n.getLocale(request);
  return json({
    agreements: await agreements.listAgreements(user),
    locale,
    title: i18n.t(locale)("agreements:list.staffTitle"),
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
  { name: "robots", content: "noindex" },
];

export default function StaffAgreements() {
  const { agreements, locale, title } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="container section">
      <h1>{title}</h1>
      <p className="actions">
        <Link to="/staff/agreements/paper" className="button">
          {t("agreements:paper.title")}
        </Link>
      </p>
      <AgreementList agreements={agreements} locale={locale} withPdf />
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
