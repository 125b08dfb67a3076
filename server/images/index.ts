/**
 * Product image pipeline: validate an upload, normalise it (EXIF orientation applied, every piece of metadata
 * stripped, sRGB), and store responsive variants in AVIF, WebP and JPEG under content-hashed keys.
 *
 * Storage sits behind the small `ImageStorage` interface so the local-disk implementation below can later be
 * swapped for an object store (S3 and friends: put = PutObject, remove = DeleteObject, exists = HeadObject,
 * url = public bucket / CDN address).
 */
import { createHash, randomUUID } from "node:crypto";
import { access, mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import sharp, { type Metadata, type OutputInfo, type Sharp, type SharpOptions } from "sharp";
import { DomainError } from "../errors";
import { MAX_IMAGE_BYTES } from "../vocabulary/domain";
import {
  compactSources,
  IMAGE_EXTENSIONS,
  type ImageFormat,
  type PictureSources,
} from "../vocabulary/pictures";

// ---------------------------------------------------------------------------------------------------------
// Types shared with the UI (plain JSON: they travel through Remix loader data).

export type { ImageFormat, PictureSources, PictureVariant } from "../vocabulary/pictures";

export interface ImageVariant {
  format: ImageFormat;
  width: number;
  height: number;
  key: string;
  url: string;
  bytes: number;
}

export interface ProcessedImage {
  /** sha256 (hex) of the normalised pixels, see `processImage`. Also the file-name stem of every variant. */
  hash: string;
  /** Dimensions of the upload after EXIF rotation (the variants keep its aspect ratio). */
  width: number;
  height: number;
  /** `data:image/webp;base64,…` of a 16 px wide blurred version, shown while the real image loads. */
  placeholder: string;
  variants: ImageVariant[];
}

/** What `<ResponsivePicture>` needs; store this (e.g. as JSON) with the product. */
export type ResponsiveImage = Pick<ProcessedImage, "width" | "height" | "placeholder" | "variants">;

/**
 * The variants as pages receive them: no storage keys, sizes or heights (the picture's ratio gives them), and the
 * addresses as one stem with widths and formats (server/vocabulary/pictures.ts). A card's picture has twelve
 * variants; their keys and sizes were half of the home page's loader data (issue 14).
 */
export function pictureSources(variants: readonly ImageVariant[]): PictureSources {
  return compactSources(variants);
}

export interface ProcessImageOptions {
  /** Largest accepted upload, in bytes. Default 10 MB. */
  maxBytes?: number;
  /** Target widths in px. Default [320, 640, 960, 1280]. Never upscaled (see `processImage`). */
  widths?: number[];
  /** First key segment. Default "products". */
  folder?: string;
  /** "square": centre the most interesting square of the picture (logos, avatars). */
  crop?: "square";
}

// ---------------------------------------------------------------------------------------------------------
// Errors

export type ImageRejectionCode =
  "image_too_large" | "not_an_image" | "image_too_small" | "image_too_large_dimensions";

/**
 * The upload is not acceptable; the UI translates `errors:<code>` with `params`. To show it beside a form
 * field, wrap it: `new Invalid({ image: { code: e.code, params: e.params } })`.
 */
export class ImageRejected extends DomainError {
  constructor(code: ImageRejectionCode, params?: Record<string, string | number>) {
    super(code, 400, params);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Storage

export interface ImageStorage {
  /** Store `data` under `key`, replacing any previous object; readers never see a partial file. */
  put(key: string, data: Buffer, contentType: string): Promise<void>;
  /** Delete `key`; no error when it does not exist. */
  remove(key: string): Promise<void>;
  /** Public URL of `key` (no I/O). */
  url(key: string): string;
  exists(key: string): Promise<boolean>;
}

const KEY_PATTERN = /^[a-z0-9][a-z0-9._-]*(\/[a-z0-9][a-z0-9._-]*)*$/i;

/** Files under `rootDir` (e.g. "public/uploads"), served by the static middleware at `publicPrefix` ("/uploads"). */
export class LocalImageStorage implements ImageStorage {
  private readonly root: string;
  private readonly prefix: string;

  constructor(rootDir: string, publicPrefix: string) {
    this.root = path.resolve(rootDir);
    this.prefix = publicPrefix.replace(/\/+$/, "");
  }

  async put(key: string, data: Buffer, _contentType: string): Promise<void> {
    const file = this.fileOf(key);
    await mkdir(path.dirname(file), { recursive: true });
    // Same directory, so the rename is atomic: readers see the old file or the whole new one. The dot prefix
    // keeps half-written temp files out of static serving (dotfiles are ignored).
    const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomUUID()}.tmp`);
    try {
      await writeFile(temp, data);
      await rename(temp, file);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  async remove(key: string): Promise<void> {
    await rm(this.fileOf(key), { force: true });
  }

  url(key: string): string {
    this.fileOf(key);
    return `${this.prefix}/${key}`;
  }

  async exists(key: string): Promise<boolean> {
    try {
      await access(this.fileOf(key));
      return true;
    } catch {
      return false;
    }
  }

  /** Keys are generated by the pipeline, but refuse anything that could escape the root all the same. */
  private fileOf(key: string): string {
    if (!KEY_PATTERN.test(key) || key.split("/").some((segment) => segment === "." || segment === "..")) {
      throw new Error(`Invalid storage key: ${JSON.stringify(key)}`);
    }
    return path.join(this.root, ...key.split("/"));
  }
}

// ---------------------------------------------------------------------------------------------------------
// Pipeline

export const DEFAULT_MAX_BYTES = MAX_IMAGE_BYTES;
export const DEFAULT_WIDTHS: readonly number[] = [320, 640, 960, 1280];
export const MIN_SHORT_SIDE = 200;
export const MAX_DIMENSION = 12_000;

/** Bump when encoder settings change, so new uploads get new keys instead of colliding with old files. */
const PIPELINE_VERSION = "htx-images-v1";

/** Decoders we accept, as reported by sharp from the file's bytes (never from its name or MIME type). */
const ACCEPTED_FORMATS = new Set(["jpeg", "png", "webp", "heif", "gif", "tiff"]); // AVIF reports as "heif"

const CONTENT_TYPES: Record<ImageFormat, string> = {
  avif: "image/avif",
  webp: "image/webp",
  jpeg: "image/jpeg",
};
const EXTENSIONS = IMAGE_EXTENSIONS;
const FORMATS: readonly ImageFormat[] = ["avif", "webp", "jpeg"];

const PLACEHOLDER_WIDTH = 16;

/** Decoder guard rails: a header may claim anything, so cap what libvips will even try to decode. */
const INPUT_OPTIONS: SharpOptions = {
  limitInputPixels: MAX_DIMENSION * MAX_DIMENSION,
  failOn: "error",
  pages: 1, // first frame of animated GIF/WebP
};

/**
 * Validate, normalise and store an uploaded image. Resolves with everything the catalogue stores about it;
 * rejects with `ImageRejected` for bad uploads (anything else is a bug or a storage failure).
 *
 * - Checks, in order: byte size (`image_too_large`), real image format by content (`not_an_image`, also for
 *   files sharp cannot parse or decode, e.g. HEVC-coded HEIC which the prebuilt libvips does not decode),
 *   dimensions after EXIF rotation (`image_too_small` below 200 px on the short side,
 *   `image_too_large_dimensions` above 12 000 px on either side).
 * - Normalises once: EXIF auto-rotation, sRGB 8-bit, scaled down to the largest output width. Outputs carry
 *   no EXIF/GPS/XMP/IPTC/ICC: sharp strips all metadata unless told otherwise, and this module never asks.
 * - Widths: each requested width not above the original's is produced; when the original is narrower than
 *   the largest requested width, its own width is added as the top variant (a 500 px upload gives 320 and
 *   500). Never upscales; always at least one width.
 * - Hash (file names): sha256 of the normalised pixels at the working (largest output) size, plus their
 *   dimensions and the pipeline version. Chosen over hashing the source bytes because the same photo re-saved
 *   with different metadata (a phone stripping GPS when sharing, an edited caption) still dedupes, and because
 *   the variants are a pure function of exactly those pixels, so equal hashes mean equal output files.
 * - Same input → same keys. Existing keys are not rewritten. The variants are still encoded on a re-upload
 *   (the storage interface has no "size of" call, and `bytes` must be reported); encoders are deterministic.
 */
export async function processImage(
  input: Buffer,
  storage: ImageStorage,
  options: ProcessImageOptions = {},
): Promise<ProcessedImage> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const folder = (options.folder ?? "products").replace(/^\/+|\/+$/g, "");
  const requestedWidths = normaliseWidths(options.widths ?? DEFAULT_WIDTHS);

  if (input.length > maxBytes) {
    throw new ImageRejected("image_too_large", { maxMb: Math.round((maxBytes / (1024 * 1024)) * 10) / 10 });
  }

  let metadata: Metadata;
  try {
    metadata = await sharp(input, INPUT_OPTIONS).metadata();
  } catch {
    throw new ImageRejected("not_an_image");
  }
  if (!ACCEPTED_FORMATS.has(metadata.format)) throw new ImageRejected("not_an_image");

  // autoOrient swaps width and height for EXIF orientations 5–8.
  const width = metadata.autoOrient?.width ?? metadata.width;
  const height = metadata.autoOrient?.height ?? metadata.height;
  if (!width || !height) throw new ImageRejected("not_an_image");
  if (Math.max(width, height) > MAX_DIMENSION) {
    throw new ImageRejected("image_too_large_dimensions", { maxPx: MAX_DIMENSION });
  }
  if (Math.min(width, height) < MIN_SHORT_SIDE) {
    throw new ImageRejected("image_too_small", { minPx: MIN_SHORT_SIDE });
  }

  const square = options.crop === "square";
  const outWidth = square ? Math.min(width, height) : width;
  const outHeight = square ? outWidth : height;
  const widths = requestedWidths.filter((w) => w <= outWidth);
  if (widths.length < requestedWidths.length && widths[widths.length - 1] !== outWidth) widths.push(outWidth);
  const workingWidth = widths[widths.length - 1]!;

  // Decode once, into raw pixels at the largest output size. JPEG shrink-on-load makes this cheap even for
  // big photos, and every variant below starts from this small buffer instead of re-decoding the upload.
  let working: { data: Buffer; info: OutputInfo };
  try {
    working = await sharp(input, INPUT_OPTIONS)
      .rotate()
      .resize(
        square
          ? { width: workingWidth, height: workingWidth, fit: "cover", position: "attention" }
          : { width: workingWidth, withoutEnlargement: true },
      )
      .toColourspace("srgb")
      .raw()
      .toBuffer({ resolveWithObject: true });
  } catch {
    throw new ImageRejected("not_an_image");
  }
  const raw = {
    width: working.info.width,
    height: working.info.height,
    channels: working.info.channels as 1 | 2 | 3 | 4,
  };
  const pixels = () => sharp(working.data, { raw });

  const hash = createHash("sha256")
    .update(`${PIPELINE_VERSION}:${raw.width}x${raw.height}x${raw.channels}:`)
    .update(working.data)
    .digest("hex");

  const placeholderPromise = pixels()
    .resize({ width: PLACEHOLDER_WIDTH })
    .blur(0.6)
    .webp({ quality: 40, alphaQuality: 40 })
    .toBuffer();

  const variantPromises = widths.flatMap((w) =>
    FORMATS.map(async (format): Promise<ImageVariant> => {
      const key = `${folder}/${hash.slice(0, 2)}/${hash}-${w}.${EXTENSIONS[format]}`;
      const pipeline = w === raw.width ? pixels() : pixels().resize({ width: w });
      const { data, info } = await encode(pipeline, format, raw.channels).toBuffer({
        resolveWithObject: true,
      });
      if (!(await storage.exists(key))) await storage.put(key, data, CONTENT_TYPES[format]);
      return {
        format,
        width: info.width,
        height: info.height,
        key,
        url: storage.url(key),
        bytes: data.length,
      };
    }),
  );

  const [placeholder, variants] = await Promise.all([placeholderPromise, Promise.all(variantPromises)]);
  return {
    hash,
    width: outWidth,
    height: outHeight,
    placeholder: `data:image/webp;base64,${placeholder.toString("base64")}`,
    variants,
  };
}

function encode(pipeline: Sharp, format: ImageFormat, channels: number): Sharp {
  switch (format) {
    case "avif":
      return pipeline.avif({ quality: 50, effort: 2 });
    case "webp":
      return pipeline.webp({ quality: 75 });
    case "jpeg":
      // JPEG has no alpha: put transparent product cut-outs on white rather than on black.
      return (channels === 2 || channels === 4 ? pipeline.flatten({ background: "#ffffff" }) : pipeline).jpeg(
        {
          quality: 80,
          mozjpeg: true,
        },
      );
  }
}

function normaliseWidths(widths: readonly number[]): number[] {
  const unique = [...new Set(widths)].sort((a, b) => a - b);
  if (unique.length === 0 || unique.some((w) => !Number.isInteger(w) || w < 1 || w > MAX_DIMENSION)) {
    throw new Error(`Invalid image widths: ${JSON.stringify(widths)}`);
  }
  return unique;
}
