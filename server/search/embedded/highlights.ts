/** The last step of a text search: the page's originals (read now unless they came earlier), marked up. */
import { highlightSnippet, highlightText, termMatcher } from "../query";
import type { SearchHit, SearchQuery } from "../types";
import type { FoundPage, SearchReader, TextQuery, TextRow } from "./strategy";

export async function highlightedHits(
  reader: SearchReader,
  found: FoundPage,
  text: TextQuery,
  locale: SearchQuery["locale"],
): Promise<SearchHit[]> {
  const pageIds = found.pageSlots.map((s) => found.columns.ids[s]!);
  const byId =
    found.originals ??
    new Map(
      (pageIds.length === 0
        ? []
        : await reader.allPrepared<TextRow>(
            `SELECT id, name_vi, name_en, description_vi, description_en FROM product_texts
               WHERE id IN (SELECT value FROM json_each($ids))`,
            { $ids: JSON.stringify(pageIds) },
          )
      ).map((t) => [t.id, t]),
    );
  // Marked by the rule the query was matched by. Typo corrections are marked too: they are what the reader meant.
  const matcher = termMatcher(text.parsed, {
    extraTerms: [...text.typos.values()].flat(),
    exactTyped: found.exact,
  });
  const en = locale === "en";
  return pageIds.map((id): SearchHit => {
    const row = byId.get(id);
    const highlights: SearchHit["highlights"] = {};
    if (row) {
      const name = highlightText(en && row.name_en ? row.name_en : row.name_vi, matcher);
      const description = highlightSnippet(
        en && row.description_en ? row.description_en : row.description_vi,
        matcher,
      );
      if (name) highlights.name = name;
      if (description) highlights.description = description;
    }
    return { id, highlights };
  });
}
