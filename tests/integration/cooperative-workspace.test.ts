import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "../../server/accounts/current-user";
import { createTestContainer, DIALECTS, type TestContainer } from "../support/db";
import { currentUser, makeCooperative, makeProduct, makeUser, productForm } from "../support/factories";
import { BANK_ACCOUNT, buy, ordersOf, signedInBuyer } from "../support/orders";
import { vietnamDay } from "../../server/vocabulary/dates";
import { addDays } from "../../server/reports/period";

/** A picture of its own colour, so two calls give two different files (files are named by content). */
const picture = (background: string, width = 640) =>
  sharp({ create: { width, height: 480, channels: 3, background } })
    .jpeg()
    .toBuffer();

describe.each(DIALECTS)("the cooperative's workspace on %s", (dialect) => {
  let c: TestContainer;
  let member: CurrentUser;
  let other: CurrentUser;
  let coopId: number;
  let otherId: number;

  beforeAll(async () => {
    c = await createTestContainer(dialect);
    const owner = await makeUser(c, { role: "cooperative", email: "ws-owner@htx.vn" });
    coopId = (await makeCooperative(c, { name: "HTX Mơ Yên Tử", ownerId: owner.id })).id;
    member = await currentUser(c, "ws-owner@htx.vn");
    const otherOwner = await makeUser(c, { role: "cooperative", email: "ws-other@htx.vn" });
    otherId = (await makeCooperative(c, { name: "HTX Khác", ownerId: otherOwner.id })).id;
    other = await currentUser(c, "ws-other@htx.vn");
  });
  afterAll(async () => c?.destroy());

  /** Whether every stored file of the product's pictures (or of these hashes) is present. */
  const filesOf = async (hashes: string[]) => {
    const rows = await c.db.models.ProductImage.findAll({ where: { hash: hashes } });
    return rows.flatMap((r) => (JSON.parse(r.variants) as Array<{ key: string }>).map((v) => v.key));
  };

  describe("creating a product with its photos in one pass", () => {
    it("records the product and its photos in the order chosen, the first as the main one", async () => {
      const files = [await picture("#1f6f43"), await picture("#8a5a2b", 800)];
      const { id } = await c.services.catalogue.createProduct(member, productForm({ sku: "MO-A" }), files);
      const images = await c.db.models.ProductImage.findAll({
        where: { productId: id },
        order: [["position", "ASC"]],
      });
      expect(images.map((i) => [i.position, i.width])).toEqual([
        [0, 640],
        [1, 800],
      ]);
      const keys = await filesOf(images.map((i) => i.hash));
      expect(keys.length).toBeGreaterThan(0);
      for (const key of keys) expect(await c.storage.exists(key)).toBe(true);
    });

    it("refuses a file that is not a picture beside the photos field, naming it, and creates nothing", async () => {
      const before = await c.db.models.Product.count();
      await expect(
        c.services.catalogue.createProduct(member, productForm({ sku: "MO-B" }), [
          await picture("#225588"),
          Buffer.from("not a picture at all"),
        ]),
      ).rejects.toMatchObject({ fields: { images: { code: "not_an_image", params: { file: 2 } } } });
      expect(await c.db.models.Product.count()).toBe(before);
    });

    it("processes no photo for a form it refuses", async () => {
      await expect(
        c.services.catalogue.createProduct(member, productForm({ sku: "", nameVi: "" }), [
          Buffer.from("would be refused as a picture"),
        ]),
      ).rejects.toMatchObject({ fields: { sku: { code: "required" } } });
    });

    it("removes the files it stored when the product is not created, but keeps files another product shows", async () => {
      const shared = await picture("#ab3300");
      const own = await picture("#0033ab");
      const { id: first } = await c.services.catalogue.createProduct(member, productForm({ sku: "MO-C" }), [
        shared,
      ]);
      const [sharedRow] = await c.db.models.ProductImage.findAll({ where: { productId: first } });
      const sharedKeys = await filesOf([sharedRow!.hash]);

      // The same SKU again: refused inside the transaction, after both photos were processed and stored.
      await expect(
        c.services.catalogue.createProduct(member, productForm({ sku: "MO-C", nameVi: "Mơ khác" }), [
          shared,
          own,
        ]),
      ).rejects.toMatchObject({ fields: { sku: { code: "sku_taken" } } });
      expect(await c.db.models.Product.count({ where: { nameVi: "Mơ khác" } })).toBe(0);
      for (const key of sharedKeys) expect(await c.storage.exists(key)).toBe(true);

      // The other photo's files are gone: processing it again shows where they were.
      const { processImage } = await import("../../server/images");
      const scratch = new Map<string, Buffer>();
      const again = await processImage(own, {
        put: async (key, data) => void scratch.set(key, data),
        remove: async () => undefined,
        url: (key) => key,
        exists: async () => false,
      });
      expect(again.variants.length).toBeGreaterThan(0);
      for (const v of again.variants) expect(await c.storage.exists(v.key)).toBe(false);
    });

    it("refuses more photos than a product may have", async () => {
      const many = await Promise.all(
        Array.from({ length: 9 }, (_, i) => picture(`#${(i + 1).toString(16).repeat(6)}`)),
      );
      await expect(
        c.services.catalogue.createProduct(member, productForm({ sku: "MO-D" }), many),
      ).rejects.toMatchObject({ fields: { images: { code: "too_many_images" } } });
    });
  });

  describe("the dashboard's to-do cards", () => {
    it("names the listed products running low and the OCOP certificates expiring, its own only", async () => {
      const today = vietnamDay();
      const low = await makeProduct(c, coopId, { nameVi: "Mơ sắp hết", stock: 4 });
      // Above ten units but fewer than three minimum orders.
      await makeProduct(c, coopId, { nameVi: "Mơ thùng", stock: 50, minOrderQty: 20 });
      await makeProduct(c, coopId, { nameVi: "Mơ nháp", stock: 0, status: "draft" });
      await makeProduct(c, coopId, { nameVi: "Mơ đủ hàng", stock: 500 });
      await makeProduct(c, otherId, { nameVi: "Hàng HTX khác", stock: 1 });
      const expiring = await makeProduct(c, coopId, { nameVi: "Mơ OCOP", stock: 500 });
      const lapsed = await makeProduct(c, coopId, { nameVi: "Mơ OCOP cũ", stock: 500 });
      const fine = await makeProduct(c, coopId, { nameVi: "Mơ OCOP mới", stock: 500 });
      const ocop = (productId: number, expiresOn: string) =>
        c.db.models.ProductOcop.create({
          productId,
          stars: 4,
          certificateNo: `OCOP-${productId}`,
          issuedOn: "2024-01-01",
          expiresOn,
        });
      await ocop(expiring.id, addDays(today, 30));
      await ocop(lapsed.id, addDays(today, -3));
      await ocop(fine.id, addDays(today, 400));

      const tasks = await c.services.cooperativeFigures.cooperativeTasks(member, { locale: "vi" });
      expect(tasks.lowStock.items.map((p) => [p.name, p.stock])).toEqual([
        ["Mơ sắp hết", 4],
        ["Mơ thùng", 50],
      ]);
      expect(tasks.lowStock.count).toBe(2);
      expect(tasks.lowStock.items[0]!.id).toBe(low.id);
      expect(tasks.ocopExpiring.items.map((p) => [p.name, p.expired])).toEqual([
        ["Mơ OCOP cũ", true],
        ["Mơ OCOP", false],
      ]);
      expect(tasks.ocopExpiring.items[1]!.expiresOn).toBe(addDays(today, 30));
      expect(tasks.matches).toEqual({ fresh: 0, asked: 0 });

      const theirs = await c.services.cooperativeFigures.cooperativeTasks(other, { locale: "vi" });
      expect(theirs.lowStock.items.map((p) => p.name)).toEqual(["Hàng HTX khác"]);
      expect(theirs.ocopExpiring.count).toBe(0);
    });

    it("adds this week's orders to the last of eight weekly sales columns", async () => {
      const product = await makeProduct(c, coopId, {
        nameVi: "Mơ bán tuần này",
        priceVnd: 50_000,
        stock: 500,
      });
      await c.services.cooperatives.setBankAccount(member, BANK_ACCOUNT);
      const before = await c.services.cooperativeFigures.cooperativeTasks(member, { locale: "vi" });
      const buyer = await signedInBuyer(c);
      const { publicId } = await buy(c, buyer, [{ productId: product.id, quantity: 3 }], {
        paymentMethod: "bank_transfer",
      });
      const [order] = (await ordersOf(c, publicId)).orders;
      // A bank transfer counts once the cooperative has the money (as the monthly chart counts it).
      await c.services.orders.actOnOrder(member, { code: order!.code, action: "mark_paid" });
      const after = await c.services.cooperativeFigures.cooperativeTasks(member, { locale: "vi" });
      expect(after.salesWeeks).toHaveLength(8);
      expect(after.salesWeeks.at(-1)!.salesVnd - before.salesWeeks.at(-1)!.salesVnd).toBe(order!.subtotalVnd);
      expect(after.salesWeeks.at(-1)!.orders - before.salesWeeks.at(-1)!.orders).toBe(1);
      expect(after.salesWeeks.slice(0, -1)).toEqual(before.salesWeeks.slice(0, -1));
      // Weeks start on Monday.
      expect(after.salesWeeks.every((w) => new Date(`${w.from}T00:00:00Z`).getUTCDay() === 1)).toBe(true);
    });
  });

  describe("the batch register", () => {
    it("lists the cooperative's batches of every product, newest first, and no other cooperative's", async () => {
      const p = await makeProduct(c, coopId, { nameVi: "Mơ có lô" });
      const q = await makeProduct(c, otherId, { nameVi: "Hàng lô khác" });
      const batch = (productId: number, lotCode: string, producedOn: string) =>
        c.db.models.ProductBatch.create({
          productId,
          lotCode,
          publicCode: `PC${lotCode}`,
          producedOn,
          quantity: 100,
          expiresOn: null,
          notes: null,
        });
      await batch(p.id, "L-OLD", "2026-01-10");
      await batch(p.id, "L-NEW", "2026-03-10");
      await batch(q.id, "L-THEIRS", "2026-04-10");
      const rows = await c.services.catalogue.listOwnBatches(member, { locale: "vi" });
      expect(rows.map((r) => [r.lotCode, r.producedOn, r.product.name])).toEqual([
        ["L-NEW", "2026-03-10", "Mơ có lô"],
        ["L-OLD", "2026-01-10", "Mơ có lô"],
      ]);
    });
  });

  describe("bulk actions on the product list", () => {
    it("publishes or archives the ticked products in one transaction, each one's search entry queued", async () => {
      const a = await makeProduct(c, coopId, { nameVi: "Mơ loạt A", status: "draft" });
      const b = await makeProduct(c, coopId, { nameVi: "Mơ loạt B", status: "draft" });
      const already = await makeProduct(c, coopId, { nameVi: "Mơ loạt C", status: "active" });
      const jobs = () => c.db.models.Job.count({ where: { type: "product.changed>search-index" } });
      const before = await jobs();
      const { changed } = await c.services.catalogue.setProductsStatus(member, {
        form: { ids: [String(a.id), String(b.id), String(already.id)] },
        status: "active",
      });
      expect(changed).toBe(2);
      expect(await jobs()).toBe(before + 2);
      const statuses = await c.db.models.Product.findAll({ where: { id: [a.id, b.id, already.id] } });
      expect(statuses.map((p) => p.status)).toEqual(["active", "active", "active"]);
    });

    it("refuses another cooperative's product among the ticked ones and changes none", async () => {
      const mine = await makeProduct(c, coopId, { nameVi: "Mơ của tôi", status: "active" });
      const theirs = await makeProduct(c, otherId, { nameVi: "Hàng của họ", status: "active" });
      await expect(
        c.services.catalogue.setProductsStatus(member, {
          form: { ids: [String(mine.id), String(theirs.id)] },
          status: "archived",
        }),
      ).rejects.toMatchObject({ code: "not_your_product" });
      await expect(
        c.services.catalogue.setProductsStatus(member, { form: {}, status: "archived" }),
      ).rejects.toMatchObject({ fields: { ids: { code: "choose_products" } } });
      expect((await mine.reload()).status).toBe("active");
      expect((await theirs.reload()).status).toBe("active");
    });

    it("saves prices and stock typed in the rows, only those changed, and says which row is wrong", async () => {
      const a = await makeProduct(c, coopId, { nameVi: "Mơ giá A", priceVnd: 100_000, stock: 5 });
      const b = await makeProduct(c, coopId, { nameVi: "Mơ giá B", priceVnd: 200_000, stock: 7 });
      const rows = [String(a.id), String(b.id)];
      await expect(
        c.services.catalogue.editPricesAndStock(member, {
          form: {
            rows,
            [`price-${a.id}`]: "120.000",
            [`stock-${a.id}`]: "40",
            [`price-${b.id}`]: "hai trăm",
            [`stock-${b.id}`]: "-1",
          },
        }),
      ).rejects.toMatchObject({
        fields: { [`price-${b.id}`]: { code: "format" }, [`stock-${b.id}`]: { code: "too_small" } },
      });
      // The good row was not written either: all or nothing.
      expect((await a.reload()).priceVnd).toBe(100_000);

      const audits = () => c.db.models.AuditEvent.count({ where: { action: "product.updated" } });
      const before = await audits();
      const { changed } = await c.services.catalogue.editPricesAndStock(member, {
        form: {
          rows,
          [`price-${a.id}`]: "120.000",
          [`stock-${a.id}`]: "40",
          [`price-${b.id}`]: "200000",
          [`stock-${b.id}`]: "7",
        },
      });
      expect(changed).toBe(1);
      expect(await audits()).toBe(before + 1);
      expect(await a.reload()).toMatchObject({ priceVnd: 120_000, stock: 40 });
      expect(await b.reload()).toMatchObject({ priceVnd: 200_000, stock: 7 });
    });

    it("keeps a price above the product's volume prices", async () => {
      const p = await makeProduct(c, coopId, { nameVi: "Mơ có giá sỉ", priceVnd: 100_000 });
      await c.db.models.ProductPriceTier.create({ productId: p.id, minQty: 50, priceVnd: 90_000 });
      await expect(
        c.services.catalogue.editPricesAndStock(member, {
          form: { rows: String(p.id), [`price-${p.id}`]: "90000", [`stock-${p.id}`]: "100" },
        }),
      ).rejects.toMatchObject({
        fields: { [`price-${p.id}`]: { code: "price_not_above_tiers", params: { tier: 90_000 } } },
      });
      expect((await p.reload()).priceVnd).toBe(100_000);
    });
  });
});
