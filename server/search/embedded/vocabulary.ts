/**
 * The index's terms (products_vocab, read whole into memory): whether a word is a term or the start of one, and
 * the typo corrections of a query. Pure: the engine reads the rows and caches what buildVocabulary makes of them.
 */
import { MIN_TYPO_LENGTH, withinOneEdit, type ParsedQuery } from "../query";

/** Typo corrections kept per token: the most frequent terms within one edit. */
const MAX_TYPO_CANDIDATES = 5;

/** The index's terms, for typo tolerance and to tell a finished word from a prefix being typed. */
export interface Vocabulary {
  /** term → number of documents */
  docs: Map<string, number>;
  /** terms by length */
  byLength: Map<number, string[]>;
  /** all terms, sorted (binary search for "is this a prefix of some term") */
  sorted: string[];
}

export function buildVocabulary(rows: Array<{ term: string; doc: number }>): Vocabulary {
  const docs = new Map<string, number>();
  const byLength = new Map<number, string[]>();
  for (const { term, doc } of rows) {
    docs.set(term, doc);
    const list = byLength.get(term.length) ?? [];
    list.push(term);
    byLength.set(term.length, list);
  }
  const sorted = [...docs.keys()].sort();
  return { docs, byLength, sorted };
}

/** The index in `vocab.sorted` of the first term not below `term`. */
function firstAtLeast(vocab: Vocabulary, term: string): number {
  let lo = 0;
  let hi = vocab.sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (vocab.sorted[mid]! < term) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether some indexed term starts with `prefix` (with `longer`: some term other than `prefix` itself). */
export function hasPrefix(vocab: Vocabulary, prefix: string, longer = false): boolean {
  let lo = firstAtLeast(vocab, prefix);
  if (longer && vocab.sorted[lo] === prefix) lo += 1;
  return lo < vocab.sorted.length && vocab.sorted[lo]!.startsWith(prefix);
}

/** Indexed terms within Damerau-Levenshtein distance 1 of `token`, most frequent first. */
export function typoCandidates(vocab: Vocabulary, token: string): string[] {
  const found: string[] = [];
  for (let length = token.length - 1; length <= token.length + 1; length++) {
    for (const term of vocab.byLength.get(length) ?? []) if (withinOneEdit(token, term)) found.push(term);
  }
  return found
    .sort((a, b) => vocab.docs.get(b)! - vocab.docs.get(a)! || (a < b ? -1 : 1))
    .slice(0, MAX_TYPO_CANDIDATES);
}

/**
 * Typo corrections: a token of ≥ 5 letters outside a synonym phrase that is not an indexed term (for the last,
 * prefix token: not the start of any term either) is widened to the terms within one edit.
 */
export function typoCorrections(parsed: ParsedQuery, vocab: Vocabulary): Map<string, string[]> {
  const typos = new Map<string, string[]>();
  for (const unit of parsed.units) {
    if (unit.synonyms.length > 0) continue;
    unit.tokens.forEach((token, i) => {
      if (token.length < MIN_TYPO_LENGTH || typos.has(token)) return;
      const prefix = unit.prefix && i === unit.tokens.length - 1;
      if (prefix ? hasPrefix(vocab, token) : vocab.docs.has(token)) return;
      const found = typoCandidates(vocab, token);
      if (found.length > 0) typos.set(token, found);
    });
  }
  return typos;
}
