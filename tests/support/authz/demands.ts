import { by, everyone, get, ok, post, title } from "./cells";
import type { F } from "./fixtures";
import { CONFLICT, DENY, HIDDEN, INVALID, LOGIN, OK, type RouteEntry } from "./matrix";

/**
 * Purchase demands: the public board and a demand's page (open demands only, never the buyer's name or
 * contact), and the buyer's own pages, which only buyers reach and where a buyer meets only their own demands
 * (someone else's is "not found"). Cooperatives and staff are refused the buyer pages, as on the other pages
 * only buyers use.
 */

/** Buyer A's name and email: on no public demand page. */
const buyerA = (f: F) => [f.names.buyerA, f.emails.buyerA];
/** Buyers' own pages: guests log in, cooperatives and staff are refused. */
const buyersOnly = (cells: Parameters<typeof by>[0]) =>
  by({ guest: LOGIN, cooperatives: DENY, staff: DENY, ...cells });
/** Invalid on purpose: a title too short and no unit, so nothing is written. */
const badDemand = () => ({ category: "tea", title: "x", description: "ngắn", quantity: "0" });
const goodDemand = (f: F) => ({
  category: "vermicelli_noodles",
  title: f.demand.aClosed.title,
  description: "Miến dong sợi nhỏ, đóng gói 500 g, giao theo tháng.",
  quantity: "300",
  unit: "kg",
  frequency: "monthly",
  deliveryProvinceCode: "01",
});

export const DEMANDS: Array<RouteEntry<F>> = [
  {
    file: "demands._index.tsx",
    probes: [
      get("the demand board", () => "/demands", everyone(OK), {
        shows: (f) => [title("Nhu cầu mua"), f.demand.aOpen.title],
      }),
      get(
        "the board searched without marks",
        () => "/demands?q=mien+dong+soi",
        everyone(
          ok(
            (f) => [f.demand.aOpen.title],
            (f) => [f.demand.aClosed.title, ...buyerA(f)],
          ),
        ),
      ),
    ],
  },
  {
    file: "demands.$publicId.tsx",
    probes: [
      get("A's open demand", (f) => `/demands/${f.demand.aOpen.publicId}`, everyone(ok(undefined, buyerA)), {
        shows: (f) => [f.demand.aOpen.title],
      }),
      get("A's closed demand", (f) => `/demands/${f.demand.aClosed.publicId}`, everyone(HIDDEN), {
        secrets: (f) => [f.demand.aClosed.title, ...buyerA(f)],
      }),
    ],
  },
  {
    file: "account_.demands._index.tsx",
    probes: [
      get(
        "my demands",
        () => "/account/demands",
        buyersOnly({
          buyerA: ok((f) => [f.demand.aOpen.title, f.demand.aClosed.title]),
          buyerB: ok(undefined, (f) => [f.demand.aOpen.title, f.demand.aClosed.title]),
        }),
        { shows: () => [title("Nhu cầu mua của tôi")] },
      ),
      // Resuming an open demand is a transition it cannot make: A is told so (409); B may not touch it at all.
      post(
        "act",
        () => "/account/demands?index",
        (f) => ({ intent: "act", publicId: f.demand.aOpen.publicId, action: "resume" }),
        buyersOnly({ buyerA: CONFLICT, buyerB: HIDDEN }),
        { label: "A's open demand", secrets: (f) => [f.demand.aOpen.title] },
      ),
      post(
        "act",
        () => "/account/demands?index",
        (f) => ({ intent: "act", publicId: f.demand.aOpen.publicId, action: "explode" }),
        buyersOnly({ buyers: INVALID }),
        { label: "an action that does not exist" },
      ),
    ],
  },
  {
    file: "account_.demands.new.tsx",
    probes: [
      get("the demand form", () => "/account/demands/new", buyersOnly({ buyers: OK }), {
        shows: () => [title("Đăng nhu cầu mua")],
      }),
      post("(form)", () => "/account/demands/new", badDemand, buyersOnly({ buyers: INVALID })),
    ],
  },
  {
    file: "account_.demands.$publicId.tsx",
    probes: [
      get(
        "A's open demand, to edit",
        (f) => `/account/demands/${f.demand.aOpen.publicId}`,
        buyersOnly({ buyerA: OK, buyerB: HIDDEN }),
        { shows: (f) => [f.demand.aOpen.title], secrets: (f) => [f.demand.aOpen.title] },
      ),
      get(
        "A's closed demand",
        (f) => `/account/demands/${f.demand.aClosed.publicId}`,
        buyersOnly({ buyerA: OK, buyerB: HIDDEN }),
        { shows: (f) => [f.demand.aClosed.title], secrets: (f) => [f.demand.aClosed.title] },
      ),
      post(
        "update",
        (f) => `/account/demands/${f.demand.aOpen.publicId}`,
        () => ({ intent: "update", ...badDemand() }),
        buyersOnly({ buyers: INVALID }),
        { label: "A's open demand, invalid", secrets: (f) => [f.demand.aOpen.title] },
      ),
      // A valid form for an ended demand: A is told it cannot be edited; B that it does not exist.
      post(
        "update",
        (f) => `/account/demands/${f.demand.aClosed.publicId}`,
        (f) => ({ intent: "update", ...goodDemand(f) }),
        buyersOnly({ buyerA: CONFLICT, buyerB: HIDDEN }),
        { label: "A's closed demand", secrets: (f) => [f.demand.aClosed.title] },
      ),
      post(
        "act",
        (f) => `/account/demands/${f.demand.aClosed.publicId}`,
        () => ({ intent: "act", action: "pause" }),
        buyersOnly({ buyerA: CONFLICT, buyerB: HIDDEN }),
        { label: "pausing A's closed demand", secrets: (f) => [f.demand.aClosed.title] },
      ),
    ],
  },
];
