/**
 * Search benchmark: the embedded engine (SQLite FTS5) against a plain in-memory scan, on N synthetic products.
 *
 *   npx tsx tests/bench/search.ts [--sizes 10000,100000] [--rounds 30] [--seed 42] [--no-baseline]
 *
 * Prints the machine's load, then per size: per query the hits and p50/p95/max latency of each engine; then per
 * size and engine the index build time and throughput, p50/p95/p99 over all queries, the ratio of p95 to the
 * baseline's, and the process memory with the index loaded; then whether the targets are met (printed only, never
 * a failure). See tests/bench/README.md.
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { SECTORS } from "../../server/vocabulary/domain";
import { provinceByCode } from "../../server/vocabulary/geo";
import { foldVietnamese } from "../../server/vocabulary/text";
import { EmbeddedSearchEngine } from "../../server/search/embedded";
import {
  PRICE_BUCKETS,
  type Category,
  type PriceBucketKey,
  type ProductDocument,
  type SearchFacets,
  type SearchFilters,
  type SearchQuery,
  type SearchResult,
} from "../../server/search/types";

// ---- arguments ----------------------------------------------------------------------------------------------

function argument(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const SIZES = (argument("sizes") ?? "10000,100000").split(",").map((s) => Number(s.replace(/_/g, "")));
const ROUNDS = Number(argument("rounds") ?? 30);
const SEED = Number(argument("seed") ?? 42);
const BASELINE = !process.argv.includes("--no-baseline");
const BATCH = 500; // as server/catalogue/indexer.ts reindexes
const NOW = Date.UTC(2025, 5, 1);
const DAY = 86_400_000;

// ---- deterministic synthetic products -----------------------------------------------------------------------

/** mulberry32: small, fast, and the same numbers on every machine. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ONSETS = [
  "",
  "b",
  "c",
  "ch",
  "d",
  "đ",
  "g",
  "gi",
  "h",
  "kh",
  "l",
  "m",
  "n",
  "ng",
  "nh",
  "ph",
  "qu",
  "s",
  "t",
].concat(["th", "tr", "v", "x", "r"]);
const VOWELS = [
  "a",
  "ă",
  "â",
  "e",
  "ê",
  "i",
  "o",
  "ô",
  "ơ",
  "u",
  "ư",
  "ia",
  "iê",
  "ua",
  "uô",
  "ươ",
  "oa",
  "ay",
  "ao",
];
/** No tone, huyền, sắc, hỏi, ngã, nặng — as combining marks on the vowel's first letter, then NFC. */
const TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"];
const CODAS = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t", "i", "u"];

/** ~3,000 distinct Vietnamese-like syllables (onset × vowel with tone × coda), in a seeded shuffled order. */
function makeSyllables(seed: number, count: number): string[] {
  const all = new Set<string>();
  for (const onset of ONSETS)
    for (const vowel of VOWELS)
      for (const tone of TONES)
        for (const coda of CODAS) {
          if (coda && vowel.length > 1 && /[aiouy]$/.test(coda)) continue; // no "oai"-like triple vowels
          all.add((onset + vowel[0] + tone + vowel.slice(1) + coda).normalize("NFC"));
        }
  const list = [...all];
  const next = random(seed);
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list.slice(0, count);
}

