import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DIALECTS } from "../support/db";
import { cooperativeForm, PASSWORD } from "../support/factories";
import { growingText, hostileText, numberText } from "../support/fuzz/inputs";
import {
  asPairs,
  fuzzSite,
  itSawNoStrayNul,
  PROFILE,
  PROFILE_TEXT,
  PROPERTY_MS,
  type Rows,
} from "../support/fuzz/site";

/**
 * Issue 9: hostile input over the account forms: registering, logging in, switching language and editing the
 * account. Every answer is a success or a 4xx with a translated message (never a 500, never a stack trace), a
 * refused form keeps what was typed (not passwords) and writes nothing, and the database keeps its invariants
 * (tests/support/fuzz/invariants.ts) after every property.
 *
 * Each property has a fixed seed and number of runs; a failure prints every distinct wrong answer with the
 * smallest input that gave it, and how to replay it (FUZZ_SEED, FUZZ_PATH; FUZZ_RUNS runs longer). The site
 * they post to, and how a form is fuzzed, are in tests/support/fuzz/site.ts.
 */
describe.each(DIALECTS)("fuzzing the account forms on %s", (dialect) => {
  const site = fuzzSite(dialect);

  it("captures the server's log (the reports below quote it)", async () => {
    const mark = site.log.mark();
    const res = await site.visitor().get("/khong-co-trang-nay");
    expect(res.status).toBe(404);
    expect(
      site.log.since(mark).some((l) => (l.res as { statusCode?: number } | undefined)?.statusCode === 404),
    ).toBe(true);
  });

  const ACCOUNT = ["fullName", "email", "phone", "password", "passwordConfirm", "privacyConsent"] as const;
  const ORGANISATION = ["organisationName", "organisationKind", "taxCode", "organisationAddress"] as const;
  const REGISTRATION_TABLES = [
    "users",
    "organisations",
    "cooperatives",
    "cooperative_members",
    "cooperative_sectors",
    "sessions",
  ];

  it(
    "register as a buyer",
    () =>
      site.fuzzForm({
        name: "/register (buyer)",
        seed: 901,
        path: () => "/register",
        base: () => [
          ["accountType", "buyer"],
          ["fullName", "Vũ Thị Mai"],
          ["email", `mai-${site.next()}@example.vn`],
          ["phone", "0912 345 678"],
          ["password", "mat-khau-an-toan"],
          ["passwordConfirm", "mat-khau-an-toan"],
          ["privacyConsent", "on"],
        ],
        fields: ["accountType", ...ACCOUNT],
        fixed: ["accountType"],
        echo: ["fullName", "email", "phone"],
        secrets: ["password", "passwordConfirm"],
        watch: REGISTRATION_TABLES,
        tables: [...REGISTRATION_TABLES, "notifications", "audit_events"],
      }),
    PROPERTY_MS,
  );

  it(
    "register as a business buyer",
    () =>
      site.fuzzForm({
        name: "/register (business buyer)",
        seed: 902,
        path: () => "/register",
        base: () => [
          ["accountType", "buyer"],
          ["fullName", "Hoàng Văn Nam"],
          ["email", `nam-${site.next()}@example.vn`],
          ["phone", ""],
          ["password", "mat-khau-an-toan"],
          ["passwordConfirm", "mat-khau-an-toan"],
          ["privacyConsent", "on"],
          ["isBusiness", "on"],
          ["organisationName", "Công ty TNHH Nông sản Sạch Hà Nội"],
          ["organisationKind", "distributor"],
          ["taxCode", "0101234567"],
          ["organisationAddress", "Số 5 Láng Hạ, Đống Đa, Hà Nội"],
        ],
        fields: ["accountType", ...ACCOUNT, "isBusiness", ...ORGANISATION],
        fixed: ["accountType", "isBusiness"],
        echo: ["fullName", "email", "phone", "organisationName", "taxCode", "organisationAddress"],
        secrets: ["password", "passwordConfirm"],
        watch: REGISTRATION_TABLES,
        tables: [...REGISTRATION_TABLES, "notifications", "audit_events"],
      }),
    PROPERTY_MS,
  );

  it(
    "register as a cooperative",
    () =>
      site.fuzzForm({
        name: "/register (cooperative)",
        seed: 903,
        path: () => "/register",
        base: () =>
          asPairs({
            accountType: "cooperative",
            ...cooperativeForm({ email: `htx-${site.next()}@example.vn` }),
          }),
        fields: ["accountType", ...ACCOUNT, ...PROFILE],
        fixed: ["accountType"],
        echo: ["fullName", "email", "phone", ...PROFILE_TEXT],
        // The name is stored folded too (search): text that grows when decomposed gets its share of the runs.
        value: fc.oneof(hostileText, numberText, growingText),
        secrets: ["password", "passwordConfirm"],
        watch: REGISTRATION_TABLES,
        tables: [...REGISTRATION_TABLES, "notifications", "audit_events"],
      }),
    PROPERTY_MS,
  );

  /** Where a form may send the browser next: paths, and what tries to leave the site. */
  const REDIRECTS = [
    "/account",
    "//evil.example",
    "/\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/%2F/evil.example",
    "https://evil.example/",
    "javascript:alert(1)",
    "/ả",
    "/\u0000",
    "/\r\nSet-Cookie: a=b",
    "/cart?x=<script>",
    "/" + "a".repeat(10_000),
  ];
  const redirectValue = fc.oneof(hostileText, fc.constantFrom(...REDIRECTS));

  it(
    "log in (and be sent back only to this site)",
    () =>
      site.fuzzForm({
        name: "/login",
        seed: 904,
        path: () => "/login",
        base: () => [
          ["email", site.emails.login],
          ["password", PASSWORD],
          ["redirectTo", "/account"],
        ],
        fields: ["email", "password", "redirectTo", "redirectTo"],
        echo: ["email"],
        secrets: ["password"],
        watch: ["sessions", "users"],
        value: redirectValue,
      }),
    PROPERTY_MS,
  );

  it(
    "switch language (and be sent back only to this site)",
    () =>
      site.fuzzForm({
        name: "/language",
        seed: 905,
        path: () => "/language",
        base: () => [
          ["lng", "en"],
          ["redirectTo", `/cooperatives/${site.coopSlug}`],
        ],
        fields: ["lng", "redirectTo", "redirectTo"],
        value: redirectValue,
      }),
    PROPERTY_MS,
  );

  const userRow = async (email: string) => {
    const u = await site.server.container.db.models.User.findOne({ where: { email } });
    const org = u?.organisationId
      ? await site.server.container.db.models.Organisation.findByPk(u.organisationId)
      : null;
    return { user: u?.toJSON(), org: org?.toJSON() ?? null } as Rows;
  };

  it(
    "edit the account: profile",
    () =>
      site.fuzzForm({
        name: "/account (profile)",
        seed: 906,
        as: () => site.people.buyer,
        path: () => "/account",
        base: () => [
          ["intent", "profile"],
          ["fullName", "Trần Thị Mai"],
          ["phone", "0987 654 321"],
        ],
        fields: ["intent", "fullName", "phone"],
        fixed: ["intent"],
        echo: ["fullName", "phone"],
        rows: () => userRow(site.emails.buyer),
        tables: ["users", "organisations"],
      }),
    PROPERTY_MS,
  );

  it(
    "edit the account: organisation",
    () =>
      site.fuzzForm({
        name: "/account (organisation)",
        seed: 907,
        as: () => site.people.buyer,
        path: () => "/account",
        base: () => [
          ["intent", "organisation"],
          ["organisationName", "Siêu thị Mini Ba Đình"],
          ["organisationKind", "supermarket"],
          ["taxCode", "0101234567-001"],
          ["organisationAddress", "12 Phan Đình Phùng"],
        ],
        fields: ["intent", ...ORGANISATION, "remove"],
        fixed: ["intent"],
        echo: ["organisationName", "taxCode", "organisationAddress"],
        watch: ["organisations"],
        rows: () => userRow(site.emails.buyer),
        tables: ["users", "organisations"],
      }),
    PROPERTY_MS,
  );

  it(
    "edit the account: password",
    () =>
      site.fuzzForm({
        name: "/account (password)",
        seed: 908,
        runs: 20,
        as: () => site.people.shopper,
        // Whatever the last run changed, start from the known password (its session is kept by the change).
        prepare: async () => {
          await site.server.container.db.models.User.update(
            { passwordHash: site.passwordHash },
            { where: { email: site.emails.shopper } },
          );
        },
        path: () => "/account",
        base: () => [
          ["intent", "password"],
          ["currentPassword", PASSWORD],
          ["password", PASSWORD],
          ["passwordConfirm", PASSWORD],
        ],
        fields: ["intent", "currentPassword", "password", "passwordConfirm"],
        fixed: ["intent"],
        secrets: ["currentPassword", "password", "passwordConfirm"],
        watch: ["sessions"],
        tables: ["users", "sessions"],
      }),
    PROPERTY_MS,
  );

  itSawNoStrayNul();
});
