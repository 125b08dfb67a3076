import {
  PDFDict,
  PDFDocument,
  PDFName,
  PDFString,
  rgb,
  type PDFFont,
  type PDFImage,
  type RGB,
} from "pdf-lib";
import { resources } from "../i18n";
import {
  A4,
  drawRuns,
  embedBeVietnamPro,
  lineHeight,
  nfc,
  pdfLiteralString,
  rowHeight,
  runsHeight,
  Sheet,
  wrap,
  type Fonts,
  type Run,
  type Style,
} from "../pdf/text-layout";
import { formatDate, formatDateTime, formatNumber, formatVnd } from "../vocabulary/format";
import type { Locale } from "../vocabulary/locale";
import { contentHash, type AgreementContent, type AgreementParty } from "./content";
import { PDF_INFO_KEY } from "./seal-token";
import { EN, VI, type Labels } from "./agreement-pdf-labels";
import { vndInWords } from "../vocabulary/amount-in-words";

/*
 * The sealed agreement as a PDF: the agreement in Vietnamese (each paragraph followed by its English when the
 * parties chose both), the signature page and the platform's seal, a QR code on every page. pdf-seal.ts then signs
 * the file. The wording around the content is fixed here rather than in the UI's translations: it is part of a
 * legal document, and changing it must not change documents already issued through a translation edit.
 */

export { vndInWords } from "../vocabulary/amount-in-words";

export interface AgreementSignatureLine {
  party: "buyer" | "supplier";
  signerName: string;
  organisation: string;
  title: string;
  signedAt: Date;
  method: "password" | "paper";
  contentHash: string;
}

export interface AgreementDocument {
  content: AgreementContent;
  /** Hex SHA-256 of the canonical content. */
  contentHash: string;
  signatures: AgreementSignatureLine[];
  /** The Ed25519 seal; `signature` is base64url. */
  seal: { kid: string; sealedAt: Date; signature: string };
  /** Prepared by the caller: the QR image (PNG) and the line printed beside it. */
  qr: { png: Uint8Array; caption: string };
  /** The offline-verifiable seal token. */
  token: string;
  /** A paper agreement's counter-attestation: the staff member who registered the scan, when, its SHA-256. */
  attestation?: { staffName: string; at: Date; scanSha256: string };
  /** Public site origin, printed in the footer ("https://htx.example.vn"). */
  origin: string;
}

/* Layout, in points from the top of an A4 page. */
const MARGIN = 48;
const QR_SIZE = 64;
const FOOTER_HEIGHT = QR_SIZE + 12;
const INK = rgb(0.1, 0.11, 0.12);
const MUTED = rgb(0.36, 0.38, 0.4);
const HEADER_FILL = rgb(0.93, 0.94, 0.93);

const style = (font: PDFFont, size: number, color: RGB = INK): Style => ({ font, size, color });

/** The agreement as an A4 PDF (Be Vietnam Pro embedded, subset), saved without object streams for signing. */
export async function renderAgreementPdf(doc: AgreementDocument): Promise<Uint8Array> {
  checkWhatIsSigned(doc);
  const pdf = await PDFDocument.create();
  const fonts = await embedBeVietnamPro(pdf);
  const qr = await pdf.embedPng(doc.qr.png);
  const { content } = doc;
  const printer = new Printer(new Sheet(pdf, MARGIN, FOOTER_HEIGHT), fonts, content.languages.includes("en"));

  printer.sheet.addPage();
  drawHeading(printer, content);
  drawArticles(printer, doc);
  drawSignaturePage(printer, doc);
  drawFooters(printer, doc, qr);

  const name = capitalise(VI.name[content.type]);
  pdf.setTitle(nfc(`${name} ${content.publicId}`), { showInWindowTitleBar: true });
  pdf.setSubject(
    nfc(
      `${content.parties.buyer.legalName} – ${content.parties.supplier.legalName}: ${content.product.name}`,
    ),
  );
  pdf.setKeywords([content.publicId, `SHA-256 ${doc.contentHash}`]);
  pdf.setAuthor("HTX Connect");
  pdf.setCreator("HTX Connect");
  pdf.setProducer("HTX Connect (pdf-lib)");
  pdf.setLanguage("vi-VN");
  // The seal's time, not the clock's: the same sealed agreement renders to the same bytes.
  pdf.setCreationDate(doc.seal.sealedAt);
  pdf.setModificationDate(doc.seal.sealedAt);
  const info = pdf.context.lookup(pdf.context.trailerInfo.Info, PDFDict);
  // Read back by tokenFromPdf (seal-token.ts), so a verifier needs no OCR of the QR code.
  info.set(PDFName.of(PDF_INFO_KEY), PDFString.of(pdfLiteralString(doc.token)));
  return pdf.save({ useObjectStreams: false });
}

