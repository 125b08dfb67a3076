/**
 * Query parsing and highlighting shared by the search engines. Everything here is pure and synchronous.
 *
 * Words are compared folded (foldVietnamese: no tone or vowel marks, đ → d, lower case) and split into runs of
 * [a-z0-9], so the tokens that reach an FTS5 MATCH expression can never carry an operator or a quote. A query
 * typed with marks is also compared in the words' exact form (exact-words.ts, exactConstraint below).
 */
import { foldVietnamese } from "../vocabulary/text";
import { exactKey, WORD } from "./exact-words";
import {
  foldedTokens,
  lowerVi,
  MAX_SYNONYM_TOKENS,
  synonymAlternatives,
  type SynonymAlternative,
} from "./synonyms";

/** Longer queries are cut to their first tokens: nobody types more, and each token costs a join. */
export const MAX_QUERY_TOKENS = 12;
/** The last token is matched as a prefix (search as you type) from this many letters. */
export const MIN_PREFIX_LENGTH = 2;
/** Tokens shorter than this get no typo tolerance: Vietnamese syllables are short and one edit matches everything. */
export const MIN_TYPO_LENGTH = 5;

export interface QueryToken {
  /** The word as typed, lower case, NFC ("trà"). */
  original: string;
  /** Folded ("tra"): only [a-z0-9]. */
  folded: string;
  /** The user typed Vietnamese marks (or any other accent) on this word. */
  marked: boolean;
}

/**
 * Whether a token must match a word with exactly its marks to count as a literal match: it was typed with marks
 * and is a whole word (a word that folds to several tokens, "søn" → s, n, has no marked form of its own).
 */
export function isToneExact(token: QueryToken): boolean {
  return token.marked && token.original !== token.folded;
}

/** One required part of a query: a typed word or synonym phrase, and the alternatives any of which may match. */
export interface QueryUnit {
  /** Folded tokens as typed (all required, in any order). */
  tokens: string[];
  /** The last of `tokens` is the last word of the query and long enough to match as a prefix. */
  prefix: boolean;
  /** Synonym alternatives (each an AND of folded tokens), the typed phrase excluded. */
  synonyms: readonly SynonymAlternative[];
  /** The typed tokens of the unit, as typed (one per entry of `tokens`): whether and which marks they carry. */
  typed: QueryToken[];
}

export interface ParsedQuery {
  tokens: QueryToken[];
  units: QueryUnit[];
}

/** Tokens of a query: words split on anything that is not a letter or digit, folded, capped. */
export function tokenizeQuery(q: string | undefined | null): QueryToken[] {
  if (!q) return [];
  const tokens: QueryToken[] = [];
  for (const match of lowerVi(q).matchAll(WORD)) {
    const original = match[0];
    // A word folds to several tokens only when it holds letters that do not fold to a-z (e.g. "søn" → s, n).
    const folded = foldedTokens(original);
    const marked = foldVietnamese(original) !== original;
    for (const f of folded) tokens.push({ original: folded.length === 1 ? original : f, folded: f, marked });
    if (tokens.length >= MAX_QUERY_TOKENS) break;
  }
  return tokens.slice(0, MAX_QUERY_TOKENS);
}

/**
 * Groups the tokens into units: the longest synonym phrase starting at each position becomes one unit with its
 * alternatives; other tokens are units of their own. The last token is a prefix when long enough.
 */
export function parseQuery(q: string | undefined | null): ParsedQuery {
  const tokens = tokenizeQuery(q);
  const folded = tokens.map((t) => t.folded);
  const units: QueryUnit[] = [];
  for (let i = 0; i < folded.length;) {
    let taken = 1;
    let synonyms: readonly SynonymAlternative[] = [];
    for (let n = Math.min(MAX_SYNONYM_TOKENS, folded.length - i); n >= 1; n--) {
      const alternatives = synonymAlternatives(folded.slice(i, i + n).join(" "));
      if (alternatives.length > 0) {
        taken = n;
        synonyms = alternatives;
        break;
      }
    }
    const unitTokens = folded.slice(i, i + taken);
    const last = i + taken === folded.length;
    units.push({
      tokens: unitTokens,
      prefix: last && unitTokens[unitTokens.length - 1]!.length >= MIN_PREFIX_LENGTH,
      synonyms,
      typed: tokens.slice(i, i + taken),
    });
    i += taken;
  }
  return { tokens, units };
}

