import { cooperatives, get, ok, post, title } from "./cells";
import type { F } from "./fixtures";
import { CONFLICT, DENY, HIDDEN, INVALID, OK, type RouteEntry } from "./matrix";

/** An offer form the schema accepts, naming Y's product: refused beside the field only once X's offer is found. */
const withYsProduct = (f: F) => ({
  intent: "update",
  productId: String(f.product.yNoodle.id),
  category: "tea",
  title: "Chè móc câu Xuân Phương sửa lại",
  description: "Chè búp tươi hái theo tiêu chuẩn VietGAP, giao tại xưởng.",
  quantity: "400",
  unit: "kg",
  period: "monthly",
});

/**
 * The cooperative's supply offers: members of X manage X's offers; Y's members are told X's do not exist (404);
 * a pending cooperative sees the pages' notice but may not post or act (403); buyers and staff are refused as
 * everywhere in the cooperative console.
 */
export const OFFERS: Array<RouteEntry<F>> = [
  {
    file: "cooperative.offers._index.tsx",
    probes: [
      get(
        "my supply offers",
        () => "/cooperative/offers",
        cooperatives({
          memberX: ok(
            (f) => [f.offer.xActive.title, f.offer.xClosed.title],
            () => [],
          ),
          memberY: ok(
            () => [title("Chào bán")],
            (f) => [f.offer.xActive.title, f.offer.xClosed.title],
          ),
          pending: ok(
            () => [title("Chào bán")],
            (f) => [f.offer.xActive.title, f.offer.xClosed.title],
          ),
        }),
        { secrets: (f) => [f.offer.xClosed.title] },
      ),
      // Resuming a closed offer is a transition the machine refuses: X hears 409, nothing changes.
      post(
        "act",
        () => "/cooperative/offers",
        (f) => ({ intent: "act", id: String(f.offer.xClosed.id), action: "resume" }),
        cooperatives({ memberX: CONFLICT, memberY: HIDDEN, pending: DENY }),
        { label: "X's closed offer", secrets: (f) => [f.offer.xClosed.title] },
      ),
    ],
  },
  {
    file: "cooperative.offers.new.tsx",
    probes: [
      get("the form", () => "/cooperative/offers/new", cooperatives({ cooperatives: OK }), {
        shows: () => [title("Đăng chào bán")],
      }),
      post(
        "(form)",
        () => "/cooperative/offers/new",
        () => ({ title: "" }),
        cooperatives({ members: INVALID, pending: DENY }),
      ),
    ],
  },
  {
    file: "cooperative.offers.$id.tsx",
    probes: [
      get(
        "X's closed offer",
        (f) => `/cooperative/offers/${f.offer.xClosed.id}`,
        cooperatives({ memberX: OK, memberY: HIDDEN, pending: DENY }),
        {
          shows: (f) => [f.offer.xClosed.title],
          secrets: (f) => [f.offer.xClosed.title],
        },
      ),
      get(
        "X's active offer",
        (f) => `/cooperative/offers/${f.offer.xActive.id}`,
        cooperatives({ memberX: OK, memberY: HIDDEN, pending: DENY }),
        { shows: (f) => [f.offer.xActive.title, f.product.xTea.name] },
      ),
      post(
        "update",
        (f) => `/cooperative/offers/${f.offer.xActive.id}`,
        withYsProduct,
        cooperatives({ memberX: INVALID, memberY: HIDDEN, pending: DENY }),
        { label: "X's active offer, naming Y's product" },
      ),
      post(
        "act",
        (f) => `/cooperative/offers/${f.offer.xActive.id}`,
        () => ({ intent: "act", action: "resume" }),
        cooperatives({ memberX: CONFLICT, memberY: HIDDEN, pending: DENY }),
        { label: "X's active offer" },
      ),
      post(
        "act",
        (f) => `/cooperative/offers/${f.offer.xClosed.id}`,
        () => ({ intent: "act", action: "close" }),
        cooperatives({ memberX: CONFLICT, memberY: HIDDEN, pending: DENY }),
        { label: "X's closed offer", secrets: (f) => [f.offer.xClosed.title] },
      ),
    ],
  },
];
