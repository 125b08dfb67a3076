/**
 * The site the fuzz suites post to (tests/integration/fuzz-*.test.ts): the real server over a fresh database,
 * with a cooperative and its products, signed-in visitors, an open fair and one to edit; and the way a form is
 * fuzzed there. Every suite makes its own, so each can run alone.
 */
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { CurrentUser } from "../../../server/accounts/current-user";
import { hashPassword } from "../../../server/accounts/passwords";
import type { Dialect, TestContainerOptions } from "../db";
import { makeProduct, makeUser, PASSWORD } from "../factories";
import { fairForm, gridForm, openFair } from "../fairs";
import { buy, sellingCooperative, signedInStaff } from "../orders";
import { startTestServer, type TestServer } from "../server";
import { problemsOf, type Problem } from "./answers";
import { formOf } from "./bodies";
import { formOps, type Pair } from "./inputs";
import {
  changes,
  invariantCounts,
  newlyBroken,
  overlongProblems,
  overlongText,
  snapshot,
} from "./invariants";
import { fuzz, incidentalProblems, resetIncidentalProblems } from "./runner";
import { ServerLog } from "./server-log";
import { Visitor, type Answer } from "./visitor";

export type Rows = Record<string, unknown>;

/** How long one property may take. */
export const PROPERTY_MS = 300_000;

type Person = "buyer" | "shopper" | "owner" | "staff" | "orderBuyer";

export interface FormCase<Ctx> {
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

export class FuzzSite {
  readonly log = new ServerLog();
  server!: TestServer;
  origin = "";
  private seq = 0;

  // Who is signed in, and what they act on.
  readonly people = {} as Record<Person, Visitor>;
  readonly emails = {} as Record<Person | "login", string>;
  owner!: CurrentUser;
  staff!: CurrentUser;
  orderBuyer!: CurrentUser;
  coopId = 0;
  coopSlug = "";
  readonly products = {
    tea: { id: 0, slug: "" },
    pricey: { id: 0, slug: "" },
    edited: { id: 0, slug: "" },
  };
  readonly fair = { id: 0, slug: "", booths: [] as number[], editId: 0, boothId: 0 };
  passwordHash = "";

  /** A name no earlier run has used. */
  readonly next = () => `${Date.now().toString(36)}${(this.seq += 1)}`;

  readonly visitor = (lang = "vi") => new Visitor(this.origin, this.log, { "accept-language": lang });

