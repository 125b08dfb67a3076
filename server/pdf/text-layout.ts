import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import fontkit from "@pdf-lib/fontkit";
import { rgb, type PDFDocument, type PDFFont, type PDFPage, type RGB } from "pdf-lib";

/*
 * What the documents the platform prints (a conference agenda, a sealed agreement) share: Be Vietnam Pro embedded,
 * Vietnamese text wrapped by hand (pdf-lib does not wrap, and breaking inside a letter's marks would tear them
 * apart), and a sheet that lays out paragraphs and table rows page after page on A4.
 */

export const A4 = { width: 595.28, height: 841.89 } as const;

// Text typed on macOS or pasted from some PDFs arrives decomposed (NFD); drawn that way the marks land beside
// their letters, and text copied out of the document would not match what the site searches.
export const nfc = (text: string) => text.normalize("NFC");

const FONT_FILES = {
  regular: "@expo-google-fonts/be-vietnam-pro/400Regular/BeVietnamPro_400Regular.ttf",
  bold: "@expo-google-fonts/be-vietnam-pro/700Bold/BeVietnamPro_700Bold.ttf",
} as const;

// The fonts never change while the process runs; reading ~400 KB from disk for every download is waste.
let fontBytes: Promise<{ regular: Uint8Array; bold: Uint8Array }> | undefined;

function loadFontBytes() {
  if (!fontBytes) {
    const resolve = createRequire(import.meta.url).resolve;
    fontBytes = Promise.all([readFile(resolve(FONT_FILES.regular)), readFile(resolve(FONT_FILES.bold))]).then(
      ([regular, bold]) => ({ regular, bold }),
    );
    // A failed read is tried again next time rather than remembered.
    fontBytes.catch(() => (fontBytes = undefined));
  }
  return fontBytes;
}

export interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
}

/**
 * Be Vietnam Pro, regular and bold, embedded in the document. Subset: only the glyphs drawn are kept (~18 KB
 * instead of ~400 KB). Noto Sans, the other candidate, draws "ề" badly.
 */
export async function embedBeVietnamPro(pdf: PDFDocument): Promise<Fonts> {
  const bytes = await loadFontBytes();
  pdf.registerFontkit(fontkit);
  const regular = await pdf.embedFont(bytes.regular, { subset: true });
  const bold = await pdf.embedFont(bytes.bold, { subset: true });
  return { regular, bold };
}

export interface Style {
  font: PDFFont;
  size: number;
  color: RGB;
}

/** Some lines of one style in a cell; struck through for a cancelled meeting. */
export interface Run {
  lines: string[];
  style: Style;
  strike?: boolean;
}

// Vietnamese stacks marks above capitals ("Ễ"): lines need more room than Latin text.
const LEADING = 1.38;
export const lineHeight = (style: Style) => style.size * LEADING;
export const runsHeight = (runs: Run[]) => runs.reduce((h, r) => h + r.lines.length * lineHeight(r.style), 0);

// Any white space but the no-break ones, which a translation (or Intl, in "120.000 ₫") uses to keep words together.
const BREAKABLE_SPACE = /[^\S\u00a0\u202f]+/;
const graphemes = new Intl.Segmenter("vi", { granularity: "grapheme" });
const splitGraphemes = (text: string) => Array.from(graphemes.segment(text), (s) => s.segment);

/**
 * The text in lines no wider than `width`, broken between words; a word wider than a line (a URL, a long code) is
 * cut between letters. Past `maxLines` the last line ends with "…".
 */
