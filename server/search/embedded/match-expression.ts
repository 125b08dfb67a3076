/**
 * A parsed query as FTS5 MATCH expressions: for products_fts (every typed word, each OR its typo corrections, each
 * unit OR its synonyms, the last word as a prefix), for products_names (the same over the names' "n" words), the
 * literal one (the words as typed, marks included) that relevance tiers look for in names, and for products_exact
 * the exact form a query typed with marks must also be found in.
 */
import { encodeWord } from "../exact-words";
import { isToneExact, type ExactConstraint, type ParsedQuery, type QueryUnit } from "../query";

/** A token as an FTS5 string. Tokens are [a-z0-9]+ by construction; the check guards that invariant. */
export function ftsString(token: string, prefix = false): string {
  if (!/^[a-z0-9]+$/.test(token)) throw new Error(`unsafe FTS token: ${JSON.stringify(token)}`);
  return prefix ? `"${token}"*` : `"${token}"`;
}

function orGroup(parts: string[]): string {
  return parts.length === 1 ? parts[0]! : `(${parts.join(" OR ")})`;
}

/** FTS5 expression of one unit: its typed tokens (each with typo corrections) OR any synonym alternative. */
export function unitExpression(
  unit: QueryUnit,
  typos: Map<string, string[]>,
  allowPrefix: boolean,
  /** "n" for products_names, whose name words are stored as "n" + word */
  namespace = "",
): string {
  const q = (token: string, prefix = false) => ftsString(namespace + token, prefix);
  const own = unit.tokens
    .map((token, i) => {
      const prefix = allowPrefix && unit.prefix && i === unit.tokens.length - 1;
      return orGroup([q(token, prefix), ...(typos.get(token) ?? []).map((t) => q(t))]);
    })
    .join(" AND ");
  if (unit.synonyms.length === 0) return own;
  const alternatives = unit.synonyms.map((alt) => alt.tokens.map((t) => q(t)).join(" AND "));
  return `(${[own, ...alternatives].map((a) => `(${a})`).join(" OR ")})`;
}

/** The whole query: every unit required, the last word a prefix (`namespace` as in unitExpression). */
export function matchExpression(parsed: ParsedQuery, typos: Map<string, string[]>, namespace = ""): string {
  return parsed.units.map((u) => unitExpression(u, typos, true, namespace)).join(" AND ");
}

/**
 * products_names expression of a unit matched literally: its words as typed (no synonym, no typo correction), a
 * word typed with marks as exactly that marked word, the last one as a prefix when the unit is.
 */
export function literalExpression(unit: QueryUnit): string {
  return unit.typed
    .map((token, i) => {
      const prefix = unit.prefix && i === unit.typed.length - 1;
      return isToneExact(token)
        ? ftsString(`m${encodeWord(token.original)}`, prefix)
        : ftsString(`n${token.folded}`, prefix);
    })
    .join(" AND ");
}

/** products_exact expression of a query's exact constraint (query.ts): units ANDed, each an OR of its variants. */
export function exactExpression(constraint: ExactConstraint): string {
  return constraint
    .map((variants) =>
      orGroup(
        variants.map((terms) => {
          // A prefix: the word itself, or a word it is the beginning of (see documents.ts, exactTerms).
          const all = terms.map((t) =>
            t.prefix ? `(${ftsString(t.key)} OR ${ftsString(`p${t.key}`)})` : ftsString(t.key),
          );
          return all.length === 1 ? all[0]! : `(${all.join(" AND ")})`;
        }),
      ),
    )
    .join(" AND ");
}

/** One phrase of a MATCH expression (all ours are one token, the last word's maybe a prefix). */
export interface Phrase {
  term: string;
  prefix: boolean;
}

/** The phrases of the MATCH expression that matchExpression builds, in its order, repeats included (for bm25). */
export function matchPhrases(parsed: ParsedQuery, typos: Map<string, string[]>): Phrase[] {
  const phrases: Phrase[] = [];
  for (const unit of parsed.units) {
    unit.tokens.forEach((token, i) => {
      phrases.push({ term: token, prefix: unit.prefix && i === unit.tokens.length - 1 });
      for (const t of typos.get(token) ?? []) phrases.push({ term: t, prefix: false });
    });
    for (const alt of unit.synonyms) for (const t of alt.tokens) phrases.push({ term: t, prefix: false });
  }
  return phrases;
}
