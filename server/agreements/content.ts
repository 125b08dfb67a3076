import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import type { Category, Certification, Unit } from "../vocabulary/domain";
import { foldVietnamese } from "../vocabulary/text";

/**
 * What an agreement says: the content both parties sign and the platform seals. Its hash is SHA-256 over the RFC 8785
 * canonical JSON of this object (keys sorted by UTF-16 code units, no whitespace, strings NFC as stored, integers
 * only), so anyone with the JSON can recompute it. Field by field (also in docs/agreements-verification.md):
 *
 * - `schema`: always "htx-connect/agreement/1"; a later shape gets a new name, never a silent change.
 * - `publicId`: the agreement's public id ("TT-2026-0001A"), printed on every page and in the QR token.
 * - `type`: principle_contract (hợp đồng nguyên tắc), memorandum (biên bản ghi nhớ), purchase_contract (hợp đồng mua bán).
 * - `version`: 1, 2, … — every change makes a new version; signatures are of one version's hash.
 * - `languages`: ["vi"] or ["vi", "en"]: the PDF is printed in these.
 * - `parties.buyer` / `parties.supplier`: legal name, representative and title, tax code, address, phone, email as
 *   the parties confirmed them (pre-filled from their profiles).
 * - `product`: name, category, quality standard (free text), certifications and OCOP stars required.
 * - `quantity` + `unit`: the total over the agreement; `deliveries`: the schedule, dates (YYYY-MM-DD, Vietnam) and
 *   quantities, summing to at most `quantity`.
 * - `unitPriceVnd`, `totalVnd`: integer đồng; total = quantity × unit price unless the parties wrote otherwise.
 * - `paymentTerms`, `deliveryTerms`, `disputeClause`: free text in Vietnamese (and English when chosen).
 * - `validFrom`, `validUntil`: YYYY-MM-DD.
 * - `origin`: where it came from: a match or a conference meeting (their public ids), or "paper".
 */
export const CONTENT_SCHEMA = "htx-connect/agreement/1";

export const AGREEMENT_TYPES = ["principle_contract", "memorandum", "purchase_contract"] as const;
export type AgreementType = (typeof AGREEMENT_TYPES)[number];

export interface AgreementParty {
  legalName: string;
  representative: string;
  representativeTitle: string;
  taxCode: string;
  address: string;
  phone: string;
  email: string;
}

export interface Bilingual {
  vi: string;
  /** Empty unless the agreement is printed in English too. */
  en: string;
}

export interface AgreementContent {
  schema: typeof CONTENT_SCHEMA;
  publicId: string;
  type: AgreementType;
  version: number;
  languages: Array<"vi" | "en">;
  parties: { buyer: AgreementParty; supplier: AgreementParty };
  product: {
    name: string;
    category: Category;
    qualityStandard: string;
    certifications: Certification[];
    minOcopStars: number | null;
  };
  quantity: number;
  unit: Unit;
  deliveries: Array<{ date: string; quantity: number }>;
  unitPriceVnd: number;
  totalVnd: number;
  paymentTerms: Bilingual;
  deliveryTerms: Bilingual;
  disputeClause: Bilingual;
  validFrom: string;
  validUntil: string;
  origin: { kind: "match" | "meeting" | "paper"; ref: string | null };
}

/** The RFC 8785 canonical JSON of the content: the bytes that are hashed, signed and sealed. */
export function canonicalContent(content: AgreementContent): string {
  const text = canonicalize(content);
  if (text === undefined) throw new Error("agreement content cannot be canonicalised");
  return text;
}

/** SHA-256 of the canonical content, lowercase hex. */
export function contentHash(content: AgreementContent): string {
  return createHash("sha256").update(canonicalContent(content), "utf8").digest("hex");
}

/** One changed field between two versions, by its dotted path ("parties.buyer.address", "deliveries"). */
export interface FieldChange {
  path: string;
  before: unknown;
  after: unknown;
}

/**
 * The fields that differ between two versions, leaves by dotted path; arrays (deliveries, certifications,
 * languages) compare whole. `version` itself is left out: it always differs.
 */
export function diffContent(before: AgreementContent, after: AgreementContent): FieldChange[] {
  const changes: FieldChange[] = [];
  const walk = (a: unknown, b: unknown, path: string) => {
    const isObject = (x: unknown): x is Record<string, unknown> =>
      typeof x === "object" && x !== null && !Array.isArray(x);
    if (isObject(a) && isObject(b)) {
      for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort())
        walk(a[key], b[key], path ? `${path}.${key}` : key);
      return;
    }
    if (canonicalize(a) !== canonicalize(b)) changes.push({ path, before: a, after: b });
  };
  walk({ ...before, version: 0 }, { ...after, version: 0 }, "");
  return changes;
}

/** What the staff's list search reads, folded (no marks, lower case): the id, both parties, the product. */
export function agreementSearchText(content: AgreementContent): string {
  return foldVietnamese(
    [
      content.publicId,
      content.parties.buyer.legalName,
      content.parties.buyer.taxCode,
      content.parties.supplier.legalName,
      content.parties.supplier.taxCode,
      content.product.name,
    ].join(" "),
  ).slice(0, 1000);
}
