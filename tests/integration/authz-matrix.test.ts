import { randomBytes } from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import viAuth from "../../app/locales/vi/auth.json";
import viErrors from "../../app/locales/vi/errors.json";
import viSales from "../../app/locales/vi/sales.json";
import { TRANSITIONS } from "../../server/orders/state-machine";
import {
  CONFLICT,
  DENY,
  fingerprint,
  HIDDEN,
  INVALID,
  LOGIN,
  moduleShape,
  OK,
  ROLES,
  routeModules,
  runRoute,
  tableFor,
  Visitor,
  type Cells,
  type Expected,
  type MatrixContext,
  type Outcomes,
  type RoleName,
  type RouteEntry,
  type SignedIn,
} from "../support/authz";
import { DIALECTS } from "../support/db";
import { currentUser, makeCooperative, makeProduct, makeUser } from "../support/factories";
import { boothForm, fairForm, openFair } from "../support/fairs";
import { buy, ordersOf } from "../support/orders";
import { startTestServer, type TestServer } from "../support/server";
import { STRIPE_ENV, StripeApiDouble } from "../support/stripe";

/**
 * Issue 9 — the authorization matrix. Every route module in app/routes has an entry below (a new module
 * without one fails the first test, naming it); each entry says which URLs to request, built from fixtures
 * so that ownership is really tested (a member of Y asking for X's order, buyer B for buyer A's checkout), and
 * what each of seven users gets for the loader and for every action intent: served, sent to log in, 403, or
 * 404 where the app hides that the thing exists. A refusal must carry none of the owner's data, and no POST —
 * refused, or let through with deliberately invalid input so it answers 400/409 — may change the database.
 *
 * Reading a cell: OK / ok(shows, hides) served (200, showing the probe's `shows`); redirect(to) the page's own
 * redirect; LOGIN 302 to /login?redirectTo=<this URL>; DENY 403; HIDDEN 404 where the app hides existence;
 * INVALID 400 / CONFLICT 409 / missing(msg) 404 for a part of the request — let through, then refused for the
 * input or the state of the thing. A failure prints the route file, method and URL, intent, what was asked
 * for, the role, what was expected and what came back (status, redirect, leaked marker, changed rows).
 *
 * Later features (demands, matches, agreements, reports) add their fixtures to `Fixtures` and their routes to
 * `MATRIX`; the roles and the runner (tests/support/authz.ts) stay as they are.
 */

interface Fixtures {
  emails: Record<SignedIn, string>;
  /** What each role sees of itself on every page (see MatrixContext.own). */
  own: Record<RoleName, string[]>;
  /** The pending cooperative's address: on its profile and in the review queue only. */
  addressP: string;
  names: { buyerA: string; buyerB: string };
  coop: Record<"X" | "Y" | "P", { id: number; slug: string; name: string }>;
  product: Record<"xTea" | "xDraft" | "yNoodle" | "pHoney", { id: number; slug: string; name: string }>;
  batch: Record<"x" | "y" | "p", { id: number; lotCode: string; publicCode: string }>;
  /** Buyer A's checkout: one order at X (confirmed) and one at Y (placed); buyer B's order at Y. */
  checkoutA: string;
  addressA: string;
  addressB: string;
  order: { AX: string; AY: string; BY: string };
  fair: {
    id: number;
    slug: string;
    name: string;
    booths: Record<"A01" | "A02" | "A03", number>;
    /** A03's form as the booth panel posts it, with a width of 0. */
    badBoothForm: Record<string, string>;
  };
  draftFair: { id: number; slug: string; name: string };
  /** X's booking of A01 (booked) and an earlier one of A02 it gave back (cancelled). */
  booking: { live: string; cancelled: string };
}

const title = (t: string) => `<title>${t} · HTX Connect</title>`;
const lot = () => `LO-${randomBytes(3).toString("hex").toUpperCase()}`;

