import viSales from "../../../app/locales/vi/sales.json";
import { get, ok, only, orderIntents, post, redirect, title } from "./cells";
import type { F } from "./fixtures";
import { CONFLICT, INVALID, OK, type RouteEntry } from "./matrix";

/**
 * The staff console: staff only.
 */
export const STAFF_CONSOLE: Array<RouteEntry<F>> = [
  {
    // The layout's own loader, asked for alone: its children guard themselves, so a document request would
    // not notice this guard missing.
    file: "staff.tsx",
    probes: [
      get("the console shell", () => "/staff", only({ staff: ok(() => ['"pending":1']) }), {
        dataRoute: "routes/staff",
      }),
    ],
  },
  {
    file: "staff._index.tsx",
    probes: [get("the overview", () => "/staff", only({ staff: OK }), { shows: () => [title("Tổng quan")] })],
  },
  {
    file: "staff.products.import.tsx",
    probes: [
      get("the import form", () => "/staff/products/import", only({ staff: OK }), {
        shows: () => [title("Nhập sản phẩm cho các hợp tác xã thành viên")],
      }),
      post(
        "check",
        () => "/staff/products/import",
        () => ({ mode: "check" }),
        only({ staff: INVALID }),
        {
          multipart: true,
        },
      ),
      post(
        "import",
        () => "/staff/products/import",
        () => ({ mode: "import" }),
        only({ staff: INVALID }),
        {
          multipart: true,
        },
      ),
    ],
  },
  {
    file: "staff.products.import.template[.]csv.ts",
    probes: [
      get("the import template", () => "/staff/products/import/template.csv", only({ staff: OK }), {
        shows: () => ["cooperative,sku"],
      }),
    ],
  },
  {
    file: "staff.cooperatives.tsx",
    probes: [
      get("the review queue", () => "/staff/cooperatives", only({ staff: OK }), {
        shows: (f) => [f.coop.P.name, f.addressP],
        secrets: (f) => [f.coop.P.name, f.addressP],
      }),
      // X is approved already; the reason for rejecting P is too short. Both refused after the guard.
      post(
        "approve",
        () => "/staff/cooperatives",
        (f) => ({ cooperativeId: String(f.coop.X.id), decision: "approve" }),
        only({ staff: CONFLICT }),
      ),
      post(
        "reject",
        () => "/staff/cooperatives",
        (f) => ({ cooperativeId: String(f.coop.P.id), decision: "reject", reason: "ngắn" }),
        only({ staff: INVALID }),
      ),
    ],
  },
  {
    file: "staff.orders._index.tsx",
    probes: [
      get("every order", () => "/staff/orders", only({ staff: OK }), {
        shows: (f) => [f.order.AX, f.order.AY, f.order.BY],
        secrets: (f) => [f.order.AX, f.order.AY, f.order.BY],
      }),
    ],
  },
  {
    file: "staff.orders.$code.tsx",
    probes: [
      get("A's order at X", (f) => `/staff/orders/${f.order.AX}`, only({ staff: OK }), {
        shows: (f) => [f.order.AX, f.addressA],
        secrets: (f) => [f.addressA],
      }),
      ...orderIntents(
        (f) => `/staff/orders/${f.order.AX}`,
        (outcome) => only({ staff: outcome }),
      ),
    ],
  },
  {
    file: "staff.ledger.tsx",
    probes: [
      get("the card ledger", () => "/staff/ledger", only({ staff: OK }), {
        shows: () => [title("Công nợ thẻ")],
      }),
      post(
        "(settle)",
        () => "/staff/ledger",
        (f) => ({ cooperativeId: String(f.coop.X.id) }),
        only({ staff: INVALID }),
      ),
    ],
  },
  {
    file: "staff.ledger[.]csv.ts",
    probes: [
      get("the ledger as CSV", () => "/staff/ledger.csv", only({ staff: OK }), {
        shows: () => [viSales.csv.ledger.orderCode],
      }),
    ],
  },
  {
    file: "staff.fairs._index.tsx",
    probes: [
      get("every fair", () => "/staff/fairs", only({ staff: OK }), {
        shows: (f) => [f.fair.name, f.draftFair.name],
        secrets: (f) => [f.draftFair.name],
      }),
    ],
  },
  {
    file: "staff.fairs.new.tsx",
    probes: [
      get("the form", () => "/staff/fairs/new", only({ staff: OK }), { shows: () => [title("Tạo hội chợ")] }),
      post(
        "(form)",
        () => "/staff/fairs/new",
        () => ({ nameVi: "" }),
        only({ staff: INVALID }),
      ),
    ],
  },
  // The fair editor: a layout and one module per tab. A document request runs the layout's loader and the tab's
  // together, so each loader is also asked for alone (`_data`): one missing guard would not show otherwise.
  {
    file: "staff.fairs.$id.tsx",
    probes: [
      get("the open fair", (f) => `/staff/fairs/${f.fair.id}`, only({ staff: OK }), {
        shows: (f) => [f.fair.name],
        dataRoute: "routes/staff.fairs.$id",
      }),
      get("a draft fair", (f) => `/staff/fairs/${f.draftFair.id}`, only({ staff: OK }), {
        shows: (f) => [f.draftFair.name],
        secrets: (f) => [f.draftFair.name],
        dataRoute: "routes/staff.fairs.$id",
      }),
    ],
  },
  {
    file: "staff.fairs.$id._index.tsx",
    probes: [
      get("the open fair's plan", (f) => `/staff/fairs/${f.fair.id}`, only({ staff: OK }), {
        shows: (f) => [f.fair.name],
      }),
      get("the plan alone", (f) => `/staff/fairs/${f.fair.id}`, only({ staff: OK }), {
        shows: () => ['"code":"A03"'],
        dataRoute: "routes/staff.fairs.$id._index",
      }),
      get(
        "an old ?tab= link",
        (f) => `/staff/fairs/${f.fair.id}?tab=bookings&status=pending_approval`,
        only({
          staff: {
            ...redirect((f) => `/staff/fairs/${f.fair.id}/bookings?status=pending_approval`),
            status: 301,
          },
        }),
      ),
      ...(
        [
          ["hall", () => ({}), INVALID],
          ["grid", () => ({}), INVALID],
          ["booth", (f: F) => ({ boothId: String(f.fair.booths.A03), ...f.fair.badBoothForm }), INVALID],
          // A01 is X's booth.
          ["deleteBooth", (f: F) => ({ boothId: String(f.fair.booths.A01) }), CONFLICT],
          ["hallNames", () => ({}), INVALID],
          ["element", () => ({}), INVALID],
          ["elementUpdate", () => ({}), INVALID],
          ["elementDelete", () => ({}), INVALID],
        ] as const
      ).map(([intent, form, forStaff]) =>
        post(
          intent,
          // The plan is the fair's index route.
          (f) => `/staff/fairs/${f.fair.id}?index`,
          (f) => ({ intent, ...form(f) }),
          only({ staff: forStaff }),
        ),
      ),
    ],
  },
  {
    file: "staff.fairs.$id.bookings.tsx",
    probes: [
      get("the bookings", (f) => `/staff/fairs/${f.fair.id}/bookings`, only({ staff: OK }), {
        shows: (f) => [f.coop.X.name],
      }),
      get("the bookings alone", (f) => `/staff/fairs/${f.fair.id}/bookings`, only({ staff: OK }), {
        shows: (f) => [f.booking.live],
        secrets: (f) => [f.booking.live],
        dataRoute: "routes/staff.fairs.$id.bookings",
      }),
      ...(
        [
          ["approve", (f: F) => ({ publicId: f.booking.live }), CONFLICT],
          ["decline", (f: F) => ({ publicId: f.booking.live, reason: "" }), INVALID],
          ["mark_paid", (f: F) => ({ publicId: f.booking.live }), CONFLICT],
          ["vacate", (f: F) => ({ publicId: f.booking.live, reason: "" }), INVALID],
          ["move", (f: F) => ({ publicId: f.booking.live }), INVALID],
        ] as const
      ).map(([intent, form, forStaff]) =>
        post(
          intent,
          (f) => `/staff/fairs/${f.fair.id}/bookings`,
          (f) => ({ intent, ...form(f) }),
          only({ staff: forStaff }),
        ),
      ),
    ],
  },
  {
    file: "staff.fairs.$id.waitlist.tsx",
    probes: [
      get("the waiting list", (f) => `/staff/fairs/${f.fair.id}/waitlist`, only({ staff: OK }), {
        shows: (f) => [f.fair.name],
      }),
      get("the waiting list alone", (f) => `/staff/fairs/${f.fair.id}/waitlist`, only({ staff: OK }), {
        shows: () => ['"waitlist":[]'],
        dataRoute: "routes/staff.fairs.$id.waitlist",
      }),
    ],
  },
  {
    file: "staff.fairs.$id.details.tsx",
    probes: [
      get("a draft fair's details", (f) => `/staff/fairs/${f.draftFair.id}/details`, only({ staff: OK }), {
        shows: (f) => [f.draftFair.name],
        secrets: (f) => [f.draftFair.name],
      }),
      get("the details alone", (f) => `/staff/fairs/${f.draftFair.id}/details`, only({ staff: OK }), {
        shows: (f) => [f.draftFair.name],
        secrets: (f) => [f.draftFair.name],
        dataRoute: "routes/staff.fairs.$id.details",
      }),
      ...(
        [
          ["details", () => ({}), INVALID],
          // An open fair with bookings cannot go back to draft.
          ["status", () => ({ status: "draft" }), CONFLICT],
        ] as const
      ).map(([intent, form, forStaff]) =>
        post(
          intent,
          (f) => `/staff/fairs/${f.fair.id}/details`,
          () => ({ intent, ...form() }),
          only({ staff: forStaff }),
        ),
      ),
      post(
        "cover",
        (f) => `/staff/fairs/${f.fair.id}/details`,
        () => ({ intent: "cover" }),
        only({ staff: INVALID }),
        { multipart: true },
      ),
    ],
  },
  {
    file: "staff.fairs.$id.visitors.tsx",
    probes: [
      get("the visitors", (f) => `/staff/fairs/${f.fair.id}/visitors`, only({ staff: OK }), {
        shows: (f) => [f.fair.name],
      }),
    ],
  },
  {
    file: "staff.fairs.$id.visitors[.]csv.ts",
    probes: [
      get("the visitors as CSV", (f) => `/staff/fairs/${f.fair.id}/visitors.csv`, only({ staff: OK })),
    ],
  },
  {
    file: "staff.fairs.$id.exhibitors[.]csv.ts",
    probes: [
      get("the exhibitors as CSV", (f) => `/staff/fairs/${f.fair.id}/exhibitors.csv`, only({ staff: OK }), {
        shows: (f) => [f.coop.X.name, f.product.xTea.name],
        secrets: (f) => [f.product.xTea.name],
      }),
    ],
  },
];
