import { mkdtemp, readdir, rm, stat, writeFile, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ResponsivePicture } from "../../app/components/ResponsivePicture";
import { isDomainError } from "../../server/errors";
import {
  ImageRejected,
  LocalImageStorage,
  processImage,
  type ImageStorage,
  type ProcessedImage,
} from "../../server/images";
import { compactSources, expandSources, srcSet, type PictureVariant } from "../../server/vocabulary/pictures";

let root: string;
let storage: LocalImageStorage;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "htx-images-"));
  storage = new LocalImageStorage(path.join(root, "uploads"), "/uploads");
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const fileOf = (key: string) => path.join(root, "uploads", key);

const GPS = {
  GPSLatitudeRef: "N",
  GPSLatitude: "21/1 35/1 0/1",
  GPSLongitudeRef: "E",
  GPSLongitude: "105/1 50/1 0/1",
};

/** A JPEG like a phone's: camera EXIF with GPS, optionally an orientation tag. Left half red, right half blue. */
async function photo(width: number, height: number, orientation?: number): Promise<Buffer> {
  const half = await sharp({
    create: { width: Math.floor(width / 2), height, channels: 3, background: "#0000ff" },
  })
    .png()
    .toBuffer();
  let image = sharp({ create: { width, height, channels: 3, background: "#ff0000" } })
    .composite([{ input: half, left: width - Math.floor(width / 2), top: 0 }])
    .jpeg({ quality: 90 })
    .withExif({ IFD0: { Make: "HTX Phone", Model: "Field 1", Copyright: "Nguyễn Văn A" }, IFD3: GPS });
  if (orientation) image = image.withMetadata({ orientation });
  return image.toBuffer();
}

/** Whether a raw EXIF block (as sharp returns it) has a GPS IFD pointer in IFD0. */
function exifHasGps(exif: Buffer): boolean {
  const tiff = exif.subarray(0, 6).toString("latin1") === "Exif\0\0" ? exif.subarray(6) : exif;
  const le = tiff.toString("latin1", 0, 2) === "II";
  const u16 = (o: number) => (le ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o));
  const u32 = (o: number) => (le ? tiff.readUInt32LE(o) : tiff.readUInt32BE(o));
  const ifd0 = u32(4);
  for (let i = 0; i < u16(ifd0); i++) if (u16(ifd0 + 2 + i * 12) === 0x8825) return true;
  return false;
}

async function rejection(promise: Promise<unknown>): Promise<ImageRejected> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImageRejected);
  expect(isDomainError(error)).toBe(true);
  return error as ImageRejected;
}

/** Storage that counts writes, to prove re-uploads write nothing. */
function counting(inner: ImageStorage) {
  const puts: string[] = [];
  const wrapped: ImageStorage = {
    put: (key, data, contentType) => {
      puts.push(key);
      return inner.put(key, data, contentType);
    },
    remove: (key) => inner.remove(key),
    url: (key) => inner.url(key),
    exists: (key) => inner.exists(key),
  };
  return { storage: wrapped, puts };
}

const DECODED_FORMAT = { avif: "heif", webp: "webp", jpeg: "jpeg" } as const;

