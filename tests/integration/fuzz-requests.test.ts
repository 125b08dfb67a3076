import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DIALECTS } from "../support/db";
import { makeCooperative, makeUser, PASSWORD } from "../support/factories";
import { fairForm } from "../support/fairs";
import { problemsOf } from "../support/fuzz/answers";
import { BODY_KINDS, bodyOf, escapedBytes, percentDecoded } from "../support/fuzz/bodies";
import { brief } from "../support/fuzz/brief";
import { hostileText, numberText, RAW_JUNK, type Pair } from "../support/fuzz/inputs";
import { invariantCounts, newlyBroken } from "../support/fuzz/invariants";
import { fuzz, incidentalProblems } from "../support/fuzz/runner";
import { asPairs, fuzzSite, productForm, PROPERTY_MS } from "../support/fuzz/site";
import type { Visitor } from "../support/fuzz/visitor";

/**
 * Issue 9: hostile input over whole requests: form posts in other encodings, the public API's query and
 * hostile paths and queries on every page. Every answer is a success or a 4xx with a translated message
 * (never a 500, never a stack trace), a refused form keeps what was typed (not passwords) and writes nothing,
 * and the database keeps its invariants (tests/support/fuzz/invariants.ts) after every property.
 *
 * Each property has a fixed seed and number of runs; a failure prints every distinct wrong answer with the
 * smallest input that gave it, and how to replay it (FUZZ_SEED, FUZZ_PATH; FUZZ_RUNS runs longer). The site
 * they post to, and how a form is fuzzed, are in tests/support/fuzz/site.ts.
 */
