import { PDFDocument, rgb, type PDFFont, type PDFPage, type RGB } from "pdf-lib";
import {
  A4,
  CELL_PADDING,
  drawRuns,
  embedBeVietnamPro,
  lineHeight,
  nfc,
  runsHeight,
  Sheet,
  wrap,
  type Fonts,
  type Run,
  type Style,
} from "../pdf/text-layout";
import { intlLocale, type Locale } from "../vocabulary/locale";
import { chartImage } from "./chart-images";
import type { ReportChartKey, ReportDocument } from "./narrative";
import { formatCell, type ReportTable, type ReportTableKey } from "./tables";

/*
 * The printed period report as an A4 PDF, in the reader's language (Vietnamese for the province): the same document
 * as the print page (narrative.ts), its tables drawn as tables and its charts as pictures rendered from the pages'
 * own SVG. Be Vietnam Pro is embedded (subset), as on the platform's other documents.
 */

export interface PeriodReportPdfInput {
  document: ReportDocument;
  tables: Record<ReportTableKey, ReportTable>;
  /** Each chart's title and its figure's markup (renderToStaticMarkup of the page's chart). */
  charts: Partial<Record<ReportChartKey, { title: string; caption?: string; markup: string }>>;
  /** Words around the document, translated: the footer's "page x of y", the empty-table and empty-chart lines. */
  words: {
    page: (page: number, pages: number) => string;
    footer: string;
    emptyTable: string;
    emptyChart: string;
    notes: string;
  };
  locale: Locale;
  generatedAt: Date;
}

const MARGIN = 48;
const FOOTER_HEIGHT = 24;
const WIDTH = A4.width - 2 * MARGIN;
const INK = rgb(0.1, 0.11, 0.12);
const MUTED = rgb(0.36, 0.38, 0.4);
const ACCENT = rgb(0.12, 0.42, 0.26);
const HEADER_FILL = rgb(0.93, 0.95, 0.93);
const RULE = rgb(0.8, 0.81, 0.82);
const BODY_SIZE = 10.5;

const style = (font: PDFFont, size: number, color: RGB = INK): Style => ({ font, size, color });

export async function renderPeriodReportPdf(input: PeriodReportPdfInput): Promise<Uint8Array> {
  const { document: doc, locale } = input;
  const pdf = await PDFDocument.create();
  const fonts = await embedBeVietnamPro(pdf);
  const sheet = new Sheet(pdf, MARGIN, FOOTER_HEIGHT);
  const body = style(fonts.regular, BODY_SIZE);
  const block = (text: string, s: Style, width = WIDTH): Run => ({ lines: wrap(text, s, width), style: s });

  pdf.setTitle(nfc(`${doc.title} – ${doc.union}`), { showInWindowTitleBar: true });
  pdf.setSubject(nfc(doc.subtitle));
  pdf.setAuthor(nfc(doc.union));
  pdf.setCreator("HTX Connect");
  pdf.setProducer("HTX Connect (pdf-lib)");
  pdf.setLanguage(intlLocale(locale));
  pdf.setCreationDate(input.generatedAt);
  pdf.setModificationDate(input.generatedAt);

  sheet.addPage();
  drawLetterhead(sheet, doc, fonts);

  sheet.flow([block(doc.intro, body)], 10);
  drawTable(sheet, input.tables[doc.summaryTable], fonts, input);

  for (const section of doc.sections) {
    const heading = block(section.heading, style(fonts.bold, 12, ACCENT));
    // A heading never ends a page on its own: it moves over with its first lines.
    const firstLines = section.paragraphs[0] ? block(section.paragraphs[0], body).lines.length : 0;
    if (!sheet.fits(runsHeight([heading]) + 8 + Math.min(3, firstLines) * lineHeight(body))) sheet.addPage();
    sheet.y += 6;
    sheet.paragraph([heading], 4);
    section.paragraphs.forEach((paragraph, i) => {
      const run = block(paragraph, body);
      // The paragraph that introduces a table stays on the page with the table's first lines.
      const last = i === section.paragraphs.length - 1 && section.tables.length > 0;
      if (last && !sheet.fits(runsHeight([run]) + 80)) sheet.addPage();
      sheet.flow([run], 6);
    });
    for (const key of section.tables) drawTable(sheet, input.tables[key], fonts, input);
    for (const key of section.charts) {
      const chart = input.charts[key];
      if (chart) await drawChart(pdf, sheet, chart, fonts, input);
    }
  }

  const noteStyle = style(fonts.regular, 8.5, MUTED);
  sheet.y += 8;
  if (!sheet.fits(lineHeight(noteStyle) * 3)) sheet.addPage();
  sheet.paragraph([block(input.words.notes, style(fonts.bold, 8.5, MUTED))], 2);
  for (const note of doc.notes) sheet.flow([block(`– ${note}`, noteStyle)], 2);

  drawSignatures(sheet, doc, fonts);
  drawFooters(sheet, input, style(fonts.regular, 8, MUTED));
  return pdf.save();
}

