import { cooperativesKit, type CooperativesDeps } from "./kit";
import { membership } from "./membership";
import { publicPages } from "./public-pages";
import { staffReview } from "./review";

export { cooperativeContacts, notifyCooperativeContacts, type CooperativeContact } from "./contacts";
export { createCooperative } from "./creation";
export { DIRECTORY_PAGE_SIZE, toCard, type CooperativeCard, type CooperativeProfile } from "./views";
export type { CooperativesDeps } from "./kit";

/**
 * Cooperatives: joining and keeping a profile, the public directory and profiles, and staff review. Each group of
 * use cases lives in its own file; this composes them.
 */
export function createCooperativesService(deps: CooperativesDeps) {
  const kit = cooperativesKit(deps);
  return { ...membership(kit), ...publicPages(kit), ...staffReview(kit) };
}

export type CooperativesService = ReturnType<typeof createCooperativesService>;
