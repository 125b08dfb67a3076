import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { CartLine, CartProblem } from "../../server/orders";
import { CartEmpty } from "../components/CartEmpty";
import { FieldMessage, type Errors } from "../components/Fields";
import { CartLineTerms } from "../components/PriceTiers";
import { ResponsivePicture } from "../components/ResponsivePicture";
import { FreeShortfall, ShippingFee, ShippingOptionText } from "../components/Shipping";
import { cartOwner } from "../lib/cart.server";
import { runForm, type FormValues, readForm } from "../lib/forms.server";
import { formatNumber, formatVnd } from "../../server/vocabulary/format";
import { ErrorPage } from "../root";
import type { Locale } from "../../server/vocabulary/locale";
import { isProvinceCode, PROVINCES } from "../../server/vocabulary/geo";
import type { ShippingOption } from "../../server/vocabulary/shipping";

const DONE = ["added", "updated", "removed", "accepted"] as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { i18n, orders } = context.services;
  const locale = await i18n.getLocale(request);
  const cart = await orders.viewCart({ owner: cartOwner(context), locale });
  const params = new URL(request.url).searchParams;
  const done = params.get("done");
  // Delivery is priced for the province the buyer picks here, else where their goods usually go.
  const asked = params.get("to") ?? "";
  const destination = isProvinceCode(asked) ? asked : await orders.usualDestination(context.user);
  return json({
    cart,
    destination,
    shipping: cart.lineCount > 0 ? await orders.cartShipping(cart, destination) : {},
    locale,
    signedIn: context.user !== null,
    done: DONE.find((d) => d === done) ?? null,
    title: i18n.t(locale)("shop:cart.title"),
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
  { name: "robots", content: "noindex" },
];

type Failure = { ok: false; intent: string; productId: string; errors: Errors; values: FormValues };

/** Four forms, told apart by `intent`: add (from a product page), update a line, remove a line, accept changes. */
export async function action({ request, context }: ActionFunctionArgs) {
  const values = await readForm(request);
  const { orders } = context.services;
  const owner = cartOwner(context);
  const intent = String(values.intent ?? "");
  const productId = String(values.productId ?? "");
  const failed = async (response: Response) =>
    json({ ...((await response.json()) as object), intent, productId } as Failure, {
      status: response.status,
    });

  if (intent === "add") {
    const outcome = await runForm(values, () => orders.addToCart({ owner, form: values }));
    if (!outcome.ok) return failed(outcome.response);
    const headers = new Headers();
    const { token } = outcome.result;
    // A guest's first line starts a cart; its token goes into the cookie that finds the cart again.
    if (!context.user && token && token !== context.cart.guestToken)
      headers.append("Set-Cookie", await context.cart.commit(token));
    // The product page's fetcher stays where it is; a plain form post (no JavaScript) comes to the cart.
    if (values.stay === "1") return json({ ok: true as const, intent, productId }, { headers });
    return redirect("/cart?done=added", { headers });
  }
  if (intent === "update") {
    const outcome = await runForm(values, () => orders.updateCartLine({ owner, form: values }));
    if (!outcome.ok) return failed(outcome.response);
    return redirect("/cart?done=updated");
  }
  if (intent === "remove") {
    const id = Number(productId);
    if (Number.isInteger(id) && id > 0) await orders.removeFromCart({ owner, productId: id });
    return redirect("/cart?done=removed");
  }
  if (intent === "accept") {
    await orders.acceptCartChanges({ owner });
    return redirect("/cart?done=accepted");
  }
  return json(
    { ok: false, intent, productId, errors: { _form: { code: "unknown_intent" } }, values: {} } as Failure,
    { status: 400 },
  );
}

export default function CartPage() {
  const { cart, locale, signedIn, done, destination, shipping } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  const busy = useNavigation().state !== "idle";
  const failure = data && !data.ok ? data : null;
  const addFailure = failure?.intent === "add" ? failure : null;
  // A line's failure shows beside its quantity; one that names no line in the cart (a stale or tampered form)
  // is said here, as is a failure of the whole cart.
  const lineClaims =
    failure?.intent === "update" &&
    cart.groups.some((g) => g.lines.some((l) => String(l.productId) === failure.productId));
  const pageError =
    failure && failure.intent !== "add"
      ? (failure.errors?._form ?? (lineClaims ? undefined : { code: "form_outdated", params: {} }))
      : undefined;
  const vnd = (n: number) => formatVnd(n, locale);
  // The cheapest way to get each cooperative's goods, as the checkout starts with it.
  const shippingVnd = cart.groups.reduce((sum, g) => sum + (shipping[g.cooperative.id]?.[0]?.feeVnd ?? 0), 0);

  return (
    <div className="container section cart-page">
      <h1>{t("shop:cart.title")}</h1>
      <p role="status" className={done && !failure ? "notice notice-approved" : "visually-hidden"}>
        {done && !failure ? t(`shop:cart.done.${done}`) : ""}
      </p>
      {addFailure && (
        <div className="form-error" role="alert">
          {t("shop:cart.addFailed", {
            message: t(
              `errors:${addFailure.errors?.quantity?.code ?? addFailure.errors?._form?.code ?? "invalid"}`,
              addFailure.errors?.quantity?.params ?? addFailure.errors?._form?.params ?? {},
            ),
          })}{" "}
          {typeof addFailure.values?.slug === "string" && (
            <Link to={`/products/${addFailure.values.slug}`}>{t("shop:cart.backToProduct")}</Link>
          )}
        </div>
      )}
      {pageError && (
        <div className="form-error" role="alert">
          {t(`errors:${pageError.code}`, pageError.params ?? {})}
        </div>
      )}

      {cart.lineCount === 0 ? (
        <CartEmpty />
      ) : (
        <>
          <p className="lead">{t("shop:cart.splitNote", { count: cart.groups.length })}</p>
          {cart.problemCount > 0 && (
            <section className="notice notice-pending cart-changes" aria-labelledby="changes-title">
              <h2 id="changes-title">{t("shop:cart.changes.title", { count: cart.problemCount })}</h2>
              <p>{t("shop:cart.changes.body")}</p>
              <Form method="post" action="/cart">
                <input type="hidden" name="intent" value="accept" />
                <button type="submit" className="button" disabled={busy}>
                  {t("shop:cart.changes.accept")}
                </button>
              </Form>
            </section>
          )}
          <div className="cart-layout">
            <div className="cart-groups">
              <CartDestination destination={destination} />
              {cart.groups.map((group) => (
                <section
                  key={group.cooperative.id}
                  className="card cart-group"
                  aria-labelledby={`coop-${group.cooperative.id}`}
                >
                  <h2 id={`coop-${group.cooperative.id}`} className="cart-group-title">
                    <span className="muted small">{t("shop:cart.from")}</span>{" "}
                    <Link to={`/cooperatives/${group.cooperative.slug}`}>{group.cooperative.name}</Link>
                  </h2>
                  <ul className="cart-lines">
                    {group.lines.map((line) => (
                      <CartLineItem
                        key={line.productId}
                        line={line}
                        locale={locale}
                        busy={busy}
                        errors={
                          failure?.intent === "update" && failure.productId === String(line.productId)
                            ? failure.errors
                            : undefined
                        }
                        typed={
                          failure?.intent === "update" && failure.productId === String(line.productId)
                            ? failure.values?.quantity
                            : undefined
                        }
                      />
                    ))}
                  </ul>
                  <p className="cart-subtotal">
                    <span>{t("shop:cart.subtotal", { cooperative: group.cooperative.name })}</span>{" "}
                    <strong>{vnd(group.subtotalVnd)}</strong>
                  </p>
                  <CartShipping options={shipping[group.cooperative.id] ?? []} locale={locale} />
                </section>
              ))}
            </div>
            <aside className="card cart-summary" aria-labelledby="summary-title">
              <h2 id="summary-title">{t("shop:cart.summary")}</h2>
              <dl className="cart-totals">
                <dt>{t("shop:cart.products")}</dt>
                <dd>{formatNumber(cart.lineCount, locale)}</dd>
                <dt>{t("shop:cart.orders")}</dt>
                <dd>{formatNumber(cart.groups.length, locale)}</dd>
                {destination && (
                  <>
                    <dt>{t("shop:shipping.fees")}</dt>
                    <dd>{vnd(shippingVnd)}</dd>
                  </>
                )}
                <dt className="cart-total-label">{t("shop:cart.total")}</dt>
                <dd className="cart-total">{vnd(cart.totalVnd + shippingVnd)}</dd>
              </dl>
              {cart.problemCount > 0 ? (
                <>
                  <button type="button" className="button cart-checkout" disabled aria-describedby="blocked">
                    {t("shop:cart.checkout")}
                  </button>
                  <p id="blocked" className="field-hint">
                    {t("shop:cart.blocked")}
                  </p>
                </>
              ) : (
                <>
                  <Link to="/checkout" className="button cart-checkout">
                    {t("shop:cart.checkout")}
                  </Link>
                  {!signedIn && <p className="small muted">{t("shop:cart.signInNote")}</p>}
                </>
              )}
              <p>
                <Link to="/products">{t("shop:cart.continue")}</Link>
              </p>
            </aside>
          </div>
        </>
      )}
    </div>
  );
}

function CartLineItem({
  line,
  locale,
  busy,
  errors,
  typed,
}: {
  line: CartLine;
  locale: Locale;
  busy: boolean;
  errors: Errors;
  typed: string | string[] | undefined;
}) {
  const { t } = useTranslation();
  const submit = useSubmit();
  // A changed quantity applies by itself once the buyer stops typing or clicking the arrows; without scripts the
  // form has its own button (and Enter submits it either way).
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => () => clearTimeout(timer.current), []);
  const applySoon = (input: HTMLInputElement) => {
    clearTimeout(timer.current);
    const form = input.form;
    if (!form || input.value.trim() === "" || input.value === String(line.quantity)) return;
    timer.current = setTimeout(() => submit(form, { preventScrollReset: true, replace: true }), 600);
  };
  const id = `qty-${line.productId}`;
  const error = errors?.quantity ?? errors?.productId;
  const unit = t(`catalogue:unit.${line.unit}`);
  return (
    <li className={`cart-line${line.problem ? " cart-line-problem" : ""}`}>
      <Link to={`/products/${line.slug}`} className="product-thumb" tabIndex={-1} aria-hidden="true">
        {line.image ? (
          <ResponsivePicture image={line.image} alt="" sizes="64px" />
        ) : (
          <span className="image-missing" />
        )}
      </Link>
      <div className="cart-line-info">
        <h3 className="cart-line-name">
          <Link to={`/products/${line.slug}`}>{line.name}</Link>
        </h3>
        <p className="small muted">
          {formatVnd(line.priceVnd, locale)} {t("catalogue:perUnit", { unit })}
        </p>
        <CartLineTerms line={line} locale={locale} />
        {line.problem && (
          <p className="cart-problem" id={`${id}-problem`}>
            <ProblemText problem={line.problem} unit={unit} locale={locale} />
          </p>
        )}
      </div>
      <Form method="post" action="/cart" className="cart-line-qty" noValidate>
        <input type="hidden" name="intent" value="update" />
        <input type="hidden" name="productId" value={line.productId} />
        <div className={`field${error ? " field-invalid" : ""}`}>
          <label htmlFor={id} className="small">
            {t("shop:cart.quantity", { unit })}
          </label>
          <div className="cart-qty-row">
            <input
              id={id}
              name="quantity"
              type="number"
              inputMode="numeric"
              min={0}
              max={Math.max(line.stock, line.quantity)}
              step={1}
              defaultValue={typeof typed === "string" ? typed : line.quantity}
              readOnly={line.quoteId !== null}
              onChange={(e) => applySoon(e.currentTarget)}
              aria-invalid={error ? true : undefined}
              aria-describedby={
                [error ? `${id}-error` : null, line.problem ? `${id}-problem` : null]
                  .filter(Boolean)
                  .join(" ") || undefined
              }
            />
            <noscript>
              <button type="submit" className="button button-small button-secondary">
                {t("shop:cart.update")}
              </button>
            </noscript>
          </div>
          <FieldMessage id={`${id}-error`} error={error} />
        </div>
      </Form>
      <p className="cart-line-total">
        <span className="visually-hidden">{t("shop:cart.lineTotal")} </span>
        <strong>{formatVnd(line.lineTotalVnd, locale)}</strong>
      </p>
      <Form method="post" action="/cart" className="cart-line-remove">
        <input type="hidden" name="intent" value="remove" />
        <input type="hidden" name="productId" value={line.productId} />
        <button
          type="submit"
          className="link-button small"
          disabled={busy}
          aria-label={t("shop:cart.removeLabel", { name: line.name })}
        >
          {t("shop:cart.remove")}
        </button>
      </Form>
    </li>
  );
}

