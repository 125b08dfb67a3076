import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "../lib/auth.server";
import { orRespond } from "../lib/forms.server";
import { vietnamDay } from "../../server/vocabulary/dates";
import { formatDate } from "../../server/vocabulary/format";
import { ErrorPage } from "../root";
import { CooperativeFigures } from "../components/CooperativeFigures";
import { WorkspaceTasks } from "../components/WorkspaceTasks";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireRole(context, request, "cooperative");
  const locale = await context.services.i18n.getLocale(request);
  const { cooperatives, orders, fairs, cooperativeFigures } = context.services;
  const approved = user.cooperative?.status === "approved";
  const [cooperative, orderCounts, tasks, openFairs, fairBookings, figures] = await Promise.all([
    orRespond(cooperatives.getOwnCooperative(user, { locale })),
    orRespond(orders.countCooperativeOrders(user)),
    // What is waiting for the cooperative, one statement per card (server/reports/cooperative-tasks.ts).
    orRespond(cooperativeFigures.cooperativeTasks(user, { locale })),
    approved ? fairs.listOpenFairs({ locale }) : Promise.resolve([]),
    approved ? fairs.listOwnBookings(user, { locale }) : Promise.resolve({ bookings: [], waitlists: [] }),
    // Its own sales, bookings and agreements, charted: only an approved cooperative has any.
    approved ? orRespond(cooperativeFigures.cooperativeDashboard(user)) : Promise.resolve(null),
  ]);
  const url = new URL(request.url);
  return json({
    cooperative,
    orderCounts,
    tasks,
    figures,
    fairSummary: approved
      ? {
          open: openFairs.length,
          // Booths at fairs still to come (a past fair's bookings stay "booked" in its history).
          active: fairBookings.bookings.filter((b) => b.active && b.fair.endsOn >= vietnamDay()).length,
        }
      : null,
    locale,
    registered: url.searchParams.has("registered"),
    title: context.services.i18n.t(locale)("cooperatives:dashboard.title"),
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
];

export default function CooperativeDashboard() {
  const {
    cooperative: c,
    orderCounts,
    tasks,
    figures,
    fairSummary,
    locale,
    registered,
  } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="container section">
      <h1>{c.name}</h1>
      {registered && (
        <p className="notice notice-approved" role="status">
          {t("cooperatives:dashboard.registered")}
        </p>
      )}
      {c.location.formerUnits && (
        <p className="notice notice-pending" role="status">
          <Link to="/cooperative/profile#edit-title">
            {t("geo:addressNeedsWard", { units: c.location.formerUnits })}
          </Link>
        </p>
      )}
      <section className={`card status-card status-${c.status}`} aria-labelledby="status-title">
        <h2 id="status-title">
          {t("cooperatives:dashboard.statusTitle")}:{" "}
          <span className={`badge badge-${c.status}`}>{t(`cooperatives:status.${c.status}`)}</span>
        </h2>
        <p>
          {t(`cooperatives:dashboard.statusBody.${c.status}`, {
            date: c.reviewedAt ? formatDate(c.reviewedAt, locale) : "",
          })}
        </p>
        {c.status === "rejected" && c.rejectionReason && (
          <blockquote className="reason">
            <strong>{t("cooperatives:dashboard.reason")}:</strong> {c.rejectionReason}
          </blockquote>
        )}
        {c.status === "approved" && (
          <p>
            <Link to={`/cooperatives/${c.slug}`}>{t("cooperatives:dashboard.viewPublic")}</Link>
          </p>
        )}
      </section>
      <WorkspaceTasks
        tasks={tasks}
        orderCounts={orderCounts}
        approved={c.status === "approved"}
        upcomingBooths={figures ? figures.bookings.upcoming : null}
        locale={locale}
      />
      {c.status === "approved" && (
        <section aria-labelledby="offers-title" className="card">
          <h2 id="offers-title">{t("offers:dashboard.title")}</h2>
          <p>{t("offers:dashboard.body")}</p>
          <p>
            <Link to="/cooperative/offers" className="button button-secondary">
              {t("offers:dashboard.link")}
            </Link>
          </p>
        </section>
      )}
      {fairSummary && (
        <section aria-labelledby="fairs-title" className="card">
          <h2 id="fairs-title">{t("fairs:dashboard.title")}</h2>
          <p>
            {t("fairs:dashboard.open", { count: fairSummary.open })}{" "}
            {t("fairs:dashboard.active", { count: fairSummary.active })}
          </p>
          <p>
            <Link to="/cooperative/fairs" className="button button-secondary">
              {t("fairs:dashboard.link")}
            </Link>
          </p>
        </section>
      )}
      {figures && <CooperativeFigures figures={figures} locale={locale} />}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
