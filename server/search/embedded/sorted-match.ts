/**
 * A text search sorted by price or by date: the match set's rowids in one string (with the `data_version` the
 * columns are checked against): the exact match set's when the query was typed with marks and it is not empty,
 * else products_fts's; then filters, totals, facets and the sort over the columns.
 */
import { slotsOf } from "./columns";
import { EXACT_IDS_SQL } from "./exact-set";
import { compileFilters, FacetCounter, tally } from "./filters-facets";
import { firstK, sortOrder } from "./ordering";
import type { FoundPage, PageRequest, SearchReader, TextQuery } from "./strategy";

export async function sortedMatch(
  reader: SearchReader,
  request: PageRequest,
  text: Pick<TextQuery, "match" | "exact">,
): Promise<FoundPage> {
  const folded = `(SELECT group_concat(rowid) FROM products_fts WHERE products_fts MATCH $match)`;
  const version = `(SELECT data_version FROM pragma_data_version())`;
  // The folded match only when there is no exact set (CASE evaluates it only then); MATERIALIZED, so that the
  // exact set is read once though named twice.
  const [row] = (await reader.allPrepared<{ dv: number; exact: string | null; ids: string | null }>(
    text.exact === null
      ? `SELECT ${version} AS dv, NULL AS exact, ${folded} AS ids`
      : `WITH found AS MATERIALIZED (SELECT ${version} AS dv, ${EXACT_IDS_SQL} AS exact)
         SELECT dv, exact, CASE WHEN exact IS NULL THEN ${folded} ELSE exact END AS ids FROM found`,
    text.exact === null ? { $match: text.match } : { $match: text.match, $exact: text.exact },
  )) as [{ dv: number; exact: string | null; ids: string | null }];
  const columns = await reader.columnsAt(row.dv);
  const filters = compileFilters(request.query.filters, request.now, columns);
  const facets = request.query.facets ? new FacetCounter(columns) : null;
  const [slots, n] = slotsOf(row.ids, columns);
  const passing = new Int32Array(n);
  const total = tally(columns, filters, slots, n, facets, passing);
  const pageSlots = firstK(passing, total, request.end, sortOrder(columns, request.sort)).slice(
    request.offset,
  );
  return { columns, pageSlots, total, facets, originals: null, exact: row.exact !== null };
}
