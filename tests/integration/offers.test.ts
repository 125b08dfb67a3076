import { afterAll, beforeAll, describe, expect, it } from "vitest";
import viErrors from "../../app/locales/vi/errors.json";
import viOffers from "../../app/locales/vi/offers.json";
import type { CurrentUser } from "../../server/accounts/current-user";
import { Conflict, Forbidden, Invalid, NotFound } from "../../server/errors";
import { DIALECTS } from "../support/db";
import { currentUser, makeCooperative, makeProduct, makeUser, PASSWORD } from "../support/factories";
import { Browserless, startTestServer, type TestServer } from "../support/server";
import { html, interpolate, plain, vnd } from "../support/text";

/**
 * Issue 11 — cooperatives' supply offers ("chào bán"): posting one for an own product or as a free description,
 * the pause / resume / close lifecycle (a close raced from two hands moves it once), the console pages over HTTP
 * as a browser without JavaScript sends them, and the public profile, which lists active offers only.
 */

const offerForm = (overrides: Record<string, string | string[]> = {}) => ({
  category: "tea",
  title: "Chè búp Tân Cương vụ xuân",
  description: "Chè búp tươi hái một tôm hai lá, sao trong ngày, giao tại xưởng.",
  quantity: "500",
  unit: "kg",
  period: "monthly",
  priceMinVnd: "120.000",
  priceMaxVnd: "150000",
  seasonMonths: ["3", "4", "5"],
  certifications: ["vietgap"],
  ...overrides,
});

/** The text of the field message beside a field (FieldMessage renders `<p id="<name>-error">`). */
const fieldError = (page: string, name: string) =>
  page.match(new RegExp(`<p[^>]*\\bid="${name}-error"[^>]*>([^<]*)<`))?.[1] ?? null;

async function loggedIn(server: TestServer, email: string) {
  const b = new Browserless(server.url, { "accept-language": "vi" });
  const res = await b.post("/login", { email, password: PASSWORD, redirectTo: "/" });
  expect(res.status).toBe(302);
  return b;
}