/** The union and the national motto side by side, the place and day, then the title and the period, centred. */
function drawLetterhead(sheet: Sheet, doc: ReportDocument, { regular, bold }: Fonts) {
  const half = WIDTH / 2;
  const left = MARGIN + half / 2;
  const right = MARGIN + half + half / 2;
  const unionStyle = style(bold, 10);
  const union: Run = {
    lines: wrap(doc.union.toLocaleUpperCase("vi"), unionStyle, half - 12),
    style: unionStyle,
  };
  const nation: Run = { lines: wrap(doc.nation, style(bold, 9.5), half), style: style(bold, 9.5) };
  const motto: Run = { lines: wrap(doc.motto, style(bold, 10.5), half), style: style(bold, 10.5) };
  const top = sheet.y;
  drawRuns(sheet.page, [union], left, top, "center");
  drawRuns(sheet.page, [nation, motto], right, top, "center");
  const leftBottom = top + runsHeight([union]) + 2;
  const rightBottom = top + runsHeight([nation, motto]) + 2;
  // The short rules under the union's name and the motto, as on every administrative document.
  underline(sheet.page, left, leftBottom, 60);
  const mottoWidth = motto.style.font.widthOfTextAtSize(motto.lines.at(-1) ?? "", motto.style.size);
  underline(sheet.page, right, rightBottom, mottoWidth);
  const dateStyle = style(regular, 10, MUTED);
  const dateRun: Run = { lines: wrap(doc.placeAndDate, dateStyle, half), style: dateStyle };
  drawRuns(sheet.page, [dateRun], right, rightBottom + 8, "center");
  sheet.y = Math.max(leftBottom, rightBottom + 8 + runsHeight([dateRun])) + 22;

  const titleStyle = style(bold, 14);
  const subtitleStyle = style(regular, 11);
  const title: Run = { lines: wrap(doc.title, titleStyle, WIDTH - 40), style: titleStyle };
  const subtitle: Run = { lines: wrap(doc.subtitle, subtitleStyle, WIDTH - 40), style: subtitleStyle };
  drawRuns(sheet.page, [title], MARGIN + WIDTH / 2, sheet.y, "center");
  sheet.y += runsHeight([title]) + 4;
  drawRuns(sheet.page, [subtitle], MARGIN + WIDTH / 2, sheet.y, "center");
  sheet.y += runsHeight([subtitle]) + 16;
}

function underline(page: PDFPage, centre: number, top: number, width: number) {
  const y = A4.height - top;
  page.drawLine({
    start: { x: centre - width / 2, y },
    end: { x: centre + width / 2, y },
    thickness: 0.6,
    color: INK,
  });
}

interface Column {
  x: number;
  width: number;
  numeric: boolean;
}

/** Table text sizes to try, largest first: a wide table (every province's figures) gets the smaller. */
const TABLE_SIZES = [8.5, 7.5, 6.5];
// pdf-lib's widths are exact; a hair more keeps a word that just fits from being wrapped by rounding.
const SLACK = 1;

/**
 * Column widths: a column of figures as wide as its widest figure (figures never wrap) or the longest word of its
 * header; a column of text at least its longest word, and the rest of the page shared out in proportion to what
 * each column would take on one line. When even that does not fit, the table is set in smaller type.
 */
