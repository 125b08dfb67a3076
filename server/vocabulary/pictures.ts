/**
 * Pictures as pages receive them, shared by the server and the browser (no sharp, no node:fs here).
 *
 * The image pipeline (server/images) stores every picture in up to four widths and three formats, and every
 * variant's address is one stem plus `<width>.<extension>`. Pages get the stem, the widths and the formats, and
 * make the twelve addresses themselves: the full list was a third of some pages' loader data (issue 14), and
 * loader data travels twice, in the HTML and as JSON for hydration.
 */
export type ImageFormat = "avif" | "webp" | "jpeg";

/** Every format the pipeline stores, best first, and the extension each is stored under. */
export const IMAGE_FORMATS: readonly ImageFormat[] = ["avif", "webp", "jpeg"];
export const IMAGE_EXTENSIONS: Record<ImageFormat, string> = { avif: "avif", webp: "webp", jpeg: "jpg" };

/** One stored variant's address. */
export interface PictureVariant {
  format: ImageFormat;
  width: number;
  url: string;
}

/** Every width in every format at `${stem}${width}.${extension}`, or, for addresses not made that way, the list. */
export type PictureSources =
  { stem: string; widths: number[]; formats: ImageFormat[] } | { variants: PictureVariant[] };

/** The shortest description of `variants` that `expandSources` turns back into the same variants. */
export function compactSources(variants: readonly PictureVariant[]): PictureSources {
  const widths = [...new Set(variants.map((v) => v.width))].sort((a, b) => a - b);
  const formats = IMAGE_FORMATS.filter((f) => variants.some((v) => v.format === f));
  const first = variants[0];
  const suffix = first ? `${first.width}.${IMAGE_EXTENSIONS[first.format]}` : "";
  const stem = first && first.url.endsWith(suffix) ? first.url.slice(0, -suffix.length) : null;
  const regular =
    stem !== null &&
    variants.length === widths.length * formats.length &&
    variants.every((v) => v.url === `${stem}${v.width}.${IMAGE_EXTENSIONS[v.format]}`) &&
    new Set(variants.map((v) => `${v.format} ${v.width}`)).size === variants.length;
  return regular
    ? { stem, widths, formats }
    : { variants: variants.map(({ format, width, url }) => ({ format, width, url })) };
}

export function expandSources(sources: PictureSources): PictureVariant[] {
  if ("variants" in sources) return sources.variants;
  return sources.formats.flatMap((format) =>
    sources.widths.map((width) => ({
      format,
      width,
      url: `${sources.stem}${width}.${IMAGE_EXTENSIONS[format]}`,
    })),
  );
}

/** One format's variants, narrowest first. */
export function variantsIn(variants: readonly PictureVariant[], format: ImageFormat): PictureVariant[] {
  return variants.filter((v) => v.format === format).sort((a, b) => a.width - b.width);
}

/** `srcset` value for one format, narrowest first: "/uploads/…-320.webp 320w, /uploads/…-640.webp 640w". */
export function srcSet(variants: readonly PictureVariant[], format: ImageFormat): string {
  return variantsIn(variants, format)
    .map((v) => `${v.url} ${v.width}w`)
    .join(", ");
}

/**
 * The variants a picture shown at one fixed width (`sizes="72px"`) can use: up to the first at least three times as
 * wide, for 3× screens. A thumbnail's srcset listed all twelve, three quarters of a fair page's picture markup; any
 * other `sizes` keeps them all.
 */
export function variantsForSizes(
  variants: readonly PictureVariant[],
  sizes: string,
): readonly PictureVariant[] {
  const fixed = /^\s*(\d+(?:\.\d+)?)px\s*$/.exec(sizes);
  if (!fixed) return variants;
  const widths = [...new Set(variants.map((v) => v.width))].sort((a, b) => a - b);
  const enough = widths.find((w) => w >= Number(fixed[1]) * 3) ?? widths.at(-1);
  return variants.filter((v) => enough === undefined || v.width <= enough);
}

/** The largest JPEG, for link previews (og:image) and the API's thumbnails. */
export function largestJpeg(sources: PictureSources): PictureVariant | undefined {
  return variantsIn(expandSources(sources), "jpeg").at(-1);
}
