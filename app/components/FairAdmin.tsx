import type { SerializeFrom } from "@remix-run/node";
import { useFormAction, useLocation } from "@remix-run/react";
import type { FairsService } from "../../server/fairs";

/**
 * What the tabs of the fair editor (app/routes/staff.fairs.$id*.tsx) share: the shapes of the staff view as
 * loaders hand it over, where each tab lives, and how forms and links keep the page's selection.
 */

type StaffFairView = SerializeFrom<FairsService["getFairForStaff"]>;
export type StaffFair = StaffFairView["fair"];
export type StaffHall = StaffFairView["halls"][number];
export type StaffBooth = StaffHall["booths"][number];
export type StaffBooking = StaffFairView["bookings"][number];
export type Occupancy = StaffFairView["occupancy"];

export type FairTab = "plan" | "bookings" | "waitlist" | "visitors" | "details";

/** A tab's address: the plan is the fair's own page, the others one step below it. */
export function fairTabPath(fairId: number | string, tab: FairTab = "plan") {
  return `/staff/fairs/${fairId}${tab === "plan" ? "" : `/${tab}`}`;
}

/**
 * Where this tab's forms post: the page with its selection (booth, booking, filter, `?index` on the plan) but
 * without the last notice, so a refused form does not show the previous success beside its errors.
 */
export function usePostTarget() {
  const url = new URL(useFormAction(), "http://htx.invalid");
  url.searchParams.delete("done");
  url.searchParams.delete("n");
  return url.pathname + url.search;
}

/** A link to this page with some of the query changed (booth, booking, status filter); notices dropped. */
export function useQueryHref() {
  const location = useLocation();
  return (change: Record<string, string | null>, hash?: string) => {
    const p = new URLSearchParams(location.search);
    for (const k of ["done", "n", "index"]) p.delete(k);
    for (const [k, v] of Object.entries(change)) {
      if (v === null) p.delete(k);
      else p.set(k, v);
    }
    const qs = p.toString();
    return `${location.pathname}${qs ? `?${qs}` : ""}${hash ? `#${hash}` : ""}`;
  };
}

/**
 * A key for a form's fields: a new one after every navigation, so a saved form starts again from the stored
 * values (and another booth's panel never shows the previous booth's numbers). A refused form comes back with
 * what was typed, so nothing is lost.
 */
export function useFormKey(...parts: Array<string | number>) {
  return [useLocation().key, ...parts].join("-");
}
