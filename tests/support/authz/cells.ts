/**
 * The table's vocabulary, typed by the matrix's fixtures, and the cells and probes that several areas of the
 * table share.
 */
import type { TRANSITIONS } from "../../../server/orders/state-machine";
import type { F } from "./fixtures";
import { CONFLICT, DENY, INVALID, LOGIN, tableFor, type Cells, type Expected, type Outcomes } from "./matrix";

export const { by, everyone, signedIn, only, ok, redirect, status, missing, get, post } = tableFor<F>();

/** A page's title, as the document head carries it. */
export const title = (t: string) => `<title>${t} · HTX Connect</title>`;
export const enc = encodeURIComponent;
/** A link to a cooperative's public profile. */
export const profileLink = (c: { slug: string }) => `href="/cooperatives/${c.slug}"`;

/** Buyer A's contact details: what nobody but A, X (for its order) and staff may see. */
export const privateA = (f: F) => [f.addressA, f.names.buyerA];
/** The six buttons of an order page (the cooperative's and the staff's): what is sent, and the answer once let through. */
const ORDER_ACTION_FORMS: Record<
  keyof typeof TRANSITIONS,
  { form: Record<string, string>; outcome: Expected<F> }
> = {
  // X's order is confirmed and paid on delivery: marking it paid, confirming, delivering and refunding (card
  // only) are transitions it cannot make now; shipping without a tracking number and cancelling with a
  // one-letter reason are refused by the form. All of them only after the guard.
  mark_paid: { form: {}, outcome: CONFLICT },
  confirm: { form: {}, outcome: CONFLICT },
  ship: { form: { carrier: "Giao Hàng Tiết Kiệm", trackingNumber: "" }, outcome: INVALID },
  deliver: { form: {}, outcome: CONFLICT },
  cancel: { form: { reason: "x" }, outcome: INVALID },
  refund: { form: {}, outcome: CONFLICT },
};
export const orderIntents = (pathOf: (f: F) => string, cells: (outcome: Expected<F>) => Outcomes<F>) =>
  (Object.keys(ORDER_ACTION_FORMS) as Array<keyof typeof TRANSITIONS>).map((intent) =>
    post(
      intent,
      pathOf,
      () => ({ intent, ...ORDER_ACTION_FORMS[intent].form }),
      cells(ORDER_ACTION_FORMS[intent].outcome),
      {
        label: "A's order at X",
        secrets: privateA,
      },
    ),
  );

/** What a cooperative route refuses to staff and buyers (403) and guests (login). */
export const cooperatives = (cells: Cells<F>) => by({ guest: LOGIN, buyers: DENY, staff: DENY, ...cells });
