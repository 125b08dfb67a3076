import { afterAll, beforeAll, describe, expect, it } from "vitest";
import enDemands from "../../app/locales/en/demands.json";
import viDemands from "../../app/locales/vi/demands.json";
import viErrors from "../../app/locales/vi/errors.json";
import { DIALECTS } from "../support/db";
import { makeUser, PASSWORD } from "../support/factories";
import { Browserless, startTestServer, type TestServer } from "../support/server";
import { html, interpolate, plain, vnd } from "../support/text";

/**
 * Purchase demands over HTTP, as a browser without JavaScript: a buyer posts one through the form (a refused
 * form first), it shows on the public board, found with or without tone marks, without the buyer's name or
 * email, and pausing takes it off the board.
 */

const TITLE = "Cần mua Miến dong Bắc Kạn loại một";
const FORM = {
  category: "vermicelli_noodles",
  title: TITLE,
  description: "Miến dong sợi nhỏ, đóng gói 500 g, có nhãn hiệu và hạn dùng rõ ràng.",
  quantity: "500",
  unit: "kg",
  frequency: "monthly",
  priceMinVnd: "120.000",
  priceMaxVnd: "150000",
  deliveryProvinceCode: "01",
  deliveryFrom: "2027-01-05",
  deliveryTo: "2027-02-20",
  certifications: ["vietgap", "organic"],
  minOcopStars: "3",
  notes: "Giao tại kho ở Long Biên.",
};

async function signIn(server: TestServer, email: string) {
  const b = new Browserless(server.url, { "accept-language": "vi" });
  const res = await b.post("/login", { email, password: PASSWORD, redirectTo: "/" });
  expect(res.status).toBe(302);
  return b;
}