/**
 * A sealed PDF must print what was signed: the content must hash to `contentHash`, every signature must be of that
 * hash, and each party must have signed. Anything else is a caller's bug, and paper is the wrong place to find it.
 */
function checkWhatIsSigned(doc: AgreementDocument) {
  if (contentHash(doc.content) !== doc.contentHash)
    throw new Error(`agreement ${doc.content.publicId}: the content does not hash to ${doc.contentHash}`);
  for (const signature of doc.signatures) {
    if (signature.contentHash !== doc.contentHash)
      throw new Error(
        `agreement ${doc.content.publicId}: a signature is of another version (${signature.contentHash})`,
      );
  }
  for (const party of ["buyer", "supplier"] as const) {
    if (!doc.signatures.some((s) => s.party === party))
      throw new Error(`agreement ${doc.content.publicId}: the ${party} has not signed`);
  }
}

const capitalise = (text: string) => text.charAt(0).toLocaleUpperCase("vi") + text.slice(1);

/** What every part of the document draws with: the sheet, the styles, and whether English follows Vietnamese. */
class Printer {
  readonly body: Style;
  readonly english: Style;
  readonly bold: Style;
  readonly small: Style;

  constructor(
    readonly sheet: Sheet,
    readonly fonts: Fonts,
    readonly bilingual: boolean,
  ) {
    this.body = style(fonts.regular, 10);
    this.english = style(fonts.regular, 9, MUTED);
    this.bold = style(fonts.bold, 10);
    this.small = style(fonts.regular, 7.5);
  }

  run(text: string, s: Style, width = this.sheet.width, maxLines = Infinity): Run {
    return { lines: wrap(text, s, width, maxLines), style: s };
  }

  /** A value named in both languages when bilingual ("Chè, trà / Tea"), once when the names agree ("VietGAP"). */
  both(vi: string, en: string): string {
    return this.bilingual && en !== vi ? `${vi} / ${en}` : vi;
  }

  /** "Mã số thuế" or, in a bilingual agreement, "Mã số thuế / Tax code". */
  label(pick: (labels: Labels) => string): string {
    return this.both(pick(VI), pick(EN));
  }

  /** A Vietnamese text and, when bilingual and given, its English below; each line of either is a paragraph. */
  text(vi: string, en: string | null, gapAfter = 4, s = this.body) {
    const runs = paragraphs(vi).map((p) => this.run(p, s));
    if (this.bilingual && en) runs.push(...paragraphs(en).map((p) => this.run(p, this.english)));
    this.keepTogether(runs);
    this.sheet.flow(runs, gapAfter);
  }

  /** One "label: value" line (wrapped), the value in `s`. */
  field(pick: (labels: Labels) => string, value: string, s = this.body) {
    this.sheet.flow([this.run(`${this.label(pick)}: ${value}`, s)], 1.5);
  }

  /** A label and, below it in small type, a long code (a hash, a signature, the token). */
  codeField(pick: (labels: Labels) => string, value: string) {
    const runs = [this.run(`${this.label(pick)}:`, this.body), this.run(value, this.small)];
    this.keepTogether(runs);
    this.sheet.flow(runs, 3);
  }

  /**
   * A short block that does not fit in the room left starts on the next page instead: a paragraph's last line or
   * its English alone at the top of a page reads as if it belonged to something else. Long blocks still break.
   */
  private keepTogether(runs: Run[]) {
    const height = runsHeight(runs);
    if (height <= 10 * lineHeight(this.body) && !this.sheet.fits(height)) this.sheet.addPage();
  }

  /** The article's title, kept on the same page as the first lines under it. */
  article(n: number, pick: (titles: Labels["articles"]) => string) {
    const runs = [this.run(VI.article(n, pick(VI.articles)), style(this.fonts.bold, 11))];
    if (this.bilingual)
      runs.push(this.run(EN.article(n, pick(EN.articles)), style(this.fonts.bold, 9, MUTED)));
    this.sheet.y += 8;
    if (!this.sheet.fits(runsHeight(runs) + 3 * lineHeight(this.body))) this.sheet.addPage();
    this.sheet.paragraph(runs, 4);
  }

