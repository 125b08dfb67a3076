import { json, redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BoothBookingsTable } from "../components/BoothBooking";
import { FairCard } from "../components/FairCard";
import { requireCooperativeMember } from "../lib/auth.server";
import { formatDateTime } from "../../server/vocabulary/format";
import { ErrorPage } from "../root";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireCooperativeMember(context, request);
  if (user.role === "staff") throw redirect("/fairs");
  const { fairs, i18n } = context.services;
  const locale = await i18n.getLocale(request);
  const approved = user.cooperative?.status === "approved";
  const [open, mine] = await Promise.all([
    fairs.listOpenFairs({ locale }),
    approved ? fairs.listOwnBookings(user, { locale }) : Promise.resolve({ bookings: [], waitlists: [] }),
  ]);
  const { bookings, waitlists } = mine;
  return json({
    open,
    bookings: [...bookings].sort((a, b) => Number(b.active) - Number(a.active)),
    waitlists,
    approved,
    locale,
    title: i18n.t(locale)("fairs:coop.title"),
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
  { name: "robots", content: "noindex" },
];

export default function CooperativeFairs() {
  const { open, bookings, waitlists, approved, locale, title } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="container section cooperative-fairs">
      <h1>{title}</h1>
      <p className="lead">{t("fairs:coop.lead")}</p>
      {!approved && <p className="notice notice-pending">{t("errors:cooperative_not_approved")}</p>}

      <section className="section" aria-labelledby="open-title">
        <div className="section-head">
          <h2 id="open-title">{t("fairs:coop.open")}</h2>
          <Link to="/fairs">{t("fairs:coop.allFairs")}</Link>
        </div>
        {open.length === 0 ? (
          <p className="empty">{t("fairs:coop.noOpen")}</p>
        ) : (
          <div className="card-grid fair-grid">
            {open.map((f) => (
              <div key={f.id} className="fair-card-with-action">
                <FairCard
                  fair={f}
                  locale={locale}
                  to={approved ? `/cooperative/fairs/${f.slug}` : undefined}
                />
                {approved && (
                  <p className="fair-card-action">
                    <Link to={`/cooperative/fairs/${f.slug}`} className="button button-small">
                      {t("fairs:coop.bookAt", { name: f.name })}
                    </Link>{" "}
                    <span className="muted small">
                      {t("fairs:coop.closesAt", { time: formatDateTime(f.bookingClosesAt, locale) })}
                    </span>
                  </p>
                )}
              </div>
            ))}
          </div>
        )}
      </section>

      {approved && (
        <section className="section" aria-labelledby="bookings-title">
          <h2 id="bookings-title">{t("fairs:coop.allBookings")}</h2>
          {bookings.length === 0 ? (
            <p className="empty">{t("fairs:coop.noBookings")}</p>
          ) : (
            <BoothBookingsTable bookings={bookings} locale={locale} />
          )}
        </section>
      )}

      {waitlists.length > 0 && (
        <section className="section" aria-labelledby="waitlists-title">
          <h2 id="waitlists-title">{t("fairs:coop.waitlist.title")}</h2>
          <ul className="plain-list">
            {waitlists.map((w) => (
              <li key={w.fair.slug}>
                <Link to={`/cooperative/fairs/${w.fair.slug}`}>{w.fair.name}</Link>
                {": "}
                {w.status === "waiting"
                  ? w.ahead === 0
                    ? t("fairs:coop.waitlist.first")
                    : t("fairs:coop.waitlist.position", { count: w.ahead })
                  : t("fairs:waitlistStatus.offered")}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