/**
 * What a query typed with marks requires besides its folded match (decision 0029): every unit (an AND) matched by
 * one of its variants (an OR: the words as typed, or a synonym phrase), every word of which (an AND) the product
 * has in its exact form (exact-words.ts). Typed words count with exactly their marks, an unmarked one unmarked,
 * the last one as a prefix when the unit is (it may be unfinished); synonym phrases with the marks they are
 * written with. Null for a query without marks: it is matched folded, as it always was.
 */
export interface ExactTerm {
  key: string;
  prefix: boolean;
}
export type ExactConstraint = ExactTerm[][][];

export function exactConstraint(parsed: ParsedQuery): ExactConstraint | null {
  if (!parsed.tokens.some((t) => t.marked)) return null;
  return parsed.units.map((unit) => [
    unit.typed.map((token, i) => ({
      key: exactKey(token.original),
      prefix: unit.prefix && i === unit.typed.length - 1,
    })),
    ...unit.synonyms.map((alt) =>
      [...alt.phrase.matchAll(WORD)].map((m) => ({ key: exactKey(m[0]), prefix: false })),
    ),
  ]);
}

/**
 * Which words count as matched when highlighting: folded terms and prefixes, and exact keys and key prefixes
 * (exact-words.ts) by the folded word they belong to (a word can only have a key that its folded form has: the
 * key is computed only for the words that fold so).
 */
export interface TermMatcher {
  exact: ReadonlySet<string>;
  prefixes: readonly string[];
  keys: ReadonlyMap<string, ReadonlySet<string>>;
  keyPrefixes: ReadonlyArray<{ folded: string; key: string }>;
}

export interface MatcherOptions {
  /** More folded terms that count (typo corrections). */
  extraTerms?: Iterable<string>;
  /** The query was matched in exact form (its exact match set was not empty): typed words count exactly. */
  exactTyped?: boolean;
  /** Synonym phrases count folded too (only to tell Meilisearch's own matches from folding collisions). */
  foldedSynonyms?: boolean;
}

/**
 * A matcher that follows the rule the query was matched by: its typed words folded, or in exact form when the
 * query was matched so; synonym phrases always by the marks they are written with ("medicinal herbs" marks
 * "dược liệu", never "được"), since nobody mistyped them.
 */
export function termMatcher(parsed: ParsedQuery, options: MatcherOptions = {}): TermMatcher {
  const exact = new Set<string>(options.extraTerms ?? []);
  const prefixes: string[] = [];
  const keys = new Map<string, Set<string>>();
  const keyPrefixes: Array<{ folded: string; key: string }> = [];
  const addKey = (folded: string, key: string) => {
    const set = keys.get(folded) ?? new Set<string>();
    set.add(key);
    keys.set(folded, set);
  };
  for (const unit of parsed.units) {
    unit.typed.forEach((token, i) => {
      const prefix = unit.prefix && i === unit.typed.length - 1;
      if (options.exactTyped) {
        const key = exactKey(token.original);
        if (prefix) keyPrefixes.push({ folded: token.folded, key });
        else addKey(token.folded, key);
      } else if (prefix) prefixes.push(token.folded);
      else exact.add(token.folded);
    });
    for (const alt of unit.synonyms) {
      for (const m of alt.phrase.matchAll(WORD)) {
        const [folded, ...more] = foldedTokens(m[0]);
        if (folded && more.length === 0) addKey(folded, exactKey(m[0]));
      }
      if (options.foldedSynonyms) for (const t of alt.tokens) exact.add(t);
    }
  }
  return { exact, prefixes, keys, keyPrefixes };
}

/** Each character folded on its own (foldVietnamese), for foldTokens. */
const FOLDED_CHARS = new Map<number, string>();

const isTokenChar = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);

/**
 * The same tokens as foldedTokens(text), appended to `out`, about three times faster: folding goes character by
 * character through a cache. (Folding is per character: decomposition, removing marks and đ → d are, and so is
 * lower-casing except for the Greek final sigma, which is no [a-z0-9] either way.)
 */
