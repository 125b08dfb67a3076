import { foldVietnamese } from "../vocabulary/text";
import { formerProvinceName } from "../vocabulary/geo";
import { fieldErrorsFrom, PARSE_OPTIONS } from "../validation";
import { ocopSchema, productSchema, type OcopInput, type ProductInput } from "./schemas";
import {
  CODED_COLUMNS,
  CSV_COLUMNS,
  EXAMPLE_SKU_PREFIX,
  FIELD_TO_COLUMN,
  MAX_IMPORT_ROWS,
  OCOP_COLUMNS,
  REQUIRED_COLUMNS,
  type CodedColumn,
  type CsvColumn,
  type ImportProblem,
} from "./csv-columns";
import { resolveCoded, UNKNOWN_VALUE_CODE } from "./import-vocabulary";
import type { Sheet } from "./import-sheet";
import { cleanList } from "../fields";
import { MAX_PRODUCT_IMAGES } from "../vocabulary/domain";

/** A cooperative a row may be for. */
export interface ImportCooperative {
  id: number;
  slug: string;
  name: string;
}

/** A `cooperative` cell names a cooperative by its slug or its name, marks and case aside. */
export function namesCooperative(cell: string, c: Pick<ImportCooperative, "slug" | "name">): boolean {
  const v = foldVietnamese(cell).trim().replace(/\s+/g, " ");
  return v === c.slug || v === foldVietnamese(c.name).trim().replace(/\s+/g, " ");
}

/**
 * Whose products a file holds. A cooperative's member imports for it alone (a `cooperative` cell may only name
 * it); staff name the cooperative on each row, among the approved ones they look after.
 */
export type ImportScope =
  | { kind: "own"; cooperative: ImportCooperative }
  | {
      kind: "union";
      find: (cell: string) => ImportCooperative | "not_found" | "not_approved" | "outside_union";
    };

/** A row that passed every check, ready to write. */
export interface ValidRow {
  line: number;
  cooperative: ImportCooperative;
  data: ProductInput;
  /** The status cell was empty: a new product becomes a draft, an existing one keeps its status. */
  statusBlank: boolean;
  tagsEn: string[] | null;
  ocop: OcopInput | null;
  /** Pictures to fetch, in order (import-images.ts). */
  imageUrls: string[];
}

export interface CheckedRow {
  line: number;
  sku: string;
  cooperative: string | null;
  problems: ImportProblem[];
  valid: ValidRow | null;
}

export interface Validation {
  fileProblems: ImportProblem[];
  rows: CheckedRow[];
}

export function normaliseHeader(h: string): string {
  return foldVietnamese(h.replace(/^\uFEFF/, "").trim()).replace(/[\s-]+/g, "_");
}

const tagList = (v: string) => [...new Set(cleanList(/[;,]+/)(v).map((s) => s.toLocaleLowerCase("vi")))];

/**
 * Every check a file goes through, the same for the check and the import (which runs it again): the columns,
 * then each row on its own (the product form's schemas, the coded columns by code or word, the cooperative, the
 * template's examples), then SKUs repeated within a cooperative. Reads nothing: whose SKUs already exist is the
 * caller's question.
 */
export function validateSheet(sheet: Sheet, scope: ImportScope): Validation {
  const header = sheet.header.map(normaliseHeader);
  const fileProblems: ImportProblem[] = [];
  header.forEach((h) => {
    if (h && !(h in CSV_COLUMNS)) fileProblems.push({ line: 1, column: h, code: "unknown_column" });
  });
  const required: CsvColumn[] =
    scope.kind === "union" ? ["cooperative", ...REQUIRED_COLUMNS] : REQUIRED_COLUMNS;
  for (const column of required) {
    if (!header.includes(column)) fileProblems.push({ line: 1, column, code: "missing_column" });
  }
  if (sheet.rows.length === 0) fileProblems.push({ line: 0, column: null, code: "no_rows" });
  if (sheet.rows.length > MAX_IMPORT_ROWS)
    fileProblems.push({ line: 0, column: null, code: "too_many_rows", params: { max: MAX_IMPORT_ROWS } });
  if (fileProblems.length) return { fileProblems, rows: [] };

  const rows = sheet.rows.map(({ line, cells }) => checkRow(header, line, cells, scope));
  const seen = new Map<string, number>();
  for (const row of rows) {
    if (!row.valid) continue;
    const key = `${row.valid.cooperative.id}:${row.valid.data.sku}`;
    const earlier = seen.get(key);
    if (earlier) {
      row.problems.push({
        line: row.line,
        column: "sku",
        code: "sku_duplicate_in_file",
        params: { line: earlier },
      });
      row.valid = null;
    } else seen.set(key, row.line);
  }
  return { fileProblems, rows };
}

