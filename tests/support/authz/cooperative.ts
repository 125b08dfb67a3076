import viErrors from "../../../app/locales/vi/errors.json";
import viTrace from "../../../app/locales/vi/trace.json";
import {
  cooperatives,
  get,
  missing,
  ok,
  orderIntents,
  post,
  privateA,
  redirect,
  signedIn,
  title,
} from "./cells";
import type { F } from "./fixtures";
import { CONFLICT, DENY, HIDDEN, INVALID, OK, type RouteEntry } from "./matrix";

/**
 * The cooperative's console: members act for their own cooperative only; buyers and staff are refused.
 */
export const COOPERATIVE_CONSOLE: Array<RouteEntry<F>> = [
  // The workspace's layout: navigation only, no loader or action (each page below checks who is asking).
  { file: "cooperative.tsx", probes: [] },
  {
    file: "cooperative._index.tsx",
    probes: [
      get(
        "my cooperative",
        () => "/cooperative",
        cooperatives({
          memberX: ok(
            (f) => [f.coop.X.name],
            (f) => [f.coop.Y.name, f.coop.P.name],
          ),
          memberY: ok(
            (f) => [f.coop.Y.name],
            (f) => [f.coop.X.name, f.coop.P.name],
          ),
          pending: ok(
            (f) => [f.coop.P.name],
            (f) => [f.coop.X.name, f.coop.Y.name],
          ),
        }),
        { shows: () => [title("Hợp tác xã của tôi")] },
      ),
    ],
  },
  {
    file: "cooperative.profile.tsx",
    probes: [
      get(
        "the profile",
        () => "/cooperative/profile",
        cooperatives({
          memberX: ok(
            (f) => [f.coop.X.name],
            (f) => [f.coop.Y.name, f.coop.P.name],
          ),
          memberY: ok(
            (f) => [f.coop.Y.name],
            (f) => [f.coop.X.name, f.coop.P.name],
          ),
          pending: ok(
            (f) => [f.coop.P.name],
            (f) => [f.coop.X.name, f.coop.Y.name],
          ),
        }),
        { shows: () => [title("Hồ sơ hợp tác xã")] },
      ),
      post(
        "(profile)",
        () => "/cooperative/profile",
        () => ({ name: "" }),
        cooperatives({ cooperatives: INVALID }),
      ),
      post(
        "bank",
        () => "/cooperative/profile",
        () => ({ intent: "bank", bankBin: "000000" }),
        cooperatives({ cooperatives: INVALID }),
      ),
      post(
        "(logo)",
        () => "/cooperative/profile",
        () => ({ note: "no file" }),
        cooperatives({ cooperatives: INVALID }),
        { multipart: true },
      ),
    ],
  },
  {
    file: "cooperative.batches.tsx",
    probes: [
      get("the batch register", () => "/cooperative/batches", cooperatives({ cooperatives: OK }), {
        shows: () => [title("Lô hàng")],
      }),
    ],
  },
  {
    file: "cooperative.products._index.tsx",
    probes: [
      get(
        "my products",
        () => "/cooperative/products",
        cooperatives({
          memberX: ok(
            (f) => [f.product.xDraft.name, f.product.xTea.name],
            (f) => [f.product.yNoodle.name, f.product.pHoney.name],
          ),
          memberY: ok(
            (f) => [f.product.yNoodle.name],
            (f) => [f.product.xDraft.name, f.product.pHoney.name],
          ),
          pending: ok(
            (f) => [f.product.pHoney.name],
            (f) => [f.product.xDraft.name, f.product.yNoodle.name],
          ),
        }),
        { secrets: (f) => [f.product.xDraft.name] },
      ),
      // X's draft with an id that is no product: another cooperative is refused for X's product, X's member
      // hears of the missing one, and nothing is written (the fixture's draft stays a draft).
      ...(
        [
          [
            "prices",
            (f: F) => ({
              rows: [String(f.product.xDraft.id), "999999999"],
              [`price-${f.product.xDraft.id}`]: "1000",
              [`stock-${f.product.xDraft.id}`]: "1",
              "price-999999999": "1000",
              "stock-999999999": "1",
            }),
          ],
          ["publish", (f: F) => ({ ids: [String(f.product.xDraft.id), "999999999"], confirmed: "yes" })],
          ["archive", (f: F) => ({ ids: [String(f.product.xDraft.id), "999999999"], confirmed: "yes" })],
        ] as const
      ).map(([intent, form]) =>
        post(
          intent,
          () => "/cooperative/products?index",
          (f) => ({ intent, ...form(f) }),
          cooperatives({ cooperatives: DENY, memberX: missing(viErrors.product_not_found) }),
          { label: "X's draft", secrets: (f) => [f.product.xDraft.name] },
        ),
      ),
    ],
  },
  {
    file: "cooperative.products.new.tsx",
    probes: [
      get("the form", () => "/cooperative/products/new", cooperatives({ cooperatives: OK }), {
        shows: () => [title("Thêm sản phẩm")],
      }),
      // A pending cooperative prepares its products before approval; they stay out of the public catalogue.
      post(
        "(form)",
        () => "/cooperative/products/new",
        () => ({ nameVi: "" }),
        cooperatives({ cooperatives: INVALID }),
      ),
      // The form as the page sends it: multipart, with its photos (none here).
      post(
        "(form)",
        () => "/cooperative/products/new",
        () => ({ nameVi: "" }),
        cooperatives({ cooperatives: INVALID }),
        { multipart: true },
      ),
    ],
  },
  {
    file: "cooperative.products.$id.tsx",
    probes: [
      get(
        "X's draft",
        (f) => `/cooperative/products/${f.product.xDraft.id}`,
        cooperatives({ cooperatives: DENY, memberX: OK }),
        {
          shows: (f) => [f.product.xDraft.name],
          secrets: (f) => [f.product.xDraft.name],
        },
      ),
      ...(
        [
          ["update", {}, INVALID],
          ["status", { status: "bogus" }, INVALID],
          ["images", {}, INVALID],
          ["primaryImage", { imageId: "999999" }, missing(viErrors.image_not_found)],
          ["removeImage", { imageId: "999999" }, missing(viErrors.image_not_found)],
          ["ocop", {}, INVALID],
          // Nothing to remove: X's member gets the page's success redirect and nothing changes.
          [
            "removeOcop",
            {},
            redirect((f) => `/cooperative/products/${f.product.xDraft.id}?saved=ocopRemoved`),
          ],
          ["batch", {}, INVALID],
          ["removeBatch", { batchId: "999999" }, missing(viErrors.batch_not_found)],
        ] as const
      ).map(([intent, form, forX]) =>
        post(
          intent,
          (f) => `/cooperative/products/${f.product.xDraft.id}`,
          () => ({ intent, ...form }),
          cooperatives({ cooperatives: DENY, memberX: forX }),
          {
            label: "X's draft",
            secrets: (f) => [f.product.xDraft.name],
          },
        ),
      ),
      post(
        "images",
        (f) => `/cooperative/products/${f.product.xDraft.id}`,
        () => ({ intent: "images" }),
        cooperatives({ cooperatives: DENY, memberX: INVALID }),
        {
          label: "X's draft",
          multipart: true,
          secrets: (f) => [f.product.xDraft.name],
        },
      ),
    ],
  },
  {
    file: "cooperative.products.$id.batches.$batchId.qr[.]svg.ts",
    probes: [
      get(
        "X's batch",
        (f) => `/cooperative/products/${f.product.xTea.id}/batches/${f.batch.x.id}/qr.svg`,
        cooperatives({ cooperatives: DENY, memberX: OK }),
        {
          shows: () => ["<svg"],
          secrets: () => ["<svg"],
        },
      ),
      // Y's batch under X's product id: X must not print another cooperative's code through its own product.
      get(
        "Y's batch under X's product",
        (f) => `/cooperative/products/${f.product.xTea.id}/batches/${f.batch.y.id}/qr.svg`,
        cooperatives({ cooperatives: DENY, memberX: HIDDEN }),
        {
          secrets: () => ["<svg"],
        },
      ),
    ],
  },
  {
    file: "cooperative.products.$id_.batches.$batchId.tsx",
    probes: [
      get(
        "X's batch",
        (f) => `/cooperative/products/${f.product.xTea.id}/batches/${f.batch.x.id}`,
        cooperatives({ cooperatives: DENY, memberX: OK }),
        {
          shows: (f) => [f.batch.x.lotCode, viTrace.batch.eventsTitle],
          secrets: (f) => [f.batch.x.publicCode],
        },
      ),
      // Y's batch under X's product id: X must not reach another cooperative's batch through its own product.
      get(
        "Y's batch under X's product",
        (f) => `/cooperative/products/${f.product.xTea.id}/batches/${f.batch.y.id}`,
        cooperatives({ cooperatives: DENY, memberX: HIDDEN }),
        { secrets: (f) => [f.batch.y.publicCode, f.batch.y.lotCode] },
      ),
      ...(
        [
          ["addEvent", {}],
          ["updateEvent", { eventId: "999999", kind: "harvest", happenedOn: "2026-01-01" }],
          ["removeEvent", { eventId: "999999" }],
        ] as const
      ).map(([intent, form]) =>
        post(
          intent,
          (f) => `/cooperative/products/${f.product.xTea.id}/batches/${f.batch.x.id}`,
          () => ({ intent, ...form }),
          cooperatives({
            cooperatives: DENY,
            memberX: intent === "addEvent" ? INVALID : missing(viErrors.batch_event_not_found),
          }),
          { label: "X's batch", secrets: (f) => [f.batch.x.publicCode] },
        ),
      ),
      // A step comes with its photo as a multipart form.
      post(
        "addEvent",
        (f) => `/cooperative/products/${f.product.xTea.id}/batches/${f.batch.x.id}`,
        () => ({ intent: "addEvent" }),
        cooperatives({ cooperatives: DENY, memberX: INVALID }),
        { label: "X's batch", multipart: true, secrets: (f) => [f.batch.x.publicCode] },
      ),
    ],
  },
  {
    file: "cooperative.products.$id_.batches.$batchId_.labels.tsx",
    probes: [
      get(
        "X's batch",
        (f) => `/cooperative/products/${f.product.xTea.id}/batches/${f.batch.x.id}/labels`,
        cooperatives({ cooperatives: DENY, memberX: OK }),
        {
          shows: (f) => [f.batch.x.lotCode, f.product.xTea.name, 'class="label__qr"'],
          secrets: () => ['class="label__qr"'],
        },
      ),
      get(
        "Y's batch under X's product",
        (f) => `/cooperative/products/${f.product.xTea.id}/batches/${f.batch.y.id}/labels`,
        cooperatives({ cooperatives: DENY, memberX: HIDDEN }),
        { secrets: () => ['class="label__qr"'] },
      ),
    ],
  },
  {
    file: "cooperative.products.import.tsx",
    probes: [
      get("the form", () => "/cooperative/products/import", cooperatives({ cooperatives: OK }), {
        shows: () => [title("Nhập sản phẩm từ tệp CSV")],
      }),
      post(
        "check",
        () => "/cooperative/products/import",
        () => ({ mode: "check" }),
        cooperatives({ cooperatives: INVALID }),
        { multipart: true },
      ),
      post(
        "import",
        () => "/cooperative/products/import",
        () => ({ mode: "import" }),
        cooperatives({ cooperatives: INVALID }),
        { multipart: true },
      ),
    ],
  },
  {
    // A report is its author's: X's member reads it, everyone else signed in is told it does not exist.
    file: "import-reports.$id[.]csv.ts",
    probes: [
      get(
        "an import's row report",
        (f) => `/import-reports/${f.importReport.X}.csv`,
        signedIn(HIDDEN, { memberX: OK }),
        { shows: () => ["MAU-TRA-200"], secrets: () => ["MAU-TRA-200"] },
      ),
    ],
  },
  {
    file: "cooperative.products.import.template[.]csv.ts",
    probes: [
      get(
        "the template",
        () => "/cooperative/products/import/template.csv",
        cooperatives({ cooperatives: OK }),
        { shows: () => ["sku"] },
      ),
    ],
  },
  {
    file: "cooperative.shipping.tsx",
    probes: [
      get("delivery options", () => "/cooperative/shipping", cooperatives({ cooperatives: OK }), {
        shows: () => [title("Giao hàng và phí vận chuyển")],
      }),
      post(
        "(form)",
        () => "/cooperative/shipping",
        () => ({ provinceOn: "on" }),
        cooperatives({ members: INVALID, pending: DENY }),
      ),
    ],
  },
  {
    file: "cooperative.orders._index.tsx",
    probes: [
      get(
        "my sales",
        () => "/cooperative/orders",
        cooperatives({
          memberX: ok(
            (f) => [f.order.AX],
            (f) => [f.order.AY, f.order.BY],
          ),
          memberY: ok(
            (f) => [f.order.AY, f.order.BY],
            (f) => [f.order.AX],
          ),
          pending: ok(undefined, (f) => [f.order.AX, f.order.AY, f.order.BY]),
          staff: redirect("/staff/orders"),
        }),
        { secrets: (f) => [f.order.AX, f.order.AY, f.order.BY] },
      ),
    ],
  },
  {
    file: "cooperative.orders.$code.tsx",
    probes: [
      get(
        "A's order at X",
        (f) => `/cooperative/orders/${f.order.AX}`,
        cooperatives({
          cooperatives: HIDDEN,
          memberX: OK,
          staff: redirect((f) => `/staff/orders/${f.order.AX}`),
        }),
        {
          shows: (f) => [f.order.AX, f.addressA],
          secrets: privateA,
        },
      ),
      ...orderIntents(
        (f) => `/cooperative/orders/${f.order.AX}`,
        // Staff get through too (the use case answers them as it would on the staff page), then the page's
        // loader sends them to the staff page.
        (outcome) =>
          cooperatives({
            cooperatives: HIDDEN,
            memberX: outcome,
            staff: redirect((f) => `/staff/orders/${f.order.AX}`),
          }),
      ),
    ],
  },
  {
    file: "cooperative.orders[.]csv.ts",
    probes: [
      get(
        "my sales as CSV",
        () => "/cooperative/orders.csv",
        cooperatives({
          memberX: ok(
            (f) => [f.order.AX, f.addressA],
            (f) => [f.order.AY, f.order.BY, f.addressB],
          ),
          memberY: ok(
            (f) => [f.order.AY, f.order.BY, f.addressB],
            (f) => [f.order.AX],
          ),
          pending: ok(undefined, (f) => [f.order.AX, f.order.AY, f.order.BY, f.addressA, f.addressB]),
        }),
        { secrets: (f) => [f.order.AX, f.order.AY, f.order.BY, f.addressA] },
      ),
    ],
  },
  {
    file: "cooperative.fairs._index.tsx",
    probes: [
      get(
        "my fairs",
        () => "/cooperative/fairs",
        cooperatives({
          memberX: ok((f) => [f.fair.name, f.booking.live]),
          memberY: ok(
            (f) => [f.fair.name],
            (f) => [f.booking.live],
          ),
          pending: ok(undefined, (f) => [f.booking.live]),
          staff: redirect("/fairs"),
        }),
        { secrets: (f) => [f.booking.live] },
      ),
    ],
  },
  {
    file: "cooperative.fairs.$slug.tsx",
    probes: [
      get(
        "the open fair",
        (f) => `/cooperative/fairs/${f.fair.slug}`,
        cooperatives({
          members: OK,
          pending: DENY,
          staff: redirect((f) => `/fairs/${f.fair.slug}`),
        }),
        { shows: (f) => [f.fair.name] },
      ),
      get(
        "a draft fair",
        (f) => `/cooperative/fairs/${f.draftFair.slug}`,
        cooperatives({
          members: HIDDEN,
          pending: DENY,
          staff: redirect((f) => `/fairs/${f.draftFair.slug}`),
        }),
        { secrets: (f) => [f.draftFair.name] },
      ),
      // A01 is X's: holding it is refused as taken, for X and Y alike, once past the guard.
      post(
        "hold",
        (f) => `/cooperative/fairs/${f.fair.slug}`,
        (f) => ({ intent: "hold", boothId: String(f.fair.booths.A01) }),
        cooperatives({ members: CONFLICT, pending: DENY }),
      ),
      post(
        "join_waitlist",
        (f) => `/cooperative/fairs/${f.fair.slug}`,
        (f) => ({ intent: "join_waitlist", fairId: String(f.fair.id) }),
        cooperatives({ members: CONFLICT, pending: DENY }),
      ),
      post(
        "leave_waitlist",
        (f) => `/cooperative/fairs/${f.fair.slug}`,
        (f) => ({ intent: "leave_waitlist", fairId: String(f.fair.id) }),
        cooperatives({
          members: redirect((f) => `/cooperative/fairs/${f.fair.slug}?done=leave_waitlist`),
          pending: DENY,
        }),
      ),
    ],
  },
  {
    file: "cooperative.bookings.$publicId.tsx",
    probes: [
      get(
        "X's booking",
        (f) => `/cooperative/bookings/${f.booking.live}`,
        cooperatives({ cooperatives: HIDDEN, memberX: OK, staff: OK }),
        {
          shows: (f) => [f.fair.name, f.product.xTea.name],
          secrets: (f) => [f.product.xTea.name, f.coop.X.name],
        },
      ),
      // Y's own product, so the form is valid for Y and only the ownership check can refuse it; for X it is
      // "not your product" (400) after the guard. Staff read bookings but do not act for the cooperative.
      ...(["confirm", "products"] as const).map((intent) =>
        post(
          intent,
          (f) => `/cooperative/bookings/${f.booking.live}`,
          (f) => ({ intent, productIds: String(f.product.yNoodle.id) }),
          cooperatives({
            memberX: INVALID,
            memberY: HIDDEN,
            pending: DENY,
          }),
          { label: "X's booking", secrets: (f) => [f.product.xTea.name] },
        ),
      ),
      // Booked, not awaiting payment: X is told so after the guard.
      post(
        "pay",
        (f) => `/cooperative/bookings/${f.booking.live}`,
        () => ({ intent: "pay" }),
        cooperatives({
          memberX: CONFLICT,
          memberY: HIDDEN,
          pending: DENY,
          // Found by this matrix: `pay` let staff through, and on a booking awaiting payment opened a Stripe
          // session in the staff member's name and switched the booking to card. Staff only read bookings.
          staff: DENY,
        }),
        { label: "X's booking", secrets: (f) => [f.product.xTea.name] },
      ),
      // Already given back: X cannot cancel it again.
      post(
        "cancel",
        (f) => `/cooperative/bookings/${f.booking.cancelled}`,
        () => ({ intent: "cancel" }),
        cooperatives({
          memberX: CONFLICT,
          memberY: HIDDEN,
          pending: DENY,
        }),
        { label: "X's cancelled booking" },
      ),
    ],
  },
];
