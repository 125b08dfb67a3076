import { everyone, get, ok, post, privateA, redirect, signedIn, title } from "./cells";
import type { F } from "./fixtures";
import { CONFLICT, HIDDEN, INVALID, OK, type RouteEntry } from "./matrix";

/**
 * Shopping: the cart, checkout and a buyer's orders, which nobody but the buyer (the selling cooperative and
 * staff, for an order) may see.
 */
export const SHOPPING: Array<RouteEntry<F>> = [
  {
    file: "cart.tsx",
    probes: [
      get("my cart", () => "/cart", everyone(OK), { shows: () => [title("Giỏ hàng")] }),
      post(
        "add",
        () => "/cart",
        (f) => ({
          intent: "add",
          productId: String(f.product.xTea.id),
          slug: f.product.xTea.slug,
          quantity: "0",
        }),
        everyone(INVALID),
      ),
      post(
        "update",
        () => "/cart",
        (f) => ({ intent: "update", productId: String(f.product.xTea.id), quantity: "nhiều" }),
        everyone(INVALID),
      ),
      // Removing or accepting works on the asker's own cart only: there is no cart id to name someone else's.
      post(
        "remove",
        () => "/cart",
        (f) => ({ intent: "remove", productId: String(f.product.xTea.id) }),
        everyone(redirect("/cart?done=removed")),
      ),
      post(
        "accept",
        () => "/cart",
        () => ({ intent: "accept" }),
        everyone(redirect("/cart?done=accepted")),
      ),
    ],
  },
  {
    file: "checkout._index.tsx",
    probes: [
      // The form is filled from the buyer's last checkout: only A's shows A's address.
      get(
        "the checkout form",
        () => "/checkout",
        signedIn(ok(undefined, privateA), {
          buyerA: ok((f) => [f.addressA]),
        }),
        { shows: () => [title("Đặt hàng")] },
      ),
      post(
        "(form)",
        () => "/checkout?index",
        () => ({ contactName: "Trần Thị Mai", phone: "12", address: "" }),
        signedIn(INVALID),
      ),
    ],
  },
  {
    file: "checkout.$publicId.tsx",
    probes: [
      get("A's checkout", (f) => `/checkout/${f.checkoutA}`, signedIn(HIDDEN, { buyerA: OK, staff: OK }), {
        shows: (f) => [f.order.AX, f.order.AY],
        secrets: (f) => [...privateA(f), f.order.AX, f.order.AY],
      }),
      // Cash on delivery: nothing to give up on, so A and staff are told it cannot be cancelled (after the guard).
      post(
        "cancel",
        (f) => `/checkout/${f.checkoutA}`,
        () => ({ intent: "cancel" }),
        signedIn(HIDDEN, { buyerA: CONFLICT, staff: CONFLICT }),
        {
          secrets: privateA,
        },
      ),
    ],
  },
  {
    file: "orders._index.tsx",
    probes: [
      get(
        "my orders",
        () => "/orders",
        signedIn(
          ok(undefined, (f) => [f.order.AX, f.order.AY, f.order.BY]),
          {
            buyerA: ok(
              (f) => [f.order.AX, f.order.AY],
              (f) => [f.order.BY],
            ),
            buyerB: ok(
              (f) => [f.order.BY],
              (f) => [f.order.AX, f.order.AY],
            ),
          },
        ),
      ),
    ],
  },
  {
    file: "orders.$code.tsx",
    probes: [
      // X sees its own order from the buyer's page too; Y, B and the pending cooperative are told it does not exist.
      get(
        "A's order at X",
        (f) => `/orders/${f.order.AX}`,
        signedIn(HIDDEN, { buyerA: OK, memberX: OK, staff: OK }),
        {
          shows: (f) => [f.order.AX, f.addressA],
          secrets: privateA,
        },
      ),
      post(
        "cancel",
        (f) => `/orders/${f.order.AX}`,
        () => ({ intent: "cancel", reason: "x" }),
        signedIn(HIDDEN, { buyerA: INVALID, memberX: INVALID, staff: INVALID }),
        {
          label: "A's order at X",
          secrets: privateA,
        },
      ),
    ],
  },
];