describe.each(DIALECTS)("fuzzing request bodies, the API and page addresses on %s", (dialect) => {
  const site = fuzzSite(dialect);

  /** NUL bytes the scan of the search page found (the properties keep theirs in the support module). */
  const scanned: string[] = [];

  it(
    "take form posts in other encodings, or none, without a 500",
    () =>
      site.property(async () => {
        const routes: Array<[string, () => Visitor, () => Pair[]]> = [
          [
            "/login",
            () => site.visitor(),
            () => [
              ["email", site.emails.login],
              ["password", PASSWORD],
            ],
          ],
          [
            "/register",
            () => site.visitor(),
            () => [
              ["accountType", "buyer"],
              ["fullName", "Vũ Thị Mai"],
              ["email", `x-${site.next()}@example.vn`],
              ["password", "mat-khau-an-toan"],
              ["passwordConfirm", "mat-khau-an-toan"],
              ["privacyConsent", "on"],
            ],
          ],
          [
            "/language",
            () => site.visitor(),
            () => [
              ["lng", "en"],
              ["redirectTo", "/"],
            ],
          ],
          [
            "/cart",
            () => site.people.buyer,
            () => [
              ["intent", "add"],
              ["productId", String(site.products.tea.id)],
              ["quantity", "1"],
            ],
          ],
          [
            "/checkout?index",
            () => site.people.buyer,
            () => [
              ["contactName", "Trần Thị Mai"],
              ["phone", "0987654321"],
              ["email", "mai@example.vn"],
              ["provinceCode", "19"],
              ["wardCode", "05503"],
              ["address", "Số 12 Quang Trung"],
              ["paymentMethod", "cod"],
            ],
          ],
          [
            "/account",
            () => site.people.buyer,
            () => [
              ["intent", "profile"],
              ["fullName", "Trần Thị Mai"],
            ],
          ],
          [
            // What the profile page's own forms post to.
            "/cooperative/profile",
            () => site.people.owner,
            () => [
              ["intent", "bank"],
              ["bankBin", "970436"],
              ["bankAccountNo", "001100412345"],
              ["bankAccountName", "HTX CHE"],
            ],
          ],
          ["/cooperative/products/new", () => site.people.owner, () => productForm(`ENC-${site.next()}`)],
          [
            `/cooperative/products/${site.products.edited.id}`,
            () => site.people.owner,
            () => [["intent", "update"], ...productForm("MD-NARI-1KG")],
          ],
          ["/cooperative/products/import", () => site.people.owner, () => [["mode", "check"]]],
          [
            `/cooperative/fairs/${site.fair.slug}`,
            () => site.people.owner,
            () => [
              ["intent", "join_waitlist"],
              ["fairId", String(site.fair.id)],
            ],
          ],
          ["/staff/fairs/new", () => site.people.staff, () => asPairs(fairForm())],
          [
            "/staff/cooperatives",
            () => site.people.staff,
            () => [
              ["cooperativeId", "1"],
              ["decision", "approve"],
            ],
          ],
          ["/logout", () => site.visitor(), () => []],
        ];
        await fuzz(
          "POST bodies",
          fc.record({
            route: fc.constantFrom(...routes.map(([path]) => path)),
            kind: fc.constantFrom(...BODY_KINDS),
          }),
          async ({ route, kind }) => {
            const [path, who, base] = routes.find(([p]) => p === route)!;
            const answer = await who().post(path, bodyOf(kind, base()));
            // Grouped by encoding: the route goes with the server's line.
            return problemsOf(answer, {}, site.origin).map((p) => ({
              ...p,
              where: `POST (a form) as ${kind}`,
              detail: `${path}: ${p.detail ?? ""}`,
            }));
          },
          { seed: 930, numRuns: 70 },
        );
      }),
    PROPERTY_MS,
  );

  // ───────────────────────────── the public API ─────────────────────────────

  /**
   * Hostile text short enough for a URL: Node refuses a request line over 16 KB with an empty 431 before the app
   * sees it, which says nothing about the app.
   */
  const queryText = hostileText.filter((s) => s.length <= 1_001);
  const API_PARAMS: Record<string, readonly string[]> = {
    q: ["tra tan cuong", "chè", "tea", ""],
    category: ["tea", "vermicelli_noodles", "TEA"],
    province: ["19", "08", "99"],
    ocop_min: ["3", "5", "6"],
    certification: ["vietgap", "organic"],
    price: ["lt50k", "50k-100k", "gte500k"],
    in_stock: ["1", "true", "0"],
    sort: ["relevance", "price_asc", "price_desc", "newest"],
    page: ["1", "2", "1000", "1001"],
    per_page: ["1", "24", "100", "101"],
    locale: ["vi", "en", "fr"],
    cooperative: [site.coopSlug, "khong-co"],
  };
  const apiValue = (name: string) =>
    fc.oneof(
      {
        weight: 3,
        arbitrary: fc.constantFrom(...(Object.hasOwn(API_PARAMS, name) ? API_PARAMS[name]! : [""])),
      },
      { weight: 2, arbitrary: fc.oneof(queryText, numberText) },
    );
  const queryInput = fc.record({
    params: fc.array(
      fc
        .constantFrom(...Object.keys(API_PARAMS), "utm_source", "__proto__", "q[]", "page")
        .chain((name) => fc.tuple(fc.constant(name), apiValue(name))),
      { maxLength: 6 },
    ),
    junk: fc.option(fc.tuple(fc.constantFrom(...Object.keys(API_PARAMS)), fc.constantFrom(...RAW_JUNK)), {
      nil: null,
    }),
    lang: fc.constantFrom("vi", "en", "fr;q=0.1, *", ""),
  });
  /** A query string as a browser builds it, plus junk written as it is (raw bytes as %xx: a URL has no others). */
  const queryOf = (params: Array<[string, string]>, junk: [string, string] | null) =>
    [new URLSearchParams(params).toString(), junk ? `${junk[0]}=${escapedBytes(junk[1])}` : ""]
      .filter(Boolean)
      .join("&");

  it(
    "search the catalogue through /api/v1/products with any query",
    () =>
      site.property(async () => {
        await fuzz(
          "/api/v1/products",
          queryInput,
          async ({ params, junk, lang }) => {
            const answer = await site.visitor().get(`/api/v1/products?${queryOf(params, junk)}`, {
              "accept-language": lang,
            });
            const problems = problemsOf(answer, { api: true }, site.origin);
            if (answer.status === 400) {
              const error = (JSON.parse(answer.text) as { error: { code: string; parameter?: string } })
                .error;
              if (
                error.code !== "invalid_parameter" ||
                !error.parameter ||
                !Object.hasOwn(API_PARAMS, error.parameter)
              )
                problems.push({ kind: "400 does not name a known parameter", detail: brief(error) });
            } else if (answer.status === 200) {
              const page = JSON.parse(answer.text) as {
                hits: unknown[];
                page: number;
                perPage: number;
                total: number;
              };
              if (
                !Array.isArray(page.hits) ||
                page.hits.length > page.perPage ||
                page.perPage > 100 ||
                page.page < 1
              )
                problems.push({
                  kind: "200 with an impossible page",
                  detail: brief({ ...page, hits: page.hits?.length }),
                });
            } else if (answer.status < 500) {
              problems.push({ kind: `answered ${answer.status} (a search is 200 or 400)` });
            }
            return problems.map((p) => ({ ...p, where: "GET /api/v1/products" }));
          },
          { seed: 926, numRuns: 150 },
        );
      }),
    PROPERTY_MS,
  );

  /** A path segment: hostile text percent-encoded as a browser would (lone surrogates as CESU bytes), or junk. */
  const segment = fc.oneof(
    {
      weight: 3,
      arbitrary: fc
        .oneof(queryText, numberText)
        .map((s) =>
          s.replace(
            /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
            "\u0000LONE\u0000",
          ),
        )
        .map((s) => encodeURIComponent(s).replace(/%00LONE%00/g, "%ED%A0%80")),
    },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        "%FF",
        "%C3%28",
        "%",
        "%%",
        "%G1",
        "%E2%82",
        "%00",
        "..%2F..%2Fetc%2Fpasswd",
        "%2e%2e",
        ".",
        "..",
        "%20",
        "%2F",
        "a%2Fb",
        "%3Cscript%3E",
        "%C0%AF",
      ),
    },
  );

  it(
    "GET pages and the API with hostile path segments and query strings",
    () =>
      site.property(async () => {
        type Who = "guest" | "buyer" | "owner" | "staff";
        const templates: Array<[Who, string]> = [
          ["guest", "/products/{seg}"],
          ["guest", "/trace/{seg}"],
          ["guest", "/uploads/{seg}"],
          ["guest", "/build/{seg}"],
          ["guest", "/cooperatives/{seg}"],
          ["guest", "/fairs/{seg}"],
          ["guest", "/{seg}"],
          ["guest", "/api/v1/products/{seg}"],
          ["guest", "/api/v1/cooperatives/{seg}"],
          ["guest", "/api/v1/suggest?{qs}"],
          ["guest", "/products?{qs}"],
          ["guest", "/cooperatives?{qs}"],
          ["guest", "/fairs?{qs}"],
          ["guest", "/?{qs}"],
          ["guest", `/fairs/${site.fair.slug}?{qs}`],
          ["guest", `/products/${site.products.tea.slug}?{qs}`],
          ["guest", `/cooperatives/${site.coopSlug}?{qs}`],
          ["guest", "/login?{qs}"],
          ["guest", "/register?{qs}"],
          ["guest", "/cart?{qs}"],
          ["buyer", "/orders/{seg}"],
          ["buyer", "/orders?{qs}"],
          ["buyer", "/checkout/{seg}"],
          ["buyer", "/account?{qs}"],
          ["owner", "/cooperative/products/{seg}"],
          ["owner", "/cooperative/products?{qs}"],
          ["owner", `/cooperative/products/${site.products.tea.id}?{qs}`],
          ["owner", `/cooperative/products/${site.products.tea.id}/batches/{seg}/qr.svg`],
          ["owner", "/cooperative/orders/{seg}"],
          ["owner", "/cooperative/orders?{qs}"],
          ["owner", "/cooperative/orders.csv?{qs}"],
          ["owner", "/cooperative/fairs/{seg}"],
          ["owner", `/cooperative/fairs/${site.fair.slug}?{qs}`],
          ["owner", "/cooperative/bookings/{seg}"],
          ["owner", "/cooperative/products/import?{qs}"],
          ["owner", "/cooperative?{qs}"],
          ["owner", "/cooperative/profile?{qs}"],
          ["owner", "/cooperative/batches?{qs}"],
          ["staff", "/staff/fairs/{seg}"],
          ["staff", `/staff/fairs/${site.fair.id}?{qs}`],
          ["staff", "/staff/orders/{seg}"],
          ["staff", "/staff/orders?{qs}"],
          ["staff", "/staff/cooperatives?{qs}"],
          ["staff", "/staff/ledger?{qs}"],
        ];
        const names = [
          "q",
          "page",
          "status",
          "from",
          "to",
          "category",
          "province",
          "sort",
          "booth",
          "tab",
          "booking",
          "done",
          "n",
          "lng",
          "redirectTo",
          "saved",
          "created",
          "imported",
          "welcome",
          "as",
          "sector",
          "per_page",
        ];
        const input = fc.record({
          page: fc.constantFrom(...templates.map(([, template]) => template)),
          seg: segment,
          params: fc.array(fc.tuple(fc.constantFrom(...names), fc.oneof(queryText, numberText)), {
            maxLength: 4,
          }),
          junk: fc.option(fc.tuple(fc.constantFrom(...names), fc.constantFrom(...RAW_JUNK)), { nil: null }),
          lang: fc.constantFrom("vi", "en"),
        });
        await fuzz(
          "GET pages",
          input,
          async ({ page, seg, params, junk, lang }) => {
            const [who, template] = templates.find(([, t]) => t === page)!;
            const target = template.replace("{seg}", seg).replace("{qs}", queryOf(params, junk));
            const v = who === "guest" ? site.visitor(lang) : site.people[who];
            const answer = await v.get(target, { "accept-language": lang });
            const problems = problemsOf(
              answer,
              { api: template.startsWith("/api/"), sent: percentDecoded(target) },
              site.origin,
            );
            return problems.map((p) => ({ ...p, where: `GET ${template}` }));
          },
          { seed: 927, numRuns: 250 },
        );
      }),
    PROPERTY_MS,
  );

  it("never sends NUL bytes nobody typed (seen by the properties above, and a scan of the search page)", async () => {
    // The search box echoes the query: walk its length so that some character lands on a 2 KB buffer boundary.
    for (let n = 1; n <= 48; n++) {
      const q = "Trà Tân Cương đặc sản ".repeat(n);
      const answer = await site.visitor().get(`/products?q=${encodeURIComponent(q)}`);
      for (const p of problemsOf(answer, { sent: q }, site.origin).filter((x) => x.incidental))
        scanned.push(`GET /products?q=<${q.length} chars> → ${p.kind}: ${p.detail}`);
    }
    expect([...incidentalProblems(), ...scanned.slice(0, 3)]).toEqual([]);
  });

  // ───────────────────────────── the invariants themselves ─────────────────────────────

  it("notices half-written rows (each invariant fails on rows written by hand, then rolled back)", async () => {
    const { db } = site.server.container;
    const { User, Checkout, Product, Order, OrderItem, BoothBooking } = db.models;
    // An order and a booking to break: the fixtures' own, made through the use cases.
    await site.placeOrder(false);
    const held = await site.server.container.services.fairs.holdBooth(site.owner, {
      boothId: await site.freeBooth(),
    });
    // And a cooperative with no bank account yet, to give one too long a name below.
    const owner = await makeUser(site.server.container, { role: "cooperative" });
    const bankless = await makeCooperative(site.server.container, { ownerId: owner.id });
    // What earlier properties broke stays out of it: only rows broken here count.
    const before = await invariantCounts(db);
    const t = await db.sequelize.transaction();
    try {
      await User.create(
        {
          email: `half-${site.next()}@example.vn`,
          passwordHash: site.passwordHash,
          fullName: "Nửa chừng",
          phone: null,
          role: "cooperative",
          locale: "vi",
          organisationId: null,
          disabledAt: null,
          lastLoginAt: null,
        },
        { transaction: t },
      );
      const buyer = await User.findOne({ where: { email: site.emails.orderBuyer }, transaction: t });
      await Checkout.create(
        {
          publicId: randomBytes(12).toString("base64url"),
          buyerId: buyer!.id,
          contactName: "Nửa chừng",
          phone: "0987654321",
          email: "half@example.vn",
          provinceCode: "19",
          wardCode: "05503",
          address: "Số 1",
          note: null,
          paymentMethod: "cod",
          totalVnd: 0,
          status: "placed",
          expiresAt: null,
        },
        { transaction: t },
      );
      await Product.update({ stock: -1 }, { where: { id: site.products.edited.id }, transaction: t });
      const order = await Order.findOne({ order: [["id", "DESC"]], transaction: t });
      await OrderItem.destroy({ where: { orderId: order!.id }, transaction: t });
      await BoothBooking.update(
        { status: "cancelled" },
        { where: { publicId: held.publicId }, transaction: t },
      );
      // MySQL refuses text longer than its column outright; SQLite keeps it, and the check has to see it.
      if (dialect === "sqlite") {
        await bankless.update({ bankAccountName: "S".repeat(200) }, { transaction: t });
      }
      const broken = newlyBroken(before, await invariantCounts(db, t)).map((b) =>
        b.replace(/: \d+ more row\(s\)$/, ""),
      );
      expect(broken.sort()).toEqual(
        [
          "cooperative user without a membership",
          "checkout without orders",
          "product price or stock out of bounds",
          "order without items",
          "order subtotal is not the sum of its lines",
          "booking holds a booth it should not (or lost the one it should hold)",
          ...(dialect === "sqlite" ? ["cooperatives.bank_account_name longer than 120"] : []),
        ].sort(),
      );
    } finally {
      await t.rollback();
      await site.releaseBooths();
    }
    expect(newlyBroken(before, await invariantCounts(db))).toEqual([]);
  });
});
