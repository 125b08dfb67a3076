import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "../../server/accounts/current-user";
import { createTestContainer, DIALECTS, type TestContainer } from "../support/db";
import { currentUser, makeCooperative, makeUser, productForm } from "../support/factories";

/** A picture of its own colour, so two calls give two different files (files are named by content). */
const picture = (background: string, width = 640) =>
  sharp({ create: { width, height: 480, channels: 3, background } })
    .jpeg()
    .toBuffer();

describe.each(DIALECTS)("the cooperative's workspace on %s", (dialect) => {
  let c: TestContainer;
  let member: CurrentUser;

  beforeAll(async () => {
    c = await createTestContainer(dialect);
    const owner = await makeUser(c, { role: "cooperative", email: "ws-owner@htx.vn" });
    await makeCooperative(c, { name: "HTX Mơ Yên Tử", ownerId: owner.id });
    member = await currentUser(c, "ws-owner@htx.vn");
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
});
