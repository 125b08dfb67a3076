import { afterAll, beforeAll, describe, expect, it } from "vitest";
import viGeo from "../../app/locales/vi/geo.json";
import viErrors from "../../app/locales/vi/errors.json";
import { DIALECTS } from "../support/db";
import { cooperativeForm, makeCooperative, makeUser, PASSWORD } from "../support/factories";
import { Browserless, startTestServer, type TestServer } from "../support/server";
import { interpolate } from "../support/text";

/**
 * An address the 2025 migration could not place (its ward left empty, the former units kept): the cooperative is
 * told on its dashboard, with the old address, until it chooses a ward on the new map and saves. A ward of
 * another province is refused beside the field, and nothing is saved.
 */
describe.each(DIALECTS)("confirming a moved address on %s", (dialect) => {
  let server: TestServer;
  let member: Browserless;
  const FORMER = "Huyện Đại Từ, Tỉnh Thái Nguyên";

  beforeAll(async () => {
    server = await startTestServer(dialect);
    const owner = await makeUser(server.container, { role: "cooperative", email: "dai.tu@example.com" });
    const coop = await makeCooperative(server.container, { name: "HTX Chè Đại Từ Xanh", ownerId: owner.id });
    // As migration 0009 leaves an address it cannot place.
    await server.container.db.models.Cooperative.update(
      { wardCode: null, formerUnits: FORMER, address: "Xóm Đồng Cẩm" },
      { where: { id: coop.id } },
    );
    member = new Browserless(server.url);
    expect((await member.post("/login", { email: "dai.tu@example.com", password: PASSWORD })).status).toBe(
      302,
    );
  });
  afterAll(async () => server?.close());

  const notice = interpolate(viGeo.addressNeedsWard, { units: FORMER });
  const profile = (overrides: Record<string, string>) => {
    const {
      fullName: _n,
      email: _e,
      phone: _p,
      password: _pw,
      passwordConfirm: _pc,
      privacyConsent: _c,
      ...fields
    } = cooperativeForm({ cooperativeName: "HTX Chè Đại Từ Xanh", address: "Xóm Đồng Cẩm", ...overrides });
    return fields;
  };

  it("shows the former address and asks for a ward until one is saved", async () => {
    const page = await (await member.get("/cooperative")).text();
    expect(page).toContain(notice);

    const mismatch = await member.post(
      "/cooperative/profile",
      profile({ provinceCode: "20", wardCode: "05818" }),
    );
    expect(mismatch.status).toBe(400);
    const refused = await mismatch.text();
    expect(refused).toContain(viErrors.ward_mismatch);
    const still = await server.container.db.models.Cooperative.findOne({
      where: { name: "HTX Chè Đại Từ Xanh" },
    });
    expect(still).toMatchObject({ wardCode: null, formerUnits: FORMER, provinceCode: "19" });

    const saved = await member.post(
      "/cooperative/profile",
      profile({ provinceCode: "19", wardCode: "05818" }),
    );
    expect(saved.status).toBe(302);
    const row = await server.container.db.models.Cooperative.findOne({
      where: { name: "HTX Chè Đại Từ Xanh" },
    });
    expect(row).toMatchObject({ provinceCode: "19", wardCode: "05818", formerUnits: null });
    expect(await (await member.get("/cooperative")).text()).not.toContain(notice);
  });
});
