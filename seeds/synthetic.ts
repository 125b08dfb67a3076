import { PROVINCES } from "../server/vocabulary/geo";
import { wardsOf } from "../server/vocabulary/wards";
import { SECTORS, type Sector } from "../server/vocabulary/domain";

/**
 * Deterministic synthetic data for benchmarks and load tests: the same seed gives the same rows on every
 * machine. Names are built from real Vietnamese words, drawn with a Zipf-like skew so that, as in real
 * catalogues, a few words ("chè", "Thái Nguyên") are everywhere and most are rare.
 */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    // mulberry32
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  /** Zipf(s≈1): index i is chosen with weight 1/(i+1). */
  const zipf = <T>(items: readonly T[]): T => {
    const h = harmonic(items.length);
    let x = next() * h;
    for (let i = 0; i < items.length; i++) {
      x -= 1 / (i + 1);
      if (x <= 0) return items[i]!;
    }
    return items[items.length - 1]!;
  };
  return { next, int, pick, zipf };
}

/** Synthetic history reaches this far back: cooperatives joined, agreements sealed within the last three years. */
export const SPAN_DAYS = 3 * 365;

const harmonicCache = new Map<number, number>();
function harmonic(n: number) {
  let h = harmonicCache.get(n);
  if (h === undefined) {
    h = 0;
    for (let i = 1; i <= n; i++) h += 1 / i;
    harmonicCache.set(n, h);
  }
  return h;
}

/** What each sector makes, most common first: the words a cooperative's name and products are built from. */
export const SECTOR_WORDS: Record<Sector, readonly string[]> = {
  tea: [
    "Chè",
    "Trà xanh",
    "Chè búp",
    "Chè Shan tuyết",
    "Trà móc câu",
    "Chè nõn tôm",
    "Trà hoa vàng",
    "Chè đinh",
  ],
  vermicelli_noodles: ["Miến dong", "Bún khô", "Phở khô", "Bánh đa", "Mì gạo", "Miến gạo", "Bún gạo lứt"],
  medicinal_herbs: [
    "Dược liệu",
    "Đinh lăng",
    "Ba kích",
    "Cà gai leo",
    "Giảo cổ lam",
    "Hà thủ ô",
    "Sâm",
    "Kim tiền thảo",
  ],
  mushrooms: ["Nấm", "Nấm hương", "Nấm sò", "Nấm linh chi", "Mộc nhĩ", "Nấm rơm", "Nấm đông trùng hạ thảo"],
  rice_grains: ["Lúa gạo", "Gạo tám thơm", "Gạo nếp", "Gạo ST25", "Gạo lứt", "Ngô", "Đậu tương"],
  fruit_vegetables: [
    "Rau an toàn",
    "Vải thiều",
    "Bưởi",
    "Cam",
    "Na",
    "Nhãn",
    "Mận",
    "Hồng không hạt",
    "Chuối",
  ],
  honey_bee: ["Mật ong", "Ong mật", "Mật ong bạc hà", "Sáp ong", "Phấn hoa"],
  spices: ["Hồi", "Quế", "Gừng", "Nghệ", "Tiêu", "Ớt", "Sả", "Thảo quả"],
  meat_processed: ["Chăn nuôi", "Gà đồi", "Lợn đen", "Giò chả", "Lạp xưởng", "Thịt trâu gác bếp", "Cá khô"],
  handicrafts: ["Mây tre đan", "Thổ cẩm", "Gốm", "Dệt lụa", "Nón lá", "Chiếu cói"],
  other: ["Nông nghiệp", "Cà phê", "Dịch vụ nông nghiệp", "Muối", "Nước mắm"],
};

export const PLACE_WORDS = [
  "Tân",
  "Phú",
  "Hòa",
  "An",
  "Bình",
  "Thịnh",
  "Hưng",
  "Phúc",
  "Thành",
  "Đồng",
  "Xuân",
  "Minh",
  "Quang",
  "Hợp",
  "Tiến",
  "Trung",
  "Sơn",
  "Lâm",
  "Hà",
  "Thủy",
];
export const GIVEN = [
  "Hoa",
  "Lan",
  "Minh",
  "Hùng",
  "Tuấn",
  "Thu",
  "Hà",
  "Nam",
  "Bình",
  "Phương",
  "Dũng",
  "Hương",
  "Sơn",
  "Trang",
  "Quân",
  "Ngọc",
];
export const FAMILY = [
  "Nguyễn",
  "Trần",
  "Lê",
  "Phạm",
  "Hoàng",
  "Vũ",
  "Đỗ",
  "Bùi",
  "Đặng",
  "Ngô",
  "Dương",
  "Lý",
  "Hà",
  "Triệu",
  "Nông",
  "Lò",
];
export const MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thu", "Quang", "Ngọc", "Hữu"];

export interface SyntheticCooperative {
  name: string;
  /** How long ago it joined the platform, in days (up to three years): what "new this period" counts. */
  joinedDaysAgo: number;
  provinceCode: string;
  wardCode: string;
  sectors: Sector[];
  foundedYear: number;
  memberCount: number;
  representative: string;
  phone: string;
  descriptionVi: string;
  descriptionEn: string;
}

