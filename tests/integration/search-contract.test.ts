/**
 * The search contract: every engine must give the same answers on the same hand-written catalogue. The embedded
 * engine always runs; Meilisearch runs when MEILI_URL is set (a throw-away index per run, deleted afterwards).
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { foldVietnamese } from "../../server/vocabulary/text";
import { EmbeddedSearchEngine } from "../../server/search/embedded";
import { MeilisearchEngine } from "../../server/search/meilisearch";
import {
  PRICE_BUCKETS,
  type Category,
  type PriceBucketKey,
  type ProductDocument,
  type SearchEngine,
  type SearchFacets,
  type SearchFilters,
  type SearchQuery,
  type SearchResult,
} from "../../server/search/types";

const DAY = 86_400_000;
const NOW = Date.UTC(2025, 5, 1);
const VALID = NOW + 400 * DAY;
const EXPIRED = NOW - 30 * DAY;

type Fixture = Partial<ProductDocument> &
  Pick<ProductDocument, "id" | "nameVi" | "descriptionVi" | "category" | "provinceCode" | "priceVnd">;

function product(p: Fixture): ProductDocument {
  return {
    slug: foldVietnamese(p.nameVi).replace(/[^a-z0-9]+/g, "-"),
    nameEn: null,
    descriptionEn: null,
    tags: [],
    cooperativeId: 100 + (p.id % 7),
    cooperativeSlug: `htx-${100 + (p.id % 7)}`,
    cooperativeName: `HTX Nông nghiệp số ${100 + (p.id % 7)}`,
    unit: "kg",
    ocopStars: null,
    ocopExpiresAt: null,
    certifications: [],
    inStock: true,
    // A scrambled order of creation (7 and 41 are coprime: all distinct), so "newest" is not "highest id".
    createdAt: NOW - ((p.id * 7) % 41) * DAY,
    ...p,
  };
}

/** About forty products as cooperatives would list them. */
const FIXTURE: ProductDocument[] = [
  product({
    id: 1,
    nameVi: "Trà Tân Cương móc câu",
    nameEn: "Tan Cuong hook-shaped green tea",
    descriptionVi:
      "Búp chè non hái tay ở vùng Tân Cương, sao khô bằng chảo gang, nước xanh, vị chát dịu, hậu ngọt.",
    descriptionEn:
      "Young buds picked by hand in Tan Cuong, pan-dried; green liquor, gentle and sweet aftertaste.",
    tags: ["trà xanh", "Thái Nguyên"],
    category: "tea",
    provinceCode: "19",
    priceVnd: 180_000,
    ocopStars: 4,
    ocopExpiresAt: VALID,
    certifications: ["vietgap"],
    cooperativeId: 1,
    cooperativeName: "HTX Chè Tân Cương Xanh",
  }),
  product({
    id: 2,
    nameVi: "Chè búp La Bằng",
    descriptionVi: "Chè búp trồng dưới chân núi Tam Đảo, canh tác hữu cơ, đóng gói hút chân không.",
    category: "tea",
    provinceCode: "19",
    priceVnd: 150_000,
    ocopStars: 3,
    ocopExpiresAt: VALID,
    certifications: ["organic"],
  }),
  product({
    id: 3,
    nameVi: "Trà shan tuyết cổ thụ Hà Giang",
    nameEn: "Ancient shan tuyet tea from Ha Giang",
    descriptionVi: "Búp trà phủ lông tơ trắng từ những cây chè trăm năm tuổi trên núi cao.",
    category: "tea",
    provinceCode: "02",
    priceVnd: 450_000,
    ocopStars: 5,
    ocopExpiresAt: VALID,
    certifications: ["organic", "geographical_indication"],
  }),
  product({
    id: 4,
    nameVi: "Hồng trà Suối Giàng",
    descriptionVi: "Hồng trà lên men tự nhiên, hương mật, hợp uống nóng.",
    category: "tea",
    provinceCode: "15",
    priceVnd: 320_000,
    inStock: false,
  }),
  product({
    id: 5,
    nameVi: "Chè xanh Thái Nguyên túi lọc",
    descriptionVi: "Túi lọc tiện dụng cho văn phòng, mỗi hộp 25 túi.",
    category: "tea",
    provinceCode: "19",
    priceVnd: 45_000,
    ocopStars: 3,
    ocopExpiresAt: EXPIRED,
    certifications: ["vietgap"],
  }),
  product({
    id: 6,
    nameVi: "Miến dong Na Rì",
    nameEn: "Na Ri canna vermicelli",
    descriptionVi: "Miến làm từ tinh bột củ dong riềng, sợi dai, không hóa chất tẩy trắng.",
    category: "vermicelli_noodles",
    provinceCode: "06",
    priceVnd: 85_000,
    ocopStars: 4,
    ocopExpiresAt: VALID,
    certifications: ["vietgap"],
  }),
  product({
    id: 7,
    nameVi: "Miến dong Bình Liêu",
    descriptionVi: "Sợi miến nhỏ, dẻo, nấu canh hay xào đều ngon.",
    category: "vermicelli_noodles",
    provinceCode: "22",
    priceVnd: 95_000,
    ocopStars: 3,
    ocopExpiresAt: VALID,
  }),
  product({
    id: 8,
    nameVi: "Bún gạo khô Cao Bằng",
    descriptionVi: "Bún khô từ gạo bao thai, phơi nắng tự nhiên.",
    category: "vermicelli_noodles",
    provinceCode: "04",
    priceVnd: 40_000,
  }),
  product({
    id: 9,
    nameVi: "Phở khô Nam Định",
    descriptionVi: "Bánh phở khô cắt sợi, trụng nước sôi là dùng được.",
    category: "vermicelli_noodles",
    provinceCode: "36",
    priceVnd: 35_000,
  }),
  product({
    id: 10,
    nameVi: "Măng khô Bắc Kạn",
    descriptionVi: "Măng khô đặc sản miền núi phía Bắc, luộc kỹ rồi phơi khô.",
    category: "fruit_vegetables",
    provinceCode: "06",
    priceVnd: 250_000,
  }),
  product({
    id: 11,
    nameVi: "Đinh lăng củ khô",
    nameEn: "Dried Polyscias root",
    descriptionVi: "Dược liệu bồi bổ sức khỏe, thái lát phơi khô.",
    category: "medicinal_herbs",
    provinceCode: "34",
    priceVnd: 220_000,
    certifications: ["organic"],
  }),
  product({
    id: 12,
    nameVi: "Trà đinh lăng túi lọc",
    descriptionVi: "Lá đinh lăng sấy khô đóng túi lọc, giúp ngủ ngon.",
    category: "medicinal_herbs",
    provinceCode: "34",
    priceVnd: 60_000,
  }),
  product({
    id: 13,
    nameVi: "Ba kích tím Quảng Ninh",
    nameEn: "Quang Ninh purple morinda",
    descriptionVi: "Ba kích tím rút lõi, ngâm rượu hoặc sắc uống.",
    category: "medicinal_herbs",
    provinceCode: "22",
    priceVnd: 380_000,
    ocopStars: 4,
    ocopExpiresAt: VALID,
    certifications: ["geographical_indication"],
  }),
  product({
    id: 14,
    nameVi: "Cà gai leo khô",
    descriptionVi: "Thảo dược hỗ trợ chức năng gan, thu hái từ vườn trồng đạt chuẩn.",
    category: "medicinal_herbs",
    provinceCode: "01",
    priceVnd: 120_000,
  }),
  product({
    id: 15,
    nameVi: "Hoa hồi khô Lạng Sơn",
    nameEn: "Lang Son dried star anise",
    descriptionVi: "Hoa hồi tám cánh, thơm nồng, dùng nấu phở và làm gia vị.",
    category: "spices",
    provinceCode: "20",
    priceVnd: 160_000,
    ocopStars: 4,
    ocopExpiresAt: VALID,
    certifications: ["organic"],
  }),
  product({
    id: 16,
    nameVi: "Quế thanh Văn Yên",
    nameEn: "Van Yen cinnamon sticks",
    descriptionVi: "Vỏ quế cuộn thanh, tinh dầu cao.",
    category: "spices",
    provinceCode: "15",
    priceVnd: 140_000,
    ocopStars: 3,
    ocopExpiresAt: VALID,
    certifications: ["organic"],
  }),
  product({
    id: 17,
    nameVi: "Nấm hương rừng",
    nameEn: "Wild shiitake mushrooms",
    descriptionVi: "Nấm hương mọc tự nhiên trên thân gỗ mục, phơi khô.",
    category: "mushrooms",
    provinceCode: "10",
    priceVnd: 390_000,
  }),
  product({
    id: 18,
    nameVi: "Nấm linh chi đỏ",
    descriptionVi: "Linh chi đỏ thái lát, hộp 500 gam.",
    category: "mushrooms",
    provinceCode: "17",
    priceVnd: 850_000,
    ocopStars: 5,
    ocopExpiresAt: EXPIRED,
  }),
  product({
    id: 19,
    nameVi: "Mật ong bạc hà Hà Giang",
    nameEn: "Ha Giang mint honey",
    descriptionVi: "Mật ong từ hoa bạc hà trên cao nguyên đá, vị ngọt thanh.",
    category: "honey_bee",
    provinceCode: "02",
    priceVnd: 350_000,
    ocopStars: 4,
    ocopExpiresAt: VALID,
  }),
  product({
    id: 20,
    nameVi: "Mứt gừng dẻo",
    descriptionVi: "Mứt gừng dẻo cay nhẹ, ăn kèm trà nóng ngày Tết.",
    category: "other",
    provinceCode: "01",
    priceVnd: 75_000,
  }),
  product({
    id: 21,
    nameVi: "Gạo tám thơm Hải Hậu",
    nameEn: "Hai Hau fragrant rice",
    descriptionVi: "Hạt gạo nhỏ, cơm dẻo và thơm.",
    category: "rice_grains",
    provinceCode: "36",
    priceVnd: 38_000,
    ocopStars: 3,
    ocopExpiresAt: VALID,
    certifications: ["vietgap"],
  }),
  product({
    id: 22,
    nameVi: "Gạo nếp cái hoa vàng",
    nameEn: "Yellow-flower sticky rice",
    descriptionVi: "Nếp thơm dùng gói bánh chưng, đồ xôi.",
    category: "rice_grains",
    provinceCode: "30",
    priceVnd: 42_000,
  }),
  product({
    id: 23,
    nameVi: "Gạo ST25 Sóc Trăng",
    descriptionVi: "Giống gạo ngon, hạt dài, cơm mềm.",
    category: "rice_grains",
    provinceCode: "94",
    priceVnd: 48_000,
    ocopStars: 5,
    ocopExpiresAt: VALID,
    certifications: ["globalgap"],
  }),
  product({
    id: 24,
    nameVi: "Vải thiều Lục Ngạn",
    nameEn: "Luc Ngan lychee",
    descriptionVi: "Quả to, cùi dày, hạt nhỏ, vận chuyển lạnh.",
    category: "fruit_vegetables",
    provinceCode: "24",
    priceVnd: 55_000,
    certifications: ["globalgap", "geographical_indication"],
  }),
  product({
    id: 25,
    nameVi: "Bưởi Diễn",
    descriptionVi: "Bưởi ngọt, tép khô, vỏ mỏng.",
    category: "fruit_vegetables",
    provinceCode: "01",
    priceVnd: 70_000,
  }),
  product({
    id: 26,
    nameVi: "Cà phê Robusta Đắk Lắk",
    nameEn: "Dak Lak robusta coffee",
    descriptionVi: "Cà phê rang mộc, xay sẵn.",
    category: "other",
    provinceCode: "66",
    priceVnd: 210_000,
    ocopStars: 4,
    ocopExpiresAt: VALID,
  }),
  product({
    id: 27,
    nameVi: "Sâm Ngọc Linh",
    nameEn: "Ngoc Linh ginseng",
    descriptionVi: "Sâm củ tươi trồng dưới tán rừng.",
    category: "medicinal_herbs",
    provinceCode: "62",
    priceVnd: 5_000_000,
    ocopStars: 5,
    ocopExpiresAt: VALID,
    certifications: ["geographical_indication"],
    inStock: false,
  }),
  product({
    id: 28,
    nameVi: "Giỏ mây tre đan",
    nameEn: "Hand-woven rattan basket",
    descriptionVi: "Giỏ đan tay từ mây và tre, dùng đựng hoa quả.",
    category: "handicrafts",
    provinceCode: "01",
    priceVnd: 180_000,
  }),
  product({
    id: 29,
    nameVi: "Khăn thổ cẩm Mai Châu",
    nameEn: "Mai Chau brocade scarf",
    descriptionVi: "Khăn dệt tay hoa văn truyền thống.",
    category: "handicrafts",
    provinceCode: "17",
    priceVnd: 260_000,
  }),
  product({
    id: 30,
    nameVi: "Giò lụa Ước Lễ",
    descriptionVi: "Giò lụa gói lá chuối, thịt nạc giã tay.",
    category: "meat_processed",
    provinceCode: "01",
    priceVnd: 190_000,
  }),
  product({
    id: 31,
    nameVi: "Lạp xưởng gác bếp",
    descriptionVi: "Lạp xưởng hun khói củi, đóng gói 500 gam.",
    category: "meat_processed",
    provinceCode: "14",
    priceVnd: 280_000,
  }),
  product({
    id: 32,
    nameVi: "Thịt trâu gác bếp",
    descriptionVi: "Thịt trâu tẩm mắc khén, hun khói.",
    category: "meat_processed",
    provinceCode: "12",
    priceVnd: 620_000,
    ocopStars: 3,
    ocopExpiresAt: VALID,
  }),
  product({
    id: 33,
    nameVi: 'Hộp quà <b>Tết</b> & "Phúc Lộc"',
    descriptionVi: "Hộp quà gồm mứt, bánh và hạt sấy.",
    category: "other",
    provinceCode: "01",
    priceVnd: 499_000,
  }),
  product({
    id: 34,
    nameVi: "Trà sen Tây Hồ",
    nameEn: "West Lake lotus tea",
    descriptionVi: "Trà ướp trong bông sen Bách Diệp, mỗi bông một nắm trà.",
    category: "tea",
    provinceCode: "01",
    priceVnd: 600_000,
    ocopStars: 5,
    ocopExpiresAt: VALID,
    inStock: false,
  }),
  product({
    id: 35,
    nameVi: "Mì Chũ Bắc Giang",
    descriptionVi: "Mì gạo làm thủ công, sợi nhỏ.",
    category: "vermicelli_noodles",
    provinceCode: "24",
    priceVnd: 50_000,
    certifications: ["vietgap"],
  }),
  product({
    id: 36,
    nameVi: "Tinh dầu quế",
    descriptionVi: "Tinh dầu chưng cất từ vỏ và lá quế.",
    category: "spices",
    provinceCode: "15",
    priceVnd: 99_000,
  }),
  product({
    id: 37,
    nameVi: "Nấm rơm tươi",
    descriptionVi: "Nấm rơm hái trong ngày, giao nhanh nội thành.",
    category: "mushrooms",
    provinceCode: "79",
    priceVnd: 30_000,
    inStock: false,
  }),
  product({
    id: 38,
    nameVi: "Chuối sấy dẻo",
    descriptionVi: "Chuối tây chín cây, sấy dẻo không đường.",
    category: "fruit_vegetables",
    provinceCode: "40",
    priceVnd: 65_000,
    certifications: ["haccp"],
  }),
  product({
    id: 39,
    nameVi: "Măng tây xanh Đà Lạt",
    descriptionVi: "Măng tây xanh tươi, thu hoạch buổi sáng.",
    category: "fruit_vegetables",
    provinceCode: "68",
    priceVnd: 180_000,
    certifications: ["vietgap", "haccp"],
  }),
  product({
    id: 40,
    nameVi: "Trà hoa cúc vàng",
    descriptionVi: "Hoa cúc sấy lạnh, pha nước nóng.",
    category: "tea",
    provinceCode: "35",
    priceVnd: 120_000,
    cooperativeId: 1,
    cooperativeName: "HTX Chè Tân Cương Xanh",
  }),
];

