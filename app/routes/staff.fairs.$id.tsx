import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  type SerializeFrom,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import type { MouseEvent, ReactNode } from "react";
import { useTranslation } from "react-i18next";
import {
  BoothLegend,
  BoothList,
  boothSize,
  FloorPlan,
  PlanViewSwitch,
  usePlanView,
} from "../components/FloorPlan";
import { FairStatusBadge } from "../components/FairCard";
import { CheckboxField, FairFields, type FairDefaults } from "../components/FairFields";
import {
  FieldMessage,
  FormError,
  SelectField,
  TextArea,
  TextField,
  valueOf,
  type Errors,
} from "../components/Fields";
import { ResponsivePicture } from "../components/ResponsivePicture";
import type { FieldErrors } from "../../server/errors";
import { requireRole } from "../lib/auth.server";
import {
  BOOKING_STATUSES,
  BOOTH_TYPES,
  FAIR_STATUSES,
  FAIR_STATUS_MOVES,
  MAX_IMAGE_BYTES,
  type BookingStatus,
  type FairStatus,
} from "../lib/domain";
import { formatDate, formatNumber, formatVnd } from "../lib/format";
import { formValues, orRespond, runForm, type FormValues } from "../lib/forms.server";
import { bankOptions } from "../lib/sales.server";
import { readUploads } from "../lib/uploads.server";
import { ErrorPage } from "../root";

const TABS = ["plan", "bookings", "waitlist", "details"] as const;
type Tab = (typeof TABS)[number];

const BOOKING_DECISIONS = ["approve", "decline", "mark_paid", "vacate"] as const;
type BookingDecision = (typeof BOOKING_DECISIONS)[number];

/** Success notices, one per thing a form on this page can do (`?done=`). */
const DONE = [
  "created",
  "updated",
  "cover",
  ...FAIR_STATUSES,
  "hall",
  "grid",
  "booth",
  "boothDeleted",
  ...BOOKING_DECISIONS,
  "move",
] as const;
type Done = (typeof DONE)[number];

function pick<T extends string>(list: readonly T[], value: string | null | undefined): T | null {
  return list.find((x) => x === value) ?? null;
}

function fairIdOf(params: { id?: string }): number {
  const id = Number(params.id);
  if (!Number.isSafeInteger(id) || id <= 0)
    throw json({ error: { code: "fair_not_found" } }, { status: 404 });
  return id;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const staff = requireRole(context, request, "staff");
  const fairId = fairIdOf(params);
  const { fairs, i18n } = context.services;
  const locale = await i18n.getLocale(request);
  const view = await orRespond(fairs.forStaff(staff, fairId, locale));
  const url = new URL(request.url);
  const { input, ...fair } = view.fair;
  const defaults: FairDefaults = input;
  const booth = Number(url.searchParams.get("booth"));
  return json({
    fair,
    defaults,
    rules: {
      requiresApproval: Boolean(input.requiresApproval),
      maxBoothsPerCooperative: input.maxBoothsPerCooperative,
      transferDays: input.transferDays,
      offerHours: input.offerHours,
      hasBank: Boolean(input.bankBin && input.bankAccountNo),
    },
    halls: view.halls,
    occupancy: view.occupancy,
    bookings: view.bookings,
    waitlist: view.waitlist,
    banks: bankOptions(),
    tab: pick(TABS, url.searchParams.get("tab")) ?? "plan",
    boothId: Number.isSafeInteger(booth) && booth > 0 ? booth : null,
    bookingId: url.searchParams.get("booking"),
    status: pick(BOOKING_STATUSES, url.searchParams.get("status")),
    done: pick(DONE, url.searchParams.get("done")),
    created: Number(url.searchParams.get("n")) || 0,
    locale,
    title: fair.name,
  });
}

type LoaderData = SerializeFrom<typeof loader>;
type Booking = LoaderData["bookings"][number];
type Hall = LoaderData["halls"][number];
type Booth = Hall["booths"][number];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
];

export interface Failure {
  ok: false;
  intent: string;
  errors: FieldErrors;
  values: FormValues;
}

/** Back to the page as it was (tab, selected booth or booking), with what was done; `change` adjusts the query. */
function back(request: Request, done: Done, change: Record<string, string | null> = {}) {
  const url = new URL(request.url);
  url.searchParams.delete("n");
  url.searchParams.set("done", done);
  for (const [k, v] of Object.entries(change)) {
    if (v === null) url.searchParams.delete(k);
    else url.searchParams.set(k, v);
  }
  return redirect(`${url.pathname}?${url.searchParams.toString()}`);
}