export function foldTokens(text: string, out: string[] = []): string[] {
  let current = "";
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c < 128) {
      if (c >= 65 && c <= 90) c += 32;
      if (isTokenChar(c)) current += String.fromCharCode(c);
      else if (current) {
        out.push(current);
        current = "";
      }
      continue;
    }
    let ch = text[i]!;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      ch = text.slice(i, i + 2);
      i++;
    }
    const code = ch.codePointAt(0)!;
    let f = FOLDED_CHARS.get(code);
    if (f === undefined) {
      f = foldVietnamese(ch);
      if (FOLDED_CHARS.size >= 65_536) FOLDED_CHARS.clear();
      FOLDED_CHARS.set(code, f);
    }
    for (let j = 0; j < f.length; j++) {
      if (isTokenChar(f.charCodeAt(j))) current += f[j];
      else if (current) {
        out.push(current);
        current = "";
      }
    }
  }
  if (current) out.push(current);
  return out;
}

/** Whether one word (a WORD match) is matched. */
export function wordMatches(word: string, matcher: TermMatcher): boolean {
  const tokens = foldTokens(word);
  for (const token of tokens) {
    if (matcher.exact.has(token)) return true;
    for (const prefix of matcher.prefixes) if (token.startsWith(prefix)) return true;
  }
  // Exact keys are of words that fold to one token; the key is worked out only for a word that folds to one.
  if (tokens.length !== 1) return false;
  const folded = tokens[0]!;
  if (matcher.keys.get(folded)?.has(exactKey(word))) return true;
  for (const p of matcher.keyPrefixes)
    if (folded.startsWith(p.folded) && exactKey(word).startsWith(p.key)) return true;
  return false;
}

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** Character ranges [start, end) of the words of `text` that match. */
function matchedRanges(text: string, matcher: TermMatcher): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const m of text.matchAll(WORD)) {
    if (wordMatches(m[0], matcher)) ranges.push([m.index, m.index + m[0].length]);
  }
  return ranges;
}

/** The text HTML-escaped, with the ranges (sorted, apart) in <mark>; only [from, to) of it. */
export function render(text: string, ranges: Array<[number, number]>, from = 0, to = text.length): string {
  let out = "";
  let at = from;
  for (const [start, end] of ranges) {
    if (end <= from || start >= to) continue;
    out += escapeHtml(text.slice(at, start)) + "<mark>" + escapeHtml(text.slice(start, end)) + "</mark>";
    at = end;
  }
  return out + escapeHtml(text.slice(at, to));
}

/** The whole text, HTML-escaped, every matched word in <mark>; undefined when nothing matched. */
export function highlightText(text: string | null | undefined, matcher: TermMatcher): string | undefined {
  if (!text) return undefined;
  const ranges = matchedRanges(text, matcher);
  return ranges.length > 0 ? render(text, ranges) : undefined;
}

/**
 * About `length` characters around the first match, cut at spaces, with "…" where text was left out; escaped and
 * marked like highlightText. Undefined when nothing matched.
 */
export function highlightSnippet(
  text: string | null | undefined,
  matcher: TermMatcher,
  length = 160,
): string | undefined {
  if (!text) return undefined;
  const ranges = matchedRanges(text, matcher);
  const first = ranges[0];
  if (!first) return undefined;
  if (text.length <= length) return render(text, ranges);
  // Start a little before the first match so it reads in context, but never past it.
  let start = Math.max(0, Math.min(first[0] - 40, text.length - length));
  if (start > 0) {
    const space = text.indexOf(" ", start);
    start = space >= 0 && space < first[0] ? space + 1 : first[0];
  }
  let end = Math.min(text.length, start + length);
  if (end < text.length) {
    const space = text.lastIndexOf(" ", end);
    if (space > first[1]) end = space;
    else end = Math.max(end, first[1]);
  }
  const body = render(text, ranges, start, end).trim();
  return (start > 0 ? "…" : "") + body + (end < text.length ? "…" : "");
}

/** Damerau-Levenshtein (optimal string alignment) distance ≤ 1, in one pass. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // transposition
  }
  const [longer, shorter] = la > lb ? [a, b] : [b, a];
  return longer.slice(i + 1) === shorter.slice(i); // insertion or deletion
}