async function makeFixtures(server: TestServer): Promise<Fixtures> {
  const c = server.container;
  const { models } = c.db;
  const staffRow = await makeUser(c, { role: "staff", fullName: "Lương Thị Cán Bộ" });
  const staff = await currentUser(c, staffRow.email);
  const buyerA = await makeUser(c, { fullName: "Trần Thị Mai Anh" });
  const buyerB = await makeUser(c, { fullName: "Đỗ Văn Bảo Bình" });

  // X: an owner and, as "member of X", a plain member (members, not only owners, act for the cooperative).
  const ownerX = await makeUser(c, { role: "cooperative", fullName: "Nguyễn Văn Xuân" });
  const X = await makeCooperative(c, { name: "HTX Chè Xuân Phương", ownerId: ownerX.id });
  const memberX = await makeUser(c, { role: "cooperative", fullName: "Hà Thị Xoan" });
  await models.CooperativeMember.create({ userId: memberX.id, cooperativeId: X.id, role: "member" });
  const memberY = await makeUser(c, { role: "cooperative", fullName: "Lò Văn Yên" });
  const Y = await makeCooperative(c, {
    name: "HTX Miến dong Yên Bình",
    ownerId: memberY.id,
    provinceCode: "06",
    districtCode: "066",
  });
  const pending = await makeUser(c, { role: "cooperative", fullName: "Giàng A Chờ" });
  const P = await makeCooperative(c, {
    name: "HTX Mật ong Đồng Văn",
    status: "pending",
    ownerId: pending.id,
  });
  const addressP = "Thôn Lũng Cú, huyện Đồng Văn";
  await P.update({ address: addressP });

  const xTea = await makeProduct(c, X.id, { nameVi: "Chè móc câu Xuân Phương" });
  const xDraft = await makeProduct(c, X.id, { nameVi: "Chè đinh Xuân Phương thử nghiệm", status: "draft" });
  const yNoodle = await makeProduct(c, Y.id, { nameVi: "Miến dong Yên Bình loại một" });
  const pHoney = await makeProduct(c, P.id, { nameVi: "Mật ong bạc hà Đồng Văn" });
  const batchOf = async (productId: number) => {
    const b = await models.ProductBatch.create({
      productId,
      lotCode: lot(),
      publicCode: randomBytes(9).toString("base64url"),
      producedOn: "2026-01-10",
      quantity: 100,
      expiresOn: null,
      notes: null,
    });
    return { id: b.id, lotCode: b.lotCode, publicCode: b.publicCode };
  };

  const addressA = "Ngõ 29 phố Hàng Bạc";
  const addressB = "Số 8 đường Lê Lợi, Lạng Giang";
  const a = await currentUser(c, buyerA.email);
  const placedA = await buy(
    c,
    a,
    [
      { productId: xTea.id, quantity: 2 },
      { productId: yNoodle.id, quantity: 1 },
    ],
    { contactName: buyerA.fullName, address: addressA, email: buyerA.email },
  );
  const placedB = await buy(c, await currentUser(c, buyerB.email), [{ productId: yNoodle.id, quantity: 1 }], {
    contactName: buyerB.fullName,
    address: addressB,
    email: buyerB.email,
  });
  const ordersA = (await ordersOf(c, placedA.publicId)).orders;
  const AX = ordersA.find((o) => o.cooperativeId === X.id)!.code;
  const AY = ordersA.find((o) => o.cooperativeId === Y.id)!.code;
  const BY = (await ordersOf(c, placedB.publicId)).orders[0]!.code;
  const asX = await currentUser(c, memberX.email);
  await c.services.orders.actOnOrder(asX, { code: AX, action: "confirm" });

  const fairName = "Hội chợ OCOP Thái Nguyên mùa thu";
  const fair = await openFair(c, staff, { rows: 1, columns: 3, form: { nameVi: fairName } });
  const held = await c.services.fairs.holdBooth(asX, { boothId: fair.boothByCode("A01").id });
  await c.services.fairs.confirmBooking(asX, {
    publicId: held.publicId,
    form: { productIds: [String(xTea.id)] },
  });
  const given = await c.services.fairs.holdBooth(asX, { boothId: fair.boothByCode("A02").id });
  await c.services.fairs.cancelBooking(asX, { publicId: given.publicId });
  const draftName = "Hội chợ nông sản Xuân Thu bản nháp";
  const draft = await c.services.fairs.createFair(staff, fairForm({ nameVi: draftName }));

  // The public search reads its index; build it as the worker would have.
  await c.reindex();

  const pick = (p: { id: number; slug: string; nameVi: string }) => ({
    id: p.id,
    slug: p.slug,
    name: p.nameVi,
  });
  const coop = (x: { id: number; slug: string; name: string }) => ({ id: x.id, slug: x.slug, name: x.name });
  return {
    emails: {
      buyerA: buyerA.email,
      buyerB: buyerB.email,
      memberX: memberX.email,
      memberY: memberY.email,
      pending: pending.email,
      staff: staffRow.email,
    },
    own: {
      guest: [],
      buyerA: [buyerA.fullName, buyerA.email],
      buyerB: [buyerB.fullName, buyerB.email],
      memberX: [memberX.fullName, memberX.email, X.name],
      memberY: [memberY.fullName, memberY.email, Y.name],
      pending: [pending.fullName, pending.email, P.name],
      staff: [staffRow.fullName, staffRow.email],
    },
    addressP,
    names: { buyerA: buyerA.fullName, buyerB: buyerB.fullName },
    coop: { X: coop(X), Y: coop(Y), P: coop(P) },
    product: { xTea: pick(xTea), xDraft: pick(xDraft), yNoodle: pick(yNoodle), pHoney: pick(pHoney) },
    batch: { x: await batchOf(xTea.id), y: await batchOf(yNoodle.id), p: await batchOf(pHoney.id) },
    checkoutA: placedA.publicId,
    addressA,
    addressB,
    order: { AX, AY, BY },
    fair: {
      id: fair.id,
      slug: fair.slug,
      name: fairName,
      booths: {
        A01: fair.boothByCode("A01").id,
        A02: fair.boothByCode("A02").id,
        A03: fair.boothByCode("A03").id,
      },
      badBoothForm: boothForm(fair.boothByCode("A03"), { widthM: "0" }),
    },
    draftFair: { id: draft.id, slug: draft.slug, name: draftName },
    booking: { live: held.publicId, cancelled: given.publicId },
  };
}