/** Zipf(s = 1) over n ranks: cumulative weights, picked by binary search. */
function zipfSampler(n: number) {
  const cumulative = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) cumulative[i] = sum += 1 / (i + 1);
  return (u: number) => {
    const x = u * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

const SYLLABLES = makeSyllables(SEED, 3000);
const zipf = zipfSampler(SYLLABLES.length);
/** Real product phrases mixed into names and descriptions, so the queries below have realistic answers. */
const PHRASES = [
  "Trà Tân Cương",
  "Miến dong",
  "Gạo tám thơm",
  "Đinh lăng",
  "Chè búp",
  "Mật ong",
  "Nấm hương",
].concat(["Quế thanh", "Hoa hồi", "Vải thiều", "Trà", "Tân", "Cương", "Miến", "Dong", "Gạo", "Tám", "Thơm"]);
/** Twenty of the 34 provinces of the 2025 map. */
const PROVINCE_CODES = [
  "01",
  "04",
  "08",
  "11",
  "12",
  "14",
  "15",
  "19",
  "20",
  "22",
  "24",
  "25",
  "31",
  "33",
  "37",
  "66",
  "68",
].concat(["92", "79", "40"]);
const CERTIFICATIONS = ["vietgap", "globalgap", "organic", "haccp", "iso22000", "geographical_indication"];
const TAGS = ["đặc sản", "quà biếu", "hữu cơ", "Tây Bắc", "Việt Bắc", "xuất khẩu", "OCOP"];

function capitalise(s: string) {
  return s.charAt(0).toLocaleUpperCase("vi") + s.slice(1);
}

/** Product i of the synthetic catalogue: the same for the same seed and i, whatever else was generated. */
function syntheticProduct(i: number): ProductDocument {
  const next = random(SEED * 1_000_003 + i * 7919);
  const words = (n: number) => Array.from({ length: n }, () => SYLLABLES[zipf(next())]!);
  const name = words(3 + Math.floor(next() * 4));
  if (next() < 0.15)
    name.splice(Math.floor(next() * name.length), 1, PHRASES[Math.floor(next() * PHRASES.length)]!);
  const description = words(25);
  if (next() < 0.1)
    description.splice(Math.floor(next() * 25), 0, PHRASES[Math.floor(next() * PHRASES.length)]!);
  const hasOcop = next() < 0.2;
  const price = Math.round(
    Math.exp(Math.log(10_000) + next() * (Math.log(2_000_000) - Math.log(10_000))) / 1000,
  );
  const certifications = CERTIFICATIONS.filter(() => next() < 0.12);
  const nameVi = capitalise(name.join(" "));
  const doc: Omit<ProductDocument, "places"> = {
    id: i + 1,
    slug: `p-${i + 1}`,
    nameVi,
    nameEn: next() < 0.3 ? `Product ${i + 1}` : null,
    descriptionVi: capitalise(description.join(" ")) + ".",
    descriptionEn: null,
    tags: TAGS.filter(() => next() < 0.1),
    category: SECTORS[Math.floor(next() * SECTORS.length)]!,
    cooperativeId: 1 + Math.floor(next() * Math.max(10, i / 40)),
    cooperativeSlug: "htx",
    cooperativeName: `HTX ${capitalise(words(2).join(" "))}`,
    provinceCode: PROVINCE_CODES[Math.floor(next() * PROVINCE_CODES.length)]!,
    priceVnd: price * 1000,
    unit: "kg",
    ocopStars: hasOcop ? 3 + Math.floor(next() * 3) : null,
    ocopExpiresAt: hasOcop ? NOW + (next() < 0.15 ? -1 : 1) * Math.floor(1 + next() * 700) * DAY : null,
    certifications,
    inStock: next() < 0.85,
    createdAt: NOW - Math.floor(next() * 1000 * DAY),
  };
  // The names its origin goes by, searched as text; here the province's only (no region was written).
  return { ...doc, places: [provinceByCode(doc.provinceCode)!.name] };
}

// ---- the query set ------------------------------------------------------------------------------------------

const QUERY_SET: Array<{ label: string; query: SearchQuery }> = [
  { label: "tra tan cuong", query: { q: "tra tan cuong", locale: "vi" } },
  { label: "mien dong", query: { q: "mien dong", locale: "vi" } },
  { label: "gao tam thom", query: { q: "gao tam thom", locale: "vi" } },
  { label: "dinh lang", query: { q: "dinh lang", locale: "vi" } },
  { label: "đinh lăng (marks)", query: { q: "đinh lăng", locale: "vi" } },
  { label: "tea (synonyms)", query: { q: "tea", locale: "en" } },
  { label: "tan cuonh (typo)", query: { q: "tan cuonh", locale: "vi" } },
  { label: "tra tan cuo (prefix)", query: { q: "tra tan cuo", locale: "vi" } },
  {
    label: "mien dong +filters",
    query: { q: "mien dong", locale: "vi", filters: { category: "vermicelli_noodles", inStock: true } },
  },
  { label: "gao +facets", query: { q: "gao", locale: "vi", facets: true, filters: { priceMax: 100_000 } } },
  {
    label: "mật ong +facets, price",
    query: { q: "mật ong", locale: "vi", facets: true, sort: "price_asc" },
  },
  {
    label: "cuong ocop≥4 +facets",
    query: { q: "cuong", locale: "vi", facets: true, filters: { ocopMin: 4 } },
  },
  { label: "browse tea +facets", query: { q: "", locale: "vi", facets: true, filters: { category: "tea" } } },
];
const QUERIES = QUERY_SET.map(({ label, query }) => ({ label, query: { ...query, now: NOW, perPage: 24 } }));

// ---- the baseline: a plain scan -----------------------------------------------------------------------------

interface ScanDoc {
  doc: ProductDocument;
  name: string;
  text: string;
}

/** What a naive implementation would do: fold everything once, then test every document on every query. */
class ScanBaseline {
  readonly name = "scan baseline";
  private docs: ScanDoc[] = [];

  load(documents: ProductDocument[]) {
    this.docs = documents.map((doc) => {
      const name = foldVietnamese(`${doc.nameVi} ${doc.nameEn ?? ""}`);
      return {
        doc,
        name,
        text: `${name} ${foldVietnamese(`${doc.descriptionVi} ${doc.descriptionEn ?? ""}`)}`,
      };
    });
  }

  search(query: SearchQuery): SearchResult {
    const tokens = foldVietnamese(query.q ?? "")
      .split(/[^a-z0-9]+/)
      .filter(Boolean);
    const f: SearchFilters = query.filters ?? {};
    const now = query.now ?? Date.now();
    const checks: Array<[keyof SearchFacets | "ocop" | "cooperative", (d: ProductDocument) => boolean]> = [];
    if (f.category) checks.push(["category", (d) => d.category === f.category]);
    if (f.provinceCode) checks.push(["province", (d) => d.provinceCode === f.provinceCode]);
    if (f.ocopMin !== undefined)
      checks.push(["ocop", (d) => (d.ocopStars ?? 0) >= f.ocopMin! && (d.ocopExpiresAt ?? 0) > now]);
    if (f.certification) checks.push(["certification", (d) => d.certifications.includes(f.certification!)]);
    if (f.priceMin !== undefined) checks.push(["price", (d) => d.priceVnd >= f.priceMin!]);
    if (f.priceMax !== undefined) checks.push(["price", (d) => d.priceVnd < f.priceMax!]);
    if (f.inStock) checks.push(["inStock", (d) => d.inStock]);
    if (f.cooperativeId !== undefined)
      checks.push(["cooperative", (d) => d.cooperativeId === f.cooperativeId]);

    const facets: SearchFacets | null = query.facets
      ? {
          category: {},
          province: {},
          certification: {},
          ocopMin: { "3": 0, "4": 0, "5": 0 },
          price: Object.fromEntries(PRICE_BUCKETS.map((b) => [b.key, 0])) as Record<PriceBucketKey, number>,
          inStock: 0,
        }
      : null;
    const matches: Array<{ d: ScanDoc; inName: boolean }> = [];
    for (const d of this.docs) {
      if (!tokens.every((t) => d.text.includes(t))) continue;
      // Which filters it fails: none → a match and counted in every facet; one → counted in that facet only.
      let failed: string | null = null;
      let failures = 0;
      for (const [key, check] of checks) {
        if (!check(d.doc)) {
          if (failed !== key) failures += 1;
          failed = key;
        }
      }
      if (failures > 1) continue;
      if (failures === 0) matches.push({ d, inName: tokens.every((t) => d.name.includes(t)) });
      if (!facets) continue;
      const doc = d.doc;
      const counts = (key: string) => failures === 0 || failed === key;
      if (counts("category"))
        facets.category[doc.category as Category] = (facets.category[doc.category] ?? 0) + 1;
      if (counts("province"))
        facets.province[doc.provinceCode] = (facets.province[doc.provinceCode] ?? 0) + 1;
      if (counts("certification"))
        for (const c of doc.certifications) facets.certification[c] = (facets.certification[c] ?? 0) + 1;
      if (counts("price")) {
        const bucket = PRICE_BUCKETS.find((b) => b.max === null || doc.priceVnd < b.max)!;
        facets.price[bucket.key] += 1;
      }
      if (counts("ocop") && doc.ocopStars !== null && (doc.ocopExpiresAt ?? 0) > now)
        for (const n of [3, 4, 5] as const) if (doc.ocopStars >= n) facets.ocopMin[n] += 1;
      if (counts("inStock") && doc.inStock) facets.inStock += 1;
    }
    const sort = query.sort ?? "relevance";
    matches.sort((a, b) =>
      sort === "price_asc"
        ? a.d.doc.priceVnd - b.d.doc.priceVnd || a.d.doc.id - b.d.doc.id
        : sort === "price_desc"
          ? b.d.doc.priceVnd - a.d.doc.priceVnd || a.d.doc.id - b.d.doc.id
          : Number(b.inName) - Number(a.inName) ||
            b.d.doc.createdAt - a.d.doc.createdAt ||
            b.d.doc.id - a.d.doc.id,
    );
    const perPage = query.perPage ?? 24;
    const page = query.page ?? 1;
    return {
      hits: matches
        .slice((page - 1) * perPage, page * perPage)
        .map((m) => ({ id: m.d.doc.id, highlights: {} })),
      total: matches.length,
      page,
      perPage,
      facets,
      engine: this.name,
    };
  }
}

// ---- measuring ----------------------------------------------------------------------------------------------

function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return NaN;
  return sortedMs[Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1)]!;
}

