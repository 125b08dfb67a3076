import { enc, everyone, get, ok, post, status } from "./cells";
import type { F } from "./fixtures";
import { HIDDEN, INVALID, OK, type RouteEntry } from "./matrix";

/**
 * The JSON API and the Stripe webhook: the public catalogue without a viewer, and a signature rather than a
 * session.
 */
export const API: Array<RouteEntry<F>> = [
  {
    file: "api.v1.products.ts",
    probes: [
      get(
        "search",
        () => "/api/v1/products?per_page=50",
        everyone(ok(undefined, (f) => [f.product.xDraft.slug, f.product.pHoney.slug])),
        {
          shows: (f) => [f.product.xTea.slug, f.product.yNoodle.slug],
        },
      ),
    ],
  },
  {
    file: "api.v1.products.$slug.ts",
    probes: [
      get("X's active product", (f) => `/api/v1/products/${f.product.xTea.slug}`, everyone(OK), {
        shows: (f) => [f.product.xTea.name, f.batch.x.lotCode],
      }),
      // The API is the public catalogue: no viewer, so not even X's own members get a draft through it.
      get("X's draft", (f) => `/api/v1/products/${f.product.xDraft.slug}`, everyone(HIDDEN), {
        secrets: (f) => [f.product.xDraft.name],
      }),
      get(
        "the pending cooperative's product",
        (f) => `/api/v1/products/${f.product.pHoney.slug}`,
        everyone(HIDDEN),
        {
          secrets: (f) => [f.product.pHoney.name],
        },
      ),
    ],
  },
  {
    file: "api.v1.cooperatives.$slug.ts",
    probes: [
      get("X", (f) => `/api/v1/cooperatives/${f.coop.X.slug}`, everyone(OK), {
        shows: (f) => [f.coop.X.name, f.product.xTea.slug],
      }),
      get("the pending cooperative", (f) => `/api/v1/cooperatives/${f.coop.P.slug}`, everyone(HIDDEN), {
        secrets: (f) => [f.coop.P.name],
      }),
    ],
  },
  {
    file: "api.$.ts",
    probes: [
      get(
        "an API address no route claims",
        () => "/api/v1/khong-co",
        everyone(status(404, () => ['"not_found"'])),
      ),
      post(
        "(form)",
        () => "/api/v1/khong-co",
        () => ({}),
        everyone(status(404, () => ['"not_found"'])),
      ),
    ],
  },
  {
    file: "api.v1.suggest.ts",
    probes: [
      get(
        "suggestions",
        () => `/api/v1/suggest?q=${enc("xuân phương")}`,
        everyone(ok(undefined, (f) => [f.product.xDraft.name])),
        {
          shows: (f) => [f.product.xTea.name],
        },
      ),
    ],
  },
  {
    // Public reference data: the same wards for everyone, and a province that does not exist is not found.
    file: "api.v1.provinces.$code.wards.ts",
    probes: [
      get("Thái Nguyên's wards", () => "/api/v1/provinces/19/wards", everyone(OK), {
        shows: () => ['"05503"', "Tân Cương"],
      }),
      get("a former province", () => "/api/v1/provinces/06/wards", everyone(HIDDEN)),
    ],
  },
  {
    file: "api.webhooks.stripe.ts",
    probes: [
      get("GET", () => "/api/webhooks/stripe", everyone(status(405))),
      // The signature is the guard: a cookie, whoever's, does not stand in for it.
      post(
        "(event)",
        () => "/api/webhooks/stripe",
        () => ({ type: "checkout.session.completed" }),
        everyone(INVALID),
      ),
    ],
  },
];
