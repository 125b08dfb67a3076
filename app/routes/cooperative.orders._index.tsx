import { json, redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Pagination } from "../components/Pagination";
import { OrderListFilters, OrderTable, filterSearch } from "../components/SalesOrderList";
import { requireCooperativeMember } from "../lib/auth.server";
import { orRespond } from "../lib/forms.server";
import { loadOrderList, orderListParams } from "../lib/sales.server";
import { ErrorPage } from "../root";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireCooperativeMember(context, request);
  const url = new URL(request.url);
  // Staff have no cooperative of their own; their list of every order is the same filters under /staff.
  if (user.role === "staff") {
    const qs = new URLSearchParams(orderListParams(url)).toString();
    throw redirect(`/staff/orders${qs ? `?${qs}` : ""}`);
  }
  const { orders, i18n } = context.services;
  const locale = await i18n.getLocale(request);
  const [{ list, filterErrors }, counts] = await Promise.all([
    loadOrderList(url, (query) => orders.listCooperativeOrders(user, { query })),
    orRespond(orders.countCooperativeOrders(user)),
  ]);
  return json({ ...list, counts, filterErrors, locale, title: i18n.t(locale)("sales:list.title") });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
];

export default function CooperativeOrders() {
  const { query, orders, total, page, perPage, counts, filterErrors, locale } =
    useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const filters = filterSearch(query);
  const anyOrder = Object.values(counts).some((n) => (n ?? 0) > 0);
  return (
    <div className="container section">
      <h1>{t("sales:list.title")}</h1>
      <p className="lead">{t("sales:list.lead")}</p>
      <OrderListFilters
        path="/cooperative/orders"
        query={query}
        counts={counts}
        filterErrors={filterErrors}
      />
      <div className="result-line" aria-live="polite">
        <p>{t("sales:list.count", { count: total })}</p>
        {total > 0 && (
          <a
            href={`/cooperative/orders.csv${filters}`}
            className="button button-secondary button-small"
            download
          >
            {t("sales:list.exportCsv")}
          </a>
        )}
      </div>
      {orders.length === 0 ? (
        <div className="empty">
          <p>{t(anyOrder ? "sales:list.emptyFiltered" : "sales:list.empty")}</p>
          {!anyOrder && (
            <p>
              <Link to="/cooperative/products">{t("sales:list.emptyAction")}</Link>
            </p>
          )}
        </div>
      ) : (
        <>
          <OrderTable
            orders={orders}
            locale={locale}
            detailPath={(code) => `/cooperative/orders/${encodeURIComponent(code)}`}
          />
          <p className="muted small">{t("sales:list.exportHint")}</p>
        </>
      )}
      <Pagination page={page} perPage={perPage} total={total} />
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