interface Measured {
  all: number[];
  perQuery: Map<string, number[]>;
  totals: Map<string, number>;
}

async function measure(run: (q: SearchQuery) => Promise<SearchResult> | SearchResult): Promise<Measured> {
  const perQuery = new Map<string, number[]>();
  const totals = new Map<string, number>();
  // One warm-up round (statement preparation, the vocabulary, the page cache), not counted.
  for (const { query } of QUERIES) await run(query);
  for (let round = 0; round < ROUNDS; round++) {
    for (const { label, query } of QUERIES) {
      const start = performance.now();
      const result = await run(query);
      const ms = performance.now() - start;
      (perQuery.get(label) ?? perQuery.set(label, []).get(label)!).push(ms);
      totals.set(label, result.total);
    }
  }
  const all = [...perQuery.values()].flat().sort((a, b) => a - b);
  for (const list of perQuery.values()) list.sort((a, b) => a - b);
  return { all, perQuery, totals };
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : "—");
const gc = (globalThis as { gc?: () => void }).gc;
const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(" / ");

interface Row {
  size: number;
  engine: string;
  "index s": string;
  "docs/s": number;
  "p50 ms": string;
  "p95 ms": string;
  "p99 ms": string;
  "p95 vs baseline": string;
  "RSS MB": number;
  "peak RSS MB": number | string;
  "heap MB": number;
}