function layoutColumns(table: ReportTable, texts: string[][], fonts: Fonts) {
  const numeric = table.headers.map(
    (_, i) => table.rows.length > 0 && table.rows.every((r) => r[i]?.kind !== "text"),
  );
  for (const size of TABLE_SIZES) {
    const body = style(fonts.regular, size);
    const head = style(fonts.bold, size);
    const width = (text: string, st: Style) => st.font.widthOfTextAtSize(text, st.size);
    const longestWord = (text: string, st: Style) =>
      Math.max(0, ...text.split(/[^\S\u00a0\u202f]+/).map((w) => width(w, st)));
    const pad = 2 * CELL_PADDING + SLACK;
    const min = table.headers.map((header, i) => {
      const cells = texts.map((row) => row[i] ?? "");
      const widest = numeric[i]
        ? Math.max(0, ...cells.map((c) => width(c, body)))
        : Math.max(0, ...cells.map((c) => longestWord(c, body)));
      return Math.max(longestWord(header, head), widest, 16) + pad;
    });
    const natural = table.headers.map((header, i) =>
      Math.max(min[i]!, width(header, head) + pad, ...texts.map((row) => width(row[i] ?? "", body) + pad)),
    );
    const least = min.reduce((a, b) => a + b, 0);
    if (least > WIDTH && size !== TABLE_SIZES.at(-1)) continue;
    // What is left over goes first to the text columns (a name on one line reads better than a header), then to
    // the others, each in proportion to how much more it would take.
    const widths = [...min];
    for (const phase of [(i: number) => !numeric[i], () => true]) {
      const spare = WIDTH - widths.reduce((a, b) => a + b, 0);
      const wants = natural.map((n, i) => (phase(i) ? Math.max(0, n - widths[i]!) : 0));
      const wanted = wants.reduce((a, b) => a + b, 0);
      if (spare <= 0 || wanted === 0) continue;
      wants.forEach((want, i) => (widths[i]! += Math.min(want, (spare * want) / wanted)));
    }
    // Whatever is still spare (every column at its natural width) spreads evenly, so the table spans the page.
    const left = WIDTH - widths.reduce((a, b) => a + b, 0);
    const factor = left < 0 ? WIDTH / (WIDTH - left) : 1;
    let x = MARGIN;
    const columns: Column[] = widths.map((w, i) => {
      const final = left > 0 ? w + left / widths.length : w * factor;
      const column = { x, width: final, numeric: numeric[i]! };
      x += final;
      return column;
    });
    return { columns, body, head };
  }
  throw new Error("unreachable: the smallest size always lays out");
}

function drawTable(sheet: Sheet, table: ReportTable, fonts: Fonts, input: PeriodReportPdfInput) {
  const titleStyle = style(fonts.bold, 9.5);
  const texts = table.rows.map((row) => row.map((cell) => formatCell(cell, input.locale)));
  const { columns, body: cellStyle, head: headStyle } = layoutColumns(table, texts, fonts);
  const cells = (values: string[], s: Style): Run[][] =>
    values.map((v, i) => [{ lines: wrap(v, s, columns[i]!.width - 2 * CELL_PADDING, 5), style: s }]);
  const heading = cells(table.headers, headStyle);
  const height = (row: Run[][]) => Math.max(...row.map(runsHeight)) + 2 * CELL_PADDING;
  const title: Run = { lines: wrap(table.title, titleStyle, WIDTH), style: titleStyle };
  const rows = texts.length > 0 ? texts.map((r) => cells(r, cellStyle)) : [];

  const first = rows[0] ? height(rows[0]) : lineHeight(cellStyle) * 2;
  if (!sheet.fits(runsHeight([title]) + 4 + height(heading) + first)) sheet.addPage();
  sheet.y += 4;
  sheet.paragraph([title], 4);
  const drawRow = (row: Run[][], fill?: RGB) => {
    const h = height(row);
    if (fill)
      sheet.page.drawRectangle({
        x: MARGIN,
        y: A4.height - sheet.y - h,
        width: WIDTH,
        height: h,
        color: fill,
      });
    row.forEach((runs, i) => {
      const c = columns[i]!;
      // Figures line up on the right, as in any table of numbers; headers sit over them the same way.
      if (c.numeric)
        drawRuns(sheet.page, runs, c.x + c.width - CELL_PADDING, sheet.y + CELL_PADDING, "right");
      else drawRuns(sheet.page, runs, c.x + CELL_PADDING, sheet.y + CELL_PADDING);
    });
    sheet.y += h;
    sheet.rule(sheet.y, sheet.page, RULE);
  };
  sheet.rule(sheet.y, sheet.page, RULE);
  drawRow(heading, HEADER_FILL);
  if (rows.length === 0) {
    const empty = style(fonts.regular, cellStyle.size, MUTED);
    sheet.paragraph([{ lines: wrap(input.words.emptyTable, empty, WIDTH), style: empty }]);
  }
  for (const row of rows) {
    if (!sheet.fits(height(row))) {
      sheet.addPage();
      sheet.rule(sheet.y, sheet.page, RULE);
      drawRow(heading, HEADER_FILL);
    }
    drawRow(row);
  }
  sheet.y += 10;
}