const byId = new Map(FIXTURE.map((p) => [p.id, p]));
const ALL_IDS = FIXTURE.map((p) => p.id);

// ---- a reference of what filters and facets must give, written the plain way -------------------------------

function passes(p: ProductDocument, f: SearchFilters, except?: keyof SearchFacets | "ocop"): boolean {
  if (f.category && except !== "category" && p.category !== f.category) return false;
  if (f.provinceCode && except !== "province" && p.provinceCode !== f.provinceCode) return false;
  if (f.ocopMin !== undefined && except !== "ocop" && !validStars(p, f.ocopMin)) return false;
  if (f.certification && except !== "certification" && !p.certifications.includes(f.certification))
    return false;
  if (f.priceMin !== undefined && except !== "price" && p.priceVnd < f.priceMin) return false;
  if (f.priceMax !== undefined && except !== "price" && p.priceVnd >= f.priceMax) return false;
  if (f.inStock === true && except !== "inStock" && !p.inStock) return false;
  if (f.cooperativeId !== undefined && p.cooperativeId !== f.cooperativeId) return false;
  return true;
}

function validStars(p: ProductDocument, min: number): boolean {
  return (p.ocopStars ?? 0) >= min && (p.ocopExpiresAt ?? 0) > NOW;
}

function countBy(products: ProductDocument[], key: (p: ProductDocument) => string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of products) for (const k of key(p)) out[k] = (out[k] ?? 0) + 1;
  return out;
}

