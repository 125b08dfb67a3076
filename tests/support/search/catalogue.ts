/**
 * The search contract's catalogue (tests/integration/search-contract.test.ts): about forty products as
 * cooperatives would list them, and what filters and facets must give over it, worked out the plain way.
 */
import { foldVietnamese } from "../../../server/vocabulary/text";
import {
  PRICE_BUCKETS,
  type Category,
  type PriceBucketKey,
  type ProductDocument,
  type SearchFacets,
  type SearchFilters,
} from "../../../server/search/types";

const DAY = 86_400_000;
/** The moment every search is made at (OCOP certificates expire relative to it). */
export const NOW = Date.UTC(2025, 5, 1);
const VALID = NOW + 400 * DAY;
const EXPIRED = NOW - 30 * DAY;

type Fixture = Partial<ProductDocument> &
  Pick<ProductDocument, "id" | "nameVi" | "descriptionVi" | "category" | "provinceCode" | "priceVnd">;

export function product(p: Fixture): ProductDocument {
  return {
    slug: foldVietnamese(p.nameVi).replace(/[^a-z0-9]+/g, "-"),
    nameEn: null,
    descriptionEn: null,
    tags: [],
    places: [],
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
export const FIXTURE: ProductDocument[] = [
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
    provinceCode: "08",
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
    // The origin as the catalogue sends it: the region buyers know, and the province it lies in since 2025.
    places: ["Na Rì, Bắc Kạn", "Thái Nguyên"],
    provinceCode: "19",
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
    provinceCode: "37",
    priceVnd: 35_000,
  }),
  product({
    id: 10,
    nameVi: "Măng khô Bắc Kạn",
    descriptionVi: "Măng khô đặc sản miền núi phía Bắc, luộc kỹ rồi phơi khô.",
    category: "fruit_vegetables",
    provinceCode: "19",
    priceVnd: 250_000,
  }),
  product({
    id: 11,
    nameVi: "Đinh lăng củ khô",
    nameEn: "Dried Polyscias root",
    descriptionVi: "Dược liệu bồi bổ sức khỏe, thái lát phơi khô.",
    category: "medicinal_herbs",
    provinceCode: "33",
    priceVnd: 220_000,
    certifications: ["organic"],
  }),
  product({
    id: 12,
    nameVi: "Trà đinh lăng túi lọc",
    descriptionVi: "Lá đinh lăng sấy khô đóng túi lọc, giúp ngủ ngon.",
    category: "medicinal_herbs",
    provinceCode: "33",
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
    provinceCode: "15",
    priceVnd: 390_000,
  }),
  product({
    id: 18,
    nameVi: "Nấm linh chi đỏ",
    descriptionVi: "Linh chi đỏ thái lát, hộp 500 gam.",
    category: "mushrooms",
    provinceCode: "25",
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
    provinceCode: "08",
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
    provinceCode: "37",
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
    provinceCode: "31",
    priceVnd: 42_000,
  }),
  product({
    id: 23,
    nameVi: "Gạo ST25 Sóc Trăng",
    descriptionVi: "Giống gạo ngon, hạt dài, cơm mềm.",
    category: "rice_grains",
    provinceCode: "92",
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
    provinceCode: "51",
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
    provinceCode: "25",
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
    provinceCode: "37",
    priceVnd: 120_000,
    cooperativeId: 1,
    cooperativeName: "HTX Chè Tân Cương Xanh",
  }),
];

/**
 * Products the precision tests (issue 15) add for their own block and remove after it: folding collisions of
 * "miến dong" (miền, đóng, Đông), a miến dong that mentions them too, a herb whose description says "được"
 * (folds like "dược"), and two products alike in all but stock and age.
 */
export const PRECISION_FIXTURE: ProductDocument[] = [
  product({
    id: 920,
    nameVi: "Măng rừng miền núi",
    descriptionVi: "Măng rừng luộc chín, đóng gói hút chân không.",
    category: "fruit_vegetables",
    provinceCode: "14",
    priceVnd: 120_000,
  }),
  product({
    id: 921,
    nameVi: "Miến gạo Bắc Ninh",
    descriptionVi: "Miến gạo sợi nhỏ, đóng túi 500 gam.",
    category: "vermicelli_noodles",
    provinceCode: "24",
    priceVnd: 45_000,
  }),
  product({
    id: 922,
    nameVi: "Gạo nếp miền Đông",
    descriptionVi: "Gạo nếp thơm từ các tỉnh miền Đông.",
    category: "rice_grains",
    provinceCode: "79",
    priceVnd: 60_000,
    certifications: ["vietgap"],
  }),
  product({
    id: 923,
    nameVi: "Cao atisô Đà Lạt",
    descriptionVi: "Cao atisô nấu từ hoa và lá, dùng được cho cả gia đình.",
    category: "medicinal_herbs",
    provinceCode: "68",
    priceVnd: 150_000,
  }),
  product({
    id: 924,
    nameVi: "Miến dong Cao Bằng",
    descriptionVi: "Miến dong làm thủ công ở vùng miền núi, đóng gói cẩn thận.",
    category: "vermicelli_noodles",
    provinceCode: "04",
    priceVnd: 90_000,
  }),
  ...[930, 931].map((id) =>
    product({
      id,
      nameVi: "Bánh gai Ninh Giang",
      descriptionVi: "Bánh gai nhân đậu xanh, gói lá chuối.",
      category: "other",
      provinceCode: "31",
      priceVnd: 80_000,
      cooperativeId: 1,
      cooperativeName: "HTX Bánh gai Ninh Giang",
      // The out-of-stock one is the newer (and has the higher id): only stock can put it second.
      inStock: id === 930,
      createdAt: id === 930 ? NOW - 20 * DAY : NOW - DAY,
    }),
  ),
];

export const byId = new Map([...FIXTURE, ...PRECISION_FIXTURE].map((p) => [p.id, p]));
export const ALL_IDS = FIXTURE.map((p) => p.id);

// ---- a reference of what filters and facets must give, written the plain way -------------------------------

export function passes(p: ProductDocument, f: SearchFilters, except?: keyof SearchFacets | "ocop"): boolean {
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

export function validStars(p: ProductDocument, min: number): boolean {
  return (p.ocopStars ?? 0) >= min && (p.ocopExpiresAt ?? 0) > NOW;
}

function countBy(products: ProductDocument[], key: (p: ProductDocument) => string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of products) for (const k of key(p)) out[k] = (out[k] ?? 0) + 1;
  return out;
}

export function expectedFacets(products: ProductDocument[], f: SearchFilters): SearchFacets {
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

export const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);
