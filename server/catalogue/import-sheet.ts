import ExcelJS from "exceljs";
import { parse } from "csv-parse/sync";
import { Invalid } from "../errors";
import type { ImportProblem } from "./csv-columns";

/** A file's cells as text: the header, then each data row with its line (1 = header). */
export interface Sheet {
  header: string[];
  rows: Array<{ line: number; cells: string[] }>;
}

export type SheetResult = { ok: true; sheet: Sheet } | { ok: false; problem: ImportProblem };

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** A CSV file (UTF-8, with or without a BOM) or an Excel workbook's first sheet, told apart by their bytes. */
export async function readImportFile(data: Uint8Array): Promise<SheetResult> {
  if (ZIP_MAGIC.every((b, i) => data[i] === b)) return readXlsx(data);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(data);
  } catch {
    throw new Invalid({ file: { code: "file_not_utf8" } });
  }
  if (text.trim() === "" || text.trim() === "\uFEFF") throw new Invalid({ file: { code: "file_empty" } });
  return readCsv(text);
}

export function readCsv(text: string): SheetResult {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_quotes: false,
      relax_column_count: true,
      trim: true,
    }) as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 0;
    return { ok: false, problem: { line, column: null, code: "csv_malformed", params: { line } } };
  }
  const [head, ...body] = records;
  if (!head) return { ok: false, problem: { line: 0, column: null, code: "file_empty" } };
  return {
    ok: true,
    sheet: { header: head.record, rows: body.map((r) => ({ line: r.info.lines, cells: r.record })) },
  };
}

const two = (n: number) => String(n).padStart(2, "0");

/** A cell as the person typed it: dates day first (as the CSV is read), numbers without grouping. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  // Excel keeps a date as a day count; exceljs gives it as midnight UTC of that day.
  if (value instanceof Date)
    return `${two(value.getUTCDate())}/${two(value.getUTCMonth() + 1)}/${value.getUTCFullYear()}`;
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("text" in value) return String(value.text);
    if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
    if ("error" in value) return "";
  }
  return String(value).trim();
}

export async function readXlsx(data: Uint8Array): Promise<SheetResult> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs's type wants its own Buffer flavour; the bytes are the same.
    await workbook.xlsx.load(Buffer.from(data) as unknown as ExcelJS.Buffer);
  } catch {
    return { ok: false, problem: { line: 0, column: null, code: "import_xlsx_unreadable" } };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { ok: false, problem: { line: 0, column: null, code: "file_empty" } };
  const lines: Array<{ line: number; cells: string[] }> = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value));
    while (cells.length && cells[cells.length - 1] === "") cells.pop();
    if (cells.length) lines.push({ line, cells });
  });
  const [head, ...body] = lines;
  if (!head) return { ok: false, problem: { line: 0, column: null, code: "file_empty" } };
  // A spreadsheet drops the empty cells at a row's end: pad to the header, as the CSV would be.
  const width = head.cells.length;
  return {
    ok: true,
    sheet: {
      header: head.cells,
      rows: body.map((r) => ({
        line: r.line,
        cells:
          r.cells.length < width ? [...r.cells, ...Array<string>(width - r.cells.length).fill("")] : r.cells,
      })),
    },
  };
}
