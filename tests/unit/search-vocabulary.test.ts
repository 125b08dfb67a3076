/**
 * How the embedded engine turns what was typed into what it looks for (server/search/embedded/vocabulary.ts and
 * match-expression.ts): typo corrections from the index's terms, synonyms, prefixes, and the mark tokens that
 * tell "miến" from "miền".
 */
import { describe, expect, it } from "vitest";
import { markToken } from "../../server/search/embedded/documents";
import {
  literalExpression,
  matchExpression,
  matchPhrases,
} from "../../server/search/embedded/match-expression";
import {
  buildVocabulary,
  hasPrefix,
  typoCandidates,
  typoCorrections,
  type Vocabulary,
} from "../../server/search/embedded/vocabulary";
import { parseQuery } from "../../server/search/query";

/** Terms as products_vocab has them (folded), with the number of products each is in. */
const VOCAB = buildVocabulary([
  { term: "tan", doc: 40 },
  { term: "cuong", doc: 30 },
  { term: "cuon", doc: 2 },
  { term: "thanh", doc: 10 },
  { term: "than", doc: 4 },
  { term: "nguyen", doc: 12 },
  { term: "dong", doc: 25 },
]);

const corrections = (q: string, vocab: Vocabulary = VOCAB) =>
  Object.fromEntries(typoCorrections(parseQuery(q), vocab));

describe("typo corrections", () => {
  it("widens an unknown word to the terms one edit away, most frequent first", () => {
    expect(corrections("tan cuonh")).toEqual({ cuonh: ["cuong", "cuon"] });
  });

  it("compares folded words: marks make no difference", () => {
    expect(corrections("Tân Cươnh")).toEqual(corrections("tan cuonh"));
  });

  it("counts a swap of two letters as one edit", () => {
    expect(corrections("thnah dong")).toEqual({ thnah: ["thanh"] });
  });

  it("leaves words shorter than 5 letters alone: one edit of a syllable matches too much", () => {
    // "thah" is one edit from "than" and "thanh", and no term.
    expect(corrections("thah dong")).toEqual({});
  });

  it("leaves indexed terms alone", () => {
    expect(corrections("thanh dong")).toEqual({});
  });

  it("leaves the last word alone while it is the start of a term (still being typed)", () => {
    expect(corrections("dong nguye")).toEqual({});
    // Not the last word: a finished word that is no term.
    expect(corrections("nguye dong")).toEqual({ nguye: ["nguyen"] });
  });

  it("leaves the words of a synonym phrase alone", () => {
    // "vermicelli" is no term here, but it is a synonym of miến.
    expect(corrections("vermicelli dong")).toEqual({});
  });

  it("keeps the 5 most frequent candidates, ties in alphabetical order", () => {
    const vocab = buildVocabulary([
      { term: "thanh", doc: 9 },
      { term: "than", doc: 9 },
      { term: "thank", doc: 7 },
      { term: "thans", doc: 3 },
      { term: "htanx", doc: 3 },
      { term: "thani", doc: 1 },
      { term: "thanxy", doc: 1 },
      { term: "tuanz", doc: 99 }, // two edits away
    ]);
    expect(typoCandidates(vocab, "thanx")).toEqual(["than", "thanh", "thank", "htanx", "thans"]);
  });
});

describe("prefixes", () => {
  it("knows whether a term starts with a prefix, and whether a longer one does", () => {
    expect(hasPrefix(VOCAB, "ngu")).toBe(true);
    expect(hasPrefix(VOCAB, "cuong")).toBe(true);
    expect(hasPrefix(VOCAB, "cuong", true)).toBe(false);
    expect(hasPrefix(VOCAB, "cuon", true)).toBe(true);
    expect(hasPrefix(VOCAB, "cx")).toBe(false);
  });
});

describe("match expressions", () => {
  const expression = (q: string) => {
    const parsed = parseQuery(q);
    return matchExpression(parsed, typoCorrections(parsed, VOCAB));
  };

  it("requires every word, the last as a prefix, each with its typo corrections", () => {
    expect(expression("tan cuonh")).toBe('"tan" AND ("cuonh"* OR "cuong" OR "cuon")');
    expect(expression("Tân Cương")).toBe('"tan" AND "cuong"*');
  });

  it("matches synonyms both ways", () => {
    expect(expression("tea")).toBe('(("tea"*) OR ("tra") OR ("che"))');
    expect(expression("trà")).toBe('(("tra"*) OR ("tea") OR ("che"))');
    expect(expression("gao nep")).toBe('(("gao" AND "nep"*) OR ("sticky" AND "rice"))');
    expect(expression("sticky rice")).toBe('(("sticky" AND "rice"*) OR ("gao" AND "nep"))');
  });

  it("widens a broad word to the narrow ones and back, but not one narrow word to another", () => {
    expect(expression("noodles")).toBe('(("noodles"*) OR ("noodle") OR ("bun") OR ("pho") OR ("mi"))');
    expect(expression("bún")).toBe('(("bun"*) OR ("noodles") OR ("noodle"))');
  });

  it("lists the phrases bm25 scores, in the expression's order", () => {
    const parsed = parseQuery("tan cuonh");
    expect(matchPhrases(parsed, typoCorrections(parsed, VOCAB))).toEqual([
      { term: "tan", prefix: false },
      { term: "cuonh", prefix: true },
      { term: "cuong", prefix: false },
      { term: "cuon", prefix: false },
    ]);
  });

  it("can never carry an FTS5 operator or quote", () => {
    // Operators become quoted words; a last word of one letter is no prefix.
    expect(expression('"tra" OR name:x*')).toBe(
      '(("tra") OR ("tea") OR ("che")) AND "or" AND "name" AND "x"',
    );
  });
});

describe("marked words", () => {
  it("encodes a word with marks as one ASCII token, distinct for each mark", () => {
    expect(markToken("miến")).toBe("mix062nn");
    expect(markToken("Miến")).toBe("mix062nn");
    expect(markToken("miền")).toBe("mix062pn");
    // "x" itself is encoded, so no encoded word can be mistaken for a plain one.
    expect(markToken("xa")).toBe("x003ca");
  });

  it("looks for a word typed with marks in names with exactly those marks, and a plain one folded", () => {
    const [mien, dong] = parseQuery("miến dong").units;
    expect(literalExpression(mien!)).toBe('"mmix062nn"');
    expect(literalExpression(dong!)).toBe('"ndong"*');
  });
});