export function wrap(text: string, style: Style, width: number, maxLines = Infinity): string[] {
  const fits = (s: string) => style.font.widthOfTextAtSize(s, style.size) <= width;
  const lines: string[] = [];
  let line = "";
  for (const word of nfc(text).split(BREAKABLE_SPACE).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (fits(candidate)) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    let rest = splitGraphemes(word);
    while (!fits(rest.join(""))) {
      let n = rest.length - 1;
      while (n > 1 && !fits(rest.slice(0, n).join(""))) n--;
      lines.push(rest.slice(0, n).join(""));
      rest = rest.slice(n);
    }
    line = rest.join("");
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = splitGraphemes(kept[maxLines - 1]!);
  while (last.length > 0 && !fits(`${last.join("")}…`)) last = last.slice(0, -1);
  kept[maxLines - 1] = `${last.join("")}…`;
  return kept;
}

/**
 * Draws the runs top-down from `top` (points below the top of the page: pdf-lib measures from the bottom),
 * left-aligned at `x`, right-aligned to it, or centred on it.
 */
export function drawRuns(
  page: PDFPage,
  runs: Run[],
  x: number,
  top: number,
  align: "left" | "right" | "center" = "left",
) {
  let lineTop = top;
  for (const { lines, style, strike } of runs) {
    for (const line of lines) {
      const width = style.font.widthOfTextAtSize(line, style.size);
      const left = align === "right" ? x - width : align === "center" ? x - width / 2 : x;
      const baseline = page.getHeight() - (lineTop + style.size * 1.05);
      page.drawText(line, { x: left, y: baseline, size: style.size, font: style.font, color: style.color });
      if (strike) {
        const y = baseline + style.size * 0.3;
        page.drawLine({
          start: { x: left, y },
          end: { x: left + width, y },
          thickness: 0.6,
          color: style.color,
        });
      }
      lineTop += lineHeight(style);
    }
  }
}

const RULE_COLOR = rgb(0.8, 0.81, 0.82);
export const CELL_PADDING = 5;

/** A table row's height: its tallest cell and the padding above and below. */
export const rowHeight = (cells: Run[][]) => Math.max(...cells.map(runsHeight)) + 2 * CELL_PADDING;

/**
 * Portrait A4 pages being laid out, with the cursor's distance from the top of the current one. The body runs
 * from the top margin down to the footer, which each document draws itself once the number of pages is known.
 */
export class Sheet {
  readonly pages: PDFPage[] = [];
  y: number;
  readonly left: number;
  readonly width: number;
  readonly bottom: number;

  constructor(
    private readonly pdf: PDFDocument,
    private readonly margin: number,
    footerHeight: number,
  ) {
    this.y = margin;
    this.left = margin;
    this.width = A4.width - 2 * margin;
    this.bottom = A4.height - margin - footerHeight;
  }

  get page(): PDFPage {
    return this.pages[this.pages.length - 1]!;
  }

  addPage() {
    this.pages.push(this.pdf.addPage([A4.width, A4.height]));
    this.y = this.margin;
  }

  fits(height: number) {
    return this.y + height <= this.bottom;
  }

  /** The runs as a block across the page at the cursor, which moves below them. */
  paragraph(runs: Run[], gapAfter = 0) {
    drawRuns(this.page, runs, this.left, this.y);
    this.y += runsHeight(runs) + gapAfter;
  }

  /** Like `paragraph`, but a block longer than the room left goes on over the next pages, line by line. */
  flow(runs: Run[], gapAfter = 0) {
    for (const run of runs) {
      for (const line of run.lines) {
        if (!this.fits(lineHeight(run.style))) this.addPage();
        this.paragraph([{ ...run, lines: [line] }]);
      }
    }
    this.y += gapAfter;
  }

  /** A horizontal line across the body of `page`, `top` points below its top. */
  rule(top: number, page = this.page, color = RULE_COLOR, thickness = 0.5) {
    const y = A4.height - top;
    page.drawLine({ start: { x: this.left, y }, end: { x: this.left + this.width, y }, thickness, color });
  }

  /**
   * One table row at the cursor: a list of runs per column, each column starting at its `columns` x; shaded when
   * `fill` is given (column headings), ruled below.
   */
  row(cells: Run[][], columns: readonly number[], fill?: RGB) {
    const height = rowHeight(cells);
    if (fill) {
      this.page.drawRectangle({
        x: this.left,
        y: A4.height - this.y - height,
        width: this.width,
        height,
        color: fill,
      });
    }
    cells.forEach((runs, i) => drawRuns(this.page, runs, columns[i]! + CELL_PADDING, this.y + CELL_PADDING));
    this.y += height;
    this.rule(this.y);
  }
}

/**
 * The text as the raw inside of a PDF literal string "(…)", for APIs that write their string verbatim
 * (`PDFString.of`, @signpdf's placeholder): ASCII as it is, anything else as UTF-16BE with its byte-order mark, the
 * one Unicode encoding every reader takes in text strings. Parentheses, backslashes and line ends are escaped: in
 * UTF-16 they also turn up inside other letters ("ĩ" is 01 29, and 0x29 is ")").
 */
export function pdfLiteralString(text: string): string {
  const value = nfc(text);
  const bytes = /^[\x20-\x7e]*$/.test(value)
    ? Buffer.from(value, "latin1")
    : Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(value, "utf16le").swap16()]);
  const escapes: Record<number, string> = {
    0x28: "\\(",
    0x29: "\\)",
    0x5c: "\\\\",
    0x0a: "\\n",
    0x0d: "\\r",
  };
  return Array.from(bytes, (byte) => escapes[byte] ?? String.fromCharCode(byte)).join("");
}
