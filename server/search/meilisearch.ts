/**
 * The Meilisearch adapter (client 0.62, ESM only; the class is `Meilisearch`).
 *
 * Documents carry folded copies of their text (foldVietnamese: đ → d and no marks) beside the originals, so a
 * query typed without marks finds marked text whatever Meilisearch's own normalisation does with Vietnamese.
 *
 * Ranking rules, in order (the reasons):
 * - `sort` first: when the user picks "price" or "newest" the list must be in that order (the contract asserts
 *   it), relevance only breaking ties; with no sort parameter the rule does nothing and relevance decides.
 * - `words`, `typo`, `proximity`, `attribute`, `exactness`: Meilisearch's relevance. All words are required
 *   (matchingStrategy "all"), so `words` only orders prefix/synonym variants; `attribute` follows the searchable
 *   attributes' order, so a name match beats a description match.
 * - `stock_rank:desc`: of equally relevant products, those in stock first (a custom ranking rule, after the
 *   relevance rules so that it only breaks their ties, as the embedded engine orders tier, bm25, stock).
 * - `created_at:desc`, then `id:desc`: equally relevant products, and the browse list (no query), newest first.
 *
 * A query typed with marks (decision 0029): Meilisearch folds marks itself and has no setting to match them
 * exactly, so every document also carries the exact keys of its words (`exact_words`, exact-words.ts) and of
 * their beginnings (`exact_prefixes`, for the last word, which may be unfinished), as filterable attributes; the
 * query's exact constraint (query.ts) becomes a filter on them. A count-only probe with that filter alone goes in
 * the same multi-search: when it finds products, the filtered answers (hits, totals, every facet query) are the
 * answer; when it finds none, the same queries run again without the filter (a second round trip, only then).
 * Highlights mark what the embedded engine marks (the rule the query was matched by), plus Meilisearch's own
 * marks except on words that folding would match and the rule refuses ("miền" for "miến", "được" for the synonym
 * "dược liệu"): its typo matches stay marked.
 */
import {
  Meilisearch,
  MeilisearchApiError,
  MeilisearchRequestError,
  MeilisearchTaskTimeOutError,
  type EnqueuedTaskPromise,
  type Filter,
  type Hit,
  type MultiSearchQuery,
  type Settings,
  type SearchResponse,
} from "meilisearch";
import { foldVietnamese } from "../vocabulary/text";
import { keyPrefixes, productExactKeys, WORD } from "./exact-words";
import {
  exactConstraint,
  highlightSnippet,
  highlightText,
  MIN_PREFIX_LENGTH,
  parseQuery,
  render,
  termMatcher,
  wordMatches,
  type ExactConstraint,
  type TermMatcher,
} from "./query";
import { CATEGORY_LABELS, meilisearchSynonyms } from "./synonyms";
import {
  PRICE_BUCKETS,
  SearchUnavailable,
  type Category,
  type PriceBucketKey,
  type ProductDocument,
  type SearchEngine,
  type SearchFacets,
  type SearchHit,
  type SearchQuery,
  type SearchResult,
} from "./types";

export interface MeilisearchEngineOptions {
  url: string;
  apiKey?: string;
  /** Default "products". */
  indexUid?: string;
  /** Per HTTP request, ms (default 5 s): past it the catalogue answers from the database instead. */
  timeoutMs?: number;
}

const DEFAULT_PER_PAGE = 24;
const MAX_PER_PAGE = 100;
/** Task waits (indexing a large batch, applying settings to a full index) can take a while. */
const TASK_TIMEOUT_MS = 120_000;
/**
 * Sentinels around matches: Meilisearch inserts its tags without escaping the text, so the text is escaped
 * afterwards and the sentinels (private-use characters, stripped from documents) become <mark>…</mark>.
 */
const PRE = "\uE000";
const POST = "\uE001";
const SENTINELS = /[\uE000\uE001]/g;

