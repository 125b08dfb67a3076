import {
  json,
  redirect,
  type ActionFunctionArgs,
  type AppLoadContext,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useRef } from "react";
import { useTranslation } from "react-i18next";
import type { CurrentUser } from "../../server/accounts/current-user";
import { FieldMessage, FormError, SelectField, TextArea, TextField, valueOf } from "../components/Fields";
import { failureOf, IntentForm, UnclaimedFailure, useSubmitting } from "../components/IntentForm";
import { ProductFields, ProductStatusBadge } from "../components/ProductFields";
import { ResponsivePicture } from "../components/ResponsivePicture";
import { MoreActions } from "../components/MoreActions";
import { LeaveGuard, useUnsavedChanges } from "../components/UnsavedChanges";
import { requireRole } from "../lib/auth.server";
import {
  MAX_IMAGE_BYTES,
  MAX_PRODUCT_IMAGES,
  OCOP_VALIDITY_MONTHS,
  PRODUCT_STATUSES,
  type ProductStatus,
} from "../../server/vocabulary/domain";
import {
  formId,
  orRespond,
  pathId,
  readForm,
  runForm,
  runIntent,
  tagged,
  type FormValues,
} from "../lib/forms.server";
import { formatDate, formatNumber } from "../../server/vocabulary/format";
import { readUploads } from "../lib/uploads.server";
import { ErrorPage } from "../root";
import { BatchLinks } from "../components/BatchLinks";

const MAX_IMAGE_MB = MAX_IMAGE_BYTES / 1024 / 1024;

/** The page's forms, each showing its own failure (see formWork). */
const SECTION_INTENTS = [
  "status",
  "update",
  "images",
  "primaryImage",
  "removeImage",
  "ocop",
  "removeOcop",
  "batch",
  "removeBatch",
];

