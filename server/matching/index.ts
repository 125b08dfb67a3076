import { demandUseCases } from "./demands";
import { matchingKit, type MatchingDeps } from "./kit";
import { conferenceAgendaFiles } from "./conference-agenda";
import { conferenceKit } from "./conference-kit";
import { conferenceParticipation } from "./conference-participation";
import { conferenceScheduling } from "./conference-schedule";
import { conferenceSetup } from "./conference-setup";
import { conferenceStaffViews } from "./conference-staff-views";
import { matchContactUseCases } from "./contact";
import { matchIndex } from "./match-index";
import { matchPages } from "./match-pages";
import { offerUseCases } from "./offers";

export { EXPIRE_DEMAND, REMIND_DEMAND, demandMachine } from "./demands";
export { offerMachine } from "./offers";
export type { MatchingCatalogue, MatchingDeps } from "./kit";
export type { OfferView, OwnDemand, PublicDemand } from "./views";
export { conferenceMachine } from "./conference-kit";
export { EXPIRE_MEETING_REQUEST } from "./conference-participation";
export { ASK_MEETING_FOLLOW_UP, meetingMachine } from "./conference-schedule";
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
  const ck = conferenceKit(kit);
  const scheduling = conferenceScheduling(kit, ck);
  const participation = conferenceParticipation(kit, ck);
  return {
    ...demands,
    ...offers,
    ...matches,
    ...matchPages(kit),
    ...contact,
    ...conferenceSetup(kit, ck, scheduling),
    ...scheduling,
    ...participation,
    ...conferenceStaffViews(kit, ck),
    ...conferenceAgendaFiles(participation),
    jobHandlers: () => ({
      ...demands.jobHandlers(),
      ...contact.jobHandlers(),
      ...matches.matchIndexJobs(),
      ...participation.jobHandlers(),
      ...scheduling.jobHandlers(),
    }),
  };
}

export type MatchingService = ReturnType<typeof createMatchingService>;
