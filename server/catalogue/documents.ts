import type { Models } from "../db/models";
import type { ProductRecord } from "../db/models/catalogue";
import type { CooperativeRecord } from "../db/models/cooperatives";
import type { ProductDocument } from "../search/types";
import { provinceByCode } from "../vocabulary/geo";

export type LoadedProduct = ProductRecord & {
  cooperative?: CooperativeRecord;
  certifications?: Array<{ certification: string }>;
  ocop?: { stars: number; certificateNo: string; issuedOn: string; expiresOn: string } | null;
};

/** Everything a search document or a product page needs, in one query. */
export function productIncludes(models: Models) {
  return [
    { model: models.Cooperative, as: "cooperative" },
    { model: models.ProductCertification, as: "certifications" },
    { model: models.ProductOcop, as: "ocop" },
  ];
}

/** The end of the certificate's last valid day, in Vietnam (UTC+7). */
export function ocopExpiresAt(expiresOn: string): number {
  return Date.parse(`${expiresOn}T23:59:59.999+07:00`);
}

export function ocopIsValid(ocop: { expiresOn: string } | null | undefined, now = Date.now()): boolean {
  return !!ocop && ocopExpiresAt(ocop.expiresOn) > now;
}

export function parseTags(json: string): string[] {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
}

/** Only active products of approved cooperatives are searchable; everything else is removed from the index. */
export function isSearchable(p: LoadedProduct): boolean {
  return p.status === "active" && p.cooperative?.status === "approved";
}

export function asSearchDocument(p: LoadedProduct): ProductDocument {
  return {
    id: p.id,
    slug: p.slug,
    nameVi: p.nameVi,
    nameEn: p.nameEn,
    descriptionVi: p.descriptionVi,
    descriptionEn: p.descriptionEn,
    // Both languages' tags find the product, as both names do.
    tags: [...new Set([...parseTags(p.tags), ...parseTags(p.tagsEn ?? "[]")])],
    category: p.category,
    cooperativeId: p.cooperativeId,
    cooperativeSlug: p.cooperative?.slug ?? "",
    cooperativeName: p.cooperative?.name ?? "",
    provinceCode: p.originProvinceCode,
    places: [p.originRegion, provinceByCode(p.originProvinceCode)?.name].filter((s): s is string => !!s),
    priceVnd: Number(p.priceVnd),
    unit: p.unit,
    ocopStars: p.ocop ? p.ocop.stars : null,
    ocopExpiresAt: p.ocop ? ocopExpiresAt(p.ocop.expiresOn) : null,
    certifications: (p.certifications ?? []).map((c) => c.certification).sort(),
    inStock: p.stock > 0,
    createdAt: p.createdAt.getTime(),
  };
}
