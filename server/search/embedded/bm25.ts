/**
 * BM25 as FTS5 computes it, for the relevance order. FTS5's own bm25() first reads the whole doclist of every
 * phrase for its IDF and scans the match set a second time; for the few hundred rows a page of name matches needs,
 * computing it here from their folded text is much cheaper (see relevance.ts). The two agree, so a query's pages
 * rank alike whichever computed them.
 */
import type { Phrase } from "./match-expression";
import type { Vocabulary } from "./vocabulary";

/** bm25 column weights, in the FTS column order: name, labels, cooperative, description. */
const BM25_WEIGHTS = [10, 4, 2, 1] as const;
/** FTS5's own bm25() with the same weights, for the queries whose candidates are too many to score here. */
export const BM25_SQL = `bm25(products_fts, ${BM25_WEIGHTS.map((w) => w.toFixed(1)).join(", ")})`;

/** products_fts's number of rows and of tokens (all columns), from its "averages" record. */
export interface Averages {
  rows: number;
  tokens: number;
}

/**
 * Decodes FTS5's averages record (products_fts_data, id 1): a varint row count, then one varint per column with
 * the column's total number of tokens. Null if it is missing or does not read as that.
 */
export function readAverages(block: Buffer | null | undefined): Averages | null {
  if (!block || block.length === 0) return null;
  let at = 0;
  const varint = (): number => {
    let value = 0;
    for (let i = 0; i < 9; i++) {
      const byte = block[at++];
      if (byte === undefined) throw new RangeError("truncated varint");
      if (i === 8) return value * 256 + byte;
      value = value * 128 + (byte & 0x7f);
      if ((byte & 0x80) === 0) return value;
    }
    return value;
  };
  try {
    const rows = varint();
    let tokens = 0;
    for (let column = 0; column < BM25_WEIGHTS.length; column++) tokens += varint();
    return rows > 0 && tokens > 0 ? { rows, tokens } : null;
  } catch {
    return null;
  }
}

/**
 * FTS5's bm25() with the BM25 weights, computed from a row's folded columns (as stored in product_texts: tokens
 * separated by single spaces, which is how unicode61 reads them): per phrase, IDF × f(k1 + 1) / (f + k1(1 − b +
 * b·D/avgdl)), f the weighted count of the phrase's instances, D the row's tokens; negated, so lower is better.
 * IDFs come from the vocabulary's document counts (a prefix phrase's is counted by the caller); the row and token
 * totals from FTS5's averages record. Scores equal FTS5's to the last bit or so (Math.log against libm's log), so
 * the pages of a query rank alike whichever computed them.
 */
export class Bm25 {
  private readonly idf: Float64Array;
  private readonly phrases: Phrase[];
  private readonly freq: Float64Array;
  private readonly avgdl: number;

  /** `prefixHits`: the number of rows a prefix phrase matches (a term's is in the vocabulary). */
  constructor(phrases: Phrase[], vocab: Vocabulary, averages: Averages | null, prefixHits: number) {
    // (No averages record: the table is empty, and there is nothing to score.)
    const rows = averages?.rows ?? 1;
    this.avgdl = averages ? averages.tokens / averages.rows : 1;
    this.phrases = phrases;
    this.idf = new Float64Array(phrases.length);
    this.freq = new Float64Array(phrases.length);
    phrases.forEach(({ term, prefix }, i) => {
      const hits = prefix ? prefixHits : (vocab.docs.get(term) ?? 0);
      const idf = Math.log((rows - hits + 0.5) / (hits + 0.5));
      this.idf[i] = idf <= 0 ? 1e-6 : idf;
    });
  }

  /** The score of a row, `fields` = [id, name, labels, cooperative, description] (folded). */
  score(fields: string[]): number {
    const freq = this.freq;
    freq.fill(0);
    let tokens = 0;
    for (let column = 0; column < BM25_WEIGHTS.length; column++) {
      const text = fields[column + 1];
      if (!text) continue;
      const weight = BM25_WEIGHTS[column]!;
      tokens += 1;
      for (let at = text.indexOf(" "); at !== -1; at = text.indexOf(" ", at + 1)) tokens += 1;
      // Instances: the term at the start of a token, and (unless a prefix) at its end too.
      this.phrases.forEach(({ term, prefix }, i) => {
        for (let at = text.indexOf(term); at !== -1; at = text.indexOf(term, at + 1)) {
          if (at > 0 && text.charCodeAt(at - 1) !== 32) continue;
          const after = at + term.length;
          if (!prefix && after < text.length && text.charCodeAt(after) !== 32) continue;
          freq[i]! += weight;
        }
      });
    }
    // In fts5_aux.c's order of operations, so that both give the same doubles.
    const k1 = 1.2;
    const b = 0.75;
    let score = 0;
    for (let i = 0; i < freq.length; i++) {
      const f = freq[i]!;
      score += this.idf[i]! * ((f * (k1 + 1.0)) / (f + k1 * (1 - b + (b * tokens) / this.avgdl)));
    }
    return -1.0 * score;
  }
}