/**
 * Every form on the page posts a hidden `intent`; the cover comes as a multipart upload. A failure comes back
 * tagged with its intent (and, for a booking or booth, its id in the values), so only that form shows its
 * errors and keeps what was typed.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const staff = requireRole(context, request, "staff");
  const fairId = fairIdOf(params);
  const { fairs } = context.services;

  const attempt = async (
    intent: string,
    values: FormValues,
    work: () => Promise<unknown>,
    success: (result: unknown) => Response,
  ) => {
    const outcome = await runForm(values, work);
    if (!outcome.ok) {
      const body = await outcome.response.json();
      return json<Failure>({ ...body, intent }, { status: outcome.response.status });
    }
    return success(outcome.result);
  };

  if (request.headers.get("content-type")?.startsWith("multipart/form-data")) {
    return attempt(
      "cover",
      {},
      async () => {
        const { files } = await readUploads(request, { fileField: "cover", maxBytes: MAX_IMAGE_BYTES });
        return fairs.setCover(staff, fairId, files[0]?.data);
      },
      () => back(request, "cover"),
    );
  }

  const values = formValues(await request.formData());
  const intent = String(values.intent ?? "");
  const id = (name: string) => Number(values[name]);
  const publicId = String(values.publicId ?? "");
  switch (intent) {
    case "details":
      return attempt(
        intent,
        values,
        () => fairs.updateFair(staff, fairId, values),
        () => back(request, "updated"),
      );
    case "status": {
      const to = pick(FAIR_STATUSES, String(values.status ?? ""));
      if (!to) break;
      return attempt(
        intent,
        values,
        () => fairs.setStatus(staff, fairId, to),
        () => back(request, to),
      );
    }
    case "hall":
      return attempt(
        intent,
        values,
        () => fairs.addHall(staff, fairId, values),
        () => back(request, "hall", { tab: null }),
      );
    case "grid":
      return attempt(
        intent,
        values,
        () => fairs.generateGrid(staff, fairId, values),
        (result) => back(request, "grid", { tab: null, n: String((result as { created: number }).created) }),
      );
    case "booth":
      return attempt(
        intent,
        values,
        () => fairs.updateBooth(staff, id("boothId"), values),
        () => back(request, "booth"),
      );
    case "deleteBooth":
      return attempt(
        intent,
        values,
        () => fairs.deleteBooth(staff, id("boothId")),
        () => back(request, "boothDeleted", { booth: null }),
      );
    case "approve":
    case "decline":
    case "mark_paid":
    case "vacate":
      return attempt(
        intent,
        values,
        () => fairs.decide(staff, publicId, intent, values),
        () => back(request, intent),
      );
    case "move": {
      // No booth chosen is the form's mistake, not a missing booth: say so beside the select.
      const to = id("toBoothId");
      if (!Number.isSafeInteger(to) || to <= 0)
        return json<Failure>(
          { ok: false, intent, errors: { toBoothId: { code: "choose_one" } }, values },
          { status: 400 },
        );
      return attempt(
        intent,
        values,
        () => fairs.moveBooking(staff, publicId, to),
        () => back(request, "move"),
      );
    }
  }
  return json<Failure>(
    { ok: false, intent, errors: { _form: { code: "unknown_intent" } }, values: {} },
    { status: 400 },
  );
}

/** The page's own URL without the last notice, for forms to post to. */
function useSelf() {
  const location = useLocation();
  const p = new URLSearchParams(location.search);
  p.delete("done");
  p.delete("n");
  const qs = p.toString();
  return `${location.pathname}${qs ? `?${qs}` : ""}`;
}

/**
 * A key for a form's fields: a new one after every navigation, so a saved form starts again from the stored
 * values (and another booth's panel never shows the previous booth's numbers). A refused submission does not
 * navigate, so what was typed stays.
 */
function useFormKey(...parts: Array<string | number>) {
  return [useLocation().key, ...parts].join("-");
}

/** A link to this page with some of the query changed (tab, booth, booking, status filter). */
function useHref() {
  const location = useLocation();
  return (change: Record<string, string | null>, hash?: string) => {
    const p = new URLSearchParams(location.search);
    p.delete("done");
    p.delete("n");
    for (const [k, v] of Object.entries(change)) {
      if (v === null) p.delete(k);
      else p.set(k, v);
    }
    const qs = p.toString();
    return `${location.pathname}${qs ? `?${qs}` : ""}${hash ? `#${hash}` : ""}`;
  };
}

/** A failure meant for this form, or nothing. `key` tells apart the same form shown for several items. */
function failureFor(failure: Failure | undefined, intent: string, key?: { name: string; value: string }) {
  if (!failure || failure.intent !== intent) return undefined;
  if (key && failure.values[key.name] !== key.value) return undefined;
  return failure;
}

/** Ask before what cannot be undone; without JavaScript the form simply submits. */
const confirming = (question: string) => (e: MouseEvent<HTMLButtonElement>) => {
  if (!window.confirm(question)) e.preventDefault();
};

export default function StaffFair() {
  const data = useLoaderData<typeof loader>();
  const { fair, tab, done, locale, bookings, waitlist, occupancy, created } = data;
  const failure = useActionData<typeof action>() as Failure | undefined;
  const { t } = useTranslation();
  const href = useHref();
  const pending = bookings.filter((b) => b.status === "pending_approval").length;
  const total = Object.values(occupancy).reduce((s, n) => s + n, 0);
  const tabLabel: Record<Tab, ReactNode> = {
    plan: t("fairAdmin:tabs.plan"),
    bookings: (
      <>
        {t("fairAdmin:tabs.bookings")}
        {pending > 0 && (
          <span className="count-badge" aria-label={t("fairAdmin:tabs.pending", { count: pending })}>
            {formatNumber(pending, locale)}
          </span>
        )}
      </>
    ),
    waitlist: (
      <>
        {t("fairAdmin:tabs.waitlist")}
        {waitlist.length > 0 && (
          <span className="sales-tab-count">
            <span className="visually-hidden">: </span>
            {formatNumber(waitlist.length, locale)}
          </span>
        )}
      </>
    ),
    details: t("fairAdmin:tabs.details"),
  };
  return (
    <article className="fa-fair" aria-labelledby="fair-title">
      <nav aria-label={t("common:breadcrumb")} className="breadcrumb">
        <Link to="/staff/fairs">{t("fairAdmin:list.title")}</Link> › <span>{fair.name}</span>
      </nav>
      <header className="fa-fair-head">
        <div>
          <h1 id="fair-title">{fair.name}</h1>
          <p className="fa-fair-meta">
            <FairStatusBadge status={fair.status} />
            {tab !== "details" && (
              <Link
                to={href(
                  { tab: "details", booth: null, booking: null, status: null, view: null },
                  "status-title",
                )}
              >
                {t("fairAdmin:fair.changeStatus")}
              </Link>
            )}
            <span>
              {formatDate(fair.startsOn, locale)} – {formatDate(fair.endsOn, locale)} · {fair.venue},{" "}
              {fair.province.name}
            </span>
          </p>
        </div>
        <div className="actions fa-fair-links">
          <a href={`/fairs/${fair.slug}`}>{t("fairAdmin:fair.publicPage")}</a>
          <a href={`/staff/fairs/${fair.id}/exhibitors.csv`} download>
            {t("fairAdmin:fair.exportCsv")}
          </a>
        </div>
      </header>

      {done && (
        <p className="notice notice-approved" role="status">
          {t(`fairAdmin:done.${done}`, { count: created })}
        </p>
      )}

      <section className="card fa-occupancy" aria-labelledby="occupancy-title">
        <h2 id="occupancy-title">{t("fairAdmin:occupancy.title")}</h2>
        {total === 0 ? (
          <p className="muted">{t("fairAdmin:occupancy.none")}</p>
        ) : (
          <>
            <p className="fa-occupancy-line">
              {t("fairAdmin:occupancy.summary", {
                count: total,
                total: formatNumber(total, locale),
                booked: formatNumber(occupancy.booked, locale),
                percent: formatNumber(Math.round((occupancy.booked / total) * 100), locale),
              })}
            </p>
            <BoothLegend halls={data.halls} showMine={false} />
          </>
        )}
      </section>

      <nav className="tabs sales-tabs fa-tabs" aria-label={t("fairAdmin:tabs.label")}>
        {TABS.map((k) => (
          <Link
            key={k}
            to={href({ tab: k === "plan" ? null : k, booth: null, booking: null, status: null, view: null })}
            aria-current={tab === k ? "page" : undefined}
          >
            {tabLabel[k]}
          </Link>
        ))}
      </nav>

      {tab === "plan" && <PlanTab failure={failure} />}
      {tab === "bookings" && <BookingsTab failure={failure} />}
      {tab === "waitlist" && <WaitlistTab />}
      {tab === "details" && <DetailsTab failure={failure} />}
    </article>
  );
}

