import { afterAll, beforeAll, describe, expect, it } from "vitest";
import viErrors from "../../app/locales/vi/errors.json";
import viFairAdmin from "../../app/locales/vi/fairAdmin.json";
import viFairs from "../../app/locales/vi/fairs.json";
import type { CurrentUser } from "../../server/accounts/current-user";
import { DIALECTS } from "../support/db";
import { currentUser, makeCooperative, makeProduct, makeUser, PASSWORD } from "../support/factories";
import { boothForm, fairForm, gridForm, openFair } from "../support/fairs";
import { Browserless, startTestServer, type TestServer } from "../support/server";
import { escapeRegExp, html, interpolate } from "../support/text";

/**
 * The fair pages spoken to over HTTP the way a browser without JavaScript would: plain form posts, cookies
 * kept, redirects not followed. What the browser test cannot easily show (statuses, who may see what, many
 * cooperatives at once, the CSV file) is asserted here.
 */

/** The opening tag of the element with this id, or "" (to read its attributes). */
const tagWithId = (page: string, id: string) =>
  page.match(new RegExp(`<[a-z]+[^>]*\\bid="${id}"[^>]*>`))?.[0] ?? "";
/** The text of the field message beside a field (FieldMessage renders `<p id="<name>-error">`). */
const fieldError = (page: string, name: string) =>
  page.match(new RegExp(`<p[^>]*\\bid="${name}-error"[^>]*>([^<]*)<`))?.[1] ?? null;
/** The booth list's row for a booth: from its `<th scope="row">CODE` to the end of the row. */
const boothRow = (page: string, code: string) =>
  page.match(new RegExp(`<tr[^>]*><th scope="row">${code}(?:(?!</tr>).)*</tr>`, "s"))?.[0] ?? "";

/** The fair editor's tabs: where each links, and which one is the current page. */
const tabLinks = (page: string) => {
  const nav =
    page.match(
      new RegExp(`<nav[^>]*aria-label="${escapeRegExp(viFairAdmin.tabs.label)}"[^>]*>(.*?)</nav>`, "s"),
    )?.[1] ?? "";
  return [...nav.matchAll(/<a\b[^>]*>/g)].map(([tag]) => ({
    href: tag.match(/\bhref="([^"]*)"/)?.[1],
    current: /\baria-current="page"/.test(tag),
  }));
};

async function loggedIn(server: TestServer, email: string) {
  const b = new Browserless(server.url, { "accept-language": "vi" });
  const res = await b.post("/login", { email, password: PASSWORD, redirectTo: "/" });
  expect(res.status).toBe(302);
  expect(b.has("htx_session")).toBe(true);
  return b;
}

/** A cooperative (approved unless said otherwise) with its owner; products by Vietnamese name. */
async function cooperativeWithOwner(
  server: TestServer,
  name: string,
  options: { products?: string[]; provinceCode?: string; wardCode?: string } = {},
) {
  const c = server.container;
  const owner = await makeUser(c, { role: "cooperative" });
  const coop = await makeCooperative(c, {
    name,
    ownerId: owner.id,
    provinceCode: options.provinceCode,
    wardCode: options.wardCode,
  });
  const products = [];
  for (const nameVi of options.products ?? []) products.push(await makeProduct(c, coop.id, { nameVi }));
  return { coop, owner, products };
}