function expectedFacets(products: ProductDocument[], f: SearchFilters): SearchFacets {
  const except = (facet: keyof SearchFacets | "ocop") => products.filter((p) => passes(p, f, facet));
  const price = Object.fromEntries(PRICE_BUCKETS.map((b) => [b.key, 0])) as Record<PriceBucketKey, number>;
  for (const p of except("price")) {
    const bucket = PRICE_BUCKETS.find((b) => p.priceVnd >= b.min && (b.max === null || p.priceVnd < b.max))!;
    price[bucket.key] += 1;
  }
  const ocop = except("ocop");
  return {
    category: countBy(except("category"), (p) => [p.category]) as Partial<Record<Category, number>>,
    province: countBy(except("province"), (p) => [p.provinceCode]),
    certification: countBy(except("certification"), (p) => p.certifications),
    price,
    ocopMin: {
      "3": ocop.filter((p) => validStars(p, 3)).length,
      "4": ocop.filter((p) => validStars(p, 4)).length,
      "5": ocop.filter((p) => validStars(p, 5)).length,
    },
    inStock: except("inStock").filter((p) => p.inStock).length,
  };
}

const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);

// ---- engines ------------------------------------------------------------------------------------------------

interface EngineCase {
  name: string;
  create(): Promise<{ engine: SearchEngine; cleanup(): Promise<void> }>;
}

