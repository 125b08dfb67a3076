import { by, cooperatives, get, ok, only, post, redirect, title } from "./cells";
import { DRAFT_FROM_MATCH } from "./agreements";
import type { F } from "./fixtures";
import { CONFLICT, DENY, HIDDEN, LOGIN, OK, type RouteEntry } from "./matrix";

/**
 * Matches: a match and its thread are its two parties' (buyer A and X's members) and staff's to read; anyone
 * else is told it does not exist, and a pending cooperative is no party until approved. Before the pair is
 * connected the cooperative does not learn who the buyer is. The list pages are each side's own; the staff page
 * is staff's.
 */
const buyerA = (f: F) => [f.names.buyerA, f.emails.buyerA];
const thread = (f: F) => [f.match.AX.note];
const strangers = { buyerB: HIDDEN, memberY: HIDDEN, pending: HIDDEN } as const;

export const MATCHES: Array<RouteEntry<F>> = [
  {
    file: "matches.$id.tsx",
    probes: [
      get(
        "the A–X match",
        (f) => `/matches/${f.match.AX.id}`,
        by({
          guest: LOGIN,
          buyerA: ok(thread),
          memberX: ok(thread, buyerA),
          staff: ok(thread),
          ...strangers,
        }),
        { shows: (f) => [f.match.AX.demandTitle], secrets: (f) => [f.match.AX.note, ...buyerA(f)] },
      ),
      // Not connected yet, so nobody may write in the thread: parties hear 409, staff never act for a party.
      post(
        "message",
        (f) => `/matches/${f.match.AX.id}`,
        () => ({ intent: "message", body: "Xin chào" }),
        by({ guest: LOGIN, buyerA: CONFLICT, memberX: CONFLICT, staff: CONFLICT, ...strangers }),
      ),
      // Nor record what came of a contact that has not happened.
      post(
        "outcome",
        (f) => `/matches/${f.match.AX.id}`,
        () => ({ intent: "outcome", stage: "first", outcome: "informative" }),
        by({ guest: LOGIN, buyerA: CONFLICT, memberX: CONFLICT, staff: CONFLICT, ...strangers }),
      ),
      DRAFT_FROM_MATCH,
    ],
  },
  {
    file: "account_.matches.tsx",
    probes: [
      get(
        "my matches",
        () => "/account/matches",
        by({
          guest: LOGIN,
          buyerA: ok((f) => [f.offer.xActive.title]),
          buyerB: ok(undefined, (f) => [f.offer.xActive.title]),
          cooperatives: DENY,
          staff: DENY,
        }),
        { shows: () => [title("Kết nối của tôi")] },
      ),
    ],
  },
  {
    file: "cooperative.matches.tsx",
    probes: [
      get(
        "matching demands",
        () => "/cooperative/matches",
        cooperatives({
          memberX: ok((f) => [f.match.AX.demandTitle], buyerA),
          memberY: ok(undefined, (f) => [f.match.AX.demandTitle]),
          pending: ok(undefined, (f) => [f.match.AX.demandTitle]),
        }),
        { shows: () => [title("Nhu cầu phù hợp")] },
      ),
    ],
  },
  {
    file: "staff.matching.tsx",
    probes: [
      get("the matching overview", () => "/staff/matching", only({ staff: OK }), {
        shows: () => [title("Kết nối cung cầu")],
      }),
      post(
        "recompute",
        () => "/staff/matching",
        () => ({ intent: "recompute" }),
        // Three open demands: A's open miến dong demand and its two tea demands (one with the agreement).
        only({ staff: redirect("/staff/matching?queued=3") }),
      ),
    ],
  },
];
