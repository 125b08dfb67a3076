import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "../../server/accounts/current-user";
import { MeilisearchEngine } from "../../server/search/meilisearch";
import { Forbidden, Invalid } from "../../server/errors";
import { createTestContainer, DIALECTS, type TestContainer } from "../support/db";
import { makeCooperative, makeUser, PASSWORD, productForm } from "../support/factories";
import { expandSources } from "../../server/vocabulary/pictures";

const product = (overrides: Record<string, string | string[]> = {}) =>
  productForm({
    sku: "TC-200",
    nameEn: "Tân Cương hook-shaped tea 200 g",
    descriptionVi: "Chè búp non sao thủ công, nước xanh, hậu ngọt.",
    ...overrides,
  });

describe.each(DIALECTS)("catalogue on %s", (dialect) => {
  let c: TestContainer;
  let member: CurrentUser;
  let outsider: CurrentUser;
  let coopId: number;

  const current = async (email: string) => {
    const { token } = await c.services.accounts.login({
      form: { email, password: PASSWORD },
      meta: { ip: null, userAgent: null, locale: "vi" },
    });
    return (await c.services.accounts.getUserForSession({ token }))!;
  };

  beforeAll(async () => {
    c = await createTestContainer(dialect);
    const owner = await makeUser(c, { role: "cooperative", email: "owner@htx.vn" });
    coopId = (await makeCooperative(c, { name: "HTX Chè Tân Cương Xanh", ownerId: owner.id })).id;
    const other = await makeUser(c, { role: "cooperative", email: "other@htx.vn" });
    await makeCooperative(c, { name: "HTX Khác", ownerId: other.id });
    member = await current("owner@htx.vn");
    outsider = await current("other@htx.vn");
  });
  afterAll(async () => c?.destroy());

  it("creates a product, and it becomes searchable once the outbox job has run", async () => {
    const { id, slug } = await c.services.catalogue.createProduct(member, product());
    expect(slug).toBe("tra-moc-cau-tan-cuong-hop-200g");
    const stored = await c.db.models.Product.findByPk(id);
    expect(stored).toMatchObject({
      priceVnd: 180000,
      stock: 120,
      harvestMonths: "3,4,5",
      tags: '["chè xanh","quà biếu"]',
    });
    expect(
      await c.db.models.Job.count({ where: { type: "product.changed>search-index", status: "pending" } }),
    ).toBeGreaterThan(0);
    // Not yet indexed: the database commit and the index are decoupled.
    expect(
      (await c.services.catalogue.searchProducts({ query: { q: "tra tan cuong" }, locale: "vi" })).total,
    ).toBe(0);
    await c.worker.drain();
    const found = await c.services.catalogue.searchProducts({ query: { q: "tra tan cuong" }, locale: "vi" });
    expect(found.hits.map((h) => h.slug)).toEqual([slug]);
    expect(found.hits[0]).toMatchObject({
      priceVnd: 180000,
      cooperative: { name: "HTX Chè Tân Cương Xanh" },
      inStock: true,
    });
  });

  it("refuses bad input field by field and a SKU used twice in one cooperative", async () => {
    await expect(
      c.services.catalogue.createProduct(member, product({ priceVnd: "abc", category: "gold", unit: "" })),
    ).rejects.toMatchObject({
      fields: { priceVnd: { code: "format" }, category: { code: "choose_one" }, unit: { code: "required" } },
    });
    await expect(c.services.catalogue.createProduct(member, product())).rejects.toMatchObject({
      fields: { sku: { code: "sku_taken" } },
    });
    // Another cooperative may use the same SKU.
    await expect(
      c.services.catalogue.createProduct(outsider, product({ nameVi: "Trà của HTX khác" })),
    ).resolves.toBeTruthy();
  });

  it("settles concurrent creations by the database: one product per SKU, a distinct slug for each name", async () => {
    const sameSku = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) =>
        c.services.catalogue.createProduct(member, product({ sku: "RACE-1", nameVi: `Chè tranh mã ${i}` })),
      ),
    );
    expect(sameSku.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of sameSku)
      if (r.status === "rejected") expect(r.reason).toMatchObject({ fields: { sku: { code: "sku_taken" } } });
    expect(await c.db.models.Product.count({ where: { sku: "RACE-1" } })).toBe(1);

    const sameName = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        c.services.catalogue.createProduct(member, product({ sku: `RACE-N${i}`, nameVi: "Chè tranh tên" })),
      ),
    );
    expect(new Set(sameName.map((p) => p.slug)).size).toBe(6);
    expect(sameName.map((p) => p.slug)).toContain("che-tranh-ten");
  });

  it("lets only the owning cooperative (and staff) change a product", async () => {
    const { id } = await c.services.catalogue.createProduct(
      member,
      product({ sku: "TC-500", nameVi: "Trà Tân Cương 500g" }),
    );
    await expect(
      c.services.catalogue.updateProduct(outsider, { productId: id, form: product({ sku: "TC-500" }) }),
    ).rejects.toBeInstanceOf(Forbidden);
    await expect(
      c.services.catalogue.setProductStatus(outsider, { productId: id, status: "archived" }),
    ).rejects.toBeInstanceOf(Forbidden);
    const buyer = await current((await makeUser(c)).email);
    await expect(c.services.catalogue.createProduct(buyer, product())).rejects.toBeInstanceOf(Forbidden);
    const staff = await current((await makeUser(c, { role: "staff" })).email);
    await c.services.catalogue.setProductStatus(staff, { productId: id, status: "archived" });
    expect((await c.db.models.Product.findByPk(id))!.status).toBe("archived");
  });

  it("removes archived and draft products from search, and products of cooperatives that are not approved", async () => {
    const { id, slug } = await c.services.catalogue.createProduct(
      member,
      product({ sku: "MD-1", nameVi: "Miến dong đặc sản Tân Cương", category: "vermicelli_noodles" }),
    );
    await c.worker.drain();
    const find = async () =>
      (await c.services.catalogue.searchProducts({ query: { q: "mien dong" }, locale: "vi" })).hits.map(
        (h) => h.slug,
      );
    expect(await find()).toContain(slug);
    await c.services.catalogue.setProductStatus(member, { productId: id, status: "draft" });
    await c.worker.drain();
    expect(await find()).not.toContain(slug);
    await c.services.catalogue.setProductStatus(member, { productId: id, status: "active" });
    await c.worker.drain();
    expect(await find()).toContain(slug);
    // The cooperative loses its approval: its products leave the catalogue; the product page is gone too.
    const staff = await current((await makeUser(c, { role: "staff" })).email);
    await c.db.models.Cooperative.update({ status: "pending" }, { where: { id: coopId } });
    await c.db.transaction((t) => c.events.publish(t, "cooperative.changed", { cooperativeId: coopId }));
    await c.worker.drain();
    expect(await find()).not.toContain(slug);
    await expect(
      c.services.catalogue.getProductPage({ slug, viewer: null, locale: "vi" }),
    ).rejects.toMatchObject({ status: 404 });
    expect(
      (await c.services.catalogue.getProductPage({ slug, viewer: staff, locale: "vi" })).product.slug,
    ).toBe(slug);
    await c.db.models.Cooperative.update({ status: "approved" }, { where: { id: coopId } });
    await c.db.transaction((t) => c.events.publish(t, "cooperative.changed", { cooperativeId: coopId }));
    await c.worker.drain();
    expect(await find()).toContain(slug);
  });

  it("shows an OCOP badge only while the certificate is valid", async () => {
    const { id, slug } = await c.services.catalogue.createProduct(
      member,
      product({ sku: "OCOP-1", nameVi: "Chè nõn tôm OCOP" }),
    );
    await expect(
      c.services.catalogue.setOcopCertificate(member, {
        productId: id,
        form: { stars: "6", certificateNo: "X", issuedOn: "2026-01-01" },
      }),
    ).rejects.toBeInstanceOf(Invalid);
    await c.services.catalogue.setOcopCertificate(member, {
      productId: id,
      form: {
        stars: "4",
        certificateNo: "OCOP-TN-2025-0042",
        issuedOn: "2025-02-01",
      },
    });
    await c.worker.drain();
    const page = await c.services.catalogue.getProductPage({ slug, viewer: null, locale: "vi" });
    expect(page.product.ocop).toMatchObject({ stars: 4, expiresOn: "2028-01-31", valid: true });
    expect(page.product.ocopStars).toBe(4);
    const card = (
      await c.services.catalogue.searchProducts({ query: { ocop_min: "4" }, locale: "vi" })
    ).hits.find((h) => h.slug === slug);
    expect(card?.ocopStars).toBe(4);
    // A job is waiting for the day it expires, so the index drops the badge by itself.
    const later = await c.db.models.Job.findAll({
      where: { type: "product.changed>search-index", status: "pending" },
    });
    expect(later.some((j) => j.runAt.getTime() > Date.parse("2028-01-31T00:00:00Z"))).toBe(true);

    await c.services.catalogue.setOcopCertificate(member, {
      productId: id,
      form: {
        stars: "4",
        certificateNo: "OCOP-TN-2022-0001",
        issuedOn: "2022-03-01",
      },
    });
    await c.worker.drain();
    const expired = await c.services.catalogue.getProductPage({ slug, viewer: null, locale: "vi" });
    expect(expired.product.ocop).toMatchObject({ valid: false, expiresOn: "2025-02-28" });
    expect(expired.product.ocopStars).toBeNull();
    const search = await c.services.catalogue.searchProducts({ query: { ocop_min: "3" }, locale: "vi" });
    expect(search.hits.map((h) => h.slug)).not.toContain(slug);
    const byName = await c.services.catalogue.searchProducts({
      query: { q: "chè nõn tôm OCOP" },
      locale: "vi",
    });
    expect(byName.hits.find((h) => h.slug === slug)?.ocopStars).toBeNull();
  });

  it("shows a product's main picture on its card, whichever pictures came and went", async () => {
    const { id, slug } = await c.services.catalogue.createProduct(
      member,
      product({ sku: "PIC-1", nameVi: "Nấm hương rừng sấy khô" }),
    );
    const cardImage = async () => {
      const { hits } = await c.services.catalogue.searchProducts({
        query: { q: "nấm hương rừng" },
        locale: "vi",
      });
      return hits.find((h) => h.slug === slug)?.image ?? null;
    };
    await c.worker.drain();
    expect(await cardImage()).toBeNull();

    const picture = (width: number) =>
      sharp({ create: { width, height: 600, channels: 3, background: "#8a5a2b" } })
        .jpeg()
        .toBuffer();
    await c.services.catalogue.addProductImages(member, {
      productId: id,
      files: [await picture(800), await picture(900)],
    });
    expect(await cardImage()).toMatchObject({ width: 800, height: 600 });
    expect(expandSources((await cardImage())!.sources).map((v) => v.format)).toContain("avif");

    const [first, second] = await c.db.models.ProductImage.findAll({
      where: { productId: id },
      order: [["id", "ASC"]],
    });
    await c.services.catalogue.makePrimaryImage(member, { productId: id, imageId: second!.id });
    expect(await cardImage()).toMatchObject({ id: second!.id, width: 900 });
    // The main picture removed: the one left is the card's, though nothing is at the first position any more.
    await c.services.catalogue.removeProductImage(member, { productId: id, imageId: second!.id });
    expect(await cardImage()).toMatchObject({ id: first!.id, width: 800 });
  });

  it("keeps batches for traceability, with a public page per batch", async () => {
    const { id } = await c.services.catalogue.createProduct(
      member,
      product({ sku: "LOT-1", nameVi: "Chè búp lô truy xuất" }),
    );
    await expect(
      c.services.catalogue.addBatch(member, {
        productId: id,
        form: {
          lotCode: "TC-A",
          producedOn: "2026-03-10",
          quantity: "100",
          expiresOn: "2026-01-01",
        },
      }),
    ).rejects.toMatchObject({
      fields: { expiresOn: { code: "expires_before_produced" } },
    });
    const { publicCode } = await c.services.catalogue.addBatch(member, {
      productId: id,
      form: {
        lotCode: "TC-A",
        producedOn: "2026-03-10",
        quantity: "100",
        expiresOn: "2027-03-10",
        notes: "Hái tay, sao chảo gang.",
      },
    });
    await expect(
      c.services.catalogue.addBatch(member, {
        productId: id,
        form: { lotCode: "TC-A", producedOn: "2026-03-11", quantity: "5" },
      }),
    ).rejects.toMatchObject({ fields: { lotCode: { code: "lot_taken" } } });
    const trace = await c.services.catalogue.getTracePage({ publicCode, locale: "en" });
    expect(trace.batch).toMatchObject({
      lotCode: "TC-A",
      producedOn: "2026-03-10",
      quantity: 100,
      notes: "Hái tay, sao chảo gang.",
    });
    expect(trace.cooperative.name).toBe("HTX Chè Tân Cương Xanh");
    expect(publicCode).toMatch(/^[A-Za-z0-9_-]{12}$/);
    await expect(
      c.services.catalogue.getTracePage({ publicCode: "khong-co", locale: "vi" }),
    ).rejects.toMatchObject({ status: 404 });
  });

  it("imports OCOP dates written day first (02/12/2025) and names the row of an impossible one", async () => {
    const header =
      "sku,name_vi,description_vi,category,unit,price_vnd,status,origin_province,ocop_stars,ocop_certificate_no,ocop_issued_on";
    const rows = (secondDate: string) =>
      [
        header,
        "CSV-OCOP-1,Chè móc câu OCOP bốn sao,Chè búp non sao thủ công.,tea,hop,180000,active,Thái Nguyên,4,OCOP-TN-2025-0101,02/12/2025",
        `CSV-OCOP-2,Chè nõn tôm OCOP ba sao,Chè nõn tôm sao thủ công.,tea,hop,260000,active,Thái Nguyên,3,OCOP-TN-2025-0102,${secondDate}`,
        "CSV-OCOP-3,Chè xanh chưa xếp hạng,Chè xanh hái máy đóng túi.,tea,tui,90000,active,Thái Nguyên,,,",
      ].join("\n");
    const run = (text: string) =>
      c.services.catalogue.importProducts(member, {
        file: { data: Buffer.from(text) },
        dryRun: false,
      });
    const ocopOf = async (sku: string) => {
      const p = await c.db.models.Product.findOne({ where: { cooperativeId: coopId, sku } });
      return p && c.db.models.ProductOcop.findOne({ where: { productId: p.id } });
    };

    // 31 February: the row and column are named with the translated "date" error, and nothing is written.
    expect(await run(rows("31/02/2025"))).toEqual({
      ok: false,
      dryRun: false,
      rows: 3,
      problems: [{ line: 3, column: "ocop_issued_on", code: "date", params: { value: "31/02/2025" } }],
      reportId: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    expect(await c.db.models.Product.count({ where: { cooperativeId: coopId, sku: "CSV-OCOP-1" } })).toBe(0);
    // Half a certificate is no certificate; a date to come is not an issue date.
    const halves = await run(rows("15/03/2025").replace(",4,OCOP-TN-2025-0101,", ",4,,"));
    expect(halves).toMatchObject({
      problems: [{ line: 2, column: "ocop_certificate_no", code: "required" }],
    });
    expect(await run(rows("1/1/2999"))).toMatchObject({
      problems: [{ line: 3, column: "ocop_issued_on", code: "date_in_future" }],
    });

    // d/m/yyyy without leading zeros, and ISO, are read too.
    expect(await run(rows("2/3/2025"))).toMatchObject({ ok: true, created: 3 });
    expect(await ocopOf("CSV-OCOP-1")).toMatchObject({
      stars: 4,
      certificateNo: "OCOP-TN-2025-0101",
      issuedOn: "2025-12-02",
      expiresOn: "2028-12-01",
    });
    expect(await ocopOf("CSV-OCOP-2")).toMatchObject({ stars: 3, issuedOn: "2025-03-02" });
    expect(await ocopOf("CSV-OCOP-3")).toBeNull();
    expect(await run(rows("2025-03-04"))).toMatchObject({ ok: true, updated: 3 });
    expect(await ocopOf("CSV-OCOP-2")).toMatchObject({ issuedOn: "2025-03-04" });

    // A row without OCOP cells leaves the certificate the product has.
    await run(rows("2025-03-04").replace(",4,OCOP-TN-2025-0101,02/12/2025", ",,,"));
    expect(await ocopOf("CSV-OCOP-1")).toMatchObject({ issuedOn: "2025-12-02" });
  });

  it("answers from the database, with a notice, when the search engine is unreachable", async () => {
    const down = await createTestContainer(
      dialect,
      {},
      { searchEngine: new MeilisearchEngine({ url: "http://127.0.0.1:9", apiKey: "x" }) },
    );
    try {
      const owner = await makeUser(down, { role: "cooperative", email: "down@htx.vn" });
      await makeCooperative(down, { name: "HTX Miến Na Rì", ownerId: owner.id });
      const { token } = await down.services.accounts.login({
        form: { email: "down@htx.vn", password: PASSWORD },
        meta: { ip: null, userAgent: null, locale: "vi" },
      });
      const user = (await down.services.accounts.getUserForSession({ token }))!;
      await down.services.catalogue.createProduct(
        user,
        product({
          sku: "MD",
          nameVi: "Miến dong Na Rì gói 500g",
          category: "vermicelli_noodles",
          priceVnd: "65000",
        }),
      );
      await down.services.catalogue.createProduct(
        user,
        product({ sku: "TC", nameVi: "Trà Tân Cương", priceVnd: "180000" }),
      );
      // The index jobs fail and stay queued for a retry; nothing is lost.
      const run = await down.worker.runOnce();
      expect(run.retried).toBeGreaterThan(0);
      expect(
        await down.db.models.Job.count({
          where: { type: "product.changed>search-index", status: "pending" },
        }),
      ).toBe(2);
      const r = await down.services.catalogue.searchProducts({ query: { q: "miến dong" }, locale: "vi" });
      expect(r.degraded).toBe(true);
      expect(r.engine).toBe("database");
      expect(r.hits.map((h) => h.name)).toEqual(["Miến dong Na Rì gói 500g"]);
      const cheap = await down.services.catalogue.searchProducts({
        query: { price: "50k-100k" },
        locale: "vi",
      });
      expect(cheap.hits.map((h) => h.name)).toEqual(["Miến dong Na Rì gói 500g"]);
    } finally {
      await down.destroy();
    }
  });
});
