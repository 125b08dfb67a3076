import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CooperativeProfileFields } from "../components/CooperativeProfileFields";
import { CooperativeLogo } from "../components/CooperativeLogo";
import { FieldMessage, FormError } from "../components/Fields";
import { requireRole } from "../lib/auth.server";
import { formValues, orRespond, runForm } from "../lib/forms.server";
import { readUploads } from "../lib/uploads.server";
import { formatDate } from "../lib/format";
import { ErrorPage } from "../root";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireRole(context, request, "cooperative");
  const locale = await context.services.i18n.getLocale(request);
  const cooperative = await orRespond(context.services.cooperatives.forMember(user, locale));
  const url = new URL(request.url);
  return json({
    cooperative,
    locale,
    registered: url.searchParams.has("registered"),
    saved: ["updated", "resubmitted", "logo"].find((k) => k === url.searchParams.get("saved")) ?? null,
    title: context.services.i18n.t(locale)("cooperatives:dashboard.title"),
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
];

/** Two forms: the profile (plain post) and the logo (multipart upload). */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireRole(context, request, "cooperative");
  if (request.headers.get("content-type")?.startsWith("multipart/form-data")) {
    const outcome = await runForm({}, async () => {
      const { files } = await readUploads(request, { fileField: "logo", maxBytes: 10 * 1024 * 1024 });
      return context.services.cooperatives.setLogo(user, files[0]?.data);
    });
    if (!outcome.ok) return outcome.response;
    return redirect("/cooperative?saved=logo");
  }
  const values = formValues(await request.formData());
  const outcome = await runForm(values, () => context.services.cooperatives.updateProfile(user, values));
  if (!outcome.ok) return outcome.response;
  return redirect(`/cooperative?saved=${outcome.result.resubmitted ? "resubmitted" : "updated"}`);
}

export default function CooperativeDashboard() {
  const { cooperative: c, locale, registered, saved } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="container section">
      <h1>{c.name}</h1>
      {registered && (
        <p className="notice notice-approved" role="status">
          {t("cooperatives:dashboard.registered")}
        </p>
      )}
      {saved && (
        <p className="notice notice-approved" role="status">
          {t(`cooperatives:dashboard.saved.${saved}`)}
        </p>
      )}
      <section className={`card status-card status-${c.status}`} aria-labelledby="status-title">
        <h2 id="status-title">
          {t("cooperatives:dashboard.statusTitle")}:{" "}
          <span className={`badge badge-${c.status}`}>{t(`cooperatives:status.${c.status}`)}</span>
        </h2>
        <p>
          {t(`cooperatives:dashboard.statusBody.${c.status}`, {
            date: c.reviewedAt ? formatDate(c.reviewedAt, locale) : "",
          })}
        </p>
        {c.status === "rejected" && c.rejectionReason && (
          <blockquote className="reason">
            <strong>{t("cooperatives:dashboard.reason")}:</strong> {c.rejectionReason}
          </blockquote>
        )}
        {c.status === "approved" && (
          <p>
            <Link to={`/cooperatives/${c.slug}`}>{t("cooperatives:dashboard.viewPublic")}</Link>
          </p>
        )}
      </section>
      <section aria-labelledby="logo-title" className="card">
        <h2 id="logo-title">{t("cooperatives:dashboard.logoTitle")}</h2>
        <div className="coop-card-head">
          <CooperativeLogo name={c.name} logoUrl={c.logoUrl} size={96} />
          <Form method="post" encType="multipart/form-data" className="stack" noValidate>
            <div className={`field${data?.errors?.logo ? " field-invalid" : ""}`}>
              <label htmlFor="logo">{t("cooperatives:dashboard.logoLabel")}</label>
              <input
                id="logo"
                name="logo"
                type="file"
                accept="image/*"
                aria-invalid={data?.errors?.logo ? true : undefined}
                aria-describedby={data?.errors?.logo ? "logo-error logo-hint" : "logo-hint"}
              />
              <p className="field-hint" id="logo-hint">
                {t("cooperatives:dashboard.logoHint")}
              </p>
              <FieldMessage id="logo-error" error={data?.errors?.logo} />
            </div>
            <button type="submit" className="button button-secondary" disabled={busy}>
              {t("cooperatives:dashboard.logoSubmit")}
            </button>
          </Form>
        </div>
      </section>
      <section aria-labelledby="edit-title" className="card">
        <h2 id="edit-title">{t("cooperatives:dashboard.editTitle")}</h2>
        {c.status === "rejected" && <p className="muted">{t("cooperatives:dashboard.resubmitHint")}</p>}
        <Form method="post" className="stack" noValidate>
          <FormError errors={data?.errors} />
          <CooperativeProfileFields
            errors={data?.errors}
            values={data?.values}
            defaults={{
              name: c.name,
              kind: c.kind,
              provinceCode: c.province.code,
              districtCode: c.district?.code,
              address: c.address,
              foundedYear: c.foundedYear,
              memberCount: c.memberCount,
              sectors: c.sectors,
              descriptionVi: c.descriptionVi,
              descriptionEn: c.descriptionEn,
              representative: c.representative,
              phone: c.phone,
              email: c.email,
              website: c.website,
            }}
          />
          <button type="submit" className="button" disabled={busy}>
            {c.status === "rejected" ? t("cooperatives:dashboard.resubmit") : t("common:save")}
          </button>
        </Form>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