async function benchSize(size: number): Promise<Row[]> {
  console.log(
    `\n=== ${size.toLocaleString("en")} products, ${ROUNDS} rounds of ${QUERIES.length} queries ===\n` +
      `load average (1 / 5 / 15 min) at start: ${load()}`,
  );

  // Embedded: generated batch by batch and indexed as the reindex job does, so no document array is kept and the
  // memory figure is the engine's (plus the benchmark's code). Only the engine's calls are timed.
  const dir = mkdtempSync(path.join(tmpdir(), "htx-search-bench-"));
  const file = path.join(dir, "search.sqlite");
  const engine = new EmbeddedSearchEngine({ path: file });
  await engine.ensureReady();
  await engine.reset();
  let generateMs = 0;
  let upsertMs = 0;
  for (let i = 0; i < size; i += BATCH) {
    const generated = performance.now();
    const batch: ProductDocument[] = [];
    for (let j = i; j < Math.min(size, i + BATCH); j++) batch.push(syntheticProduct(j));
    const upserted = performance.now();
    await engine.upsert(batch);
    generateMs += upserted - generated;
    upsertMs += performance.now() - upserted;
  }
  const indexSeconds = upsertMs / 1000;
  const optimizeStart = performance.now();
  await engine.optimize();
  const optimizeSeconds = (performance.now() - optimizeStart) / 1000;
  const count = await engine.count();
  // The first search loads the in-memory columns and the vocabulary: timed apart, not counted below.
  const coldStart = performance.now();
  await engine.search(QUERIES[0]!.query);
  const coldMs = performance.now() - coldStart;
  const embedded = await measure((q) => engine.search(q));
  gc?.();
  const embeddedMemory = process.memoryUsage();
  // Peak so far: the index build and the queries (the baseline has not run yet).
  const peakRss = Math.round(process.resourceUsage().maxRSS / 1024);
  const fileMb = mb(statSync(file).size + (statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0));
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
  console.log(
    `embedded: ${count} documents indexed in ${indexSeconds.toFixed(1)} s (batches of ${BATCH}; generating them ` +
      `took another ${(generateMs / 1000).toFixed(1)} s, not counted), FTS optimize ${optimizeSeconds.toFixed(1)} s, ` +
      `database ${fileMb} MB on disk; first search ${coldMs.toFixed(0)} ms (loads the columns and vocabulary)`,
  );

  // Baseline: everything in memory.
  let scanned: Measured | null = null;
  let baselineSeconds = NaN;
  let baselineMemory: NodeJS.MemoryUsage | null = null;
  if (BASELINE) {
    const baselineStart = performance.now();
    const documents = Array.from({ length: size }, (_, i) => syntheticProduct(i));
    const baseline = new ScanBaseline();
    baseline.load(documents);
    baselineSeconds = (performance.now() - baselineStart) / 1000;
    scanned = await measure((q) => baseline.search(q));
    gc?.();
    baselineMemory = process.memoryUsage();
  }

  const at = (m: Measured | null, label: string, p: number) =>
    m ? ms(percentile(m.perQuery.get(label)!, p)) : "—";
  const perQuery = QUERIES.map(({ label }) => ({
    query: label,
    hits: embedded.totals.get(label),
    "p50 ms": at(embedded, label, 50),
    "p95 ms": at(embedded, label, 95),
    "max ms": at(embedded, label, 100),
    "scan hits": scanned?.totals.get(label) ?? "—",
    "scan p50": at(scanned, label, 50),
    "scan p95": at(scanned, label, 95),
  }));
  console.log(`\nper query (embedded, then the scan baseline), ${ROUNDS} runs each:`);
  console.table(perQuery);
  console.log(`load average at end: ${load()}`);

  const baseP95 = scanned ? percentile(scanned.all, 95) : NaN;
  const rows: Row[] = [
    {
      size,
      engine: "embedded (FTS5)",
      "index s": (indexSeconds + optimizeSeconds).toFixed(1),
      "docs/s": Math.round(size / (indexSeconds + optimizeSeconds)),
      "p50 ms": ms(percentile(embedded.all, 50)),
      "p95 ms": ms(percentile(embedded.all, 95)),
      "p99 ms": ms(percentile(embedded.all, 99)),
      "p95 vs baseline": scanned ? `${(percentile(embedded.all, 95) / baseP95).toFixed(3)}×` : "—",
      "RSS MB": mb(embeddedMemory.rss),
      "peak RSS MB": peakRss,
      "heap MB": mb(embeddedMemory.heapUsed),
    },
  ];
  if (scanned && baselineMemory) {
    rows.push({
      size,
      engine: "scan baseline",
      "index s": baselineSeconds.toFixed(1),
      "docs/s": Math.round(size / baselineSeconds),
      "p50 ms": ms(percentile(scanned.all, 50)),
      "p95 ms": ms(baseP95),
      "p99 ms": ms(percentile(scanned.all, 99)),
      "p95 vs baseline": "1×",
      "RSS MB": mb(baselineMemory.rss),
      "peak RSS MB": "—",
      "heap MB": mb(baselineMemory.heapUsed),
    });
  }
  return rows;
}

