import { randomBytes } from "node:crypto";
import { stringify } from "csv-stringify/sync";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CSV_COLUMNS } from "../../server/catalogue/csv-columns";
import { hashPassword } from "../../server/accounts/passwords";
import type { CurrentUser } from "../../server/accounts/current-user";
import { DIALECTS, type TestContainerOptions } from "../support/db";
import { cooperativeForm, makeCooperative, makeProduct, makeUser, PASSWORD } from "../support/factories";
import { fairForm, gridForm, openFair } from "../support/fairs";
import {
  BODY_KINDS,
  bodyOf,
  brief,
  changes,
  escapedBytes,
  invariantCounts,
  newlyBroken,
  formOf,
  formOps,
  fuzz,
  growingText,
  hostileText,
  incidentalProblems,
  resetIncidentalProblems,
  multipartBody,
  numberText,
  overlongProblems,
  overlongText,
  percentDecoded,
  problemsOf,
  RAW_JUNK,
  ServerLog,
  snapshot,
  valuesIn,
  Visitor,
  type Answer,
  type Pair,
  type Problem,
  DROPPED_CONTROLS,
} from "../support/fuzz";
import { buy, sellingCooperative, signedInStaff } from "../support/orders";
import { startTestServer, type TestServer } from "../support/server";

/**
 * Issue 9: hostile input over the main forms and the public API. Every answer is a success or a 4xx with a
 * translated message (never a 500, never a stack trace), a refused form keeps what was typed (not passwords)
 * and writes nothing, and the database keeps its invariants (tests/support/fuzz.ts) after every property.
 *
 * Each property has a fixed seed and number of runs; a failure prints every distinct wrong answer with the
 * smallest input that gave it, and how to replay it (FUZZ_SEED, FUZZ_PATH; FUZZ_RUNS runs longer).
 */

type Rows = Record<string, unknown>;
const PROPERTY_MS = 300_000;

