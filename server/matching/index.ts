import { demandUseCases } from "./demands";
import { matchingKit, type MatchingDeps } from "./kit";
import { matchContactUseCases } from "./contact";
import { matchIndex } from "./match-index";
import { matchPages } from "./match-pages";
import { offerUseCases } from "./offers";

export { EXPIRE_DEMAND, REMIND_DEMAND, demandMachine } from "./demands";
export { offerMachine } from "./offers";
export type { MatchingCatalogue, MatchingDeps } from "./kit";
export type { OfferView, OwnDemand, PublicDemand } from "./views";
export { ASK_MATCH_FOLLOW_UP, EXPIRE_MATCH_REQUEST, matchMachine } from "./contact";
export type { MatchDetail, MatchView } from "./match-pages";

/**
 * Supply–demand matching: buyers' demands and cooperatives' offers their ranked matches and the contact between the two sides (conferences come next).
 * Each group of use cases lives in its own file; this only composes them.
 */
export function createMatchingService(deps: MatchingDeps) {
  const kit = matchingKit(deps);
  const demands = demandUseCases(kit);
  const offers = offerUseCases(kit);
  const matches = matchIndex(kit);
  const contact = matchContactUseCases(kit);
  return {
    ...demands,
    ...offers,
    ...matches,
    ...matchPages(kit),
    ...contact,
    jobHandlers: () => ({ ...demands.jobHandlers(), ...contact.jobHandlers(), ...matches.matchIndexJobs() }),
  };
}

export type MatchingService = ReturnType<typeof createMatchingService>;
