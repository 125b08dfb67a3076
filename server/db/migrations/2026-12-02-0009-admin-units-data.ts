import { QueryTypes, type QueryInterface, type Transaction } from "sequelize";
import conversion from "./data/admin-units-2025-conversion.json";

/**
 * The 2025 two-level map, step 2 of 3: existing addresses move from the 63 provinces and their districts to the
 * 34 provinces and their wards, with the statistics office's conversion table (frozen beside this file).
 *
 * - Province: the new province the former district (or, without one, the former province) went to.
 * - Ward: found where the old address names it — a former ward of that district named in the street text
 *   ("xã Tân Cương") that went whole into one new ward, or a district that became one ward (islands). Otherwise
 *   the ward stays empty and the row is flagged by that: the cooperative is asked to confirm its address.
 * - The former units are kept as text (shown beside the new address) and as codes (for going back).
 * Going back restores the former codes exactly; rows written after the move get the former district their
 * new ward came from.
 */
interface FormerDistrict {
  name: string;
  type: string;
  province: string;
  to: string;
  wards: Record<string, string>;
}
const PROVINCES = conversion.provinces as Record<string, { name: string; type: string; to: string }>;
const DISTRICTS = conversion.districts as Record<string, FormerDistrict>;
const NEW_PROVINCE_NAMES = conversion.newProvinces as Record<string, string>;
/** Names compared without marks: the former list writes "Hoà Bình", the new one "Hòa". */
const fold = (s: string) =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase();
const NEW_WARDS = conversion.newWards as unknown as Record<string, [province: string, district: string]>;

const DISTRICT_KIND: Record<string, string> = {
  quan: "Quận",
  huyen: "Huyện",
  "thi-xa": "Thị xã",
  "thanh-pho": "Thành phố",
};
const PROVINCE_KIND: Record<string, string> = { tinh: "Tỉnh", "thanh-pho": "Thành phố" };

export interface Located {
  province: string;
  ward: string | null;
  formerUnits: string;
}

/** Where a former address lies on the new map. Exported for its unit test. */
export function locate(
  formerProvince: string,
  formerDistrict: string | null,
  street: string | null,
): Located {
  const district = formerDistrict ? DISTRICTS[formerDistrict] : undefined;
  const province = PROVINCES[district?.province ?? formerProvince];
  if (!province) throw new Error(`unknown former province ${formerProvince}`);
  const formerUnits = [
    district && `${DISTRICT_KIND[district.type] ?? ""} ${district.name}`.trim(),
    `${PROVINCE_KIND[province.type] ?? ""} ${province.name}`.trim(),
  ]
    .filter(Boolean)
    .join(", ");
  const ward = district
    ? (wardNamedIn(district.wards, street) ??
      // Districts redrawn in the months before the merger (Lục Ngạn → Chũ) hold the ward under another code.
      wardNamedIn(wardsOfFormerProvince(district.province), street) ??
      district.wards[""] ??
      null)
    : null;
  const to = ward ? NEW_WARDS[ward]![0] : (district?.to ?? province.to);
  return { province: to, ward, formerUnits };
}

const WARD_PREFIX = /^(xã|phường|thị trấn|p\.|x\.|tt\.?)\s*/i;
/** Former ward name → new ward across a former province; a name two districts share maps nowhere. */
const provinceWards = new Map<string, Record<string, string>>();
function wardsOfFormerProvince(province: string): Record<string, string> {
  let wards = provinceWards.get(province);
  if (!wards) {
    const seen = new Map<string, Set<string>>();
    for (const d of Object.values(DISTRICTS))
      if (d.province === province)
        for (const [key, ward] of Object.entries(d.wards))
          if (key) seen.set(key, (seen.get(key) ?? new Set()).add(ward));
    wards = Object.fromEntries([...seen].filter(([, s]) => s.size === 1).map(([k, s]) => [k, [...s][0]!]));
    provinceWards.set(province, wards);
  }
  return wards;
}

function wardNamedIn(wards: Record<string, string>, street: string | null): string | undefined {
  if (!street) return undefined;
  for (const part of street.normalize("NFC").split(/[,;–-]/)) {
    const trimmed = part.trim();
    if (!WARD_PREFIX.test(trimmed)) continue;
    const key = trimmed.replace(WARD_PREFIX, "").toLocaleLowerCase("vi").replace(/\s+/g, " ").trim();
    const ward = wards[key];
    if (ward) return ward;
  }
  return undefined;
}

/** The former units a new address came from: for going back. */
export function formerOf(province: string, ward: string | null): { province: string; district: string } {
  const fromWard = ward ? NEW_WARDS[ward]?.[1] : undefined;
  const district =
    fromWard ?? Object.entries(DISTRICTS).find(([, d]) => d.to === province && d.province === province)?.[0];
  if (!district) throw new Error(`no former district for province ${province}`);
  return { province: DISTRICTS[district]!.province, district };
}

type Row = Record<string, string | number | null>;
async function rows(qi: QueryInterface, sql: string, transaction: Transaction) {
  return qi.sequelize.query<Row>(sql, { type: QueryTypes.SELECT, transaction });
}
async function update(
  qi: QueryInterface,
  table: string,
  id: unknown,
  values: Record<string, unknown>,
  transaction: Transaction,
) {
  const sets = Object.keys(values).map((k) => `\`${k}\` = :${k}`);
  await qi.sequelize.query(`UPDATE \`${table}\` SET ${sets.join(", ")} WHERE id = :id`, {
    replacements: { ...values, id },
    transaction,
  });
}

