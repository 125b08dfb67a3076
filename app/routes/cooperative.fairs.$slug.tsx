import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useLocation,
  useNavigation,
  useSearchParams,
} from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { PlanBooth } from "../../server/fairs";
import { BookingStatusBadge, BoothBookingsTable, HoldCountdown } from "../components/BoothBooking";
import { FairDates } from "../components/FairCard";
import { FormError } from "../components/Fields";
import { FloorPlanSection } from "../components/BoothList";
import { boothSize } from "../components/FloorPlan";
import { requireCooperativeMember } from "../lib/auth.server";
import { formatDateTime, formatVnd } from "../../server/vocabulary/format";
import { formId, orRespond, readForm, runForm } from "../lib/forms.server";
import { ErrorPage } from "../root";
import { toLocale } from "../../server/vocabulary/locale";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireCooperativeMember(context, request);
  const slug = params.slug ?? "";
  if (user.role === "staff") throw redirect(`/fairs/${slug}`);
  const { fairs, i18n } = context.services;
  const locale = await i18n.getLocale(request);
  const view = await orRespond(fairs.getFairForCooperative(user, { slug, locale }));
  const boothParam = Number(new URL(request.url).searchParams.get("booth"));
  const selected = Number.isInteger(boothParam)
    ? (view.halls.flatMap((h) => h.booths).find((b) => b.id === boothParam) ?? null)
    : null;
  return json({ ...view, selected, locale });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.fair.name ?? ""} · HTX Connect` },
  { name: "robots", content: "noindex" },
];

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireCooperativeMember(context, request);
  const { fairs } = context.services;
  const values = await readForm(request);
  const intent = String(values.intent ?? "");
  const self = `/cooperative/fairs/${params.slug ?? ""}`;
  if (intent === "hold") {
    const outcome = await runForm(values, () =>
      fairs.holdBooth(user, { boothId: formId(values, "boothId") }),
    );
    if (!outcome.ok) return outcome.response;
    return redirect(`/cooperative/bookings/${outcome.result.publicId}?done=held`);
  }
  if (intent === "join_waitlist" || intent === "leave_waitlist") {
    const outcome = await runForm(values, () =>
      intent === "join_waitlist"
        ? fairs.joinWaitlist(user, { fairId: formId(values, "fairId") })
        : fairs.leaveWaitlist(user, { fairId: formId(values, "fairId") }),
    );
    if (!outcome.ok) return outcome.response;
    return redirect(`${self}?done=${intent}`);
  }
  return json({ ok: false as const, errors: { _form: { code: "unknown_intent" } }, values }, { status: 400 });
}

export default function BookFairPage() {
  const { fair, halls, bookings, activeCount, waitlist, selected, locale } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const done = params.get("done");
  const limitReached = activeCount >= fair.maxBoothsPerCooperative;
  const canHold = fair.bookingOpen && !limitReached;
  const taken = failure?.errors?._form?.code === "booth_taken";
  return (
    <div className="container section book-fair-page">
      <nav aria-label={t("common:breadcrumb")} className="breadcrumb">
        <Link to="/cooperative/fairs">{t("fairs:coop.title")}</Link> › <span>{fair.name}</span>
      </nav>
      <header className="book-fair-head">
        <h1>{t("fairs:coop.bookTitle", { name: fair.name })}</h1>
        <p className="muted">
          <FairDates fair={fair} locale={locale} /> · {fair.venue}, {fair.province.name} ·{" "}
          <Link to={`/fairs/${fair.slug}`}>{t("fairs:coop.publicPage")}</Link>
        </p>
      </header>

      {done && (done === "join_waitlist" || done === "leave_waitlist") && (
        <p className="notice notice-approved" role="status">
          {t(`fairs:coop.done.${done}`)}
        </p>
      )}
      {failure && (
        <div className={taken ? "form-error booth-taken-alert" : undefined}>
          {taken ? (
            <div role="alert">
              <p>
                <strong>{t("errors:booth_taken")}</strong>
              </p>
              <p>{t("fairs:coop.planRefreshed")}</p>
            </div>
          ) : (
            <FormError errors={failure.errors} />
          )}
        </div>
      )}

      <dl className="book-fair-facts">
        <div>
          <dt>{t("fairs:coop.limit")}</dt>
          <dd>
            <strong>
              {t("fairs:coop.limitValue", { count: activeCount, max: fair.maxBoothsPerCooperative })}
            </strong>
          </dd>
        </div>
        <div>
          <dt>{t("fairs:coop.available")}</dt>
          <dd>{t("fairs:list.availability", { count: fair.availableCount, total: fair.boothCount })}</dd>
        </div>
        <div>
          <dt>{t("fairs:page.bookingWindow")}</dt>
          <dd>{t("fairs:coop.closesAt", { time: formatDateTime(fair.bookingClosesAt, locale) })}</dd>
        </div>
      </dl>
      {!fair.bookingOpen ? (
        <p className="notice notice-pending">{t("errors:booking_closed")}</p>
      ) : (
        <p className="notice">
          {t("fairs:coop.howItWorks", { minutes: fair.holdMinutes })}{" "}
          {fair.requiresApproval ? t("fairs:coop.requiresApproval") : null}
        </p>
      )}
      {fair.bookingOpen && limitReached && (
        <p className="notice notice-pending">
          {t("errors:booth_limit_reached", { max: fair.maxBoothsPerCooperative })}
        </p>
      )}

      <div className="book-fair-layout">
        <section className="book-fair-plan" aria-labelledby="plan-title" id="so-do">
          <h2 id="plan-title">{t("fairs:coop.chooseBooth")}</h2>
          <p className="muted">{t("fairs:coop.chooseHint")}</p>
          <FloorPlanSection
            halls={halls}
            mode="book"
            anchor="so-do"
            selectedBoothId={selected?.id}
            boothAction={(b) => <HoldCell booth={b} canHold={canHold} />}
          />
        </section>
        {selected && <SelectedBooth booth={selected} canHold={canHold} bookingOpen={fair.bookingOpen} />}
      </div>

      <section className="section" aria-labelledby="mine-title">
        <h2 id="mine-title">{t("fairs:coop.myBookings")}</h2>
        {bookings.length === 0 ? (
          <p className="empty">{t("fairs:coop.noBookings")}</p>
        ) : (
          <BoothBookingsTable bookings={bookings} locale={locale} />
        )}
      </section>

      <Waitlist
        fairId={fair.id}
        waitlist={waitlist}
        bookingOpen={fair.bookingOpen}
        full={fair.availableCount === 0}
        limitReached={limitReached}
        offered={bookings.find((b) => b.active && b.status === "held")}
      />
    </div>
  );
}

/** Posts to the page with the view it came from (the panel's booth or the list), never an old `?done=`. */
function HoldForm({ booth, label, from }: { booth: PlanBooth; label: string; from: "panel" | "list" }) {
  const busy = useNavigation().state === "submitting";
  const path = useLocation().pathname;
  return (
    <Form
      method="post"
      action={from === "panel" ? `${path}?booth=${booth.id}` : `${path}?view=list`}
      className="hold-form"
    >
      <input type="hidden" name="intent" value="hold" />
      <input type="hidden" name="boothId" value={booth.id} />
      <button type="submit" className="button button-small" disabled={busy}>
        {label}
      </button>
    </Form>
  );
}

/** The list view's action cell: a one-button form per free booth, so holding needs no JavaScript. */
function HoldCell({ booth, canHold }: { booth: PlanBooth; canHold: boolean }) {
  const { t } = useTranslation();
  if (booth.mine)
    return (
      <Link to={`/cooperative/bookings/${booth.mine.publicId}`}>
        {t("fairs:plan.action.mine", { code: booth.code })}
      </Link>
    );
  if (booth.state !== "available" || !canHold) return null;
  return <HoldForm booth={booth} label={t("fairs:coop.holdBooth", { code: booth.code })} from="list" />;
}

/** `?booth=` from the plan: the booth's details and the button that holds it. */
function SelectedBooth({
  booth,
  canHold,
  bookingOpen,
}: {
  booth: PlanBooth;
  canHold: boolean;
  bookingOpen: boolean;
}) {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const heading = useRef<HTMLHeadingElement>(null);
  // Choosing a booth on the plan moves the focus here, so a keyboard user's next Tab reaches the button.
  useEffect(() => {
    heading.current?.focus();
  }, [booth.id]);
  const close = new URLSearchParams(params);
  close.delete("booth");
  const closeHref = `?${close.toString()}`;
  return (
    <aside className="card selected-booth" aria-labelledby="selected-booth-title">
      <h2 id="selected-booth-title" tabIndex={-1} ref={heading}>
        {t("fairs:plan.booth", { code: booth.code })}
      </h2>
      <dl className="inline-facts">
        <dt>{t("fairs:plan.col.type")}</dt>
        <dd>{t(`fairs:boothType.${booth.type}`)}</dd>
        <dt>{t("fairs:plan.col.size")}</dt>
        <dd>{boothSize(booth, toLocale(i18n.language))}</dd>
        <dt>{t("fairs:plan.col.price")}</dt>
        <dd>
          {booth.priceVnd > 0 ? formatVnd(booth.priceVnd, toLocale(i18n.language)) : t("fairs:plan.free")}
        </dd>
        <dt>{t("fairs:plan.col.state")}</dt>
        <dd>{t(`fairs:boothState.${booth.state}`)}</dd>
      </dl>
      {booth.mine ? (
        <>
          <p>
            <BookingStatusBadge status={booth.mine.status} />
          </p>
          {booth.mine.expiresAt && booth.mine.status === "held" && (
            <HoldCountdown expiresAt={booth.mine.expiresAt} />
          )}
          <p>
            <Link to={`/cooperative/bookings/${booth.mine.publicId}`} className="button">
              {t("fairs:plan.action.mine", { code: booth.code })}
            </Link>
          </p>
        </>
      ) : booth.state !== "available" ? (
        <p className="notice notice-pending">{t(`fairs:coop.notAvailable.${booth.state}`)}</p>
      ) : canHold ? (
        <HoldForm booth={booth} label={t("fairs:coop.holdThis")} from="panel" />
      ) : (
        <p className="notice notice-pending">
          {t(bookingOpen ? "fairs:coop.cannotHoldLimit" : "errors:booking_closed")}
        </p>
      )}
      <p>
        <Link to={closeHref} preventScrollReset>
          {t("fairs:coop.closePanel")}
        </Link>
      </p>
    </aside>
  );
}

function Waitlist({
  fairId,
  waitlist,
  bookingOpen,
  full,
  limitReached,
  offered,
}: {
  fairId: number;
  waitlist: { status: string; ahead: number } | null;
  bookingOpen: boolean;
  full: boolean;
  limitReached: boolean;
  offered?: { publicId: string; boothCode: string; expiresAt: string | null };
}) {
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const path = useLocation().pathname;
  const waiting = waitlist?.status === "waiting";
  // "offered" stays until the booking is booked; only a hold still waiting for an answer is worth saying.
  const wasOffered = waitlist?.status === "offered" && offered !== undefined;
  const canJoin = bookingOpen && full && !limitReached && !waiting && waitlist?.status !== "offered";
  if (!waiting && !wasOffered && !canJoin) return null;
  return (
    <section className="card waitlist" aria-labelledby="waitlist-title">
      <h2 id="waitlist-title">{t("fairs:coop.waitlist.title")}</h2>
      {waiting ? (
        <>
          <p>
            <span className="badge badge-pending">{t("fairs:waitlistStatus.waiting")}</span>{" "}
            {waitlist.ahead === 0
              ? t("fairs:coop.waitlist.first")
              : t("fairs:coop.waitlist.position", { count: waitlist.ahead })}
          </p>
          <p className="muted">{t("fairs:coop.waitlist.howOffers")}</p>
          <Form method="post" action={path}>
            <input type="hidden" name="intent" value="leave_waitlist" />
            <input type="hidden" name="fairId" value={fairId} />
            <button type="submit" className="button button-secondary" disabled={busy}>
              {t("fairs:coop.waitlist.leave")}
            </button>
          </Form>
        </>
      ) : wasOffered ? (
        <p>
          {t("fairs:coop.waitlist.offered")}{" "}
          <Link to={`/cooperative/bookings/${offered.publicId}`}>
            {t("fairs:plan.action.mine", { code: offered.boothCode })}
          </Link>
        </p>
      ) : (
        <>
          <p>{t("fairs:coop.waitlist.full")}</p>
          <p className="muted">{t("fairs:coop.waitlist.howOffers")}</p>
          <Form method="post" action={path}>
            <input type="hidden" name="intent" value="join_waitlist" />
            <input type="hidden" name="fairId" value={fairId} />
            <button type="submit" className="button" disabled={busy}>
              {t("fairs:coop.waitlist.join")}
            </button>
          </Form>
        </>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