describe.each(DIALECTS)("supply offers on %s", (dialect) => {
  let server: TestServer;
  let x: { user: CurrentUser; email: string; slug: string; teaId: number; teaName: string };
  let yNoodleId: number;
  let pending: CurrentUser;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    const c = server.container;
    const ownerX = await makeUser(c, { role: "cooperative" });
    const X = await makeCooperative(c, { name: "HTX Chè Tân Cương Hoàng Bình", ownerId: ownerX.id });
    const tea = await makeProduct(c, X.id, { nameVi: "Chè móc câu Hoàng Bình" });
    const ownerY = await makeUser(c, { role: "cooperative" });
    const Y = await makeCooperative(c, { name: "HTX Miến dong Côn Minh", ownerId: ownerY.id });
    yNoodleId = (await makeProduct(c, Y.id, { nameVi: "Miến dong Côn Minh" })).id;
    const ownerP = await makeUser(c, { role: "cooperative" });
    await makeCooperative(c, { name: "HTX Mật ong chờ duyệt", status: "pending", ownerId: ownerP.id });
    x = {
      user: await currentUser(c, ownerX.email),
      email: ownerX.email,
      slug: X.slug,
      teaId: tea.id,
      teaName: tea.nameVi,
    };
    pending = await currentUser(c, ownerP.email);
  });
  afterAll(async () => {
    await server?.close();
  });

  const matching = () => server.container.services.matching;

  it("posts an offer of an own product and a free one, and lists them with the product linked", async () => {
    const own = await matching().postOffer(x.user, {
      form: offerForm({ productId: String(x.teaId), title: "Chè móc câu Hoàng Bình hằng tháng" }),
    });
    const free = await matching().postOffer(x.user, {
      form: offerForm({ title: "Chè búp tươi vụ thu sắp hái", period: "seasonal", productId: "" }),
    });
    const mine = await matching().listOwnOffers(x.user, { locale: "vi" });
    const byId = new Map(mine.map((o) => [o.id, o]));
    expect(byId.get(own.id)).toMatchObject({
      status: "active",
      product: { id: x.teaId, name: x.teaName },
      priceMinVnd: 120000,
      priceMaxVnd: 150000,
      seasonMonths: [3, 4, 5],
      certifications: ["vietgap"],
    });
    expect(byId.get(free.id)).toMatchObject({ status: "active", product: null, period: "seasonal" });
  });

  it("refuses another cooperative's product beside the field, and a pending cooperative outright", async () => {
    const before = await server.container.db.models.Offer.count();
    const refused = await matching()
      .postOffer(x.user, { form: offerForm({ productId: String(yNoodleId) }) })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(Invalid);
    expect((refused as Invalid).fields).toEqual({ productId: { code: "choose_one" } });
    const notYet = await matching()
      .postOffer(pending, { form: offerForm() })
      .catch((e: unknown) => e);
    expect(notYet).toBeInstanceOf(Forbidden);
    expect((notYet as Forbidden).code).toBe("cooperative_not_approved");
    expect(await server.container.db.models.Offer.count()).toBe(before);
  });

  it("pauses, resumes and closes; a closed offer cannot be resumed or edited", async () => {
    const { id } = await matching().postOffer(x.user, { form: offerForm({ title: "Chè xanh vòng đời" }) });
    const act = (action: string) => matching().actOnOffer(x.user, { id, form: { action } });
    expect(await act("pause")).toEqual({ status: "paused" });
    expect(await act("resume")).toEqual({ status: "active" });
    expect(await act("close")).toEqual({ status: "closed" });
    const resumed = await act("resume").catch((e: unknown) => e);
    expect(resumed).toBeInstanceOf(Conflict);
    expect((resumed as Conflict).code).toBe("transition_refused");
    const edited = await matching()
      .updateOffer(x.user, { id, form: offerForm() })
      .catch((e: unknown) => e);
    expect(edited).toBeInstanceOf(NotFound);
    const row = await server.container.db.models.Offer.findByPk(id);
    expect(row?.status).toBe("closed");
  });

  it(`closes an offer once when two hands close it at the same moment (${dialect})`, async () => {
    const { id } = await matching().postOffer(x.user, { form: offerForm({ title: "Chè đóng hai lần" }) });
    const outcomes = await Promise.allSettled(
      [0, 1].map(() => matching().actOnOffer(x.user, { id, form: { action: "close" } })),
    );
    const done = outcomes.filter((o) => o.status === "fulfilled");
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected");
    expect(done).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.reason).toBeInstanceOf(Conflict);
    const audits = await server.container.db.models.AuditEvent.count({
      where: { action: "offer.close", entityId: String(id) },
    });
    expect(audits).toBe(1);
  });

  it("lists only active offers on the public profile", async () => {
    const post = (title: string) => matching().postOffer(x.user, { form: offerForm({ title }) });
    await post("Chè đang chào bán công khai");
    const paused = await post("Chè tạm dừng không hiện");
    const closed = await post("Chè đã đóng không hiện");
    await matching().actOnOffer(x.user, { id: paused.id, form: { action: "pause" } });
    await matching().actOnOffer(x.user, { id: closed.id, form: { action: "close" } });

    const cooperativeId = x.user.cooperative!.id;
    const listed = await matching().listCooperativeOffers({ cooperativeId, locale: "vi" });
    expect(listed.every((o) => o.status === "active")).toBe(true);

    const res = await new Browserless(server.url, { "accept-language": "vi" }).get(`/cooperatives/${x.slug}`);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain(viOffers.profile.title);
    expect(page).toContain("Chè đang chào bán công khai");
    expect(page).not.toContain("Chè tạm dừng không hiện");
    expect(page).not.toContain("Chè đã đóng không hiện");
    expect(plain(page)).toContain(
      interpolate(viOffers.price.range, { min: vnd(120000), max: vnd(150000), unit: "kg" }),
    );
    expect(page).toContain(interpolate(viOffers.quantity.monthly, { quantity: "500", unit: "kg" }));
  });

  it("over HTTP: posts from the form, keeps a refused form's values, and acts from the list", async () => {
    const b = await loggedIn(server, x.email);
    const form = await b.get("/cooperative/offers/new");
    expect(form.status).toBe(200);
    const formPage = await form.text();
    expect(formPage).toContain(`<option value="${x.teaId}">${html(x.teaName)}</option>`);

    // Y's product: 400, the message beside the product field, what was typed kept.
    const bad = await b.post(
      "/cooperative/offers/new",
      offerForm({ productId: String(yNoodleId), title: "Chè giữ lại khi lỗi" }),
    );
    expect(bad.status).toBe(400);
    const badPage = await bad.text();
    expect(fieldError(badPage, "productId")).toBe(html(viErrors.choose_one));
    expect(badPage).toContain('value="Chè giữ lại khi lỗi"');

    const created = await b.post(
      "/cooperative/offers/new",
      offerForm({ productId: String(x.teaId), title: "Chè gửi qua biểu mẫu" }),
    );
    expect(created.status).toBe(302);
    expect(created.headers.get("location")).toBe("/cooperative/offers?saved=created");
    const list = await (await b.get("/cooperative/offers?saved=created")).text();
    expect(list).toContain(html(viOffers.saved.created));
    expect(list).toContain("Chè gửi qua biểu mẫu");
    expect(list).toContain(viOffers.status.active);

    const row = await server.container.db.models.Offer.findOne({ where: { title: "Chè gửi qua biểu mẫu" } });
    const paused = await b.post("/cooperative/offers", {
      intent: "act",
      id: String(row!.id),
      action: "pause",
    });
    expect(paused.status).toBe(302);
    expect(paused.headers.get("location")).toBe("/cooperative/offers?saved=paused");
    await row!.reload();
    expect(row!.status).toBe("paused");

    // The edit page: a bad price range comes back beside the highest price.
    const edit = await b.post(`/cooperative/offers/${row!.id}`, {
      intent: "update",
      ...offerForm({ priceMinVnd: "200000", priceMaxVnd: "100000" }),
    });
    expect(edit.status).toBe(400);
    expect(fieldError(await edit.text(), "priceMaxVnd")).toBe(html(viErrors.price_range));
  });

  it("over HTTP: a pending cooperative sees a notice and is refused a post", async () => {
    const b = await loggedIn(server, pending.email);
    const page = await (await b.get("/cooperative/offers/new")).text();
    expect(page).toContain(html(viOffers.list.notApproved));
    expect(page).not.toContain('name="title"');
    const res = await b.post("/cooperative/offers/new", offerForm());
    expect(res.status).toBe(403);
  });
});
