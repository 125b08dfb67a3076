import type { ImageFormat, PictureVariant } from "../../server/images";

/**
 * A product image from the pipeline (server/images): AVIF, then WebP, then a JPEG `<img>` that every browser
 * understands. The width/height attributes reserve the box before anything loads (no layout shift; give the
 * img `height: auto` in CSS), and the tiny blurred placeholder shows through as its background meanwhile.
 */
export function ResponsivePicture({
  image,
  alt,
  sizes,
  loading = "lazy",
  className,
}: {
  image: { width: number; height: number; placeholder: string; variants: readonly PictureVariant[] };
  alt: string;
  /** e.g. "(min-width: 960px) 33vw, 100vw" */
  sizes: string;
  loading?: "lazy" | "eager";
  className?: string;
}) {
  const jpegs = byWidth(image.variants, "jpeg");
  // Only for browsers without srcset: a mid-size JPEG rather than the largest.
  const fallback = jpegs.find((v) => v.width >= 640) ?? jpegs[jpegs.length - 1];
  const avif = srcSet(image.variants, "avif");
  const webp = srcSet(image.variants, "webp");
  return (
    <picture>
      {avif && <source type="image/avif" srcSet={avif} sizes={sizes} />}
      {webp && <source type="image/webp" srcSet={webp} sizes={sizes} />}
      <img
        className={className}
        src={fallback?.url}
        srcSet={srcSet(image.variants, "jpeg") || undefined}
        sizes={sizes}
        alt={alt}
        width={image.width}
        height={image.height}
        loading={loading}
        decoding="async"
        style={
          image.placeholder
            ? {
                backgroundImage: `url("${image.placeholder}")`,
                backgroundSize: "cover",
                backgroundPosition: "center",
                backgroundRepeat: "no-repeat",
              }
            : undefined
        }
      />
    </picture>
  );
}

function byWidth(variants: readonly PictureVariant[], format: ImageFormat): PictureVariant[] {
  return variants.filter((v) => v.format === format).sort((a, b) => a.width - b.width);
}

/**
 * Same as `srcSet` in server/images. Repeated here because that module imports sharp and node:fs, which must
 * not reach the browser bundle (only types are imported from it); a unit test keeps the two in step.
 */
function srcSet(variants: readonly PictureVariant[], format: ImageFormat): string {
  return byWidth(variants, format)
    .map((v) => `${v.url} ${v.width}w`)
    .join(", ");
}
