import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { FieldMessage, FormError, type Errors } from "../components/Fields";
import { OcopBadge, PriceTag } from "../components/ProductCard";
import { ProductStatusBadge } from "../components/ProductFields";
import { ResponsivePicture } from "../components/ResponsivePicture";
import { requireRole } from "../lib/auth.server";
import { PRODUCT_STATUSES, type ProductStatus } from "../../server/vocabulary/domain";
import { orRespond, readForm, runForm } from "../lib/forms.server";
import { formatVnd } from "../../server/vocabulary/format";
import { ErrorPage } from "../root";

function statusFrom(url: URL): ProductStatus | null {
  const s = url.searchParams.get("status");
  return (PRODUCT_STATUSES as readonly string[]).includes(s ?? "") ? (s as ProductStatus) : null;
}

const BULK_DONE = ["published", "archived", "prices"] as const;
/** The bulk buttons: what each sets, and what the page then says. */
const BULK_STATUS = { publish: ["active", "published"], archive: ["archived", "archived"] } as const;

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
  const done = url.searchParams.get("done");
  return json({
    products,
    status,
    q,
    /** What a bulk action just did (`?done=published&n=3`), said once at the top. */
    done: BULK_DONE.find((d) => d === done) ?? null,
    doneCount: Math.max(0, Number(url.searchParams.get("n")) || 0),
    locale,
    cooperativeStatus: user.cooperative?.status ?? null,
    title: i18n.t(locale)("dashboard:list.title"),
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
];

/**
 * The list's bulk actions, one form around the table: prices and stock saved from the rows (intent `prices`),
 * or the ticked products published or archived (`publish`, `archive`). A status change is confirmed first: the
 * action answers with what would change, the page asks, and the confirmed form comes back with `confirmed`.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireRole(context, request, "cooperative");
  const values = await readForm(request);
  const intent = String(values.intent ?? "");
  const back = (done: string, n: number) => {
    const url = new URL(request.url);
    url.searchParams.set("done", done);
    url.searchParams.set("n", String(n));
    url.searchParams.delete("index");
    return redirect(`${url.pathname}${url.search}`);
  };
  const { catalogue } = context.services;
  if (intent === "prices") {
    const outcome = await runForm(values, () => catalogue.editPricesAndStock(user, { form: values }));
    if (!outcome.ok) return outcome.response;
    return back("prices", outcome.result.changed);
  }
  if (intent === "publish" || intent === "archive") {
    const [status, done] = BULK_STATUS[intent];
    if (values.confirmed !== "yes") {
      // Nothing written yet: the page asks first, naming how many products would change.
      const ids = Array.isArray(values.ids) ? values.ids : values.ids ? [values.ids] : [];
      if (ids.length === 0)
        return json(
          { ok: false as const, errors: { ids: { code: "choose_products" } }, values },
          { status: 400 },
        );
      const bulk: keyof typeof BULK_STATUS = intent;
      return json({ ok: true as const, confirm: { intent: bulk, ids, count: ids.length } });
    }
    const outcome = await runForm(values, () => catalogue.setProductsStatus(user, { form: values, status }));
    if (!outcome.ok) return outcome.response;
    return back(done, outcome.result.changed);
  }
  return json({ ok: false as const, errors: { _form: { code: "unknown_intent" } }, values }, { status: 400 });
}

export default function CooperativeProducts() {
  const { products, status, q, locale, cooperativeStatus, done, doneCount } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const errors: Errors = data && !data.ok ? data.errors : undefined;
  const sent = data && !data.ok ? data.values : undefined;
  const confirm = data && data.ok ? data.confirm : null;
  const ticked = new Set(confirm ? confirm.ids : sent ? [sent.ids ?? []].flat() : []);
  const tab = (s: ProductStatus | null) => {
    const p = new URLSearchParams();
    if (s) p.set("status", s);
    if (q) p.set("q", q);
    const qs = p.toString();
    return `/cooperative/products${qs ? `?${qs}` : ""}`;
  };
  const self = tab(status);
  // "?index" names this page, not the workspace around it, as the action's target.
  const post = `${self}${self.includes("?") ? "&" : "?"}index`;
  const typed = (name: string, stored: number) => {
    const v = sent?.[name];
    return v === undefined ? String(stored) : String(v);
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
      {done && (
        <p className="notice notice-approved" role="status">
          {t(`workspace:bulk.done.${done}`, { count: doneCount })}
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

      {confirm && <BulkConfirm confirm={confirm} action={post} back={self} />}

      {products.length === 0 ? (
        <p className="empty">{t(status || q ? "dashboard:list.emptyFiltered" : "dashboard:list.empty")}</p>
      ) : (
        <Form method="post" action={post} className="bulk-form" noValidate>
          <p className="small muted">{t("workspace:bulk.hint", { example: formatVnd(180_000, locale) })}</p>
          <FormError errors={errors} />
          <SelectAll
            key={products.map((p) => p.id).join(",")}
            total={products.length}
            initial={ticked.size}
          />
          <div className="bulk-bar" role="group" aria-label={t("workspace:bulk.bar")}>
            {/* First in the form: pressing Enter in a price or stock field saves them. */}
            <button type="submit" name="intent" value="prices" className="button" disabled={busy}>
              {t("workspace:bulk.savePrices")}
            </button>
            <button
              type="submit"
              name="intent"
              value="publish"
              className="button button-secondary"
              disabled={busy}
            >
              {t("workspace:bulk.publish")}
            </button>
            <button
              type="submit"
              name="intent"
              value="archive"
              className="button button-secondary"
              disabled={busy}
            >
              {t("workspace:bulk.archive")}
            </button>
            <FieldMessage id="ids-error" error={errors?.ids} />
          </div>
          <div className="table-scroll">
            <table className="data-table sales-table product-table">
              <caption className="visually-hidden">{t("dashboard:list.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">
                    <span className="visually-hidden">{t("workspace:bulk.select")}</span>
                  </th>
                  <th scope="col">{t("dashboard:list.col.name")}</th>
                  <th scope="col">{t("dashboard:list.col.sku")}</th>
                  <th scope="col">{t("workspace:bulk.priceCol")}</th>
                  <th scope="col">{t("dashboard:list.col.stock")}</th>
                  <th scope="col">{t("dashboard:list.col.status")}</th>
                </tr>
              </thead>
              <tbody>
                {products.map((p) => {
                  const price = `price-${p.id}`;
                  const stock = `stock-${p.id}`;
                  return (
                    <tr key={p.id}>
                      <td className="select-cell">
                        <input type="hidden" name="rows" value={p.id} />
                        <input
                          type="checkbox"
                          name="ids"
                          value={p.id}
                          id={`pick-${p.id}`}
                          defaultChecked={ticked.has(String(p.id))}
                          aria-label={t("workspace:bulk.pick", { name: p.name })}
                          aria-describedby={errors?.ids ? "ids-error" : undefined}
                        />
                      </td>
                      <th scope="row">
                        <span className="product-row-name">
                          <span className="product-thumb">
                            {p.image ? (
                              <ResponsivePicture image={p.image} alt="" sizes="64px" />
                            ) : (
                              <span className="image-missing" aria-hidden="true" />
                            )}
                          </span>
                          <span>
                            <Link to={`/cooperative/products/${p.id}`} lang={p.nameLang}>
                              {p.name}
                            </Link>{" "}
                            {p.ocopStars ? <OcopBadge stars={p.ocopStars} /> : null}
                          </span>
                        </span>
                      </th>
                      <td data-label={t("dashboard:list.col.sku")}>
                        <code>{p.sku}</code>
                      </td>
                      <td data-label={t("workspace:bulk.priceCol")}>
                        <span className={`inline-field${errors?.[price] ? " field-invalid" : ""}`}>
                          <input
                            name={price}
                            inputMode="numeric"
                            defaultValue={typed(price, p.priceVnd)}
                            aria-label={t("workspace:bulk.priceOf", { name: p.name })}
                            aria-invalid={errors?.[price] ? true : undefined}
                            aria-describedby={errors?.[price] ? `${price}-error` : undefined}
                          />
                          <span className="muted small">
                            <PriceTag priceVnd={p.priceVnd} unit={p.unit} locale={locale} />
                          </span>
                          <FieldMessage id={`${price}-error`} error={errors?.[price]} />
                        </span>
                      </td>
                      <td data-label={t("dashboard:list.col.stock")}>
                        <span className={`inline-field${errors?.[stock] ? " field-invalid" : ""}`}>
                          <input
                            name={stock}
                            inputMode="numeric"
                            defaultValue={typed(stock, p.stock)}
                            aria-label={t("workspace:bulk.stockOf", { name: p.name })}
                            aria-invalid={errors?.[stock] ? true : undefined}
                            aria-describedby={errors?.[stock] ? `${stock}-error` : undefined}
                          />
                          <FieldMessage id={`${stock}-error`} error={errors?.[stock]} />
                        </span>
                      </td>
                      <td data-label={t("dashboard:list.col.status")}>
                        <ProductStatusBadge status={p.status} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </Form>
      )}
    </div>
  );
}

/**
 * "Select all" and the count of ticked products, once JavaScript runs (without it the rows' own boxes work
 * alone): it reads and ticks the boxes of the form it sits in, so the boxes stay plain form fields.
 */
function SelectAll({ total, initial }: { total: number; initial: number }) {
  const { t } = useTranslation();
  const box = useRef<HTMLInputElement>(null);
  const [ready, setReady] = useState(false);
  const [picked, setPicked] = useState(initial);
  const boxes = () => [...(box.current?.form?.querySelectorAll<HTMLInputElement>('input[name="ids"]') ?? [])];
  useEffect(() => {
    setReady(true);
  }, []);
  useEffect(() => {
    const form = box.current?.form;
    if (!form) return;
    const recount = () => setPicked(boxes().filter((b) => b.checked).length);
    recount();
    form.addEventListener("change", recount);
    return () => form.removeEventListener("change", recount);
  }, [ready]);
  useEffect(() => {
    if (box.current) box.current.indeterminate = picked > 0 && picked < total;
  }, [picked, total]);
  if (!ready) return <input ref={box} type="hidden" />;
  const toggle = (e: FormEvent<HTMLInputElement>) => {
    const on = e.currentTarget.checked;
    for (const b of boxes()) b.checked = on;
    setPicked(on ? total : 0);
  };
  return (
    <div className="select-all">
      <label>
        <input ref={box} type="checkbox" checked={picked === total} onChange={toggle} />{" "}
        {t("workspace:bulk.selectAll")}
      </label>
      <span className="muted" aria-live="polite">
        {t("workspace:bulk.selected", { count: picked })}
      </span>
    </div>
  );
}

/**
 * The confirmation of a bulk status change, as the action sent it back: a dialog, modal once JavaScript runs
 * (rendered open, so without JavaScript it shows in the page), whose form sends the same products again with
 * `confirmed`.
 */
function BulkConfirm({
  confirm,
  action,
  back,
}: {
  confirm: { intent: "publish" | "archive"; ids: string[]; count: number };
  action: string;
  back: string;
}) {
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.matches(":modal")) {
      d.close();
      d.showModal();
    }
  }, [confirm]);
  return (
    <dialog ref={dialog} open className="confirm-dialog bulk-confirm" aria-labelledby="bulk-confirm-title">
      <h2 id="bulk-confirm-title">
        {t(`workspace:bulk.confirm.${confirm.intent}.title`, { count: confirm.count })}
      </h2>
      <p>{t(`workspace:bulk.confirm.${confirm.intent}.body`)}</p>
      <Form method="post" action={action} className="actions">
        <input type="hidden" name="confirmed" value="yes" />
        {confirm.ids.map((id) => (
          <input key={id} type="hidden" name="ids" value={id} />
        ))}
        <button
          type="submit"
          name="intent"
          value={confirm.intent}
          className={`button${confirm.intent === "archive" ? " button-danger" : ""}`}
          disabled={busy}
        >
          {t(`workspace:bulk.confirm.${confirm.intent}.confirm`, { count: confirm.count })}
        </button>
        <Link to={back} className="button button-secondary">
          {t("workspace:confirm.cancel")}
        </Link>
      </Form>
    </dialog>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
