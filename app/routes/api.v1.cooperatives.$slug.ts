import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiResponse } from "../lib/api.server";

/** GET /api/v1/cooperatives/:slug — an approved cooperative's public profile. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { cooperatives, catalogue, i18n } = context.services;
  const locale = await i18n.getLocale(request);
  return apiResponse(async () => {
    const c = await cooperatives.getCooperativeProfile({ slug: params.slug ?? "", viewer: null, locale });
    const products = await catalogue.listCooperativeProducts({ cooperativeSlug: c.slug, locale, limit: 100 });
    return {
      slug: c.slug,
      name: c.name,
      kind: c.kind,
      province: c.province.code,
      ward: c.ward?.code ?? null,
      sectors: c.sectors,
      foundedYear: c.foundedYear,
      memberCount: c.memberCount,
      description: c.description,
      contact: { representative: c.representative, phone: c.phone, email: c.email, website: c.website },
      productCount: products.total,
      products: products.hits.map((h) => ({
        slug: h.slug,
        name: h.name,
        priceVnd: h.priceVnd,
        unit: h.unit,
      })),
    };
  });
}