// ---- Floor plan --------------------------------------------------------------------------------------------

function PlanTab({ failure }: { failure: Failure | undefined }) {
  const { halls, boothId } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const view = usePlanView();
  const selected = halls.flatMap((h) => h.booths).find((b) => b.id === boothId);
  const boothHref = (b: { id: number }) => `?booth=${b.id}${view === "list" ? "&view=list" : ""}#booth-panel`;
  return (
    <>
      {halls.length === 0 ? (
        <p className="notice notice-pending">{t("fairAdmin:plan.start")}</p>
      ) : (
        <section aria-labelledby="plan-title" className="fa-plan">
          <div className="fa-section-head">
            <h2 id="plan-title">{t("fairAdmin:plan.title")}</h2>
            <PlanViewSwitch anchor="plan-title" />
          </div>
          <p className="muted small">{t("fairAdmin:plan.hint")}</p>
          {view === "list" ? (
            <BoothList halls={halls} mode="staff" boothHref={boothHref} selectedBoothId={selected?.id} />
          ) : (
            <FloorPlan halls={halls} mode="staff" boothHref={boothHref} selectedBoothId={selected?.id} />
          )}
        </section>
      )}
      {boothId !== null && !selected && (
        <p className="notice notice-pending" id="booth-panel">
          {t("fairAdmin:booth.gone")}
        </p>
      )}
      {selected && <BoothPanel booth={selected} failure={failure} />}
      <HallsSection failure={failure} />
      {halls.length > 0 && <GridSection failure={failure} />}
    </>
  );
}

function BoothPanel({ booth, failure }: { booth: Booth; failure: Failure | undefined }) {
  const formKey = useFormKey(booth.id);
  const { halls, bookings, locale } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const self = useSelf();
  const href = useHref();
  const busy = useNavigation().state === "submitting";
  const key = { name: "boothId", value: String(booth.id) };
  const edit = failureFor(failure, "booth", key);
  const removal = failureFor(failure, "deleteBooth", key);
  const hall = halls.find((h) => h.booths.some((b) => b.id === booth.id));
  const booking = bookings.find((b) => b.active && b.boothId === booth.id);
  const v = (name: string, fallback: string | number | null) => valueOf(edit?.values, name, fallback);
  return (
    <section className="card fa-booth-panel" id="booth-panel" aria-labelledby="booth-title">
      <div className="fa-section-head">
        <h2 id="booth-title">{t("fairAdmin:booth.title", { code: booth.code })}</h2>
        <Link to={href({ booth: null })} preventScrollReset className="fa-close">
          {t("fairAdmin:booth.close")}
        </Link>
      </div>
      <p className="muted small">
        {t(`fairs:boothState.${booth.state}`)} · {t(`fairs:boothType.${booth.type}`)} ·{" "}
        {boothSize(booth, locale)} ·{" "}
        {booth.priceVnd > 0 ? formatVnd(booth.priceVnd, locale) : t("fairs:plan.free")}
        {hall && <> · {t("fairAdmin:booth.inHall", { hall: hall.name, size: boothSize(hall, locale) })}</>}
      </p>
      {booking && (
        <p className="notice notice-pending">
          {t("fairAdmin:booth.booked", {
            cooperative: booking.cooperative?.name ?? "",
            status: t(`fairs:bookingStatus.${booking.status}`),
          })}{" "}
          <Link
            to={href(
              { tab: "bookings", booth: null, view: null, booking: booking.publicId },
              "booking-panel",
            )}
          >
            {t("fairAdmin:booth.toBooking")}
          </Link>
        </p>
      )}
      <Form
        method="post"
        action={self}
        className="stack"
        noValidate
        aria-labelledby="booth-title"
        key={formKey}
      >
        <input type="hidden" name="intent" value="booth" />
        <input type="hidden" name="boothId" value={booth.id} />
        <FormError errors={edit?.errors} />
        <div className="field-row">
          <TextField
            name="code"
            id="booth-code"
            label={t("fairAdmin:booth.code")}
            errors={edit?.errors}
            required
            maxLength={16}
            autoComplete="off"
            defaultValue={v("code", booth.code)}
          />
          <SelectField
            name="type"
            id="booth-type"
            label={t("fairAdmin:booth.type")}
            errors={edit?.errors}
            required
            options={BOOTH_TYPES.map((x) => ({ value: x, label: t(`fairs:boothType.${x}`) }))}
            defaultValue={v("type", booth.type)}
          />
        </div>
        <div className="fa-field-grid">
          <NumberField
            name="xM"
            id="booth-xM"
            label={t("fairAdmin:booth.xM")}
            errors={edit?.errors}
            value={v("xM", booth.xM)}
          />
          <NumberField
            name="yM"
            id="booth-yM"
            label={t("fairAdmin:booth.yM")}
            errors={edit?.errors}
            value={v("yM", booth.yM)}
          />
          <NumberField
            name="widthM"
            id="booth-widthM"
            label={t("fairAdmin:booth.widthM")}
            errors={edit?.errors}
            value={v("widthM", booth.widthM)}
          />
          <NumberField
            name="depthM"
            id="booth-depthM"
            label={t("fairAdmin:booth.depthM")}
            errors={edit?.errors}
            value={v("depthM", booth.depthM)}
          />
        </div>
        <p className="field-hint">{t("fairAdmin:booth.positionHint")}</p>
        <div className="field-row">
          <NumberField
            name="priceVnd"
            id="booth-priceVnd"
            label={t("fairAdmin:booth.priceVnd")}
            hint={t("fairAdmin:booth.priceHint")}
            errors={edit?.errors}
            value={v("priceVnd", booth.priceVnd)}
          />
          <TextField
            name="blockedReason"
            id="booth-blockedReason"
            label={t("fairAdmin:booth.blockedReason")}
            hint={t("fairAdmin:booth.blockedHint")}
            errors={edit?.errors}
            maxLength={200}
            defaultValue={v("blockedReason", booth.blockedReason)}
          />
        </div>
        <button type="submit" className="button" disabled={busy}>
          {t("fairAdmin:booth.save")}
        </button>
      </Form>
      <Form method="post" action={self} className="stack fa-danger-zone" noValidate>
        <input type="hidden" name="intent" value="deleteBooth" />
        <input type="hidden" name="boothId" value={booth.id} />
        <FormError errors={removal?.errors} />
        <p className="muted small">{t("fairAdmin:booth.deleteHint")}</p>
        <button
          type="submit"
          className="button button-danger"
          disabled={busy}
          onClick={confirming(t("fairAdmin:booth.deleteConfirm", { code: booth.code }))}
        >
          {t("fairAdmin:booth.delete", { code: booth.code })}
        </button>
      </Form>
    </section>
  );
}

