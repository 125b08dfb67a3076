import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FieldMessage, FormError, valueOf } from "../components/Fields";
import { UnclaimedFailure } from "../components/IntentForm";
import { requireRole } from "../lib/auth.server";
import { orRespond, runForm, readForm } from "../lib/forms.server";
import { formatDateTime, formatNumber, formatVnd } from "../../server/vocabulary/format";
import { ErrorPage } from "../root";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = requireRole(context, request, "staff");
  const { ledger, i18n } = context.services;
  const locale = await i18n.getLocale(request);
  const [balances, settlements] = await Promise.all([
    orRespond(ledger.listBalances(staff)),
    orRespond(ledger.listSettlements(staff)),
  ]);
  const settledId = Number(new URL(request.url).searchParams.get("settled"));
  return json({
    balances,
    settlements,
    settled: settlements.find((s) => s.id === settledId) ?? null,
    locale,
    title: i18n.t(locale)("sales:ledger.title"),
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
];

/**
 * Settling takes every unsettled entry of the cooperative. The form carries the amount the staff member saw
 * and confirmed; if a sale or refund arrived since, the amount no longer matches what was transferred, so the
 * page asks them to look again instead of recording the wrong sum.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const staff = requireRole(context, request, "staff");
  const { ledger } = context.services;
  const values = await readForm(request);
  const cooperativeId = Number(values.cooperativeId);
  const outcome = await runForm(values, () => ledger.settleCooperative(staff, values));
  if (!outcome.ok) {
    const body = await outcome.response.json();
    return json({ ...body, cooperativeId }, { status: outcome.response.status });
  }
  return redirect(`/staff/ledger?settled=${outcome.result.settlementId}`);
}

export default function Ledger() {
  const { balances, settlements, settled, locale } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const names = new Map(balances.map((b) => [b.cooperative.id, b.cooperative.name]));
  const owed = balances.filter((b) => b.unsettledVnd > 0);
  const totalOwed = owed.reduce((s, b) => s + b.unsettledVnd, 0);
  const totalSettled = balances.reduce((s, b) => s + b.settledVnd, 0);
  return (
    <>
      <h1>{t("sales:ledger.title")}</h1>
      <UnclaimedFailure
        claimed={(f) =>
          owed.some((b) => b.cooperative.id === (f as typeof f & { cooperativeId?: number }).cooperativeId)
        }
      />
      <p className="lead">{t("sales:ledger.lead")}</p>
      {settled && (
        <p className="notice notice-approved" role="status">
          {t("sales:ledger.settled", {
            amount: formatVnd(settled.amountVnd, locale),
            count: settled.entryCount,
            cooperative: names.get(settled.cooperativeId) ?? "",
            reference: settled.reference,
          })}
        </p>
      )}
      <dl className="stat-cards">
        <div className="card">
          <dt>{t("sales:ledger.totalOwed")}</dt>
          <dd>{formatVnd(totalOwed, locale)}</dd>
        </div>
        <div className="card">
          <dt>{t("sales:ledger.cooperativesOwed")}</dt>
          <dd>{formatNumber(owed.length, locale)}</dd>
        </div>
        <div className="card">
          <dt>{t("sales:ledger.totalSettled")}</dt>
          <dd>{formatVnd(totalSettled, locale)}</dd>
        </div>
      </dl>
      <p className="actions ledger-downloads">
        <a href="/staff/ledger.csv?unsettled=1" className="button button-secondary button-small" download>
          {t("sales:ledger.csvUnsettled")}
        </a>
        <a href="/staff/ledger.csv" className="button button-secondary button-small" download>
          {t("sales:ledger.csvAll")}
        </a>
      </p>

      <h2>{t("sales:ledger.balancesTitle")}</h2>
      {balances.length === 0 ? (
        <p className="empty">{t("sales:ledger.empty")}</p>
      ) : (
        <ul className="ledger-list">
          {balances.map((b) => {
            const mine = data && "cooperativeId" in data && data.cooperativeId === b.cooperative.id;
            const errors = mine ? data.errors : undefined;
            const values = mine ? data.values : undefined;
            const id = b.cooperative.id;
            const amount = formatVnd(b.unsettledVnd, locale);
            return (
              <li
                key={id}
                className={`card ledger-item${b.unsettledVnd > 0 ? " ledger-owed" : ""}`}
                aria-labelledby={`coop-${id}`}
              >
                <h3 id={`coop-${id}`}>{b.cooperative.name}</h3>
                <dl className="inline-facts">
                  <dt>{t("sales:ledger.unsettled")}</dt>
                  <dd>
                    <strong>{amount}</strong>
                  </dd>
                  <dt>{t("sales:ledger.entries")}</dt>
                  <dd>{t("sales:ledger.entryCount", { count: b.unsettledEntries })}</dd>
                  <dt>{t("sales:ledger.payTo")}</dt>
                  <dd>
                    {b.bank ? (
                      <>
                        {b.bank.bankName} · <code>{b.bank.accountNo}</code> · {b.bank.accountName}
                      </>
                    ) : (
                      t("sales:ledger.noBank")
                    )}
                  </dd>
                  <dt>{t("sales:ledger.settledTotal")}</dt>
                  <dd>{formatVnd(b.settledVnd, locale)}</dd>
                  <dt>{t("sales:ledger.lastSettlement")}</dt>
                  <dd>
                    {b.lastSettlementAt
                      ? formatDateTime(b.lastSettlementAt, locale)
                      : t("sales:ledger.never")}
                  </dd>
                </dl>
                {b.unsettledEntries > 0 && (
                  <p>
                    <a href={`/staff/ledger.csv?cooperative=${id}&unsettled=1`} download>
                      {t("sales:ledger.csvCooperative")}
                    </a>
                  </p>
                )}
                {b.unsettledVnd > 0 ? (
                  <Form method="post" className="stack ledger-settle" noValidate replace>
                    <h4>{t("sales:ledger.settleTitle")}</h4>
                    <FormError
                      errors={
                        errors?._form
                          ? { _form: errors._form }
                          : errors && Object.keys(errors).some((k) => k !== "reference" && k !== "confirmed")
                            ? { _form: { code: "form_outdated" } }
                            : undefined
                      }
                    />
                    <input type="hidden" name="cooperativeId" value={id} />
                    <input type="hidden" name="expectedVnd" value={b.unsettledVnd} />
                    <div className={`field${errors?.reference ? " field-invalid" : ""}`}>
                      <label htmlFor={`reference-${id}`}>
                        {t("sales:ledger.reference")}
                        <span className="required" aria-hidden="true">
                          {" "}
                          *
                        </span>
                      </label>
                      <input
                        id={`reference-${id}`}
                        name="reference"
                        type="text"
                        required
                        minLength={3}
                        maxLength={120}
                        autoComplete="off"
                        defaultValue={valueOf(values, "reference")}
                        aria-invalid={errors?.reference ? true : undefined}
                        aria-describedby={
                          errors?.reference
                            ? `reference-${id}-error reference-${id}-hint`
                            : `reference-${id}-hint`
                        }
                      />
                      <p className="field-hint" id={`reference-${id}-hint`}>
                        {t("sales:ledger.referenceHint")}
                      </p>
                      <FieldMessage id={`reference-${id}-error`} error={errors?.reference} />
                    </div>
                    <div className={`field${errors?.confirmed ? " field-invalid" : ""}`}>
                      <label className="checkbox">
                        <input
                          type="checkbox"
                          name="confirmed"
                          value="yes"
                          required
                          aria-invalid={errors?.confirmed ? true : undefined}
                          aria-describedby={errors?.confirmed ? `confirmed-${id}-error` : undefined}
                        />
                        {t("sales:ledger.confirm", { amount, cooperative: b.cooperative.name })}
                      </label>
                      {errors?.confirmed && (
                        <p className="field-error" id={`confirmed-${id}-error`} role="alert">
                          {t("sales:ledger.confirmRequired")}
                        </p>
                      )}
                    </div>
                    <button type="submit" className="button" disabled={busy}>
                      {t("sales:ledger.settleSubmit", { amount })}
                    </button>
                  </Form>
                ) : (
                  <p className="muted">
                    {t(b.unsettledVnd < 0 ? "sales:ledger.negative" : "sales:ledger.nothingOwed")}
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}

      <h2>{t("sales:ledger.recentTitle")}</h2>
      {settlements.length === 0 ? (
        <p className="empty">{t("sales:ledger.noSettlements")}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table sales-table">
            <caption className="visually-hidden">{t("sales:ledger.recentTitle")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("sales:ledger.col.date")}</th>
                <th scope="col">{t("sales:ledger.col.cooperative")}</th>
                <th scope="col" className="numeric">
                  {t("sales:ledger.col.amount")}
                </th>
                <th scope="col" className="numeric">
                  {t("sales:ledger.col.entries")}
                </th>
                <th scope="col">{t("sales:ledger.col.reference")}</th>
              </tr>
            </thead>
            <tbody>
              {settlements.map((s) => (
                <tr key={s.id}>
                  <th scope="row">{formatDateTime(s.createdAt, locale)}</th>
                  <td data-label={t("sales:ledger.col.cooperative")}>{names.get(s.cooperativeId) ?? ""}</td>
                  <td className="numeric" data-label={t("sales:ledger.col.amount")}>
                    {formatVnd(s.amountVnd, locale)}
                  </td>
                  <td className="numeric" data-label={t("sales:ledger.col.entries")}>
                    {formatNumber(s.entryCount, locale)}
                  </td>
                  <td data-label={t("sales:ledger.col.reference")}>
                    <code>{s.reference}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
