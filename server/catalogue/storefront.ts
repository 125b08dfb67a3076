import { QueryTypes } from "sequelize";
import type { CurrentUser } from "../accounts/current-user";
import { Invalid, NotFound } from "../errors";
import { PRICE_BUCKETS, type SearchFilters } from "../search/types";
import { parseOrInvalid } from "../validation";
import type { Locale } from "../vocabulary/locale";
import { productListQuerySchema, type ProductListQuery } from "./schemas";
import { toDetail, type WithImages } from "./views";
import type { CatalogueKit } from "./kit";

function filtersFrom(q: ProductListQuery, cooperativeId?: number): SearchFilters {
  const bucket = q.price ? PRICE_BUCKETS.find((b) => b.key === q.price) : undefined;
  return {
    category: q.category,
    provinceCode: q.province,
    ocopMin: q.ocop_min,
    certification: q.certification,
    priceMin: bucket?.min,
    priceMax: bucket?.max ?? undefined,
    inStock: q.in_stock ? true : undefined,
    cooperativeId,
  };
}

/** What visitors see: search and suggestions, the home page's lists and product pages (traceability: trace-page.ts). */
export function storefront(kit: CatalogueKit) {
  const { db, models, engine, withImages, hydrate } = kit;

  async function cooperativeIdBySlug(slug: string | undefined) {
    if (!slug) return undefined;
    const c = await models.Cooperative.findOne({ where: { slug, status: "approved" }, attributes: ["id"] });
    if (!c) throw new Invalid({ cooperative: { code: "cooperative_not_found" } });
    return c.id;
  }

  async function engineSearch(
    raw: unknown,
    locale: Locale,
    options: { facets?: boolean; cooperativeId?: number } = {},
  ) {
    const q = parseOrInvalid(productListQuerySchema, raw);
    const cooperativeId = options.cooperativeId ?? (await cooperativeIdBySlug(q.cooperative));
    const result = await engine.search({
      q: q.q,
      locale: q.locale ?? locale,
      filters: filtersFrom(q, cooperativeId),
      sort: q.sort ?? (q.q ? "relevance" : "newest"),
      page: q.page,
      perPage: q.per_page,
      facets: options.facets ?? true,
    });
    return { q, result };
  }

  async function search(
    raw: unknown,
    locale: Locale,
    options: { facets?: boolean; cooperativeId?: number } = {},
  ) {
    const { q, result } = await engineSearch(raw, locale, options);
    const cards = await hydrate(
      result.hits.map((h) => h.id),
      q.locale ?? locale,
    );
    const hits = result.hits.flatMap((h) => {
      const card = cards.get(h.id);
      return card ? [{ ...card, highlight: h.highlights }] : [];
    });
    return {
      query: q,
      hits,
      total: result.total,
      page: result.page,
      perPage: result.perPage,
      facets: result.facets,
      degraded: result.degraded ?? false,
      engine: result.engine,
    };
  }

  return {
    /** The catalogue page and the API: the query string's filters, sort and page; facets unless told not to. */
    searchProducts({ query, locale, facets }: { query: unknown; locale: Locale; facets?: boolean }) {
      return search(query, locale, { facets });
    },

    /** Header suggestions: a handful of names, highlighted, no facets. */
    async suggestProducts({ text: typed, locale }: { text: string; locale: Locale }) {
      const text = typed.trim().slice(0, 100);
      if (text.length < 2) return [];
      const { hits } = await search({ q: text, per_page: "6" }, locale, { facets: false });
      return hits.map((h) => ({
        slug: h.slug,
        name: h.name,
        highlight: (h.highlight as { name?: string } | undefined)?.name ?? null,
        cooperative: h.cooperative.name,
        priceVnd: h.priceVnd,
        unit: h.unit,
      }));
    },

    async listNewestProducts({ locale, limit = 8 }: { locale: Locale; limit?: number }) {
      return (await search({ sort: "newest", per_page: String(limit) }, locale, { facets: false })).hits;
    },

    async listFeaturedProducts({ locale, limit = 8 }: { locale: Locale; limit?: number }) {
      return (
        await search({ ocop_min: "4", sort: "newest", per_page: String(limit), in_stock: "1" }, locale, {
          facets: false,
        })
      ).hits;
    },

    /** How many products each category has, for the home page's category tiles (no product is read). */
    async countProductsByCategory({ locale }: { locale: Locale }) {
      const { result } = await engineSearch({ per_page: "1" }, locale);
      return result.facets?.category ?? {};
    },

    /**
     * An approved cooperative's newest products, by its slug or, when the caller has just read the cooperative
     * (its profile page), by its id without looking the slug up again.
     */
    async listCooperativeProducts({
      locale,
      limit = 24,
      ...which
    }: ({ cooperativeSlug: string } | { cooperativeId: number }) & { locale: Locale; limit?: number }) {
      const query = { sort: "newest", per_page: String(limit) };
      return "cooperativeId" in which
        ? search(query, locale, { facets: false, cooperativeId: which.cooperativeId })
        : search({ ...query, cooperative: which.cooperativeSlug }, locale, { facets: false });
    },

    /** The public product page: active products of approved cooperatives, or any for their members and staff. */
    async getProductPage({
      slug,
      viewer,
      locale,
    }: {
      slug: string;
      viewer: CurrentUser | null;
      locale: Locale;
    }) {
      const p = (await models.Product.findOne({
        where: { slug },
        // The volume prices in the same statement as the rest of the page's product.
        include: [...withImages(), { model: models.ProductPriceTier, as: "priceTiers" }],
      })) as WithImages | null;
      if (!p) throw new NotFound("product_not_found");
      const privileged = viewer?.role === "staff" || viewer?.cooperative?.id === p.cooperativeId;
      if (!privileged && (p.status !== "active" || p.cooperative?.status !== "approved"))
        throw new NotFound("product_not_found");
      const detail = toDetail(p, locale);
      const [related, batches] = await Promise.all([
        search({ category: p.category, per_page: "5", sort: "newest" }, locale, { facets: false }).then((r) =>
          r.hits.filter((h) => h.id !== p.id).slice(0, 4),
        ),
        models.ProductBatch.findAll({
          where: { productId: p.id },
          order: [["producedOn", "DESC"]],
          limit: 5,
        }),
      ]);
      return {
        product: detail,
        /** Volume prices, lowest quantity first (the page shows those that lower the price). */
        priceTiers: (p.priceTiers ?? [])
          .map((t) => ({ minQty: t.minQty, priceVnd: Number(t.priceVnd) }))
          .sort((a, b) => a.minQty - b.minQty),
        related,
        batches: batches.map((b) => ({
          lotCode: b.lotCode,
          publicCode: b.publicCode,
          producedOn: b.producedOn,
          expiresOn: b.expiresOn,
        })),
        cooperative: p.cooperative!,
      };
    },

    /** All slugs for the sitemap. */
    async listSitemapProducts() {
      const rows = await db.sequelize.query<{ slug: string; updated_at: string | Date }>(
        `SELECT p.slug, p.updated_at FROM products p JOIN cooperatives c ON c.id = p.cooperative_id
         WHERE p.status = 'active' AND c.status = 'approved' ORDER BY p.id`,
        { type: QueryTypes.SELECT },
      );
      return rows.map((r) => ({ slug: r.slug, updatedAt: new Date(r.updated_at).toISOString() }));
    },
  };
}
