import { resources } from "../i18n";
import { CODED_COLUMNS, type CodedColumn } from "./csv-columns";
import { foldVietnamese } from "../vocabulary/text";

/**
 * The coded columns of the product file (csv-columns.ts), read the way people write them: the code ("hop"), the
 * Vietnamese word with or without its marks ("hộp", "hop"), or the English word ("box"). The words are the labels
 * the pages show (app/locales/{vi,en}/*.json), so a unit added there is accepted here without a second list.
 */

/** The problem code naming a value a coded column does not accept ("'giỏ' is not a unit; use one of …"). */
export const UNKNOWN_VALUE_CODE: Record<CodedColumn, string> = {
  unit: "import_unknown_unit",
  category: "import_unknown_category",
  status: "import_unknown_status",
  certifications: "import_unknown_certification",
};

function labelsOf(path: string, lang: "vi" | "en"): Record<string, string> {
  const [ns, key] = path.split(":") as [keyof (typeof resources)["vi"], string];
  return (resources[lang][ns] as unknown as Record<string, Record<string, string>>)[key] ?? {};
}

const codeKey = (s: string) =>
  foldVietnamese(s)
    .trim()
    .replace(/[\s-]+/g, "_");

interface Matcher {
  byCode: Map<string, string>;
  byMarkedWord: Map<string, string>;
  /** Folded word → the codes it could mean ("bo" → bộ and bó); one code means a match. */
  byFoldedWord: Map<string, Set<string>>;
}

function buildMatcher(column: CodedColumn): Matcher {
  const { codes, labels } = CODED_COLUMNS[column];
  const m: Matcher = { byCode: new Map(), byMarkedWord: new Map(), byFoldedWord: new Map() };
  for (const code of codes) {
    m.byCode.set(codeKey(code), code);
    for (const lang of ["vi", "en"] as const) {
      const word = labelsOf(labels, lang)[code];
      if (!word) continue;
      m.byMarkedWord.set(word.normalize("NFC").toLocaleLowerCase("vi").trim(), code);
      const folded = codeKey(word);
      m.byFoldedWord.set(folded, (m.byFoldedWord.get(folded) ?? new Set()).add(code));
    }
  }
  return m;
}

const matchers = new Map<CodedColumn, Matcher>();

/**
 * The code a cell means, or null: the code as written ("bo" is the set, "bộ"); the word as written with its marks
 * ("bó", the bunch); then, marks dropped, a code or a word that means one thing only.
 */
export function resolveCoded(column: CodedColumn, raw: string): string | null {
  let m = matchers.get(column);
  if (!m) matchers.set(column, (m = buildMatcher(column)));
  const value = raw.normalize("NFC").trim();
  if (!value) return null;
  const lower = value.toLocaleLowerCase("vi");
  const code = m.byCode.get(lower.replace(/[\s-]+/g, "_"));
  if (code) return code;
  const marked = m.byMarkedWord.get(lower.replace(/\s+/g, " "));
  if (marked) return marked;
  const foldedCode = m.byCode.get(codeKey(value));
  if (foldedCode) return foldedCode;
  const folded = m.byFoldedWord.get(codeKey(value));
  return folded?.size === 1 ? [...folded][0]! : null;
}