  /** Runs centred across the page at the cursor. */
  centred(runs: Run[], gapAfter = 0) {
    drawRuns(this.sheet.page, runs, this.sheet.left + this.sheet.width / 2, this.sheet.y, "center");
    this.sheet.y += runsHeight(runs) + gapAfter;
  }
}

const paragraphs = (text: string) =>
  nfc(text)
    .split("\n")
    .map((p) => p.trim())
    .filter(Boolean);

/** The national motto, the title, the number and the legal basis, as Vietnamese contracts open. */
function drawHeading(printer: Printer, content: AgreementContent) {
  const { fonts, bilingual } = printer;
  const englishCaps = style(fonts.regular, 8, MUTED);
  const motto = style(fonts.bold, 11);
  printer.centred([printer.run(VI.nation, style(fonts.bold, 11.5))]);
  printer.centred([printer.run(VI.motto, motto)]);
  // The motto is underlined by a short rule, as on every Vietnamese official document.
  const half = fonts.bold.widthOfTextAtSize(VI.motto, motto.size) / 2;
  const centre = printer.sheet.left + printer.sheet.width / 2;
  printer.sheet.page.drawLine({
    start: { x: centre - half, y: A4.height - printer.sheet.y - 2 },
    end: { x: centre + half, y: A4.height - printer.sheet.y - 2 },
    thickness: 0.7,
    color: INK,
  });
  printer.sheet.y += 5;
  if (bilingual) printer.centred([printer.run(`${EN.nation} — ${EN.motto}`, englishCaps)]);
  printer.sheet.y += 18;

  printer.centred([printer.run(VI.title[content.type], style(fonts.bold, 17))], 2);
  if (bilingual) printer.centred([printer.run(EN.title[content.type], style(fonts.bold, 11, MUTED))], 2);
  printer.centred([printer.run(VI.number(content.publicId, content.version), printer.body)]);
  if (bilingual)
    printer.centred([printer.run(EN.number(content.publicId, content.version), printer.english)]);
  printer.sheet.y += 14;

  const basis = (labels: Labels) =>
    content.type === "memorandum"
      ? [labels.basis.civilCode, labels.basis.needs]
      : [labels.basis.civilCode, labels.basis.commercialLaw, labels.basis.needs];
  const en = basis(EN);
  basis(VI).forEach((line, i) => printer.text(line, en[i] ?? null, 1));
  printer.text(VI.agreed(VI.name[content.type]), EN.agreed(EN.name[content.type]), 2);
}