/** The i-th synthetic cooperative of a run: independent of how many come before, so runs can be resumed. */
export function syntheticCooperative(seed: number, i: number): SyntheticCooperative {
  const r = rng(seed * 1_000_003 + i);
  const province = r.zipf(PROVINCES);
  const ward = r.pick(wardsOf(province.code));
  const sector = r.zipf(SECTORS);
  const word = r.zipf(SECTOR_WORDS[sector]);
  const place = `${r.pick(PLACE_WORDS)} ${r.pick(PLACE_WORDS)}`;
  const sectors = [sector, ...(r.next() < 0.25 ? [r.pick(SECTORS)] : [])];
  const name = `HTX ${word} ${place} ${ward.name} ${i + 1}`;
  const drawn = {
    name,
    provinceCode: province.code,
    wardCode: ward.code,
    sectors: [...new Set(sectors)],
    foundedYear: r.int(1998, 2024),
    memberCount: r.int(7, 400),
    representative: `${r.pick(FAMILY)} ${r.pick(MIDDLE)} ${r.pick(GIVEN)}`,
    // Fictitious on purpose (seeds/index.ts): 0300 9xx xxx passes the phone check and rings no one.
    phone: `03009${String(r.int(0, 99_999)).padStart(5, "0")}`,
    descriptionVi: `${name} sản xuất ${word.toLocaleLowerCase("vi")} tại ${ward.name}, ${province.name} với ${r.int(5, 300)} ha vùng nguyên liệu.`,
    descriptionEn: `${name} produces ${word} in ${ward.name}, ${province.name}, on ${r.int(5, 300)} ha of farmland.`,
  };
  // Drawn last, so that the fields above stay what earlier runs of the same seed made.
  return { ...drawn, joinedDaysAgo: Math.floor(SPAN_DAYS * r.next()) };
}

export const QUALIFIERS = [
  "loại 1",
  "đặc biệt",
  "thượng hạng",
  "hữu cơ",
  "truyền thống",
  "sấy khô",
  "túi zip",
  "hộp quà",
  "bán sỉ",
  "xuất khẩu",
];
const PACKS = ["100g", "200g", "250g", "500g", "1kg", "2kg", "5kg"];
const PRICE_RANGES: Record<Sector, [number, number]> = {
  tea: [60, 1200],
  vermicelli_noodles: [30, 150],
  medicinal_herbs: [80, 900],
  mushrooms: [60, 600],
  rice_grains: [20, 120],
  fruit_vegetables: [15, 200],
  honey_bee: [150, 700],
  spices: [60, 400],
  meat_processed: [80, 800],
  handicrafts: [50, 1500],
  other: [40, 500],
};
const UNITS_BY_PACK: Record<string, string> = { "1kg": "kg", "2kg": "tui", "5kg": "thung" };
/** Baskets, brocade and pottery are sold by the piece or the set, not by the gram (nor dried). */
const PIECE_SECTORS: readonly Sector[] = ["handicrafts"];
const PIECE_QUALIFIERS = QUALIFIERS.filter((q) => !["hữu cơ", "sấy khô", "túi zip"].includes(q));

export interface SyntheticProduct {
  sku: string;
  nameVi: string;
  nameEn: string;
  descriptionVi: string;
  category: Sector;
  unit: string;
  priceVnd: number;
  stock: number;
  certifications: string[];
  tags: string[];
  ocop: { stars: number; issuedOn: string } | null;
  /** When it was listed, as a fraction of the time from its cooperative's joining to the run (0 = on joining). */
  listedAt: number;
}

/** The i-th synthetic product of a run, for a cooperative of the given sectors. */
export function syntheticProduct(seed: number, i: number, sectors: readonly Sector[]): SyntheticProduct {
  const r = rng(seed * 7_000_003 + i);
  const category = r.pick(sectors.length ? sectors : SECTORS);
  const word = r.zipf(SECTOR_WORDS[category]);
  const pieces = PIECE_SECTORS.includes(category);
  const qualifier = r.zipf(pieces ? PIECE_QUALIFIERS : QUALIFIERS);
  const pack = pieces ? "" : r.pick(PACKS);
  const [lo, hi] = PRICE_RANGES[category];
  const nameVi = pieces ? `${word} ${qualifier}` : `${word} ${qualifier} ${pack}`;
  return {
    sku: `S${seed}-${i + 1}`,
    nameVi,
    nameEn: pieces ? `${word} (${qualifier})` : `${word} (${qualifier}) ${pack}`,
    descriptionVi: pieces
      ? `${word} ${qualifier}, làm thủ công. Sản phẩm của hợp tác xã, bảo quản nơi khô ráo, thoáng mát.`
      : `${word} ${qualifier}, đóng gói ${pack}. Sản phẩm của hợp tác xã, bảo quản nơi khô ráo, thoáng mát.`,
    category,
    unit: pieces ? r.pick(["cai", "cai", "bo"]) : (UNITS_BY_PACK[pack] ?? r.pick(["goi", "hop", "tui"])),
    priceVnd: r.int(lo, hi) * 1000,
    // What a cooperative has on hand: tens to a few hundred.
    stock: r.next() < 0.08 ? 0 : r.int(5, 400),
    certifications: r.next() < 0.4 ? ["vietgap"] : r.next() < 0.1 ? ["organic"] : [],
    tags: [word.toLocaleLowerCase("vi"), qualifier],
    // As awarded: most products have no OCOP star; of those that do, about 70% hold 3 stars, 29% 4 and 1% the
    // national 5.
    ocop:
      r.next() < 0.15
        ? { stars: ocopStars(r.next()), issuedOn: `202${r.int(2, 6)}-0${r.int(1, 9)}-1${r.int(0, 9)}` }
        : null,
    listedAt: r.next(),
  };
}

function ocopStars(x: number): 3 | 4 | 5 {
  return x < 0.01 ? 5 : x < 0.3 ? 4 : 3;
}