const ADDRESSED = ["cooperatives", "checkouts"] as const;

export async function up(qi: QueryInterface) {
  await qi.sequelize.transaction(async (t) => {
    for (const table of ADDRESSED) {
      for (const r of await rows(qi, `SELECT id, province_code, district_code, address FROM ${table}`, t)) {
        const at = locate(String(r.province_code), String(r.district_code), r.address as string | null);
        await update(
          qi,
          table,
          r.id,
          {
            province_code: at.province,
            ward_code: at.ward,
            former_district_code: r.district_code,
            former_units: at.formerUnits,
          },
          t,
        );
      }
    }
    const products = "SELECT id, origin_province_code, origin_district_code FROM products";
    for (const r of await rows(qi, products, t)) {
      const formerProvince = String(r.origin_province_code);
      const formerDistrict = (r.origin_district_code as string | null) || null;
      const at = locate(formerProvince, formerDistrict, null);
      await update(
        qi,
        "products",
        r.id,
        {
          origin_province_code: at.province,
          origin_region: originRegion(formerProvince, formerDistrict, at.province),
          former_origin_province_code: formerProvince,
          former_origin_district_code: formerDistrict,
        },
        t,
      );
    }
    for (const r of await rows(qi, "SELECT id, province_code FROM fairs", t)) {
      const at = locate(String(r.province_code), null, null);
      await update(
        qi,
        "fairs",
        r.id,
        { province_code: at.province, former_province_code: r.province_code },
        t,
      );
    }
    await reindexEveryCooperative(qi, t);
  });
}

/**
 * Search documents carry the province and the origin's names: every cooperative's products are re-indexed by
 * the search subscriber of cooperative.changed (server/context.ts), through the jobs outbox like any change.
 */
async function reindexEveryCooperative(qi: QueryInterface, transaction: Transaction) {
  const now = new Date();
  const jobs = (await rows(qi, "SELECT id FROM cooperatives", transaction)).map((r) => ({
    type: "cooperative.changed>search-index",
    payload: JSON.stringify({ cooperativeId: Number(r.id) }),
    status: "pending",
    attempts: 0,
    max_attempts: 8,
    run_at: now,
    created_at: now,
    updated_at: now,
  }));
  if (jobs.length) await qi.bulkInsert("jobs", jobs, { transaction });
}

/**
 * The name a product's origin went by: the former district, and the former province where it merged away
 * ("Na Rì, Bắc Kạn" now in Thái Nguyên). Buyers keep searching by these.
 */
function originRegion(
  formerProvince: string,
  formerDistrict: string | null,
  newProvince: string,
): string | null {
  const province = PROVINCES[formerProvince]!;
  const district = formerDistrict ? DISTRICTS[formerDistrict]?.name : undefined;
  // Compared by name: a merged province took one former code ("24" Bắc Giang is now Bắc Ninh's).
  const renamed = fold(province.name) !== fold(NEW_PROVINCE_NAMES[newProvince] ?? province.name);
  const parts = [district, renamed ? province.name : undefined].filter(Boolean);
  return parts.length ? parts.join(", ") : null;
}

/**
 * Going back: the former codes where the row still says what the move made of them; otherwise (an address
 * re-written on the new map since: a confirmed profile clears its former units, an edited fair or product names
 * another province) the former units its current ward or province came from.
 */
export async function down(qi: QueryInterface) {
  await qi.sequelize.transaction(async (t) => {
    for (const table of ADDRESSED) {
      const sql = `SELECT id, province_code, ward_code, former_district_code, former_units FROM ${table}`;
      for (const r of await rows(qi, sql, t)) {
        const kept = r.former_units !== null ? (r.former_district_code as string | null) : null;
        const district = kept ?? formerOf(String(r.province_code), r.ward_code as string | null).district;
        await update(
          qi,
          table,
          r.id,
          { province_code: DISTRICTS[district]!.province, district_code: district },
          t,
        );
      }
    }
    const products =
      "SELECT id, origin_province_code, former_origin_province_code, former_origin_district_code FROM products";
    for (const r of await rows(qi, products, t)) {
      const former = r.former_origin_province_code as string | null;
      const district = r.former_origin_district_code as string | null;
      const kept = former && locate(former, district, null).province === r.origin_province_code;
      await update(
        qi,
        "products",
        r.id,
        kept
          ? { origin_province_code: former, origin_district_code: district }
          : {
              origin_province_code: formerOf(String(r.origin_province_code), null).province,
              origin_district_code: null,
            },
        t,
      );
    }
    for (const r of await rows(
      qi,
      "SELECT id, province_code, ward_code, former_province_code FROM fairs",
      t,
    )) {
      const former = r.former_province_code as string | null;
      const kept = former && locate(former, null, null).province === r.province_code;
      const province = kept
        ? former
        : formerOf(String(r.province_code), r.ward_code as string | null).province;
      await update(qi, "fairs", r.id, { province_code: province }, t);
    }
    await reindexEveryCooperative(qi, t);
  });
}
