import { demandUseCases } from "./demands";
import { matchingKit, type MatchingDeps } from "./kit";
import { matchIndex } from "./match-index";
import { offerUseCases } from "./offers";

export { EXPIRE_DEMAND, REMIND_DEMAND, demandMachine } from "./demands";
export { offerMachine } from "./offers";
export type { MatchingCatalogue, MatchingDeps } from "./kit";
export type { OfferView, OwnDemand, PublicDemand } from "./views";
export type { MatchView } from "./match-index";

/**
 * Supply–demand matching: buyers' demands and cooperatives' offers (matches, meetings and conferences come next).
 * Each group of use cases lives in its own file; this only composes them.
 */
export function createMatchingService(deps: MatchingDeps) {
  const kit = matchingKit(deps);
  const demands = demandUseCases(kit);
  const offers = offerUseCases(kit);
  const matches = matchIndex(kit);
  return {
    ...demands,
    ...offers,
    ...matches,
    jobHandlers: () => ({ ...demands.jobHandlers() }),
  };
}

export type MatchingService = ReturnType<typeof createMatchingService>;
