import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { errorAnswer, type FieldErrors } from "../../server/errors";
import { vietnamDay } from "../../server/vocabulary/dates";
import { MAX_SCAN_MB } from "../../server/vocabulary/domain";
import { AgreementTermsFields } from "../components/AgreementTermsFields";
import {
  FieldMessage,
  FieldRules,
  FormError,
  SelectField,
  TextField,
  type FieldError,
} from "../components/Fields";
import { useSubmitting } from "../components/IntentForm";
import { requireRole } from "../lib/auth.server";
import { readForm, runForm } from "../lib/forms.server";
import { readUploads } from "../lib/uploads.server";
import { ErrorPage } from "../root";

/**
 * Registering an agreement signed on paper: first who signed (a meeting held at a conference, or a buyer's e-mail
 * and a cooperative), then the terms as the paper says them, the day it was signed and the scan.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = requireRole(context, request, "staff");
  const { agreements, i18n, forms } = context.services;
  const locale = await i18n.getLocale(request);
  const url = new URL(request.url);
  const query = {
    meetingId: url.searchParams.get("meeting") ?? "",
    buyerAccount: url.searchParams.get("buyer") ?? "",
    cooperativeId: url.searchParams.get("cooperative") ?? "",
  };
  const chosen = Object.values(query).some((v) => v !== "");
  let draft: Awaited<ReturnType<typeof agreements.paperDraft>> | null = null;
  let chooseErrors: FieldErrors | null = null;
  if (chosen) {
    try {
      draft = await agreements.paperDraft(staff, query);
    } catch (error) {
      const answer = errorAnswer(error);
      if (!answer?.fields) throw error;
      chooseErrors = answer.fields;
    }
  }
  return json({
    choices: await agreements.paperChoices(staff),
    query,
    draft,
    chooseErrors,
    today: vietnamDay(new Date()),
    rules: forms.rules("agreementTerms").agreementTerms,
    title: i18n.t(locale)("agreements:paper.title"),
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
  { name: "robots", content: "noindex" },
];

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = requireRole(context, request, "staff");
  // A form that is not multipart (no file chosen, scripts off in an old browser) is read as it is: "scan required".
  const multipart = request.headers.get("content-type")?.startsWith("multipart/form-data");
  const read = multipart
    ? await runForm({}, () =>
        readUploads(request, { fileField: "scan", maxBytes: MAX_SCAN_MB * 1024 * 1024 }),
      )
    : { ok: true as const, result: { values: await readForm(request), files: [] } };
  if (!read.ok) return read.response;
  const { values, files } = read.result;
  const outcome = await runForm(values, () =>
    context.services.agreements.registerPaperAgreement(staff, { form: values, scan: files[0] ?? null }),
  );
  if (!outcome.ok) return outcome.response;
  return redirect(`/agreements/${outcome.result.publicId}?done=registered`);
}

export default function PaperAgreement() {
  const { choices, query, draft, chooseErrors, today, rules, title } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useTranslation();
  const busy = useSubmitting();
  const values = failure?.values ?? draft?.terms ?? {};
  // Who signed is chosen in the first form: its problems show there, whether found now or when registering.
  const who: Record<string, FieldError> = chooseErrors ?? {
    meetingId: failure?.errors?.meetingId,
    buyerAccount: failure?.errors?.buyerAccount,
    cooperativeId: failure?.errors?.cooperativeId,
  };
  const kept = (name: string, fallback: string) =>
    typeof failure?.values?.[name] === "string" ? (failure.values[name] as string) : fallback;
  return (
    <div className="container section">
      <nav aria-label={t("common:breadcrumb")} className="breadcrumb">
        <Link to="/staff/agreements">{t("agreements:list.staffTitle")}</Link> › <span>{title}</span>
      </nav>
      <h1>{title}</h1>
      <p className="muted">{t("agreements:paper.lead")}</p>

      <section className="card" aria-labelledby="paper-who">
        <h2 id="paper-who">{t("agreements:paper.who")}</h2>
        <Form method="get" className="stack" noValidate>
          <SelectField
            name="meeting"
            id="paper-meeting"
            label={t("agreements:paper.meeting")}
            placeholder={t("agreements:paper.noMeeting")}
            defaultValue={query.meetingId}
            errors={who.meetingId ? { meeting: who.meetingId } : undefined}
            options={choices.meetings.map((m) => ({
              value: String(m.id),
              label: `${m.conference}: ${m.buyer} – ${m.cooperative}`,
            }))}
          />
          <p className="muted">{t("agreements:paper.orElsewhere")}</p>
          <div className="grid-2">
            <TextField
              name="buyer"
              id="paper-buyer"
              type="email"
              label={t("agreements:paper.buyerEmail")}
              defaultValue={query.buyerAccount}
              errors={who.buyerAccount ? { buyer: who.buyerAccount } : undefined}
            />
            <SelectField
              name="cooperative"
              id="paper-cooperative"
              label={t("agreements:paper.cooperative")}
              placeholder="—"
              defaultValue={query.cooperativeId}
              errors={who.cooperativeId ? { cooperative: who.cooperativeId } : undefined}
              options={choices.cooperatives.map((c) => ({ value: String(c.id), label: c.name }))}
            />
          </div>
          <button type="submit" className="button button-secondary">
            {t("agreements:paper.next")}
          </button>
        </Form>
      </section>

      {draft && (
        <section aria-labelledby="paper-terms">
          <h2 id="paper-terms">
            {t("agreements:paper.terms", { buyer: draft.parties.buyer, supplier: draft.parties.supplier })}
          </h2>
          <Form method="post" encType="multipart/form-data" className="stack" noValidate>
            <FormError errors={failure?.errors} />
            <input type="hidden" name="meetingId" value={query.meetingId} />
            <input type="hidden" name="buyerAccount" value={query.buyerAccount} />
            <input type="hidden" name="cooperativeId" value={query.cooperativeId} />
            <div className="grid-2">
              <TextField
                name="signedOn"
                type="date"
                label={t("agreements:paper.signedOn")}
                defaultValue={kept("signedOn", today)}
                errors={failure?.errors}
                required
              />
              <div>
                <label htmlFor="scan">{t("agreements:paper.scan")}</label>
                <input
                  id="scan"
                  name="scan"
                  type="file"
                  accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
                  aria-invalid={failure?.errors?.scan ? true : undefined}
                  aria-describedby="scan-hint scan-error"
                  required
                />
                <p className="hint" id="scan-hint">
                  {t("agreements:paper.scanHint", { maxMb: MAX_SCAN_MB })}
                </p>
                <FieldMessage id="scan-error" error={failure?.errors?.scan} />
              </div>
            </div>
            <FieldRules rules={rules}>
              <AgreementTermsFields values={values} errors={failure?.errors} />
            </FieldRules>
            <p className="muted">{t("agreements:paper.attestHint")}</p>
            <button type="submit" className="button" disabled={busy}>
              {t("agreements:paper.submit")}
            </button>
          </Form>
        </section>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
