/**
 * Words in their exact form, for queries typed with marks (decision 0029): both engines index every word of a
 * product this way beside its folded text, and compare a marked query's words in this form (query.ts,
 * exactConstraint), so "miến" finds miến and not miền, and "dong" (typed among marked words) dong and not đóng.
 *
 * A word's key is one ASCII token: its tone as a digit in front (0 none, 1 sắc, 2 huyền, 3 hỏi, 4 ngã, 5 nặng),
 * then the word without its tone, lower case, with its vowel marks and đ encoded (encodeWord): "miến" →
 * "1mix006in", "miền" → "2mix006in", "dong" → "0dong", "đóng" → "1x007long". The old and the new tone placement
 * give one key ("hoà" and "hòa" are both "2hoa"), and with the tone in front a word typed so far ("miế") is a
 * prefix of the keys of the words it may become ("miến", "miếng").
 */
import { CATEGORY_LABELS, lowerVi } from "./synonyms";
import type { ProductDocument } from "./types";

/** Words of any script, with their combining marks (decomposed input keeps its marks on the word). */
export const WORD = /[\p{L}\p{N}\p{M}]+/gu;

/** The five Vietnamese tones as combining marks (NFD), and their digits. */
const TONES = new Map([
  ["\u0301", "1"],
  ["\u0300", "2"],
  ["\u0309", "3"],
  ["\u0303", "4"],
  ["\u0323", "5"],
]);

/**
 * A lower-case word as one ASCII token, injectively: a-w, y, z and digits stay, anything else (x included)
 * becomes "x" and four base-36 digits of its code point. "miến" → "mix062nn".
 */
export function encodeWord(lowerWord: string): string {
  let out = "";
  for (const ch of lowerWord) {
    const c = ch.codePointAt(0)!;
    out +=
      (c >= 97 && c <= 119) || c === 121 || c === 122 || (c >= 48 && c <= 57)
        ? ch
        : `x${c.toString(36).padStart(4, "0")}`;
  }
  return out;
}

/** Keys by word, as written and in lowerVi form (texts repeat their words: indexing finds most of them here). */
const KEYS = new Map<string, string>();

function remember(word: string, key: string): string {
  if (KEYS.size >= 200_000) KEYS.clear();
  KEYS.set(word, key);
  return key;
}

/** exactKey of a word already in lowerVi form. */
function keyOfLower(lowerWord: string): string {
  const known = KEYS.get(lowerWord);
  if (known !== undefined) return known;
  let tone = "0";
  let rest = "";
  for (const ch of lowerWord.normalize("NFD")) {
    const digit = TONES.get(ch);
    // One tone per syllable; a second mark of the kind (not Vietnamese) stays with the letters.
    if (digit !== undefined && tone === "0") tone = digit;
    else rest += ch;
  }
  return remember(lowerWord, tone + encodeWord(rest.normalize("NFC")));
}

/** The exact key of one word (see above). */
export function exactKey(word: string): string {
  return KEYS.get(word) ?? remember(word, keyOfLower(lowerVi(word)));
}

const isAsciiWordChar = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** Whether a character outside ASCII is part of a word (WORD's classes), by code point. */
const WORD_CHARS = new Map<number, boolean>();
const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;

function isWordChar(code: number): boolean {
  let known = WORD_CHARS.get(code);
  if (known === undefined) {
    known = WORD_CHAR.test(String.fromCodePoint(code));
    WORD_CHARS.set(code, known);
  }
  return known;
}

/**
 * The exact keys of every word of the texts (the words WORD finds), added to `into`: a loop over the characters,
 * each word's key from the cache (twice as fast as lower-casing the text and matching WORD over it, which was
 * most of this cost at indexing).
 */
export function exactKeysOf(
  texts: Iterable<string | null | undefined>,
  into = new Set<string>(),
): Set<string> {
  for (const text of texts) {
    if (!text) continue;
    let start = -1;
    for (let i = 0; i <= text.length;) {
      const code = i < text.length ? text.codePointAt(i)! : 32;
      if (code < 128 ? isAsciiWordChar(code) : isWordChar(code)) {
        if (start < 0) start = i;
      } else if (start >= 0) {
        into.add(exactKey(text.slice(start, i)));
        start = -1;
      }
      i += code > 0xffff ? 2 : 1;
    }
  }
  return into;
}

/** The exact keys of every word a product is searched by: names, labels (tags, places, category), cooperative, descriptions. */
export function productExactKeys(doc: ProductDocument): Set<string> {
  const labels = CATEGORY_LABELS[doc.category] ?? { vi: "", en: "" };
  return exactKeysOf([
    doc.nameVi,
    doc.nameEn,
    ...doc.tags,
    ...doc.places,
    labels.vi,
    labels.en,
    doc.cooperativeName,
    doc.descriptionVi,
    doc.descriptionEn,
  ]);
}

/**
 * The beginnings of a key that a word typed so far can have: its tone digit and the first `minLetters` letters or
 * more, short of the whole word (an encoded letter is "x" and four digits). Both engines store them beside the
 * keys, so the last word of a query, a prefix, is two equalities: Meilisearch's filters have no prefix operator,
 * and FTS5 answers a prefix query without a prefix index of its length several times slower than a term.
 */
export function keyPrefixes(key: string, minLetters: number): string[] {
  const ends: number[] = [];
  for (let at = 1; at < key.length;) {
    at += key[at] === "x" ? 5 : 1;
    ends.push(at);
  }
  // The last end is the whole key.
  return ends.slice(Math.max(0, minLetters - 1), -1).map((end) => key.slice(0, end));
}
