/** A search without text: the in-memory columns alone, newest first unless a price sort is asked for. */
import type { SearchHit } from "../types";
import { compileFilters, FacetCounter, tally } from "./filters-facets";
import { firstK, sortOrder } from "./ordering";
import type { PageRequest, SearchReader } from "./strategy";

export async function browse(
  reader: SearchReader,
  request: PageRequest,
): Promise<{ hits: SearchHit[]; total: number; facets: FacetCounter | null }> {
  // Only the check that the columns are current needs a statement.
  const [{ dv }] = (await reader.allPrepared<{ dv: number }>(
    `SELECT data_version AS dv FROM pragma_data_version()`,
  )) as [{ dv: number }];
  const columns = await reader.columnsAt(dv);
  const filters = compileFilters(request.query.filters, request.now, columns);
  const facets = request.query.facets ? new FacetCounter(columns) : null;
  const passing = new Int32Array(columns.size);
  const total = tally(columns, filters, columns.allSlots(), columns.size, facets, passing);
  const sort = request.sort === "relevance" ? "newest" : request.sort;
  const top = firstK(passing, total, request.end, sortOrder(columns, sort));
  // No text, nothing to highlight.
  const hits = top.slice(request.offset).map((s) => ({ id: columns.ids[s]!, highlights: {} }));
  return { hits, total, facets };
}
