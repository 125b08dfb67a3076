/**
 * Any staff list (agreements, cooperatives, follow-ups…) as a CSV or an XLSX download, from one description of its
 * columns. A list's module says what its columns are; this file says how a cell of each kind is written, so every
 * export reads the same in Excel, LibreOffice and Google Sheets.
 *
 * The conventions, for both formats:
 * - Text is NFC (Vietnamese typed on a Mac arrives decomposed, and Excel neither filters nor searches it as the
 *   same word), control characters are dropped and line breaks inside a cell are "\n".
 * - "integer" and "vnd" cells are whole numbers (VND has no minor unit): a fraction is rounded.
 * - "percent" cells take a fraction, 0.45 for 45% (what Excel stores under a `0%` format, and what
 *   formatPercent takes). The CSV writes it as "45%", which every spreadsheet reads as the number 0.45.
 * - "date" cells are the day in Vietnam; "datetime" cells Vietnam's wall clock to the minute. Either takes a Date, an
 *   ISO timestamp, epoch milliseconds or a calendar day ("2026-12-02", taken as written).
 * - Numeric cells accept numeric strings too (mysql2 returns BIGINT and DECIMAL columns as strings); any other
 *   string in a numeric or date column is a bug in the column's description and throws.
 */
import ExcelJS from "exceljs";
import { VIETNAM_UTC_OFFSET_MS, vietnamTimestamp, vietnamWallClock } from "../vocabulary/dates";
import type { Locale } from "../vocabulary/locale";

export type ExportCellValue = string | number | Date | null;
export type ExportColumnKind = "text" | "integer" | "vnd" | "percent" | "date" | "datetime";

export interface ExportColumn<Row> {
  header: Readonly<Record<Locale, string>>;
  value: (row: Row) => ExportCellValue;
  /** "text" when left out; per row when the column mixes kinds (a report's "this period" column: counts, đồng, shares). */
  kind?: ExportColumnKind | ((row: Row) => ExportColumnKind);
  /** Width in Excel's character units; estimated from the content when left out. */
  width?: number;
}

export interface XlsxExportOptions {
  locale: Locale;
  /** Sanitised for Excel: see sanitizeSheetName. */
  sheetName: string;
  /** A merged row above the header: the report's name and period. */
  title?: string;
  /** The workbook's created/modified time (and its zip entries'); the current time when left out. */
  now?: Date;
}

export const CSV_CONTENT_TYPE = "text/csv; charset=utf-8";
export const XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Excel's number formats; `"₫"` is quoted so Excel shows the sign rather than reading it as a format code. */
const NUM_FMT = {
  integer: "#,##0",
  vnd: '#,##0 "₫"',
  percent: "0%",
  date: "dd/mm/yyyy",
  datetime: "dd/mm/yyyy hh:mm",
} as const;

const MAX_WIDTH = 60;
const MIN_WIDTH = 8;
/** Excel refuses to open a file with a longer cell. */
const MAX_CELL_TEXT = 32_767;
const MAX_SHEET_NAME = 31;

/*
 * Cells
 */

/** A cell once its kind has been applied: what both writers start from. */
type Cell =
  | { type: "empty" }
  | { type: "text"; text: string }
  | { type: "number"; value: number; kind: "plain" | "integer" | "vnd" | "percent" }
  | { type: "day"; clock: ReturnType<typeof vietnamWallClock>; withTime: boolean };

// eslint-disable-next-line no-control-regex -- control characters are exactly what this strips
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
const LONE_SURROGATES = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const NUMERIC_STRING = /^\s*-?\d+(\.\d+)?\s*$/;

/** Text as a cell holds it: NFC, no control characters (XML cannot carry them either), "\n" line breaks. */
function cleanText(text: string): string {
  return text
    .normalize("NFC")
    .replace(/\r\n?/g, "\n")
    .replace(CONTROLS, "")
    .replace(LONE_SURROGATES, "\ufffd");
}

function headerOf<Row>(column: ExportColumn<Row>, locale: Locale): string {
  return cleanText(column.header[locale]);
}

function columnLabel<Row>(column: ExportColumn<Row>): string {
  return `export column "${column.header.en}"`;
}

