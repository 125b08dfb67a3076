import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useFormKey, usePostTarget } from "../components/FairAdmin";
import { FairStatusBadge } from "../components/FairCard";
import { FairFields, type FairDefaults } from "../components/FairFields";
import { FieldMessage, FormError } from "../components/Fields";
import { IntentForm, UnclaimedFailure, useIntentFailure, useSubmitting } from "../components/IntentForm";
import { ResponsivePicture } from "../components/ResponsivePicture";
import { FAIR_STATUSES, FAIR_STATUS_MOVES, MAX_IMAGE_BYTES } from "../../server/vocabulary/domain";
import {
  pick,
  runTabForm,
  staffFairView,
  staffOnFair,
  type FairEditor,
  type TabForm,
} from "../lib/fair-admin.server";
import { readForm, runForm, tagged, type FormValues } from "../lib/forms.server";
import { bankOptions } from "../lib/sales.server";
import { wardsOf } from "../../server/vocabulary/wards";
import { readUploads } from "../lib/uploads.server";
import { ErrorPage } from "../root";

/** The details tab: where the fair stands and where it may go, its cover image, and the fair form. */
export async function loader(args: LoaderFunctionArgs) {
  const { view, t } = await staffFairView(args);
  const { input, ...fair } = view.fair;
  const defaults: FairDefaults = input;
  return json({
    fair: { name: fair.name, status: fair.status, cover: fair.cover },
    // A fair with bookings cannot go back to draft: that move is not offered.
    hasBookings: view.bookings.length > 0,
    defaults,
    wards: wardsOf(defaults.provinceCode),
    banks: bankOptions(),
    rules: args.context.services.forms.rules("fair"),
    title: `${t("fairAdmin:tabs.details")} · ${fair.name}`,
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
];

/** The tab's forms, each showing its own failure. */
const DETAILS_INTENTS = ["details", "status", "cover"];

/** The tab's forms, told apart by their hidden `intent`; the cover comes as the one multipart upload. */
function detailsForm(
  intent: string,
  values: FormValues,
  cover: Buffer | undefined,
  { fairs, staff, fairId }: FairEditor,
): TabForm | null {
  switch (intent) {
    case "details":
      return { done: "updated", work: () => fairs.updateFair(staff, { fairId, form: values }) };
    case "status": {
      const to = pick(FAIR_STATUSES, String(values.status ?? ""));
      return to ? { done: to, work: () => fairs.setFairStatus(staff, { fairId, status: to }) } : null;
    }
    case "cover":
      return { done: "cover", work: () => fairs.setFairCover(staff, { fairId, file: cover }) };
    default:
      return null;
  }
}

export async function action(args: ActionFunctionArgs) {
  const editor = staffOnFair(args);
  const { request } = args;
  let values: FormValues;
  let cover: Buffer | undefined;
  if (request.headers.get("content-type")?.startsWith("multipart/form-data")) {
    // A file over the limit fails while the body is read, before its intent is known: it can only be the cover.
    const upload = await runForm({}, () =>
      readUploads(request, { fileField: "cover", maxBytes: MAX_IMAGE_BYTES }),
    );
    if (!upload.ok) return tagged("cover", upload.response);
    values = upload.result.values;
    cover = upload.result.files[0]?.data;
  } else {
    values = await readForm(request);
  }
  return runTabForm(request, values, detailsForm(String(values.intent ?? ""), values, cover, editor));
}

export default function FairDetailsTab() {
  const { fair, hasBookings, defaults, wards, banks, rules } = useLoaderData<typeof loader>();
  const formKey = useFormKey();
  const { t } = useTranslation();
  const postTarget = usePostTarget();
  const busy = useSubmitting();
  const next = FAIR_STATUS_MOVES[fair.status].filter((s) => s !== "draft" || !hasBookings);
  const statusFailure = useIntentFailure("status");
  const coverError = useIntentFailure("cover")?.errors;
  const details = useIntentFailure("details");
  return (
    <>
      <UnclaimedFailure claimed={(f) => DETAILS_INTENTS.includes(f.intent)} />
      <section className="card fa-status-card" aria-labelledby="status-title">
        <h2 id="status-title">
          {t("fairAdmin:status.title")}: <FairStatusBadge status={fair.status} />
        </h2>
        <p>{t(`fairAdmin:status.means.${fair.status}`)}</p>
        <FormError errors={statusFailure?.errors} />
        {next.length > 0 && (
          <div className="fa-status-actions">
            {next.map((s) => (
              <IntentForm
                intent="status"
                action={postTarget}
                key={s}
                className="fa-status-move"
                confirm={s === "finished" ? t("fairAdmin:status.finishConfirm") : undefined}
              >
                <input type="hidden" name="status" value={s} />
                <button
                  type="submit"
                  className={s === "open" ? "button" : "button button-secondary"}
                  disabled={busy}
                >
                  {t(`fairAdmin:status.to.${s}`)}
                </button>
                <p className="field-hint">{t(`fairAdmin:status.hint.${s}`)}</p>
              </IntentForm>
            ))}
          </div>
        )}
        {fair.status === "open" && hasBookings && (
          <p className="muted small">{t("fairAdmin:status.noDraft")}</p>
        )}
      </section>

      <section className="card" aria-labelledby="cover-title">
        <h2 id="cover-title">{t("fairAdmin:cover.title")}</h2>
        <div className="fa-cover">
          {fair.cover ? (
            <ResponsivePicture
              image={fair.cover}
              alt={t("fairAdmin:cover.alt", { name: fair.name })}
              sizes="(min-width: 52rem) 20rem, 100vw"
              className="fa-cover-image"
            />
          ) : (
            <p className="fa-cover-missing muted">{t("fairAdmin:cover.none")}</p>
          )}
          <IntentForm intent="cover" action={postTarget} encType="multipart/form-data" key={formKey}>
            <div className={`field${coverError?.cover ? " field-invalid" : ""}`}>
              <label htmlFor="cover">{t("fairAdmin:cover.label")}</label>
              <input
                id="cover"
                name="cover"
                type="file"
                accept="image/*"
                aria-invalid={coverError?.cover ? true : undefined}
                aria-describedby={coverError?.cover ? "cover-error cover-hint" : "cover-hint"}
              />
              <p className="field-hint" id="cover-hint">
                {t("fairAdmin:cover.hint")}
              </p>
              <FieldMessage id="cover-error" error={coverError?.cover} />
            </div>
            {coverError?._form && <FormError errors={coverError} />}
            <button type="submit" className="button button-secondary" disabled={busy}>
              {t("fairAdmin:cover.submit")}
            </button>
          </IntentForm>
        </div>
      </section>

      <section aria-labelledby="details-title">
        <h2 id="details-title">{t("fairAdmin:details.title")}</h2>
        <IntentForm
          intent="details"
          action={postTarget}
          rules={rules.fair}
          className="stack fa-fair-form"
          labelledBy="details-title"
          key={formKey}
        >
          <FormError errors={details?.errors} />
          <FairFields
            errors={details?.errors}
            values={details?.values}
            defaults={defaults}
            banks={banks}
            wards={wards}
          />
          <button type="submit" className="button" disabled={busy}>
            {t("fairAdmin:details.submit")}
          </button>
        </IntentForm>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