/** Whole metres and đồng: a numeric text input (no spinner arrows to nudge by accident). */
function NumberField({
  name,
  id,
  label,
  hint,
  errors,
  value,
  required = true,
}: {
  name: string;
  id?: string;
  label: string;
  hint?: string;
  errors: Errors;
  value: string | number | undefined | null;
  required?: boolean;
}) {
  return (
    <TextField
      name={name}
      id={id}
      label={label}
      hint={hint}
      errors={errors}
      required={required}
      inputMode="numeric"
      autoComplete="off"
      defaultValue={value}
    />
  );
}

function HallsSection({ failure }: { failure: Failure | undefined }) {
  const formKey = useFormKey();
  const { halls, locale } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const self = useSelf();
  const busy = useNavigation().state === "submitting";
  const mine = failureFor(failure, "hall");
  return (
    <section className="card" aria-labelledby="halls-title">
      <h2 id="halls-title">{t("fairAdmin:halls.title")}</h2>
      {halls.length > 0 && (
        <ul className="fa-halls">
          {halls.map((h) => (
            <li key={h.id}>
              <strong>{h.name}</strong>{" "}
              <span className="muted">
                {boothSize(h, locale)} · {t("fairAdmin:halls.booths", { count: h.booths.length })}
              </span>
            </li>
          ))}
        </ul>
      )}
      <Form
        method="post"
        action={self}
        className="stack"
        noValidate
        aria-labelledby="hall-form-title"
        key={formKey}
      >
        <h3 id="hall-form-title">{t("fairAdmin:halls.add")}</h3>
        <input type="hidden" name="intent" value="hall" />
        <FormError errors={mine?.errors} />
        <TextField
          name="name"
          id="hall-name"
          label={t("fairAdmin:halls.name")}
          hint={t("fairAdmin:halls.nameHint")}
          errors={mine?.errors}
          required
          maxLength={120}
          defaultValue={valueOf(mine?.values, "name")}
        />
        <div className="field-row">
          <NumberField
            name="widthM"
            id="hall-widthM"
            label={t("fairAdmin:halls.widthM")}
            errors={mine?.errors}
            value={valueOf(mine?.values, "widthM")}
          />
          <NumberField
            name="depthM"
            id="hall-depthM"
            label={t("fairAdmin:halls.depthM")}
            errors={mine?.errors}
            value={valueOf(mine?.values, "depthM")}
          />
        </div>
        <button type="submit" className="button button-secondary" disabled={busy}>
          {t("fairAdmin:halls.submit")}
        </button>
      </Form>
    </section>
  );
}

/** Where a new grid fits best: the next free row letter, below the booths already in the last hall. */
function gridSuggestion(halls: Hall[]) {
  const hall = halls[halls.length - 1]!;
  const letters = halls
    .flatMap((h) => h.booths.map((b) => b.code.charCodeAt(0)))
    .filter((c) => c >= 65 && c <= 90);
  const next = letters.length ? Math.min(90, Math.max(...letters) + 1) : 65;
  const bottom = hall.booths.reduce((m, b) => Math.max(m, b.yM + b.depthM), 0);
  return { hallId: hall.id, firstRow: String.fromCharCode(next), originYM: bottom > 0 ? bottom + 3 : 2 };
}

