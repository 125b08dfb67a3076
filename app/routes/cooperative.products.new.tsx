import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { FieldMessage, FormError, FieldRules } from "../components/Fields";
import { ProductFields } from "../components/ProductFields";
import { LeaveGuard, useUnsavedChanges } from "../components/UnsavedChanges";
import { requireRole } from "../lib/auth.server";
import { orRespond, readForm, runForm, type FormValues } from "../lib/forms.server";
import { readUploads } from "../lib/uploads.server";
import { MAX_IMAGE_BYTES, MAX_PRODUCT_IMAGES } from "../../server/vocabulary/domain";
import { ErrorPage } from "../root";

const MAX_IMAGE_MB = MAX_IMAGE_BYTES / 1024 / 1024;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireRole(context, request, "cooperative");
  const locale = await context.services.i18n.getLocale(request);
  const cooperative = await orRespond(context.services.cooperatives.getOwnCooperative(user, { locale }));
  return json({
    rules: context.services.forms.rules("product").product,
    cooperativeStatus: user.cooperative?.status ?? null,
    // Most products come from the cooperative's own province: the form starts there.
    provinceCode: cooperative.province.code,
    title: context.services.i18n.t(locale)("dashboard:new.title"),
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
];

/** One multipart form: the product's fields and its first photos, created together (a plain post still works). */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireRole(context, request, "cooperative");
  let values: FormValues;
  let files: Buffer[] = [];
  if (request.headers.get("content-type")?.startsWith("multipart/form-data")) {
    // A photo over the size limit fails while the body is read, before any field is known.
    const upload = await runForm({}, () =>
      readUploads(request, { fileField: "images", maxBytes: MAX_IMAGE_BYTES }),
    );
    if (!upload.ok) return upload.response;
    values = upload.result.values;
    files = upload.result.files.map((f) => f.data);
  } else {
    values = await readForm(request);
  }
  const outcome = await runForm(values, () => context.services.catalogue.createProduct(user, values, files));
  if (!outcome.ok) return outcome.response;
  return redirect(`/cooperative/products/${outcome.result.id}?created=1`);
}

export default function NewProduct() {
  const { cooperativeStatus, rules, provinceCode } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const form = useRef<HTMLFormElement>(null);
  const dirty = useUnsavedChanges(form, { refused: data?.errors });
  const imageError = data?.errors?.images;
  return (
    <div className="container narrow section">
      <nav aria-label={t("common:breadcrumb")} className="breadcrumb">
        <Link to="/cooperative/products">{t("dashboard:list.title")}</Link> › {t("dashboard:new.title")}
      </nav>
      <h1>{t("dashboard:new.title")}</h1>
      <p className="lead">{t("dashboard:new.lead")}</p>
      {cooperativeStatus && cooperativeStatus !== "approved" && (
        <p className="notice notice-pending">{t("dashboard:list.notApproved")}</p>
      )}
      <LeaveGuard dirty={dirty} />
      <Form method="post" encType="multipart/form-data" className="stack" noValidate ref={form}>
        <FormError errors={data?.errors} />
        <FieldRules rules={rules}>
          <ProductFields
            errors={data?.errors}
            values={data?.values}
            defaults={{ originProvinceCode: provinceCode }}
          />
          <fieldset>
            <legend>{t("dashboard:edit.images.title")}</legend>
            <div className={`field${imageError ? " field-invalid" : ""}`}>
              <label htmlFor="images">
                {t("dashboard:edit.images.choose")}
                <span className="optional"> ({t("common:optional")})</span>
              </label>
              <input
                id="images"
                name="images"
                type="file"
                accept="image/*"
                multiple
                aria-invalid={imageError ? true : undefined}
                aria-describedby={`images-hint${imageError ? " images-error" : ""}`}
              />
              <p className="field-hint" id="images-hint">
                {t("dashboard:edit.images.lead", { max: MAX_PRODUCT_IMAGES, maxMb: MAX_IMAGE_MB })}{" "}
                {data?.errors ? t("workspace:newProduct.photosAgain") : t("workspace:newProduct.photosHint")}
              </p>
              <FieldMessage id="images-error" error={imageError} />
            </div>
          </fieldset>
          <div className="actions">
            <button type="submit" className="button" disabled={busy}>
              {busy ? t("common:working") : t("dashboard:new.submit")}
            </button>
            <Link to="/cooperative/products">{t("dashboard:new.cancel")}</Link>
          </div>
          <p className="small muted">{t("dashboard:new.next")}</p>
        </FieldRules>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