/** A line's problem in words, with prices in the page's currency format and quantities in the line's unit. */
function ProblemText({ problem, unit, locale }: { problem: CartProblem; unit: string; locale: Locale }) {
  const { t } = useTranslation();
  const params =
    problem.code === "price_changed"
      ? { from: formatVnd(problem.from, locale), to: formatVnd(problem.to, locale) }
      : problem.code === "insufficient_stock"
        ? { available: formatNumber(problem.available, locale) }
        : problem.code === "below_minimum"
          ? { min: formatNumber(problem.min, locale), unit }
          : {};
  return <>{t(`orders:problem.${problem.code}`, params)}</>;
}

/** Where the goods go: a province picked here prices every cooperative's delivery (a GET form, no script needed). */
function CartDestination({ destination }: { destination: string | null }) {
  const { t } = useTranslation();
  const submit = useSubmit();
  return (
    <Form method="get" action="/cart" className="cart-destination" preventScrollReset>
      <div className="field">
        <label htmlFor="cart-to">{t("shop:shipping.cartTo")}</label>
        <select
          id="cart-to"
          name="to"
          defaultValue={destination ?? ""}
          onChange={(e) => submit(e.currentTarget.form, { preventScrollReset: true, replace: true })}
        >
          <option value="">{t("shop:shipping.cartChoose")}</option>
          {PROVINCES.map((p) => (
            <option key={p.code} value={p.code}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      <noscript>
        <button type="submit" className="button button-small button-secondary">
          {t("shop:shipping.cartPick")}
        </button>
      </noscript>
    </Form>
  );
}

/** A cooperative's ways to get its goods to the chosen province, with fee and expected dates. */
function CartShipping({ options, locale }: { options: ShippingOption[]; locale: Locale }) {
  const { t } = useTranslation();
  if (options.length === 0) return null;
  return (
    <>
      <ul className="cart-shipping" aria-label={t("shop:shipping.title")}>
        {options.map((option) => (
          <li key={option.method}>
            <span>
              <ShippingOptionText option={option} locale={locale} />
            </span>
            <span className="numeric">
              <ShippingFee option={option} locale={locale} />
            </span>
          </li>
        ))}
      </ul>
      <FreeShortfall options={options} locale={locale} />
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