describe.each(DIALECTS)("purchase demands over HTTP on %s", (dialect) => {
  let server: TestServer;
  let buyer: Browserless;
  let other: Browserless;
  let member: Browserless;
  const guest = () => new Browserless(server.url, { "accept-language": "vi" });
  const secrets = { name: "Phùng Thị Thu Mua", email: "" };
  let publicId = "";

  beforeAll(async () => {
    server = await startTestServer(dialect);
    const c = server.container;
    const b = await makeUser(c, { fullName: secrets.name });
    secrets.email = b.email;
    const o = await makeUser(c, { fullName: "Đinh Văn Khác" });
    const m = await makeUser(c, { role: "cooperative", fullName: "Lý Thị Hợp" });
    buyer = await signIn(server, b.email);
    other = await signIn(server, o.email);
    member = await signIn(server, m.email);
  });
  afterAll(async () => {
    await server?.close();
  });

  it("sends a guest to log in and refuses a cooperative the form", async () => {
    const res = await guest().get("/account/demands/new");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(
      `/login?redirectTo=${encodeURIComponent("/account/demands/new")}`,
    );
    expect((await member.get("/account/demands/new")).status).toBe(403);
    const board = await (await guest().get("/demands")).text();
    expect(board).toContain(`href="/login?redirectTo=${encodeURIComponent("/account/demands/new")}"`);
  });

  it("answers a wrong form with 400, the messages beside the fields and the input kept; nothing is saved", async () => {
    const page = await buyer.get("/account/demands/new");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(viDemands.new.title);
    const res = await buyer.post("/account/demands/new", {
      ...FORM,
      description: "ngắn",
      quantity: "nhiều",
    });
    expect(res.status).toBe(400);
    const body = await res.text();
    expect(body).toContain(`value="${html(TITLE)}"`);
    expect(body).toContain(`>${html(FORM.notes)}</textarea>`);
    expect(body).toMatch(/id="description"[^>]*aria-invalid="true"/);
    expect(body).toMatch(/id="quantity"[^>]*aria-invalid="true"/);
    expect(body).toContain('id="description-error"');
    expect(body).toContain('id="quantity-error"');
    expect(body).toContain(viErrors.format);
    // The ticked boxes stay ticked.
    expect(body).toContain('checked="" value="organic"');
    expect(await server.container.db.models.Demand.count()).toBe(0);
  });

  it("refuses a price range upside down, beside the highest price", async () => {
    const res = await buyer.post("/account/demands/new", { ...FORM, priceMinVnd: "200000" });
    expect(res.status).toBe(400);
    const body = await res.text();
    expect(body).toMatch(/id="priceMaxVnd"[^>]*aria-invalid="true"/);
    expect(body).toContain(viErrors.price_range);
    expect(await server.container.db.models.Demand.count()).toBe(0);
  });

  it("posts the demand and shows it to its buyer with a saved notice", async () => {
    const res = await buyer.post("/account/demands/new", FORM);
    expect(res.status).toBe(302);
    const location = res.headers.get("location")!;
    const match = location.match(/^\/account\/demands\/([\w-]+)\?saved=created$/);
    expect(match, location).not.toBeNull();
    publicId = match![1]!;
    const page = await (await buyer.get(location)).text();
    expect(page).toContain(viDemands.saved.created);
    expect(page).toContain(viDemands.status.open);
    expect(page).toContain(`value="${html(TITLE)}"`);
    // Someone else's demand does not exist for another buyer.
    expect((await other.get(`/account/demands/${publicId}`)).status).toBe(404);
    const mine = await (await buyer.get("/account/demands")).text();
    expect(mine).toContain(TITLE);
    expect(mine).toContain(`>${viDemands.actions.pause}</button>`);
  });

  it("shows it on the board and its page, found without tone marks, never with the buyer's name or email", async () => {
    const board = await (await guest().get("/demands")).text();
    expect(board).toContain(TITLE);
    const text = plain(board.replace(/<[^>]+>/g, " "));
    expect(text).toContain(`${vnd(120_000)} – ${vnd(150_000)}/kg`);
    expect(text).toContain("500 kg · Hằng tháng");
    expect(text).toContain("05/01–20/02/2027");
    expect(text).toContain("Hà Nội");
    for (const q of ["mien dong", "Miến dong", "MIEN DONG bac kan"]) {
      const found = await (await guest().get(`/demands?q=${encodeURIComponent(q)}`)).text();
      expect(found, q).toContain(TITLE);
    }
    const none = await (await guest().get("/demands?q=che+tan+cuong")).text();
    expect(none).not.toContain(TITLE);
    expect(none).toContain(viDemands.board.emptyFiltered);
    const facet = await (await guest().get("/demands?category=vermicelli_noodles&province=01")).text();
    expect(facet).toContain(TITLE);
    expect(facet).toMatch(/<option value="01"[^>]*>Hà Nội \(1\)<\/option>/);

    const detail = await guest().get(`/demands/${publicId}`);
    expect(detail.status).toBe(200);
    const page = await detail.text();
    expect(page).toContain(`<title>${html(TITLE)} · HTX Connect</title>`);
    expect(page).toContain(html(FORM.description));
    expect(page).toContain("VietGAP");
    for (const doc of [board, page]) {
      expect(doc).not.toContain(secrets.name);
      expect(doc).not.toContain(secrets.email);
    }
  });

  it("renders the board in English", async () => {
    const en = new Browserless(server.url, { "accept-language": "en" });
    const board = await (await en.get("/demands")).text();
    expect(board).toContain(`<title>${enDemands.board.title} · HTX Connect</title>`);
    expect(board).toContain(TITLE);
    expect(board).toContain(interpolate(enDemands.card.buyer, { kind: enDemands.card.individual }));
    expect(board).toContain("Monthly");
  });

  it("takes a paused demand off the board, and tells the buyer", async () => {
    const res = await buyer.post("/account/demands?index", { intent: "act", publicId, action: "pause" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/account/demands?saved=pause");
    const mine = await (await buyer.get("/account/demands?saved=pause")).text();
    expect(mine).toContain(viDemands.saved.pause);
    expect(mine).toContain(viDemands.status.paused);
    expect(await (await guest().get("/demands")).text()).not.toContain(TITLE);
    expect((await guest().get(`/demands/${publicId}`)).status).toBe(404);
    // Pausing it again is refused (409); resuming it from its own page puts it back on the board.
    const again = await buyer.post("/account/demands?index", { intent: "act", publicId, action: "pause" });
    expect(again.status).toBe(409);
    const back = await buyer.post(`/account/demands/${publicId}`, { intent: "act", action: "resume" });
    expect(back.headers.get("location")).toBe(`/account/demands/${publicId}?saved=resume`);
    expect(await (await guest().get("/demands")).text()).toContain(TITLE);
  });
});