function GridSection({ failure }: { failure: Failure | undefined }) {
  const formKey = useFormKey();
  const { halls } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const self = useSelf();
  const busy = useNavigation().state === "submitting";
  const mine = failureFor(failure, "grid");
  const errors = mine?.errors;
  const s = gridSuggestion(halls);
  const v = (name: string, fallback: string | number) => valueOf(mine?.values, name, fallback);
  return (
    <section className="card" aria-labelledby="grid-title">
      <h2 id="grid-title">{t("fairAdmin:grid.title")}</h2>
      <p className="muted">{t("fairAdmin:grid.lead")}</p>
      <Form
        method="post"
        action={self}
        className="stack"
        noValidate
        aria-labelledby="grid-title"
        key={formKey}
      >
        <input type="hidden" name="intent" value="grid" />
        <FormError errors={errors} />
        <div className="field-row">
          <SelectField
            name="hallId"
            id="grid-hallId"
            label={t("fairAdmin:grid.hall")}
            errors={errors}
            required
            options={halls.map((h) => ({ value: String(h.id), label: h.name }))}
            defaultValue={v("hallId", s.hallId)}
          />
          <SelectField
            name="type"
            id="grid-type"
            label={t("fairAdmin:grid.type")}
            errors={errors}
            required
            options={BOOTH_TYPES.map((x) => ({ value: x, label: t(`fairs:boothType.${x}`) }))}
            defaultValue={v("type", "standard")}
          />
        </div>
        <div className="fa-field-grid">
          <NumberField name="rows" label={t("fairAdmin:grid.rows")} errors={errors} value={v("rows", 2)} />
          <NumberField
            name="columns"
            id="grid-columns"
            label={t("fairAdmin:grid.columns")}
            errors={errors}
            value={v("columns", 10)}
          />
          <TextField
            name="firstRow"
            id="grid-firstRow"
            label={t("fairAdmin:grid.firstRow")}
            errors={errors}
            required
            maxLength={1}
            autoComplete="off"
            defaultValue={v("firstRow", s.firstRow)}
          />
          <NumberField
            name="firstNumber"
            id="grid-firstNumber"
            label={t("fairAdmin:grid.firstNumber")}
            errors={errors}
            value={v("firstNumber", 1)}
          />
        </div>
        <p className="field-hint">{t("fairAdmin:grid.codeHint")}</p>
        <div className="fa-field-grid">
          <NumberField
            name="widthM"
            id="grid-widthM"
            label={t("fairAdmin:grid.widthM")}
            errors={errors}
            value={v("widthM", 3)}
          />
          <NumberField
            name="depthM"
            id="grid-depthM"
            label={t("fairAdmin:grid.depthM")}
            errors={errors}
            value={v("depthM", 3)}
          />
          <NumberField
            name="aisleM"
            id="grid-aisleM"
            label={t("fairAdmin:grid.aisleM")}
            errors={errors}
            value={v("aisleM", 3)}
          />
        </div>
        <div className="fa-field-grid">
          <NumberField
            name="originXM"
            id="grid-originXM"
            label={t("fairAdmin:grid.originXM")}
            errors={errors}
            value={v("originXM", 2)}
          />
          <NumberField
            name="originYM"
            id="grid-originYM"
            label={t("fairAdmin:grid.originYM")}
            errors={errors}
            value={v("originYM", s.originYM)}
          />
        </div>
        <p className="field-hint">{t("fairAdmin:grid.originHint")}</p>
        <div className="field-row">
          <NumberField
            name="priceVnd"
            id="grid-priceVnd"
            label={t("fairAdmin:grid.priceVnd")}
            hint={t("fairAdmin:grid.priceHint")}
            errors={errors}
            value={v("priceVnd", 0)}
          />
          <NumberField
            name="cornerPriceVnd"
            id="grid-cornerPriceVnd"
            label={t("fairAdmin:grid.cornerPriceVnd")}
            hint={t("fairAdmin:grid.cornerPriceHint")}
            errors={errors}
            required={false}
            value={valueOf(mine?.values, "cornerPriceVnd")}
          />
        </div>
        <CheckboxField
          name="cornerEnds"
          label={t("fairAdmin:grid.cornerEnds")}
          hint={t("fairAdmin:grid.cornerEndsHint")}
          errors={errors}
          checked={mine ? mine.values.cornerEnds === "on" : false}
        />
        <button type="submit" className="button" disabled={busy}>
          {t("fairAdmin:grid.submit")}
        </button>
      </Form>
    </section>
  );
}

// ---- Bookings ----------------------------------------------------------------------------------------------

function BookingStatusBadge({ status }: { status: BookingStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`badge fa-booking-status fa-booking-${status}`}>
      {t(`fairs:bookingStatus.${status}`)}
    </span>
  );
}

