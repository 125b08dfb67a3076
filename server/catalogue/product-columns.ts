import { foldVietnamese } from "../vocabulary/text";
import type { ProductInput } from "./schemas";

/** Fold names and tags into the column the database searches when the engine is down. */
function searchText(input: Pick<ProductInput, "nameVi" | "nameEn" | "tags" | "sku">): string {
  return foldVietnamese([input.nameVi, input.nameEn ?? "", input.sku, ...input.tags].join(" ")).slice(0, 700);
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
    originDistrictCode: input.originDistrictCode ?? null,
    harvestMonths: [...new Set(input.harvestMonths)].sort((a, b) => a - b).join(","),
    shelfLifeDays: input.shelfLifeDays ?? null,
    tags: JSON.stringify([...new Set(input.tags)]),
  };
}