describe("trade fair pages over HTTP without JavaScript", () => {
  let server: TestServer;
  let staff: CurrentUser;
  let staffEmail: string;
  let fair: Awaited<ReturnType<typeof openFair>>;
  const NOODLES = {
    coop: "HTX Miến dong Na Rì",
    products: ["Miến dong Na Rì 1kg", 'Bún khô "Ba Bể" & phở khô'],
  };
  let owner: Awaited<ReturnType<typeof cooperativeWithOwner>>;
  let other: Awaited<ReturnType<typeof cooperativeWithOwner>>;
  let buyerEmail: string;

  beforeAll(async () => {
    server = await startTestServer("sqlite");
    const c = server.container;
    const staffRow = await makeUser(c, { role: "staff", fullName: "Trần Văn Bình" });
    staffEmail = staffRow.email;
    staff = await currentUser(c, staffEmail);
    // One row of three free booths, A01 and A03 at the corners; booking needs no approval.
    fair = await openFair(c, staff, { rows: 1, columns: 3 });
    owner = await cooperativeWithOwner(server, NOODLES.coop, {
      products: NOODLES.products,
      provinceCode: "19",
      wardCode: "02185", // Xã Côn Minh, in the former Bắc Kạn
    });
    other = await cooperativeWithOwner(server, "HTX Chè Tân Cương", { products: ["Chè búp Tân Cương"] });
    buyerEmail = (await makeUser(c, { fullName: "Phạm Thị Lan" })).email;
  });
  afterAll(async () => server?.close());

  /** The noodle cooperative's booking of A02, made and confirmed over HTTP; later tests build on it. */
  let publicId: string | null = null;

  it("sends a guest to log in and forbids a buyer the booking page; a staff member is shown the public page", async () => {
    const path = `/cooperative/fairs/${fair.slug}`;
    const guest = new Browserless(server.url);
    const res = await guest.get(path);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/login?redirectTo=${encodeURIComponent(path)}`);
    const post = await guest.post(path, { intent: "hold", boothId: String(fair.boothByCode("A01").id) });
    expect(post.status).toBe(302);
    expect(post.headers.get("location")).toMatch(/^\/login\?redirectTo=/);

    const buyer = await loggedIn(server, buyerEmail);
    expect((await buyer.get(path)).status).toBe(403);
    expect((await buyer.get("/cooperative/fairs")).status).toBe(403);
    const hold = await buyer.post(path, { intent: "hold", boothId: String(fair.boothByCode("A01").id) });
    expect(hold.status).toBe(403);
    expect(await hold.text()).not.toContain(viFairs.booking.done.held);

    const staffMember = await loggedIn(server, staffEmail);
    const asStaff = await staffMember.get(path);
    expect(asStaff.status).toBe(302);
    expect(asStaff.headers.get("location")).toBe(`/fairs/${fair.slug}`);
    expect(await server.container.db.models.BoothBooking.count()).toBe(0);
  });

  it("holds a booth with a one-button form, confirms it with products, and keeps it from other cooperatives", async () => {
    const mine = await loggedIn(server, owner.owner.email);
    const a02 = fair.boothByCode("A02");
    const hold = await mine.post(`/cooperative/fairs/${fair.slug}?view=list`, {
      intent: "hold",
      boothId: String(a02.id),
    });
    expect(hold.status).toBe(302);
    const location = hold.headers.get("location") ?? "";
    expect(location).toMatch(/^\/cooperative\/bookings\/[\w-]+\?done=held$/);
    publicId = location.split("/")[3]!.split("?")[0]!;
    const page = await (await mine.get(location)).text();
    expect(page).toContain(viFairs.booking.done.held);
    expect(page).toContain(html(viFairs.booking.holdTitle));

    const confirm = await mine.post(`/cooperative/bookings/${publicId}`, {
      intent: "confirm",
      productIds: owner.products.map((p) => String(p.id)),
    });
    expect(confirm.status).toBe(302);
    expect(confirm.headers.get("location")).toBe(`/cooperative/bookings/${publicId}?done=booked`);
    const { BoothBooking, BookingProduct } = server.container.db.models;
    const row = await BoothBooking.findOne({ where: { publicId } });
    expect(row).toMatchObject({ status: "booked", activeBoothId: a02.id, cooperativeId: owner.coop.id });
    expect(
      (await BookingProduct.findAll({ where: { bookingId: row!.id } })).map((b) => b.productId).sort(),
    ).toEqual(owner.products.map((p) => p.id).sort());

    // Another cooperative is told the booking does not exist, and cannot act on it.
    const stranger = await loggedIn(server, other.owner.email);
    const peek = await stranger.get(`/cooperative/bookings/${publicId}`);
    expect(peek.status).toBe(404);
    const body = await peek.text();
    expect(body).toContain(viErrors.booking_not_found);
    expect(body).not.toContain(NOODLES.coop);
    expect(body).not.toContain(NOODLES.products[0]);
    for (const form of [
      { intent: "cancel" } as Record<string, string>,
      { intent: "products", productIds: String(other.products[0]!.id) },
    ]) {
      const act = await stranger.post(`/cooperative/bookings/${publicId}`, form);
      expect(act.status, form.intent).toBe(404);
    }
    expect(await BoothBooking.findOne({ where: { publicId } })).toMatchObject({ status: "booked" });
    expect(
      (await BookingProduct.findAll({ where: { bookingId: row!.id } })).map((b) => b.productId).sort(),
    ).toEqual(owner.products.map((p) => p.id).sort());
    // Its own view of the fair shows A02 as taken, with no button to hold it.
    const plan = await (await stranger.get(`/cooperative/fairs/${fair.slug}?view=list`)).text();
    expect(boothRow(plan, "A02")).toContain(viFairs.boothState.booked);
    expect(boothRow(plan, "A02")).not.toContain(interpolate(viFairs.coop.holdBooth, { code: "A02" }));
    expect(boothRow(plan, "A01")).toContain(interpolate(viFairs.coop.holdBooth, { code: "A01" }));
  });

  it("forbids a cooperative every staff page and form of the fair, and changes nothing", async () => {
    const coop = await loggedIn(server, other.owner.email);
    const path = `/staff/fairs/${fair.id}`;
    for (const page of [path, `${path}/bookings`, `${path}/waitlist`, `${path}/details`])
      expect((await coop.get(page)).status, page).toBe(403);
    // An old tab link tells a cooperative nothing either, not even where the tab went.
    const old = await coop.get(`${path}?tab=bookings`);
    expect(old.status).toBe(403);
    expect(old.headers.get("location")).toBeNull();
    expect((await coop.get(`${path}/exhibitors.csv`)).status).toBe(403);
    expect((await coop.get("/staff/fairs/new")).status).toBe(403);
    const a01 = fair.boothByCode("A01");
    // Each form posts to its own tab; the plan is the index route, hence `?index`.
    const forms: Array<[to: string, form: Record<string, string>]> = [
      [`${path}/details`, { intent: "status", status: "closed" }],
      [`${path}?index`, { intent: "booth", boothId: String(a01.id), ...boothForm(a01, { priceVnd: "1" }) }],
      [`${path}?index`, { intent: "grid", ...gridForm(fair.hallId, { firstRow: "Z", originYM: "30" }) }],
    ];
    if (publicId)
      forms.push([`${path}/bookings`, { intent: "vacate", publicId, reason: "Không tham gia được" }]);
    for (const [to, form] of forms) {
      const res = await coop.post(to, form);
      expect(res.status, form.intent).toBe(403);
    }
    const created = await coop.post("/staff/fairs/new", fairForm({ nameVi: "Hội chợ giả mạo" }));
    expect(created.status).toBe(403);

    const { Fair, Booth, BoothBooking } = server.container.db.models;
    expect((await Fair.findByPk(fair.id))!.status).toBe("open");
    expect(await Fair.count()).toBe(1);
    expect(await Booth.count({ where: { fairId: fair.id } })).toBe(3);
    expect((await Booth.findByPk(a01.id))!.priceVnd).toBe(0);
    if (publicId) expect((await BoothBooking.findOne({ where: { publicId } }))!.status).toBe("booked");
  });

  it("refuses a fair whose booking closes before it opens with 400, the message beside the field and the input kept", async () => {
    const b = await loggedIn(server, staffEmail);
    const name = 'Hội chợ Đặc sản vùng cao "Tây Bắc" 2026';
    const form = fairForm({
      nameVi: name,
      bookingOpensAt: "2026-12-10T08:00",
      bookingClosesAt: "2026-12-09T17:30",
      startsOn: "2026-12-20",
      endsOn: "2026-12-22",
      requiresApproval: "on",
    });
    const res = await b.post("/staff/fairs/new", form);
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(fieldError(page, "bookingClosesAt")).toBe(viErrors.closes_before_opens);
    const closes = tagWithId(page, "bookingClosesAt");
    expect(closes).toContain('aria-invalid="true"');
    expect(closes).toContain('value="2026-12-09T17:30"');
    expect(closes).toMatch(/aria-describedby="bookingClosesAt-error[ "]/);
    // The only field in error; everything typed comes back, escaped.
    expect(page.match(/aria-invalid="true"/g)).toHaveLength(1);
    expect(page).toContain(interpolate(viErrors.form_has_errors_one, { count: 1 }));
    expect(tagWithId(page, "nameVi")).toContain(`value="${html(name)}"`);
    expect(tagWithId(page, "bookingOpensAt")).toContain('value="2026-12-10T08:00"');
    expect(tagWithId(page, "venue")).toContain(`value="${html(form.venue!)}"`);
    expect(page).toContain(`>${html(form.descriptionVi!)}</textarea>`);
    expect(tagWithId(page, "requiresApproval")).toMatch(/\bchecked=""/);
    expect(await server.container.db.models.Fair.count()).toBe(1);
  });

  it("refuses a grid that overlaps the booths already there with 400, saying which booth, the input kept", async () => {
    const b = await loggedIn(server, staffEmail);
    const path = `/staff/fairs/${fair.id}`;
    // Row C over row A: the codes are new, the place is not. The plan is the fair's index route.
    const res = await b.post(`${path}?index`, {
      intent: "grid",
      ...gridForm(fair.hallId, { firstRow: "C", rows: "1", columns: "4" }),
    });
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(fieldError(page, "grid-originYM")).toBe(interpolate(viErrors.booth_overlaps, { code: "C01" }));
    expect(tagWithId(page, "grid-originYM")).toContain('aria-invalid="true"');
    expect(tagWithId(page, "grid-firstRow")).toContain('value="C"');
    expect(tagWithId(page, "grid-columns")).toContain('value="4"');
    expect(await server.container.db.models.Booth.count({ where: { fairId: fair.id } })).toBe(3);

    // The same grid below the first row goes in.
    const ok = await b.post(`${path}?index`, {
      intent: "grid",
      ...gridForm(fair.hallId, { firstRow: "C", rows: "1", columns: "4", originYM: "10" }),
    });
    expect(ok.status).toBe(302);
    expect(ok.headers.get("location")).toBe(`${path}?done=grid&n=4`);
    expect(await server.container.db.models.Booth.count({ where: { fairId: fair.id } })).toBe(7);
  });

  it("refuses to resize a booked booth with 409 and the booth_has_booking message in its panel", async (ctx) => {
    if (!publicId) return ctx.skip("no booking was made");
    const b = await loggedIn(server, staffEmail);
    const a02 = fair.boothByCode("A02");
    const path = `/staff/fairs/${fair.id}?index&booth=${a02.id}`;
    const res = await b.post(path, {
      intent: "booth",
      boothId: String(a02.id),
      ...boothForm(a02, { widthM: "4" }),
    });
    expect(res.status).toBe(409);
    const page = await res.text();
    const message = html(interpolate(viErrors.booth_has_booking, { code: "A02" }));
    expect(page).toMatch(new RegExp(`class="form-error" role="alert">${escapeRegExp(message)}<`));
    // The panel is the booth's, and keeps the width that was refused.
    expect(page).toContain(html(interpolate(viFairAdmin.booth.title, { code: "A02" })));
    expect(tagWithId(page, "booth-widthM")).toContain('value="4"');
    // Hall, grid and booth forms share field names; their ids must not collide, or labels point at the wrong input.
    const ids = [...page.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    expect(page).not.toContain(viFairAdmin.done.booth);
    const booth = await server.container.db.models.Booth.findByPk(a02.id);
    expect(booth).toMatchObject({ widthM: 3, depthM: 3, type: "standard" });

    // Its price may change (the booking keeps what it was made at).
    const priced = await b.post(path, {
      intent: "booth",
      boothId: String(a02.id),
      ...boothForm(a02, { priceVnd: "900000" }),
    });
    expect(priced.status).toBe(302);
    expect((await server.container.db.models.Booth.findByPk(a02.id))!.priceVnd).toBe(900_000);
    expect((await server.container.db.models.BoothBooking.findOne({ where: { publicId } }))!.amountVnd).toBe(
      0,
    );
  });

  it("serves each tab of the fair editor at its own address, the current one marked, and moves old ?tab= links there", async (ctx) => {
    if (!publicId) return ctx.skip("no booking was made");
    const b = await loggedIn(server, staffEmail);
    const path = `/staff/fairs/${fair.id}`;
    const name = fairForm().nameVi!;
    const tabs: Array<[string, string, string]> = [
      [path, viFairAdmin.tabs.plan, html(viFairAdmin.halls.add)],
      [`${path}/bookings`, viFairAdmin.tabs.bookings, NOODLES.coop],
      [`${path}/waitlist`, viFairAdmin.tabs.waitlist, html(viFairAdmin.waitlist.empty)],
      [`${path}/visitors`, viFairAdmin.tabs.visitors, html(viFairAdmin.visitors.empty)],
      [`${path}/details`, viFairAdmin.tabs.details, html(viFairAdmin.details.submit)],
    ];
    for (const [url, label, content] of tabs) {
      const res = await b.get(url);
      expect(res.status, url).toBe(200);
      const page = await res.text();
      // The fair's header on every tab, the tab's own title and content, and the tabs as links.
      expect(page, url).toContain(`<h1 id="fair-title">${html(name)}</h1>`);
      expect(page, url).toContain(`<title>${html(label)} · ${html(name)} · HTX Connect</title>`);
      expect(page, url).toContain(content);
      expect(tabLinks(page), url).toEqual(tabs.map(([to]) => ({ href: to, current: to === url })));
    }
    // The plan's content is the plan tab's alone.
    expect(await (await b.get(`${path}/bookings`)).text()).not.toContain(html(viFairAdmin.halls.add));

    const a02 = fair.boothByCode("A02");
    for (const [old, now] of [
      ["?tab=bookings&status=pending_approval", "/bookings?status=pending_approval"],
      [`?tab=bookings&booking=${publicId}`, `/bookings?booking=${publicId}`],
      ["?tab=waitlist", "/waitlist"],
      ["?tab=details", "/details"],
      [`?tab=plan&booth=${a02.id}&view=list`, `?booth=${a02.id}&view=list`],
      ["?tab=nonsense", ""],
    ]) {
      const res = await b.get(`${path}${old}`);
      expect(res.status, old).toBe(301);
      expect(res.headers.get("location"), old).toBe(`${path}${now}`);
    }
  });

  it("gives every form its limits from its schema, the ones a pattern sets said by hand", async (ctx) => {
    if (!publicId) return ctx.skip("no booking was made");
    const b = await loggedIn(server, staffEmail);
    const path = `/staff/fairs/${fair.id}`;
    const a02 = fair.boothByCode("A02");
    const plan = await (await b.get(`${path}?booth=${a02.id}`)).text();
    expect(tagWithId(plan, "hall-name")).toMatch(
      /\brequired=""[^>]*maxLength="120"|maxLength="120"[^>]*\brequired=""/i,
    );
    expect(tagWithId(plan, "hall-widthM")).toMatch(/\brequired=""/);
    expect(tagWithId(plan, "booth-code")).toMatch(/maxLength="16"/i);
    expect(tagWithId(plan, "booth-blockedReason")).toMatch(/maxLength="200"/i);
    expect(tagWithId(plan, "booth-blockedReason")).not.toMatch(/\brequired=""/);
    expect(tagWithId(plan, "grid-firstRow")).toMatch(/maxLength="1"/i);
    // Blank takes the schema's default: not required.
    expect(tagWithId(plan, "grid-aisleM")).not.toMatch(/\brequired=""/);
    expect(tagWithId(plan, "grid-columns")).toMatch(/\brequired=""/);

    const panel = await (await b.get(`${path}/bookings?booking=${publicId}`)).text();
    const reason = tagWithId(panel, "reason");
    expect(reason).toMatch(/\brequired=""/);
    expect(reason).toMatch(/maxLength="500"/i);
    expect(reason).toMatch(/minLength="5"/i);

    const details = await (await b.get(`${path}/details`)).text();
    expect(tagWithId(details, "nameVi")).toMatch(/maxLength="200"/i);
    expect(tagWithId(details, "nameEn")).not.toMatch(/\brequired=""/);
  });

  it("shows a refused decision beside its own field with the input kept, and only there", async (ctx) => {
    if (!publicId) return ctx.skip("no booking was made");
    const b = await loggedIn(server, staffEmail);
    const path = `/staff/fairs/${fair.id}/bookings?booking=${publicId}`;
    const res = await b.post(path, { intent: "vacate", publicId, reason: "Hủy" });
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(fieldError(page, "reason")).toBe(interpolate(viErrors.too_short, { min: 5 }));
    expect(page).toContain(">Hủy</textarea>");
    expect(page.match(/aria-invalid="true"/g)).toHaveLength(1);
    // The move form and the header know nothing of it; no earlier notice comes back with it.
    expect(fieldError(page, "toBoothId")).toBeNull();
    expect(page).not.toContain('role="status"');
    const { BoothBooking } = server.container.db.models;
    expect((await BoothBooking.findOne({ where: { publicId } }))!.status).toBe("booked");

    // The details tab's form the same way: the message beside the name, the status card untouched.
    const details = await b.post(`/staff/fairs/${fair.id}/details`, {
      intent: "details",
      ...fairForm({ nameVi: "" }),
    });
    expect(details.status).toBe(400);
    const form = await details.text();
    expect(fieldError(form, "nameVi")).toBe(viErrors.required);
    expect(form.match(/aria-invalid="true"/g)).toHaveLength(1);
    expect(tagWithId(form, "venue")).toContain(`value="${html(fairForm().venue!)}"`);
    expect((await server.container.db.models.Fair.findByPk(fair.id))!.nameVi).not.toBe("");
  });

  it("exports the exhibitors as a UTF-8 CSV with a BOM, the booked cooperative and its products in Vietnamese", async (ctx) => {
    if (!publicId) return ctx.skip("no booking was made");
    const b = await loggedIn(server, staffEmail);
    const res = await b.get(`/staff/fairs/${fair.id}/exhibitors.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(
      new RegExp(
        `^attachment; filename="${viFairAdmin.csv.filename}-${fair.id}-\\d{4}-\\d{2}-\\d{2}\\.csv"$`,
      ),
    );
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // Response.text() would drop the BOM; decode keeping it, and strictly (bad UTF-8 throws).
    const text = new TextDecoder("utf-8", { ignoreBOM: true, fatal: true }).decode(bytes);
    const c = viFairAdmin.csv.col;
    expect(text.startsWith(`\uFEFF${c.booth},${c.boothType},${c.size},${c.status},${c.cooperative},`)).toBe(
      true,
    );
    const lines = text.slice(1).split("\r\n").filter(Boolean);
    expect(lines).toHaveLength(2);
    const row = lines[1]!;
    expect(
      row.startsWith(
        `A02,${viFairs.boothType.standard},3 × 3 m,${viFairs.bookingStatus.booked},${NOODLES.coop},Thái Nguyên,`,
      ),
    ).toBe(true);
    // The product with quotes and an ampersand is quoted as CSV wants, not mangled.
    expect(row).toContain(`"${NOODLES.products[0]}; Bún khô ""Ba Bể"" & phở khô"`);
    expect(text).not.toContain("HTX Chè Tân Cương");
  });
});

