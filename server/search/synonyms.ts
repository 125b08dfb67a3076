/**
 * Search synonyms shared by both engines: the embedded engine expands queries (and category labels) with
 * `synonymAlternatives`, Meilisearch gets `meilisearchSynonyms()` as its `synonyms` setting.
 *
 * The rules are written once, as people would: Vietnamese with its marks, English in the singular and plural
 * where both are typed. Everything else (folding, both directions, the Meilisearch map) is derived here.
 */
import { foldVietnamese } from "../vocabulary/text";
import type { Category } from "./types";

export type SynonymRule =
  /** Every phrase is a synonym of every other, both ways. */
  | { kind: "equivalent"; phrases: readonly string[] }
  /**
   * Each broad phrase ↔ each narrow phrase, both ways, and the broad phrases among themselves; but the narrow ones
   * are not synonyms of each other ("noodles" finds bún and phở, "bún" does not find phở).
   */
  | { kind: "broader"; broad: readonly string[]; narrow: readonly string[] };

const equivalent = (...phrases: string[]): SynonymRule => ({ kind: "equivalent", phrases });
const broader = (broad: string[], narrow: string[]): SynonymRule => ({ kind: "broader", broad, narrow });

export const SYNONYM_RULES: readonly SynonymRule[] = [
  equivalent("tea", "chè", "trà"),
  equivalent("vermicelli", "miến"),
  broader(["noodles", "noodle"], ["bún", "phở", "mì"]),
  equivalent("medicinal herbs", "dược liệu", "thảo dược"),
  equivalent("herbs", "dược liệu"),
  equivalent("rice", "gạo"),
  equivalent("sticky rice", "gạo nếp"),
  equivalent("mushroom", "mushrooms", "nấm"),
  equivalent("shiitake", "nấm hương"),
  equivalent("honey", "mật ong"),
  equivalent("star anise", "hồi", "hoa hồi"),
  equivalent("cinnamon", "quế"),
  equivalent("lychee", "lychees", "vải thiều"),
  equivalent("pomelo", "pomelos", "bưởi"),
  equivalent("coffee", "cà phê"),
  equivalent("ginseng", "sâm"),
  equivalent("basket", "baskets", "giỏ"),
  equivalent("brocade", "thổ cẩm"),
  equivalent("handicraft", "handicrafts", "thủ công mỹ nghệ"),
];

/** Lower case with marks, NFC (the form the embedded engine compares originals in). */
export function lowerVi(text: string): string {
  return text.normalize("NFC").toLocaleLowerCase("vi");
}

/** Folded tokens of a phrase: only [a-z0-9] runs survive, so they are safe inside an FTS5 string. */
export function foldedTokens(text: string): string[] {
  return foldVietnamese(text)
    .split(/[^a-z0-9]+/)
    .filter((t) => t.length > 0);
}

/** One alternative of a synonym expansion: the phrase as written and its folded tokens (all required). */
export interface SynonymAlternative {
  phrase: string;
  tokens: string[];
}

function pairsOf(rule: SynonymRule): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  const link = (a: string, b: string) => {
    if (a !== b) pairs.push([a, b], [b, a]);
  };
  if (rule.kind === "equivalent") {
    for (const a of rule.phrases) for (const b of rule.phrases) if (a < b) link(a, b);
  } else {
    for (const a of rule.broad) for (const b of rule.broad) if (a < b) link(a, b);
    for (const a of rule.broad) for (const b of rule.narrow) link(a, b);
  }
  return pairs;
}

/** Folded phrase ("gao nep") → its alternatives, the phrase itself excluded. Built once. */
const ALTERNATIVES: ReadonlyMap<string, readonly SynonymAlternative[]> = (() => {
  const map = new Map<string, Map<string, SynonymAlternative>>();
  for (const rule of SYNONYM_RULES) {
    for (const [from, to] of pairsOf(rule)) {
      const key = foldedTokens(from).join(" ");
      const tokens = foldedTokens(to);
      const altKey = tokens.join(" ");
      if (altKey === key) continue; // "chè" and "che" fold the same: no alternative of itself
      const entry = map.get(key) ?? new Map<string, SynonymAlternative>();
      // Keep the marked spelling when two phrases fold alike: it is what tone-exact ranking looks for.
      const previous = entry.get(altKey);
      if (!previous || lowerVi(to) !== foldVietnamese(to)) entry.set(altKey, { phrase: lowerVi(to), tokens });
      map.set(key, entry);
    }
  }
  return new Map([...map].map(([k, v]) => [k, [...v.values()]]));
})();

/** The longest synonym phrase, in tokens (the matcher looks no further). */
export const MAX_SYNONYM_TOKENS = Math.max(...[...ALTERNATIVES.keys()].map((k) => k.split(" ").length));

/** Alternatives of a folded phrase (tokens joined by one space), or none. */
export function synonymAlternatives(foldedPhrase: string): readonly SynonymAlternative[] {
  return ALTERNATIVES.get(foldedPhrase) ?? [];
}

/**
 * Meilisearch's `synonyms` setting: every phrase (as written and folded) → all its synonyms (as written and
 * folded). Meilisearch applies a key's list one way only, so both directions are listed.
 */
export function meilisearchSynonyms(): Record<string, string[]> {
  const out = new Map<string, Set<string>>();
  const add = (from: string, to: string) => {
    for (const key of new Set([lowerVi(from), foldVietnamese(from)])) {
      const set = out.get(key) ?? new Set<string>();
      for (const value of [lowerVi(to), foldVietnamese(to)]) if (value !== key) set.add(value);
      out.set(key, set);
    }
  };
  for (const rule of SYNONYM_RULES) for (const [a, b] of pairsOf(rule)) add(a, b);
  return Object.fromEntries([...out].map(([k, v]) => [k, [...v].sort()]));
}

/**
 * What each category is called when people search for it, in both languages (indexed with every product, so
 * "Dược liệu" finds the category). The search's own words, not the pages' labels: relabelling a category on
 * the site must not change what a search finds.
 */
export const CATEGORY_LABELS: Readonly<Record<Category, { vi: string; en: string }>> = {
  tea: { vi: "Chè, trà", en: "Tea" },
  vermicelli_noodles: { vi: "Miến, bún, phở", en: "Vermicelli and noodles" },
  medicinal_herbs: { vi: "Dược liệu", en: "Medicinal herbs" },
  mushrooms: { vi: "Nấm", en: "Mushrooms" },
  rice_grains: { vi: "Gạo, ngũ cốc", en: "Rice and grains" },
  fruit_vegetables: { vi: "Rau quả", en: "Fruit and vegetables" },
  honey_bee: { vi: "Mật ong", en: "Honey and bee products" },
  spices: { vi: "Gia vị (hồi, quế…)", en: "Spices (star anise, cinnamon…)" },
  meat_processed: { vi: "Thực phẩm chế biến", en: "Meat and processed food" },
  handicrafts: { vi: "Thủ công mỹ nghệ", en: "Handicrafts" },
  other: { vi: "Khác", en: "Other" },
};

/**
 * Folded synonym phrases found in a text (every occurrence of every phrase, not only the longest), expanded to
 * all their alternatives: the embedded engine indexes them with the labels so a category matches its synonyms.
 */
export function expandSynonymsOf(text: string): string[] {
  const tokens = foldedTokens(text);
  const found = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    for (let n = 1; n <= MAX_SYNONYM_TOKENS && i + n <= tokens.length; n++) {
      for (const alt of synonymAlternatives(tokens.slice(i, i + n).join(" ")))
        found.add(alt.tokens.join(" "));
    }
  }
  return [...found];
}
