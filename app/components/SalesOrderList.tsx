import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { FieldErrors } from "../../server/errors";
import type { OrderSummary } from "../../server/orders";
import { ORDER_STATUSES, type OrderStatus } from "../../server/vocabulary/domain";
import { formatDateTime, formatNumber, formatVnd } from "../../server/vocabulary/format";
import { FieldMessage } from "./Fields";
import { OrderStatusBadge } from "./OrderStatus";
import { toLocale, type Locale } from "../../server/vocabulary/locale";

export interface OrderListQuery {
  status?: OrderStatus;
  from?: string;
  to?: string;
  q?: string;
}

/** The list's filters as a query string, without the page: tabs, the CSV link and "clear" build on it. */
export function filterSearch(query: OrderListQuery, change: Partial<OrderListQuery> = {}): string {
  const merged = { ...query, ...change };
  const p = new URLSearchParams();
  for (const key of ["status", "from", "to", "q"] as const) {
    const value = merged[key];
    if (value) p.set(key, value);
  }
  const qs = p.toString();
  return qs ? `?${qs}` : "";
}

/** Status tabs (with counts when known) and the date and code filters; a plain GET form, so it works without JS. */
export function OrderListFilters({
  path,
  query,
  counts,
  filterErrors,
}: {
  path: string;
  query: OrderListQuery;
  counts?: Partial<Record<OrderStatus, number>>;
  filterErrors: FieldErrors | null;
}) {
  const { t, i18n } = useTranslation();
  const total = counts ? Object.values(counts).reduce((s, n) => s + (n ?? 0), 0) : null;
  const countOf = (n: number | null | undefined) =>
    counts ? (
      <span className="sales-tab-count">
        <span className="visually-hidden">: </span>
        {formatNumber(n ?? 0, toLocale(i18n.language))}
      </span>
    ) : null;
  const filtered = Boolean(query.from || query.to || query.q);
  return (
    <>
      <nav className="tabs sales-tabs" aria-label={t("sales:list.filterStatus")}>
        <Link
          to={`${path}${filterSearch(query, { status: undefined })}`}
          aria-current={!query.status ? "page" : undefined}
        >
          {t("sales:list.all")}
          {countOf(total)}
        </Link>
        {ORDER_STATUSES.map((s) => (
          <Link
            key={s}
            to={`${path}${filterSearch(query, { status: s })}`}
            aria-current={query.status === s ? "page" : undefined}
          >
            {t(`orders:status.${s}`)}
            {countOf(counts?.[s])}
          </Link>
        ))}
      </nav>
      <Form method="get" action={path} className="filter-bar sales-filters" role="search">
        {query.status && <input type="hidden" name="status" value={query.status} />}
        <FilterField name="q" label={t("sales:list.q")} query={query} errors={filterErrors}>
          {(props) => (
            <input
              {...props}
              type="search"
              maxLength={40}
              autoComplete="off"
              placeholder={t("sales:list.qPlaceholder")}
            />
          )}
        </FilterField>
        <FilterField name="from" label={t("sales:list.from")} query={query} errors={filterErrors}>
          {(props) => <input {...props} type="date" />}
        </FilterField>
        <FilterField name="to" label={t("sales:list.to")} query={query} errors={filterErrors}>
          {(props) => <input {...props} type="date" />}
        </FilterField>
        <div className="sales-filter-buttons">
          <button type="submit" className="button">
            {t("sales:list.apply")}
          </button>
          {filtered && (
            <Link to={`${path}${filterSearch(query, { from: undefined, to: undefined, q: undefined })}`}>
              {t("sales:list.clear")}
            </Link>
          )}
        </div>
      </Form>
    </>
  );
}

interface FilterInputProps {
  id: string;
  name: string;
  defaultValue: string;
  "aria-invalid"?: true;
  "aria-describedby"?: string;
}

/** A filter input with its label and, for a filter dropped from a hand-edited URL, the reason beside it. */
function FilterField({
  name,
  label,
  query,
  errors,
  children,
}: {
  name: "q" | "from" | "to";
  label: string;
  query: OrderListQuery;
  errors: FieldErrors | null;
  children: (props: FilterInputProps) => ReactNode;
}) {
  const id = `filter-${name}`;
  const error = errors?.[name];
  return (
    <div className={`field${error ? " field-invalid" : ""}`}>
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        name,
        defaultValue: query[name] ?? "",
        ...(error ? { "aria-invalid": true, "aria-describedby": `${id}-error` } : {}),
      })}
      <FieldMessage id={`${id}-error`} error={error} />
    </div>
  );
}

/** Orders as a table; below 40rem each row becomes a card (labels from data-label), see sales.css. */
export function OrderTable({
  orders,
  detailPath,
  showCooperative = false,
  locale,
}: {
  orders: OrderSummary[];
  detailPath: (code: string) => string;
  showCooperative?: boolean;
  locale: Locale;
}) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll">
      <table className="data-table sales-table order-table">
        <caption className="visually-hidden">{t("sales:list.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("sales:list.col.code")}</th>
            <th scope="col">{t("sales:list.col.date")}</th>
            {showCooperative && <th scope="col">{t("sales:list.col.cooperative")}</th>}
            <th scope="col">{t("sales:list.col.buyer")}</th>
            <th scope="col" className="numeric">
              {t("sales:list.col.items")}
            </th>
            <th scope="col" className="numeric">
              {t("sales:list.col.total")}
            </th>
            <th scope="col">{t("sales:list.col.payment")}</th>
            <th scope="col">{t("sales:list.col.status")}</th>
          </tr>
        </thead>
        <tbody>
          {orders.map((o) => (
            <tr key={o.code}>
              <th scope="row">
                <Link to={detailPath(o.code)} className="sales-code">
                  {o.code}
                </Link>
              </th>
              <td data-label={t("sales:list.col.date")}>
                <time dateTime={o.createdAt}>{formatDateTime(o.createdAt, locale)}</time>
              </td>
              {showCooperative && <td data-label={t("sales:list.col.cooperative")}>{o.cooperative.name}</td>}
              <td data-label={t("sales:list.col.buyer")}>{o.buyer.name}</td>
              <td className="numeric" data-label={t("sales:list.col.items")}>
                {formatNumber(o.itemCount, locale)}
              </td>
              <td className="numeric" data-label={t("sales:list.col.total")}>
                {formatVnd(o.totalVnd, locale)}
              </td>
              <td data-label={t("sales:list.col.payment")}>
                <span className="sales-method">{t(`sales:list.method.${o.paymentMethod}`)}</span>
                <br />
                <span className={`payment-status payment-status-${o.paymentStatus}`}>
                  {t(`orders:paymentStatus.${o.paymentStatus}`)}
                </span>
              </td>
              <td data-label={t("sales:list.col.status")}>
                <OrderStatusBadge status={o.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
