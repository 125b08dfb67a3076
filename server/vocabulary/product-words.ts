import { foldVietnamese } from "./text";

/**
 * The product words of Vietnamese text: what matching compares between a demand and an offer (scoring.ts) and
 * what the match index keeps of each offer (offer_terms). Here, beside the other vocabulary, because a migration
 * fills the index's first terms and migrations import no domain code.
 */

/**
 * Words that say nothing about the product, as written with their marks: how buyers ask ("cần mua 200 kg loại 1",
 * "tìm nguồn ổn định") and cooperatives offer ("chào bán", "cung ứng", "nhận đặt theo vụ"). Folded, some would
 * hide product words ("tấn" the tonne folds to "tan" as in Tân Cương, "bộ" to "bo" as in thịt bò, "định" to
 * "dinh" as in đinh lăng), and the commonest would make every offer a candidate of every demand.
 */
const STOPWORDS = new Set(
  (
    "cần mua bán cho của và với các một hàng tháng mùa vụ loại kg tấn gói hộp chai túi lọ hũ cái bộ thứ để từ tại " +
    "là có mới thu nhập tìm nguồn ổn định giao hằng mỗi khoảng chào cung ứng cấp nhận đặt theo sỉ lẻ đơn sẵn số lượng"
  ).split(" "),
);
/**
 * The same typed without marks, where the bare word has no product meaning of its own ("nhan" may be nhãn, the
 * longan; "san" sắn, cassava; "le" lê, the pear; "tim" tím, purple: those stay).
 */
const UNMARKED_STOPWORDS = new Set(
  (
    "can mua ban cho cua va voi cac mot hang thang loai kg goi chai tui cai de tu tai la co nhap nguon giao moi " +
    "khoang chao cung ung cap dat theo si don"
  ).split(" "),
);
/** A word as written → its folded parts (none for a stop word): the vocabulary is small, the texts many. */
const WORD_PARTS = new Map<string, readonly string[]>();
const WORD_PARTS_SIZE = 100_000;
function partsOf(word: string): readonly string[] {
  const known = WORD_PARTS.get(word);
  if (known) return known;
  let parts: string[] = [];
  if (word.length >= 2 && !/^\d+$/.test(word) && !STOPWORDS.has(word)) {
    const folded = foldVietnamese(word);
    if (!(folded === word && UNMARKED_STOPWORDS.has(folded)))
      parts = folded.split(/[^a-z0-9]+/).filter((part) => part.length > 1);
  }
  if (WORD_PARTS.size < WORD_PARTS_SIZE) WORD_PARTS.set(word, parts);
  return parts;
}
/**
 * The words of a text that can name a product, folded ("Chè Tân Cương" → che, tan, cuong): no stop words, no
 * numbers, no single letters. Scoring compares them; the match index keeps those of offers' titles as its terms.
 */
export function productWords(text: string): Set<string> {
  const out = new Set<string>();
  for (const word of text
    .normalize("NFC")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u))
    for (const part of partsOf(word)) out.add(part);
  return out;
}

/** Longest term the match index keeps (its column's width); longer "words" are not product names. */
const TERM_LENGTH = 32;
/**
 * The match index's terms of an offer: the product words of its title and of its linked product's name, at most
 * 24 (a title is short; a pasted paragraph is not allowed to crowd the table).
 */
export function offerTerms(title: string, productName: string | null | undefined): string[] {
  return [...productWords(`${title} ${productName ?? ""}`)]
    .filter((t) => t.length <= TERM_LENGTH)
    .slice(0, 24);
}