describe("processImage", () => {
  let input: Buffer;
  let result: ProcessedImage;

  beforeAll(async () => {
    input = await photo(1600, 1200);
    result = await processImage(input, storage);
  });

  it("makes AVIF, WebP and JPEG variants at every width up to the original's", async () => {
    expect(result.width).toBe(1600);
    expect(result.height).toBe(1200);
    expect(result.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(result.variants).toHaveLength(12);
    for (const format of ["avif", "webp", "jpeg"] as const) {
      const widths = result.variants.filter((v) => v.format === format).map((v) => v.width);
      expect(widths.sort((a, b) => a - b)).toEqual([320, 640, 960, 1280]);
    }
    for (const v of result.variants) {
      const ext = v.format === "jpeg" ? "jpg" : v.format;
      expect(v.key).toBe(`products/${result.hash.slice(0, 2)}/${result.hash}-${v.width}.${ext}`);
      expect(v.url).toBe(`/uploads/${v.key}`);
      expect(v.height).toBe(Math.round((v.width * 3) / 4));
      const file = fileOf(v.key);
      expect((await stat(file)).size).toBe(v.bytes);
      const meta = await sharp(file).metadata();
      expect(meta.format).toBe(DECODED_FORMAT[v.format]);
      if (v.format === "avif") expect(meta.compression).toBe("av1");
      expect([meta.width, meta.height]).toEqual([v.width, v.height]);
    }
  });

  it("strips all metadata: the upload has EXIF with GPS, no output has any", async () => {
    const source = await sharp(input).metadata();
    expect(source.exif && exifHasGps(source.exif)).toBe(true);
    for (const v of result.variants) {
      const meta = await sharp(fileOf(v.key)).metadata();
      expect(meta.exif, v.key).toBeUndefined();
      expect(meta.xmp, v.key).toBeUndefined();
      expect(meta.iptc, v.key).toBeUndefined();
      expect(meta.icc, v.key).toBeUndefined();
      expect(meta.orientation, v.key).toBeUndefined();
      const bytes = await readFile(fileOf(v.key));
      expect(bytes.includes("HTX Phone"), v.key).toBe(false);
    }
  });

  it("applies the EXIF orientation: a portrait photo stored sideways comes out upright", async () => {
    const sideways = await photo(1600, 1200, 6);
    const source = await sharp(sideways).metadata();
    expect([source.width, source.height, source.orientation]).toEqual([1600, 1200, 6]);
    expect(source.exif && exifHasGps(source.exif)).toBe(true);

    const out = await processImage(sideways, storage);
    expect([out.width, out.height]).toEqual([1200, 1600]);
    // 1200 px wide now: 1280 is skipped and the original width becomes the top variant.
    expect([...new Set(out.variants.map((v) => v.width))].sort((a, b) => a - b)).toEqual([
      320, 640, 960, 1200,
    ]);
    for (const v of out.variants) {
      expect(v.height).toBe(Math.round((v.width * 4) / 3));
      const meta = await sharp(fileOf(v.key)).metadata();
      expect([meta.width, meta.height]).toEqual([v.width, v.height]);
      expect(meta.exif).toBeUndefined();
      expect(meta.orientation).toBeUndefined();
    }
    // Orientation 6 = rotate 90° clockwise to display: the left (red) half ends up on top.
    const jpeg = out.variants.find((v) => v.format === "jpeg" && v.width === 320)!;
    const { data, info } = await sharp(fileOf(jpeg.key)).raw().toBuffer({ resolveWithObject: true });
    const pixel = (x: number, y: number) => [
      ...data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3),
    ];
    const [topR, , topB] = pixel(160, 50);
    const [bottomR, , bottomB] = pixel(160, info.height - 50);
    expect(topR).toBeGreaterThan(200);
    expect(topB).toBeLessThan(60);
    expect(bottomB).toBeGreaterThan(200);
    expect(bottomR).toBeLessThan(60);
  });

  it("dedupes: the same input gives the same keys and writes nothing the second time", async () => {
    const { storage: counted, puts } = counting(storage);
    const before = await Promise.all(result.variants.map((v) => stat(fileOf(v.key))));
    const again = await processImage(input, counted);
    expect(again.hash).toBe(result.hash);
    expect(again.variants.map((v) => v.key)).toEqual(result.variants.map((v) => v.key));
    expect(again.variants.map((v) => v.bytes)).toEqual(result.variants.map((v) => v.bytes));
    expect(puts).toEqual([]);
    const after = await Promise.all(result.variants.map((v) => stat(fileOf(v.key))));
    expect(after.map((s) => s.mtimeMs)).toEqual(before.map((s) => s.mtimeMs));
  });

  it("dedupes by pixels: the same photo re-saved without its metadata gets the same hash", async () => {
    const { data, info } = await sharp(input).raw().toBuffer({ resolveWithObject: true });
    const stripped = await sharp(data, { raw: info }).png().toBuffer();
    expect((await sharp(stripped).metadata()).exif).toBeUndefined();
    // PNG is lossless, so its pixels are exactly the decoded JPEG's.
    expect((await processImage(stripped, storage)).hash).toBe(result.hash);
  });

  it("never upscales a small original", async () => {
    const small = await sharp({ create: { width: 500, height: 375, channels: 3, background: "#2a7" } })
      .png()
      .toBuffer();
    const out = await processImage(small, storage);
    const widths = [...new Set(out.variants.map((v) => v.width))].sort((a, b) => a - b);
    expect(widths).toEqual([320, 500]);
    expect(out.variants).toHaveLength(6);

    const tiny = await sharp({ create: { width: 250, height: 200, channels: 3, background: "#2a7" } })
      .webp()
      .toBuffer();
    const one = await processImage(tiny, storage);
    expect(one.variants.map((v) => v.width)).toEqual([250, 250, 250]);
  });

  it("keeps transparency in AVIF/WebP and puts JPEG on white", async () => {
    const cutout = await sharp({
      create: { width: 400, height: 300, channels: 4, background: { r: 200, g: 0, b: 0, alpha: 0 } },
    })
      .png()
      .toBuffer();
    const out = await processImage(cutout, storage, { widths: [320] });
    const byFormat = (f: string) => out.variants.find((v) => v.format === f)!;
    expect((await sharp(fileOf(byFormat("webp").key)).metadata()).hasAlpha).toBe(true);
    const { data } = await sharp(fileOf(byFormat("jpeg").key))
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect(Math.min(...data.subarray(0, 300))).toBeGreaterThan(245);
  });

  it("makes a tiny blurred placeholder as a WebP data URI", async () => {
    expect(result.placeholder).toMatch(/^data:image\/webp;base64,[A-Za-z0-9+/]+=*$/);
    expect(result.placeholder.length).toBeLessThan(1024);
    const bytes = Buffer.from(result.placeholder.split(",")[1]!, "base64");
    const meta = await sharp(bytes).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["webp", 16, 12]);
  });

  it("honours folder and widths options", async () => {
    const out = await processImage(input, storage, { folder: "cooperatives/logos", widths: [96, 192] });
    expect(out.variants.map((v) => v.width).sort((a, b) => a - b)).toEqual([96, 96, 96, 192, 192, 192]);
    for (const v of out.variants)
      expect(v.key).toMatch(/^cooperatives\/logos\/[0-9a-f]{2}\/[0-9a-f]{64}-\d+\.(avif|webp|jpg)$/);
  });
});