/** What the page may confirm after a redirect (`?saved=`); anything else in the URL is ignored. */
const SAVED = [
  "details",
  "active",
  "draft",
  "archived",
  "images",
  "primaryImage",
  "imageRemoved",
  "ocop",
  "ocopRemoved",
  "batch",
  "batchRemoved",
] as const;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireRole(context, request, "cooperative");
  const id = pathId(params.id, "product_not_found");
  const { catalogue, i18n } = context.services;
  const locale = await i18n.getLocale(request);
  const { product, batches } = await orRespond(catalogue.getProductForEdit(user, { productId: id, locale }));
  const url = new URL(request.url);
  const saved = url.searchParams.get("saved");
  const confirm = url.searchParams.get("confirm");
  return json({
    /** A status change asked for without JavaScript: the page shows its confirmation step. */
    confirming: PRODUCT_STATUSES.find((s) => s === confirm && s !== product.status) ?? null,
    rules: context.services.forms.rules("product", "ocop", "batch"),
    product,
    batches,
    locale,
    created: url.searchParams.has("created"),
    saved: (SAVED as readonly string[]).includes(saved ?? "") ? saved : null,
    cooperativeStatus: user.cooperative?.status ?? null,
    title: i18n.t(locale)("dashboard:edit.title", { name: product.name }),
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
];

type Catalogue = AppLoadContext["services"]["catalogue"];

/** The one use case each form on the page runs, and what the page says after it succeeded. */
function formWork(
  intent: string,
  values: FormValues,
  files: Buffer[],
  { catalogue, user, id }: { catalogue: Catalogue; user: CurrentUser; id: number },
): { work: () => Promise<unknown>; saved: string } | null {
  const status = String(values.status ?? "");
  switch (intent) {
    case "update":
      return { work: () => catalogue.updateProduct(user, { productId: id, form: values }), saved: "details" };
    case "status":
      return {
        work: () => catalogue.setProductStatus(user, { productId: id, status: status as ProductStatus }),
        saved: status,
      };
    case "images":
      return { work: () => catalogue.addProductImages(user, { productId: id, files }), saved: "images" };
    case "primaryImage":
      return {
        work: () => catalogue.makePrimaryImage(user, { productId: id, imageId: formId(values, "imageId") }),
        saved: "primaryImage",
      };
    case "removeImage":
      return {
        work: () => catalogue.removeProductImage(user, { productId: id, imageId: formId(values, "imageId") }),
        saved: "imageRemoved",
      };
    case "ocop":
      return {
        work: () => catalogue.setOcopCertificate(user, { productId: id, form: values }),
        saved: "ocop",
      };
    case "removeOcop":
      return { work: () => catalogue.removeOcopCertificate(user, { productId: id }), saved: "ocopRemoved" };
    case "batch":
      return { work: () => catalogue.addBatch(user, { productId: id, form: values }), saved: "batch" };
    case "removeBatch":
      return {
        work: () => catalogue.removeBatch(user, { productId: id, batchId: formId(values, "batchId") }),
        saved: "batchRemoved",
      };
    default:
      return null;
  }
}

/** Several forms on one page, told apart by `intent`; the image upload is the one multipart form. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireRole(context, request, "cooperative");
  const id = pathId(params.id, "product_not_found");
  let values: FormValues;
  let files: Buffer[] = [];
  if (request.headers.get("content-type")?.startsWith("multipart/form-data")) {
    // A file over the limit fails while the body is read, before its intent is known: it can only be an image.
    const upload = await runForm({}, () =>
      readUploads(request, { fileField: "images", maxBytes: MAX_IMAGE_BYTES }),
    );
    if (!upload.ok) return tagged("images", upload.response);
    values = upload.result.values;
    files = upload.result.files.map((f) => f.data);
  } else {
    values = await readForm(request);
  }
  const chosen = formWork(String(values.intent ?? ""), values, files, {
    catalogue: context.services.catalogue,
    user,
    id,
  });
  const outcome = await runIntent(values, chosen?.work ?? null);
  if (!outcome.ok) return outcome.response;
  return redirect(`/cooperative/products/${id}?saved=${encodeURIComponent(chosen!.saved)}`);
}

export default function EditProduct() {
  const {
    product: p,
    batches,
    locale,
    created,
    saved,
    cooperativeStatus,
    rules,
    confirming,
  } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  const busy = useSubmitting();
  const errorsFor = (intent: string) => failureOf(data, intent)?.errors;
  const valuesFor = (intent: string) => failureOf(data, intent)?.values;
  // Explicit, so a failed form does not post back to (and keep showing) a `?saved=` notice.
  const self = `/cooperative/products/${p.id}`;
  const unit = t(`catalogue:unit.${p.unit}`);
  const imageRoom = MAX_PRODUCT_IMAGES - p.images.length;
  const imageErrors = errorsFor("images");
  const batchErrors = errorsFor("batch");
  const ocopErrors = errorsFor("ocop");
  const detailsForm = useRef<HTMLDivElement>(null);
  const dirty = useUnsavedChanges(detailsForm, { refused: failureOf(data, "update") });
  return (
    <div className="container narrow section">
      <nav aria-label={t("common:breadcrumb")} className="breadcrumb">
        <Link to="/cooperative/products">{t("dashboard:list.title")}</Link> ›{" "}
        <span lang={p.nameLang}>{p.name}</span>
      </nav>
      <h1 lang={p.nameLang}>{p.name}</h1>
      <UnclaimedFailure claimed={(f) => SECTION_INTENTS.includes(f.intent)} />
      <p className="muted">
        <code>{p.sku}</code> · <ProductStatusBadge status={p.status} /> ·{" "}
        <Link to={`/products/${p.slug}`}>{t("dashboard:edit.viewPage")}</Link>
      </p>
      <p className="muted">{t(`dashboard:edit.status.body.${p.status}`)}</p>
      {created && (
        <p className="notice notice-approved" role="status">
          {t("dashboard:edit.created")}
        </p>
      )}
      {saved && (
        <p className="notice notice-approved" role="status">
          {t(`dashboard:edit.saved.${saved}`)}
        </p>
      )}

      {p.status === "active" && cooperativeStatus !== "approved" && (
        <p className="notice notice-pending">{t("dashboard:list.notApproved")}</p>
      )}
      <FormError errors={errorsFor("status")} />
      <div className="page-actions">
        <MoreActions
          label={t("workspace:more.label")}
          action={self}
          confirming={confirming}
          unsaved={dirty}
          actions={PRODUCT_STATUSES.filter((s) => s !== p.status).map((s) => ({
            key: s,
            label: t(`workspace:more.status.${s}.label`),
            title: t(`workspace:more.status.${s}.title`, { name: p.name }),
            body: t(`workspace:more.status.${s}.body`),
            confirmLabel: t(`workspace:more.status.${s}.confirm`),
            danger: s === "archived",
            intent: "status",
            fields: { status: s },
          }))}
        />
      </div>
      <LeaveGuard dirty={dirty} />

      <section className="card" aria-labelledby="details-title">
        <h2 id="details-title">{t("dashboard:edit.details")}</h2>
        <div ref={detailsForm}>
          <IntentForm intent="update" action={self} rules={rules.product}>
            <FormError errors={errorsFor("update")} />
            <ProductFields
              errors={errorsFor("update")}
              values={valuesFor("update")}
              statusField="hidden"
              defaults={{
                sku: p.sku,
                nameVi: p.nameVi,
                nameEn: p.nameEn,
                descriptionVi: p.descriptionVi,
                descriptionEn: p.descriptionEn,
                category: p.category,
                unit: p.unit,
                priceVnd: p.priceVnd,
                minOrderQty: p.minOrderQty,
                stock: p.stock,
                status: p.status,
                originProvinceCode: p.province.code,
                originRegion: p.originRegion,
                harvestMonths: p.harvestMonths,
                shelfLifeDays: p.shelfLifeDays,
                certifications: p.certifications,
                tags: p.tags,
                priceTiers: p.priceTiers,
              }}
            />
            <button type="submit" className="button" disabled={busy}>
              {t("common:save")}
            </button>
          </IntentForm>
        </div>
      </section>

      <section className="card" aria-labelledby="images-title">
        <h2 id="images-title">{t("dashboard:edit.images.title")}</h2>
        <p className="muted">
          {t("dashboard:edit.images.lead", { max: MAX_PRODUCT_IMAGES, maxMb: MAX_IMAGE_MB })}
        </p>
        <FormError errors={errorsFor("primaryImage") ?? errorsFor("removeImage")} />
        {p.images.length === 0 ? (
          <p className="empty">{t("dashboard:edit.images.none")}</p>
        ) : (
          <ul className="image-list">
            {p.images.map((image, i) => (
              <li key={image.id} className="image-item">
                <ResponsivePicture
                  image={image}
                  alt={t("catalogue:product.image", { n: i + 1, name: p.name })}
                  sizes="160px"
                />
                {i === 0 ? (
                  <span className="badge badge-approved">{t("dashboard:edit.images.main")}</span>
                ) : (
                  <IntentForm intent="primaryImage" action={self} className="">
                    <input type="hidden" name="imageId" value={image.id} />
                    <button type="submit" className="button button-secondary button-small" disabled={busy}>
                      {t("dashboard:edit.images.makeMain")}
                    </button>
                  </IntentForm>
                )}
                <IntentForm
                  intent="removeImage"
                  action={self}
                  className=""
                  confirm={t("dashboard:edit.images.confirmRemove")}
                >
                  <input type="hidden" name="imageId" value={image.id} />
                  <button
                    type="submit"
                    className="button button-danger button-small"
                    disabled={busy}
                    aria-label={t("dashboard:edit.images.removeLabel", { n: i + 1 })}
                  >
                    {t("dashboard:edit.images.remove")}
                  </button>
                </IntentForm>
              </li>
            ))}
          </ul>
        )}
        {imageRoom > 0 ? (
          <IntentForm intent="images" action={self} encType="multipart/form-data">
            <div className={`field${imageErrors?.images ? " field-invalid" : ""}`}>
              <label htmlFor="images">{t("dashboard:edit.images.choose")}</label>
              <input
                id="images"
                name="images"
                type="file"
                accept="image/*"
                multiple
                required
                aria-invalid={imageErrors?.images ? true : undefined}
                aria-describedby={`images-hint${imageErrors?.images ? " images-error" : ""}`}
              />
              <p className="field-hint" id="images-hint">
                {t("dashboard:edit.images.room", { count: imageRoom })}
              </p>
              <FieldMessage id="images-error" error={imageErrors?.images} />
            </div>
            <button type="submit" className="button" disabled={busy}>
              {busy ? t("common:working") : t("dashboard:edit.images.upload")}
            </button>
          </IntentForm>
        ) : (
          <p className="muted">{t("dashboard:edit.images.full", { max: MAX_PRODUCT_IMAGES })}</p>
        )}
      </section>

      <section className="card" aria-labelledby="ocop-title">
        <h2 id="ocop-title">{t("dashboard:edit.ocop.title")}</h2>
        <p className="muted">{t("dashboard:edit.ocop.lead", { months: OCOP_VALIDITY_MONTHS })}</p>
        {p.ocop ? (
          <>
            <dl className="summary">
              <dt>{t("dashboard:edit.ocop.stars")}</dt>
              <dd>{t("dashboard:edit.ocop.starsOption", { stars: p.ocop.stars })}</dd>
              <dt>{t("dashboard:edit.ocop.certificateNo")}</dt>
              <dd>{p.ocop.certificateNo}</dd>
              <dt>{t("dashboard:edit.ocop.issuedOn")}</dt>
              <dd>{formatDate(p.ocop.issuedOn, locale)}</dd>
              <dt>{t("dashboard:edit.ocop.expiresOn")}</dt>
              <dd>
                {formatDate(p.ocop.expiresOn, locale)}{" "}
                <span className={`badge ${p.ocop.valid ? "badge-approved" : "badge-rejected"}`}>
                  {t(p.ocop.valid ? "dashboard:edit.ocop.valid" : "dashboard:edit.ocop.expired")}
                </span>
              </dd>
            </dl>
            <FormError errors={errorsFor("removeOcop")} />
            <IntentForm
              intent="removeOcop"
              action={self}
              className="ocop-remove"
              confirm={t("dashboard:edit.ocop.confirmRemove")}
            >
              <button type="submit" className="button button-danger button-small" disabled={busy}>
                {t("dashboard:edit.ocop.remove")}
              </button>
            </IntentForm>
          </>
        ) : (
          <p>{t("dashboard:edit.ocop.none")}</p>
        )}
        <IntentForm intent="ocop" action={self} rules={rules.ocop}>
          <h3>{t(p.ocop ? "dashboard:edit.ocop.replaceTitle" : "dashboard:edit.ocop.addTitle")}</h3>
          <FormError errors={ocopErrors} />
          <div className="field-row">
            <SelectField
              name="stars"
              label={t("dashboard:edit.ocop.stars")}
              errors={ocopErrors}
              defaultValue={valueOf(valuesFor("ocop"), "stars", p.ocop?.stars)}
              placeholder={t("dashboard:edit.ocop.chooseStars")}
              options={[3, 4, 5].map((s) => ({
                value: String(s),
                label: t("dashboard:edit.ocop.starsOption", { stars: s }),
              }))}
            />
            <TextField
              name="certificateNo"
              label={t("dashboard:edit.ocop.certificateNo")}
              errors={ocopErrors}
              defaultValue={valueOf(valuesFor("ocop"), "certificateNo", p.ocop?.certificateNo)}
            />
          </div>
          <TextField
            name="issuedOn"
            type="date"
            label={t("dashboard:edit.ocop.issuedOn")}
            errors={ocopErrors}
            defaultValue={valueOf(valuesFor("ocop"), "issuedOn", p.ocop?.issuedOn)}
            hint={t("dashboard:edit.ocop.issuedOnHint", { months: OCOP_VALIDITY_MONTHS })}
          />
          <button type="submit" className="button" disabled={busy}>
            {t("dashboard:edit.ocop.save")}
          </button>
        </IntentForm>
      </section>

      <section className="card" aria-labelledby="batches-title">
        <h2 id="batches-title">{t("dashboard:edit.batches.title")}</h2>
        <p className="muted">{t("dashboard:edit.batches.lead")}</p>
        {cooperativeStatus !== "approved" && (
          <p className="notice notice-pending">{t("dashboard:edit.batches.notApproved")}</p>
        )}
        <FormError errors={errorsFor("removeBatch")} />
        {batches.length === 0 ? (
          <p className="empty">{t("dashboard:edit.batches.none")}</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table sales-table">
              <caption className="visually-hidden">{t("dashboard:edit.batches.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("dashboard:edit.batches.lotCode")}</th>
                  <th scope="col">{t("dashboard:edit.batches.producedOn")}</th>
                  <th scope="col" className="numeric">
                    {t("dashboard:edit.batches.quantity")}
                  </th>
                  <th scope="col">{t("dashboard:edit.batches.expiresOn")}</th>
                  <th scope="col">{t("dashboard:edit.batches.links")}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t("dashboard:edit.batches.actions")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {batches.map((b) => (
                  <tr key={b.id}>
                    <th scope="row">
                      <code>{b.lotCode}</code>
                    </th>
                    <td data-label={t("dashboard:edit.batches.producedOn")}>
                      {formatDate(b.producedOn, locale)}
                    </td>
                    <td className="numeric" data-label={t("dashboard:edit.batches.quantity")}>
                      {t(`catalogue:unitCount.${p.unit}`, {
                        count: b.quantity,
                        n: formatNumber(b.quantity, locale),
                      })}
                    </td>
                    <td data-label={t("dashboard:edit.batches.expiresOn")}>
                      {b.expiresOn ? formatDate(b.expiresOn, locale) : "—"}
                    </td>
                    <td data-label={t("dashboard:edit.batches.links")}>
                      <BatchLinks productId={p.id} batch={b} qr />
                    </td>
                    <td>
                      <IntentForm
                        intent="removeBatch"
                        action={self}
                        className=""
                        confirm={t("dashboard:edit.batches.confirmRemove", { lot: b.lotCode })}
                      >
                        <input type="hidden" name="batchId" value={b.id} />
                        <button
                          type="submit"
                          className="button button-danger button-small"
                          disabled={busy}
                          aria-label={t("dashboard:edit.batches.removeLabel", { lot: b.lotCode })}
                        >
                          {t("dashboard:edit.batches.remove")}
                        </button>
                      </IntentForm>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <IntentForm intent="batch" action={self} rules={rules.batch}>
          <h3>{t("dashboard:edit.batches.addTitle")}</h3>
          <FormError errors={batchErrors} />
          <div className="field-row">
            <TextField
              name="lotCode"
              label={t("dashboard:edit.batches.lotCode")}
              errors={batchErrors}
              autoComplete="off"
              defaultValue={valueOf(valuesFor("batch"), "lotCode")}
              hint={t("dashboard:edit.batches.lotCodeHint")}
            />
            <TextField
              name="quantity"
              label={t("dashboard:edit.batches.quantityIn", { unit })}
              errors={batchErrors}
              inputMode="numeric"
              defaultValue={valueOf(valuesFor("batch"), "quantity")}
            />
          </div>
          <div className="field-row">
            <TextField
              name="producedOn"
              type="date"
              label={t("dashboard:edit.batches.producedOn")}
              errors={batchErrors}
              defaultValue={valueOf(valuesFor("batch"), "producedOn")}
            />
            <TextField
              name="expiresOn"
              type="date"
              label={t("dashboard:edit.batches.expiresOn")}
              errors={batchErrors}
              defaultValue={valueOf(valuesFor("batch"), "expiresOn")}
            />
          </div>
          <TextArea
            name="notes"
            label={t("dashboard:edit.batches.notes")}
            errors={batchErrors}
            rows={3}
            defaultValue={valueOf(valuesFor("batch"), "notes")}
            hint={t("dashboard:edit.batches.notesHint")}
          />
          <button type="submit" className="button" disabled={busy}>
            {t("dashboard:edit.batches.add")}
          </button>
        </IntentForm>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