function drawArticles(printer: Printer, doc: AgreementDocument) {
  const { content } = doc;
  const { bilingual } = printer;
  const vocabulary = (locale: Locale) => ({
    unit: resources[locale].catalogue.unit[content.unit],
    certifications: content.product.certifications.map((c) => resources[locale].catalogue.certification[c]),
    category: resources[locale].cooperatives.sector[content.product.category],
  });
  const vi = vocabulary("vi");
  const en = vocabulary("en");
  const both = (viText: string, enText: string) => printer.both(viText, enText);
  const quantity = (n: number) => `${formatNumber(n, "vi")} ${both(vi.unit, en.unit)}`;
  let n = 0;

  printer.article(++n, (a) => a.parties);
  for (const role of ["buyer", "supplier"] as const) drawParty(printer, role, content.parties[role]);

  printer.article(++n, (a) => a.product);
  printer.field((l) => l.product, content.product.name, printer.bold);
  printer.field((l) => l.category, both(vi.category, en.category));
  printer.field((l) => l.qualityStandard, content.product.qualityStandard);
  printer.field(
    (l) => l.certifications,
    vi.certifications.length
      ? both(vi.certifications.join(", "), en.certifications.join(", "))
      : both(VI.notRequired, EN.notRequired),
  );
  const stars = content.product.minOcopStars;
  printer.field(
    (l) => l.ocop,
    stars ? both(VI.stars(stars), EN.stars(stars)) : both(VI.notRequired, EN.notRequired),
  );

  printer.article(++n, (a) => a.schedule);
  printer.field((l) => l.totalQuantity, quantity(content.quantity));
  printer.sheet.y += 4;
  if (content.deliveries.length === 0) printer.text(VI.noSchedule, EN.noSchedule);
  else drawSchedule(printer, content, quantity);

  printer.article(++n, (a) => a.price);
  printer.field((l) => l.unitPrice, `${formatVnd(content.unitPriceVnd, "vi")}/${both(vi.unit, en.unit)}`);
  printer.field((l) => l.totalValue, formatVnd(content.totalVnd, "vi"), printer.bold);
  printer.field((l) => l.inWords, `${vndInWords(content.totalVnd, "vi")}.`);
  if (bilingual)
    printer.text(`${EN.inWords}: ${vndInWords(content.totalVnd, "en")}.`, null, 1.5, printer.english);

  printer.article(++n, (a) => a.payment);
  printer.text(content.paymentTerms.vi, content.paymentTerms.en);
  printer.article(++n, (a) => a.delivery);
  printer.text(content.deliveryTerms.vi, content.deliveryTerms.en);
  printer.article(++n, (a) => a.validity);
  printer.text(
    VI.validity(formatDate(content.validFrom, "vi"), formatDate(content.validUntil, "vi")),
    EN.validity(formatDate(content.validFrom, "en"), formatDate(content.validUntil, "en")),
  );
  printer.article(++n, (a) => a.disputes);
  printer.text(content.disputeClause.vi, content.disputeClause.en);

  printer.article(++n, (a) => a.conclusion);
  const { kind, ref } = content.origin;
  // The public id follows "kết nối cung – cầu" / "the match" when there is one.
  const reference = ref ? ` ${ref}` : "";
  printer.text(VI.origin[kind](reference), EN.origin[kind](reference));
  printer.text(
    VI.hashStatement(VI.name[content.type], content.version),
    EN.hashStatement(EN.name[content.type], content.version),
    2,
  );
  printer.text(doc.contentHash, null, 0, printer.bold);
}

function drawParty(printer: Printer, role: "buyer" | "supplier", party: AgreementParty) {
  printer.sheet.y += 2;
  printer.field((l) => l.party[role], party.legalName, printer.bold);
  printer.field((l) => l.representative, party.representative);
  printer.field((l) => l.representativeTitle, party.representativeTitle);
  printer.field((l) => l.taxCode, party.taxCode);
  printer.field((l) => l.address, party.address);
  printer.field((l) => l.phone, party.phone);
  printer.field((l) => l.email, party.email);
}

/** The deliveries as a table (instalment, day, quantity) with their total, headings repeated on a new page. */
function drawSchedule(printer: Printer, content: AgreementContent, quantity: (n: number) => string) {
  const { sheet, bold, body } = printer;
  const widths = [90, 160, sheet.width - 250];
  const columns = widths.map((_, i) => sheet.left + widths.slice(0, i).reduce((a, b) => a + b, 0));
  const cell = (i: number, text: string, s: Style) => [printer.run(text, s, widths[i]! - 10)];
  const heading = VI.columns.map((title, i) =>
    cell(i, printer.bilingual ? `${title} / ${EN.columns[i]}` : title, bold),
  );
  const rows = content.deliveries.map((d, i) => [
    cell(0, String(i + 1), body),
    cell(1, formatDate(d.date, "vi"), body),
    cell(2, quantity(d.quantity), body),
  ]);
  const scheduled = content.deliveries.reduce((sum, d) => sum + d.quantity, 0);
  rows.push([
    cell(
      0,
      printer.label((l) => l.scheduledTotal),
      bold,
    ),
    [],
    cell(2, quantity(scheduled), bold),
  ]);

  let needsHeading = true;
  for (const row of rows) {
    if (!sheet.fits(rowHeight(row) + (needsHeading ? rowHeight(heading) : 0))) {
      sheet.addPage();
      needsHeading = true;
    }
    if (needsHeading) {
      sheet.rule(sheet.y);
      sheet.row(heading, columns, HEADER_FILL);
      needsHeading = false;
    }
    sheet.row(row, columns);
  }
  sheet.y += 4;
}