type F = Fixtures;
const enc = encodeURIComponent;
const profileLink = (c: { slug: string }) => `href="/cooperatives/${c.slug}"`;
const { by, everyone, signedIn, only, ok, redirect, status, missing, get, post } = tableFor<F>();

/** Buyer A's contact details: what nobody but A, X (for its order) and staff may see. */
const privateA = (f: F) => [f.addressA, f.names.buyerA];
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
const orderIntents = (pathOf: (f: F) => string, cells: (outcome: Expected<F>) => Outcomes<F>) =>
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
const cooperatives = (cells: Cells<F>) => by({ guest: LOGIN, buyers: DENY, staff: DENY, ...cells });

const MATRIX: Array<RouteEntry<F>> = [
  // ---- Public pages ------------------------------------------------------------------------------------
  {
    file: "$.tsx",
    probes: [
      get(
        "a URL no route claims",
        () => "/khong-co-trang-nay",
        everyone(status(404, () => [viErrors.page_not_found])),
      ),
    ],
  },
  {
    file: "_index.tsx",
    probes: [
      get(
        "home",
        () => "/",
        everyone(
          ok(undefined, (f) => [
            f.coop.P.name,
            profileLink(f.coop.P),
            f.product.pHoney.name,
            f.product.xDraft.name,
          ]),
        ),
        {
          shows: (f) => [f.coop.X.name, profileLink(f.coop.X), f.coop.Y.name],
        },
      ),
    ],
  },
  {
    file: "products._index.tsx",
    probes: [
      get(
        "the catalogue",
        () => "/products",
        everyone(ok(undefined, (f) => [f.product.xDraft.name, f.product.pHoney.name])),
        {
          shows: (f) => [f.product.xTea.name, f.product.yNoodle.name],
        },
      ),
    ],
  },
  {
    file: "products.$slug.tsx",
    probes: [
      get(
        "X's active product",
        (f) => `/products/${f.product.xTea.slug}`,
        everyone(ok(undefined, (f) => [f.product.xDraft.name, f.product.pHoney.name])),
        {
          shows: (f) => [f.product.xTea.name],
        },
      ),
      get(
        "X's draft",
        (f) => `/products/${f.product.xDraft.slug}`,
        by({ all: HIDDEN, memberX: OK, staff: OK }),
        {
          shows: (f) => [f.product.xDraft.name],
          secrets: (f) => [f.product.xDraft.name],
        },
      ),
      get(
        "the pending cooperative's product",
        (f) => `/products/${f.product.pHoney.slug}`,
        by({ all: HIDDEN, pending: OK, staff: OK }),
        {
          shows: (f) => [f.product.pHoney.name],
          secrets: (f) => [f.product.pHoney.name, f.coop.P.name],
        },
      ),
    ],
  },
  {
    file: "cooperatives._index.tsx",
    probes: [
      get(
        "the directory",
        () => "/cooperatives",
        everyone(ok(undefined, (f) => [f.coop.P.name, profileLink(f.coop.P)])),
        { shows: (f) => [f.coop.X.name, profileLink(f.coop.X), f.coop.Y.name] },
      ),
    ],
  },
  {
    file: "cooperatives.$slug.tsx",
    probes: [
      get("X's profile", (f) => `/cooperatives/${f.coop.X.slug}`, everyone(OK), {
        shows: (f) => [f.coop.X.name, f.product.xTea.name],
      }),
      get(
        "the pending cooperative's profile",
        (f) => `/cooperatives/${f.coop.P.slug}`,
        by({ all: HIDDEN, pending: OK, staff: OK }),
        {
          shows: (f) => [f.coop.P.name],
          secrets: (f) => [f.coop.P.name],
        },
      ),
    ],
  },
  {
    file: "fairs._index.tsx",
    probes: [
      get("the fairs", () => "/fairs", everyone(ok(undefined, (f) => [f.draftFair.name])), {
        shows: (f) => [f.fair.name],
      }),
    ],
  },
  {
    file: "fairs.$slug.tsx",
    probes: [
      get("the open fair", (f) => `/fairs/${f.fair.slug}`, everyone(OK), {
        shows: (f) => [f.fair.name, f.coop.X.name],
      }),
      get("a draft fair", (f) => `/fairs/${f.draftFair.slug}`, by({ all: HIDDEN, staff: OK }), {
        shows: (f) => [f.draftFair.name],
        secrets: (f) => [f.draftFair.name],
      }),
    ],
  },
  {
    file: "trace.$code.tsx",
    probes: [
      get("X's batch", (f) => `/trace/${f.batch.x.publicCode}`, everyone(OK), {
        shows: (f) => [f.batch.x.lotCode, f.product.xTea.name],
      }),
      get("a batch of the pending cooperative", (f) => `/trace/${f.batch.p.publicCode}`, everyone(HIDDEN), {
        secrets: (f) => [f.batch.p.lotCode, f.product.pHoney.name],
      }),
    ],
  },
  {
    file: "robots[.]txt.ts",
    probes: [get("robots.txt", () => "/robots.txt", everyone(OK), { shows: () => ["Disallow: /staff"] })],
  },
  {
    file: "sitemap[.]xml.ts",
    probes: [
      get(
        "the sitemap",
        () => "/sitemap.xml",
        everyone(ok(undefined, (f) => [f.coop.P.slug, f.product.pHoney.slug, f.product.xDraft.slug])),
        {
          shows: (f) => [f.coop.X.slug, f.product.xTea.slug],
        },
      ),
    ],
  },

  // ---- The JSON API and the webhook ----------------------------------------------------------------------
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

  // ---- Accounts ------------------------------------------------------------------------------------------
  {
    file: "login.tsx",
    probes: [
      get("the form", () => "/login", by({ guest: OK, signedIn: redirect("/") }), {
        shows: () => [title("Đăng nhập")],
      }),
      post(
        "(form)",
        () => "/login",
        () => ({ email: "", password: "" }),
        // Signed in, the refused form is not shown again: the page sends them on, as its loader does.
        by({ guest: INVALID, signedIn: redirect("/") }),
      ),
    ],
  },
  {
    file: "logout.tsx",
    probes: [
      get("GET does nothing", () => "/logout", everyone(redirect("/"))),
      post(
        "(form)",
        () => "/logout",
        () => ({}),
        everyone(redirect("/")),
        { fresh: true },
      ),
    ],
  },
  {
    file: "register.tsx",
    probes: [
      get("the form", () => "/register", by({ guest: OK, signedIn: redirect("/account") }), {
        shows: () => [title("Tạo tài khoản")],
      }),
      post(
        "(form)",
        () => "/register",
        () => ({ accountType: "buyer", fullName: "Vũ Thị Mai", email: "mai@@example" }),
        by({ guest: INVALID, signedIn: redirect("/account") }),
      ),
    ],
  },
  {
    file: "language.tsx",
    probes: [
      get("GET does nothing", () => "/language", everyone(redirect("/"))),
      post(
        "(form)",
        () => "/language",
        () => ({ lng: "xx", redirectTo: "/fairs" }),
        everyone(redirect("/fairs")),
      ),
    ],
  },
  {
    file: "account.tsx",
    probes: [
      get(
        "my account",
        () => "/account",
        signedIn(OK, {
          buyerA: ok(
            (f) => [f.emails.buyerA],
            (f) => [f.emails.buyerB],
          ),
          buyerB: ok(
            (f) => [f.emails.buyerB],
            (f) => [f.emails.buyerA],
          ),
          memberX: ok(
            (f) => [f.emails.memberX],
            (f) => [f.emails.memberY],
          ),
          memberY: ok(
            (f) => [f.emails.memberY],
            (f) => [f.emails.memberX],
          ),
          pending: ok((f) => [f.emails.pending]),
          staff: ok((f) => [f.emails.staff]),
        }),
        { shows: () => [title("Tài khoản")] },
      ),
      post(
        "profile",
        () => "/account",
        () => ({ intent: "profile", fullName: "" }),
        signedIn(INVALID),
      ),
      post(
        "organisation",
        () => "/account",
        () => ({ intent: "organisation", organisationName: "" }),
        signedIn(INVALID),
      ),
      post(
        "password",
        () => "/account",
        () => ({
          intent: "password",
          currentPassword: "sai",
          password: "mat-khau-moi-1",
          passwordConfirm: "mat-khau-moi-1",
        }),
        signedIn(INVALID),
      ),
      // Ends the asker's own sessions only; a guest has none and is sent to log in.
      post(
        "signOutEverywhere",
        () => "/account",
        () => ({ intent: "signOutEverywhere" }),
        signedIn(redirect("/login?signedOut=everywhere")),
        { fresh: true },
      ),
    ],
  },

  // ---- Shopping --------------------------------------------------------------------------------------------
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

  {
    file: "forgot-password.tsx",
    probes: [
      get("the form", () => "/forgot-password", everyone(OK), { shows: () => [title(viAuth.forgot.title)] }),
      post(
        "(form)",
        () => "/forgot-password",
        () => ({ email: "khong-phai-email" }),
        everyone(INVALID),
      ),
    ],
  },
  {
    // The token in the link is the guard: no session, whoever's, stands in for it.
    file: "reset-password.$token.tsx",
    probes: [
      get("an unknown link", () => "/reset-password/khong-co-lien-ket-nay", everyone(status(410)), {
        shows: () => [title(viAuth.reset.invalidTitle)],
      }),
      post(
        "(form)",
        () => "/reset-password/khong-co-lien-ket-nay",
        () => ({ password: "mat-khau-moi-an-toan", passwordConfirm: "mat-khau-moi-an-toan" }),
        everyone(CONFLICT),
      ),
    ],
  },

  // ---- The cooperative's console ---------------------------------------------------------------------------
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
      post(
        "(profile)",
        () => "/cooperative",
        () => ({ name: "" }),
        cooperatives({ cooperatives: INVALID }),
      ),
      post(
        "bank",
        () => "/cooperative",
        () => ({ intent: "bank", bankBin: "000000" }),
        cooperatives({ cooperatives: INVALID }),
      ),
      post(
        "(logo)",
        () => "/cooperative",
        () => ({ note: "no file" }),
        cooperatives({ cooperatives: INVALID }),
        { multipart: true },
      ),
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

  // ---- The staff console --------------------------------------------------------------------------------------
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
    file: "staff.fairs.$id.exhibitors[.]csv.ts",
    probes: [
      get("the exhibitors as CSV", (f) => `/staff/fairs/${f.fair.id}/exhibitors.csv`, only({ staff: OK }), {
        shows: (f) => [f.coop.X.name, f.product.xTea.name],
        secrets: (f) => [f.product.xTea.name],
      }),
    ],
  },
];

