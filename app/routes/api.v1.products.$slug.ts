import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiResponse } from "../lib/api.server";
import { expandSources } from "../../server/vocabulary/pictures";

/** GET /api/v1/products/:slug — one public product. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { catalogue, i18n } = context.services;
  const locale = await i18n.getLocale(request);
  return apiResponse(async () => {
    const { product: p, batches } = await catalogue.getProductPage({
      slug: params.slug ?? "",
      viewer: null,
      locale,
    });
    return {
      id: p.id,
      slug: p.slug,
      name: p.name,
      nameVi: p.nameVi,
      nameEn: p.nameEn,
      description: p.description,
      category: p.category,
      cooperative: p.cooperative,
      priceVnd: p.priceVnd,
      unit: p.unit,
      minOrderQty: p.minOrderQty,
      inStock: p.inStock,
      stock: p.stock,
      ocop:
        p.ocop && p.ocop.valid
          ? { stars: p.ocop.stars, certificateNo: p.ocop.certificateNo, expiresOn: p.ocop.expiresOn }
          : null,
      certifications: p.certifications,
      province: p.province.code,
      originRegion: p.originRegion,
      harvestMonths: p.harvestMonths,
      shelfLifeDays: p.shelfLifeDays,
      tags: p.tags,
      images: p.images.map((i) => ({
        width: i.width,
        height: i.height,
        variants: expandSources(i.sources),
      })),
      batches: batches.map((b) => ({
        lotCode: b.lotCode,
        producedOn: b.producedOn,
        traceUrl: `/trace/${b.publicCode}`,
      })),
    };
  });
}
