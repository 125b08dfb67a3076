import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate, formatDateTime, formatVnd } from "../../server/vocabulary/format";
import { AgreementTermsFields, changedFieldLabel } from "../components/AgreementTermsFields";
import { TextArea, TextField } from "../components/Fields";
import { failureOf, IntentForm, UnclaimedFailure, useSubmitting } from "../components/IntentForm";
import { useActionData } from "@remix-run/react";
import { requireUser } from "../lib/auth.server";
import {
  formId,
  orRespond,
  readForm,
  runForm,
  runIntent,
  tagged,
  type FormValues,
} from "../lib/forms.server";
import { readUploads } from "../lib/uploads.server";
import { MAX_IMAGE_BYTES } from "../../server/vocabulary/domain";
import { ErrorPage } from "../root";
import { AgreementTracking } from "../components/AgreementTracking";
import { AgreementFollowing } from "../components/AgreementFollowing";
import { vietnamDay } from "../../server/vocabulary/dates";

const DONE = [
  "drafted",
  "registered",
  "revised",
  "signed",
  "sealed",
  "commented",
  "cancelled",
  "delivery",
  "confirmed",
  "disputed",
  "moved",
  "follow_up_added",
  "follow_up_done",
  "follow_up_assigned",
  "owner_assigned",
  "note_added",
] as const;