function checkRow(header: string[], line: number, cells: string[], scope: ImportScope): CheckedRow {
  const cell = (column: CsvColumn) => {
    const i = header.indexOf(column);
    return i < 0 ? "" : (cells[i] ?? "").trim();
  };
  const sku = cell("sku");
  const row: CheckedRow = { line, sku, cooperative: null, problems: [], valid: null };
  const problem = (column: string | null, code: string, params?: ImportProblem["params"]) =>
    row.problems.push({ line, column, code, ...(params ? { params } : {}) });
  if (cells.length !== header.length) {
    problem(null, "column_count", { expected: header.length, got: cells.length });
    return row;
  }
  if (sku.toUpperCase().startsWith(EXAMPLE_SKU_PREFIX)) {
    problem("sku", "import_example_row", { value: sku, prefix: EXAMPLE_SKU_PREFIX });
    return row;
  }

  const cooperative = whoseRow(cell("cooperative"), scope);
  if ("code" in cooperative) problem("cooperative", cooperative.code, { value: cell("cooperative") });
  else row.cooperative = cooperative.slug;

  const input: Record<string, unknown> = {};
  header.forEach((h, i) => {
    if (h in CSV_COLUMNS) input[CSV_COLUMNS[h as CsvColumn]] = cells[i] ?? "";
  });
  // Coded cells by code or word; a word nobody knows is named back with what is accepted.
  for (const column of Object.keys(CODED_COLUMNS) as CodedColumn[]) {
    const raw = cell(column);
    if (!raw) continue;
    const values = column === "certifications" ? cleanList(/[;,]+/)(raw) : [raw];
    const codes = values.map((v) => resolveCoded(column, v));
    const unknown = values.find((_, i) => !codes[i]);
    if (unknown !== undefined) problem(column, UNKNOWN_VALUE_CODE[column], { value: unknown });
    input[CSV_COLUMNS[column]] = column === "certifications" ? codes.filter(Boolean) : codes[0];
  }
  // A file written from older papers names a former province ("Bắc Kạn"): it maps to the province it joined,
  // and the name is kept as the origin region buyers search by, unless the row gives one.
  const province = cell("origin_province");
  if (province && !cell("origin_region") && formerProvinceName(province))
    input.originRegion = formerProvinceName(province)!;

  const parsed = productSchema.safeParse(input, PARSE_OPTIONS);
  // A row that fills any OCOP cell states a certificate, checked as the product page's form checks it.
  const ocop = OCOP_COLUMNS.some((c) => cell(c)) ? ocopSchema.safeParse(input, PARSE_OPTIONS) : null;
  const tagsEn = tagList(cell("tags_en"));
  if (tagsEn.length > 12) problem("tags_en", "too_many_tags");
  if (tagsEn.some((t) => t.length > 40)) problem("tags_en", "tag_too_long");
  const imageUrls = cleanList(/[;\s]+/)(cell("image_urls"));
  const badUrl = imageUrls.find((u) => !isWebUrl(u));
  if (badUrl !== undefined) problem("image_urls", "import_image_url", { value: badUrl });
  else if (imageUrls.length > MAX_PRODUCT_IMAGES)
    problem("image_urls", "too_many_images", { max: MAX_PRODUCT_IMAGES, left: MAX_PRODUCT_IMAGES });
  const errors = {
    ...(parsed.success ? {} : fieldErrorsFrom(parsed.error)),
    ...(ocop && !ocop.success ? fieldErrorsFrom(ocop.error) : {}),
  };
  for (const [field, e] of Object.entries(errors)) {
    const column = FIELD_TO_COLUMN[field] ?? field;
    // The coded column's own message (with the value and the accepted ones) is already there.
    if (row.problems.some((p) => p.column === column)) continue;
    problem(column, e.code, { ...e.params, value: cell(column as CsvColumn) });
  }
  if (row.problems.length || !parsed.success || "code" in cooperative) return row;
  row.valid = {
    line,
    cooperative,
    data: parsed.data,
    statusBlank: cell("status") === "",
    tagsEn: header.includes("tags_en") ? tagsEn : null,
    ocop: ocop?.success ? ocop.data : null,
    imageUrls: [...new Set(imageUrls)],
  };
  return row;
}

function isWebUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return (u.protocol === "http:" || u.protocol === "https:") && !!u.hostname;
  } catch {
    return false;
  }
}

function whoseRow(value: string, scope: ImportScope): ImportCooperative | { code: string } {
  if (scope.kind === "own") {
    const own = scope.cooperative;
    if (!value || namesCooperative(value, own)) return own;
    return { code: "import_cooperative_not_yours" };
  }
  if (!value) return { code: "import_cooperative_required" };
  const found = scope.find(value);
  if (found === "not_found") return { code: "import_cooperative_unknown" };
  if (found === "not_approved") return { code: "import_cooperative_not_approved" };
  if (found === "outside_union") return { code: "import_cooperative_outside_union" };
  return found;
}
