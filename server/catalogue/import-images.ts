import JSZip from "jszip";
import { Op, type Transaction } from "sequelize";
import type { Database } from "../db";
import { ImageRejected, processImage, type ImageStorage, type ProcessedImage } from "../images";
import { MAX_IMAGE_BYTES, MAX_PRODUCT_IMAGES } from "../vocabulary/domain";
import { MAX_IMPORT_IMAGES, type ImportProblem } from "./csv-columns";
import { ImageFetchFailed, type ImageFetcher } from "./image-fetch";
import type { CheckedRow } from "./import-validation";

/** A picture for a product, from a URL or from the ZIP sent with the file. */
interface ImageSource {
  /** The URL or the name in the ZIP, as the report names it. */
  name: string;
  read: () => Promise<Buffer>;
}

const PICTURE_FILE = /\.(jpe?g|png|webp|avif|gif|tiff?)$/i;
const MAX_ZIP_ENTRIES = 2000;

/**
 * The pictures of a ZIP by the SKU they are named after: "TC-200.jpg", "TC-200-2.jpg", "TC-200_2.png" or any
 * picture in a folder "TC-200/". Names are compared without case. Other files (system files, notes) are left
 * aside; a picture whose name matches no SKU of the file is a problem, as a misspelt SKU would lose it silently.
 */
export async function readImageZip(data: Uint8Array): Promise<
  | {
      ok: true;
      pictures: Array<{ name: string; stem: string; folder: string | null; read: () => Promise<Buffer> }>;
    }
  | { ok: false; problem: ImportProblem }
> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(data);
  } catch {
    return { ok: false, problem: { line: 0, column: null, code: "import_zip_unreadable" } };
  }
  const entries = Object.values(zip.files).filter(
    (f) => !f.dir && !f.name.split("/").some((part) => part.startsWith(".") || part === "__MACOSX"),
  );
  if (entries.length > MAX_ZIP_ENTRIES)
    return {
      ok: false,
      problem: { line: 0, column: null, code: "import_zip_too_many", params: { max: MAX_ZIP_ENTRIES } },
    };
  const maxMb = Math.round(MAX_IMAGE_BYTES / 1024 / 1024);
  return {
    ok: true,
    pictures: entries
      .filter((f) => PICTURE_FILE.test(f.name))
      .map((f) => {
        const parts = f.name.split("/");
        const base = parts[parts.length - 1]!;
        return {
          name: f.name,
          stem: base.replace(PICTURE_FILE, ""),
          folder: parts.length > 1 ? parts[parts.length - 2]! : null,
          read: async () => {
            // The size the archive declares is checked before inflating, so a small ZIP cannot unpack to gigabytes.
            const declared = (f as unknown as { _data?: { uncompressedSize?: number } })._data
              ?.uncompressedSize;
            if (declared !== undefined && declared > MAX_IMAGE_BYTES)
              throw new ImageRejected("image_too_large", { maxMb });
            const bytes = await f.async("nodebuffer");
            if (bytes.length > MAX_IMAGE_BYTES) throw new ImageRejected("image_too_large", { maxMb });
            return bytes;
          },
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name, "en", { numeric: true })),
  };
}

type ZipPictures = Extract<Awaited<ReturnType<typeof readImageZip>>, { ok: true }>["pictures"];

function picturesOf(sku: string, zip: ZipPictures): ImageSource[] {
  const key = sku.toLowerCase();
  const suffixed = new RegExp(`^${key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}[-_ ]\\d+$`);
  return zip
    .filter((p) => {
      const stem = p.stem.toLowerCase();
      return stem === key || suffixed.test(stem) || p.folder?.toLowerCase() === key;
    })
    .map((p) => ({ name: p.name, read: p.read }));
}

/**
 * Fetch (URLs) or unpack (ZIP) every row's pictures and put each through the image pipeline, outside any
 * transaction; a picture that cannot be had is a problem of its row, named with its URL or file name. A product
 * keeps at most MAX_PRODUCT_IMAGES pictures, counting those it has. The check runs this too, so it answers as
 * the import will (the pipeline's files are named by content, so a picture checked then imported is stored once).
 */
