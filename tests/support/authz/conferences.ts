import { by, everyone, get, ok, only, post, signedIn, title } from "./cells";
import type { F } from "./fixtures";
import { CONFLICT, DENY, INVALID, LOGIN, OK, type RouteEntry } from "./matrix";

/**
 * Matchmaking conferences: the list and a conference's page are public; what a participant does (partners, marks,
 * requests, agenda and its files) is for registered buyers and cooperatives — A and X here; other buyers and
 * members are refused (403 "register first"), as are staff (who run conferences from the console) and a
 * pending cooperative. Forms sent with nonsense are refused by the schema before anything else. The staff
 * console is staff's.
 */
const participants = (cells: Parameters<typeof by>[0] = {}) =>
  by({
    guest: LOGIN,
    buyerA: OK,
    memberX: OK,
    buyerB: DENY,
    memberY: DENY,
    pending: DENY,
    staff: DENY,
    ...cells,
  });
const K = (f: F) => `/conferences/${f.conference.K.slug}`;
const K2 = (f: F) => `/conferences/${f.conference.K2.slug}`;

export const CONFERENCES: Array<RouteEntry<F>> = [
  {
    file: "conferences._index.tsx",
    probes: [
      get("the conference list", () => "/conferences", everyone(OK), {
        shows: (f) => [title("Hội nghị kết nối cung cầu"), f.conference.K.name],
      }),
    ],
  },
  {
    file: "conferences.$slug._index.tsx",
    probes: [
      get("K's page", K, everyone(OK), { shows: (f) => [f.conference.K.name] }),
      // Every slot unticked: "leave at least one" for A and X; the rest are not registered.
      post(
        "availability",
        K,
        () => ({ intent: "availability" }),
        participants({ buyerA: INVALID, memberX: INVALID }),
      ),
      // K2's registration has closed: registering and cancelling are refused by the phase.
      post(
        "register",
        K2,
        () => ({ intent: "register" }),
        by({ guest: LOGIN, buyers: CONFLICT, members: CONFLICT, pending: DENY, staff: DENY }),
        { label: "K2 (registration closed)" },
      ),
      post(
        "cancel",
        K2,
        () => ({ intent: "cancel" }),
        participants({ buyerA: CONFLICT, memberX: CONFLICT }),
        {
          label: "K2 (schedule provisional)",
        },
      ),
    ],
  },
  {
    file: "conferences.$slug.participants.tsx",
    probes: [
      get(
        "K's partners",
        (f) => `${K(f)}/participants`,
        participants({ buyerA: ok((f) => [f.coop.X.name]) }),
        {
          secrets: (f) => [f.coop.X.name, f.names.buyerA],
        },
      ),
      post(
        "mark",
        (f) => `${K(f)}/participants`,
        () => ({ intent: "mark", targetId: "x", level: "must" }),
        signedIn(INVALID),
      ),
      post(
        "request",
        (f) => `${K(f)}/participants`,
        () => ({ intent: "request", targetId: "x" }),
        signedIn(INVALID),
      ),
      post(
        "answer",
        (f) => `${K(f)}/participants`,
        () => ({ intent: "answer", requestId: "1", answer: "maybe" }),
        signedIn(INVALID),
      ),
    ],
  },
  {
    file: "conferences.$slug.agenda.tsx",
    probes: [
      get("K's agenda", (f) => `${K(f)}/agenda`, participants(), {
        shows: (f) => [title(`Lịch gặp tại ${f.conference.K.name}`)],
      }),
      post(
        "mark",
        (f) => `${K(f)}/agenda`,
        () => ({ intent: "mark", meetingId: "x", status: "held" }),
        signedIn(INVALID),
      ),
      post(
        "outcome",
        (f) => `${K(f)}/agenda`,
        () => ({ intent: "outcome", meetingId: "x", stage: "first", outcome: "informative" }),
        signedIn(INVALID),
      ),
      post(
        "draft_agreement",
        (f) => `${K(f)}/agenda`,
        () => ({ intent: "draft_agreement", meetingId: "x" }),
        signedIn(INVALID),
      ),
    ],
  },
  {
    file: "conferences.$slug.agenda[.]pdf.ts",
    probes: [get("K's agenda as PDF", (f) => `${K(f)}/agenda.pdf`, participants())],
  },
  {
    file: "conferences.$slug.agenda[.]ics.ts",
    probes: [get("K's agenda as a calendar", (f) => `${K(f)}/agenda.ics`, participants())],
  },
  {
    file: "staff.conferences._index.tsx",
    probes: [
      get("the conferences", () => "/staff/conferences", only({ staff: OK }), {
        shows: (f) => [f.conference.K.name, f.conference.K2.name],
      }),
    ],
  },
  {
    file: "staff.conferences.new.tsx",
    probes: [
      get("the form", () => "/staff/conferences/new", only({ staff: OK })),
      post(
        "create",
        () => "/staff/conferences/new",
        () => ({ nameVi: "x" }),
        only({ staff: INVALID }),
      ),
    ],
  },
  {
    file: "staff.conferences.$id.tsx",
    probes: [
      get("K in the console", (f) => `/staff/conferences/${f.conference.K.id}`, only({ staff: OK }), {
        shows: (f) => [f.conference.K.name],
        secrets: (f) => [f.conference.K.name],
      }),
      ...(
        [
          ["update", { nameVi: "x" }, INVALID],
          // K takes registrations: publishing is not a move from there.
          ["phase", { action: "publish" }, CONFLICT],
          ["slots", { day: "", from: "08:00", to: "07:00" }, INVALID],
          ["deleteSlot", { slotId: "x" }, INVALID],
          ["participant", { who: "x" }, INVALID],
          ["move", { meetingId: "x" }, INVALID],
          ["addMeeting", { buyerId: "x" }, INVALID],
          ["mark", { meetingId: "x", status: "held" }, INVALID],
        ] as const
      ).map(([intent, form, outcome]) =>
        post(
          intent,
          (f) => `/staff/conferences/${f.conference.K.id}`,
          () => ({ intent, ...form }),
          only({ staff: outcome }),
        ),
      ),
    ],
  },
];