/** An agreement for its two parties (and staff): the terms, their versions, signatures, discussion and the seal. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const { agreements, i18n, forms } = context.services;
  const locale = await i18n.getLocale(request);
  const agreement = await orRespond(agreements.getAgreement(user, { publicId: params.publicId ?? "" }));
  const rules = forms.rules("agreementTerms", "agreementComment", "agreementSign", "agreementCancel");
  const done = new URL(request.url).searchParams.get("done");
  // The union's own panel (follow-ups, notes, timeline): staff only, once sealed.
  const following =
    agreement.side === "staff" && agreement.sealed
      ? {
          ...(await agreements.followingOf(user, agreement.publicId)),
          rules: forms.rules("followUp", "agreementNote"),
        }
      : null;
  return json({
    agreement,
    following,
    // The delivery form's id: the same form sent twice records one delivery (a new one after each success).
    requestId: crypto.randomUUID(),
    today: vietnamDay(new Date()),
    locale,
    rules,
    done: (DONE as readonly string[]).includes(done ?? "") ? done : null,
    title: i18n.t(locale)("agreements:detail.title", { id: agreement.publicId }),
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
  { name: "robots", content: "noindex" },
];

/**
 * The page's forms, told apart by `intent`: revise (a new version), comment, sign (with the password), cancel;
 * once sealed, a delivery recorded or answered by a party, and staff's moves along the pipeline. The delivery form
 * is the one multipart form (its optional proof photo).
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const publicId = params.publicId ?? "";
  let values: FormValues;
  let photo: Buffer | null = null;
  if (request.headers.get("content-type")?.startsWith("multipart/form-data")) {
    // A photo over the limit fails while the body is read, before its intent is known: it can only be a delivery's.
    const upload = await runForm({}, () =>
      readUploads(request, { fileField: "photo", maxBytes: MAX_IMAGE_BYTES }),
    );
    if (!upload.ok) return tagged("delivery", upload.response);
    values = upload.result.values;
    photo = upload.result.files[0]?.data ?? null;
  } else {
    values = await readForm(request);
  }
  const { agreements } = context.services;
  const intent = String(values.intent ?? "");
  const input = { publicId, form: values };
  const work: Record<string, () => Promise<string>> = {
    revise: () => agreements.reviseAgreement(user, input).then(() => "revised"),
    comment: () => agreements.commentOnAgreement(user, input).then(() => "commented"),
    sign: () =>
      agreements
        .signAgreement(user, { ...input, meta: context.requestMeta })
        .then((r) => (r.status === "sealed" ? "sealed" : "signed")),
    cancel: () => agreements.cancelAgreement(user, input).then(() => "cancelled"),
    delivery: () => agreements.recordDelivery(user, { ...input, photo }).then(() => "delivery"),
    answer_delivery: () =>
      agreements
        .answerDelivery(user, input)
        .then((r) => (r.status === "confirmed" ? "confirmed" : "disputed")),
    move: () => agreements.moveAgreement(user, input).then(() => "moved"),
    // The union staff's panel.
    follow_up_add: () => agreements.addFollowUp(user, input).then(() => "follow_up_added"),
    follow_up_done: () => agreements.completeFollowUp(user, input).then(() => "follow_up_done"),
    follow_up_assign: () =>
      agreements
        .assignFollowUp(user, { followUpId: formId(values, "followUpId"), form: values })
        .then(() => "follow_up_assigned"),
    owner_assign: () =>
      agreements
        .assignAgreements(user, { publicIds: [publicId], assigneeId: values.assigneeId })
        .then(() => "owner_assigned"),
    note_add: () => agreements.addAgreementNote(user, input).then(() => "note_added"),
  };
  const outcome = await runIntent<string>(values, work[intent] ?? null);
  if (!outcome.ok) return outcome.response;
  return redirect(`/agreements/${publicId}?done=${outcome.result}`);
}

export default function AgreementPage() {
  const {
    agreement: a,
    following,
    requestId,
    today,
    locale,
    rules,
    done,
    title,
  } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  const busy = useSubmitting();
  const c = a.content;
  const party = a.side !== "staff";
  const editable = party && (a.status === "draft" || a.status === "awaiting_signature");
  const mySignature = a.signatures.find(
    (s) => !s.voided && s.version === a.currentVersion && s.party === a.side,
  );
  const revise = failureOf(data, "revise");
  const sign = failureOf(data, "sign");
  const comment = failureOf(data, "comment");
  const cancel = failureOf(data, "cancel");
  const party_ = (p: typeof c.parties.buyer, label: string) => (
    <div>
      <h3>{label}</h3>
      <p>
        <strong>{p.legalName}</strong>
        <br />
        {t("agreements:detail.representative")}: {p.representative} ({p.representativeTitle})
        <br />
        {t("agreements:detail.taxCode")}: {p.taxCode || "—"}
        <br />
        {t("agreements:detail.address")}: {p.address || "—"}
      </p>
    </div>
  );
  return (
    <div className="container section agreement">
      <nav aria-label={t("common:breadcrumb")} className="breadcrumb">
        <Link to={a.side === "staff" ? "/staff/agreements" : "/agreements"}>
          {t("agreements:list.title")}
        </Link>{" "}
        › {a.publicId}
      </nav>
      <h1>{title}</h1>
      <p>
        <span className={`badge status-${a.status}`}>{t(`agreements:status.${a.status}`)}</span>{" "}
        {a.method === "paper" && <span className="badge">{t("agreements:method.paper")}</span>}{" "}
        {t(`agreements:type.${c.type}`)} · {t("agreements:detail.version", { version: a.currentVersion })}
      </p>
      <UnclaimedFailure
        claimed={(f) =>
          [
            "revise",
            "comment",
            "sign",
            "cancel",
            "delivery",
            "answer_delivery",
            "move",
            "follow_up_add",
            "follow_up_done",
            "follow_up_assign",
            "owner_assign",
            "note_add",
          ].includes(f.intent)
        }
      />
      {done && (
        <p className="notice notice-approved" role="status">
          {t(`agreements:done.${done}`)}
        </p>
      )}
      {a.cancelReason && (
        <p className="notice notice-pending">
          {t("agreements:detail.cancelled", { reason: a.cancelReason })}
        </p>
      )}
      {a.sealed && (
        <section className="card" aria-labelledby="seal">
          <h2 id="seal">{t("agreements:status.sealed")}</h2>
          <p>
            {t("agreements:detail.sealedNote", {
              at: formatDateTime(a.sealed.at, locale),
              hash: a.sealed.contentHash,
            })}
          </p>
          <p>
            <a className="button" href={`/agreements/${a.publicId}.pdf`} download>
              {t("agreements:detail.pdf")}
            </a>{" "}
            {a.paper && (
              <>
                <a className="button button-secondary" href={`/agreements/${a.publicId}/scan`} download>
                  {t("agreements:detail.scan")}
                </a>{" "}
              </>
            )}
            <Link to={`/verify?id=${a.publicId}`}>{t("agreements:detail.verify")}</Link>
          </p>
          {a.paper && (
            <p className="muted">
              {t("agreements:detail.attested", {
                name: a.paper.attestedBy,
                at: formatDateTime(a.paper.attestedAt, locale),
                hash: a.paper.scanSha256,
              })}
            </p>
          )}
        </section>
      )}

      {a.statusReason && (a.status === "stalled" || a.status === "cancelled") && (
        <p className="notice notice-pending">
          {t(`agreements:tracking.reason.${a.status}`, { reason: a.statusReason })}
        </p>
      )}
      {a.tracking && (
        <AgreementTracking
          agreement={a}
          tracking={a.tracking}
          requestId={requestId}
          today={today}
          locale={locale}
          data={data}
        />
      )}
      {following && (
        <AgreementFollowing
          following={following}
          locale={locale}
          today={today}
          requestId={requestId}
          rules={following.rules}
        />
      )}

      <section aria-labelledby="parties">
        <h2 id="parties">{t("agreements:detail.parties")}</h2>
        <div className="grid-2">
          {party_(c.parties.buyer, t("agreements:form.buyer"))}
          {party_(c.parties.supplier, t("agreements:form.supplier"))}
        </div>
      </section>

      <section aria-labelledby="terms">
        <h2 id="terms">{t("agreements:detail.terms")}</h2>
        <dl className="facts-list">
          <dt>{t("agreements:detail.product")}</dt>
          <dd>{c.product.name}</dd>
          <dt>{t("agreements:form.qualityStandard")}</dt>
          <dd>{c.product.qualityStandard}</dd>
          <dt>{t("agreements:detail.quantity")}</dt>
          <dd>
            {c.quantity.toLocaleString(locale === "vi" ? "vi-VN" : "en-GB")} {t(`catalogue:unit.${c.unit}`)}
          </dd>
          <dt>{t("agreements:detail.unitPrice")}</dt>
          <dd>{formatVnd(c.unitPriceVnd, locale)}</dd>
          <dt>{t("agreements:detail.total")}</dt>
          <dd>
            <strong>{formatVnd(c.totalVnd, locale)}</strong>
          </dd>
          <dt>{t("agreements:detail.deliveries")}</dt>
          <dd>
            {c.deliveries.length === 0
              ? t("agreements:detail.noDeliveries")
              : c.deliveries.map((d) => (
                  <span key={d.date} className="block">
                    {formatDate(d.date, locale)}:{" "}
                    {d.quantity.toLocaleString(locale === "vi" ? "vi-VN" : "en-GB")}{" "}
                    {t(`catalogue:unit.${c.unit}`)}
                  </span>
                ))}
          </dd>
          <dt>{t("agreements:detail.validity")}</dt>
          <dd>
            {formatDate(c.validFrom, locale)} – {formatDate(c.validUntil, locale)}
          </dd>
          <dt>{t("agreements:form.paymentTermsVi")}</dt>
          <dd lang="vi">{c.paymentTerms.vi}</dd>
          <dt>{t("agreements:form.deliveryTermsVi")}</dt>
          <dd lang="vi">{c.deliveryTerms.vi}</dd>
          <dt>{t("agreements:form.disputeClauseVi")}</dt>
          <dd lang="vi">{c.disputeClause.vi}</dd>
        </dl>
      </section>

      <section aria-labelledby="signatures">
        <h2 id="signatures">{t("agreements:detail.signatures")}</h2>
        {a.signatures.length === 0 ? (
          <p className="muted">{t("agreements:detail.noSignatures")}</p>
        ) : (
          <ul>
            {a.signatures.map((s) => (
              <li key={`${s.version}-${s.party}`} className={s.voided ? "muted" : undefined}>
                {t(`agreements:side.${s.party}`)}: {s.signerName} ({s.title}, {s.organisation}) ·{" "}
                {t("agreements:detail.version", { version: s.version })} ·{" "}
                {s.method === "paper" ? formatDate(s.signedAt, locale) : formatDateTime(s.signedAt, locale)} ·{" "}
                {t(`agreements:signatureMethod.${s.method}`)}
                {s.voided && <> · {t("agreements:detail.voided")}</>}
              </li>
            ))}
          </ul>
        )}
        {editable && !mySignature && (
          <IntentForm intent="sign" labelledBy="sign-title" rules={rules.agreementSign}>
            <h3 id="sign-title">{t("agreements:form.sign", { version: a.currentVersion })}</h3>
            <p className="muted">{t("agreements:form.signHint")}</p>
            <input type="hidden" name="version" value={a.currentVersion} />
            <TextField
              name="password"
              type="password"
              autoComplete="current-password"
              label={t("agreements:form.password")}
              errors={sign?.errors}
              required
            />
            {sign?.errors && Object.keys(sign.errors).some((k) => k !== "password") && (
              <ul className="field-error">
                {Object.entries(sign.errors)
                  .filter(([k]) => k !== "password")
                  .flatMap(([k, e]) =>
                    !e
                      ? []
                      : [
                          <li key={k}>
                            {k === "_form"
                              ? ""
                              : `${t(`agreements:form.${k.replace(/^(buyer|supplier)/, "").replace(/^./, (x) => x.toLowerCase())}`)}: `}
                            {t(`errors:${e.code}`, e.params)}
                          </li>,
                        ],
                  )}
              </ul>
            )}
            <button type="submit" className="button" disabled={busy}>
              {t("agreements:form.sign", { version: a.currentVersion })}
            </button>
          </IntentForm>
        )}
      </section>

      <section aria-labelledby="history">
        <h2 id="history">{t("agreements:detail.history")}</h2>
        <ol>
          {a.versions.map((v) => (
            <li key={v.version}>
              {t("agreements:detail.version", { version: v.version })} · {t(`agreements:side.${v.side}`)} ·{" "}
              {formatDateTime(v.createdAt, locale)} ·{" "}
              {v.changes.length === 0
                ? t("agreements:detail.firstVersion")
                : t("agreements:detail.changed", {
                    fields: [...new Set(v.changes.map((ch) => changedFieldLabel(ch.path, t)))].join("; "),
                  })}
              {v.note && <q> {v.note}</q>}
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="comments">
        <h2 id="comments">{t("agreements:detail.comments")}</h2>
        {a.comments.length === 0 ? (
          <p className="muted">{t("agreements:detail.noComments")}</p>
        ) : (
          <ul className="thread">
            {a.comments.map((m, i) => (
              <li key={i}>
                <strong>{t(`agreements:side.${m.side}`)}</strong> · {formatDateTime(m.createdAt, locale)}
                <p>{m.body}</p>
              </li>
            ))}
          </ul>
        )}
        {a.status !== "cancelled" && (
          <IntentForm intent="comment" rules={rules.agreementComment}>
            <TextArea
              name="body"
              label={t("agreements:form.comment")}
              errors={comment?.errors}
              defaultValue={comment?.values.body as string}
            />
            <button type="submit" className="button" disabled={busy}>
              {t("agreements:form.send")}
            </button>
          </IntentForm>
        )}
      </section>

      {editable && (
        <section aria-labelledby="revise-title">
          <h2 id="revise-title">{t("agreements:form.revise")}</h2>
          <p className="muted">{t("agreements:form.reviseHint")}</p>
          <IntentForm intent="revise" rules={rules.agreementTerms}>
            <input type="hidden" name="basedOn" value={a.currentVersion} />
            <AgreementTermsFields values={revise?.values ?? a.terms} errors={revise?.errors} />
            <button type="submit" className="button" disabled={busy}>
              {t("agreements:form.save")}
            </button>
          </IntentForm>
        </section>
      )}

      {(editable || (a.side === "staff" && (a.status === "draft" || a.status === "awaiting_signature"))) && (
        <section aria-labelledby="cancel-title">
          <h2 id="cancel-title">{t("agreements:form.cancel")}</h2>
          <IntentForm intent="cancel" confirm={t("agreements:form.cancel")} rules={rules.agreementCancel}>
            <TextField name="reason" label={t("agreements:form.reason")} errors={cancel?.errors} />
            <button type="submit" className="button button-danger" disabled={busy}>
              {t("agreements:form.cancel")}
            </button>
          </IntentForm>
        </section>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
