import { matchListQuerySchema } from "../../server/matching/schemas";

/**
 * A match list's filters from the query string. A filter that does not parse (an old bookmark, a hand-edited URL)
 * is dropped rather than failing the page: the list shows unfiltered on that point.
 */
export function matchQueryFrom(request: Request) {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const query: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params))
    if (
      key in matchListQuerySchema.shape &&
      matchListQuerySchema.shape[key as keyof typeof matchListQuerySchema.shape].safeParse(value).success
    )
      query[key] = value;
  return matchListQuerySchema.parse(query);
}
