import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { FairAdminHeader } from "../components/FairAdminHeader";
import { FAIR_ADMIN_DONE, pick, staffFairView } from "../lib/fair-admin.server";
import { ErrorPage } from "../root";

/**
 * The fair editor's frame: the fair's header, its occupancy and the tabs, around whichever tab the address names
 * (plan, bookings, waiting list, details: staff.fairs.$id._index/.bookings/.waitlist/.details.tsx). Each tab
 * loads what it shows and runs its own forms; the notice after a form is read here, above the tabs.
 */
export async function loader(args: LoaderFunctionArgs) {
  const { view, locale } = await staffFairView(args);
  const { fair, halls, occupancy, bookings, waitlist } = view;
  const url = new URL(args.request.url);
  return json({
    fair: {
      id: fair.id,
      slug: fair.slug,
      name: fair.name,
      status: fair.status,
      startsOn: fair.startsOn,
      endsOn: fair.endsOn,
      venue: fair.venue,
      province: fair.province,
    },
    halls,
    occupancy,
    pending: bookings.filter((b) => b.status === "pending_approval").length,
    waiting: waitlist.length,
    done: pick(FAIR_ADMIN_DONE, url.searchParams.get("done")),
    created: Number(url.searchParams.get("n")) || 0,
    locale,
    title: fair.name,
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
];

export default function StaffFair() {
  const data = useLoaderData<typeof loader>();
  return (
    <article className="fa-fair" aria-labelledby="fair-title">
      <FairAdminHeader {...data} />
      <Outlet />
    </article>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
