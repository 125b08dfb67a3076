import { by, get, ok, only, post, title } from "./cells";
import type { F } from "./fixtures";
import { CONFLICT, DENY, HIDDEN, INVALID, LOGIN, OK, type RouteEntry } from "./matrix";

/**
 * Agreements: an agreement is its two parties' (buyer A; X's members) and staff's to read; anyone else is told it
 * does not exist. Only a party changes the terms, only a party's representative signs (X's plain member may not),
 * staff may comment and cancel but not write terms or sign. The probes send forms that fail their checks, so the
 * draft stays as it was for the next role.
 */
const strangers = { buyerB: HIDDEN, memberY: HIDDEN, pending: HIDDEN } as const;
const page = (f: F) => `/agreements/${f.agreement.AX.publicId}`;

export const AGREEMENTS: Array<RouteEntry<F>> = [
  {
    file: "agreements.$publicId.tsx",
    probes: [
      get("A–X's draft", page, by({ guest: LOGIN, buyerA: OK, memberX: OK, staff: OK, ...strangers }), {
        shows: (f) => [f.agreement.AX.publicId, "Bản nháp"],
      }),
      post(
        "revise",
        page,
        () => ({ intent: "revise", basedOn: "1" }),
        by({ guest: LOGIN, buyerA: INVALID, memberX: INVALID, staff: DENY, ...strangers }),
      ),
      post(
        "comment",
        page,
        () => ({ intent: "comment", body: "" }),
        by({ guest: LOGIN, buyerA: INVALID, memberX: INVALID, staff: INVALID, ...strangers }),
      ),
      // A wrong password from the buyer; X's plain member is no representative; staff never sign.
      post(
        "sign",
        page,
        () => ({ intent: "sign", version: "1", password: "khong-dung" }),
        by({ guest: LOGIN, buyerA: INVALID, memberX: DENY, staff: DENY, ...strangers }),
      ),
      post(
        "cancel",
        page,
        () => ({ intent: "cancel", reason: "" }),
        by({ guest: LOGIN, buyerA: INVALID, memberX: INVALID, staff: INVALID, ...strangers }),
      ),
      // Deliveries are the parties' (staff follow them), the pipeline's moves are staff's; nonsense is refused.
      post(
        "delivery",
        page,
        () => ({ intent: "delivery", requestId: "x", quantity: "" }),
        by({ guest: LOGIN, buyerA: INVALID, memberX: INVALID, staff: DENY, ...strangers }),
      ),
      // The delivery form as the page sends it (multipart, for its proof photo), here without a file.
      post(
        "delivery (multipart, no photo)",
        page,
        () => ({ intent: "delivery", requestId: "x", quantity: "" }),
        by({ guest: LOGIN, buyerA: INVALID, memberX: INVALID, staff: DENY, ...strangers }),
        { multipart: true },
      ),
      post(
        "answer_delivery",
        page,
        () => ({ intent: "answer_delivery", deliveryId: "x", answer: "confirm" }),
        by({ guest: LOGIN, buyerA: INVALID, memberX: INVALID, staff: DENY, ...strangers }),
      ),
      post(
        "move",
        page,
        () => ({ intent: "move", action: "nonsense" }),
        by({ guest: LOGIN, buyerA: DENY, memberX: DENY, staff: INVALID, ...strangers }),
      ),
      // The union's panel is staff's alone (403 for anyone else, the agreement named or not); staff follow sealed
      // agreements only, so A–X's draft is "not found" to them, and so is a follow-up that is none.
      ...(
        [
          ["follow_up_add", { dueOn: "", note: "" }],
          ["follow_up_done", { followUpId: "999999", outcome: "Đã gọi điện cho hai bên." }],
          ["follow_up_assign", { followUpId: "999999", assigneeId: "" }],
          ["owner_assign", { assigneeId: "" }],
          ["note_add", { requestId: "x", body: "" }],
        ] as const
      ).map(([intent, form]) =>
        post(
          intent,
          page,
          () => ({ intent, ...form }),
          by({
            guest: LOGIN,
            buyers: DENY,
            cooperatives: DENY,
            staff: intent === "owner_assign" ? INVALID : HIDDEN,
          }),
        ),
      ),
    ],
  },
  {
    file: "agreements.$publicId[.]pdf.ts",
    probes: [
      // A draft has no sealed PDF: nobody gets one, and strangers learn nothing more than parties.
      get(
        "a draft's PDF",
        (f) => `/agreements/${f.agreement.AX.publicId}.pdf`,
        by({ guest: LOGIN, buyerA: HIDDEN, memberX: HIDDEN, staff: HIDDEN, ...strangers }),
      ),
    ],
  },
  {
    file: "agreements.$publicId_.scan.ts",
    probes: [
      // Only a paper agreement has a scan: nobody gets one of A–X's draft.
      get(
        "a draft's paper scan",
        (f) => `/agreements/${f.agreement.AX.publicId}/scan`,
        by({ guest: LOGIN, buyerA: HIDDEN, memberX: HIDDEN, staff: HIDDEN, ...strangers }),
      ),
    ],
  },
  {
    file: "agreements._index.tsx",
    probes: [
      get(
        "my agreements",
        () => "/agreements",
        by({
          guest: LOGIN,
          buyerA: ok((f) => [f.agreement.AX.publicId]),
          buyerB: ok(undefined, (f) => [f.agreement.AX.publicId]),
          memberX: ok((f) => [f.agreement.AX.publicId]),
          memberY: ok(undefined, (f) => [f.agreement.AX.publicId]),
          pending: ok(undefined, (f) => [f.agreement.AX.publicId]),
          staff: DENY,
        }),
        { shows: () => [title("Thỏa thuận của tôi")] },
      ),
    ],
  },
  {
    file: "staff.agreements._index.tsx",
    probes: [
      // The union's pipeline: sealed agreements only, so A–X's draft is not in it.
      get(
        "the pipeline",
        () => "/staff/agreements",
        only({ staff: ok(undefined, (f) => [f.agreement.AX.publicId]) }),
        { shows: () => [title("Theo dõi thỏa thuận")] },
      ),
      // Bulk actions with nothing chosen: staff hear it; nobody else gets that far.
      post(
        "bulk_assign",
        () => "/staff/agreements",
        () => ({ intent: "bulk_assign" }),
        only({ staff: INVALID }),
      ),
      post(
        "bulk_follow_up",
        () => "/staff/agreements",
        () => ({ intent: "bulk_follow_up", dueOn: "", note: "" }),
        only({ staff: INVALID }),
      ),
    ],
  },
  {
    file: "staff.agreements[.]csv.ts",
    probes: [get("the pipeline as CSV", () => "/staff/agreements.csv", only({ staff: OK }))],
  },
  {
    file: "staff.agreements[.]xlsx.ts",
    probes: [get("the pipeline as XLSX", () => "/staff/agreements.xlsx", only({ staff: OK }))],
  },
  {
    file: "staff.agreements.paper.tsx",
    probes: [
      get("registering a paper agreement", () => "/staff/agreements/paper", only({ staff: OK }), {
        shows: () => [title("Ghi nhận thỏa thuận ký trên giấy")],
      }),
      // Nothing chosen, no scan: staff hear what is missing; nobody else gets that far.
      post(
        "register",
        () => "/staff/agreements/paper",
        () => ({ signedOn: "" }),
        only({ staff: INVALID }),
      ),
      post(
        "register (multipart, no file)",
        () => "/staff/agreements/paper",
        () => ({ signedOn: "" }),
        only({ staff: INVALID }),
        { multipart: true },
      ),
    ],
  },
];

/** The match page's new form: the A–X match shown to everyone is not connected, so nobody drafts from it. */
export const DRAFT_FROM_MATCH = post(
  "draft_agreement",
  (f: F) => `/matches/${f.match.AX.id}`,
  () => ({ intent: "draft_agreement" }),
  by({ guest: LOGIN, buyerA: CONFLICT, memberX: CONFLICT, staff: DENY, ...strangers }),
);