describe("processImage rejections", () => {
  it("rejects a text file named .jpg: formats are sniffed from the bytes, not the name", async () => {
    const file = path.join(root, "holiday.jpg");
    await writeFile(file, "This is not a photo, just text.\n".repeat(20));
    const error = await rejection(processImage(await readFile(file), storage));
    expect(error.code).toBe("not_an_image");
    expect(error.status).toBe(400);
  });

  it("rejects image formats that are not allowed (SVG) and garbage after a JPEG signature", async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400"/>');
    expect((await rejection(processImage(svg, storage))).code).toBe("not_an_image");
    const fake = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 7)]);
    expect((await rejection(processImage(fake, storage))).code).toBe("not_an_image");
  });

  it("rejects uploads over the byte limit before parsing them", async () => {
    const error = await rejection(processImage(Buffer.alloc(10 * 1024 * 1024 + 1), storage));
    expect(error.code).toBe("image_too_large");
    expect(error.params).toEqual({ maxMb: 10 });
    const real = await photo(400, 300);
    const small = await rejection(processImage(real, storage, { maxBytes: 1024 * 1024 * 0.001 }));
    expect(small.code).toBe("image_too_large");
  });

  it("rejects images under 200 px on the short side", async () => {
    const tiny = await sharp({ create: { width: 100, height: 100, channels: 3, background: "#000" } })
      .jpeg()
      .toBuffer();
    const error = await rejection(processImage(tiny, storage));
    expect(error.code).toBe("image_too_small");
    const strip = await sharp({ create: { width: 2000, height: 150, channels: 3, background: "#000" } })
      .png()
      .toBuffer();
    expect((await rejection(processImage(strip, storage))).code).toBe("image_too_small");
  });

  it("rejects absurd dimensions", async () => {
    const huge = await sharp({ create: { width: 12_001, height: 300, channels: 3, background: "#000" } })
      .png()
      .toBuffer();
    expect((await rejection(processImage(huge, storage))).code).toBe("image_too_large_dimensions");
  });
});

describe("LocalImageStorage", () => {
  it("writes atomically under nested folders, reports existence and removes", async () => {
    const key = "products/ab/abcdef-640.webp";
    expect(await storage.exists(key)).toBe(false);
    await storage.put(key, Buffer.from("data"), "image/webp");
    expect(await storage.exists(key)).toBe(true);
    expect(await readFile(fileOf(key), "utf8")).toBe("data");
    expect(await readdir(path.dirname(fileOf(key)))).toEqual(["abcdef-640.webp"]); // no temp files left
    expect(storage.url(key)).toBe("/uploads/products/ab/abcdef-640.webp");
    await storage.remove(key);
    await storage.remove(key); // idempotent
    expect(await storage.exists(key)).toBe(false);
  });

  it("refuses keys that could escape its root", async () => {
    for (const key of ["../secrets.txt", "/etc/passwd", "products/../../x.jpg", "a//b.jpg", "", "a\\b.jpg"]) {
      await expect(storage.put(key, Buffer.from("x"), "image/jpeg"), key).rejects.toThrow(
        /Invalid storage key/,
      );
    }
  });
});

