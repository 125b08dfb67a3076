import { provinceByCode } from "../vocabulary/geo";
import { foldVietnamese } from "../vocabulary/text";
import type { ProductInput } from "./schemas";

/** Fold names, tags and the origin's names into the column the database searches when the engine is down. */
function searchText(
  input: Pick<ProductInput, "nameVi" | "nameEn" | "tags" | "sku" | "originRegion" | "originProvinceCode">,
): string {
  const places = [input.originRegion ?? "", provinceByCode(input.originProvinceCode)?.name ?? ""];
  return foldVietnamese(
    [input.nameVi, input.nameEn ?? "", input.sku, ...input.tags, ...places].join(" "),
  ).slice(0, 700);
}

/** Form or CSV input → product columns. */
export function productColumns(input: ProductInput) {
  return {
    sku: input.sku,
    nameVi: input.nameVi,
    nameEn: input.nameEn ?? null,
    descriptionVi: input.descriptionVi,
    descriptionEn: input.descriptionEn ?? null,
    searchText: searchText(input),
    category: input.category,
    unit: input.unit,
    priceVnd: input.priceVnd,
    minOrderQty: input.minOrderQty,
    stock: input.stock,
    status: input.status,
    originProvinceCode: input.originProvinceCode,
    originRegion: input.originRegion ?? null,
    harvestMonths: [...new Set(input.harvestMonths)].sort((a, b) => a - b).join(","),
    shelfLifeDays: input.shelfLifeDays ?? null,
    tags: JSON.stringify([...new Set(input.tags)]),
  };
}
