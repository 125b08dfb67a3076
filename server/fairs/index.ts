import { bookingLifecycle } from "./booking-lifecycle";
import { bookingPayments } from "./booking-payments";
import { cooperativeBookings } from "./cooperative-bookings";
import { fairSetup } from "./fair-setup";
import { fairsKit, type FairsDeps } from "./kit";
import { planElements } from "./plan-elements";
import { publicFairs } from "./public-fairs";
import { staffBookings } from "./staff-bookings";
import { fairVisitors } from "./visitors";
import { fairWaitlist } from "./waitlist";
import { fairViews } from "./views";

export { EXPIRE_BOOKING } from "./booking-lifecycle";
export { REFUND_BOOKING } from "./booking-payments";
export type { BookingAction } from "./booking-state-machine";
export type { ExhibitedProduct, FairsCatalogue, FairsDeps } from "./kit";
export type { FairSummary, PlanBooth, PlanElement, PlanHall } from "./views";
export type { VisitorPass } from "./visitors";

/**
 * Trade fairs: what visitors see, what cooperatives book, how staff set fairs up and decide on bookings, and
 * how booth fees are paid. Each group of use cases lives in its own file; this only composes them.
 */
export function createFairsService(deps: FairsDeps) {
  const kit = fairsKit(deps);
  const views = fairViews(kit);
  const bookings = bookingLifecycle(kit);
  return {
    ...publicFairs(kit, views),
    ...cooperativeBookings(kit, views, bookings),
    ...fairWaitlist(kit, views),
    ...fairSetup(kit, views),
    ...staffBookings(kit, bookings),
    ...bookingPayments(kit, bookings),
    ...planElements(kit),
    ...fairVisitors(kit),
  };
}

export type FairsService = ReturnType<typeof createFairsService>;