console.log(
  `search benchmark: ${cpus().length} CPUs (${cpus()[0]?.model ?? "?"}), Node ${process.version}, ` +
    `load average (1 / 5 / 15 min) ${load()}`,
);
const rows: Row[] = [];
for (const size of SIZES) rows.push(...(await benchSize(size)));
console.log("\n=== summary ===");
console.table(rows);
if (!gc)
  console.log(
    "(memory measured without a forced GC; run with NODE_OPTIONS=--expose-gc for steadier figures)",
  );

const at100k = rows.find((r) => r.size === 100_000 && r.engine.startsWith("embedded"));
if (at100k) {
  const verdict = (ok: boolean) => (ok ? "met" : "NOT met");
  const peak = Number(at100k["peak RSS MB"]);
  console.log(`\nTargets at 100,000 products, one core (printed only; load average now ${load()}):`);
  console.log(`  embedded p95 < 15 ms: ${at100k["p95 ms"]} ms — ${verdict(Number(at100k["p95 ms"]) < 15)}`);
  console.log(
    `  RSS < 400 MB: ${at100k["RSS MB"]} MB with the index loaded, peak ${peak} MB — ${verdict(peak < 400)}`,
  );
  console.log(`  full index < 60 s: ${at100k["index s"]} s — ${verdict(Number(at100k["index s"]) < 60)}`);
} else {
  console.log("\nTargets apply at 100,000 products: run with --sizes 100000 to check them.");
}
