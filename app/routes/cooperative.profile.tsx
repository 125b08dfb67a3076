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
import { wardsOf } from "../../server/vocabulary/wards";
import { CooperativeLogo } from "../components/CooperativeLogo";
import { FieldMessage, FormError, SelectField, TextField, valueOf, FieldRules } from "../components/Fields";
import { requireRole } from "../lib/auth.server";
import { MAX_IMAGE_BYTES } from "../../server/vocabulary/domain";
import { orRespond, runForm, readForm } from "../lib/forms.server";
import { bankOptions } from "../lib/sales.server";
import { readUploads } from "../lib/uploads.server";
import { ErrorPage } from "../root";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireRole(context, request, "cooperative");
  const locale = await context.services.i18n.getLocale(request);
  const { cooperatives } = context.services;
  const [cooperative, bankAccount] = await Promise.all([
    orRespond(cooperatives.getOwnCooperative(user, { locale })),
    orRespond(cooperatives.getBankAccount(user)),
  ]);
  const url = new URL(request.url);
  return json({
    rules: context.services.forms.rules("cooperativeProfile", "bankAccount"),
    cooperative,
    wards: wardsOf(cooperative.province.code),
    bankAccount,
    banks: bankOptions(),
    saved: ["updated", "resubmitted", "logo"].find((k) => k === url.searchParams.get("saved")) ?? null,
    bankSaved: url.searchParams.get("saved") === "bank",
    title: context.services.i18n.t(locale)("workspace:profile.title"),
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
];

/** The cooperative's own details, moved out of the dashboard into a page of their own. Three forms: the profile (plain post), the bank account (intent=bank) and the logo (multipart upload). */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireRole(context, request, "cooperative");
  if (request.headers.get("content-type")?.startsWith("multipart/form-data")) {
    const outcome = await runForm({}, async () => {
      const { files } = await readUploads(request, { fileField: "logo", maxBytes: MAX_IMAGE_BYTES });
      return context.services.cooperatives.setLogo(user, { file: files[0]?.data });
    });
    if (!outcome.ok) return outcome.response;
    return redirect("/cooperative/profile?saved=logo");
  }
  const values = await readForm(request);
  if (values.intent === "bank") {
    const bank = await runForm(values, () => context.services.cooperatives.setBankAccount(user, values));
    if (!bank.ok)
      return json({ ...(await bank.response.json()), intent: "bank" }, { status: bank.response.status });
    return redirect("/cooperative/profile?saved=bank#bank-title");
  }
  const outcome = await runForm(values, () =>
    context.services.cooperatives.updateCooperativeProfile(user, values),
  );
  if (!outcome.ok) return outcome.response;
  return redirect(`/cooperative/profile?saved=${outcome.result.resubmitted ? "resubmitted" : "updated"}`);
}

export default function CooperativeProfile() {
  const {
    cooperative: c,
    bankAccount,
    banks,
    saved,
    bankSaved,
    rules,
    wards,
  } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const bankResult = result && "intent" in result ? result : undefined;
  const data = result && !("intent" in result) ? result : undefined;
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="container section">
      <h1>{t("workspace:profile.title")}</h1>
      <p className="lead">{t("workspace:profile.lead")}</p>
      {saved && (
        <p className="notice notice-approved" role="status">
          {t(`cooperatives:dashboard.saved.${saved}`)}
        </p>
      )}
      {c.location.formerUnits && (
        <p className="notice notice-pending" role="status">
          <a href="#edit-title">{t("geo:addressNeedsWard", { units: c.location.formerUnits })}</a>
        </p>
      )}
      {c.status === "approved" && (
        <p>
          <Link to={`/cooperatives/${c.slug}`}>{t("cooperatives:dashboard.viewPublic")}</Link>
        </p>
      )}
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
          <FieldRules rules={rules.cooperativeProfile}>
            <CooperativeProfileFields
              wards={wards}
              errors={data?.errors}
              values={data?.values}
              defaults={{
                name: c.name,
                kind: c.kind,
                provinceCode: c.province.code,
                wardCode: c.ward?.code,
                formerUnits: c.location.formerUnits,
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
          </FieldRules>
        </Form>
      </section>
      <section aria-labelledby="bank-title" className="card">
        <h2 id="bank-title">{t("sales:bank.title")}</h2>
        {bankSaved && (
          <p className="notice notice-approved" role="status">
            {t("sales:bank.saved")}
          </p>
        )}
        <p>{t("sales:bank.lead")}</p>
        {!bankAccount.bankBin && <p className="notice notice-pending">{t("sales:bank.missing")}</p>}
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="bank" />
          <FormError errors={bankResult?.errors} />
          <FieldRules rules={rules.bankAccount}>
            <SelectField
              name="bankBin"
              label={t("sales:bank.bank")}
              errors={bankResult?.errors}
              placeholder={t("sales:bank.choose")}
              options={banks}
              defaultValue={valueOf(bankResult?.values, "bankBin", bankAccount.bankBin)}
            />
            <div className="field-row">
              <TextField
                name="bankAccountNo"
                label={t("sales:bank.accountNo")}
                hint={t("sales:bank.accountNoHint")}
                errors={bankResult?.errors}
                inputMode="numeric"
                autoComplete="off"
                maxLength={30}
                defaultValue={valueOf(bankResult?.values, "bankAccountNo", bankAccount.bankAccountNo)}
              />
              <TextField
                name="bankAccountName"
                label={t("sales:bank.accountName")}
                hint={t("sales:bank.accountNameHint")}
                errors={bankResult?.errors}
                autoComplete="off"
                defaultValue={valueOf(bankResult?.values, "bankAccountName", bankAccount.bankAccountName)}
              />
            </div>
            <p className="field-hint">{t("sales:bank.clearHint")}</p>
            <button type="submit" className="button" disabled={busy}>
              {t("sales:bank.submit")}
            </button>
          </FieldRules>
        </Form>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
