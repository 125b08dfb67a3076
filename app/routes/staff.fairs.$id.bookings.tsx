import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Invalid } from "../../server/errors";
import { useQueryHref, usePostTarget, type StaffBooking } from "../components/FairAdmin";
import { BookingStatusBadge, DeadlineText, FairBookingPanel } from "../components/FairBookingPanel";
import { FormError } from "../components/Fields";
import {
  failureOf,
  IntentForm,
  UnclaimedFailure,
  useSubmitting,
  type IntentFailureData,
} from "../components/IntentForm";
import { BOOKING_STATUSES, type BookingStatus } from "../../server/vocabulary/domain";
import {
  pick,
  runTabForm,
  staffFairView,
  staffOnFair,
  type FairEditor,
  type TabForm,
} from "../lib/fair-admin.server";
import { formatNumber, formatVnd } from "../../server/vocabulary/format";
import { readForm, type FormValues } from "../lib/forms.server";
import { ErrorPage } from "../root";

/** The bookings tab: every booking of the fair, filtered by status, and the one opened (`?booking=`) to decide on. */
export async function loader(args: LoaderFunctionArgs) {
  const { view, locale, t } = await staffFairView(args);
  const url = new URL(args.request.url);
  return json({
    bookings: view.bookings,
    // The opened booking's booth, and the booths it could move to.
    halls: view.halls,
    transferDays: view.fair.input.transferDays,
    status: pick(BOOKING_STATUSES, url.searchParams.get("status")),
    bookingId: url.searchParams.get("booking"),
    rules: args.context.services.forms.rules("reason"),
    locale,
    title: `${t("fairAdmin:tabs.bookings")} · ${view.fair.name}`,
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
];

/** A decision or a move, told apart by the hidden `intent`; each names its booking by `publicId`. */
function bookingForm(intent: string, values: FormValues, { fairs, staff }: FairEditor): TabForm | null {
  const publicId = String(values.publicId ?? "");
  switch (intent) {
    case "approve":
    case "decline":
    case "mark_paid":
    case "vacate":
      return {
        done: intent,
        work: () => fairs.decideBooking(staff, { publicId, action: intent, form: values }),
      };
    case "move":
      return {
        done: "move",
        work: () => {
          // No booth chosen is the form's mistake, not a missing booth: said beside the select.
          const to = Number(values.toBoothId);
          if (!Number.isSafeInteger(to) || to <= 0) throw new Invalid({ toBoothId: { code: "choose_one" } });
          return fairs.moveBooking(staff, { publicId, toBoothId: to });
        },
      };
    default:
      return null;
  }
}

export async function action(args: ActionFunctionArgs) {
  const editor = staffOnFair(args);
  const values = await readForm(args.request);
  return runTabForm(args.request, values, bookingForm(String(values.intent ?? ""), values, editor));
}

export default function FairBookingsTab() {
  const { bookings, halls, transferDays, status, bookingId, rules, locale } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  const href = useQueryHref();
  const postTarget = usePostTarget();
  const busy = useSubmitting();
  const shown = status ? bookings.filter((b) => b.status === status) : bookings;
  const selected = bookingId ? bookings.find((b) => b.publicId === bookingId) : undefined;
  const count = (s: BookingStatus | null) =>
    s ? bookings.filter((b) => b.status === s).length : bookings.length;
  // A quick approval from the table that failed is shown in the row it came from (an opened one, in its panel).
  const rowFailure = (b: StaffBooking) =>
    b.publicId !== bookingId
      ? failureOf(data, "approve", { name: "publicId", value: b.publicId })
      : undefined;
  // The opened booking's panel shows every failure about it (the move only while it is active); a row, its quick approval.
  const claimed = (f: IntentFailureData) =>
    selected && selected.publicId === f.values.publicId
      ? f.intent !== "move" || selected.active
      : f.intent === "approve" && shown.some((b) => b.publicId === f.values.publicId);
  return (
    <>
      <UnclaimedFailure claimed={claimed} />
      {selected && (
        <FairBookingPanel
          booking={selected}
          halls={halls}
          transferDays={transferDays}
          reasonRules={rules.reason}
          locale={locale}
        />
      )}
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
                            <IntentForm intent="approve" action={postTarget} className="">
                              <input type="hidden" name="publicId" value={b.publicId} />
                              <button type="submit" className="button button-small" disabled={busy}>
                                {t("fairAdmin:action.approve.short")}
                              </button>
                            </IntentForm>
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

export function ErrorBoundary() {
  return <ErrorPage />;
}
