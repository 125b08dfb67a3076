import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiResponse } from "../lib/api.server";
import { expandSources, variantsIn } from "../../server/vocabulary/pictures";

/**
 * GET /api/v1/products?q=&category=&province=&ocop_min=&certification=&price=&in_stock=&sort=&page=&per_page=&locale=
 * The public catalogue search as JSON.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const { catalogue, i18n } = context.services;
  const locale = await i18n.getLocale(request);
  return apiResponse(async () => {
    const r = await catalogue.searchProducts({ query: Object.fromEntries(url.searchParams), locale });
    return {
      hits: r.hits.map((h) => ({
        id: h.id,
        slug: h.slug,
        name: h.name,
        cooperative: h.cooperative,
        priceVnd: h.priceVnd,
        unit: h.unit,
        minOrderQty: h.minOrderQty,
        inStock: h.inStock,
        ocopStars: h.ocopStars,
        category: h.category,
        province: h.province.code,
        image: h.image ? (variantsIn(expandSources(h.image.sources), "jpeg")[0]?.url ?? null) : null,
        highlight: h.highlight ?? {},
      })),
      facets: r.facets,
      total: r.total,
      page: r.page,
      perPage: r.perPage,
      degraded: r.degraded,
    };
  });
}
