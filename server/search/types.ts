import type { Sector } from "../vocabulary/domain";
import type { Locale } from "../vocabulary/locale";

/** Product categories are the same vocabulary as cooperative sectors. */
export type Category = Sector;

/**
 * What the catalogue hands to a search engine: one active product of an approved cooperative. Drafts, archived
 * products and products of cooperatives that are not approved are removed from the index, not filtered at query time.
 */
export interface ProductDocument {
  id: number;
  slug: string;
  nameVi: string;
  nameEn: string | null;
  descriptionVi: string;
  descriptionEn: string | null;
  tags: string[];
  category: Category;
  cooperativeId: number;
  cooperativeSlug: string;
  cooperativeName: string;
  /** Province of the product's origin on the 2025 map (statistics office code): the facet. */
  provinceCode: string;
  /**
   * The names its origin goes by, searched as text: the region the cooperative wrote ("Tân Cương", "Bắc Kạn",
   * "Việt Bắc") and the current province's name, so "miến dong Bắc Kạn" and "miến dong Thái Nguyên" both find it.
   */
  places: string[];
  priceVnd: number;
  unit: string;
  /** OCOP star level (3, 4 or 5) and its certificate's expiry (epoch ms); an expired certificate counts as none. */
  ocopStars: number | null;
  ocopExpiresAt: number | null;
  certifications: string[];
  inStock: boolean;
  /** epoch ms */
  createdAt: number;
}

export const SORTS = ["relevance", "price_asc", "price_desc", "newest"] as const;
export type Sort = (typeof SORTS)[number];

/** Price facet buckets in VND: [min, max) — the last has no upper bound. */
export const PRICE_BUCKETS = [
  { key: "lt50k", min: 0, max: 50_000 },
  { key: "50k-100k", min: 50_000, max: 100_000 },
  { key: "100k-200k", min: 100_000, max: 200_000 },
  { key: "200k-500k", min: 200_000, max: 500_000 },
  { key: "gte500k", min: 500_000, max: null },
] as const;
export type PriceBucketKey = (typeof PRICE_BUCKETS)[number]["key"];

export interface SearchFilters {
  category?: Category;
  provinceCode?: string;
  /** At least this many OCOP stars, with a certificate valid at `now`. */
  ocopMin?: number;
  certification?: string;
  /** Inclusive lower bound, exclusive upper bound, in VND. */
  priceMin?: number;
  priceMax?: number;
  inStock?: boolean;
  cooperativeId?: number;
}

export interface SearchQuery {
  /** Free text as the user typed it, with or without Vietnamese marks. Empty: browse everything. */
  q?: string;
  /** Language of the page: which name and description are highlighted first. */
  locale: Locale;
  filters?: SearchFilters;
  sort?: Sort;
  /** 1-based */
  page?: number;
  perPage?: number;
  /** Compute facet counts (slower); each facet's counts apply every filter except that facet's own. */
  facets?: boolean;
  /** "Now" for OCOP expiry, epoch ms; defaults to Date.now(). */
  now?: number;
}

export interface SearchHit {
  id: number;
  /** HTML-escaped text with matches wrapped in <mark>…</mark>; absent when nothing matched in that field. */
  highlights: { name?: string; description?: string };
}

export interface SearchFacets {
  category: Partial<Record<Category, number>>;
  province: Record<string, number>;
  /** Products with a valid certificate of at least N stars, for N = 3, 4, 5. */
  ocopMin: Record<"3" | "4" | "5", number>;
  certification: Record<string, number>;
  price: Record<PriceBucketKey, number>;
  inStock: number;
}

export interface SearchResult {
  hits: SearchHit[];
  total: number;
  page: number;
  perPage: number;
  facets: SearchFacets | null;
  /** Which engine answered ("embedded", "meilisearch", "database"). */
  engine: string;
  /** The search engine was unreachable and a simpler one answered (the page says so). */
  degraded?: boolean;
}

/** Raised when the engine cannot be reached; the catalogue then answers from the database. */
export class SearchUnavailable extends Error {
  override name = "SearchUnavailable";
}

export interface SearchEngine {
  readonly name: string;
  /** Create the index and apply settings; idempotent. */
  ensureReady(): Promise<void>;
  upsert(documents: ProductDocument[]): Promise<void>;
  remove(ids: number[]): Promise<void>;
  /** Remove every document (full reindex). */
  reset(): Promise<void>;
  search(query: SearchQuery): Promise<SearchResult>;
  /** Number of documents in the index. */
  count(): Promise<number>;
  close(): Promise<void>;
}