describe.each(DIALECTS)("fuzzing forms and the API on %s", (dialect) => {
  const log = new ServerLog();
  let server: TestServer;
  let origin: string;
  let seq = 0;
  const next = () => `${Date.now().toString(36)}${(seq += 1)}`;

  // Who is signed in, and what they act on.
  const people = {} as Record<"buyer" | "shopper" | "owner" | "staff" | "orderBuyer", Visitor>;
  const emails = {} as Record<"buyer" | "shopper" | "owner" | "staff" | "login" | "orderBuyer", string>;
  let owner: CurrentUser;
  let staff: CurrentUser;
  let orderBuyer: CurrentUser;
  let coopId = 0;
  let coopSlug = "";
  const products = { tea: { id: 0, slug: "" }, pricey: { id: 0, slug: "" }, edited: { id: 0, slug: "" } };
  const fair = { id: 0, slug: "", booths: [] as number[], editId: 0, boothId: 0 };
  let passwordHash = "";

  /** NUL bytes the scan of the search page found (the properties keep theirs in the support module). */
  const scanned: string[] = [];
  const visitor = (lang = "vi") => new Visitor(origin, log, { "accept-language": lang });
  async function signIn(email: string) {
    const v = visitor();
    const res = await v.post(
      "/login",
      formOf([
        ["email", email],
        ["password", PASSWORD],
      ]),
    );
    expect(res.status, `log in ${email}`).toBe(302);
    return v;
  }

  beforeAll(async () => {
    resetIncidentalProblems();
    log.captureConsole();
    // The capturing logger reaches the container through the options object, which createTestContainer spreads
    // over its own; the first test checks that the capture works.
    const options: TestContainerOptions & { logger: ServerLog["logger"] } = { logger: log.logger };
    server = await startTestServer(
      dialect,
      { LOGIN_MAX_FAILURES_PER_ACCOUNT: "1000000", LOGIN_MAX_FAILURES_PER_IP: "1000000" },
      options,
    );
    origin = server.url;
    const c = server.container;
    passwordHash = await hashPassword(PASSWORD);

    const selling = await sellingCooperative(c, { name: "HTX Chè Tân Cương Fuzz", bank: true });
    owner = selling.owner;
    coopId = selling.coop.id;
    coopSlug = selling.coop.slug;
    const tea = await makeProduct(c, coopId, { nameVi: "Chè búp Tân Cương 500g", stock: 50_000_000 });
    const pricey = await makeProduct(c, coopId, {
      nameVi: "Trà shan tuyết cổ thụ hộp quà",
      priceVnd: 10_000_000_000,
      stock: 50_000_000,
    });
    const edited = await makeProduct(c, coopId, { nameVi: "Miến dong Na Rì 1kg" });
    for (const [key, p] of Object.entries({ tea, pricey, edited }))
      products[key as keyof typeof products] = { id: p.id, slug: p.slug };

    staff = await signedInStaff(c);
    const buyer = await makeUser(c, { fullName: "Trần Thị Mai" });
    const shopper = await makeUser(c, { fullName: "Đỗ Văn Hùng" });
    const login = await makeUser(c, { fullName: "Lý Thị Thu" });
    const ob = await makeUser(c, { fullName: "Nông Văn Páo" });
    Object.assign(emails, {
      buyer: buyer.email,
      shopper: shopper.email,
      owner: owner.email,
      staff: staff.email,
      login: login.email,
      orderBuyer: ob.email,
    });
    people.buyer = await signIn(buyer.email);
    people.shopper = await signIn(shopper.email);
    people.owner = await signIn(owner.email);
    people.staff = await signIn(staff.email);
    people.orderBuyer = await signIn(ob.email);
    orderBuyer = (await c.services.accounts.getCurrentUser({ email: ob.email }))!;

    const open = await openFair(c, staff, { rows: 2, columns: 10, form: { maxBoothsPerCooperative: "20" } });
    Object.assign(fair, { id: open.id, slug: open.slug, booths: open.booths.map((b) => b.id) });
    const edit = await c.services.fairs.createFair(staff, fairForm({ nameVi: "Hội chợ sửa thử" }));
    const hall = await c.services.fairs.addHall(staff, {
      fairId: edit.id,
      form: {
        name: "Nhà B",
        widthM: "60",
        depthM: "30",
      },
    });
    await c.services.fairs.generateBoothGrid(staff, {
      fairId: edit.id,
      form: gridForm(hall.id, { rows: "1", columns: "3" }),
    });
    const plan = await c.services.fairs.getFairForStaff(staff, { fairId: edit.id, locale: "vi" });
    Object.assign(fair, { editId: edit.id, boothId: plan.halls[0]!.booths[0]!.id });
  }, 180_000);

  afterAll(async () => {
    log.release();
    await server?.close();
  });

  /**
   * Run a property; afterwards no invariant may be broken by more rows than before it (what an earlier property
   * broke is that property's failure, not this one's).
   */
  async function property(work: () => Promise<void>) {
    const db = server.container.db;
    const before = await invariantCounts(db);
    let failure: Error | null = null;
    try {
      await work();
    } catch (error) {
      failure = error as Error;
    }
    const worse = newlyBroken(before, await invariantCounts(db));
    if (failure && worse.length)
      failure.message += `\n\nand afterwards the database no longer keeps:\n  ${worse.join("\n  ")}`;
    if (failure) throw failure;
    expect(worse, "invariants this property broke").toEqual([]);
  }

  // ───────────────────────────── forms ─────────────────────────────

  interface FormCase<Ctx> {
    name: string;
    seed: number;
    runs?: number;
    /** Who posts (a fresh guest when absent); `pick` is a number the input drew (guest or signed in…). */
    as?: (pick: number) => Visitor;
    /** What this run acts on (an order to ship, a held booth), made through the use cases. */
    prepare?: (pick: number) => Promise<Ctx>;
    path: (ctx: Ctx) => string;
    /** A valid submission; departures are made from it. */
    base: (ctx: Ctx) => Pair[];
    /** The fields departures touch (a name twice is touched twice as often). */
    fields: readonly string[];
    /** Control fields: what a 400 echoes is only checked when these arrive as in the base. */
    fixed?: readonly string[];
    echo?: readonly string[];
    secrets?: readonly string[];
    /** Tables (or "stock") a refused submission must leave as they were. */
    watch?: readonly string[];
    /** The rows the form edits, read before and after: a refused submission must not change them. */
    rows?: (ctx: Ctx) => Promise<Rows>;
    /** Tables the form writes, whose text must fit its columns (the watched tables when absent). */
    tables?: readonly string[];
    /** Further checks on an accepted submission (it stored what was submitted). */
    accepted?: (answer: Answer, pairs: Pair[], ctx: Ctx) => Promise<Problem[]>;
    cleanup?: (ctx: Ctx) => Promise<void>;
    /** Values for `set` departures, when the field calls for its own (redirect targets). */
    value?: fc.Arbitrary<string>;
    /**
     * A table one submission adds at most one row to, however often it is sent: on odd picks the form is sent
     * twice at once (a double click, a resent form), and both answers must agree.
     */
    once?: string;
  }

  const formInput = (fields: readonly string[], control?: readonly string[], value?: fc.Arbitrary<string>) =>
    fc.record({
      ops: formOps(fields, { value, control }),
      lang: fc.constantFrom("vi", "en"),
      pick: fc.nat({ max: 5 }),
    });

  async function fuzzForm<Ctx>(form: FormCase<Ctx>) {
    const db = server.container.db;
    await property(() =>
      fuzz(
        form.name,
        formInput(form.fields, form.fixed, form.value),
        async ({ ops, lang, pick }) => {
          const ctx = (await form.prepare?.(pick)) as Ctx;
          try {
            const base = form.base(ctx);
            const body = formOf(base, ops);
            const who = form.as?.(pick) ?? visitor(lang);
            const watched = [...(form.watch ?? []), ...(form.once ? [form.once] : [])];
            const before = await snapshot(db, watched);
            const rowsBefore = await form.rows?.(ctx);
            const tables = form.tables ?? (form.watch ?? []).filter((t) => t !== "stock");
            const overlongBefore = await overlongText(db, tables);
            const send = () => who.post(form.path(ctx), body, { "accept-language": lang });
            const twice = form.once !== undefined && pick % 2 === 1;
            const answers = twice ? await Promise.all([send(), send()]) : [await send()];
            const answer = answers[0]!;
            const problems = answers.flatMap((a) =>
              problemsOf(
                a,
                {
                  pairs: body.pairs,
                  echo: form.echo,
                  secrets: form.secrets,
                  fixed: base.filter(([k]) => form.fixed?.includes(k)),
                },
                origin,
              ),
            );
            if (twice) {
              const after = await snapshot(db, [form.once!]);
              const made = after[form.once!]! - before[form.once!]!;
              if (made > 1) problems.push({ kind: `one form sent twice made ${made} ${form.once}` });
              const places = new Set(answers.filter((a) => a.status < 400).map((a) => a.location));
              if (places.size > 1)
                problems.push({
                  kind: "one form sent twice went to two places",
                  detail: [...places].join(" "),
                });
            }
            if (answers.every((a) => a.status >= 400)) {
              const wrote = changes(before, await snapshot(db, watched));
              if (wrote.length)
                problems.push({
                  kind: `refused (${answer.status}) but wrote rows`,
                  detail: wrote.join(", "),
                });
              if (rowsBefore && JSON.stringify(await form.rows!(ctx)) !== JSON.stringify(rowsBefore))
                problems.push({ kind: `refused (${answer.status}) but changed the record` });
            } else {
              problems.push(...overlongProblems(overlongBefore, await overlongText(db, tables)));
              if (answer.status < 400 && !twice && form.accepted)
                problems.push(...(await form.accepted(answer, body.pairs, ctx)));
            }
            return problems.map((p) => ({ ...p, where: `POST ${form.name}` }));
          } finally {
            await form.cleanup?.(ctx);
          }
        },
        { seed: form.seed, numRuns: form.runs ?? 40 },
      ),
    );
  }

  /** What a certifications or tags field stores: split on , and ;, trimmed, lower-cased, once each. */
  const listOf = (values: string[], lower: (s: string) => string) =>
    [
      ...new Set(
        values
          .map((v) => v.replace(DROPPED_CONTROLS, ""))
          .flatMap((v) => v.split(/[;,]+/))
          .map((s) => lower(s.trim()))
          .filter(Boolean),
      ),
    ].sort();

  async function storedAsSubmitted(productId: number, pairs: Pair[]): Promise<Problem[]> {
    const { ProductCertification, Product } = server.container.db.models;
    const certs = (await ProductCertification.findAll({ where: { productId } }))
      .map((r) => r.certification)
      .sort();
    const want = listOf(valuesIn(pairs, "certifications"), (s) => s.toLowerCase());
    const problems: Problem[] = [];
    if (JSON.stringify(certs) !== JSON.stringify(want))
      problems.push({
        kind: "stored certifications differ from the submitted ones",
        detail: `${JSON.stringify(want)} → ${JSON.stringify(certs)}`,
      });
    const product = await Product.findByPk(productId);
    const tags = (JSON.parse(product?.tags ?? "[]") as string[]).sort();
    const wantTags = listOf(valuesIn(pairs, "tags"), (s) => s.toLocaleLowerCase("vi"));
    if (JSON.stringify(tags) !== JSON.stringify(wantTags))
      problems.push({
        kind: "stored tags differ from the submitted ones",
        detail: `${brief(wantTags)} → ${brief(tags)}`,
      });
    return problems;
  }

  it("captures the server's log (the reports below quote it)", async () => {
    const mark = log.mark();
    const res = await visitor().get("/khong-co-trang-nay");
    expect(res.status).toBe(404);
    expect(
      log.since(mark).some((l) => (l.res as { statusCode?: number } | undefined)?.statusCode === 404),
    ).toBe(true);
  });

  const ACCOUNT = ["fullName", "email", "phone", "password", "passwordConfirm"] as const;
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
      fuzzForm({
        name: "/register (buyer)",
        seed: 901,
        path: () => "/register",
        base: () => [
          ["accountType", "buyer"],
          ["fullName", "Vũ Thị Mai"],
          ["email", `mai-${next()}@example.vn`],
          ["phone", "0912 345 678"],
          ["password", "mat-khau-an-toan"],
          ["passwordConfirm", "mat-khau-an-toan"],
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
      fuzzForm({
        name: "/register (business buyer)",
        seed: 902,
        path: () => "/register",
        base: () => [
          ["accountType", "buyer"],
          ["fullName", "Hoàng Văn Nam"],
          ["email", `nam-${next()}@example.vn`],
          ["phone", ""],
          ["password", "mat-khau-an-toan"],
          ["passwordConfirm", "mat-khau-an-toan"],
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

  const PROFILE_TEXT = [
    "cooperativeName",
    "address",
    "foundedYear",
    "memberCount",
    "descriptionVi",
    "descriptionEn",
    "representative",
    "cooperativePhone",
    "cooperativeEmail",
    "website",
  ];
  const PROFILE = [...PROFILE_TEXT, "kind", "provinceCode", "districtCode", "sectors"];
  const asPairs = (form: Record<string, string | string[]>): Pair[] =>
    Object.entries(form).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x): Pair => [k, x]));

  it(
    "register as a cooperative",
    () =>
      fuzzForm({
        name: "/register (cooperative)",
        seed: 903,
        path: () => "/register",
        base: () =>
          asPairs({ accountType: "cooperative", ...cooperativeForm({ email: `htx-${next()}@example.vn` }) }),
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
      fuzzForm({
        name: "/login",
        seed: 904,
        path: () => "/login",
        base: () => [
          ["email", emails.login],
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
      fuzzForm({
        name: "/language",
        seed: 905,
        path: () => "/language",
        base: () => [
          ["lng", "en"],
          ["redirectTo", `/cooperatives/${coopSlug}`],
        ],
        fields: ["lng", "redirectTo", "redirectTo"],
        value: redirectValue,
      }),
    PROPERTY_MS,
  );

  const userRow = async (email: string) => {
    const u = await server.container.db.models.User.findOne({ where: { email } });
    const org = u?.organisationId
      ? await server.container.db.models.Organisation.findByPk(u.organisationId)
      : null;
    return { user: u?.toJSON(), org: org?.toJSON() ?? null } as Rows;
  };

  it(
    "edit the account: profile",
    () =>
      fuzzForm({
        name: "/account (profile)",
        seed: 906,
        as: () => people.buyer,
        path: () => "/account",
        base: () => [
          ["intent", "profile"],
          ["fullName", "Trần Thị Mai"],
          ["phone", "0987 654 321"],
        ],
        fields: ["intent", "fullName", "phone"],
        fixed: ["intent"],
        echo: ["fullName", "phone"],
        rows: () => userRow(emails.buyer),
        tables: ["users", "organisations"],
      }),
    PROPERTY_MS,
  );

  it(
    "edit the account: organisation",
    () =>
      fuzzForm({
        name: "/account (organisation)",
        seed: 907,
        as: () => people.buyer,
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
        rows: () => userRow(emails.buyer),
        tables: ["users", "organisations"],
      }),
    PROPERTY_MS,
  );

  it(
    "edit the account: password",
    () =>
      fuzzForm({
        name: "/account (password)",
        seed: 908,
        runs: 20,
        as: () => people.shopper,
        // Whatever the last run changed, start from the known password (its session is kept by the change).
        prepare: async () => {
          await server.container.db.models.User.update(
            { passwordHash },
            { where: { email: emails.shopper } },
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

  const PRODUCT_TEXT = [
    "sku",
    "nameVi",
    "nameEn",
    "descriptionVi",
    "descriptionEn",
    "tags",
    "priceVnd",
    "minOrderQty",
    "stock",
    "shelfLifeDays",
  ];
  const PRODUCT = [
    ...PRODUCT_TEXT,
    "category",
    "unit",
    "status",
    "originProvinceCode",
    "originDistrictCode",
    "harvestMonths",
    "certifications",
    "certifications",
    "tags",
    "priceVnd",
  ];
  const productForm = (sku: string): Pair[] => [
    ["sku", sku],
    ["nameVi", "Trà móc câu Tân Cương hộp 200g"],
    ["nameEn", "Tân Cương hook tea 200 g"],
    ["descriptionVi", "Chè búp non sao thủ công, nước xanh, vị chát dịu, hậu ngọt."],
    ["descriptionEn", ""],
    ["category", "tea"],
    ["unit", "hop"],
    ["priceVnd", "180.000"],
    ["minOrderQty", "1"],
    ["stock", "120"],
    ["status", "draft"],
    ["originProvinceCode", "19"],
    ["originDistrictCode", "164"],
    ["harvestMonths", "3"],
    ["harvestMonths", "4"],
    ["shelfLifeDays", "365"],
    ["certifications", "vietgap"],
    ["certifications", "organic"],
    ["tags", "chè xanh, quà biếu"],
  ];
  const productRows = async (id: number) => {
    const { Product, ProductCertification } = server.container.db.models;
    const p = await Product.findByPk(id);
    const certs = await ProductCertification.findAll({
      where: { productId: id },
      order: [["certification", "ASC"]],
    });
    return { product: { ...p?.toJSON(), updatedAt: null }, certs: certs.map((c) => c.certification) } as Rows;
  };

  it(
    "create a product (certifications, tags, prices, quantities)",
    () =>
      fuzzForm({
        name: "/cooperative/products/new",
        seed: 909,
        runs: 40,
        as: () => people.owner,
        path: () => "/cooperative/products/new",
        base: () => productForm(`FZ-${next()}`),
        fields: PRODUCT,
        echo: PRODUCT_TEXT,
        watch: ["products", "product_certifications", "jobs"],
        accepted: async (answer, pairs) => {
          const id = Number(/^\/cooperative\/products\/(\d+)\?created=1$/.exec(answer.location ?? "")?.[1]);
          if (!id)
            return [{ kind: "accepted without naming the new product", detail: answer.location ?? "" }];
          return storedAsSubmitted(id, pairs);
        },
      }),
    PROPERTY_MS,
  );

  it(
    "edit a product",
    () =>
      fuzzForm({
        name: "/cooperative/products/:id (update)",
        seed: 910,
        runs: 40,
        as: () => people.owner,
        path: () => `/cooperative/products/${products.edited.id}`,
        base: () => [["intent", "update"], ...productForm("MD-NARI-1KG")],
        fields: ["intent", ...PRODUCT],
        fixed: ["intent"],
        echo: PRODUCT_TEXT,
        watch: ["products", "product_certifications"],
        rows: () => productRows(products.edited.id),
        tables: ["products", "product_certifications"],
        accepted: (_answer, pairs) => storedAsSubmitted(products.edited.id, pairs),
      }),
    PROPERTY_MS,
  );

  it(
    "add to the cart (guest and signed in)",
    () =>
      fuzzForm({
        name: "/cart (add)",
        seed: 911,
        as: (pick) => (pick % 2 ? visitor() : people.buyer),
        // The tea, or the dearest product there may be (quantities then test the money bounds).
        prepare: async (pick) => (pick < 3 ? products.tea : products.pricey),
        path: () => "/cart",
        base: (product) => [
          ["intent", "add"],
          ["productId", String(product.id)],
          ["slug", product.slug],
          ["quantity", "1"],
        ],
        fields: ["intent", "productId", "slug", "quantity", "quantity", "stay"],
        watch: ["carts", "cart_items"],
      }),
    PROPERTY_MS,
  );

  it(
    "change a cart line",
    () =>
      fuzzForm({
        name: "/cart (update)",
        seed: 912,
        as: () => people.buyer,
        // One of the dearest product in the cart, whatever the last run left there.
        prepare: async () => {
          const { orders } = server.container.services;
          const userId = (await server.container.services.accounts.getCurrentUser({ email: emails.buyer }))!
            .id;
          await orders.removeFromCart({ owner: { userId }, productId: products.pricey.id });
          await orders.addToCart({
            owner: { userId },
            form: { productId: String(products.pricey.id), quantity: "1" },
          });
        },
        path: () => "/cart",
        base: () => [
          ["intent", "update"],
          ["productId", String(products.pricey.id)],
          ["quantity", "2"],
        ],
        fields: ["intent", "productId", "quantity", "quantity"],
        watch: ["carts", "cart_items"],
      }),
    PROPERTY_MS,
  );

  it(
    "check out",
    () =>
      fuzzForm({
        name: "/checkout",
        seed: 913,
        as: () => people.orderBuyer,
        // A cart of tea; on some picks with ten of the dearest product as well, a total past the checkout bound.
        prepare: async (pick) => {
          const { orders } = server.container.services;
          const owner = { userId: orderBuyer.id };
          await orders.removeFromCart({ owner, productId: products.pricey.id });
          await orders.addToCart({ owner, form: { productId: String(products.tea.id), quantity: "1" } });
          if (pick >= 4)
            await orders.addToCart({
              owner,
              form: { productId: String(products.pricey.id), quantity: "10" },
            });
        },
        path: () => "/checkout?index",
        base: () => [
          ["submissionKey", randomBytes(16).toString("base64url")],
          ["contactName", "Nông Văn Páo"],
          ["phone", "0987 654 321"],
          ["email", "pao@example.vn"],
          ["provinceCode", "19"],
          ["districtCode", "164"],
          ["address", "Số 12 đường Quang Trung"],
          ["note", "Gọi trước khi giao"],
          ["paymentMethod", "cod"],
        ],
        fields: [
          "submissionKey",
          "contactName",
          "phone",
          "email",
          "provinceCode",
          "districtCode",
          "address",
          "note",
          "paymentMethod",
        ],
        echo: ["contactName", "phone", "email", "address", "note"],
        watch: ["checkouts", "orders", "order_items", "stock"],
        once: "checkouts",
      }),
    PROPERTY_MS,
  );

  const coopRows = async () => {
    const { Cooperative, CooperativeSector } = server.container.db.models;
    const c = await Cooperative.findByPk(coopId);
    const sectors = await CooperativeSector.findAll({
      where: { cooperativeId: coopId },
      order: [["sector", "ASC"]],
    });
    return { coop: { ...c?.toJSON(), updatedAt: null }, sectors: sectors.map((s) => s.sector) } as Rows;
  };

  it(
    "edit the cooperative's profile",
    () =>
      fuzzForm({
        name: "/cooperative (profile)",
        seed: 914,
        as: () => people.owner,
        path: () => "/cooperative",
        base: () => {
          const form = cooperativeForm();
          return asPairs(Object.fromEntries(PROFILE.map((k) => [k, form[k]!])));
        },
        fields: PROFILE,
        echo: PROFILE_TEXT,
        // The name is stored folded too (search): text that grows when decomposed gets its share of the runs.
        value: fc.oneof(hostileText, numberText, growingText),
        rows: coopRows,
        tables: ["cooperatives", "cooperative_sectors"],
      }),
    PROPERTY_MS,
  );

  it(
    "set the cooperative's bank account",
    () =>
      fuzzForm({
        name: "/cooperative (bank)",
        seed: 915,
        as: () => people.owner,
        path: () => "/cooperative",
        base: () => [
          ["intent", "bank"],
          ["bankBin", "970436"],
          ["bankAccountNo", "0011 0041 23456"],
          ["bankAccountName", "HTX Che Tan Cuong"],
        ],
        fields: ["intent", "bankBin", "bankAccountNo", "bankAccountName"],
        // The name is stored upper-cased: text that grows when it is (ß → SS) gets its share of the runs.
        value: fc.oneof(hostileText, numberText, growingText),
        fixed: ["intent"],
        echo: ["bankAccountNo", "bankAccountName"],
        rows: coopRows,
        tables: ["cooperatives", "cooperative_sectors"],
      }),
    PROPERTY_MS,
  );

  /** Give back every booth the cooperative holds at the open fair, so the next run has room. */
  async function releaseBooths() {
    const { BoothBooking } = server.container.db.models;
    const active = await BoothBooking.findAll({ where: { fairId: fair.id, cooperativeId: coopId } });
    for (const b of active.filter((x) => x.activeBoothId !== null))
      await server.container.services.fairs.cancelBooking(owner, { publicId: b.publicId });
  }
  const freeBooth = async () => {
    const taken = new Set(
      (await server.container.db.models.BoothBooking.findAll({ where: { fairId: fair.id } }))
        .map((b) => b.activeBoothId)
        .filter(Boolean),
    );
    return fair.booths.find((id) => !taken.has(id))!;
  };

  it(
    "hold a booth on the fair page",
    () =>
      fuzzForm({
        name: "/cooperative/fairs/:slug (hold)",
        seed: 916,
        as: () => people.owner,
        prepare: freeBooth,
        path: () => `/cooperative/fairs/${fair.slug}`,
        base: (booth) => [
          ["intent", "hold"],
          ["boothId", String(booth)],
        ],
        fields: ["intent", "boothId", "boothId", "fairId"],
        watch: ["booth_bookings", "booking_events"],
        cleanup: releaseBooths,
      }),
    PROPERTY_MS,
  );

  it(
    "confirm a held booth",
    () =>
      fuzzForm({
        name: "/cooperative/bookings/:publicId (confirm)",
        seed: 917,
        as: () => people.owner,
        prepare: async () =>
          (await server.container.services.fairs.holdBooth(owner, { boothId: await freeBooth() })).publicId,
        path: (publicId) => `/cooperative/bookings/${publicId}`,
        base: () => [
          ["intent", "confirm"],
          ["productIds", String(products.tea.id)],
          ["productIds", String(products.pricey.id)],
        ],
        fields: ["intent", "productIds", "productIds", "paymentMethod"],
        rows: async (publicId) => {
          const { BoothBooking, BookingProduct } = server.container.db.models;
          const b = await BoothBooking.findOne({ where: { publicId } });
          const shown = await BookingProduct.findAll({
            where: { bookingId: b!.id },
            order: [["productId", "ASC"]],
          });
          return { booking: b?.toJSON(), products: shown.map((p) => p.productId) } as Rows;
        },
        tables: ["booth_bookings", "booking_products", "booking_events"],
        cleanup: releaseBooths,
      }),
    PROPERTY_MS,
  );

  const FAIR_TEXT = [
    "nameVi",
    "nameEn",
    "descriptionVi",
    "descriptionEn",
    "organiser",
    "venue",
    "startsOn",
    "endsOn",
    "bookingOpensAt",
    "bookingClosesAt",
    "maxBoothsPerCooperative",
    "holdMinutes",
    "transferDays",
    "offerHours",
    "bankAccountNo",
    "bankAccountName",
  ];
  const FAIR = [...FAIR_TEXT, "provinceCode", "bankBin", "requiresApproval"];

  it(
    "create a fair (staff)",
    () =>
      fuzzForm({
        name: "/staff/fairs/new",
        seed: 918,
        as: () => people.staff,
        path: () => "/staff/fairs/new",
        base: () => asPairs(fairForm({ nameVi: `Hội chợ OCOP ${next()}` })),
        fields: FAIR,
        echo: FAIR_TEXT,
        watch: ["fairs", "fair_halls", "booths"],
      }),
    PROPERTY_MS,
  );

  const fairRow = async () => {
    const f = await server.container.db.models.Fair.findByPk(fair.editId);
    return { ...f?.toJSON(), updatedAt: null } as Rows;
  };

  it(
    "edit a fair (staff)",
    () =>
      fuzzForm({
        name: "/staff/fairs/:id (details)",
        seed: 919,
        as: () => people.staff,
        path: () => `/staff/fairs/${fair.editId}/details`,
        base: () => [["intent", "details"], ...asPairs(fairForm({ nameVi: "Hội chợ sửa thử" }))],
        fields: ["intent", ...FAIR],
        fixed: ["intent"],
        echo: FAIR_TEXT,
        rows: fairRow,
        tables: ["fairs"],
      }),
    PROPERTY_MS,
  );

  it(
    "add a hall to a fair (staff)",
    () =>
      fuzzForm({
        name: "/staff/fairs/:id (hall)",
        seed: 920,
        as: () => people.staff,
        path: () => `/staff/fairs/${fair.editId}?index`,
        base: () => [
          ["intent", "hall"],
          ["name", "Nhà C"],
          ["widthM", "40"],
          ["depthM", "20"],
        ],
        fields: ["intent", "name", "widthM", "depthM", "depthM"],
        fixed: ["intent"],
        echo: ["name", "widthM", "depthM"],
        watch: ["fair_halls", "booths"],
      }),
    PROPERTY_MS,
  );

  it(
    "generate a grid of booths (staff)",
    () =>
      fuzzForm({
        name: "/staff/fairs/:id (grid)",
        seed: 928,
        runs: 25,
        as: () => people.staff,
        // A new hall each run, so an accepted grid does not stand in the way of the next one.
        prepare: async () => {
          const hall = { name: "Nhà lưới", widthM: "200", depthM: "200" };
          return (await server.container.services.fairs.addHall(staff, { fairId: fair.editId, form: hall }))
            .id;
        },
        path: () => `/staff/fairs/${fair.editId}?index`,
        base: (hallId) => [["intent", "grid"], ...asPairs(gridForm(hallId, { rows: "1", columns: "2" }))],
        fields: [
          "intent",
          "hallId",
          "rows",
          "columns",
          "firstRow",
          "firstNumber",
          "widthM",
          "depthM",
          "aisleM",
          "originXM",
          "originYM",
          "type",
          "cornerEnds",
          "priceVnd",
          "cornerPriceVnd",
        ],
        fixed: ["intent"],
        watch: ["booths"],
      }),
    PROPERTY_MS,
  );

  it(
    "edit a booth (staff)",
    () =>
      fuzzForm({
        name: "/staff/fairs/:id (booth)",
        seed: 929,
        as: () => people.staff,
        // The booth's panel is open on the plan: that is the page its form posts back to.
        path: () => `/staff/fairs/${fair.editId}?index&booth=${fair.boothId}`,
        base: () => [
          ["intent", "booth"],
          ["boothId", String(fair.boothId)],
          ["code", "A1"],
          ["type", "corner"],
          ["xM", "2"],
          ["yM", "2"],
          ["widthM", "3"],
          ["depthM", "3"],
          ["priceVnd", "1500000"],
          ["blockedReason", ""],
        ],
        fields: [
          "intent",
          "boothId",
          "code",
          "type",
          "xM",
          "yM",
          "widthM",
          "depthM",
          "priceVnd",
          "blockedReason",
        ],
        fixed: ["intent", "boothId"],
        watch: ["booths"],
        rows: async () => {
          const b = await server.container.db.models.Booth.findByPk(fair.boothId);
          return { ...b?.toJSON(), updatedAt: null } as Rows;
        },
      }),
    PROPERTY_MS,
  );

  it(
    "review a cooperative (staff)",
    () =>
      fuzzForm({
        name: "/staff/cooperatives (review)",
        seed: 921,
        as: () => people.staff,
        prepare: async () => {
          const u = await makeUser(server.container, { role: "cooperative" });
          return (await makeCooperative(server.container, { status: "pending", ownerId: u.id })).id;
        },
        path: () => "/staff/cooperatives",
        base: (id) => [
          ["cooperativeId", String(id)],
          ["decision", "reject"],
          ["reason", "Hồ sơ thiếu giấy chứng nhận đăng ký hợp tác xã."],
        ],
        fields: ["cooperativeId", "decision", "reason", "reason"],
        fixed: ["cooperativeId", "decision"],
        echo: ["reason"],
        rows: async (id) => (await server.container.db.models.Cooperative.findByPk(id))!.toJSON() as Rows,
        tables: ["cooperatives", "notifications"],
      }),
    PROPERTY_MS,
  );

  /** An order for the tea, placed (and confirmed, for shipping) through the use cases. */
  const placeOrder = async (confirmed: boolean) => {
    const c = server.container;
    await c.services.orders.addToCart({
      owner: { userId: orderBuyer.id },
      form: { productId: String(products.tea.id), quantity: "1" },
    });
    const { publicId } = await buy(c, orderBuyer, []);
    const checkout = await c.db.models.Checkout.findOne({ where: { publicId } });
    const order = (await c.db.models.Order.findOne({ where: { checkoutId: checkout!.id } }))!;
    if (confirmed) await c.services.orders.actOnOrder(owner, { code: order.code, action: "confirm" });
    return order.code;
  };
  const orderRows = async (code: string) => {
    const o = await server.container.db.models.Order.findOne({ where: { code } });
    return { ...o?.toJSON(), updatedAt: null } as Rows;
  };

  it(
    "ship an order with carrier and tracking number",
    () =>
      fuzzForm({
        name: "/cooperative/orders/:code (ship)",
        seed: 922,
        as: () => people.owner,
        prepare: () => placeOrder(true),
        path: (code) => `/cooperative/orders/${code}`,
        base: () => [
          ["intent", "ship"],
          ["carrier", "Giao Hàng Tiết Kiệm (GHTK)"],
          ["trackingNumber", "S22843.SG01.A7"],
        ],
        fields: ["intent", "carrier", "trackingNumber", "trackingNumber"],
        fixed: ["intent"],
        echo: ["carrier", "trackingNumber"],
        rows: orderRows,
        tables: ["orders", "order_events", "notifications"],
      }),
    PROPERTY_MS,
  );

  it(
    "cancel an order with a reason (cooperative)",
    () =>
      fuzzForm({
        name: "/cooperative/orders/:code (cancel)",
        seed: 923,
        as: () => people.owner,
        prepare: () => placeOrder(false),
        path: (code) => `/cooperative/orders/${code}`,
        base: () => [
          ["intent", "cancel"],
          ["reason", "Hết hàng trong kho, xin lỗi quý khách."],
        ],
        fields: ["intent", "reason", "reason"],
        fixed: ["intent"],
        echo: ["reason"],
        watch: ["stock", "order_events"],
        rows: orderRows,
        tables: ["orders", "order_events", "notifications"],
      }),
    PROPERTY_MS,
  );

  it(
    "cancel an order with a reason (buyer)",
    () =>
      fuzzForm({
        name: "/orders/:code (cancel)",
        seed: 924,
        as: () => people.orderBuyer,
        prepare: () => placeOrder(false),
        path: (code) => `/orders/${code}`,
        base: () => [
          ["intent", "cancel"],
          ["reason", "Tôi đặt nhầm số lượng."],
        ],
        fields: ["intent", "reason", "reason"],
        fixed: ["intent"],
        echo: ["reason"],
        watch: ["stock", "order_events"],
        rows: orderRows,
        tables: ["orders", "order_events", "notifications"],
      }),
    PROPERTY_MS,
  );

  // ───────────────────────────── CSV import ─────────────────────────────

  const CSV_HEADER = Object.keys(CSV_COLUMNS);
  const csvRow = (sku: string) => [
    sku,
    "Trà móc câu Tân Cương hộp 200g",
    "Tân Cương hook tea 200 g",
    "Chè búp non sao thủ công, nước xanh, vị chát dịu.",
    "",
    "tea",
    "hộp",
    "180000",
    "1",
    "120",
    "active",
    "Thái Nguyên",
    "164",
    "3;4;5",
    "365",
    "vietgap;geographical_indication",
    "chè xanh;quà biếu",
  ];
  const cellOp = fc.oneof(
    fc.record({ at: fc.nat({ max: CSV_HEADER.length - 1 }), value: fc.oneof(hostileText, numberText) }),
    fc.record({
      at: fc.constant(15),
      value: fc.constantFrom(
        "VietGAP; vietgap ;ORGANIC",
        ";;",
        "organic,organic",
        "GlobalGAP",
        "fairtrade",
        "",
      ),
    }),
  );
  const csvInput = fc.record({
    rows: fc.array(fc.array(cellOp, { maxLength: 3 }), { minLength: 1, maxLength: 3 }),
    shape: fc.constantFrom(
      "plain",
      "bom",
      "lf",
      "extra-cell",
      "missing-cell",
      "unclosed-quote",
      "junk-bytes",
    ),
    junk: fc.constantFrom(...RAW_JUNK),
    mode: fc.constantFrom("import", "check", "", "IMPORT"),
    filename: fc.constantFrom("san-pham.csv", "../../etc/passwd", "sản phẩm 🍵.csv", ""),
  });

  it(
    "import products from a CSV file",
    () =>
      property(async () => {
        const db = server.container.db;
        await fuzz(
          "/cooperative/products/import",
          csvInput,
          async ({ rows, shape, junk, mode, filename }) => {
            const cells = rows.map((ops) => {
              const row = csvRow(`CSV-${next()}`);
              for (const { at, value } of ops) row[at] = value;
              if (shape === "extra-cell") row.push("thừa");
              if (shape === "missing-cell") row.pop();
              return row;
            });
            let text = stringify([CSV_HEADER, ...cells], {
              record_delimiter: shape === "lf" ? "unix" : "windows",
            });
            if (shape === "bom") text = `\uFEFF${text}`;
            if (shape === "unclosed-quote") text = text.replace(/\r\n$/, ',"chưa đóng\r\n');
            let data = Buffer.from(text, "utf8");
            if (shape === "junk-bytes")
              data = Buffer.concat([
                data.subarray(0, data.length - 2),
                Buffer.from(junk, "latin1"),
                Buffer.from("\r\n"),
              ]);
            const body = multipartBody(
              [["mode", mode]],
              [{ name: "file", filename, type: "text/csv", data }],
            );
            const before = await snapshot(db, ["products", "product_certifications"]);
            const overlongBefore = await overlongText(db, ["products"]);
            const answer = await people.owner.post("/cooperative/products/import", body);
            const problems = problemsOf(answer, {}, origin);
            problems.push(...overlongProblems(overlongBefore, await overlongText(db, ["products"])));
            if (answer.status >= 400 || mode !== "import") {
              const wrote = changes(before, await snapshot(db, ["products", "product_certifications"]));
              if (wrote.length)
                problems.push({
                  kind: `${answer.status >= 400 ? "refused" : "dry run"} but wrote rows`,
                  detail: wrote.join(", "),
                });
            } else if (answer.status === 302 && ["plain", "bom", "lf"].includes(shape)) {
              for (const row of cells) {
                const p = await db.models.Product.findOne({
                  where: { cooperativeId: coopId, sku: row[0]!.trim() },
                });
                if (!p) {
                  problems.push({ kind: "imported row missing", detail: brief(row[0]) });
                  continue;
                }
                problems.push(
                  ...(await storedAsSubmitted(p.id, [
                    ["certifications", row[15]!],
                    ["tags", row[16]!],
                  ])),
                );
              }
            }
            return problems.map((p) => ({ ...p, where: "POST /cooperative/products/import" }));
          },
          { seed: 925, numRuns: 40 },
        );
      }),
    PROPERTY_MS,
  );

  it(
    "take form posts in other encodings, or none, without a 500",
    () =>
      property(async () => {
        const routes: Array<[string, () => Visitor, () => Pair[]]> = [
          [
            "/login",
            () => visitor(),
            () => [
              ["email", emails.login],
              ["password", PASSWORD],
            ],
          ],
          [
            "/register",
            () => visitor(),
            () => [
              ["accountType", "buyer"],
              ["fullName", "Vũ Thị Mai"],
              ["email", `x-${next()}@example.vn`],
              ["password", "mat-khau-an-toan"],
              ["passwordConfirm", "mat-khau-an-toan"],
            ],
          ],
          [
            "/language",
            () => visitor(),
            () => [
              ["lng", "en"],
              ["redirectTo", "/"],
            ],
          ],
          [
            "/cart",
            () => people.buyer,
            () => [
              ["intent", "add"],
              ["productId", String(products.tea.id)],
              ["quantity", "1"],
            ],
          ],
          [
            "/checkout?index",
            () => people.buyer,
            () => [
              ["contactName", "Trần Thị Mai"],
              ["phone", "0987654321"],
              ["email", "mai@example.vn"],
              ["provinceCode", "19"],
              ["districtCode", "164"],
              ["address", "Số 12 Quang Trung"],
              ["paymentMethod", "cod"],
            ],
          ],
          [
            "/account",
            () => people.buyer,
            () => [
              ["intent", "profile"],
              ["fullName", "Trần Thị Mai"],
            ],
          ],
          [
            "/cooperative",
            () => people.owner,
            () => [
              ["intent", "bank"],
              ["bankBin", "970436"],
              ["bankAccountNo", "001100412345"],
              ["bankAccountName", "HTX CHE"],
            ],
          ],
          ["/cooperative/products/new", () => people.owner, () => productForm(`ENC-${next()}`)],
          [
            `/cooperative/products/${products.edited.id}`,
            () => people.owner,
            () => [["intent", "update"], ...productForm("MD-NARI-1KG")],
          ],
          ["/cooperative/products/import", () => people.owner, () => [["mode", "check"]]],
          [
            `/cooperative/fairs/${fair.slug}`,
            () => people.owner,
            () => [
              ["intent", "join_waitlist"],
              ["fairId", String(fair.id)],
            ],
          ],
          ["/staff/fairs/new", () => people.staff, () => asPairs(fairForm())],
          [
            "/staff/cooperatives",
            () => people.staff,
            () => [
              ["cooperativeId", "1"],
              ["decision", "approve"],
            ],
          ],
          ["/logout", () => visitor(), () => []],
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
            return problemsOf(answer, {}, origin).map((p) => ({
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
    province: ["19", "06", "99"],
    ocop_min: ["3", "5", "6"],
    certification: ["vietgap", "organic"],
    price: ["lt50k", "50k-100k", "gte500k"],
    in_stock: ["1", "true", "0"],
    sort: ["relevance", "price_asc", "price_desc", "newest"],
    page: ["1", "2", "1000", "1001"],
    per_page: ["1", "24", "100", "101"],
    locale: ["vi", "en", "fr"],
    cooperative: [coopSlug, "khong-co"],
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
      property(async () => {
        await fuzz(
          "/api/v1/products",
          queryInput,
          async ({ params, junk, lang }) => {
            const answer = await visitor().get(`/api/v1/products?${queryOf(params, junk)}`, {
              "accept-language": lang,
            });
            const problems = problemsOf(answer, { api: true }, origin);
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
      property(async () => {
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
          ["guest", `/fairs/${fair.slug}?{qs}`],
          ["guest", `/products/${products.tea.slug}?{qs}`],
          ["guest", `/cooperatives/${coopSlug}?{qs}`],
          ["guest", "/login?{qs}"],
          ["guest", "/register?{qs}"],
          ["guest", "/cart?{qs}"],
          ["buyer", "/orders/{seg}"],
          ["buyer", "/orders?{qs}"],
          ["buyer", "/checkout/{seg}"],
          ["buyer", "/account?{qs}"],
          ["owner", "/cooperative/products/{seg}"],
          ["owner", "/cooperative/products?{qs}"],
          ["owner", `/cooperative/products/${products.tea.id}?{qs}`],
          ["owner", `/cooperative/products/${products.tea.id}/batches/{seg}/qr.svg`],
          ["owner", "/cooperative/orders/{seg}"],
          ["owner", "/cooperative/orders?{qs}"],
          ["owner", "/cooperative/orders.csv?{qs}"],
          ["owner", "/cooperative/fairs/{seg}"],
          ["owner", `/cooperative/fairs/${fair.slug}?{qs}`],
          ["owner", "/cooperative/bookings/{seg}"],
          ["owner", "/cooperative/products/import?{qs}"],
          ["owner", "/cooperative?{qs}"],
          ["staff", "/staff/fairs/{seg}"],
          ["staff", `/staff/fairs/${fair.id}?{qs}`],
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
            const v = who === "guest" ? visitor(lang) : people[who];
            const answer = await v.get(target, { "accept-language": lang });
            const problems = problemsOf(
              answer,
              { api: template.startsWith("/api/"), sent: percentDecoded(target) },
              origin,
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
      const answer = await visitor().get(`/products?q=${encodeURIComponent(q)}`);
      for (const p of problemsOf(answer, { sent: q }, origin).filter((x) => x.incidental))
        scanned.push(`GET /products?q=<${q.length} chars> → ${p.kind}: ${p.detail}`);
    }
    expect([...incidentalProblems(), ...scanned.slice(0, 3)]).toEqual([]);
  });

  // ───────────────────────────── the invariants themselves ─────────────────────────────

  it("notices half-written rows (each invariant fails on rows written by hand, then rolled back)", async () => {
    const { db } = server.container;
    const { User, Checkout, Product, Order, OrderItem, BoothBooking, Cooperative } = db.models;
    // An order and a booking to break: the fixtures' own, made through the use cases.
    await placeOrder(false);
    const held = await server.container.services.fairs.holdBooth(owner, { boothId: await freeBooth() });
    // What earlier properties broke stays out of it: only rows broken here count.
    const before = await invariantCounts(db);
    const t = await db.sequelize.transaction();
    try {
      await User.create(
        {
          email: `half-${next()}@example.vn`,
          passwordHash,
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
      const buyer = await User.findOne({ where: { email: emails.orderBuyer }, transaction: t });
      await Checkout.create(
        {
          publicId: randomBytes(12).toString("base64url"),
          buyerId: buyer!.id,
          contactName: "Nửa chừng",
          phone: "0987654321",
          email: "half@example.vn",
          provinceCode: "19",
          districtCode: "164",
          address: "Số 1",
          note: null,
          paymentMethod: "cod",
          totalVnd: 0,
          status: "placed",
          expiresAt: null,
        },
        { transaction: t },
      );
      await Product.update({ stock: -1 }, { where: { id: products.edited.id }, transaction: t });
      const order = await Order.findOne({ order: [["id", "DESC"]], transaction: t });
      await OrderItem.destroy({ where: { orderId: order!.id }, transaction: t });
      await BoothBooking.update(
        { status: "cancelled" },
        { where: { publicId: held.publicId }, transaction: t },
      );
      // MySQL refuses text longer than its column outright; SQLite keeps it, and the check has to see it.
      if (dialect === "sqlite") {
        const other = await Cooperative.findOne({ where: { bankAccountName: null }, transaction: t });
        await other!.update({ bankAccountName: "S".repeat(200) }, { transaction: t });
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
      await releaseBooths();
    }
    expect(newlyBroken(before, await invariantCounts(db))).toEqual([]);
  });
});
