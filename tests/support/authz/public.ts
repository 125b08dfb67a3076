import enCommon from "../../../app/locales/en/common.json";
import enNotifications from "../../../app/locales/en/notifications.json";
import viErrors from "../../../app/locales/vi/errors.json";
import viPrivacy from "../../../app/locales/vi/privacy.json";
import { by, everyone, get, ok, post, profileLink, redirect, status, title } from "./cells";
import type { F } from "./fixtures";
import { productQuoteProbe } from "./quotes";
import { HIDDEN, INVALID, OK, type RouteEntry } from "./matrix";

/**
 * Public pages: what anyone may read, and what stays hidden until a cooperative is approved or a product or
 * fair is published.
 */
export const PUBLIC_PAGES: Array<RouteEntry<F>> = [
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
      productQuoteProbe,
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
      // "I will visit" is anyone's, signed in or not; a bad phone is refused beside the field.
      post(
        "visit",
        (f) => `/fairs/${f.fair.slug}`,
        () => ({ intent: "visit", phone: "12" }),
        everyone(INVALID),
      ),
    ],
  },
  {
    // A pass is whoever holds its code's: an unknown code is nobody's.
    file: "fairs.$slug_.pass.$code.tsx",
    probes: [
      get("an unknown pass", (f) => `/fairs/${f.fair.slug}/pass/khong-co-ma-nay`, everyone(HIDDEN)),
      post(
        "cancelVisit",
        (f) => `/fairs/${f.fair.slug}/pass/khong-co-ma-nay`,
        () => ({ intent: "cancelVisit" }),
        everyone(HIDDEN),
      ),
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
    file: "privacy.tsx",
    probes: [
      get("the privacy notice", () => "/privacy", everyone(OK), {
        shows: () => [title(viPrivacy.title), viPrivacy.email],
      }),
    ],
  },
  {
    file: "[.]well-known.htx-connect.seal-key[.]pem.ts",
    probes: [
      get("the platform's seal key", () => "/.well-known/htx-connect/seal-key.pem", everyone(OK), {
        shows: () => ["-----BEGIN PUBLIC KEY-----"],
      }),
    ],
  },
  {
    file: "[.]well-known.htx-connect.seal-keys[.]json.ts",
    probes: [
      get("every seal key", () => "/.well-known/htx-connect/seal-keys.json", everyone(OK), {
        shows: () => ['"algorithm":"Ed25519"'],
      }),
    ],
  },
  {
    file: "v.$token.ts",
    probes: [get("a QR code's address", () => "/V/ABC", everyone(redirect("/verify?t=ABC")))],
  },
  {
    file: "verify.tsx",
    probes: [
      get("the verification page", () => "/verify", everyone(OK)),
      get("an id no agreement has", () => "/verify?id=TT-2026-ZZZZZZ", everyone(OK), {
        shows: () => ["Không có thỏa thuận nào mang mã này."],
      }),
      post(
        "a token that is not one",
        () => "/verify",
        () => ({ token: "KHONGPHAIMA" }),
        everyone(OK),
        {
          shows: () => ["Đã bị thay đổi"],
        },
      ),
      // The form as the page sends it (multipart, for the PDF), here without a file: an id is checked.
      post(
        "(upload form)",
        () => "/verify",
        () => ({ publicId: "TT-2026-ZZZZZZ" }),
        everyone(OK),
        {
          multipart: true,
          shows: () => ["Không có thỏa thuận nào mang mã này."],
        },
      ),
    ],
  },
  {
    // The browser's translations: the same words for everyone, and never the mails' (server-only namespaces).
    file: "locales.$lng[.]json.ts",
    probes: [
      get(
        "the English words",
        () => "/locales/en.json",
        everyone(ok(undefined, () => ['"notifications":', enNotifications.cooperative_approved.subject])),
        { shows: () => [enCommon.skipToContent, '"catalogue":{'] },
      ),
      get("a language the site does not have", () => "/locales/fr.json", everyone(HIDDEN)),
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
];