export async function gatherImages(
  db: Database,
  storage: ImageStorage,
  fetchImage: ImageFetcher,
  rows: CheckedRow[],
  zip: ZipPictures | null,
  existing: Map<string, number>,
): Promise<{ images: Map<number, ProcessedImage[]>; problems: ImportProblem[] }> {
  const images = new Map<number, ProcessedImage[]>();
  const problems: ImportProblem[] = [];
  const sources = new Map<number, ImageSource[]>();
  const used = new Set<string>();
  for (const r of rows) {
    if (!r.valid) continue;
    const fromZip = zip ? picturesOf(r.valid.data.sku, zip) : [];
    fromZip.forEach((p) => used.add(p.name));
    const all = [...r.valid.imageUrls.map((url) => ({ name: url, read: () => fetchImage(url) })), ...fromZip];
    if (all.length) sources.set(r.line, all);
  }
  for (const p of zip ?? [])
    if (!used.has(p.name))
      problems.push({ line: 0, column: null, code: "import_zip_unmatched", params: { value: p.name } });
  const total = [...sources.values()].reduce((n, s) => n + s.length, 0);
  if (total > MAX_IMPORT_IMAGES) {
    problems.push({
      line: 0,
      column: null,
      code: "import_too_many_images",
      params: { max: MAX_IMPORT_IMAGES },
    });
    return { images, problems };
  }

  const productIds = rows.flatMap((r) => {
    const id = r.valid && existing.get(`${r.valid.cooperative.id}:${r.valid.data.sku}`);
    return id && sources.has(r.line) ? [id] : [];
  });
  const had = productIds.length
    ? await db.models.ProductImage.findAll({
        where: { productId: { [Op.in]: productIds } },
        attributes: ["productId", "hash"],
      })
    : [];

  for (const r of rows) {
    const list = sources.get(r.line);
    if (!r.valid || !list) continue;
    const processed: ProcessedImage[] = [];
    for (const source of list) {
      try {
        processed.push(await processImage(await source.read(), storage, { folder: "products" }));
      } catch (error) {
        const column = source.name.includes("://") ? "image_urls" : "images";
        if (error instanceof ImageFetchFailed || error instanceof ImageRejected) {
          const params = error instanceof ImageFetchFailed ? error.params : (error.params ?? {});
          problems.push({
            line: r.line,
            column,
            code: error.code,
            params: { ...params, value: source.name },
          });
          r.problems.push(problems[problems.length - 1]!);
        } else throw error;
      }
    }
    const productId = existing.get(`${r.valid.cooperative.id}:${r.valid.data.sku}`);
    const hashes = new Set(had.filter((h) => h.productId === productId).map((h) => h.hash));
    const fresh = processed.filter((p) => !hashes.has(p.hash) && (hashes.add(p.hash), true));
    if (hashes.size > MAX_PRODUCT_IMAGES) {
      const left = Math.max(0, MAX_PRODUCT_IMAGES - (hashes.size - fresh.length));
      const problem = {
        line: r.line,
        column: "image_urls",
        code: "too_many_images",
        params: { max: MAX_PRODUCT_IMAGES, left },
      };
      problems.push(problem);
      r.problems.push(problem);
    }
    images.set(r.line, fresh);
  }
  return { images, problems };
}

/** Add a row's new pictures after the product's own, in the import's transaction (skipping any it has). */
export async function saveRowImages(
  db: Database,
  transaction: Transaction,
  productId: number,
  pictures: ProcessedImage[],
): Promise<void> {
  if (pictures.length === 0) return;
  const { ProductImage } = db.models;
  const had = new Set(
    (await ProductImage.findAll({ where: { productId }, attributes: ["hash"], transaction })).map(
      (i) => i.hash,
    ),
  );
  let position =
    (((await ProductImage.max("position", { where: { productId }, transaction })) as number | null) ?? -1) +
    1;
  for (const img of pictures) {
    if (had.has(img.hash)) continue;
    had.add(img.hash);
    await ProductImage.create(
      {
        productId,
        position: position++,
        hash: img.hash,
        width: img.width,
        height: img.height,
        placeholder: img.placeholder,
        variants: JSON.stringify(img.variants),
      },
      { transaction },
    );
  }
}
