import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "../../server/accounts/current-user";
import { createTestContainer, DIALECTS, type TestContainer } from "../support/db";
import { makeCooperative, makeUser, PASSWORD } from "../support/factories";

/**
 * Products keep the names buyers search by after the 2025 merger: a CSV written from older papers names Bắc Kạn,
 * the product lands in Thái Nguyên with "Bắc Kạn" as its origin region, and "miến dong Bắc Kạn" still finds it.
 */
describe.each(DIALECTS)("origins on the 2025 map on %s", (dialect) => {
  let c: TestContainer;
  let member: CurrentUser;

  beforeAll(async () => {
    c = await createTestContainer(dialect);
    const owner = await makeUser(c, { role: "cooperative", email: "mien.dong@example.com" });
    await makeCooperative(c, {
      name: "HTX Miến dong Côn Minh",
      ownerId: owner.id,
      provinceCode: "19",
      wardCode: "02185",
    });
    const { token } = await c.services.accounts.login({
      form: { email: "mien.dong@example.com", password: PASSWORD },
      meta: { ip: null, userAgent: null, locale: "vi" },
    });
    member = (await c.services.accounts.getUserForSession({ token }))!;
  });
  afterAll(async () => c?.destroy());

  it("imports a former province's name as the province it joined, keeping the name as the region", async () => {
    const text = [
      "sku,name_vi,description_vi,category,unit,price_vnd,status,origin_province,origin_region",
      "MD-1,Miến dong sợi nhỏ,Miến làm từ tinh bột dong riềng.,vermicelli_noodles,goi,65000,active,Bắc Kạn,",
      "MD-2,Miến dong sợi to,Miến làm từ tinh bột dong riềng.,vermicelli_noodles,goi,70000,active,bac kan,Na Rì",
      "MD-3,Tinh bột dong riềng,Bột dong lọc nhiều lần.,vermicelli_noodles,kg,90000,active,Thái Nguyên,",
    ].join("\n");
    expect(
      await c.services.catalogue.importProducts(member, {
        file: { data: Buffer.from(text) },
        dryRun: false,
      }),
    ).toMatchObject({ ok: true, created: 3 });
    const rows = await c.db.models.Product.findAll({ order: [["sku", "ASC"]] });
    expect(rows.map((p) => [p.sku, p.originProvinceCode, p.originRegion])).toEqual([
      ["MD-1", "19", "Bắc Kạn"],
      ["MD-2", "19", "Na Rì"],
      ["MD-3", "19", null],
    ]);
  });

  it("finds the product by its former province's name and by its province today", async () => {
    await c.worker.drain();
    const search = async (q: string) =>
      (await c.services.catalogue.searchProducts({ query: { q }, locale: "vi" })).hits
        .map((h) => h.name)
        .sort();
    expect(await search("miến dong Bắc Kạn")).toEqual(["Miến dong sợi nhỏ"]);
    expect(await search("mien dong bac kan")).toEqual(["Miến dong sợi nhỏ"]);
    // All three are in Thái Nguyên today (the starch through its category, "Miến, bún, phở").
    expect(await search("miến dong Thái Nguyên")).toEqual([
      "Miến dong sợi nhỏ",
      "Miến dong sợi to",
      "Tinh bột dong riềng",
    ]);
    // The product page says where it comes from in both names.
    const page = await c.services.catalogue.getProductPage({
      slug: (await c.db.models.Product.findOne({ where: { sku: "MD-1" } }))!.slug,
      viewer: null,
      locale: "vi",
    });
    expect(page.product).toMatchObject({
      originRegion: "Bắc Kạn",
      province: { code: "19", name: "Thái Nguyên" },
    });
  });
});
