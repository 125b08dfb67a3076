/**
 * The embedded search engine: SQLite FTS5 in a database file of its own (so it serves the MySQL deployment too),
 * through node-sqlite3 on one connection, with the products' filter and sort columns mirrored in memory.
 * Decision 0004 says why.
 *
 * Text is indexed folded, so "dinh lang" and "đinh lăng" are the same terms; the names' marked words are indexed
 * apart to rank tone-exact matches first, and every word's exact key (exact-words.ts) in products_exact: a query
 * typed with marks whose words some products have exactly as typed is answered from those only (decision 0029).
 *
 * How a search runs (each step is one statement, so one hop through node-sqlite3's thread pool):
 * 1. with text and relevance order: rowid sets from products_names (the names that match the whole query, and
 *    those with each feature that tells name matches apart), which give every name match its relevance tier, and,
 *    for a query typed with marks, its exact match set (exact-set.ts); then, in JavaScript, how far down the tiers
 *    the page reaches;
 * 2. with text: the match set's rowids from products_fts in one string (or only its count when nothing needs the
 *    rows); with relevance order, the folded text of the rows of the tiers the page reaches, which bm25 is computed
 *    from in JavaScript. Only when the page reaches past the name matches does FTS5 score every match itself;
 * 3. filters, totals, facet counts and the non-relevance sorts in JavaScript over the in-memory columns;
 * 4. with text: the originals of the page's hits, to highlight them.
 * A browse (no text) is step 3 alone, after a check of `PRAGMA data_version`.
 *
 * Where each part lives:
 * - engine.ts: the SearchEngine class, what it keeps in memory and when it reads it again;
 * - schema.ts, connection.ts, store.ts: the tables, the connection, the statements that write and reload;
 * - documents.ts: a product as indexed (folded columns, mark tokens);
 * - vocabulary.ts, match-expression.ts: typo corrections and the FTS5 MATCH expressions of a query;
 * - columns.ts, filters-facets.ts, ordering.ts: the in-memory columns, and filters, facets and sorts over them;
 * - browse.ts, sorted-match.ts, relevance.ts (with name-tiers.ts and bm25.ts): the three ways to answer a search,
 *   sharing the types of strategy.ts; exact-set.ts, the exact match set they read; highlights.ts marks up a text
 *   search's page.
 */
export { EmbeddedSearchEngine, type EmbeddedSearchOptions } from "./engine";
