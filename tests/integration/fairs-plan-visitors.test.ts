import { afterAll, beforeAll, describe, expect, it } from "vitest";
import viFairs from "../../app/locales/vi/fairs.json";
import viFairAdmin from "../../app/locales/vi/fairAdmin.json";
import type { CurrentUser } from "../../server/accounts/current-user";
import { Invalid } from "../../server/errors";
import { DIALECTS, type TestContainer } from "../support/db";
import { currentUser, makeUser, PASSWORD } from "../support/factories";
import { exhibitor, fairForm, fairsAt, fairsTestContainer, openFair } from "../support/fairs";
import { domainError } from "../support/orders";
import { startTestServer, Browserless, type TestServer } from "../support/server";
import { StripeApiDouble } from "../support/stripe";
import { html } from "../support/text";

const DAY = 86_400_000;

/**
 * The fair floor plan and its visitors (issue 16) through the use cases on a real database: English names for
 * halls, venue and organiser; a finished fair offering nothing; what staff draw besides booths; and "I will
 * visit", once per person whatever the clicks, with a pass that can be cancelled.
 */
describe.each(DIALECTS)("fair plan and visitors on %s", (dialect) => {
  const stripe = new StripeApiDouble();
  let c: TestContainer;
  let staff: CurrentUser;
  beforeAll(async () => ({ c, staff } = await fairsTestContainer(dialect, stripe)));
  afterAll(async () => c?.destroy());

  const page = (slug: string, locale: "vi" | "en", fairs = c.services.fairs) =>
    fairs.getPublicFair({ slug, query: {}, locale, viewer: null });

  it("names the hall, venue and organiser in English on English pages, in Vietnamese otherwise or when blank", async () => {
    const fair = await openFair(c, staff, {
      form: { organiserEn: "Thái Nguyên Cooperative Alliance", venueEn: "Võ Nguyên Giáp Square" },
    });
    const hall = await c.services.fairs.addHall(staff, {
      fairId: fair.id,
      form: { name: "Nhà B — Gian hàng OCOP", nameEn: "Hall B — OCOP booths", widthM: "20", depthM: "10" },
    });
    const en = await page(fair.slug, "en");
    expect(en.fair).toMatchObject({
      organiser: "Thái Nguyên Cooperative Alliance",
      venue: "Võ Nguyên Giáp Square",
    });
    expect(en.halls.map((h) => h.name)).toEqual(["Nhà A", "Hall B — OCOP booths"]);
    const vi = await page(fair.slug, "vi");
    expect(vi.fair).toMatchObject({ organiser: fairForm().organiser, venue: fairForm().venue });
    expect(vi.halls.map((h) => h.name)).toEqual(["Nhà A", "Nhà B — Gian hàng OCOP"]);

    // Renamed by staff; an English name left blank falls back to the Vietnamese one.
    await c.services.fairs.renameHall(staff, {
      fairId: fair.id,
      hallId: hall.id,
      form: { name: "Nhà B — Đặc sản", nameEn: "" },
    });
    expect((await page(fair.slug, "en")).halls[1]!.name).toBe("Nhà B — Đặc sản");
    const refused = await domainError(
      c.services.fairs.renameHall(staff, { fairId: fair.id + 999, hallId: hall.id, form: { name: "X" } }),
    );
    expect(refused.status).toBe(404);
  });

  it("shows no booth as available once the fair is over, and takes no booking; booked booths keep their exhibitor", async () => {
    const fair = await openFair(c, staff, { priceVnd: 0 });
    const tea = await exhibitor(c, { name: "HTX Chè Suối Ngàn", products: [{ nameVi: "Chè búp" }] });
    const held = await exhibitor(c, { name: "HTX Chỉ giữ chỗ", products: [{ nameVi: "Miến" }] });
    const h = await c.services.fairs.holdBooth(tea.owner, { boothId: fair.boothByCode("A02").id });
    await c.services.fairs.confirmBooking(tea.owner, { publicId: h.publicId, form: { productIds: [] } });
    await c.services.fairs.holdBooth(held.owner, { boothId: fair.boothByCode("A03").id });

    const during = await page(fair.slug, "vi");
    expect(during.fair.over).toBe(false);
    expect(during.halls[0]!.booths.some((b) => b.state === "available")).toBe(true);

    // The day after its last day, in Vietnam.
    const after = fairsAt(c, new Date(Date.parse(`${fairForm().endsOn}T00:00:00+07:00`) + DAY));
    const over = await page(fair.slug, "vi", after);
    expect(over.fair).toMatchObject({ over: true, availableCount: 0, bookingOpen: false });
    const booths = over.halls.flatMap((x) => x.booths);
    expect(booths.filter((b) => ["available", "held", "pending"].includes(b.state))).toEqual([]);
    expect(booths.find((b) => b.code === "A02")).toMatchObject({
      state: "booked",
      exhibitor: { name: "HTX Chè Suối Ngàn" },
    });
    expect(booths.find((b) => b.code === "A03")).toMatchObject({ state: "unused", exhibitor: null });
    const latecomer = await exhibitor(c, { name: "HTX Đến muộn", products: [{ nameVi: "Mật ong" }] });
    const refused = await domainError(
      after.holdBooth(latecomer.owner, { boothId: fair.boothByCode("A04").id }),
    );
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(await c.db.models.BoothBooking.count({ where: { boothId: fair.boothByCode("A04").id } })).toBe(0);
  });

  it("draws entrances, the stage and labels that staff place inside a hall, labelled in the page's language", async () => {
    const fair = await openFair(c, staff);
    const form = (o: Record<string, string> = {}) => ({
      hallId: String(fair.hallId),
      kind: "entrance",
      xM: "30",
      yM: "38",
      widthM: "8",
      depthM: "2",
      labelVi: "Cổng chính",
      labelEn: "Main gate",
      ...o,
    });
    const { id } = await c.services.fairs.addPlanElement(staff, { fairId: fair.id, form: form() });
    await c.services.fairs.addPlanElement(staff, {
      fairId: fair.id,
      form: form({ kind: "stage", xM: "60", yM: "2", widthM: "10", depthM: "6", labelVi: "", labelEn: "" }),
    });
    // Outside the 80×40 m hall, or in another fair's hall: refused beside the field.
    const outside = await domainError(
      c.services.fairs.addPlanElement(staff, { fairId: fair.id, form: form({ yM: "39" }) }),
    );
    expect((outside as Invalid).fields).toMatchObject({ xM: { code: "element_outside_hall" } });
    const other = await openFair(c, staff);
    const foreign = await domainError(
      c.services.fairs.addPlanElement(staff, { fairId: other.id, form: form() }),
    );
    expect((foreign as Invalid).fields).toMatchObject({ hallId: { code: "choose_one" } });
    const buyer = await currentUser(c, (await makeUser(c, { role: "buyer" })).email);
    expect(
      (await domainError(c.services.fairs.addPlanElement(buyer, { fairId: fair.id, form: form() }))).status,
    ).toBe(403);

    const en = (await page(fair.slug, "en")).halls[0]!.elements;
    expect(en.map((e) => [e.kind, e.label])).toEqual([
      ["entrance", "Main gate"],
      ["stage", null],
    ]);
    expect((await page(fair.slug, "vi")).halls[0]!.elements[0]!.label).toBe("Cổng chính");

    await c.services.fairs.updatePlanElement(staff, {
      fairId: fair.id,
      elementId: id,
      form: form({ kind: "exit", labelVi: "Lối ra phụ", labelEn: "" }),
    });
    const changed = (await page(fair.slug, "en")).halls[0]!.elements[0]!;
    expect(changed).toMatchObject({ kind: "exit", label: "Lối ra phụ" });
    await c.services.fairs.deletePlanElement(staff, { fairId: fair.id, elementId: id });
    expect((await page(fair.slug, "vi")).halls[0]!.elements.map((e) => e.kind)).toEqual(["stage"]);
    expect(
      (await domainError(c.services.fairs.deletePlanElement(staff, { fairId: fair.id, elementId: id })))
        .status,
    ).toBe(404);
  });

  describe("visitors", () => {
    const guest = { name: "Nguyễn Thị Lan", phone: "0912 345 678", email: "Lan@Example.vn" };

    it("registers a guest once, answers the same pass to a second click, and refuses the email with another phone", async () => {
      const fair = await openFair(c, staff);
      const first = await c.services.fairs.registerVisit(null, { slug: fair.slug, form: guest });
      expect(first.created).toBe(true);
      const again = await c.services.fairs.registerVisit(null, {
        slug: fair.slug,
        form: { ...guest, email: "lan@example.vn", phone: "0912345678" },
      });
      expect(again).toEqual({ code: first.code, created: false });
      const other = await domainError(
        c.services.fairs.registerVisit(null, { slug: fair.slug, form: { ...guest, phone: "0987654321" } }),
      );
      expect((other as Invalid).fields).toMatchObject({ email: { code: "visitor_email_taken" } });
      const bad = await domainError(
        c.services.fairs.registerVisit(null, {
          slug: fair.slug,
          form: { name: "", phone: "123", email: "x" },
        }),
      );
      expect(Object.keys((bad as Invalid).fields).sort()).toEqual(["email", "name", "phone"]);

      const pass = await c.services.fairs.getVisitorPass({ slug: fair.slug, code: first.code, locale: "vi" });
      expect(pass.pass).toMatchObject({
        name: guest.name,
        phone: "0912345678",
        email: "lan@example.vn",
        status: "registered",
      });

      // Cancelled, the person may register again, with a new pass.
      await c.services.fairs.cancelVisit({ slug: fair.slug, code: first.code });
      const listed = await c.services.fairs.listVisitors(staff, { fairId: fair.id });
      expect(listed.registered).toBe(0);
      const renewed = await c.services.fairs.registerVisit(null, { slug: fair.slug, form: guest });
      expect(renewed.created).toBe(true);
      expect(renewed.code).not.toBe(first.code);
      const after = await c.services.fairs.listVisitors(staff, { fairId: fair.id });
      expect(after.registered).toBe(1);
      expect(after.visitors.map((v) => v.status)).toEqual(["registered", "cancelled"]);
      expect(
        (await domainError(c.services.fairs.getVisitorPass({ slug: fair.slug, code: "nope", locale: "vi" })))
          .status,
      ).toBe(404);
    });

    it("registers a signed-in person by account, and not at all once the fair is over", async () => {
      const fair = await openFair(c, staff);
      const buyer = await currentUser(
        c,
        (await makeUser(c, { role: "buyer", fullName: "Trần Văn Minh" })).email,
      );
      const a = await c.services.fairs.registerVisit(buyer, {
        slug: fair.slug,
        form: { phone: "0912000111" },
      });
      const b = await c.services.fairs.registerVisit(buyer, {
        slug: fair.slug,
        form: { phone: "0912000111" },
      });
      expect(b).toEqual({ code: a.code, created: false });
      expect(await c.services.fairs.visitorPassOf(buyer, fair.id)).toBe(a.code);
      const { pass } = await c.services.fairs.getVisitorPass({ slug: fair.slug, code: a.code, locale: "vi" });
      expect(pass).toMatchObject({ name: "Trần Văn Minh", email: buyer.email });

      // Staff count the standing registrations by kind, and find people by name, phone or email.
      await c.services.fairs.registerVisit(null, { slug: fair.slug, form: guest });
      const list = (q?: string) => c.services.fairs.listVisitors(staff, { fairId: fair.id, q });
      expect(await list()).toMatchObject({ registered: 2, signedIn: 1, guests: 1 });
      const names = async (q: string) => (await list(q)).visitors.map((v) => v.name);
      expect(await names("văn MINH")).toEqual(["Trần Văn Minh"]);
      expect(await names("0912 000.111")).toEqual(["Trần Văn Minh"]);
      expect(await names(guest.email.toUpperCase())).toEqual([guest.name]);
      expect(await names("không có ai")).toEqual([]);
      expect((await list("không có ai")).registered).toBe(2);
      const after = fairsAt(c, new Date(Date.parse(`${fairForm().endsOn}T00:00:00+07:00`) + DAY));
      const late = await domainError(after.registerVisit(null, { slug: fair.slug, form: guest }));
      expect(late).toMatchObject({ status: 409, code: "visit_closed" });
    });

    it("makes one registration of many simultaneous clicks, for a guest and for a signed-in person", async () => {
      const fair = await openFair(c, staff);
      const buyer = await currentUser(c, (await makeUser(c, { role: "buyer" })).email);
      const clicks = 8;
      const results = await Promise.allSettled([
        ...Array.from({ length: clicks }, () =>
          c.services.fairs.registerVisit(null, { slug: fair.slug, form: guest }),
        ),
        ...Array.from({ length: clicks }, () =>
          c.services.fairs.registerVisit(buyer, { slug: fair.slug, form: { phone: "0912000222" } }),
        ),
      ]);
      const failures = results.filter((r) => r.status === "rejected");
      expect(failures.map((f) => String((f as PromiseRejectedResult).reason))).toEqual([]);
      const codes = results.map((r) => (r as PromiseFulfilledResult<{ code: string }>).value.code);
      // Every click of one person answers with that person's one pass.
      expect(new Set(codes.slice(0, clicks)).size).toBe(1);
      expect(new Set(codes.slice(clicks)).size).toBe(1);
      expect(await c.db.models.FairVisitor.count({ where: { fairId: fair.id } })).toBe(2);
    });

    it("lists only a fair's conferences past the draft, for the fair page's link", async () => {
      const fair = await openFair(c, staff);
      const base = {
        nameVi: "Hội nghị kết nối chè",
        nameEn: "Tea matchmaking",
        descriptionVi: "Gặp gỡ người mua chè.",
        descriptionEn: null,
        venue: "Trung tâm Hội nghị",
        address: null,
        provinceCode: "19",
        startsOn: fairForm().startsOn!,
        endsOn: fairForm().startsOn!,
        meetingMinutes: 20,
        tables: 4,
        maxMeetings: 6,
        registrationOpensAt: new Date(Date.now() - DAY),
        registrationClosesAt: new Date(Date.now() + 10 * DAY),
        createdById: null,
      };
      await c.db.models.Conference.create({
        ...base,
        slug: `hn-che-${fair.id}`,
        fairId: fair.id,
        phase: "registration",
      });
      await c.db.models.Conference.create({
        ...base,
        slug: `hn-nhap-${fair.id}`,
        fairId: fair.id,
        phase: "draft",
      });
      await c.db.models.Conference.create({
        ...base,
        slug: `hn-khac-${fair.id}`,
        fairId: null,
        phase: "registration",
      });
      const listed = await c.services.matching.listConferencesOfFair({ fairId: fair.id, locale: "en" });
      expect(listed.map((x) => [x.slug, x.name])).toEqual([[`hn-che-${fair.id}`, "Tea matchmaking"]]);
    });
  });
});

