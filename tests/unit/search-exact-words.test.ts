/**
 * Queries typed with marks (decision 0029): the exact keys words are compared in (server/search/exact-words.ts),
 * what a marked query requires (query.ts, exactConstraint) as the embedded engine's FTS5 expression and as
 * Meilisearch's filter, and highlighting by the same rule.
 */
import { describe, expect, it } from "vitest";
import { exactExpression } from "../../server/search/embedded/match-expression";
import { exactKey, exactKeysOf, keyPrefixes } from "../../server/search/exact-words";
import { exactFilter, fromFormatted } from "../../server/search/meilisearch";
import { exactConstraint, highlightText, parseQuery, termMatcher } from "../../server/search/query";

describe("exact keys", () => {
  it("puts the tone in front and keeps vowel marks and đ", () => {
    expect(exactKey("miến")).toBe("1mix006in");
    expect(exactKey("Miền")).toBe("2mix006in");
    expect(exactKey("dong")).toBe("0dong");
    expect(exactKey("đóng")).toBe("1x007long");
    expect(exactKey("ĐÔNG")).toBe("0x007lx006sng");
  });

  it("gives one key to both tone placements and to decomposed input", () => {
    expect(exactKey("hoà")).toBe(exactKey("hòa"));
    expect(exactKey("thuỷ")).toBe(exactKey("thủy"));
    expect(exactKey("mie\u0302\u0301n")).toBe(exactKey("miến"));
    // A dot below under a circumflex: the tone goes, the circumflex stays.
    expect(exactKey("mật")).toBe(`5m${exactKey("mât").slice(2)}`);
  });

  it("keeps every mark apart: no two Vietnamese spellings share a key", () => {
    const spellings = [
      "mien",
      "miến",
      "miền",
      "miễn",
      "miển",
      "miện",
      "miên",
      "dong",
      "đong",
      "đóng",
      "dòng",
      "đồng",
    ];
    expect(new Set(spellings.map(exactKey)).size).toBe(spellings.length);
  });

  it("lists the keys of every word of a text", () => {
    expect([...exactKeysOf(["Miến dong, đóng gói", null])]).toEqual(
      ["miến", "dong", "đóng", "gói"].map(exactKey),
    );
  });

  it("lists the beginnings of a key a word typed so far can have", () => {
    // mi, miê (m is too short, miên the whole word); ê is x006i.
    expect(keyPrefixes(exactKey("miến"), 2)).toEqual(["1mi", "1mix006i"]);
    expect(keyPrefixes(exactKey("do"), 2)).toEqual([]);
  });
});

describe("what a query typed with marks requires", () => {
  it("is nothing for a query without marks", () => {
    expect(exactConstraint(parseQuery("mien dong"))).toBeNull();
    expect(exactConstraint(parseQuery("medicinal herbs"))).toBeNull();
  });

  it("is every word as typed, an unmarked one unmarked, the last one as a prefix; or a synonym as written", () => {
    const constraint = exactConstraint(parseQuery("miến dong"))!;
    // A prefix is the word itself or a word it begins ("p" terms: the embedded index stores each key's beginnings).
    expect(exactExpression(constraint)).toBe('("1mix006in" OR "0vermicelli") AND ("0dong" OR "p0dong")');
    expect(exactFilter(constraint)).toBe(
      '((exact_words = "1mix006in") OR (exact_words = "0vermicelli")) AND ' +
        '(((exact_words = "0dong" OR exact_prefixes = "0dong")))',
    );
  });

  it("ANDs the words of a phrase", () => {
    const constraint = exactConstraint(parseQuery("mật ong"))!;
    expect(exactExpression(constraint)).toBe('(("5mx006at" AND ("0ong" OR "p0ong")) OR "0honey")');
  });
});

describe("highlighting by the rule the query was matched by", () => {
  const marks = (q: string, text: string, exactTyped = false) =>
    highlightText(text, termMatcher(parseQuery(q), { exactTyped }));

  it("folds a query matched folded", () => {
    expect(marks("mien dong", "Miến dong miền núi, đóng gói")).toBe(
      "<mark>Miến</mark> <mark>dong</mark> <mark>miền</mark> núi, <mark>đóng</mark> gói",
    );
  });

  it("marks only the words as typed when the query was matched exactly", () => {
    expect(marks("miến dong", "Miến dong miền núi, đóng gói", true)).toBe(
      "<mark>Miến</mark> <mark>dong</mark> miền núi, đóng gói",
    );
    // The last word as a prefix, with its marks.
    expect(marks("miến dongx", "Miến dong", true)).toBe("<mark>Miến</mark> dong");
    expect(marks("bánh ga", "Bánh gai, bánh gà", true)).toBe(
      "<mark>Bánh</mark> <mark>gai</mark>, <mark>bánh</mark> gà",
    );
  });

  it("marks synonyms with the marks they are written with, even for a query without marks", () => {
    expect(marks("medicinal herbs", "Dược liệu dùng được")).toBe(
      "<mark>Dược</mark> <mark>liệu</mark> dùng được",
    );
    expect(marks("tea", "Trà, chè và cá tra")).toBe("<mark>Trà</mark>, <mark>chè</mark> và cá tra");
  });

  it("takes Meilisearch's marks off folding collisions only, and adds the rule's own", () => {
    const parsed = parseQuery("medicinal herbs");
    const matcher = termMatcher(parsed);
    const folded = termMatcher(parsed, { foldedSynonyms: true });
    // "được" folds like the synonym "dược": off. "Herbal" (a match of Meilisearch's own, say a typo): kept.
    expect(
      fromFormatted("\uE000Dược\uE001 \uE000liệu\uE001 dùng \uE000được\uE001 <b>", matcher, folded),
    ).toBe("<mark>Dược</mark> <mark>liệu</mark> dùng được &lt;b&gt;");
    expect(fromFormatted("\uE000Herb\uE001al", matcher, folded)).toBe("<mark>Herbal</mark>");
    // Meilisearch marked only "Herbs": "Dược liệu" is marked by the rule too.
    expect(fromFormatted("\uE000Herbs\uE001, dược liệu", matcher, folded)).toBe(
      "<mark>Herbs</mark>, <mark>dược</mark> <mark>liệu</mark>",
    );
    expect(fromFormatted("dùng \uE000được\uE001", matcher, folded)).toBeUndefined();
    expect(fromFormatted("no marks", matcher, folded)).toBeUndefined();
  });
});