function toNumber<Row>(value: string | number, column: ExportColumn<Row>): number {
  if (typeof value === "string" && !NUMERIC_STRING.test(value)) {
    throw new TypeError(`${columnLabel(column)} expects a number, got ${JSON.stringify(value)}`);
  }
  const n = Number(value);
  if (!Number.isFinite(n)) throw new RangeError(`${columnLabel(column)} got ${String(value)}`);
  return n;
}

function cellOf<Row>(column: ExportColumn<Row>, row: Row): Cell {
  const value = column.value(row) ?? null;
  if (value === null || value === "") return { type: "empty" };
  const kind = (typeof column.kind === "function" ? column.kind(row) : column.kind) ?? "text";
  switch (kind) {
    case "text":
      if (typeof value === "number") return { type: "number", value: toNumber(value, column), kind: "plain" };
      if (value instanceof Date) return { type: "text", text: vietnamTimestamp(value) };
      return { type: "text", text: cleanText(value) };
    case "integer":
    case "vnd":
    case "percent": {
      if (value instanceof Date) throw new TypeError(`${columnLabel(column)} expects a number, got a Date`);
      const n = toNumber(value, column);
      // Math.round(-0.4) is -0, which a CSV would write as "0" anyway; keep the XLSX the same.
      return { type: "number", value: kind === "percent" ? n : Math.round(n) || 0, kind };
    }
    case "date":
    case "datetime": {
      const instant = typeof value === "number" ? new Date(value) : value;
      try {
        return { type: "day", clock: vietnamWallClock(instant), withTime: kind === "datetime" };
      } catch {
        throw new TypeError(`${columnLabel(column)} expects a date, got ${JSON.stringify(value)}`);
      }
    }
  }
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/*
 * CSV
 */

/**
 * OWASP's advice against CSV injection: a spreadsheet runs a cell that starts like a formula (=, +, -, @, and tab
 * or a line break, which some readers skip before looking), so such text gets a leading apostrophe. Numbers are
 * written as numbers and never pass through here.
 */
export function defuseFormula(text: string): string {
  return /^[=+\-@\t\r\n]/.test(text) ? `'${text}` : text;
}

/** RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled. */
function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvText(cell: Cell): string {
  switch (cell.type) {
    case "empty":
      return "";
    case "text":
      return csvField(defuseFormula(cell.text));
    case "number":
      // Plain digits, no thousands separator: a spreadsheet in any locale reads them as a number. A percentage
      // as "45%" rather than 0.45, whose "." a Vietnamese-locale Excel would take for a thousands separator.
      return cell.kind === "percent" ? `${Math.round(cell.value * 100)}%` : String(cell.value);
    case "day": {
      const c = cell.clock;
      const day = `${pad(c.year, 4)}-${pad(c.month)}-${pad(c.day)}`;
      return cell.withTime ? `${day} ${pad(c.hour)}:${pad(c.minute)}` : day;
    }
  }
}

/**
 * The rows as CSV (RFC 4180, CRLF after every record), headers in the locale's language. Starts with a byte-order
 * mark so that Excel reads it as UTF-8 and keeps the Vietnamese marks; encode the string as UTF-8.
 */
export function toCsv<Row>(
  columns: readonly ExportColumn<Row>[],
  rows: Iterable<Row>,
  locale: Locale,
): string {
  requireColumns(columns);
  const lines = [columns.map((c) => csvField(defuseFormula(headerOf(c, locale)))).join(",")];
  for (const row of rows) lines.push(columns.map((c) => csvText(cellOf(c, row))).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/*
 * XLSX
 */

/**
 * A name Excel accepts for a sheet: without []:*?/\ ("/" and "\" and ":" become "-", so "Quý 1/2026" stays
 * readable), not starting or ending with an apostrophe, at most 31 characters, not "History" (reserved by Excel),
 * and never empty.
 */
export function sanitizeSheetName(name: string): string {
  const edges = (s: string) => s.replace(/^[\s']+|[\s']+$/g, "");
  let s = edges(
    cleanText(name)
      .replace(/[\\/:]/g, "-")
      .replace(/[[\]*?]/g, "")
      .replace(/\s+/g, " "),
  );
  if (s.length > MAX_SHEET_NAME) {
    // Excel counts UTF-16 units; never cut a surrogate pair in half.
    const cut = /[\ud800-\udbff]/.test(s[MAX_SHEET_NAME - 1] ?? "") ? MAX_SHEET_NAME - 1 : MAX_SHEET_NAME;
    s = edges(s.slice(0, cut));
  }
  if (s === "") return "Sheet1";
  return s.toLowerCase() === "history" ? "History 1" : s;
}

/** How many characters a cell shows, for the column's width. */
function displayLength(cell: Cell): number {
  switch (cell.type) {
    case "empty":
      return 0;
    case "text":
      return Math.max(...cell.text.split("\n").map((line) => [...line].length));
    case "number": {
      if (cell.kind === "percent") return String(Math.round(cell.value * 100)).length + 1;
      if (cell.kind === "plain") return String(cell.value).length;
      const digits = String(Math.abs(Math.trunc(cell.value))).length;
      const grouped = digits + Math.floor((digits - 1) / 3);
      return grouped + (cell.value < 0 ? 1 : 0) + (cell.kind === "vnd" ? 2 : 0);
    }
    case "day":
      return cell.withTime ? NUM_FMT.datetime.length : NUM_FMT.date.length;
  }
}

function writeCell(target: ExcelJS.Cell, cell: Cell): void {
  switch (cell.type) {
    case "empty":
      return;
    case "text": {
      // A string is written as a string cell (t="s"), so "=1+1" stays text; no apostrophe is needed here.
      target.value =
        cell.text.length > MAX_CELL_TEXT ? `${cell.text.slice(0, MAX_CELL_TEXT - 1)}…` : cell.text;
      if (cell.text.includes("\n")) target.alignment = { wrapText: true, vertical: "top" };
      return;
    }
    case "number":
      target.value = cell.value;
      if (cell.kind !== "plain") target.numFmt = NUM_FMT[cell.kind];
      return;
    case "day": {
      // Excel's dates have no time zone: a Date whose UTC fields are Vietnam's wall clock shows that clock.
      const c = cell.clock;
      target.value = cell.withTime
        ? new Date(Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute))
        : new Date(Date.UTC(c.year, c.month - 1, c.day));
      target.numFmt = cell.withTime ? NUM_FMT.datetime : NUM_FMT.date;
      return;
    }
  }
}

/**
 * The rows as an .xlsx workbook of one sheet: an optional merged title row, then a bold header row that stays in
 * view and carries the autofilter, then the rows with real numbers and dates under Excel number formats.
 * The same arguments (with `now`) give the same bytes.
 */
export async function toXlsx<Row>(
  columns: readonly ExportColumn<Row>[],
  rows: Iterable<Row>,
  options: XlsxExportOptions,
): Promise<Buffer> {
  requireColumns(columns);
  const now = options.now ?? new Date();
  const workbook = newWorkbook(now);
  addSheet(workbook, columns, rows, options);
  return writeWorkbook(workbook, now);
}

/** One sheet of a workbook of several: its own columns, rows, name and title. */
export interface XlsxSheet<Row> {
  columns: readonly ExportColumn<Row>[];
  rows: Iterable<Row>;
  sheetName: string;
  title?: string;
}

/**
 * Several tables as one workbook, a sheet each, written as toXlsx writes its one (a report's tables side by side).
 * Sheet names that come out the same once sanitised get " (2)", " (3)"… so Excel opens the file.
 */
export async function toXlsxWorkbook(
  // Each sheet has its own row type; the workbook only passes them on.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  sheets: ReadonlyArray<XlsxSheet<any>>,
  options: { locale: Locale; now?: Date },
): Promise<Buffer> {
  if (sheets.length === 0) throw new RangeError("A workbook needs at least one sheet");
  const now = options.now ?? new Date();
  const workbook = newWorkbook(now);
  const taken = new Set<string>();
  for (const sheet of sheets) {
    requireColumns(sheet.columns);
    const base = sanitizeSheetName(sheet.sheetName);
    let name = base;
    for (let n = 2; taken.has(name.toLowerCase()); n++) {
      const suffix = ` (${n})`;
      name = `${base.slice(0, MAX_SHEET_NAME - suffix.length).trimEnd()}${suffix}`;
    }
    taken.add(name.toLowerCase());
    addSheet(workbook, sheet.columns, sheet.rows, {
      locale: options.locale,
      sheetName: name,
      title: sheet.title,
    });
  }
  return writeWorkbook(workbook, now);
}

function newWorkbook(now: Date) {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "HTX Connect";
  workbook.lastModifiedBy = "HTX Connect";
  workbook.created = now;
  workbook.modified = now;
  return workbook;
}

async function writeWorkbook(workbook: ExcelJS.Workbook, now: Date) {
  const zip = Buffer.from(await workbook.xlsx.writeBuffer());
  return stampZipEntries(zip, now);
}

function addSheet<Row>(
  workbook: ExcelJS.Workbook,
  columns: readonly ExportColumn<Row>[],
  rows: Iterable<Row>,
  options: Omit<XlsxExportOptions, "now">,
) {
  const title = options.title === undefined ? "" : cleanText(options.title);
  const headerRow = title ? 2 : 1;
  const sheet = workbook.addWorksheet(sanitizeSheetName(options.sheetName), {
    views: [{ state: "frozen", xSplit: 0, ySplit: headerRow, topLeftCell: `A${headerRow + 1}` }],
  });

  if (title) {
    const cell = sheet.getCell(1, 1);
    cell.value = title;
    cell.font = { bold: true, size: 14 };
    if (columns.length > 1) sheet.mergeCells(1, 1, 1, columns.length);
  }

  const headers = columns.map((c) => headerOf(c, options.locale));
  const header = sheet.getRow(headerRow);
  headers.forEach((text, i) => {
    const cell = header.getCell(i + 1);
    cell.value = text;
    cell.font = { bold: true };
  });

  // Bold header text is about a tenth wider than the body's.
  const widest = headers.map((text) => Math.ceil([...text].length * 1.1));
  let rowNumber = headerRow;
  for (const row of rows) {
    rowNumber += 1;
    const target = sheet.getRow(rowNumber);
    columns.forEach((column, i) => {
      const cell = cellOf(column, row);
      writeCell(target.getCell(i + 1), cell);
      widest[i] = Math.max(widest[i] ?? 0, displayLength(cell));
    });
  }

  columns.forEach((column, i) => {
    const estimated = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, (widest[i] ?? 0) + 2));
    sheet.getColumn(i + 1).width = column.width ?? estimated;
  });
  sheet.autoFilter = {
    from: { row: headerRow, column: 1 },
    to: { row: rowNumber, column: columns.length },
  };
}

