import data from "./wards-2025.json";
import { isProvinceCode, provinceByCode, type ProvinceType } from "./geo";
import { foldVietnamese } from "./text";

/**
 * The 3,321 wards, communes and special zones of the 2025 two-level map (NSO codes), by province. Server-only:
 * 100 KB that no page needs whole. A form gets its province's list from its loader or from
 * /api/v1/provinces/:code/wards.
 */
export type WardType = "phuong" | "xa" | "dac-khu";
export interface Ward {
  code: string;
  /** Without its kind: "Tân Cương"; show it with its kind through the `geo:ward.<type>` translation. */
  name: string;
  type: WardType;
  provinceCode: string;
}

const byProvince = new Map<string, Ward[]>();
const byCode = new Map<string, Ward>();
for (const [provinceCode, rows] of Object.entries(data.wards)) {
  const list = rows
    .map(([code, name, type]) => ({ code: code!, name: name!, type: type as WardType, provinceCode }))
    .sort((a, b) => a.name.localeCompare(b.name, "vi") || a.type.localeCompare(b.type));
  byProvince.set(provinceCode, list);
  for (const w of list) byCode.set(w.code, w);
}

export function wardsOf(provinceCode: string | null | undefined): readonly Ward[] {
  return (provinceCode && byProvince.get(provinceCode)) || [];
}

export function wardByCode(code: string | null | undefined): Ward | undefined {
  return code ? byCode.get(code) : undefined;
}

/** The ward, only when it lies in that province: a form's pair is checked, never trusted. */
export function wardIn(provinceCode: string, wardCode: string | null | undefined): Ward | undefined {
  const w = wardByCode(wardCode);
  return w && isProvinceCode(provinceCode) && w.provinceCode === provinceCode ? w : undefined;
}

/** A ward found by its name within a province (CSV imports, typed addresses): "Tân Cương", "xã Tân Cương". */
export function wardNamed(provinceCode: string, name: string): Ward | undefined {
  const bare = name
    .normalize("NFC")
    .replace(/^\s*(phường|xã|đặc khu)\s+/i, "")
    .trim()
    .toLocaleLowerCase("vi");
  const wards = wardsOf(provinceCode);
  const exact = wards.filter((w) => w.name.toLocaleLowerCase("vi") === bare);
  // Typed without marks ("Tan Cuong") is accepted only where it names one ward.
  const found = exact.length ? exact : wards.filter((w) => foldVietnamese(w.name) === foldVietnamese(bare));
  return found.length === 1 ? found[0] : undefined;
}

/** An address as pages show it: street, ward and province named, the former units when it has not moved yet. */
export interface AddressView {
  street: string | null;
  ward: { code: string; name: string; type: WardType } | null;
  province: { code: string; name: string; type: ProvinceType } | null;
  formerUnits: string | null;
}

export function addressView(a: {
  address?: string | null;
  provinceCode: string | null;
  wardCode: string | null;
  formerUnits?: string | null;
}): AddressView {
  const ward = a.provinceCode ? wardIn(a.provinceCode, a.wardCode) : undefined;
  const province = provinceByCode(a.provinceCode);
  return {
    street: a.address ?? null,
    ward: ward ? { code: ward.code, name: ward.name, type: ward.type } : null,
    province: province ? { code: province.code, name: province.name, type: province.type } : null,
    formerUnits: ward ? null : (a.formerUnits ?? null),
  };
}

const WARD_WORDS: Record<WardType, string> = { phuong: "phường", xa: "xã", "dac-khu": "đặc khu" };
const PROVINCE_WORDS: Record<ProvinceType, string> = { tinh: "tỉnh", "thanh-pho": "thành phố" };

/** An address on one line, as a contract writes it: "Xóm Đồng Kiệm, xã Tân Cương, tỉnh Thái Nguyên". */
export function addressLine(a: Parameters<typeof addressView>[0]): string {
  const view = addressView(a);
  return [
    view.street,
    view.ward && `${WARD_WORDS[view.ward.type]} ${view.ward.name}`,
    view.province && `${PROVINCE_WORDS[view.province.type]} ${view.province.name}`,
  ]
    .filter(Boolean)
    .join(", ");
}
