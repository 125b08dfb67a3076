import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { VerificationResult } from "../../server/agreements";
import { MAX_VERIFY_PDF_MB } from "../../server/vocabulary/domain";
import { formatDateTime } from "../../server/vocabulary/format";
import type { Locale } from "../../server/vocabulary/locale";
import { FormError, TextField } from "../components/Fields";
import { runForm } from "../lib/forms.server";
import { readUploads } from "../lib/uploads.server";

/** A token (the QR code's address opens this page with ?t=…) or an agreement id in the address is checked at once. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { agreements, i18n } = context.services;
  const locale = await i18n.getLocale(request);
  const url = new URL(request.url);
  const token = url.searchParams.get("t") ?? undefined;
  const publicId = url.searchParams.get("id") ?? undefined;
  const result = token || publicId ? await agreements.verifyAgreement({ token, publicId }) : null;
  return json(
    {
      locale,
      title: i18n.t(locale)("agreements:verify.title"),
      token: token ?? "",
      publicId: publicId ?? "",
      result,
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

/** The form: a pasted token or address, an id, or an uploaded PDF (the file wins when there is one). */
export async function action({ request, context }: ActionFunctionArgs) {
  const { agreements } = context.services;
  const multipart = request.headers.get("content-type")?.startsWith("multipart/form-data");
  const read = multipart
    ? await runForm({}, () =>
        readUploads(request, { fileField: "pdf", maxBytes: MAX_VERIFY_PDF_MB * 1024 * 1024 }),
      )
    : { ok: true as const, result: { values: Object.fromEntries(await request.formData()), files: [] } };
  if (!read.ok) return read.response;
  const { values, files } = read.result;
  const text = (key: string) => (typeof values[key] === "string" ? (values[key] as string).trim() : "");
  const result: VerificationResult = await agreements.verifyAgreement({
    pdf: files[0]?.data,
    token: text("token") || undefined,
    publicId: text("publicId") || undefined,
  });
  return json({ result, values: { token: text("token"), publicId: text("publicId") } });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
  { name: "robots", content: "noindex" },
];

function Verdict({ result, locale }: { result: VerificationResult; locale: Locale }) {
  const { t } = useTranslation();
  if (result.verdict === "valid") {
    const a = result.agreement;
    return (
      <section className="card verdict verdict-valid" role="status" aria-live="polite">
        <h2>{t("agreements:verify.valid")}</h2>
        <dl className="facts-list">
          <dt>{t("agreements:verify.facts.publicId")}</dt>
          <dd>
            <code>{a.publicId}</code>
          </dd>
          <dt>{t("agreements:verify.facts.type")}</dt>
          <dd>{t(`agreements:type.${a.type}`)}</dd>
          <dt>{t("agreements:verify.facts.buyer")}</dt>
          <dd>{a.buyer}</dd>
          <dt>{t("agreements:verify.facts.supplier")}</dt>
          <dd>{a.supplier}</dd>
          <dt>{t("agreements:verify.facts.sealedAt")}</dt>
          <dd>{formatDateTime(a.sealedAt, locale)}</dd>
          <dt>{t("agreements:verify.facts.method")}</dt>
          <dd>{t(`agreements:method.${a.method}`)}</dd>
          <dt>{t("agreements:verify.facts.status")}</dt>
          <dd>{t(`agreements:status.${a.status}`)}</dd>
          <dt>{t("agreements:verify.facts.contentHash")}</dt>
          <dd>
            <code className="hash">{a.contentHash}</code>
          </dd>
        </dl>
      </section>
    );
  }
  if (result.verdict === "tampered")
    return (
      <section className="card verdict verdict-tampered" role="alert">
        <h2>{t("agreements:verify.tampered")}</h2>
        {result.publicId && (
          <p>
            {t("agreements:verify.facts.publicId")}: <code>{result.publicId}</code>
          </p>
        )}
        <p>{t("agreements:verify.whatChanged")}:</p>
        <ul>
          {result.parts.map((part) => (
            <li key={part}>{t(`agreements:verify.part.${part}`)}</li>
          ))}
        </ul>
      </section>
    );
  return (
    <section className="card verdict verdict-unknown" role="status" aria-live="polite">
      <h2>{t("agreements:verify.unknown")}</h2>
      <p>{t(`agreements:verify.reason.${result.reason}`)}</p>
    </section>
  );
}

export default function Verify() {
  const loaded = useLoaderData<typeof loader>();
  const acted = useActionData<typeof action>();
  const { t } = useTranslation();
  const busy = useNavigation().state !== "idle";
  const answered = acted && "result" in acted ? acted : null;
  const result = answered?.result ?? loaded.result;
  const values = answered?.values ?? { token: loaded.token, publicId: loaded.publicId };
  const errors = acted && "errors" in acted ? acted.errors : undefined;
  return (
    <div className="container narrow section">
      <h1>{t("agreements:verify.title")}</h1>
      <p className="lead">{t("agreements:verify.lead")}</p>
      {result && <Verdict result={result as VerificationResult} locale={loaded.locale} />}
      <Form method="post" encType="multipart/form-data" className="stack card" noValidate>
        <FormError errors={errors} />
        <TextField
          name="token"
          label={t("agreements:verify.token")}
          defaultValue={values.token}
          required={false}
          errors={errors}
        />
        <TextField
          name="publicId"
          label={t("agreements:verify.publicId")}
          hint={t("agreements:verify.publicIdHint")}
          defaultValue={values.publicId}
          required={false}
          errors={errors}
        />
        <div className="field">
          <label htmlFor="pdf">{t("agreements:verify.pdf")}</label>
          <input id="pdf" name="pdf" type="file" accept="application/pdf,.pdf" />
        </div>
        <button type="submit" className="button" disabled={busy}>
          {t("agreements:verify.submit")}
        </button>
      </Form>
      <p className="muted">
        {t("agreements:verify.offline")}{" "}
        <a href="/.well-known/htx-connect/seal-key.pem">{t("agreements:verify.publicKey")}</a>
      </p>
    </div>
  );
}