const embedded: EngineCase = {
  name: "embedded",
  async create() {
    const dir = mkdtempSync(path.join(tmpdir(), "htx-search-"));
    const engine = new EmbeddedSearchEngine({ path: path.join(dir, "search.sqlite") });
    return {
      engine,
      async cleanup() {
        await engine.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

const meilisearch: EngineCase = {
  name: "meilisearch",
  async create() {
    const engine = new MeilisearchEngine({
      url: process.env.MEILI_URL!,
      apiKey: process.env.MEILI_API_KEY || process.env.MEILI_MASTER_KEY || undefined,
      indexUid: `products_test_${Date.now()}_${randomBytes(3).toString("hex")}`,
    });
    return {
      engine,
      async cleanup() {
        await engine.deleteIndex();
        await engine.close();
      },
    };
  },
};

function contract(engineCase: EngineCase) {
  let engine: SearchEngine;
  let cleanup: () => Promise<void> = async () => undefined;

  beforeAll(async () => {
    ({ engine, cleanup } = await engineCase.create());
    await engine.ensureReady();
    await engine.ensureReady(); // idempotent
    await engine.reset();
    await engine.upsert(FIXTURE);
  });
  afterAll(async () => {
    await cleanup();
  });

  const search = (q: string, extra: Partial<SearchQuery> = {}): Promise<SearchResult> =>
    engine.search({ q, locale: "vi", now: NOW, perPage: 100, ...extra });
  const ids = (result: SearchResult) => result.hits.map((h) => h.id);
  const browse = (filters: SearchFilters, extra: Partial<SearchQuery> = {}) =>
    search("", { filters, ...extra });

  it("indexes every document", async () => {
    expect(await engine.count()).toBe(FIXTURE.length);
  });

  describe("matching", () => {
    it('"tra tan cuong" finds Trà Tân Cương first', async () => {
      const r = await search("tra tan cuong");
      expect(ids(r)[0]).toBe(1);
      expect(r.engine).toBe(engine.name);
    });

    it('"mien dong" finds Miến dong', async () => {
      const r = await search("mien dong");
      expect(ids(r)).toEqual(expect.arrayContaining([6, 7]));
      expect([6, 7]).toContain(ids(r)[0]);
    });

    it('"dinh lang" and "đinh lăng" return the same set', async () => {
      const plain = sorted(ids(await search("dinh lang")));
      const marked = sorted(ids(await search("đinh lăng")));
      expect(plain).toEqual(expect.arrayContaining([11, 12]));
      expect(marked).toEqual(plain);
      expect(sorted(ids(await search("ĐINH LĂNG")))).toEqual(plain);
    });

    it('tolerates a typo in a long word: "tan cuonh"', async () => {
      expect(ids(await search("tan cuonh"))).toContain(1);
    });

    it('matches the last word as a prefix while typing: "tra tan cuo"', async () => {
      expect(ids(await search("tra tan cuo"))[0]).toBe(1);
      expect(ids(await search("mien do"))).toEqual(expect.arrayContaining([6, 7]));
    });

    it("requires every word", async () => {
      expect(ids(await search("mien binh lieu"))).toEqual([7]);
      expect(ids(await search("tra xyzxyz"))).toEqual([]);
    });
  });

  describe("synonyms", () => {
    it('"tea" finds chè and trà products', async () => {
      const found = ids(await search("tea"));
      expect(found).toEqual(expect.arrayContaining([1, 2, 3, 4, 5, 34, 40]));
    });

    it('"vermicelli" finds miến', async () => {
      expect(ids(await search("vermicelli"))).toEqual(expect.arrayContaining([6, 7]));
    });

    it('"noodles" finds bún, phở and mì', async () => {
      expect(ids(await search("noodles"))).toEqual(expect.arrayContaining([8, 9, 35]));
    });

    it('"medicinal herbs" finds dược liệu products', async () => {
      expect(ids(await search("medicinal herbs"))).toEqual(expect.arrayContaining([11, 12, 13, 14, 27]));
    });

    it('"chè" finds trà products too (chè ↔ trà)', async () => {
      const found = ids(await search("chè"));
      expect(found).toEqual(expect.arrayContaining([2, 5, 1, 3, 34]));
    });

    it("works in the other direction and for multi-word phrases", async () => {
      expect(ids(await search("mật ong"))).toContain(19);
      expect(ids(await search("honey"))).toContain(19);
      expect(ids(await search("star anise"))).toContain(15);
      expect(ids(await search("shiitake"))).toContain(17);
      expect(ids(await search("sticky rice"))).toContain(22);
      expect(ids(await search("lychee"))).toContain(24);
      expect(ids(await search("cà phê"))).toContain(26);
      expect(ids(await search("brocade"))).toContain(29);
      expect(ids(await search("basket"))).toContain(28);
    });
  });

  describe("ranking", () => {
    it("ranks a name match above a description-only match", async () => {
      const found = ids(await search("tra"));
      expect(found).toContain(20); // "Mứt gừng dẻo": trà only in its description
      for (const named of [1, 3, 34, 40]) {
        // indexOf is -1 for a product not found at all, which would pass the ordering below.
        expect(found, String(named)).toContain(named);
        expect(found.indexOf(named)).toBeLessThan(found.indexOf(20));
      }
    });

    it('"miến" ranks the miến product above the miền one; "mien" matches both', async () => {
      const marked = ids(await search("miến"));
      expect(marked).toContain(6);
      if (marked.includes(10)) expect(marked.indexOf(6)).toBeLessThan(marked.indexOf(10));
      expect(ids(await search("mien"))).toEqual(expect.arrayContaining([6, 7, 10]));
    });

    it("ranks a word found in the name as typed above one found only through a synonym", async () => {
      // Two tea products that differ only in trà / chè (synonyms of each other): a query word matched literally
      // must outrank the same word matched through its synonym, both ways, with or without marks.
      const tea = (id: number, nameVi: string): ProductDocument =>
        product({
          id,
          nameVi,
          descriptionVi: "Sản phẩm thử nghiệm xếp hạng.",
          category: "tea",
          provinceCode: "19",
          priceVnd: 150_000,
        });
      await engine.upsert([tea(910, "Trà móc câu Tân Cương"), tea(911, "Chè xanh Tân Cương")]);
      try {
        const order = async (q: string) => {
          const found = ids(await search(q));
          expect(found).toEqual(expect.arrayContaining([910, 911]));
          return found.indexOf(910) < found.indexOf(911) ? "trà first" : "chè first";
        };
        expect(await order("tra tan cuong")).toBe("trà first");
        expect(await order("che tan cuong")).toBe("chè first");
        expect(await order("trà tân cương")).toBe("trà first");
        expect(await order("chè tân cương")).toBe("chè first");
        // The fixture's own Trà Tân Cương (name: trà, tân, cương as typed) also stays above the chè one.
        const found = ids(await search("tra tan cuong"));
        expect(found.indexOf(1)).toBeLessThan(found.indexOf(911));
      } finally {
        await engine.remove([910, 911]);
      }
      expect(await engine.count()).toBe(FIXTURE.length);
    });
  });

  describe("filters", () => {
    const cases: Array<[string, SearchFilters]> = [
      ["category", { category: "tea" }],
      ["province", { provinceCode: "19" }],
      ["ocopMin", { ocopMin: 4 }],
      ["certification", { certification: "organic" }],
      ["price range", { priceMin: 50_000, priceMax: 100_000 }],
      ["priceMin", { priceMin: 500_000 }],
      ["inStock", { inStock: true }],
      ["cooperativeId", { cooperativeId: 1 }],
      ["combined", { category: "tea", inStock: true, priceMax: 200_000, ocopMin: 3 }],
      ["combined 2", { provinceCode: "01", certification: "organic" }],
    ];
    it.each(cases)("%s", async (_name, filters) => {
      const expected = FIXTURE.filter((p) => passes(p, filters)).map((p) => p.id);
      const r = await browse(filters);
      expect(sorted(ids(r))).toEqual(sorted(expected));
      expect(r.total).toBe(expected.length);
    });

    it("filters text matches too", async () => {
      const r = await search("tra", { filters: { provinceCode: "19", inStock: true } });
      const text = ids(await search("tra"));
      const expected = text.filter((id) => passes(byId.get(id)!, { provinceCode: "19", inStock: true }));
      expect(sorted(ids(r))).toEqual(sorted(expected));
      expect(expected.length).toBeGreaterThan(0);
    });

    it("treats an expired OCOP certificate as none", async () => {
      const five = ids(await browse({ ocopMin: 5 }));
      expect(five).not.toContain(18); // 5 stars, expired
      expect(ids(await browse({ ocopMin: 3 }))).not.toContain(5); // 3 stars, expired
      const r = await browse({}, { facets: true });
      expect(r.facets!.ocopMin["5"]).toBe(FIXTURE.filter((p) => validStars(p, 5)).length);
      expect(r.facets!.ocopMin["3"]).toBe(FIXTURE.filter((p) => validStars(p, 3)).length);
    });

    it("browses everything with an empty query", async () => {
      const r = await browse({});
      expect(r.total).toBe(FIXTURE.length);
    });
  });

  describe("facets", () => {
    it("counts every facet over the whole catalogue", async () => {
      const r = await browse({}, { facets: true });
      expect(r.facets).toEqual(expectedFacets(FIXTURE, {}));
    });

    it("is null unless asked for", async () => {
      expect((await browse({})).facets).toBeNull();
    });

    it.each<[string, SearchFilters]>([
      ["category", { category: "tea" }],
      ["category + province", { category: "tea", provinceCode: "19" }],
      [
        "price + stock + certification",
        { priceMin: 100_000, priceMax: 200_000, inStock: true, certification: "organic" },
      ],
      ["ocop + cooperative", { ocopMin: 4, cooperativeId: 1 }],
    ])("counts each facet without its own filter (%s)", async (name, filters) => {
      const r = await browse(filters, { facets: true });
      expect(r.facets).toEqual(expectedFacets(FIXTURE, filters));
      if (name === "category") {
        // The other categories stay visible to switch to.
        expect(Object.keys(r.facets!.category).length).toBeGreaterThan(1);
      }
    });

    it("counts facets of a text query over its matches", async () => {
      const r = await search("tra", { facets: true, filters: { category: "tea" } });
      const matched = ids(await search("tra")).map((id) => byId.get(id)!);
      expect(r.facets).toEqual(expectedFacets(matched, { category: "tea" }));
    });

    it("puts prices in [min, max) buckets", async () => {
      const r = await browse({}, { facets: true });
      // 50 000 exactly (Mì Chũ) is in 50k-100k; 499 000 in 200k-500k; 5 000 000 in gte500k.
      expect(r.facets!.price).toEqual({
        lt50k: 7,
        "50k-100k": 9,
        "100k-200k": 9,
        "200k-500k": 11,
        gte500k: 4,
      });
    });
  });

  describe("sorting and pagination", () => {
    it("sorts by price ascending, ties by id", async () => {
      const r = await browse({}, { sort: "price_asc" });
      const expected = [...FIXTURE].sort((a, b) => a.priceVnd - b.priceVnd || a.id - b.id).map((p) => p.id);
      expect(ids(r)).toEqual(expected);
    });

    it("sorts by price descending, ties by id", async () => {
      const r = await browse({}, { sort: "price_desc" });
      const expected = [...FIXTURE].sort((a, b) => b.priceVnd - a.priceVnd || a.id - b.id).map((p) => p.id);
      expect(ids(r)).toEqual(expected);
    });

    it("sorts by newest, and browses newest first", async () => {
      const expected = [...FIXTURE].sort((a, b) => b.createdAt - a.createdAt || b.id - a.id).map((p) => p.id);
      expect(ids(await browse({}, { sort: "newest" }))).toEqual(expected);
      expect(ids(await browse({}, { sort: "relevance" }))).toEqual(expected);
    });

    it("pages a text query in the order it ranks it whole", async () => {
      // Small pages end within the name matches, later ones past them: the order must not depend on the page.
      for (const q of ["tra", "tea", "mien", "gao", "kho", "tra tan cuo", "dinh lang"]) {
        const whole = ids(await search(q));
        // A query that found nothing would page through nothing and pass.
        expect(whole.length, q).toBeGreaterThan(0);
        const paged: number[] = [];
        for (let page = 1; (page - 1) * 2 < Math.min(whole.length, 10); page++)
          paged.push(...ids(await search(q, { page, perPage: 2 })));
        expect(paged, q).toEqual(whole.slice(0, paged.length));
      }
    });

    it("sorts a text query by price when asked", async () => {
      const r = await search("tra", { sort: "price_asc" });
      const prices = ids(r).map((id) => byId.get(id)!.priceVnd);
      expect(prices).toEqual([...prices].sort((a, b) => a - b));
    });

    it("pages with totals of all matches", async () => {
      const all = ids(await browse({}, { sort: "newest" }));
      const second = await browse({}, { sort: "newest", page: 2, perPage: 7 });
      expect(second.total).toBe(FIXTURE.length);
      expect(second.page).toBe(2);
      expect(second.perPage).toBe(7);
      expect(ids(second)).toEqual(all.slice(7, 14));
      const last = await browse({}, { sort: "newest", page: 6, perPage: 7 });
      expect(ids(last)).toEqual(all.slice(35));
      const beyond = await browse({}, { page: 99, perPage: 7 });
      expect(beyond.hits).toEqual([]);
      expect(beyond.total).toBe(FIXTURE.length);
    });

    it("defaults to 24 per page and caps at 100", async () => {
      const r = await engine.search({ q: "", locale: "vi" });
      expect(r.perPage).toBe(24);
      expect(r.hits).toHaveLength(24);
      expect(r.page).toBe(1);
      expect((await engine.search({ q: "", locale: "vi", perPage: 1000 })).perPage).toBe(100);
    });
  });

  describe("highlights", () => {
    it("marks the matched words in the name, matching by folding", async () => {
      const hit = (await search("tra tan cuong")).hits[0]!;
      expect(hit.highlights.name).toContain("<mark>Trà</mark>");
      expect(hit.highlights.name).toContain("<mark>Cương</mark>");
    });

    it("uses the English name on English pages", async () => {
      const hit = (await search("tan cuong", { locale: "en" })).hits.find((h) => h.id === 1)!;
      expect(hit.highlights.name).toMatch(/<mark>Tan<\/mark>/);
      expect(hit.highlights.name).toContain("green tea");
    });

    it("marks a snippet of the description and leaves out fields without a match", async () => {
      const hit = (await search("gan")).hits.find((h) => h.id === 14)!;
      expect(hit.highlights.description).toMatch(/<mark>gan<\/mark>/);
      expect(hit.highlights.description!.length).toBeLessThan(260);
      expect(hit.highlights.name).toBeUndefined();
    });

    it("escapes HTML in names", async () => {
      const hit = (await search("tet")).hits.find((h) => h.id === 33)!;
      expect(hit.highlights.name).toBeDefined();
      expect(hit.highlights.name).toContain("&lt;b&gt;");
      expect(hit.highlights.name).toContain("&amp;");
      expect(hit.highlights.name).toContain("&quot;");
      expect(hit.highlights.name).toMatch(/<mark>Tết<\/mark>/);
      expect(hit.highlights.name!.replace(/<\/?mark>/g, "")).not.toMatch(/[<>"]/);
    });

    it("has none when browsing", async () => {
      const { hits } = await browse({});
      // The loop below would pass on an empty page.
      expect(hits).toHaveLength(FIXTURE.length);
      for (const hit of hits) expect(hit.highlights).toEqual({});
    });
  });

  describe("hostile queries", () => {
    it.each([
      ["punctuation only", "!!! ... ,,, ???"],
      ["FTS operators", "AND OR NOT * ^ ( )"],
      ["quotes", '"tra tan'],
      ["column filter syntax", "name:tra NEAR(tra tan) {name}: tra"],
      ["SQL", "'; DROP TABLE products; --"],
      ["Meilisearch filter syntax", 'tra" OR category = "tea'],
      ["200 characters", "trà tân cương ".repeat(15).slice(0, 200)],
      ["long words", "a".repeat(200)],
    ])("%s does not throw", async (_name, q) => {
      const r = await search(q, { facets: true });
      expect(Array.isArray(r.hits)).toBe(true);
      expect(r.total).toBeGreaterThanOrEqual(0);
    });

    it("escapes filter values", async () => {
      const r = await browse({ category: 'tea" OR category = "spices' as Category, provinceCode: "19\\" });
      expect(r.total).toBe(0);
      expect(await engine.count()).toBe(FIXTURE.length);
    });

    it("answers concurrent searches consistently", async () => {
      const queries = ["tra", "mien dong", "tea", "", "gao", "tan cuonh"];
      const alone = await Promise.all(queries.map((q) => search(q, { facets: true })));
      const together = await Promise.all([...queries, ...queries].map((q) => search(q, { facets: true })));
      expect(together.slice(0, queries.length)).toEqual(alone);
      expect(together.slice(queries.length)).toEqual(alone);
    });
  });

  describe("writes", () => {
    const extra = (nameVi: string): ProductDocument =>
      product({
        id: 900,
        nameVi,
        descriptionVi: "Sản phẩm thử nghiệm.",
        category: "other",
        provinceCode: "01",
        priceVnd: 10_000,
      });

    it("upsert replaces a document: a new name changes what finds it", async () => {
      await engine.upsert([extra("Bánh cốm Hàng Than")]);
      expect(ids(await search("banh com"))).toContain(900);
      await engine.upsert([extra("Bánh đậu xanh Hải Dương")]);
      expect(ids(await search("banh com"))).not.toContain(900);
      expect(ids(await search("đậu xanh"))).toContain(900);
      expect(await engine.count()).toBe(FIXTURE.length + 1);
    });

    it("remove removes", async () => {
      await engine.remove([900]);
      expect(ids(await search("đậu xanh"))).not.toContain(900);
      expect(await engine.count()).toBe(FIXTURE.length);
      await engine.remove([900, 12345]); // absent ids are fine
    });

    it("reset empties the index", async () => {
      await engine.reset();
      expect(await engine.count()).toBe(0);
      const r = await browse({}, { facets: true });
      expect(r.total).toBe(0);
      expect(ids(await search("tra"))).toEqual([]);
      // And it fills again.
      await engine.upsert(FIXTURE);
      expect(ids(await search("tra tan cuong"))[0]).toBe(1);
      expect(sorted(ids(await browse({})))).toEqual(sorted(ALL_IDS));
    });
  });
}

const engines: EngineCase[] = [embedded];
if (process.env.MEILI_URL) engines.push(meilisearch);
else
  console.info(
    "MEILI_URL is not set: the search contract runs on the embedded engine only (Meilisearch skipped).",
  );

describe.each(engines)("search contract: $name", (engineCase) => contract(engineCase));

if (!process.env.MEILI_URL) {
  describe.skip("search contract: meilisearch (skipped: MEILI_URL not set)", () => contract(meilisearch));
}
