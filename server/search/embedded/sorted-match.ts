/**
 * A text search sorted by price or by date: the match set's rowids from products_fts in one string (with the
 * `data_version` the columns are checked against), then filters, totals, facets and the sort over the columns.
 */
import { slotsOf } from "./columns";
import { compileFilters, FacetCounter, tally } from "./filters-facets";
import { firstK, sortOrder } from "./ordering";
import type { FoundPage, PageRequest, SearchReader } from "./strategy";

export async function sortedMatch(
  reader: SearchReader,
  request: PageRequest,
  match: string,
): Promise<FoundPage> {
  const [row] = await reader.allPrepared<{ dv: number; ids: string | null }>(
    `SELECT (SELECT data_version FROM pragma_data_version()) AS dv,
           (SELECT group_concat(rowid) FROM products_fts WHERE products_fts MATCH $match) AS ids`,
    { $match: match },
  );
  const columns = await reader.columnsAt(row!.dv);
  const filters = compileFilters(request.query.filters, request.now, columns);
  const facets = request.query.facets ? new FacetCounter(columns) : null;
  const [slots, n] = slotsOf(row!.ids, columns);
  const passing = new Int32Array(n);
  const total = tally(columns, filters, slots, n, facets, passing);
  const pageSlots = firstK(passing, total, request.end, sortOrder(columns, request.sort)).slice(
    request.offset,
  );
  return { columns, pageSlots, total, facets, originals: null };
}
