import { createHash } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalImageStorage } from "../../server/images";
import { cooperatives } from "../../seeds/data/cooperatives";
import { products } from "../../seeds/data/products";
import {
  drawCooperativeEmblem,
  drawFairCover,
  drawProductPicture,
  fairCoverPng,
  seedCooperativeLogo,
  seedProductPicture,
} from "../../seeds/images";
import { containerOf } from "../../seeds/pictures/recipes";

/**
 * Issue 15: the demo catalogue's pictures. Every product has its own (not one clip-art per category), none has
 * writing baked in (the pages name products in the reader's language), and they go through the real pipeline.
 */

let root: string;
let storage: LocalImageStorage;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "htx-demo-images-"));
  storage = new LocalImageStorage(path.join(root, "uploads"), "/uploads");
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

/** The picture as 32 × 24 grey pixels: enough to tell compositions apart, blind to tiny differences. */
async function thumbnail(svg: Buffer) {
  return sharp(svg).resize(32, 24, { fit: "fill" }).greyscale().raw().toBuffer();
}
/** Mean absolute difference of two thumbnails, 0–255. */
function distance(a: Buffer, b: Buffer) {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum / a.length;
}

const TEXT = /<(text|tspan|textPath)\b/i;

describe("demo pictures", () => {
  it("draws no writing into any picture: products (both views), logos, fair covers", () => {
    for (const p of products) {
      for (const view of [p, { ...p, sku: `${p.sku}#1` }]) {
        const svg = drawProductPicture(view).toString("utf8");
        expect(svg, p.sku).not.toMatch(TEXT);
        // Nor the name smuggled in some other way.
        expect(svg, p.sku).not.toContain(p.nameVi);
      }
    }
    for (const c of cooperatives) expect(drawCooperativeEmblem(c).toString("utf8"), c.name).not.toMatch(TEXT);
    for (const landscape of ["tea_hills", "mountains"] as const)
      expect(drawFairCover("a-fair", landscape).toString("utf8")).not.toMatch(TEXT);
  });

  it("gives every product and every cooperative a picture of its own, the same on every seed", () => {
    const pictures = products.map((p) => sha(drawProductPicture(p)));
    expect(new Set(pictures).size).toBe(products.length);
    expect(sha(drawProductPicture(products[0]!))).toBe(pictures[0]);
    const emblems = cooperatives.map((c) => sha(drawCooperativeEmblem(c)));
    expect(new Set(emblems).size).toBe(cooperatives.length);
  });

  it("composes the seven Tân Cương teas of one cooperative visibly differently", async () => {
    const teas = products.filter((p) => p.cooperative === "HTX Chè Hồng Phúc Tân Cương");
    expect(teas).toHaveLength(7);
    const thumbs = await Promise.all(teas.map((p) => thumbnail(drawProductPicture(p, 320, 240))));
    for (let i = 0; i < thumbs.length; i++) {
      for (let j = i + 1; j < thumbs.length; j++) {
        // Same drawing with a nudged coordinate or colour would score 1–3; different compositions score far more.
        expect(distance(thumbs[i]!, thumbs[j]!), `${teas[i]!.sku} vs ${teas[j]!.sku}`).toBeGreaterThan(10);
      }
    }
  });

  it("tells star anise from cinnamon, and vermicelli from phở, within a category", async () => {
    const pick = (sku: string) => products.find((p) => p.sku === sku)!;
    const pairs = [
      ["TL-HOI-L1-KG", "QU-THANHCUON-KG"],
      ["BL-MIEN-500G", "HL-PHO-500G"],
      ["BK-KHO-KG", "DN-LAKHO-500G"],
      ["NA-HUONGKHO-500G", "NA-LINHCHI-500G"],
    ];
    for (const [a, b] of pairs) {
      const [ta, tb] = await Promise.all(
        [a, b].map((s) => thumbnail(drawProductPicture(pick(s!), 320, 240))),
      );
      expect(distance(ta!, tb!), `${a} vs ${b}`).toBeGreaterThan(10);
    }
  });

  it("reads the pack from the name", () => {
    expect(containerOf("Tinh dầu hồi nguyên chất chai 10ml")).toBe("dropper");
    expect(containerOf("Tinh dầu hồi chai 1 lít (hàng sỉ)")).toBe("jug");
    expect(containerOf("Mật ong bạc hà Sủng Là chai 500ml")).toBe("bottle");
    expect(containerOf("Gạo Bao thai Định Hóa túi hút chân không 5kg")).toBe("brick");
    expect(containerOf("Hộp quà Tết chè Tân Cương 2026")).toBe("gift");
    expect(containerOf("Trà xanh túi lọc La Bằng hộp 25 túi")).toBe("teabags");
    expect(containerOf("Chè xanh Tân Cương phổ thông (bán sỉ)")).toBe("sack");
    expect(containerOf("Hoa hồi Văn Quan hũ 100g")).toBe("jar");
    expect(containerOf("Miến dong Chợ Đồn gói 500g")).toBe("pouch");
    expect(containerOf("Hồng trà Trại Cài gói 100g")).toBe("pouch");
    expect(containerOf("Bưởi Sửu Chí Đám (mùa vụ)")).toBe("none");
  });

  it("runs pictures through the upload pipeline like a member's upload", async () => {
    const product = await seedProductPicture(products[0]!, storage);
    expect([product.width, product.height]).toEqual([640, 480]);
    expect(product.variants.map((v) => `${v.format} ${v.width}`).sort()).toEqual([
      "avif 320",
      "avif 640",
      "jpeg 320",
      "jpeg 640",
      "webp 320",
      "webp 640",
    ]);
    const second = await seedProductPicture(products[0]!, storage, 1);
    expect(second.hash).not.toBe(product.hash);

    const logo = await seedCooperativeLogo(cooperatives[0]!, storage);
    expect(logo).toMatch(/^\/uploads\/logos\/[0-9a-f]{2}\/[0-9a-f]{64}-256\.webp$/);
    expect(await storage.exists(logo.slice("/uploads/".length))).toBe(true);

    const cover = await sharp(await fairCoverPng("thai-nguyen", "tea_hills")).metadata();
    expect([cover.width, cover.height]).toEqual([1280, 640]);
  });
});
