import {
  json,
  redirect,
  type ActionFunctionArgs,
  type AppLoadContext,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { CurrentUser } from "../../server/accounts/current-user";
import {
  FieldMessage,
  FormError,
  type FormRules,
  SelectField,
  TextArea,
  TextField,
  valueOf,
} from "../components/Fields";
import {
  failureOf,
  IntentForm,
  UnclaimedFailure,
  useSubmitting,
  type IntentFailureData,
} from "../components/IntentForm";
import { BatchFacts } from "../components/BatchFacts";
import { ResponsivePicture } from "../components/ResponsivePicture";
import { requireRole } from "../lib/auth.server";
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
import { readUploads } from "../lib/uploads.server";
import { BATCH_EVENT_KINDS, MAX_IMAGE_BYTES } from "../../server/vocabulary/domain";
import { formatDate } from "../../server/vocabulary/format";
import { vietnamDay } from "../../server/vocabulary/dates";
import type { Locale } from "../../server/vocabulary/locale";
import { ErrorPage } from "../root";
import traceStyles from "../styles/trace.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: traceStyles }];

const MAX_IMAGE_MB = MAX_IMAGE_BYTES / 1024 / 1024;
const INTENTS = ["addEvent", "updateEvent", "removeEvent"];
const SAVED = ["added", "updated", "removed"] as const;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireRole(context, request, "cooperative");
  const productId = pathId(params.id, "product_not_found");
  const batchId = pathId(params.batchId, "batch_not_found");
  const { catalogue, i18n } = context.services;
  const locale = await i18n.getLocale(request);
  const page = await orRespond(catalogue.getBatchForEdit(user, { productId, batchId, locale }));
  const saved = new URL(request.url).searchParams.get("saved");
  return json({
    ...page,
    rules: context.services.forms.rules("batchEvent"),
    locale,
    today: vietnamDay(),
    saved: (SAVED as readonly string[]).includes(saved ?? "") ? saved : null,
    title: i18n.t(locale)("trace:batch.title", { lot: page.batch.lotCode }),
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
];

type Catalogue = AppLoadContext["services"]["catalogue"];

function eventWork(
  values: FormValues,
  photo: Buffer | undefined,
  {
    catalogue,
    user,
    productId,
    batchId,
  }: { catalogue: Catalogue; user: CurrentUser; productId: number; batchId: number },
): { work: () => Promise<unknown>; saved: (typeof SAVED)[number] } | null {
  switch (String(values.intent ?? "")) {
    case "addEvent":
      return {
        work: () => catalogue.addBatchEvent(user, { productId, batchId, form: values, photo }),
        saved: "added",
      };
    case "updateEvent":
      return {
        work: () =>
          catalogue.updateBatchEvent(user, {
            productId,
            batchId,
            eventId: formId(values, "eventId"),
            form: values,
            photo,
            removePhoto: values.removePhoto === "1",
          }),
        saved: "updated",
      };
    case "removeEvent":
      return {
        work: () =>
          catalogue.removeBatchEvent(user, { productId, batchId, eventId: formId(values, "eventId") }),
        saved: "removed",
      };
    default:
      return null;
  }
}

/** The step forms carry a photo (multipart); removing one is a plain form. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireRole(context, request, "cooperative");
  const productId = pathId(params.id, "product_not_found");
  const batchId = pathId(params.batchId, "batch_not_found");
  let values: FormValues;
  let photo: Buffer | undefined;
  if (request.headers.get("content-type")?.startsWith("multipart/form-data")) {
    // A photo over the limit fails while the body is read, before the intent is known: shown on the new step's form.
    const upload = await runForm({}, () =>
      readUploads(request, { fileField: "photo", maxBytes: MAX_IMAGE_BYTES }),
    );
    if (!upload.ok) return tagged("addEvent", upload.response);
    values = upload.result.values;
    photo = upload.result.files[0]?.data;
  } else {
    values = await readForm(request);
  }
  const chosen = eventWork(values, photo, {
    catalogue: context.services.catalogue,
    user,
    productId,
    batchId,
  });
  const outcome = await runIntent(values, chosen?.work ?? null);
  if (!outcome.ok) return outcome.response;
  return redirect(`/cooperative/products/${productId}/batches/${batchId}?saved=${chosen!.saved}#events`);
}

export default function BatchPage() {
  const { product: p, batch, events, rules, locale, today, saved, title } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  const busy = useSubmitting();
  const self = `/cooperative/products/${p.id}/batches/${batch.id}`;
  const addFailure = failureOf(data, "addEvent");
  const kinds = BATCH_EVENT_KINDS.map((k) => ({ value: k, label: t(`trace:kind.${k}`) }));
  return (
    <div className="container narrow section">
      <nav aria-label={t("common:breadcrumb")} className="breadcrumb">
        <Link to="/cooperative/products">{t("trace:batch.breadcrumbProducts")}</Link> ›{" "}
        <Link to={`/cooperative/products/${p.id}`} lang={p.nameLang}>
          {p.name}
        </Link>{" "}
        › <span>{batch.lotCode}</span>
      </nav>
      <h1>{title}</h1>
      <UnclaimedFailure claimed={(f) => INTENTS.includes(f.intent)} />
      {saved && (
        <p className="notice notice-approved" role="status">
          {t(`trace:batch.saved.${saved}`)}
        </p>
      )}

      <section className="card" aria-labelledby="batch-facts">
        <h2 id="batch-facts">{t("trace:batch.facts")}</h2>
        <dl className="summary">
          <BatchFacts batch={batch} unit={p.unit} locale={locale} />
        </dl>
        <p className="actions">
          <Link to={`/trace/${batch.publicCode}`} className="button button-secondary">
            {t("trace:batch.publicPage")}
          </Link>
          <Link to={`${self}/labels`} className="button button-secondary">
            {t("trace:batch.labels")}
          </Link>
          <a href={`/cooperative/products/${p.id}/batches/${batch.id}/qr.svg`} download>
            {t("trace:batch.qr")}
          </a>
        </p>
      </section>

      <section className="card" aria-labelledby="events-title" id="events">
        <h2 id="events-title">{t("trace:batch.eventsTitle")}</h2>
        <p className="muted">{t("trace:batch.eventsLead")}</p>
        {events.length === 0 ? (
          <p className="empty">{t("trace:batch.none")}</p>
        ) : (
          <ol className="trace-steps trace-steps--edit">
            {events.map((e) => (
              <EventItem
                key={e.id}
                event={e}
                self={self}
                kinds={kinds}
                rules={rules.batchEvent}
                data={data}
                locale={locale}
                today={today}
              />
            ))}
          </ol>
        )}

        <IntentForm intent="addEvent" action={self} rules={rules.batchEvent} encType="multipart/form-data">
          <h3>{t("trace:batch.addTitle")}</h3>
          <FormError errors={addFailure?.errors} />
          <EventFields
            idPrefix="new"
            kinds={kinds}
            today={today}
            errors={addFailure?.errors}
            values={addFailure?.values}
          />
          <PhotoField id="new-photo" label={t("trace:batch.photo")} error={addFailure?.errors.photo} />
          <button type="submit" className="button" disabled={busy}>
            {busy ? t("common:working") : t("trace:batch.add")}
          </button>
        </IntentForm>
      </section>
    </div>
  );
}

type EventView = ReturnType<typeof useLoaderData<typeof loader>>["events"][number];

/** One step: what it says, its photo, and (in a <details>, so it works before the scripts load) its forms. */
function EventItem({
  event: e,
  self,
  kinds,
  rules,
  data,
  locale,
  today,
}: {
  event: EventView;
  self: string;
  kinds: Array<{ value: string; label: string }>;
  rules: FormRules;
  data: unknown;
  locale: Locale;
  today: string;
}) {
  const { t } = useTranslation();
  const busy = useSubmitting();
  const key = { name: "eventId", value: String(e.id) };
  const updateFailure = failureOf(data, "updateEvent", key);
  const removeFailure = failureOf(data, "removeEvent", key);
  const day = formatDate(e.happenedOn, locale);
  const kind = t(`trace:kind.${e.kind}`);
  return (
    <li className={`trace-step trace-step--${e.kind}`}>
      <p className="trace-step__head">
        <time dateTime={e.happenedOn}>{day}</time>
        <strong>{kind}</strong>
      </p>
      {e.note && <p className="trace-step__note">{e.note}</p>}
      {e.photo && (
        <ResponsivePicture
          image={e.photo}
          alt={t("trace:page.photoAlt", { kind, date: day })}
          sizes="160px"
        />
      )}
      <FormError errors={removeFailure?.errors} />
      <details className="trace-step__edit" open={!!updateFailure}>
        <summary aria-label={t("trace:batch.editLabel", { kind, date: day })}>
          {t("trace:batch.edit")}
        </summary>
        <IntentForm intent="updateEvent" action={self} rules={rules} encType="multipart/form-data">
          <input type="hidden" name="eventId" value={e.id} />
          <FormError errors={updateFailure?.errors} />
          <EventFields
            idPrefix={`event-${e.id}`}
            kinds={kinds}
            today={today}
            errors={updateFailure?.errors}
            values={updateFailure?.values}
            defaults={e}
          />
          <PhotoField
            id={`event-${e.id}-photo`}
            label={t("trace:batch.replacePhoto")}
            error={updateFailure?.errors.photo}
          />
          {e.photo && (
            <label className="checkbox">
              <input type="checkbox" name="removePhoto" value="1" />
              <span>{t("trace:batch.removePhoto")}</span>
            </label>
          )}
          <button type="submit" className="button" disabled={busy}>
            {t("trace:batch.save")}
          </button>
        </IntentForm>
        <IntentForm intent="removeEvent" action={self} className="" confirm={t("trace:batch.confirmRemove")}>
          <input type="hidden" name="eventId" value={e.id} />
          <button
            type="submit"
            className="button button-danger button-small"
            disabled={busy}
            aria-label={t("trace:batch.removeLabel", { kind, date: day })}
          >
            {t("trace:batch.remove")}
          </button>
        </IntentForm>
      </details>
    </li>
  );
}

function EventFields({
  idPrefix,
  kinds,
  today,
  errors,
  values,
  defaults,
}: {
  idPrefix: string;
  kinds: Array<{ value: string; label: string }>;
  today: string;
  errors: IntentFailureData["errors"] | undefined;
  values: IntentFailureData["values"] | undefined;
  defaults?: { kind: string; happenedOn: string; note: string | null };
}) {
  const { t } = useTranslation();
  return (
    <>
      <div className="field-row">
        <SelectField
          name="kind"
          id={`${idPrefix}-kind`}
          label={t("trace:batch.kind")}
          errors={errors}
          placeholder={t("trace:batch.chooseKind")}
          options={kinds}
          defaultValue={valueOf(values, "kind", defaults?.kind)}
        />
        <TextField
          name="happenedOn"
          id={`${idPrefix}-happenedOn`}
          type="date"
          label={t("trace:batch.happenedOn")}
          errors={errors}
          defaultValue={valueOf(values, "happenedOn", defaults?.happenedOn ?? today)}
        />
      </div>
      <TextArea
        name="note"
        id={`${idPrefix}-note`}
        label={t("trace:batch.note")}
        errors={errors}
        rows={3}
        defaultValue={valueOf(values, "note", defaults?.note)}
        hint={t("trace:batch.noteHint")}
      />
    </>
  );
}

function PhotoField({
  id,
  label,
  error,
}: {
  id: string;
  label: string;
  error: IntentFailureData["errors"][string];
}) {
  const { t } = useTranslation();
  return (
    <div className={`field${error ? " field-invalid" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name="photo"
        type="file"
        accept="image/*"
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
      />
      <p className="field-hint" id={`${id}-hint`}>
        {t("trace:batch.photoHint", { maxMb: MAX_IMAGE_MB })}
      </p>
      <FieldMessage id={`${id}-error`} error={error} />
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