/** The document as Meilisearch stores it. */
interface MeiliProduct {
  id: number;
  name_vi: string;
  name_en: string | null;
  name_folded: string;
  tags: string[];
  places: string[];
  category_labels: string[];
  cooperative_name: string[];
  description_vi: string;
  description_en: string | null;
  description_folded: string;
  category: Category;
  province_code: string;
  price_vnd: number;
  /** Facet on the bucket key: a facet on price_vnd would count every distinct price. */
  price_bucket: PriceBucketKey;
  in_stock: boolean;
  /** 1 in stock, 0 not: the `stock_rank:desc` ranking rule (a number, as custom ranking rules need). */
  stock_rank: 0 | 1;
  /** Exact keys of every word (exact-words.ts), and their beginnings, for queries typed with marks. */
  exact_words: string[];
  exact_prefixes: string[];
  ocop_stars: number | null;
  ocop_expires_at: number | null;
  certifications: string[];
  cooperative_id: number;
  created_at: number;
}

type RetrievedProduct = Pick<
  MeiliProduct,
  "id" | "name_vi" | "name_en" | "description_vi" | "description_en"
>;

const SEARCHABLE = [
  "name_vi",
  "name_en",
  "name_folded",
  "tags",
  "places",
  "category_labels",
  "cooperative_name",
  "description_vi",
  "description_en",
  "description_folded",
];

export const MEILISEARCH_SETTINGS: Settings = {
  searchableAttributes: SEARCHABLE,
  filterableAttributes: [
    "category",
    "province_code",
    "ocop_stars",
    "ocop_expires_at",
    "certifications",
    "price_vnd",
    "price_bucket",
    "in_stock",
    "cooperative_id",
    "exact_words",
    "exact_prefixes",
  ],
  // id too: price sorts break ties by id.
  sortableAttributes: ["price_vnd", "created_at", "id"],
  rankingRules: [
    "sort",
    "words",
    "typo",
    "proximity",
    "attribute",
    "exactness",
    "stock_rank:desc",
    "created_at:desc",
    "id:desc",
  ],
  // Vietnamese syllables are short: one typo from 5 letters, two from 9 (one edit on "che" matches everything).
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } },
  synonyms: meilisearchSynonyms(),
  // Totals are exact up to this many matches (the whole catalogue at the sizes planned for).
  pagination: { maxTotalHits: 200_000 },
  faceting: { maxValuesPerFacet: 100 },
};

function clean(text: string): string;
function clean(text: string | null): string | null;
function clean(text: string | null): string | null {
  return text === null ? null : text.replace(SENTINELS, "");
}

function priceBucket(price: number): PriceBucketKey {
  for (const b of PRICE_BUCKETS) if (b.max === null || price < b.max) return b.key;
  return PRICE_BUCKETS[PRICE_BUCKETS.length - 1]!.key;
}

function toMeili(doc: ProductDocument): MeiliProduct {
  const labels = CATEGORY_LABELS[doc.category] ?? { vi: "", en: "" };
  const labelList = [labels.vi, labels.en].filter(Boolean);
  const withFolded = (values: string[]) =>
    [...new Set([...values, ...values.map(foldVietnamese)])].map((v) => clean(v));
  const exactWords = [...productExactKeys(doc)];
  const exactPrefixes = new Set<string>();
  for (const key of exactWords) for (const p of keyPrefixes(key, MIN_PREFIX_LENGTH)) exactPrefixes.add(p);
  return {
    id: doc.id,
    name_vi: clean(doc.nameVi),
    name_en: clean(doc.nameEn),
    name_folded: foldVietnamese([doc.nameVi, doc.nameEn].filter(Boolean).join(" ")),
    tags: withFolded(doc.tags),
    places: withFolded(doc.places),
    category_labels: withFolded(labelList),
    cooperative_name: withFolded([doc.cooperativeName]),
    description_vi: clean(doc.descriptionVi),
    description_en: clean(doc.descriptionEn),
    description_folded: foldVietnamese([doc.descriptionVi, doc.descriptionEn].filter(Boolean).join(" ")),
    category: doc.category,
    province_code: doc.provinceCode,
    price_vnd: doc.priceVnd,
    price_bucket: priceBucket(doc.priceVnd),
    in_stock: doc.inStock,
    stock_rank: doc.inStock ? 1 : 0,
    exact_words: exactWords,
    exact_prefixes: [...exactPrefixes],
    ocop_stars: doc.ocopStars,
    ocop_expires_at: doc.ocopExpiresAt,
    certifications: [...new Set(doc.certifications)],
    cooperative_id: doc.cooperativeId,
    created_at: doc.createdAt,
  };
}

