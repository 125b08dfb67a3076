import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Pagination } from "../components/Pagination";
import { OrderListFilters, OrderTable } from "../components/SalesOrderList";
import { requireRole } from "../lib/auth.server";
import { loadOrderList } from "../lib/sales.server";
import { ErrorPage } from "../root";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = requireRole(context, request, "staff");
  const { orders, i18n } = context.services;
  const locale = await i18n.getLocale(request);
  const { list, filterErrors } = await loadOrderList(new URL(request.url), (query) =>
    orders.listAllOrders(staff, { query }),
  );
  return json({ ...list, filterErrors, locale, title: i18n.t(locale)("sales:list.staffTitle") });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
];

export default function StaffOrders() {
  const { query, orders, total, page, perPage, filterErrors, locale } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const filtered = Boolean(query.status || query.from || query.to || query.q);
  return (
    <>
      <h1>{t("sales:list.staffTitle")}</h1>
      <p className="lead">{t("sales:list.staffLead")}</p>
      <OrderListFilters path="/staff/orders" query={query} filterErrors={filterErrors} />
      <div className="result-line" aria-live="polite">
        <p>{t("sales:list.count", { count: total })}</p>
      </div>
      {orders.length === 0 ? (
        <p className="empty">{t(filtered ? "sales:list.emptyFiltered" : "sales:list.staffEmpty")}</p>
      ) : (
        <OrderTable
          orders={orders}
          locale={locale}
          showCooperative
          detailPath={(code) => `/staff/orders/${encodeURIComponent(code)}`}
        />
      )}
      <Pagination page={page} perPage={perPage} total={total} />
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