  private async signIn(email: string) {
    const v = this.visitor();
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

  async start(dialect: Dialect) {
    resetIncidentalProblems();
    this.log.captureConsole();
    // The capturing logger reaches the container through the options object, which createTestContainer spreads
    // over its own; fuzz-accounts.test.ts checks that the capture works.
    const options: TestContainerOptions & { logger: ServerLog["logger"] } = { logger: this.log.logger };
    this.server = await startTestServer(
      dialect,
      { LOGIN_MAX_FAILURES_PER_ACCOUNT: "1000000", LOGIN_MAX_FAILURES_PER_IP: "1000000" },
      options,
    );
    this.origin = this.server.url;
    const c = this.server.container;
    this.passwordHash = await hashPassword(PASSWORD);

    const selling = await sellingCooperative(c, { name: "HTX Chè Tân Cương Fuzz", bank: true });
    this.owner = selling.owner;
    this.coopId = selling.coop.id;
    this.coopSlug = selling.coop.slug;
    const tea = await makeProduct(c, this.coopId, { nameVi: "Chè búp Tân Cương 500g", stock: 50_000_000 });
    const pricey = await makeProduct(c, this.coopId, {
      nameVi: "Trà shan tuyết cổ thụ hộp quà",
      priceVnd: 10_000_000_000,
      stock: 50_000_000,
    });
    const edited = await makeProduct(c, this.coopId, { nameVi: "Miến dong Na Rì 1kg" });
    for (const [key, p] of Object.entries({ tea, pricey, edited }))
      this.products[key as keyof FuzzSite["products"]] = { id: p.id, slug: p.slug };

    this.staff = await signedInStaff(c);
    const buyer = await makeUser(c, { fullName: "Trần Thị Mai" });
    const shopper = await makeUser(c, { fullName: "Đỗ Văn Hùng" });
    const login = await makeUser(c, { fullName: "Lý Thị Thu" });
    const ob = await makeUser(c, { fullName: "Nông Văn Páo" });
    Object.assign(this.emails, {
      buyer: buyer.email,
      shopper: shopper.email,
      owner: this.owner.email,
      staff: this.staff.email,
      login: login.email,
      orderBuyer: ob.email,
    });
    this.people.buyer = await this.signIn(buyer.email);
    this.people.shopper = await this.signIn(shopper.email);
    this.people.owner = await this.signIn(this.owner.email);
    this.people.staff = await this.signIn(this.staff.email);
    this.people.orderBuyer = await this.signIn(ob.email);
    this.orderBuyer = (await c.services.accounts.getCurrentUser({ email: ob.email }))!;

    const open = await openFair(c, this.staff, {
      rows: 2,
      columns: 10,
      form: { maxBoothsPerCooperative: "20" },
    });
    Object.assign(this.fair, { id: open.id, slug: open.slug, booths: open.booths.map((b) => b.id) });
    const edit = await c.services.fairs.createFair(this.staff, fairForm({ nameVi: "Hội chợ sửa thử" }));
    const hall = await c.services.fairs.addHall(this.staff, {
      fairId: edit.id,
      form: {
        name: "Nhà B",
        widthM: "60",
        depthM: "30",
      },
    });
    await c.services.fairs.generateBoothGrid(this.staff, {
      fairId: edit.id,
      form: gridForm(hall.id, { rows: "1", columns: "3" }),
    });
    const plan = await c.services.fairs.getFairForStaff(this.staff, { fairId: edit.id, locale: "vi" });
    Object.assign(this.fair, { editId: edit.id, boothId: plan.halls[0]!.booths[0]!.id });
  }

  async stop() {
    this.log.release();
    await this.server?.close();
  }

  /**
   * Run a property; afterwards no invariant may be broken by more rows than before it (what an earlier property
   * broke is that property's failure, not this one's).
   */
  readonly property = async (work: () => Promise<void>) => {
    const db = this.server.container.db;
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
  };

  readonly fuzzForm = async <Ctx>(form: FormCase<Ctx>) => {
    const db = this.server.container.db;
    const origin = this.origin;
    await this.property(() =>
      fuzz(
        form.name,
        formInput(form.fields, form.fixed, form.value),
        async ({ ops, lang, pick }) => {
          const ctx = (await form.prepare?.(pick)) as Ctx;
          try {
            const base = form.base(ctx);
            const body = formOf(base, ops);
            const who = form.as?.(pick) ?? this.visitor(lang);
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
  };

  /** An order for the tea, placed (and confirmed, for shipping) through the use cases. */
  readonly placeOrder = async (confirmed: boolean) => {
    const c = this.server.container;
    await c.services.orders.addToCart({
      owner: { userId: this.orderBuyer.id },
      form: { productId: String(this.products.tea.id), quantity: "1" },
    });
    const { publicId } = await buy(c, this.orderBuyer, []);
    const checkout = await c.db.models.Checkout.findOne({ where: { publicId } });
    const order = (await c.db.models.Order.findOne({ where: { checkoutId: checkout!.id } }))!;
    if (confirmed) await c.services.orders.actOnOrder(this.owner, { code: order.code, action: "confirm" });
    return order.code;
  };

  /** Give back every booth the cooperative holds at the open fair, so the next run has room. */
  readonly releaseBooths = async () => {
    const { BoothBooking } = this.server.container.db.models;
    const active = await BoothBooking.findAll({
      where: { fairId: this.fair.id, cooperativeId: this.coopId },
    });
    for (const b of active.filter((x) => x.activeBoothId !== null))
      await this.server.container.services.fairs.cancelBooking(this.owner, { publicId: b.publicId });
  };

  /** A booth of the open fair that nobody holds. */
  readonly freeBooth = async () => {
    const taken = new Set(
      (await this.server.container.db.models.BoothBooking.findAll({ where: { fairId: this.fair.id } }))
        .map((b) => b.activeBoothId)
        .filter(Boolean),
    );
    return this.fair.booths.find((id) => !taken.has(id))!;
  };
}

/** The site for one describe block: started before its tests, closed after them. */
export function fuzzSite(dialect: Dialect): FuzzSite {
  const site = new FuzzSite();
  beforeAll(() => site.start(dialect), 180_000);
  afterAll(() => site.stop());
  return site;
}

/**
 * The last test of a fuzz suite: the properties above it met no problem that is not the input's doing (NUL bytes
 * in a page that nobody sent). Properties keep those apart from their own failures, and per test file.
 */
export function itSawNoStrayNul(title = "never sends NUL bytes nobody typed (seen by the properties above)") {
  it(title, () => {
    expect(incidentalProblems()).toEqual([]);
  });
}

// ---- valid submissions several suites start from ---------------------------------------------------------

/** A form as pairs, a field with several values as several pairs. */
export const asPairs = (form: Record<string, string | string[]>): Pair[] =>
  Object.entries(form).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x): Pair => [k, x]));

/** The cooperative's profile: the text fields, then the whole form. */
export const PROFILE_TEXT = [
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
export const PROFILE = [...PROFILE_TEXT, "kind", "provinceCode", "wardCode", "sectors"];

/** The product form: the fields typed as text, then all of them (some twice, to be touched more often). */
export const PRODUCT_TEXT = [
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
  "originRegion",
];
export const PRODUCT = [
  ...PRODUCT_TEXT,
  "category",
  "unit",
  "status",
  "originProvinceCode",
  "harvestMonths",
  "certifications",
  "certifications",
  "tags",
  "priceVnd",
];
export const productForm = (sku: string): Pair[] => [
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
  ["originRegion", "Tân Cương"],
  ["harvestMonths", "3"],
  ["harvestMonths", "4"],
  ["shelfLifeDays", "365"],
  ["certifications", "vietgap"],
  ["certifications", "organic"],
  ["tags", "chè xanh, quà biếu"],
];
