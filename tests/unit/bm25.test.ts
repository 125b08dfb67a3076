/**
 * The embedded engine's bm25 (server/search/embedded/bm25.ts), on rows small enough to check by hand. Per phrase:
 * IDF × f(k1 + 1) / (f + k1(1 − b + b·D/avgdl)), k1 = 1.2, b = 0.75, f the count of the phrase weighted by
 * column (name 10, labels 4, cooperative 2, description 1), D the row's tokens over all columns; summed over the
 * phrases and negated, so lower is better (as FTS5's bm25()).
 */
import { describe, expect, it } from "vitest";
import { Bm25, readAverages, type Averages } from "../../server/search/embedded/bm25";
import type { Phrase } from "../../server/search/embedded/match-expression";
import { buildVocabulary } from "../../server/search/embedded/vocabulary";

/** 100 rows of 4 tokens on average; "che" is in 9 of them, "tra" in 49, "cay" in 60 (more than half). */
const AVERAGES: Averages = { rows: 100, tokens: 400 };
const VOCAB = buildVocabulary([
  { term: "che", doc: 9 },
  { term: "tra", doc: 49 },
  { term: "cay", doc: 60 },
  { term: "xanh", doc: 20 },
]);

const phrase = (term: string, prefix = false): Phrase => ({ term, prefix });
/** A row as the engine reads it: id, then the folded name, labels, cooperative and description. */
const row = (name: string, labels = "", cooperative = "", description = "") => [
  "1",
  name,
  labels,
  cooperative,
  description,
];
const scorer = (phrases: Phrase[], prefixHits = 0, averages: Averages | null = AVERAGES) =>
  new Bm25(phrases, VOCAB, averages, prefixHits);

/** The formula written out for one phrase. */
function expected(idf: number, f: number, tokens: number, avgdl: number): number {
  return -((idf * (f * 2.2)) / (f + 1.2 * (1 - 0.75 + (0.75 * tokens) / avgdl)));
}

describe("bm25", () => {
  it("computes FTS5's formula: IDF from the document count, f weighted by column, D over all columns", () => {
    const idfChe = Math.log((100 - 9 + 0.5) / (9 + 0.5)); // ≈ 2.265
    // "che" once in the name (f = 10), 2 tokens in all, avgdl = 400 / 100 = 4.
    expect(scorer([phrase("che")]).score(row("che xanh"))).toBeCloseTo(expected(idfChe, 10, 2, 4), 12);
    // Once in the name and once in the description: f = 10 + 1; D = 2 + 3 (empty columns count nothing).
    expect(scorer([phrase("che")]).score(row("che xanh", "", "", "la che non"))).toBeCloseTo(
      expected(idfChe, 11, 5, 4),
      12,
    );
  });

  it("ranks more occurrences first (term frequency), at the same length", () => {
    const bm25 = scorer([phrase("che")]);
    const twice = bm25.score(row("che che xanh"));
    const once = bm25.score(row("che tuoi xanh"));
    expect(twice).toBeLessThan(once);
  });

  it("ranks the shorter row first for the same occurrences (length normalisation)", () => {
    const bm25 = scorer([phrase("che")]);
    const short = bm25.score(row("che xanh"));
    const long = bm25.score(row("che xanh tuoi ngon moi hai"));
    expect(short).toBeLessThan(long);
  });

  it("ranks a match of a rarer term first (IDF)", () => {
    const bm25 = scorer([phrase("che"), phrase("tra")]);
    const rare = bm25.score(row("che xanh")); // "che": 9 of 100 rows
    const common = bm25.score(row("tra xanh")); // "tra": 49 of 100 rows
    expect(rare).toBeLessThan(common);
    // Both terms in the row: the sum of both.
    expect(bm25.score(row("che tra"))).toBeCloseTo(
      expected(Math.log(91.5 / 9.5), 10, 2, 4) + expected(Math.log(51.5 / 49.5), 10, 2, 4),
      12,
    );
  });

  it("weighs a name match above the same match in the description", () => {
    const bm25 = scorer([phrase("che")]);
    expect(bm25.score(row("che xanh", "", "", "tuoi"))).toBeLessThan(
      bm25.score(row("tuoi xanh", "", "", "che")),
    );
    // labels (4) above cooperative (2)
    expect(bm25.score(row("tuoi", "che"))).toBeLessThan(bm25.score(row("tuoi", "", "che")));
  });

  it("gives a term in more than half the rows a tiny positive IDF, not a negative one", () => {
    // ln((100 − 60 + 0.5) / (60 + 0.5)) < 0: FTS5 uses 1e-6 instead, so the match still counts, barely.
    const score = scorer([phrase("cay")]).score(row("cay xanh"));
    expect(score).toBeLessThan(0);
    expect(score).toBeCloseTo(expected(1e-6, 10, 2, 4), 15);
  });

  it("counts whole tokens only, unless the phrase is a prefix", () => {
    // No instance: nothing to add (the score is −0).
    expect(Math.abs(scorer([phrase("tra")]).score(row("trang xanh")))).toBe(0);
    expect(Math.abs(scorer([phrase("tra")]).score(row("xanh utra")))).toBe(0);
    // A prefix phrase's IDF comes from the rows it matches, counted by the caller (here 30).
    expect(scorer([phrase("tra", true)], 30).score(row("trang xanh"))).toBeCloseTo(
      expected(Math.log(70.5 / 30.5), 10, 2, 4),
      12,
    );
  });
});

describe("readAverages", () => {
  it("decodes FTS5's averages record: a varint row count, then each column's token total", () => {
    // 3 rows; columns of 5, 0, 2 and 200 tokens (200 takes two varint bytes: 0x81 0x48).
    expect(readAverages(Buffer.from([3, 5, 0, 2, 0x81, 0x48]))).toEqual({ rows: 3, tokens: 207 });
  });

  it("is null when the record is missing, truncated or empty of rows", () => {
    expect(readAverages(null)).toBeNull();
    expect(readAverages(Buffer.alloc(0))).toBeNull();
    expect(readAverages(Buffer.from([3, 5]))).toBeNull();
    expect(readAverages(Buffer.from([0, 0, 0, 0, 0]))).toBeNull();
  });
});
