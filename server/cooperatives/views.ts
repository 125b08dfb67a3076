import { provinceByCode } from "../vocabulary/geo";
import { addressView, wardIn, type AddressView, type WardType } from "../vocabulary/wards";
import type { CooperativeRecord, CooperativeStatus, Sector } from "../db/models/cooperatives";
import type { Locale } from "../vocabulary/locale";

export const DIRECTORY_PAGE_SIZE = 12;

export interface CooperativeCard {
  id: number;
  slug: string;
  name: string;
  kind: string;
  province: { code: string; name: string };
  ward: { code: string; name: string; type: WardType } | null;
  sectors: Sector[];
  memberCount: number | null;
  foundedYear: number | null;
  logoUrl: string | null;
  summary: string;
  /** Language the summary is written in: English pages fall back to the Vietnamese text. */
  summaryLang: Locale;
}

export interface CooperativeProfile extends CooperativeCard {
  /** The street part, as typed. */
  address: string;
  /** The whole address named; `formerUnits` set while the address awaits its ward on the 2025 map. */
  location: AddressView;
  description: string;
  descriptionLang: Locale;
  descriptionVi: string;
  descriptionEn: string | null;
  representative: string;
  phone: string;
  email: string | null;
  website: string | null;
  status: CooperativeStatus;
  rejectionReason: string | null;
  createdAt: string;
  reviewedAt: string | null;
}

function localized(vi: string, en: string | null, locale: Locale): [string, Locale] {
  return locale === "en" && en ? [en, "en"] : [vi, "vi"];
}

function summarize(text: string, max = 180): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return `${cut.slice(0, cut.lastIndexOf(" ") > 0 ? cut.lastIndexOf(" ") : max)}…`;
}

/** The columns `toCard` reads: lists read only these (a cooperative's row also holds its bank and contacts). */
export const CARD_ATTRIBUTES = [
  "id",
  "slug",
  "name",
  "kind",
  "provinceCode",
  "wardCode",
  "descriptionVi",
  "descriptionEn",
  "memberCount",
  "foundedYear",
  "logoUrl",
] as const satisfies ReadonlyArray<keyof CooperativeRecord>;

export function toCard(
  c: Pick<CooperativeRecord, (typeof CARD_ATTRIBUTES)[number] | "sectors">,
  locale: Locale,
): CooperativeCard {
  const province = provinceByCode(c.provinceCode);
  const ward = wardIn(c.provinceCode, c.wardCode);
  const [text, lang] = localized(c.descriptionVi, c.descriptionEn, locale);
  return {
    id: c.id,
    slug: c.slug,
    name: c.name,
    kind: c.kind,
    province: { code: c.provinceCode, name: province?.name ?? c.provinceCode },
    ward: ward ? { code: ward.code, name: ward.name, type: ward.type } : null,
    sectors: (c.sectors ?? []).map((s) => s.sector).sort(),
    memberCount: c.memberCount,
    foundedYear: c.foundedYear,
    logoUrl: c.logoUrl,
    summary: summarize(text),
    summaryLang: lang,
  };
}

export function toProfile(c: CooperativeRecord, locale: Locale): CooperativeProfile {
  const [description, descriptionLang] = localized(c.descriptionVi, c.descriptionEn, locale);
  return {
    ...toCard(c, locale),
    address: c.address,
    location: addressView(c),
    description,
    descriptionLang,
    descriptionVi: c.descriptionVi,
    descriptionEn: c.descriptionEn,
    representative: c.representative,
    phone: c.phone,
    email: c.email,
    website: c.website,
    status: c.status,
    rejectionReason: c.rejectionReason,
    createdAt: c.createdAt.toISOString(),
    reviewedAt: c.reviewedAt ? c.reviewedAt.toISOString() : null,
  };
}