describe.each(DIALECTS)("one booth, 50 cooperatives at once over HTTP on %s", (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(async () => server?.close());

  it("gives the booth to exactly one; the other 49 get 409 with the 'just taken' message and the plan", async () => {
    const c = server.container;
    const staff = await currentUser(c, (await makeUser(c, { role: "staff" })).email);
    const fair = await openFair(c, staff, { rows: 1, columns: 1 });
    const booth = fair.booths[0]!;
    expect(fair.booths).toHaveLength(1);

    const owners = [];
    for (let i = 0; i < 50; i++) {
      const owner = await makeUser(c, { role: "cooperative" });
      await makeCooperative(c, { name: `HTX Nông nghiệp số ${i + 1}`, ownerId: owner.id });
      owners.push(owner);
    }
    const members = await Promise.all(owners.map((o) => loggedIn(server, o.email)));

    const path = `/cooperative/fairs/${fair.slug}`;
    const answers = await Promise.all(
      members.map((m) => m.post(`${path}?booth=${booth.id}`, { intent: "hold", boothId: String(booth.id) })),
    );

    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 302)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    const winner = statuses.indexOf(302);
    const location = answers[winner]!.headers.get("location") ?? "";
    expect(location).toMatch(/^\/cooperative\/bookings\/[\w-]+\?done=held$/);
    const publicId = location.split("/")[3]!.split("?")[0]!;

    const pages = await Promise.all(answers.filter((a) => a.status === 409).map((r) => r.text()));
    for (const page of pages) {
      expect(page).toContain(viErrors.booth_taken);
      expect(page).toContain(viFairs.coop.planRefreshed);
      // The refreshed panel says the booth is someone else's now and offers no button.
      expect(page).toContain(viFairs.coop.notAvailable.held);
      expect(page).not.toContain(`>${viFairs.coop.holdThis}<`);
    }

    const { BoothBooking } = c.db.models;
    expect(await BoothBooking.count({ where: { activeBoothId: booth.id } })).toBe(1);
    expect(await BoothBooking.count()).toBe(1);
    const row = await BoothBooking.findOne({ where: { publicId } });
    expect(row).toMatchObject({ status: "held", boothId: booth.id });
    expect(row!.cooperativeId).toBe(
      (await c.db.models.CooperativeMember.findOne({ where: { userId: owners[winner]!.id } }))!.cooperativeId,
    );
    // The winner sees its booking; a loser is told it does not exist.
    expect((await members[winner]!.get(location)).status).toBe(200);
    expect((await members[(winner + 1) % 50]!.get(location)).status).toBe(404);

    // A visitor's list view shows the booth as held.
    const plan = await (
      await new Browserless(server.url, { "accept-language": "vi" }).get(`/fairs/${fair.slug}?view=list`)
    ).text();
    const rowHtml = boothRow(plan, booth.code);
    expect(rowHtml).toContain(viFairs.boothState.held);
    expect(rowHtml).not.toContain(viFairs.boothState.available);
    expect(plan).toContain(interpolate(viFairs.list.availability_other, { count: 0, total: 1 }));
  });
});
