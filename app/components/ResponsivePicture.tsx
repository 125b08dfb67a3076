import {
  expandSources,
  srcSet,
  variantsForSizes,
  variantsIn,
  type PictureSources,
} from "../../server/vocabulary/pictures";

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
  image: { width: number; height: number; placeholder: string; sources: PictureSources };
  alt: string;
  /** e.g. "(min-width: 960px) 33vw, 100vw"; one fixed width ("72px") lists only the variants it can use. */
  sizes: string;
  loading?: "lazy" | "eager";
  className?: string;
}) {
  const variants = variantsForSizes(expandSources(image.sources), sizes);
  const jpegs = variantsIn(variants, "jpeg");
  // Only for browsers without srcset: a mid-size JPEG rather than the largest.
  const fallback = jpegs.find((v) => v.width >= 640) ?? jpegs[jpegs.length - 1];
  const avif = srcSet(variants, "avif");
  const webp = srcSet(variants, "webp");
  return (
    <picture>
      {avif && <source type="image/avif" srcSet={avif} sizes={sizes} />}
      {webp && <source type="image/webp" srcSet={webp} sizes={sizes} />}
      <img
        className={className}
        src={fallback?.url}
        srcSet={srcSet(variants, "jpeg") || undefined}
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