/** A string in Meilisearch filter syntax: double-quoted, with backslashes and quotes escaped. */
export function filterString(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/** A number in filter syntax, only if it is one (never a string that happens to parse). */
function filterNumber(value: unknown): string | null {
  return typeof value === "number" && Number.isFinite(value) ? String(value) : null;
}

type FacetKey = "category" | "province" | "certification" | "price" | "stock";
type FilterKey = FacetKey | "ocop" | "cooperative";

const FACET_ATTRIBUTE: Record<FacetKey, string> = {
  category: "category",
  province: "province_code",
  certification: "certifications",
  price: "price_bucket",
  stock: "in_stock",
};

const isInt = (n: unknown): n is number => typeof n === "number" && Number.isSafeInteger(n);

/**
 * A query's exact constraint as a filter: units ANDed, each an OR of its variants, each an AND of words found in
 * `exact_words` (the last typed word, a prefix, in `exact_prefixes` too).
 */
export function exactFilter(constraint: ExactConstraint): string {
  const term = (key: string, prefix: boolean) =>
    prefix
      ? `(exact_words = ${filterString(key)} OR exact_prefixes = ${filterString(key)})`
      : `exact_words = ${filterString(key)}`;
  return constraint
    .map(
      (variants) =>
        `(${variants.map((terms) => `(${terms.map((t) => term(t.key, t.prefix)).join(" AND ")})`).join(" OR ")})`,
    )
    .join(" AND ");
}

/**
 * Meilisearch's highlighted value, escaped, with whole words marked: those `matcher` matches (the rule the query
 * was matched by), and those Meilisearch marked (in part) that are no folding collision, i.e. that `folded` (the
 * query, synonyms included, all folded) does not match (its typo matches). Undefined when Meilisearch marked
 * nothing (then it found the field only through its folded copy, or not at all) or no mark is left.
 */
export function fromFormatted(value: unknown, matcher: TermMatcher, folded: TermMatcher): string | undefined {
  if (typeof value !== "string" || !value.includes(PRE)) return undefined;
  let text = "";
  const marked: Array<[number, number]> = [];
  let start = -1;
  for (const c of value) {
    if (c === PRE) start = text.length;
    else if (c === POST) {
      if (start >= 0) marked.push([start, text.length]);
      start = -1;
    } else text += c;
  }
  const ranges: Array<[number, number]> = [];
  for (const m of text.matchAll(WORD)) {
    const [from, to] = [m.index, m.index + m[0].length];
    const byMeilisearch = marked.some(([a, b]) => a < to && b > from);
    if (wordMatches(m[0], matcher) || (byMeilisearch && !wordMatches(m[0], folded))) ranges.push([from, to]);
  }
  return ranges.length > 0 ? render(text, ranges) : undefined;
}

export class MeilisearchEngine implements SearchEngine {
  readonly name = "meilisearch";
  private readonly client: Meilisearch;
  readonly indexUid: string;
  private ready: Promise<void> | null = null;

  constructor(options: MeilisearchEngineOptions) {
    this.client = new Meilisearch({
      host: options.url,
      apiKey: options.apiKey,
      timeout: options.timeoutMs ?? 5_000,
      defaultWaitOptions: { timeout: TASK_TIMEOUT_MS, interval: 50 },
    });
    this.indexUid = options.indexUid ?? "products";
  }

  private get index() {
    return this.client.index<MeiliProduct>(this.indexUid);
  }

  /** Runs a call, turning "cannot reach Meilisearch" into SearchUnavailable (the catalogue falls back). */
  private async guard<T>(what: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      const unreachable =
        error instanceof MeilisearchRequestError ||
        error instanceof MeilisearchTaskTimeOutError ||
        (error instanceof MeilisearchApiError && error.response.status >= 500);
      if (unreachable) throw new SearchUnavailable(`Meilisearch ${what}: ${error.message}`, { cause: error });
      throw error;
    }
  }

  /** Waits for an enqueued task and fails loudly if Meilisearch could not apply it. */
  private async settle(what: string, task: EnqueuedTaskPromise): Promise<void> {
    const done = await this.guard(what, () => task.waitTask());
    if (done.status !== "succeeded") {
      throw new Error(`Meilisearch ${what} ${done.status}: ${done.error?.message ?? "no error given"}`);
    }
  }

  ensureReady(): Promise<void> {
    this.ready ??= this.prepare().catch((error: unknown) => {
      this.ready = null;
      throw error;
    });
    return this.ready;
  }

  private async prepare(): Promise<void> {
    const exists = await this.guard("get index", async () => {
      try {
        await this.client.getRawIndex(this.indexUid);
        return true;
      } catch (error) {
        if (error instanceof MeilisearchApiError && error.cause?.code === "index_not_found") return false;
        throw error;
      }
    });
    if (!exists) {
      const created = await this.guard("create index", () =>
        this.client.createIndex(this.indexUid, { primaryKey: "id" }).waitTask(),
      );
      // Two processes may create it at once: "already exists" is success.
      if (created.status !== "succeeded" && created.error?.code !== "index_already_exists") {
        throw new Error(`Meilisearch create index failed: ${created.error?.message ?? created.status}`);
      }
    }
    await this.settle("settings", this.index.updateSettings(MEILISEARCH_SETTINGS));
  }

  async upsert(documents: ProductDocument[]): Promise<void> {
    if (documents.length === 0) return;
    await this.ensureReady();
    // addDocuments replaces whole documents with the same id (updateDocuments would merge fields).
    await this.settle("add documents", this.index.addDocuments(documents.map(toMeili), { primaryKey: "id" }));
  }

  async remove(ids: number[]): Promise<void> {
    const valid = ids.filter(isInt);
    if (valid.length === 0) return;
    await this.ensureReady();
    await this.settle("delete documents", this.index.deleteDocuments(valid));
  }

  async reset(): Promise<void> {
    await this.ensureReady();
    await this.settle("delete all documents", this.index.deleteAllDocuments());
  }

  async count(): Promise<number> {
    await this.ensureReady();
    const stats = await this.guard("stats", () => this.index.getStats());
    return stats.numberOfDocuments;
  }

  /** Deletes the whole index (tests use a throw-away index per run). */
  async deleteIndex(): Promise<void> {
    await this.guard("delete index", () => this.client.deleteIndexIfExists(this.indexUid));
    this.ready = null;
  }

  async close(): Promise<void> {
    // HTTP only: nothing to release.
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    await this.ensureReady();
    const page = isInt(query.page) && query.page >= 1 ? query.page : 1;
    const perPage =
      isInt(query.perPage) && query.perPage >= 1 ? Math.min(query.perPage, MAX_PER_PAGE) : DEFAULT_PER_PAGE;
    const now = typeof query.now === "number" && Number.isFinite(query.now) ? query.now : Date.now();
    const parsed = parseQuery(query.q);
    // Only words go to Meilisearch: quotes (phrase search) and "-" (negation) are syntax there, not text.
    const q = parsed.tokens.map((t) => t.original).join(" ");

    const f = query.filters ?? {};
    const filters: Array<{ key: FilterKey; expr: string }> = [];
    if (f.category) filters.push({ key: "category", expr: `category = ${filterString(f.category)}` });
    if (f.provinceCode)
      filters.push({ key: "province", expr: `province_code = ${filterString(f.provinceCode)}` });
    const ocopMin = filterNumber(f.ocopMin);
    if (ocopMin !== null) {
      filters.push({
        key: "ocop",
        expr: `ocop_stars >= ${ocopMin} AND ocop_expires_at > ${filterNumber(now)}`,
      });
    }
    if (f.certification) {
      filters.push({ key: "certification", expr: `certifications = ${filterString(f.certification)}` });
    }
    const priceMin = filterNumber(f.priceMin);
    const priceMax = filterNumber(f.priceMax);
    if (priceMin !== null) filters.push({ key: "price", expr: `price_vnd >= ${priceMin}` });
    if (priceMax !== null) filters.push({ key: "price", expr: `price_vnd < ${priceMax}` });
    // As in the embedded engine: only `true` filters.
    if (f.inStock === true) filters.push({ key: "stock", expr: `in_stock = true` });
    if (isInt(f.cooperativeId))
      filters.push({ key: "cooperative", expr: `cooperative_id = ${f.cooperativeId}` });
    const filterExcept = (except?: FilterKey): Filter =>
      filters.filter((x) => x.key !== except).map((x) => x.expr);
    const active = new Set(filters.map((x) => x.key));

    const sort = query.sort ?? "relevance";
    const sortBy =
      sort === "price_asc"
        ? ["price_vnd:asc", "id:asc"]
        : sort === "price_desc"
          ? ["price_vnd:desc", "id:asc"]
          : sort === "newest" || q === ""
            ? ["created_at:desc", "id:desc"]
            : undefined;

    const facetKeys = Object.keys(FACET_ATTRIBUTE) as FacetKey[];
    // Disjunctive facets: one count-only query per facet whose own filter is set, without that filter.
    const disjunctive = query.facets ? facetKeys.filter((k) => active.has(k)) : [];
    /** The main query and the facet queries, within the exact match set when `exact` is given. */
    const queriesWithin = (exact: string | null): MultiSearchQuery[] => {
      const filter = (except?: FilterKey, ...more: string[]): Filter => [
        ...(filterExcept(except) as string[]),
        ...more,
        ...(exact ? [exact] : []),
      ];
      const queries: MultiSearchQuery[] = [
        {
          indexUid: this.indexUid,
          q,
          filter: filter(),
          sort: sortBy,
          page,
          hitsPerPage: perPage,
          matchingStrategy: "all",
          attributesToRetrieve: ["id", "name_vi", "name_en", "description_vi", "description_en"],
          attributesToHighlight: ["name_vi", "name_en", "description_vi", "description_en"],
          attributesToCrop: ["description_vi", "description_en"],
          cropLength: 28,
          cropMarker: "…",
          highlightPreTag: PRE,
          highlightPostTag: POST,
          // Facets whose own filter is not set: with every filter applied is the same as with all but their own.
          facets: query.facets
            ? facetKeys.filter((k) => !active.has(k)).map((k) => FACET_ATTRIBUTE[k])
            : undefined,
        },
      ];
      for (const key of disjunctive) {
        queries.push({
          indexUid: this.indexUid,
          q,
          filter: filter(key),
          matchingStrategy: "all",
          limit: 0,
          facets: [FACET_ATTRIBUTE[key]],
        });
      }
      if (query.facets) {
        // OCOP counts need "certificate valid at now", which no stored facet value says: count stars among the valid.
        queries.push({
          indexUid: this.indexUid,
          q,
          filter: filter("ocop", `ocop_expires_at > ${filterNumber(now)}`),
          matchingStrategy: "all",
          limit: 0,
          facets: ["ocop_stars"],
        });
      }
      return queries;
    };
    const multiSearch = (queries: MultiSearchQuery[]) =>
      this.guard("search", () =>
        this.client.multiSearch<{ queries: MultiSearchQuery[] }, RetrievedProduct>({ queries }),
      );

    // A query typed with marks: the exact match set, if the probe (that filter alone) finds it not empty.
    const constraint = exactConstraint(parsed);
    const exact = constraint ? exactFilter(constraint) : null;
    let results: Array<SearchResponse<RetrievedProduct>>;
    let exactTyped = false;
    if (exact) {
      const probe: MultiSearchQuery = {
        indexUid: this.indexUid,
        q,
        filter: [exact],
        matchingStrategy: "all",
        limit: 0,
      };
      const [probed, ...within] = (await multiSearch([probe, ...queriesWithin(exact)])).results;
      exactTyped = (probed?.estimatedTotalHits ?? probed?.totalHits ?? 0) > 0;
      results = exactTyped ? within : (await multiSearch(queriesWithin(null))).results;
    } else results = (await multiSearch(queriesWithin(null))).results;
    const [main, ...rest] = results;
    if (!main) throw new Error("Meilisearch returned no result for the main query");

    let facets: SearchFacets | null = null;
    if (query.facets) {
      const distribution: Record<string, Record<string, number>> = { ...(main.facetDistribution ?? {}) };
      disjunctive.forEach((key, i) => {
        const attribute = FACET_ATTRIBUTE[key];
        distribution[attribute] = rest[i]?.facetDistribution?.[attribute] ?? {};
      });
      const stars = rest[disjunctive.length]?.facetDistribution?.ocop_stars ?? {};
      facets = this.facets(distribution, stars);
    }

    // Highlights follow the rule the query was matched by; of Meilisearch's own marks, those on words that
    // folding matches and the rule refuses are taken off, the others (typo matches) kept.
    const matcher = termMatcher(parsed, { exactTyped });
    const folded = termMatcher(parsed, { foldedSynonyms: true });
    // (No text, nothing to highlight.)
    const hits = main.hits.map((hit) =>
      parsed.units.length > 0
        ? this.hit(hit, query.locale, matcher, folded)
        : { id: Number(hit.id), highlights: {} },
    );
    return {
      hits,
      total:
        (main as SearchResponse<RetrievedProduct, { page: number }>).totalHits ??
        main.estimatedTotalHits ??
        0,
      page,
      perPage,
      facets,
      engine: this.name,
    };
  }

  private facets(
    distribution: Record<string, Record<string, number>>,
    stars: Record<string, number>,
  ): SearchFacets {
    const atLeast = (n: number) =>
      Object.entries(stars).reduce((sum, [value, count]) => (Number(value) >= n ? sum + count : sum), 0);
    const nonZero = (values: Record<string, number> | undefined) =>
      Object.fromEntries(Object.entries(values ?? {}).filter(([, n]) => n > 0));
    const price = Object.fromEntries(PRICE_BUCKETS.map((b) => [b.key, 0])) as Record<PriceBucketKey, number>;
    for (const [key, n] of Object.entries(distribution.price_bucket ?? {})) {
      if (key in price) price[key as PriceBucketKey] = n;
    }
    return {
      category: nonZero(distribution.category) as Partial<Record<Category, number>>,
      province: nonZero(distribution.province_code),
      certification: nonZero(distribution.certifications),
      price,
      ocopMin: { "3": atLeast(3), "4": atLeast(4), "5": atLeast(5) },
      inStock: distribution.in_stock?.["true"] ?? 0,
    };
  }

  private hit(
    hit: Hit<RetrievedProduct>,
    locale: SearchQuery["locale"],
    matcher: TermMatcher,
    folded: TermMatcher,
  ): SearchHit {
    const highlights: SearchHit["highlights"] = {};
    const useEn = locale === "en";
    const nameField = useEn && hit.name_en ? "name_en" : "name_vi";
    const descriptionField = useEn && hit.description_en ? "description_en" : "description_vi";
    const formatted = hit._formatted ?? {};
    // Meilisearch marks what it matched in the original; a match found through the folded copy only (its
    // normalisation may keep đ) is marked by our matcher, as the embedded engine does.
    const name =
      fromFormatted(formatted[nameField], matcher, folded) ?? highlightText(hit[nameField], matcher);
    const description =
      fromFormatted(formatted[descriptionField], matcher, folded) ??
      highlightSnippet(hit[descriptionField], matcher);
    if (name) highlights.name = name;
    if (description) highlights.description = description;
    return { id: Number(hit.id), highlights };
  }
}