describe("ResponsivePicture", () => {
  it("renders AVIF and WebP sources and a sized JPEG img with the placeholder behind it", async () => {
    const { placeholder, variants } = await processImage(await photo(1600, 1200), storage);
    const sources = compactSources(variants);
    expect(sources).toMatchObject({ widths: [320, 640, 960, 1280], formats: ["avif", "webp", "jpeg"] });
    const image = JSON.parse(JSON.stringify({ width: 1600, height: 1200, placeholder, sources }));
    const html = renderToStaticMarkup(
      createElement(ResponsivePicture, {
        image,
        alt: "Chè Tân Cương",
        sizes: "(min-width: 960px) 33vw, 100vw",
      }),
    );
    const attr = (s: string) => s.replace(/&/g, "&amp;");
    expect(html).toMatch(/^<picture><source type="image\/avif"[^>]*><source type="image\/webp"[^>]*><img /);
    expect(html).toContain(`srcSet="${attr(srcSet(variants, "avif"))}"`);
    expect(html).toContain(`srcSet="${attr(srcSet(variants, "webp"))}"`);
    expect(html).toContain(`srcSet="${attr(srcSet(variants, "jpeg"))}"`);
    expect(srcSet(variants, "webp")).toMatch(
      /-320\.webp 320w, .*-640\.webp 640w, .*-960\.webp 960w, .*-1280\.webp 1280w$/,
    );
    expect(html).toContain('width="1600" height="1200"');
    expect(html).toContain('loading="lazy" decoding="async"');
    expect(html).toContain('sizes="(min-width: 960px) 33vw, 100vw"');
    expect(html).toContain('alt="Chè Tân Cương"');
    expect(html).toContain("background-image:url(&quot;data:image/webp;base64,");
    expect(html).toContain("background-size:cover");
  });

  it("lists only the variants a fixed-width thumbnail can use, up to three times its width", async () => {
    const { placeholder, variants } = await processImage(await photo(1600, 1200), storage);
    const render = (sizes: string) =>
      renderToStaticMarkup(
        createElement(ResponsivePicture, {
          image: { width: 1600, height: 1200, placeholder, sources: compactSources(variants) },
          alt: "",
          sizes,
        }),
      );
    const widthsIn = (html: string) => [
      ...new Set([...html.matchAll(/-(\d+)\.(?:avif|webp|jpg)/g)].map((m) => m[1])),
    ];
    expect(widthsIn(render("72px"))).toEqual(["320"]);
    expect(render("72px")).toMatch(/src="[^"]*-320\.jpg"/);
    expect(widthsIn(render("200px"))).toEqual(["320", "640"]);
    expect(widthsIn(render("(min-width: 960px) 33vw, 100vw")).sort()).toEqual(["1280", "320", "640", "960"]);
    expect(widthsIn(render("2000px"))).toEqual(["320", "640", "960", "1280"]);
  });
});

describe("picture sources", () => {
  const stem = "/uploads/products/ab/abcdef-";
  const grid: PictureVariant[] = [320, 640].flatMap((width) => [
    { format: "avif" as const, width, url: `${stem}${width}.avif` },
    { format: "jpeg" as const, width, url: `${stem}${width}.jpg` },
  ]);
  const sorted = (v: readonly PictureVariant[]) =>
    [...v].sort((a, b) => a.format.localeCompare(b.format) || a.width - b.width);

  it("sends one stem with the widths and formats, and makes the same addresses back", () => {
    const sources = compactSources(grid);
    expect(sources).toEqual({ stem, widths: [320, 640], formats: ["avif", "jpeg"] });
    expect(sorted(expandSources(sources))).toEqual(sorted(grid));
  });

  it("sends the list itself when the addresses are not made that way, or a variant is missing", () => {
    const signed = grid.map((v) => ({ ...v, url: `${v.url}?sig=${v.width}` }));
    expect(compactSources(signed)).toEqual({ variants: signed });
    const gap = grid.slice(1);
    expect(sorted(expandSources(compactSources(gap)))).toEqual(sorted(gap));
    expect(compactSources(gap)).toHaveProperty("variants");
    expect(expandSources(compactSources([]))).toEqual([]);
  });
});
