import data from "./provinces-2025.json";
import { foldVietnamese } from "./text";

/**
 * Vietnam's 34 provinces and centrally-run cities since 1 July 2025, with the national statistics office's codes
 * (docs/decisions/0014-administrative-units-2025.md). Browser-safe and small: the 3,321 wards and communes live
 * in ./wards.ts, which only the server reads.
 */
export type ProvinceType = "tinh" | "thanh-pho";
export interface Province {
  code: string;
  /** Without its kind: "Thái Nguyên", "Hồ Chí Minh". */
  name: string;
  type: ProvinceType;
  /** Former provinces (before 1 July 2025) that now lie in this one: what buyers and old papers still say. */
  formerNames: readonly string[];
  /** Where distances are measured from: the seat of the provincial People's Committee, WGS84 [lat, lon]. */
  centre: readonly [number, number];
}

/**
 * Seats of the 34 provincial People's Committees after the 2025 merger (Resolution 202/2025/QH15), rounded to
 * 0.01° (about 1 km). Delivery distance in matching is measured between these; a merged province is measured
 * from its new seat (Lào Cai from Yên Bái, Hưng Yên from Hưng Yên, Gia Lai from Quy Nhơn).
 */
const CENTRES: Record<string, readonly [number, number]> = {
  "01": [21.03, 105.85], // Hà Nội
  "04": [22.67, 106.26], // Cao Bằng
  "08": [21.82, 105.21], // Tuyên Quang
  "11": [21.39, 103.02], // Điện Biên Phủ
  "12": [22.4, 103.46], // Lai Châu
  "14": [21.33, 103.91], // Sơn La
  "15": [21.72, 104.91], // Lào Cai: seat in Yên Bái
  "19": [21.59, 105.85], // Thái Nguyên
  "20": [21.85, 106.76], // Lạng Sơn
  "22": [20.95, 107.08], // Quảng Ninh: Hạ Long
  "24": [21.27, 106.19], // Bắc Ninh: seat in Bắc Giang
  "25": [21.32, 105.4], // Phú Thọ: Việt Trì
  "31": [20.86, 106.68], // Hải Phòng
  "33": [20.65, 106.05], // Hưng Yên
  "37": [20.25, 105.97], // Ninh Bình
  "38": [19.81, 105.78], // Thanh Hóa
  "40": [18.68, 105.68], // Nghệ An: Vinh
  "42": [18.34, 105.91], // Hà Tĩnh
  "44": [17.47, 106.62], // Quảng Trị: seat in Đồng Hới
  "46": [16.46, 107.59], // Huế
  "48": [16.05, 108.2], // Đà Nẵng
  "51": [15.12, 108.8], // Quảng Ngãi
  "52": [13.78, 109.22], // Gia Lai: seat in Quy Nhơn
  "56": [12.24, 109.19], // Khánh Hòa: Nha Trang
  "66": [12.67, 108.04], // Đắk Lắk: Buôn Ma Thuột
  "68": [11.94, 108.44], // Lâm Đồng: Đà Lạt
  "75": [11.54, 106.89], // Đồng Nai: seat in Đồng Xoài
  "79": [10.78, 106.7], // Hồ Chí Minh
  "80": [10.54, 106.41], // Tây Ninh: seat in Tân An
  "82": [10.36, 106.36], // Đồng Tháp: seat in Mỹ Tho
  "86": [10.25, 105.97], // Vĩnh Long
  "91": [10.01, 105.08], // An Giang: seat in Rạch Giá
  "92": [10.03, 105.78], // Cần Thơ
  "96": [9.18, 105.15], // Cà Mau
};

export const PROVINCES: readonly Province[] = data.provinces
  .map((p) => {
    const centre = CENTRES[p.code];
    if (!centre) throw new Error(`province ${p.code} has no centre`);
    return { ...p, type: p.type as ProvinceType, centre };
  })
  .sort((a, b) => a.name.localeCompare(b.name, "vi"));

const byCode = new Map(PROVINCES.map((p) => [p.code, p]));

export function provinceByCode(code: string | null | undefined): Province | undefined {
  return code ? byCode.get(code) : undefined;
}

export function isProvinceCode(code: string): boolean {
  return byCode.has(code);
}

/** Great-circle distance between two provinces' seats, in whole kilometres (0 within one province). */
export function provinceDistanceKm(from: string, to: string): number | undefined {
  const a = byCode.get(from)?.centre;
  const b = byCode.get(to)?.centre;
  if (!a || !b) return undefined;
  const rad = (d: number) => (d * Math.PI) / 180;
  const dLat = rad(b[0] - a[0]);
  const dLon = rad(b[1] - a[1]);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a[0])) * Math.cos(rad(b[0])) * Math.sin(dLon / 2) ** 2;
  return Math.round(2 * 6371 * Math.asin(Math.sqrt(h)));
}

const PROVINCE_PREFIX = /^(tinh|thanh pho|tp\.?)\s+/;
const fold = (s: string) => foldVietnamese(s).replace(/\s+/g, " ").trim().replace(PROVINCE_PREFIX, "");
const byName = new Map<string, Province>();
for (const p of PROVINCES) for (const name of [p.name, ...p.formerNames]) byName.set(fold(name), p);

/**
 * A province by its name, with or without marks or its kind, current or former: "Thái Nguyên", "tinh thai
 * nguyen", "Bắc Kạn" (now in Thái Nguyên), "TP. Hồ Chí Minh".
 */
export function provinceNamed(name: string): Province | undefined {
  return byName.get(fold(name)) ?? byName.get(fold(name.replace(/^tp\.?\s*/i, "")));
}

/** The former province a name means, as the list writes it ("bac kan" → "Bắc Kạn"); undefined for current names. */
export function formerProvinceName(name: string): string | undefined {
  const folded = fold(name);
  const province = byName.get(folded);
  return province?.formerNames.find((n) => fold(n) === folded);
}
