/**
 * The exact match set of a query typed with marks (decision 0029): the products of its folded match set that have
 * its words in their exact form (query.ts, exactConstraint; products_exact). When there are some, they are the
 * match set; when there are none (a mark mistyped, a word with a typo, a word not finished), the query is matched
 * folded, as one without marks.
 *
 * products_exact alone answers it: it lies within the folded match set by construction (a word's exact key
 * determines its folded form, the keys come from the texts the folded columns are made of, and the constraint has
 * a variant for each of the folded expression's but the typo corrections); intersecting it with the folded match
 * in SQL cost several times the two alone. Its terms are whole keys (a prefix is its key or its "p" beginning-of
 * term, documents.ts), so FTS5 reads a few doclists. It is read by a subselect of the statement each strategy
 * runs first (name-tiers.ts, sorted-match.ts), not a statement of its own: a marked query takes as many hops
 * through node-sqlite3's thread pool as one without marks.
 */
import { exactConstraint, type ParsedQuery } from "../query";
import { exactExpression } from "./match-expression";

/** The products_exact MATCH expression of a query typed with marks, or null (a query without marks). */
export function exactMatchExpression(parsed: ParsedQuery): string | null {
  const constraint = exactConstraint(parsed);
  return constraint ? exactExpression(constraint) : null;
}

/** The exact match set's rowids as one string (NULL when empty), for a statement bound with $exact. */
export const EXACT_IDS_SQL = `(SELECT group_concat(rowid) FROM products_exact WHERE products_exact MATCH $exact)`;
