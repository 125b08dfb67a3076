import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FieldMessage, FormError, valueOf } from "../components/Fields";
import { COOPERATIVE_STATUSES, type CooperativeStatus } from "../../server/vocabulary/domain";
import { UnclaimedFailure } from "../components/IntentForm";
import { requireRole } from "../lib/auth.server";
import { formId, readForm, runForm } from "../lib/forms.server";
import { formatDate } from "../../server/vocabulary/format";

function statusFrom(url: URL): CooperativeStatus {
  const s = url.searchParams.get("status");
  return (COOPERATIVE_STATUSES as readonly string[]).includes(s ?? "") ? (s as CooperativeStatus) : "pending";
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireRole(context, request, "staff");
  const { cooperatives, i18n } = context.services;
  const locale = await i18n.getLocale(request);
  const url = new URL(request.url);
  const status = statusFrom(url);
  const [list, counts] = await Promise.all([
    cooperatives.listForReview({ status, locale }),
    cooperatives.countByStatus(),
  ]);
  return json({
    list,
    counts,
    status,
    locale,
    done: url.searchParams.get("done"),
    title: i18n.t(locale)("staff:review.title"),
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
];

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = requireRole(context, request, "staff");
  const values = await readForm(request);
  const id = Number(values.cooperativeId);
  const outcome = await runForm(values, () =>
    context.services.cooperatives.reviewCooperative(staff, {
      cooperativeId: formId(values, "cooperativeId"),
      form: values,
    }),
  );
  if (!outcome.ok) {
    const body = await outcome.response.json();
    return json({ ...body, cooperativeId: id }, { status: outcome.response.status });
  }
  return redirect(`/staff/cooperatives?done=${outcome.result.status}`);
}

export default function ReviewQueue() {
  const { list, counts, status, locale, done } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <h1>{t("staff:review.title")}</h1>
      {done && (
        <p className="notice notice-approved" role="status">
          {t(`staff:review.done.${done}`)}
        </p>
      )}
      <UnclaimedFailure
        claimed={(f) => list.some((c) => c.id === (f as typeof f & { cooperativeId?: number }).cooperativeId)}
      />
      <nav className="tabs" aria-label={t("staff:review.filter")}>
        {COOPERATIVE_STATUSES.map((s) => (
          <Link key={s} to={`?status=${s}`} aria-current={s === status ? "page" : undefined}>
            {t(`cooperatives:status.${s}`)} ({counts[s]})
          </Link>
        ))}
      </nav>
      {list.length === 0 && <p className="empty">{t(`staff:review.empty.${status}`)}</p>}
      <ul className="review-list">
        {list.map((c) => {
          const mine = data && "cooperativeId" in data && data.cooperativeId === c.id;
          const errors = mine ? data.errors : undefined;
          // The reason has its field; anything else wrong (a tampered decision) is said above the buttons.
          const formErrors = errors?._form
            ? { _form: errors._form }
            : errors && Object.keys(errors).some((k) => k !== "reason")
              ? { _form: { code: "form_outdated" } }
              : undefined;
          return (
            <li key={c.id} className="card review-item" aria-labelledby={`coop-${c.id}`}>
              <h2 id={`coop-${c.id}`}>
                <Link to={`/cooperatives/${c.slug}`}>{c.name}</Link>
              </h2>
              <p className="muted">
                {t(`cooperatives:kind.${c.kind}`)} ·{" "}
                {c.ward ? `${t(`geo:wardKind.${c.ward.type}`, { name: c.ward.name })}, ` : ""}
                {c.province.name} ·{" "}
                {t("staff:review.registeredOn", { date: formatDate(c.createdAt, locale) })}
              </p>
              <p lang="vi">{c.descriptionVi}</p>
              <dl className="inline-facts">
                <dt>{t("cooperatives:fields.representative")}</dt>
                <dd>{c.representative}</dd>
                <dt>{t("cooperatives:fields.phone")}</dt>
                <dd>{c.phone}</dd>
                {c.memberCount && (
                  <>
                    <dt>{t("cooperatives:fields.memberCount")}</dt>
                    <dd>{c.memberCount}</dd>
                  </>
                )}
                <dt>{t("cooperatives:fields.sectors")}</dt>
                <dd>{c.sectors.map((s) => t(`cooperatives:sector.${s}`)).join(", ")}</dd>
              </dl>
              {c.status === "rejected" && c.rejectionReason && (
                <blockquote className="reason">
                  <strong>{t("cooperatives:dashboard.reason")}:</strong> {c.rejectionReason}
                </blockquote>
              )}
              {c.status === "pending" && (
                <div className="review-actions">
                  <FormError errors={formErrors} />
                  <Form method="post" replace>
                    <input type="hidden" name="cooperativeId" value={c.id} />
                    <input type="hidden" name="status" value={params.get("status") ?? ""} />
                    <button type="submit" name="decision" value="approve" className="button" disabled={busy}>
                      {t("staff:review.approve")}
                    </button>
                  </Form>
                  <Form method="post" className="reject-form" replace>
                    <input type="hidden" name="cooperativeId" value={c.id} />
                    <label htmlFor={`reason-${c.id}`}>{t("staff:review.reason")}</label>
                    <textarea
                      id={`reason-${c.id}`}
                      name="reason"
                      rows={2}
                      maxLength={500}
                      defaultValue={mine ? (valueOf(data.values, "reason") ?? "") : ""}
                      aria-invalid={errors?.reason ? true : undefined}
                      aria-describedby={errors?.reason ? `reason-${c.id}-error` : undefined}
                    />
                    <FieldMessage id={`reason-${c.id}-error`} error={errors?.reason} />
                    <button
                      type="submit"
                      name="decision"
                      value="reject"
                      className="button button-danger"
                      disabled={busy}
                    >
                      {t("staff:review.reject")}
                    </button>
                  </Form>
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}
