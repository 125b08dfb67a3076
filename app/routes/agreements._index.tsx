import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AgreementList } from "../components/AgreementList";
import { CooperativeWorkspace } from "../components/CooperativeWorkspace";
import { requireRole } from "../lib/auth.server";
import { ErrorPage } from "../root";

/** A buyer's or a cooperative's agreements, newest first. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireRole(context, request, "buyer", "cooperative");
  const { agreements, i18n } = context.services;
  const locale = await i18n.getLocale(request);
  return json({
    agreements: await agreements.listAgreements(user),
    /** A cooperative member sees the list inside the workspace, where its sidebar links here. */
    workspace: user.role === "cooperative" && Boolean(user.cooperative),
    locale,
    title: i18n.t(locale)("agreements:list.title"),
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
  { name: "robots", content: "noindex" },
];

export default function MyAgreements() {
  const { agreements, locale, title, workspace } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const page = (
    <div className="container section">
      <h1>{title}</h1>
      <p className="muted">{t("agreements:list.intro")}</p>
      <AgreementList agreements={agreements} locale={locale} />
      <p>
        <Link to="/verify">{t("agreements:verify.title")}</Link>
      </p>
    </div>
  );
  return workspace ? <CooperativeWorkspace>{page}</CooperativeWorkspace> : page;
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