function requireColumns(columns: readonly unknown[]): void {
  if (columns.length === 0) throw new RangeError("An export needs at least one column");
}

/**
 * The zip library inside exceljs stamps every entry with the time of writing and takes no option for it, so the
 * same workbook would differ byte for byte from one second to the next. Rewrite the stamps (an MS-DOS time in each
 * central directory record and its local header) to `at`. Anything unexpected in the layout leaves the remaining
 * stamps as they are: they are metadata, never worth failing a download for.
 */
function stampZipEntries(zip: Buffer, at: Date): Buffer {
  const EOCD = 0x06054b50;
  const CENTRAL = 0x02014b50;
  const LOCAL = 0x04034b50;
  // MS-DOS dates start in 1980. Vietnam's wall clock, as a person unzipping the file here would expect.
  const c = vietnamWallClock(new Date(Math.max(at.getTime(), Date.UTC(1980, 0, 1) - VIETNAM_UTC_OFFSET_MS)));
  const time = (c.hour << 11) | (c.minute << 5);
  const date = ((c.year - 1980) << 9) | (c.month << 5) | c.day;

  const end = zip.length - 22; // exceljs writes no archive comment
  if (end < 0 || zip.readUInt32LE(end) !== EOCD) return zip;
  const entries = zip.readUInt16LE(end + 10);
  let p = zip.readUInt32LE(end + 16);
  for (let i = 0; i < entries; i++) {
    if (p + 46 > zip.length || zip.readUInt32LE(p) !== CENTRAL) return zip;
    const local = zip.readUInt32LE(p + 42);
    if (local + 30 > zip.length || zip.readUInt32LE(local) !== LOCAL) return zip;
    zip.writeUInt16LE(time, p + 12);
    zip.writeUInt16LE(date, p + 14);
    zip.writeUInt16LE(time, local + 10);
    zip.writeUInt16LE(date, local + 12);
    p += 46 + zip.readUInt16LE(p + 28) + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  return zip;
}
