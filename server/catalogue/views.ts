import { provinceByCode } from "../vocabulary/geo";
import type { Category, Unit } from "../vocabulary/domain";
import type { Models } from "../db/models";
import type { ImageVariant } from "../images";
import { compactSources, type PictureSources } from "../vocabulary/pictures";
import { ocopIsValid, parseTags, type LoadedProduct } from "./documents";
import type { Locale } from "../vocabulary/locale";

/** Plain JSON a page can render with <ResponsivePicture>. */
export interface Picture {
  id: number;
  width: number;
  height: number;
  placeholder: string;
  sources: PictureSources;
}

export interface ProductCard {
  id: number;
  slug: string;
  name: string;
  nameLang: Locale;
  cooperative: { slug: string; name: string };
  priceVnd: number;
  unit: Unit;
  minOrderQty: number;
  inStock: boolean;
  /** Stars of a currently valid OCOP certificate; null when none or expired. */
  ocopStars: number | null;
  category: Category;
  province: { code: string; name: string };
  image: Picture | null;
  highlight?: { name?: string; description?: string };
}

export interface ProductDetail extends ProductCard {
  sku: string;
  nameVi: string;
  nameEn: string | null;
  description: string;
  descriptionLang: Locale;
  stock: number;
  /** The name the origin goes by ("Bắc Kạn", "Tân Cương"), beside the province on the card. */
  originRegion: string | null;
  harvestMonths: number[];
  shelfLifeDays: number | null;
  certifications: string[];
  tags: string[];
  /** The tags a reader sees: the English ones on English pages when the product has them. */
  shownTags: { tags: string[]; lang: Locale };
  ocop: { stars: number; certificateNo: string; issuedOn: string; expiresOn: string; valid: boolean } | null;
  images: Picture[];
  status: string;
  cooperativeId: number;
  updatedAt: string;
}

export type WithImages = LoadedProduct & { images?: Array<InstanceType<Models["ProductImage"]>> };

export function toPicture(row: PictureSource): Picture {
  return {
    id: row.id,
    width: row.width,
    height: row.height,
    placeholder: row.placeholder,
    sources: compactSources(JSON.parse(row.variants) as ImageVariant[]),
  };
}

/** What a card is made of: a loaded product, or the row of the cards' own query (kit.ts). */
export interface CardSource {
  id: number;
  slug: string;
  nameVi: string;
  nameEn: string | null;
  priceVnd: number | string;
  unit: Unit;
  minOrderQty: number;
  stock: number;
  category: Category;
  originProvinceCode: string;
  cooperative?: { slug: string; name: string } | null;
  ocop?: { stars: number; expiresOn: string } | null;
  images?: ReadonlyArray<PictureSource & { position: number }>;
}

type PictureSource = Pick<
  InstanceType<Models["ProductImage"]>,
  "id" | "width" | "height" | "placeholder" | "variants"
>;

export function toCard(p: CardSource, locale: Locale, now = Date.now()): ProductCard {
  const en = locale === "en" && !!p.nameEn;
  const images = [...(p.images ?? [])].sort((a, b) => a.position - b.position);
  return {
    id: p.id,
    slug: p.slug,
    name: en ? p.nameEn! : p.nameVi,
    nameLang: en ? "en" : "vi",
    cooperative: { slug: p.cooperative?.slug ?? "", name: p.cooperative?.name ?? "" },
    priceVnd: Number(p.priceVnd),
    unit: p.unit,
    minOrderQty: p.minOrderQty,
    inStock: p.stock > 0,
    ocopStars: p.ocop && ocopIsValid(p.ocop, now) ? p.ocop.stars : null,
    category: p.category,
    province: {
      code: p.originProvinceCode,
      name: provinceByCode(p.originProvinceCode)?.name ?? p.originProvinceCode,
    },
    image: images[0] ? toPicture(images[0]) : null,
  };
}

function shownTags(p: Pick<WithImages, "tags" | "tagsEn">, locale: Locale): ProductDetail["shownTags"] {
  const en = locale === "en" ? parseTags(p.tagsEn ?? "[]") : [];
  return en.length ? { tags: en, lang: "en" } : { tags: parseTags(p.tags), lang: "vi" };
}

export function toDetail(p: WithImages, locale: Locale, now = Date.now()): ProductDetail {
  const enDescription = locale === "en" && !!p.descriptionEn;
  return {
    ...toCard(p, locale, now),
    sku: p.sku,
    nameVi: p.nameVi,
    nameEn: p.nameEn,
    description: enDescription ? p.descriptionEn! : p.descriptionVi,
    descriptionLang: enDescription ? "en" : "vi",
    stock: p.stock,
    originRegion: p.originRegion,
    harvestMonths: p.harvestMonths ? p.harvestMonths.split(",").map(Number).filter(Boolean) : [],
    shelfLifeDays: p.shelfLifeDays,
    certifications: (p.certifications ?? []).map((c) => c.certification).sort(),
    tags: parseTags(p.tags),
    shownTags: shownTags(p, locale),
    ocop: p.ocop
      ? {
          stars: p.ocop.stars,
          certificateNo: p.ocop.certificateNo,
          issuedOn: p.ocop.issuedOn,
          expiresOn: p.ocop.expiresOn,
          valid: ocopIsValid(p.ocop, now),
        }
      : null,
    images: [...(p.images ?? [])].sort((a, b) => a.position - b.position).map(toPicture),
    status: p.status,
    cooperativeId: p.cooperativeId,
    updatedAt: p.updatedAt.toISOString(),
  };
}