/** The same over HTTP, as a browser without JavaScript: the visit form, the pass with its QR code, cancelling. */
describe.each(DIALECTS)("the visitor pass over HTTP on %s", (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(async () => server?.close());

  it("registers from the fair page, shows the pass with a QR code, and cancels it", async () => {
    const staff = await currentUser(
      server.container,
      (await makeUser(server.container, { role: "staff" })).email,
    );
    const fair = await openFair(server.container, staff);
    const b = new Browserless(server.url, { "accept-language": "vi" });
    const fairPage = await (await b.get(`/fairs/${fair.slug}`)).text();
    expect(fairPage).toContain(html(viFairs.visit.submit));

    const bad = await b.post(`/fairs/${fair.slug}`, {
      intent: "visit",
      name: "Lan",
      phone: "12",
      email: "lan@x.vn",
    });
    expect(bad.status).toBe(400);
    const res = await b.post(`/fairs/${fair.slug}`, {
      intent: "visit",
      name: "Nguyễn Thị Lan",
      phone: "0912345678",
      email: "lan@example.vn",
    });
    expect(res.status).toBe(302);
    const to = res.headers.get("location")!;
    // Crockford base32: no 0/O, 1/I/L look-alikes to misread, no dashes; a new registration is confirmed on the pass.
    expect(to).toMatch(new RegExp(`^/fairs/${fair.slug}/pass/[0-9A-HJKMNP-TV-Z]{20}\\?registered=1$`));
    const pass = await b.get(to);
    expect(pass.status).toBe(200);
    const body = await pass.text();
    expect(body).toContain("Nguyễn Thị Lan");
    // The QR code as the qrcode package draws it, inside the pass's figure.
    expect(body).toMatch(/class="visitor-pass-qr"(?:(?!<\/figure>).)*<svg[^>]*shape-rendering="crispEdges"/s);
    expect(body).toContain(html(viFairs.pass.cancel));
    expect(body).toContain(html(viFairs.pass.registered));
    // The pass's address is in its QR code (and a copy button), not printed out as raw text.
    expect(body).not.toMatch(/>https?:\/\/[^<]*\/pass\/[^<]*</);

    const cancelled = await b.post(to, { intent: "cancelVisit" });
    expect(cancelled.status).toBe(302);
    const after = await (await b.get(to)).text();
    expect(after).toContain(html(viFairs.pass.cancelled));
    expect(after).not.toContain('shape-rendering="crispEdges"');
    expect((await b.get(`/fairs/${fair.slug}/pass/unknown-code`)).status).toBe(404);
  });

  it("lets staff place an entrance with plain form fields, and list the visitors as a spreadsheet", async () => {
    const staffRow = await makeUser(server.container, { role: "staff" });
    const staff = await currentUser(server.container, staffRow.email);
    const fair = await openFair(server.container, staff);
    await server.container.services.fairs.registerVisit(null, {
      slug: fair.slug,
      form: { name: "Lò Văn Páo", phone: "0912000333", email: "pao@example.vn" },
    });
    const b = new Browserless(server.url, { "accept-language": "vi" });
    expect(
      (await b.post("/login", { email: staffRow.email, password: PASSWORD, redirectTo: "/" })).status,
    ).toBe(302);
    const element = {
      intent: "element",
      hallId: String(fair.hallId),
      kind: "entrance",
      xM: "30",
      yM: "38",
      widthM: "8",
      depthM: "2",
      labelVi: "Cổng chính",
      labelEn: "Main gate",
    };
    const outside = await b.post(`/staff/fairs/${fair.id}?index`, { ...element, xM: "79" });
    expect(outside.status).toBe(400);
    // Refused, the typed values come back in the form.
    expect(await outside.text()).toContain('"xM":"79"');
    const placed = await b.post(`/staff/fairs/${fair.id}?index`, element);
    expect(placed.status).toBe(302);
    expect(placed.headers.get("location")).toContain("done=element");
    const plan = await (await b.get(`/fairs/${fair.slug}`)).text();
    expect(plan).toMatch(/class="plan-element plan-element-entrance"[^>]*aria-label="Cổng chính"/);

    // The hall's English name, given on the plan tab, is what English pages call it.
    const renamed = await b.post(`/staff/fairs/${fair.id}?index`, {
      intent: "hallNames",
      hallId: String(fair.hallId),
      name: "Nhà A — Gian hàng OCOP",
      nameEn: "Hall A — OCOP booths",
    });
    expect(renamed.status).toBe(302);
    const english = await (await b.get(`/fairs/${fair.slug}?lng=en`)).text();
    expect(english).toContain(`<strong>${html("Hall A — OCOP booths")}</strong>`);
    expect(english).toMatch(/aria-label="Main gate"/);
    const vietnamese = await (await b.get(`/fairs/${fair.slug}?lng=vi`)).text();
    expect(vietnamese).toContain(`<strong>${html("Nhà A — Gian hàng OCOP")}</strong>`);

    // The visitors tab searches with a plain GET: no JavaScript needed.
    const found = await (
      await b.get(`/staff/fairs/${fair.id}/visitors?q=${encodeURIComponent("páo")}`)
    ).text();
    expect(found).toContain("Lò Văn Páo");
    expect(found).toContain('name="q"');
    const none = await (await b.get(`/staff/fairs/${fair.id}/visitors?q=zzz-nobody`)).text();
    expect(none).not.toContain("Lò Văn Páo");
    expect(none).toContain(html(viFairAdmin.visitors.emptySearch));
    const csv = await b.get(`/staff/fairs/${fair.id}/visitors.csv`);
    expect(csv.status).toBe(200);
    const text = await csv.text();
    expect(text).toContain("Lò Văn Páo");
    expect(text).toContain("0912000333");
    expect(await (await new Browserless(server.url).get(`/staff/fairs/${fair.id}/visitors.csv`)).status).toBe(
      302,
    );
  });
});
