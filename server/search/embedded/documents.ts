/**
 * A ProductDocument as the index stores it: the filter columns as they are, and the text folded (foldVietnamese,
 * then only [a-z0-9] tokens, so "dinh lang" and "đinh lăng" are the same terms), with the names' marked words
 * listed apart so that tone-exact matches can rank first, and every word's exact key (exact-words.ts) for
 * queries typed with marks.
 */
import { foldVietnamese } from "../../vocabulary/text";
import { encodeWord, keyPrefixes, productExactKeys, WORD } from "../exact-words";
import { foldTokens, MIN_PREFIX_LENGTH } from "../query";
import { CATEGORY_LABELS, expandSynonymsOf, lowerVi } from "../synonyms";
import type { ProductDocument } from "../types";

/** One product as indexed. */
export interface Row {
  id: number;
  category: string;
  province_code: string;
  price_vnd: number;
  in_stock: 0 | 1;
  ocop_stars: number | null;
  ocop_expires_at: number | null;
  cooperative_id: number;
  created_at: number;
  certifications: string[];
  name_terms: string;
  name: string;
  labels: string;
  cooperative: string;
  description: string;
  /** Exact keys of every word of the product's texts, space-separated (product_exact_terms, products_exact). */
  exact_terms: string;
  name_vi: string;
  name_en: string | null;
  description_vi: string;
  description_en: string | null;
}

/** A marked word as one ASCII token (encodeWord): "miến" → "mix062nn", "miền" → "mix062pn". */
export function markToken(word: string): string {
  return encodeWord(lowerVi(word));
}

/** The words of a text that carry marks ("Trà Tân Cương móc câu" → trà tân cương câu), as mark tokens. */
function markedWords(...texts: Array<string | null | undefined>): string[] {
  const words = new Set<string>();
  for (const text of texts) {
    if (!text) continue;
    for (const m of lowerVi(text).matchAll(WORD))
      if (foldVietnamese(m[0]) !== m[0]) words.add(encodeWord(m[0]));
  }
  return [...words];
}

/** Folded text as indexed: [a-z0-9] tokens separated by single spaces. */
export function folded(...texts: Array<string | null | undefined>): string {
  const tokens: string[] = [];
  for (const text of texts) if (text) foldTokens(text, tokens);
  return tokens.join(" ");
}

/** Labels column by label text (tags and category labels repeat across products; the synonym pass is slow). */
const LABELS_CACHE = new Map<string, string>();

function labelsColumn(labelText: string): string {
  let labels = LABELS_CACHE.get(labelText);
  if (labels === undefined) {
    // Tags and category labels, plus the synonyms of any synonym phrase in them ("Chè, trà" adds "tea").
    labels = folded(labelText, ...expandSynonymsOf(labelText));
    if (LABELS_CACHE.size >= 10_000) LABELS_CACHE.clear();
    LABELS_CACHE.set(labelText, labels);
  }
  return labels;
}

/** A key and "p" + each of its beginnings, as products_exact's terms, by key (words repeat across products). */
const EXACT_TERMS_CACHE = new Map<string, string>();

/**
 * products_exact's terms: every word's exact key, and "p" and each beginning of a key a word typed so far can have
 * (FTS5 answers a prefix query without a prefix index of its length several times slower than two terms).
 * Repeated beginnings are no matter: the table keeps rowids only.
 */
function exactTerms(doc: ProductDocument): string {
  const terms: string[] = [];
  for (const key of productExactKeys(doc)) {
    let withPrefixes = EXACT_TERMS_CACHE.get(key);
    if (withPrefixes === undefined) {
      withPrefixes = [key, ...keyPrefixes(key, MIN_PREFIX_LENGTH).map((p) => `p${p}`)].join(" ");
      if (EXACT_TERMS_CACHE.size >= 100_000) EXACT_TERMS_CACHE.clear();
      EXACT_TERMS_CACHE.set(key, withPrefixes);
    }
    terms.push(withPrefixes);
  }
  return terms.join(" ");
}

export function toRow(doc: ProductDocument): Row {
  const labels = CATEGORY_LABELS[doc.category] ?? { vi: "", en: "" };
  const labelText = [...doc.tags, ...doc.places, labels.vi, labels.en].join(" , ");
  const nameTokens = doc.nameVi ? foldTokens(doc.nameVi, []) : [];
  if (doc.nameEn) foldTokens(doc.nameEn, nameTokens);
  return {
    id: doc.id,
    category: doc.category,
    province_code: doc.provinceCode,
    price_vnd: Math.round(doc.priceVnd),
    in_stock: doc.inStock ? 1 : 0,
    ocop_stars: doc.ocopStars,
    ocop_expires_at: doc.ocopExpiresAt,
    cooperative_id: doc.cooperativeId,
    created_at: doc.createdAt,
    certifications: [...new Set(doc.certifications)],
    name_terms: [
      ...new Set(nameTokens.map((t) => `n${t}`)),
      ...markedWords(doc.nameVi, doc.nameEn).map((t) => `m${t}`),
    ].join(" "),
    name: nameTokens.join(" "),
    labels: labelsColumn(labelText),
    cooperative: folded(doc.cooperativeName),
    description: folded(doc.descriptionVi, doc.descriptionEn),
    exact_terms: exactTerms(doc),
    name_vi: doc.nameVi,
    name_en: doc.nameEn,
    description_vi: doc.descriptionVi,
    description_en: doc.descriptionEn,
  };
}
