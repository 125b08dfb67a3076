import type { TFunction } from "i18next";
import { CODED_COLUMNS, type CodedColumn, type ImportProblem } from "../../server/catalogue/csv-columns";

const UNKNOWN_VALUE = /^import_unknown_(unit|category|status|certification)$/;

/** The accepted values of a coded column in the reader's language: "kg, g, hộp, gói, …". */
export function acceptedValues(t: TFunction, column: CodedColumn): string {
  const { codes, labels } = CODED_COLUMNS[column];
  return codes.map((c) => t(`${labels}.${c}`)).join(", ");
}

/**
 * One problem of an import as a sentence, on the page and in the downloadable report alike: the value the row
 * had, what is wrong with it and, for a coded column, what it accepts ("'giỏ x' is not a unit; use one of: …").
 */
export function importProblemText(t: TFunction, p: ImportProblem): string {
  const params = p.params ?? {};
  const unknown = UNKNOWN_VALUE.exec(p.code);
  if (unknown) {
    const column = (unknown[1] === "certification" ? "certifications" : unknown[1]) as CodedColumn;
    return t(`imports:problem.${p.code}`, { value: params.value, accepted: acceptedValues(t, column) });
  }
  if (p.code.startsWith("import_")) return t(`imports:problem.${p.code}`, params);
  const message = t(`errors:${p.code}`, params);
  const value = typeof params.value === "string" ? params.value : "";
  return value ? t("imports:problem.withValue", { value, message }) : message;
}