const ROUTES_DIR = path.resolve("app/routes");

describe("authorization matrix: the table covers every route module", () => {
  it("has one entry per module in app/routes, and none for a module that is gone", () => {
    const onDisk = routeModules(ROUTES_DIR).map((m) => m.name);
    const inTable = MATRIX.map((e) => e.file);
    const missingEntries = onDisk.filter((n) => !inTable.includes(n));
    const stale = inTable.filter((n) => !onDisk.includes(n));
    const twice = inTable.filter((n, i) => inTable.indexOf(n) !== i);
    expect(missingEntries, "route modules without an entry in the authorization matrix").toEqual([]);
    expect(stale, "matrix entries whose route module is gone").toEqual([]);
    expect(twice, "route modules with two entries").toEqual([]);
  });

  it("probes every loader, every action intent and every multipart form", () => {
    const gaps: string[] = [];
    for (const { name, file } of routeModules(ROUTES_DIR)) {
      const entry = MATRIX.find((e) => e.file === name);
      if (!entry) continue;
      const shape = moduleShape(file);
      const posts = entry.probes.filter((p) => p.form);
      const intents = new Set(posts.map((p) => p.intent));
      if (shape.loader && !entry.probes.some((p) => !p.form))
        gaps.push(`${name}: its loader has no GET probe`);
      if (!shape.loader && entry.probes.some((p) => !p.form)) gaps.push(`${name}: GET probes but no loader`);
      if (shape.action && posts.length === 0) gaps.push(`${name}: its action has no POST probe`);
      if (!shape.action && posts.length > 0) gaps.push(`${name}: POST probes but no action`);
      const wanted = [...shape.intents, ...(shape.orderActions ? Object.keys(TRANSITIONS) : [])];
      for (const intent of wanted)
        if (!intents.has(intent)) gaps.push(`${name}: intent "${intent}" is not probed`);
      if (shape.multipart && !posts.some((p) => p.multipart))
        gaps.push(`${name}: its multipart form is not probed`);
      for (const p of entry.probes)
        for (const role of ROLES) if (!p.expect[role]) gaps.push(`${name}: no expectation for ${role}`);
    }
    expect(gaps).toEqual([]);
  });
});

