import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OcopBadge, PriceTag } from "../components/ProductCard";
import { ProductStatusBadge } from "../components/ProductFields";
import { ResponsivePicture } from "../components/ResponsivePicture";
import { requireRole } from "../lib/auth.server";
import { PRODUCT_STATUSES, type ProductStatus } from "../../server/vocabulary/domain";
import { orRespond } from "../lib/forms.server";
import { formatNumber } from "../../server/vocabulary/format";
import { ErrorPage } from "../root";

function statusFrom(url: URL): ProductStatus | null {
  const s = url.searchParams.get("status");
  return (PRODUCT_STATUSES as readonly string[]).includes(s ?? "") ? (s as ProductStatus) : null;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireRole(context, request, "cooperative");
  const { catalogue, i18n } = context.services;
  const locale = await i18n.getLocale(request);
  const url = new URL(request.url);
  const status = statusFrom(url);
  const q = (url.searchParams.get("q") ?? "").trim().slice(0, 100);
  const products = await orRespond(
    catalogue.listOwnProducts(user, { query: { status: status ?? undefined, q }, locale }),
  );
  return json({
    products,
    status,
    q,
    locale,
    cooperativeStatus: user.cooperative?.status ?? null,
    title: i18n.t(locale)("dashboard:list.title"),
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
];

export default function CooperativeProducts() {
  const { products, status, q, locale, cooperativeStatus } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const tab = (s: ProductStatus | null) => {
    const p = new URLSearchParams();
    if (s) p.set("status", s);
    if (q) p.set("q", q);
    const qs = p.toString();
    return `/cooperative/products${qs ? `?${qs}` : ""}`;
  };
  return (
    <div className="container section">
      <h1>{t("dashboard:list.title")}</h1>
      <p className="lead">{t("dashboard:list.lead")}</p>
      {cooperativeStatus && cooperativeStatus !== "approved" && (
        <p className="notice notice-pending" role="status">
          {t("dashboard:list.notApproved")}
        </p>
      )}
      <p className="actions">
        <Link to="/cooperative/products/new" className="button">
          {t("dashboard:list.add")}
        </Link>
        <Link to="/cooperative/products/import" className="button button-secondary">
          {t("dashboard:list.import")}
        </Link>
      </p>

      <nav className="tabs" aria-label={t("dashboard:list.filter")}>
        {([null, ...PRODUCT_STATUSES] as const).map((s) => (
          <Link key={s ?? "all"} to={tab(s)} aria-current={s === status ? "page" : undefined}>
            {s ? t(`catalogue:status.${s}`) : t("dashboard:list.all")}
          </Link>
        ))}
      </nav>
      <Form method="get" className="filter-bar" role="search">
        {status && <input type="hidden" name="status" value={status} />}
        <div className="field">
          <label htmlFor="q">{t("dashboard:list.searchLabel")}</label>
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={q}
            maxLength={100}
            placeholder={t("dashboard:list.searchPlaceholder")}
          />
        </div>
        <button type="submit" className="button">
          {t("common:search")}
        </button>
      </Form>

      <div className="result-line" aria-live="polite">
        <p>{t("dashboard:list.count", { count: products.length })}</p>
      </div>

      {products.length === 0 ? (
        <p className="empty">{t(status || q ? "dashboard:list.emptyFiltered" : "dashboard:list.empty")}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">{t("dashboard:list.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">
                  <span className="visually-hidden">{t("dashboard:list.col.image")}</span>
                </th>
                <th scope="col">{t("dashboard:list.col.name")}</th>
                <th scope="col">{t("dashboard:list.col.sku")}</th>
                <th scope="col">{t("dashboard:list.col.price")}</th>
                <th scope="col" className="numeric">
                  {t("dashboard:list.col.stock")}
                </th>
                <th scope="col">{t("dashboard:list.col.status")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("dashboard:list.col.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {products.map((p) => (
                <tr key={p.id}>
                  <td>
                    <span className="product-thumb">
                      {p.image ? (
                        <ResponsivePicture image={p.image} alt="" sizes="64px" />
                      ) : (
                        <span className="image-missing" aria-hidden="true" />
                      )}
                    </span>
                  </td>
                  <th scope="row">
                    <Link to={`/cooperative/products/${p.id}`} lang={p.nameLang}>
                      {p.name}
                    </Link>{" "}
                    {p.ocopStars ? <OcopBadge stars={p.ocopStars} /> : null}
                  </th>
                  <td>
                    <code>{p.sku}</code>
                  </td>
                  <td>
                    <PriceTag priceVnd={p.priceVnd} unit={p.unit} locale={locale} />
                  </td>
                  <td className="numeric">{formatNumber(p.stock, locale)}</td>
                  <td>
                    <ProductStatusBadge status={p.status} />
                  </td>
                  <td>
                    <Link
                      to={`/cooperative/products/${p.id}`}
                      className="button button-secondary button-small"
                      aria-label={t("dashboard:list.editLabel", { name: p.name })}
                    >
                      {t("dashboard:list.edit")}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