function BookingsTab({ failure }: { failure: Failure | undefined }) {
  const { bookings, status, bookingId, locale } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const href = useHref();
  const self = useSelf();
  const busy = useNavigation().state === "submitting";
  const shown = status ? bookings.filter((b) => b.status === status) : bookings;
  const selected = bookingId ? bookings.find((b) => b.publicId === bookingId) : undefined;
  const count = (s: BookingStatus | null) =>
    s ? bookings.filter((b) => b.status === s).length : bookings.length;
  // A quick approval from the table that failed is shown in the row it came from.
  const rowFailure = (b: Booking) =>
    failureFor(failure, "approve", { name: "publicId", value: b.publicId }) && b.publicId !== bookingId
      ? failure
      : undefined;
  return (
    <>
      {selected && <BookingPanel booking={selected} failure={failure} />}
      {bookingId && !selected && <p className="notice notice-pending">{t("fairAdmin:bookings.gone")}</p>}
      <section aria-labelledby="bookings-title">
        <div className="fa-section-head">
          <h2 id="bookings-title">{t("fairAdmin:bookings.title")}</h2>
        </div>
        <nav className="tabs sales-tabs fa-subtabs" aria-label={t("fairAdmin:bookings.filter")}>
          {[null, ...BOOKING_STATUSES].map((s) => (
            <Link
              key={s ?? "all"}
              to={href({ status: s, booking: null })}
              aria-current={status === s ? "page" : undefined}
              preventScrollReset
            >
              {s ? t(`fairs:bookingStatus.${s}`) : t("fairAdmin:bookings.all")}
              <span className="sales-tab-count">
                <span className="visually-hidden">: </span>
                {formatNumber(count(s), locale)}
              </span>
            </Link>
          ))}
        </nav>
        {shown.length === 0 ? (
          <p className="empty">
            {t(status ? "fairAdmin:bookings.emptyFiltered" : "fairAdmin:bookings.empty")}
          </p>
        ) : (
          <div className="table-scroll">
            <table className="data-table sales-table fa-bookings">
              <caption className="visually-hidden">{t("fairAdmin:bookings.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("fairAdmin:bookings.col.booth")}</th>
                  <th scope="col">{t("fairAdmin:bookings.col.cooperative")}</th>
                  <th scope="col">{t("fairAdmin:bookings.col.status")}</th>
                  <th scope="col" className="numeric">
                    {t("fairAdmin:bookings.col.amount")}
                  </th>
                  <th scope="col">{t("fairAdmin:bookings.col.deadline")}</th>
                  <th scope="col">{t("fairAdmin:bookings.col.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((b) => {
                  const rf = rowFailure(b);
                  return (
                    <tr key={b.publicId} aria-current={b.publicId === bookingId ? "true" : undefined}>
                      <th scope="row">
                        <span className="sales-code">{b.boothCode}</span>
                      </th>
                      <td data-label={t("fairAdmin:bookings.col.cooperative")}>
                        {b.cooperative ? (
                          <Link to={`/cooperatives/${b.cooperative.slug}`}>{b.cooperative.name}</Link>
                        ) : (
                          "—"
                        )}
                      </td>
                      <td data-label={t("fairAdmin:bookings.col.status")}>
                        <BookingStatusBadge status={b.status} />
                      </td>
                      <td className="numeric" data-label={t("fairAdmin:bookings.col.amount")}>
                        <span>
                          {b.amountVnd > 0 ? formatVnd(b.amountVnd, locale) : t("fairs:plan.free")}
                          {b.paymentMethod && (
                            <span className="fa-method">{t(`orders:paymentMethod.${b.paymentMethod}`)}</span>
                          )}
                        </span>
                      </td>
                      <td data-label={t("fairAdmin:bookings.col.deadline")}>
                        <DeadlineText booking={b} />
                      </td>
                      <td data-label={t("fairAdmin:bookings.col.actions")}>
                        <div className="fa-row-actions">
                          {b.status === "pending_approval" && (
                            <Form method="post" action={self} noValidate>
                              <input type="hidden" name="intent" value="approve" />
                              <input type="hidden" name="publicId" value={b.publicId} />
                              <button type="submit" className="button button-small" disabled={busy}>
                                {t("fairAdmin:action.approve.short")}
                              </button>
                            </Form>
                          )}
                          <Link
                            to={href({ booking: b.publicId }, "booking-panel")}
                            aria-label={t("fairAdmin:bookings.openLabel", { booth: b.boothCode })}
                          >
                            {b.active ? t("fairAdmin:bookings.open") : t("fairAdmin:bookings.view")}
                          </Link>
                        </div>
                        {rf && <FormError errors={rf.errors} />}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

/** What the clock says about a booking: until when it is held or must be paid, or when it was paid. */
function DeadlineText({ booking: b }: { booking: Booking }) {
  const { t, i18n } = useTranslation();
  if (b.paidAt)
    return <>{t("fairAdmin:bookings.paidAt", { date: formatDate(b.paidAt, i18n.language, true) })}</>;
  if (b.active && b.expiresAt)
    return (
      <>
        {t(b.status === "held" ? "fairAdmin:bookings.heldUntil" : "fairAdmin:bookings.payBy", {
          date: formatDate(b.expiresAt, i18n.language, true),
        })}
      </>
    );
  return <span className="muted">—</span>;
}

function BookingPanel({ booking: b, failure }: { booking: Booking; failure: Failure | undefined }) {
  const { halls, rules, locale } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const href = useHref();
  const key = { name: "publicId", value: b.publicId };
  const amount = b.amountVnd > 0 ? formatVnd(b.amountVnd, locale) : t("fairs:plan.free");
  const decisions: BookingDecision[] = [];
  if (b.status === "pending_approval") decisions.push("approve", "decline");
  if (b.status === "pending_payment" && b.paymentMethod === "bank_transfer") decisions.push("mark_paid");
  if (b.active && b.status !== "pending_approval") decisions.push("vacate");
  const booth = halls.flatMap((h) => h.booths).find((x) => x.id === b.boothId);
  // Orphans: a failure of an action this booking no longer offers (someone else moved it first).
  const orphan =
    failure?.values.publicId === b.publicId &&
    failure.intent !== "move" &&
    !decisions.some((d) => d === failure.intent)
      ? failure
      : undefined;
  return (
    <section className="card fa-booking-panel" id="booking-panel" aria-labelledby="booking-title">
      <div className="fa-section-head">
        <h2 id="booking-title">
          {t("fairAdmin:booking.title", { booth: b.boothCode, cooperative: b.cooperative?.name ?? "" })}
        </h2>
        <Link to={href({ booking: null })} preventScrollReset className="fa-close">
          {t("fairAdmin:booking.close")}
        </Link>
      </div>
      <dl className="inline-facts">
        <dt>{t("fairAdmin:booking.status")}</dt>
        <dd>
          <BookingStatusBadge status={b.status} />
        </dd>
        <dt>{t("fairAdmin:booking.booth")}</dt>
        <dd>
          {b.boothCode}
          {booth && (
            <>
              {" "}
              · {t(`fairs:boothType.${booth.type}`)} · {boothSize(booth, locale)}
            </>
          )}
        </dd>
        <dt>{t("fairAdmin:booking.amount")}</dt>
        <dd>
          {amount}
          {b.paymentMethod && <> · {t(`orders:paymentMethod.${b.paymentMethod}`)}</>}
        </dd>
        {b.transferReference && b.paymentMethod === "bank_transfer" && (
          <>
            <dt>{t("fairAdmin:booking.reference")}</dt>
            <dd>
              <code>{b.transferReference}</code>
            </dd>
          </>
        )}
        <dt>{t("fairAdmin:booking.created")}</dt>
        <dd>{formatDate(b.createdAt, locale, true)}</dd>
        {(b.paidAt || (b.active && b.expiresAt)) && (
          <>
            <dt>
              {t(
                b.paidAt
                  ? "fairAdmin:booking.paidAt"
                  : b.status === "held"
                    ? "fairAdmin:booking.heldUntil"
                    : "fairAdmin:booking.payBy",
              )}
            </dt>
            <dd>{formatDate((b.paidAt ?? b.expiresAt)!, locale, true)}</dd>
          </>
        )}
      </dl>
      {b.reason && (
        <blockquote className="reason">
          <strong>{t("fairAdmin:booking.reason")}:</strong>{" "}
          {/^[a-z_]+$/.test(b.reason) ? t(`fairs:note.${b.reason}`, { defaultValue: b.reason }) : b.reason}
        </blockquote>
      )}
      {orphan && <FormError errors={orphan.errors} />}
      {b.status === "held" && <p className="muted">{t("fairAdmin:booking.heldNote")}</p>}
      {b.status === "pending_payment" && b.paymentMethod === "card" && (
        <p className="muted">{t("fairAdmin:booking.cardNote")}</p>
      )}
      {!b.active && <p className="muted">{t("fairAdmin:booking.inactive")}</p>}
      {decisions.map((d) => (
        <DecisionForm
          key={d}
          decision={d}
          booking={b}
          amount={amount}
          needsPayment={b.amountVnd > 0}
          transferDays={rules.transferDays}
          failure={failureFor(failure, d, key)}
        />
      ))}
      {b.active && <MoveForm booking={b} failure={failureFor(failure, "move", key)} />}
    </section>
  );
}

function DecisionForm({
  decision,
  booking: b,
  amount,
  needsPayment,
  transferDays,
  failure,
}: {
  decision: BookingDecision;
  booking: Booking;
  amount: string;
  needsPayment: boolean;
  transferDays: number;
  failure: Failure | undefined;
}) {
  const { t } = useTranslation();
  const self = useSelf();
  const busy = useNavigation().state === "submitting";
  const titleId = `decision-${decision}`;
  const formKey = useFormKey(b.publicId, decision);
  const withReason = decision === "decline" || decision === "vacate";
  const body =
    decision === "approve"
      ? t(needsPayment ? "fairAdmin:action.approve.bodyPaid" : "fairAdmin:action.approve.bodyFree", {
          amount,
          count: transferDays,
        })
      : t(`fairAdmin:action.${decision}.body`, { amount, booth: b.boothCode });
  return (
    <div className={`fa-decision fa-decision-${decision}`}>
      <h3 id={titleId}>{t(`fairAdmin:action.${decision}.title`)}</h3>
      <p>{body}</p>
      {decision === "mark_paid" && (
        <dl className="inline-facts sales-transfer">
          <dt>{t("fairAdmin:action.mark_paid.amount")}</dt>
          <dd>
            <strong>{amount}</strong>
          </dd>
          <dt>{t("fairAdmin:action.mark_paid.reference")}</dt>
          <dd>
            <code>{b.transferReference ?? "—"}</code>
          </dd>
        </dl>
      )}
      <Form method="post" action={self} className="stack" noValidate aria-labelledby={titleId} key={formKey}>
        <input type="hidden" name="intent" value={decision} />
        <input type="hidden" name="publicId" value={b.publicId} />
        <FormError errors={failure?.errors} />
        {withReason && (
          <TextArea
            name="reason"
            label={t("fairAdmin:action.reason")}
            hint={t("fairAdmin:action.reasonHint")}
            errors={reasonErrors(failure?.errors)}
            required
            rows={3}
            maxLength={500}
            defaultValue={valueOf(failure?.values, "reason")}
          />
        )}
        <button
          type="submit"
          className={withReason ? "button button-danger" : "button"}
          disabled={busy}
          onClick={
            withReason
              ? confirming(t(`fairAdmin:action.${decision}.confirm`, { booth: b.boothCode }))
              : undefined
          }
        >
          {t(`fairAdmin:action.${decision}.submit`, { amount })}
        </button>
      </Form>
    </div>
  );
}

/**
 * The domain's `cancel_reason_too_short` speaks of cancelling; a decline is not a cancellation, so beside the
 * reason the plain length rule is said instead.
 */
function reasonErrors(errors: FieldErrors | undefined): FieldErrors | undefined {
  if (errors?.reason?.code !== "cancel_reason_too_short") return errors;
  return { ...errors, reason: { code: "too_short", params: { min: 5 } } };
}

function MoveForm({ booking: b, failure }: { booking: Booking; failure: Failure | undefined }) {
  const formKey = useFormKey(b.publicId);
  const { halls, locale } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const self = useSelf();
  const busy = useNavigation().state === "submitting";
  const errors = failure?.errors;
  const error = errors?.toBoothId;
  const options = halls
    .map((h) => ({ hall: h, booths: h.booths.filter((x) => x.state === "available" && x.id !== b.boothId) }))
    .filter((g) => g.booths.length > 0);
  return (
    <div className="fa-decision fa-decision-move">
      <h3 id="decision-move">{t("fairAdmin:action.move.title")}</h3>
      <p>{t("fairAdmin:action.move.body")}</p>
      {options.length === 0 ? (
        <p className="muted">{t("fairAdmin:action.move.none")}</p>
      ) : (
        <Form
          method="post"
          action={self}
          className="stack"
          noValidate
          aria-labelledby="decision-move"
          key={formKey}
        >
          <input type="hidden" name="intent" value="move" />
          <input type="hidden" name="publicId" value={b.publicId} />
          <FormError errors={errors && !error ? errors : undefined} />
          <div className={`field${error ? " field-invalid" : ""}`}>
            <label htmlFor="toBoothId">{t("fairAdmin:action.move.to")}</label>
            <select
              id="toBoothId"
              name="toBoothId"
              defaultValue={valueOf(failure?.values, "toBoothId") ?? ""}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? "toBoothId-error" : undefined}
            >
              <option value="">{t("fairAdmin:action.move.choose")}</option>
              {options.map((g) => (
                <optgroup key={g.hall.id} label={g.hall.name}>
                  {g.booths.map((x) => (
                    <option key={x.id} value={x.id}>
                      {t("fairAdmin:action.move.option", {
                        code: x.code,
                        type: t(`fairs:boothType.${x.type}`),
                        size: boothSize(x, locale),
                        price: x.priceVnd > 0 ? formatVnd(x.priceVnd, locale) : t("fairs:plan.free"),
                      })}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
            <FieldMessage id="toBoothId-error" error={error} />
          </div>
          <button type="submit" className="button button-secondary" disabled={busy}>
            {t("fairAdmin:action.move.submit")}
          </button>
        </Form>
      )}
    </div>
  );
}

// ---- Waiting list ------------------------------------------------------------------------------------------

function WaitlistTab() {
  const { waitlist, rules, locale } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section aria-labelledby="waitlist-title">
      <h2 id="waitlist-title">{t("fairAdmin:waitlist.title")}</h2>
      <p className="muted">{t("fairAdmin:waitlist.lead", { count: rules.offerHours })}</p>
      {waitlist.length === 0 ? (
        <p className="empty">{t("fairAdmin:waitlist.empty")}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table sales-table">
            <caption className="visually-hidden">{t("fairAdmin:waitlist.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("fairAdmin:waitlist.col.position")}</th>
                <th scope="col">{t("fairAdmin:waitlist.col.cooperative")}</th>
                <th scope="col">{t("fairAdmin:waitlist.col.status")}</th>
                <th scope="col">{t("fairAdmin:waitlist.col.since")}</th>
              </tr>
            </thead>
            <tbody>
              {waitlist.map((w, i) => (
                <tr key={w.cooperativeId}>
                  <th scope="row">{formatNumber(i + 1, locale)}</th>
                  <td data-label={t("fairAdmin:waitlist.col.cooperative")}>{w.name}</td>
                  <td data-label={t("fairAdmin:waitlist.col.status")}>
                    <span className={`fa-waitlist fa-waitlist-${w.status}`}>
                      {t(`fairs:waitlistStatus.${w.status}`)}
                    </span>
                  </td>
                  <td data-label={t("fairAdmin:waitlist.col.since")}>{formatDate(w.since, locale, true)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

// ---- Details -----------------------------------------------------------------------------------------------

function DetailsTab({ failure }: { failure: Failure | undefined }) {
  const formKey = useFormKey();
  const { fair, defaults, banks, bookings } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const self = useSelf();
  const busy = useNavigation().state === "submitting";
  const status = fair.status as FairStatus;
  const next = FAIR_STATUS_MOVES[status].filter((s) => s !== "draft" || bookings.length === 0);
  const statusFailure = failureFor(failure, "status");
  const coverFailure = failureFor(failure, "cover");
  const details = failureFor(failure, "details");
  return (
    <>
      <section className="card fa-status-card" aria-labelledby="status-title">
        <h2 id="status-title">
          {t("fairAdmin:status.title")}: <FairStatusBadge status={status} />
        </h2>
        <p>{t(`fairAdmin:status.means.${status}`)}</p>
        <FormError errors={statusFailure?.errors} />
        {next.length > 0 && (
          <div className="fa-status-actions">
            {next.map((s) => (
              <Form method="post" action={self} key={s} className="fa-status-move">
                <input type="hidden" name="intent" value="status" />
                <input type="hidden" name="status" value={s} />
                <button
                  type="submit"
                  className={s === "open" ? "button" : "button button-secondary"}
                  disabled={busy}
                  onClick={s === "finished" ? confirming(t("fairAdmin:status.finishConfirm")) : undefined}
                >
                  {t(`fairAdmin:status.to.${s}`)}
                </button>
                <p className="field-hint">{t(`fairAdmin:status.hint.${s}`)}</p>
              </Form>
            ))}
          </div>
        )}
        {status === "open" && bookings.length > 0 && (
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
          <Form
            method="post"
            action={self}
            encType="multipart/form-data"
            className="stack"
            noValidate
            key={formKey}
          >
            <div className={`field${coverFailure?.errors.cover ? " field-invalid" : ""}`}>
              <label htmlFor="cover">{t("fairAdmin:cover.label")}</label>
              <input
                id="cover"
                name="cover"
                type="file"
                accept="image/*"
                aria-invalid={coverFailure?.errors.cover ? true : undefined}
                aria-describedby={coverFailure?.errors.cover ? "cover-error cover-hint" : "cover-hint"}
              />
              <p className="field-hint" id="cover-hint">
                {t("fairAdmin:cover.hint")}
              </p>
              <FieldMessage id="cover-error" error={coverFailure?.errors.cover} />
            </div>
            {coverFailure?.errors._form && <FormError errors={coverFailure.errors} />}
            <button type="submit" className="button button-secondary" disabled={busy}>
              {t("fairAdmin:cover.submit")}
            </button>
          </Form>
        </div>
      </section>

      <section aria-labelledby="details-title">
        <h2 id="details-title">{t("fairAdmin:details.title")}</h2>
        <Form
          key={formKey}
          method="post"
          action={self}
          className="stack fa-fair-form"
          noValidate
          aria-labelledby="details-title"
        >
          <input type="hidden" name="intent" value="details" />
          <FormError errors={details?.errors} />
          <FairFields errors={details?.errors} values={details?.values} defaults={defaults} banks={banks} />
          <button type="submit" className="button" disabled={busy}>
            {t("fairAdmin:details.submit")}
          </button>
        </Form>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