describe.each(DIALECTS)("authorization matrix on %s", (dialect) => {
  let server: TestServer;
  let ctx: MatrixContext<F>;
  const stripe = new StripeApiDouble();
  let started = 0;

  beforeAll(async () => {
    started = Date.now();
    // Card payments on (Stripe answered at the HTTP edge), so paying and refunding reach their guards.
    server = await startTestServer(dialect, STRIPE_ENV, { stripeHttpClient: stripe.httpClient });
    const fixtures = await makeFixtures(server);
    const visitors = new Map<RoleName, Visitor>([["guest", new Visitor(server.url, "guest")]]);
    for (const role of ROLES)
      if (role !== "guest") visitors.set(role, await Visitor.signIn(server.url, role, fixtures.emails[role]));
    ctx = {
      fixtures,
      own: (role) => fixtures.own[role],
      visitor: (role) => visitors.get(role)!,
      renew: async (role) => {
        if (role !== "guest")
          visitors.set(role, await Visitor.signIn(server.url, role, fixtures.emails[role]));
      },
      freshVisitor: async (role) =>
        role === "guest"
          ? new Visitor(server.url, "guest")
          : Visitor.signIn(server.url, role, fixtures.emails[role]),
      snapshot: () => fingerprint(server.container.db, { stripeRequests: stripe.requests.length }),
      stats: { requests: 0, snapshotMs: 0 },
    };
  });
  afterAll(async () => {
    if (ctx)
      console.info(
        `authz matrix on ${dialect}: ${ctx.stats.requests} requests in ${((Date.now() - started) / 1000).toFixed(1)} s ` +
          `(${(ctx.stats.snapshotMs / 1000).toFixed(1)} s of it comparing the database before and after each POST)`,
      );
    await server?.close();
  });

  it.each(MATRIX.map((e) => [e.file, e] as const))("%s", async (_file, entry) => {
    const failures = await runRoute(ctx, entry);
    expect(failures, `\n${failures.join("\n")}\n`).toEqual([]);
  });
});