async function drawChart(
  pdf: PDFDocument,
  sheet: Sheet,
  chart: { title: string; caption?: string; markup: string },
  fonts: Fonts,
  input: PeriodReportPdfInput,
) {
  const titleStyle = style(fonts.bold, 9.5);
  const captionStyle = style(fonts.regular, 8.5, MUTED);
  const head: Run[] = [
    { lines: wrap(chart.title, titleStyle, WIDTH), style: titleStyle },
    ...(chart.caption ? [{ lines: wrap(chart.caption, captionStyle, WIDTH), style: captionStyle }] : []),
  ];
  const image = await chartImage(chart.markup);
  if (!image) {
    const empty: Run = { lines: wrap(input.words.emptyChart, captionStyle, WIDTH), style: captionStyle };
    if (!sheet.fits(runsHeight([...head, empty]) + 8)) sheet.addPage();
    sheet.y += 4;
    sheet.paragraph([...head, empty], 10);
    return;
  }
  // A chart's text is 12 units high: at most one point per unit, so it prints no larger than the body text.
  const scale = Math.min(1, WIDTH / image.width) * 0.92;
  const width = image.width * scale;
  const height = image.height * scale;
  if (!sheet.fits(runsHeight(head) + 6 + height)) sheet.addPage();
  sheet.y += 4;
  sheet.paragraph(head, 6);
  const png = await pdf.embedPng(image.png);
  sheet.page.drawImage(png, {
    x: MARGIN + (WIDTH - width) / 2,
    y: A4.height - sheet.y - height,
    width,
    height,
  });
  sheet.y += height + 14;
}

/** The preparer and the head of the union sign below the report, each in their half. */
function drawSignatures(sheet: Sheet, doc: ReportDocument, { regular, bold }: Fonts) {
  const roleStyle = style(bold, 10.5);
  const hintStyle = style(regular, 9, MUTED);
  const nameStyle = style(bold, 10.5);
  const half = WIDTH / 2;
  const blocks = doc.signatures.map((s) => ({
    top: [
      { lines: wrap(s.role.toLocaleUpperCase("vi"), roleStyle, half - 10), style: roleStyle },
      { lines: wrap(s.hint, hintStyle, half - 10), style: hintStyle },
    ] as Run[],
    name: s.name ? ({ lines: wrap(s.name, nameStyle, half - 10), style: nameStyle } as Run) : null,
  }));
  const SPACE = 64;
  const needed = Math.max(
    ...blocks.map((b) => runsHeight(b.top) + SPACE + (b.name ? runsHeight([b.name]) : 0)),
  );
  sheet.y += 18;
  if (!sheet.fits(needed)) sheet.addPage();
  blocks.forEach((b, i) => {
    const centre = MARGIN + half * i + half / 2;
    drawRuns(sheet.page, b.top, centre, sheet.y, "center");
    if (b.name) drawRuns(sheet.page, [b.name], centre, sheet.y + runsHeight(b.top) + SPACE, "center");
  });
  sheet.y += needed;
}

function drawFooters(sheet: Sheet, input: PeriodReportPdfInput, s: Style) {
  const total = sheet.pages.length;
  sheet.pages.forEach((page, i) => {
    const y = MARGIN / 2 + 4;
    const left = nfc(input.words.footer);
    page.drawText(left, { x: MARGIN, y, size: s.size, font: s.font, color: s.color });
    const number = nfc(input.words.page(i + 1, total));
    const width = s.font.widthOfTextAtSize(number, s.size);
    page.drawText(number, { x: A4.width - MARGIN - width, y, size: s.size, font: s.font, color: s.color });
  });
}
