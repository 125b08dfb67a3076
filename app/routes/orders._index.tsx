import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OrderStatusBadge } from "../components/OrderStatus";
import { Pagination } from "../components/Pagination";
import { requireUser } from "../lib/auth.server";
import { ORDER_STATUSES } from "../../server/vocabulary/domain";
import { formatDateTime, formatVnd } from "../../server/vocabulary/format";
import { orRespond } from "../lib/forms.server";
import { ErrorPage } from "../root";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const { i18n, orders } = context.services;
  const locale = await i18n.getLocale(request);
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const list = await orRespond(orders.listBuyerOrders(user, { query }));
  return json({ ...list, locale, title: i18n.t(locale)("shop:orders.title") });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
  { name: "robots", content: "noindex" },
];

export default function MyOrders() {
  const { orders, query, total, page, perPage, locale } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const filtered = Boolean(query.status || query.q || query.from || query.to);
  return (
    <div className="container section shop-orders-page">
      <h1>{t("shop:orders.title")}</h1>
      <Form
        method="get"
        className="filter-bar shop-orders-filter"
        role="search"
        aria-label={t("shop:orders.filter")}
      >
        <div className="field">
          <label htmlFor="status">{t("shop:orders.status")}</label>
          <select id="status" name="status" defaultValue={query.status ?? ""}>
            <option value="">{t("shop:orders.allStatuses")}</option>
            {ORDER_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`orders:status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="q">{t("shop:orders.code")}</label>
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={query.q ?? ""}
            placeholder="HTX-…"
            autoComplete="off"
            maxLength={40}
          />
        </div>
        <button type="submit" className="button button-secondary">
          {t("common:filter")}
        </button>
        {filtered && <Link to="/orders">{t("shop:orders.clearFilter")}</Link>}
      </Form>

      {orders.length === 0 ? (
        <div className="empty">
          {filtered ? (
            <p>
              {t("shop:orders.noMatch")} <Link to="/orders">{t("shop:orders.clearFilter")}</Link>
            </p>
          ) : (
            <>
              <p>{t("shop:orders.none")}</p>
              <p>
                <Link to="/products" className="button">
                  {t("shop:cart.browse")}
                </Link>
              </p>
            </>
          )}
        </div>
      ) : (
        <>
          <p className="muted" role="status">
            {t("shop:orders.count", { count: total })}
          </p>
          <ul className="shop-order-list">
            {orders.map((o) => (
              <li key={o.code} className="card shop-order-row">
                <div className="shop-order-row-main">
                  <h2 className="shop-order-row-title">
                    <Link to={`/orders/${o.code}`} className="shop-order-code">
                      {o.code}
                    </Link>
                  </h2>
                  <p className="small muted">
                    <time dateTime={o.createdAt}>{formatDateTime(o.createdAt, locale)}</time> ·{" "}
                    {o.cooperative.name}
                  </p>
                </div>
                <p className="shop-order-row-status">
                  <OrderStatusBadge status={o.status} />
                </p>
                <p className="shop-order-row-total">
                  <strong>{formatVnd(o.totalVnd, locale)}</strong>
                  <br />
                  <span className="small muted">
                    {t("shop:orders.itemCount", { count: o.itemCount })} ·{" "}
                    {t(`orders:paymentMethod.${o.paymentMethod}`)}
                  </span>
                </p>
              </li>
            ))}
          </ul>
          <Pagination page={page} perPage={perPage} total={total} />
        </>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
