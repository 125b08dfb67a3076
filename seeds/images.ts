/**
 * Demo pictures, drawn rather than downloaded (seeds/pictures): one per product, a logo per cooperative, a cover
 * per fair. Each SVG is rendered to PNG by sharp and stored through the real upload pipeline (server/images), so
 * the demo's pictures have the AVIF, WebP and JPEG variants, placeholders and content-hashed names that uploads
 * have. No picture carries writing: pages name the product in the reader's language.
 */
import sharp from "sharp";
import { processImage, type ImageStorage, type ProcessedImage } from "../server/images";
import { drawCooperativeEmblem, type EmblemCooperative } from "./pictures/emblem";
import { drawFairCover, type FairLandscape } from "./pictures/fair-cover";
import { drawProductPicture, type PictureProduct } from "./pictures/product-picture";

export { drawCooperativeEmblem, drawFairCover, drawProductPicture };

/**
 * Product pictures are drawn 640 × 480, so the pipeline keeps two widths (320, 640) of its four. Flat drawings
 * scale up cleanly on a 2× screen, and encoding 1280 px AVIF for 230 products would triple the seed's time.
 */
export const PRODUCT_PICTURE_SIZE = { width: 640, height: 480 } as const;
/** What a member's logo upload becomes (server/cooperatives/membership.ts setLogo): one 256 px square. */
export const LOGO_SIZE = 256;

/** PNG at the SVG's own size. Compression would only cost time: the pipeline decodes it at once. */
export function renderPng(svg: Buffer): Promise<Buffer> {
  return sharp(svg).png({ compressionLevel: 1 }).toBuffer();
}

/** A product's picture through the upload pipeline; `view` 1 is a second, differently composed picture. */
export async function seedProductPicture(
  product: PictureProduct,
  storage: ImageStorage,
  view = 0,
): Promise<ProcessedImage> {
  const { width, height } = PRODUCT_PICTURE_SIZE;
  const seeded = view ? { ...product, sku: `${product.sku}#${view}` } : product;
  return processImage(await renderPng(drawProductPicture(seeded, width, height)), storage, {
    folder: "products",
  });
}

/** A cooperative's emblem stored as its logo is when a member uploads one; resolves with the logo's URL. */
export async function seedCooperativeLogo(
  cooperative: EmblemCooperative,
  storage: ImageStorage,
): Promise<string> {
  const png = await renderPng(drawCooperativeEmblem(cooperative, LOGO_SIZE));
  const image = await processImage(png, storage, { widths: [LOGO_SIZE], folder: "logos", crop: "square" });
  return image.variants.find((v) => v.format === "webp")?.url ?? image.variants[0]!.url;
}

/** A fair's cover as a PNG upload, for the fairs use case that stores covers (setFairCover). */
export function fairCoverPng(seed: string, landscape: FairLandscape): Promise<Buffer> {
  return renderPng(drawFairCover(seed, landscape, 1280));
}

/**
 * `work` on every item, at most `limit` at a time, results in the items' order. Sharp already spreads one picture
 * over the cores; two pictures at once keep a two-core machine busy without thrashing.
 */
export async function inTurn<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>) {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export interface DemoPictures {
  /** Per product, in order: its pictures, main first. */
  products: ProcessedImage[][];
  /** Per cooperative, in order: its logo's URL. */
  logos: string[];
}

/** Every `SECOND_VIEW_EVERY`th product gets a second picture, so the product page's gallery has something to show. */
export const SECOND_VIEW_EVERY = 24;

/** Draw and store every product picture and cooperative logo of the demo, two at a time. */
export async function drawDemoPictures(
  storage: ImageStorage,
  demo: { products: readonly PictureProduct[]; cooperatives: readonly EmblemCooperative[] },
): Promise<DemoPictures> {
  type Job = { kind: "product"; index: number; view: number } | { kind: "logo"; index: number };
  const jobs: Job[] = [
    ...demo.products.flatMap((_, index) => [
      { kind: "product" as const, index, view: 0 },
      ...(index % SECOND_VIEW_EVERY === 0 ? [{ kind: "product" as const, index, view: 1 }] : []),
    ]),
    ...demo.cooperatives.map((_, index) => ({ kind: "logo" as const, index })),
  ];
  const products: ProcessedImage[][] = demo.products.map(() => []);
  const logos: string[] = [];
  await inTurn(jobs, 2, async (job) => {
    if (job.kind === "logo")
      logos[job.index] = await seedCooperativeLogo(demo.cooperatives[job.index]!, storage);
    else
      products[job.index]![job.view] = await seedProductPicture(demo.products[job.index]!, storage, job.view);
  });
  return { products, logos };
}