/** Who signed, side by side (Bên A left, Bên B right, as on paper), then the platform's seal. */
function drawSignaturePage(printer: Printer, doc: AgreementDocument) {
  const { sheet, fonts, bilingual } = printer;
  sheet.addPage();
  printer.centred([printer.run(VI.signatures, style(fonts.bold, 13))], 2);
  if (bilingual) printer.centred([printer.run(EN.signatures, style(fonts.bold, 9, MUTED))]);
  sheet.y += 12;

  const width = sheet.width / 2 - 10;
  const line = (text: string, s = printer.body): Run => printer.run(text, s, width);
  const cells = (["buyer", "supplier"] as const).map((party) => {
    const runs = [line(VI.partyHeading[party], printer.bold)];
    if (bilingual) runs.push(line(EN.partyHeading[party], style(fonts.bold, 8.5, MUTED)));
    for (const signature of doc.signatures.filter((s) => s.party === party)) {
      const signedAt = formatDateTime(signature.signedAt, "vi");
      runs.push(
        line(" "),
        line(nfc(signature.signerName), style(fonts.bold, 11)),
        line(`${printer.label((l) => l.representativeTitle)}: ${signature.title}`),
        line(`${printer.label((l) => l.organisation)}: ${signature.organisation}`),
        line(`${printer.label((l) => l.signedAt)}: ${signedAt} (${printer.label((l) => l.vietnamTime)})`),
        line(`${printer.label((l) => l.method)}: ${VI.methods[signature.method]}`),
      );
      if (bilingual) runs.push(line(EN.methods[signature.method], printer.english));
      runs.push(line(`${printer.label((l) => l.signedHash)}:`), line(signature.contentHash, printer.small));
    }
    return runs;
  });
  const columns = [sheet.left, sheet.left + sheet.width / 2 + 5];
  // Many signers of one party could outgrow a page: then they follow one another instead of side by side.
  if (sheet.fits(rowHeight(cells))) sheet.row(cells, columns);
  else for (const runs of cells) sheet.flow(runs, 8);

  if (doc.attestation) {
    sheet.y += 12;
    printer.field((l) => l.attestedBy, nfc(doc.attestation.staffName));
    printer.field(
      (l) => l.attestedAt,
      `${formatDateTime(doc.attestation.at, "vi")} (${printer.label((l) => l.vietnamTime)})`,
    );
    printer.codeField((l) => l.scanHash, doc.attestation.scanSha256);
  }

  sheet.y += 16;
  if (!sheet.fits(8 * lineHeight(printer.body))) sheet.addPage();
  sheet.paragraph(
    [
      printer.run(
        printer.label((l) => l.seal),
        style(fonts.bold, 11),
      ),
    ],
    6,
  );
  printer.codeField((l) => l.contentHash, doc.contentHash);
  printer.field(
    (l) => l.sealedAt,
    `${formatDateTime(doc.seal.sealedAt, "vi")} (${printer.label((l) => l.vietnamTime)})`,
  );
  printer.field((l) => l.sealKey, doc.seal.kid);
  printer.codeField((l) => l.sealSignature, doc.seal.signature);
  printer.codeField((l) => l.token, doc.token);
  sheet.y += 6;
  printer.text(VI.sealNote(doc.origin), EN.sealNote(doc.origin));
}

/** Every page's foot: number, page n of N, the QR caption and the site, with the QR code in the right corner. */
function drawFooters(printer: Printer, doc: AgreementDocument, qr: PDFImage) {
  const { sheet } = printer;
  const foot = style(printer.fonts.regular, 8, MUTED);
  const textWidth = sheet.width - QR_SIZE - 12;
  const total = sheet.pages.length;
  sheet.pages.forEach((page, i) => {
    const pageLabel = printer.bilingual
      ? `${VI.page(i + 1, total)} · ${EN.page(i + 1, total)}`
      : VI.page(i + 1, total);
    const runs = [
      printer.run(`${doc.content.publicId} · ${pageLabel}`, foot, textWidth, 1),
      printer.run(doc.qr.caption, foot, textWidth, 1),
      printer.run(doc.origin, foot, textWidth, 1),
    ];
    sheet.rule(sheet.bottom + 6, page);
    // The text's last line sits on the QR code's lower edge.
    drawRuns(page, runs, sheet.left, A4.height - MARGIN - runsHeight(runs));
    page.drawImage(qr, { x: A4.width - MARGIN - QR_SIZE, y: MARGIN, width: QR_SIZE, height: QR_SIZE });
  });
}
