import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  defuseFormula,
  sanitizeSheetName,
  toCsv,
  toXlsx,
  type ExportColumn,
} from "../../server/reports/exports";

/** An agreement as a staff list shows it; `value` may arrive as a string, as mysql2 returns BIGINT. */
interface AgreementRow {
  code: string;
  cooperative: string;
  value: number | string;
  quantityKg: number;
  delivered: number;
  signedOn: string | Date;
  sealedAt: Date | null;
  note: string | null;
}

const COLUMNS: ExportColumn<AgreementRow>[] = [
  { header: { vi: "Mã hợp đồng", en: "Agreement" }, value: (r) => r.code },
  { header: { vi: "Hợp tác xã", en: "Cooperative" }, value: (r) => r.cooperative },
  { header: { vi: "Giá trị", en: "Value" }, value: (r) => r.value, kind: "vnd" },
  { header: { vi: "Khối lượng (kg)", en: "Quantity (kg)" }, value: (r) => r.quantityKg, kind: "integer" },
  { header: { vi: "Đã giao", en: "Delivered" }, value: (r) => r.delivered, kind: "percent" },
  { header: { vi: "Ngày ký", en: "Signed on" }, value: (r) => r.signedOn, kind: "date" },
  { header: { vi: "Thời điểm niêm phong", en: "Sealed at" }, value: (r) => r.sealedAt, kind: "datetime" },
  { header: { vi: "Ghi chú", en: "Note" }, value: (r) => r.note, width: 30 },
];

const CHE_TAN_CUONG = "Hợp tác xã Chè Tân Cương";

const ROWS: AgreementRow[] = [
  {
    code: "HĐ-0001",
    // Typed on a Mac: decomposed marks. The export must write the composed (NFC) form.
    cooperative: CHE_TAN_CUONG.normalize("NFD"),
    value: 125_000_000,
    quantityKg: 1500,
    delivered: 0.45,
    signedOn: "2026-03-15",
    // 20:05 UTC is 03:05 the next morning in Vietnam.
    sealedAt: new Date("2026-03-15T20:05:00Z"),
    note: 'Giao "đợt 1", kho Thái Nguyên',
  },
  {
    code: "HĐ-0002",
    cooperative: "HTX Đường Lâm: bưởi, ổi & mật ong",
    value: "98000000",
    quantityKg: 12.6,
    delivered: 1,
    signedOn: new Date("2026-03-31T18:30:00Z"),
    sealedAt: null,
    note: '=HYPERLINK("http://evil.example","bấm")',
  },
  {
    code: "HĐ-0003",
    cooperative: "HTX Ờ Ư",
    value: -2_500_000,
    quantityKg: 0,
    delivered: 0.125,
    signedOn: "2026-04-02",
    sealedAt: new Date("2026-04-02T01:00:00Z"),
    note: "dòng 1\r\ndòng 2",
  },
];

const NOW = new Date("2026-03-01T01:02:03Z");

async function readBack(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  // exceljs types its input as its own ArrayBuffer-like `Buffer`; a Node Buffer is what it reads at run time.
  await workbook.xlsx.load(buffer as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  return workbook;
}

describe("toCsv", () => {
  it("writes RFC 4180 with a BOM, CRLF and Vietnamese headers", () => {
    expect(toCsv(COLUMNS, ROWS, "vi")).toBe(
      "\uFEFF" +
        "Mã hợp đồng,Hợp tác xã,Giá trị,Khối lượng (kg),Đã giao,Ngày ký,Thời điểm niêm phong,Ghi chú\r\n" +
        `HĐ-0001,${CHE_TAN_CUONG},125000000,1500,45%,2026-03-15,2026-03-16 03:05,"Giao ""đợt 1"", kho Thái Nguyên"\r\n` +
        `HĐ-0002,"HTX Đường Lâm: bưởi, ổi & mật ong",98000000,13,100%,2026-04-01,,"'=HYPERLINK(""http://evil.example"",""bấm"")"\r\n` +
        'HĐ-0003,HTX Ờ Ư,-2500000,0,13%,2026-04-02,2026-04-02 08:00,"dòng 1\ndòng 2"\r\n',
    );
  });

  it("parses back to the same cells, composed (NFC) and unquoted", () => {
    const records: string[][] = parse(toCsv(COLUMNS, ROWS, "vi"), { bom: true });
    expect(records).toHaveLength(4);
    expect(records[1]![1]).toBe(CHE_TAN_CUONG);
    expect(records[1]![1]!.normalize("NFC")).toBe(records[1]![1]);
    expect(records[1]![1]).toContain("ư");
    expect(records[1]![1]).toContain("ơ");
    expect(records[2]![1]).toBe("HTX Đường Lâm: bưởi, ổi & mật ong");
    expect(records[3]![1]).toBe("HTX Ờ Ư");
    expect(records[1]![7]).toBe('Giao "đợt 1", kho Thái Nguyên');
    expect(records[3]![7]).toBe("dòng 1\ndòng 2");
  });

  it("writes headers in English for locale en", () => {
    const csv = toCsv(COLUMNS, [], "en");
    expect(csv).toBe(
      "\uFEFFAgreement,Cooperative,Value,Quantity (kg),Delivered,Signed on,Sealed at,Note\r\n",
    );
  });

  it("defuses text that a spreadsheet would run as a formula, and leaves numbers alone", () => {
    const cols: ExportColumn<string | number>[] = [{ header: { vi: "Ô", en: "Cell" }, value: (v) => v }];
    const cells = ["=1+1", "+84 912 345 678", "-5 kg", "@SUM(A1)", "\tx", "\rcmd", "a=b", "Đà Lạt", -42, 7];
    const lines = toCsv(cols, cells, "en").slice(1).split("\r\n");
    expect(lines).toEqual([
      "Cell",
      "'=1+1",
      "'+84 912 345 678",
      "'-5 kg",
      "'@SUM(A1)",
      "'\tx",
      // A carriage return inside a cell becomes a line break, so the field is quoted too.
      '"\'\ncmd"',
      "a=b",
      "Đà Lạt",
      "-42",
      "7",
      "",
    ]);
    expect(defuseFormula("-")).toBe("'-");
    expect(defuseFormula("5-3")).toBe("5-3");
  });

  it("refuses a value that does not fit its column's kind", () => {
    const money: ExportColumn<string>[] = [
      { header: { vi: "Tiền", en: "Money" }, value: (v) => v, kind: "vnd" },
    ];
    expect(() => toCsv(money, ["12 triệu"], "vi")).toThrow(/"Money" expects a number/);
    const day: ExportColumn<string>[] = [
      { header: { vi: "Ngày", en: "Day" }, value: (v) => v, kind: "date" },
    ];
    expect(() => toCsv(day, ["hôm qua"], "vi")).toThrow(/"Day" expects a date/);
    expect(() => toCsv([], [], "vi")).toThrow(/at least one column/);
  });
});

describe("toXlsx", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  const options = {
    locale: "vi" as const,
    sheetName: "Hợp đồng [Quý 1/2026]",
    title: "Hợp đồng đã ký — 01/01/2026–31/03/2026",
    now: NOW,
  };

  it("keeps Vietnamese headers and text exactly, composed (NFC)", async () => {
    const workbook = await readBack(await toXlsx(COLUMNS, ROWS, options));
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(2).values).toEqual([
      undefined,
      "Mã hợp đồng",
      "Hợp tác xã",
      "Giá trị",
      "Khối lượng (kg)",
      "Đã giao",
      "Ngày ký",
      "Thời điểm niêm phong",
      "Ghi chú",
    ]);
    expect(sheet.getCell("B3").value).toBe(CHE_TAN_CUONG);
    expect(sheet.getCell("B3").value).not.toBe(CHE_TAN_CUONG.normalize("NFD"));
    expect(sheet.getCell("B4").value).toBe("HTX Đường Lâm: bưởi, ổi & mật ong");
    expect(sheet.getCell("B5").value).toBe("HTX Ờ Ư");
    expect(sheet.getCell("H3").value).toBe('Giao "đợt 1", kho Thái Nguyên');
    expect(sheet.getCell("H5").value).toBe("dòng 1\ndòng 2");
    expect(sheet.getCell("H5").alignment).toMatchObject({ wrapText: true });
  });

  it("puts the title above a bold, frozen, autofiltered header", async () => {
    const workbook = await readBack(await toXlsx(COLUMNS, ROWS, options));
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell("A1").value).toBe("Hợp đồng đã ký — 01/01/2026–31/03/2026");
    expect(sheet.model.merges).toEqual(["A1:H1"]);
    expect(sheet.getCell("A2").font).toMatchObject({ bold: true });
    expect(sheet.getCell("H2").font).toMatchObject({ bold: true });
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 2, topLeftCell: "A3" });
    expect(sheet.autoFilter).toBe("A2:H5");
    expect(sheet.rowCount).toBe(5);
  });

  it("starts with the header when there is no title", async () => {
    const workbook = await readBack(
      await toXlsx(COLUMNS, [], { locale: "en", sheetName: "Agreements", now: NOW }),
    );
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell("A1").value).toBe("Agreement");
    expect(sheet.getCell("G1").value).toBe("Sealed at");
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.autoFilter).toBe("A1:H1");
    expect(sheet.model.merges).toEqual([]);
  });

  it("writes money, counts and shares as numbers under Excel formats", async () => {
    const sheet = (await readBack(await toXlsx(COLUMNS, ROWS, options))).worksheets[0]!;
    expect(sheet.getCell("C3").value).toBe(125_000_000);
    expect(sheet.getCell("C3").numFmt).toBe('#,##0 "₫"');
    expect(sheet.getCell("C4").value).toBe(98_000_000); // from the string "98000000"
    expect(sheet.getCell("C5").value).toBe(-2_500_000);
    expect(sheet.getCell("D3").value).toBe(1500);
    expect(sheet.getCell("D3").numFmt).toBe("#,##0");
    expect(sheet.getCell("D4").value).toBe(13); // 12.6 rounded
    expect(sheet.getCell("E3").value).toBe(0.45);
    expect(sheet.getCell("E3").numFmt).toBe("0%");
    expect(sheet.getCell("E5").value).toBe(0.125);
  });

  it("writes days and times as Excel dates on Vietnam's clock", async () => {
    const sheet = (await readBack(await toXlsx(COLUMNS, ROWS, options))).worksheets[0]!;
    const signed = sheet.getCell("F3");
    expect(signed.value).toBeInstanceOf(Date);
    expect(signed.value).toEqual(new Date(Date.UTC(2026, 2, 15)));
    expect(signed.numFmt).toBe("dd/mm/yyyy");
    // 18:30 UTC on 31 March is 1 April in Vietnam.
    expect(sheet.getCell("F4").value).toEqual(new Date(Date.UTC(2026, 3, 1)));
    const sealed = sheet.getCell("G3");
    expect(sealed.value).toEqual(new Date(Date.UTC(2026, 2, 16, 3, 5)));
    expect(sealed.numFmt).toBe("dd/mm/yyyy hh:mm");
    expect(sheet.getCell("G4").value).toBeNull();
  });

  it("keeps text that starts with = as text, never a formula", async () => {
    const sheet = (await readBack(await toXlsx(COLUMNS, ROWS, options))).worksheets[0]!;
    const cell = sheet.getCell("H4");
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe('=HYPERLINK("http://evil.example","bấm")');
    expect(cell.formula).toBeUndefined();
  });

  it("sizes columns from `width` or the content, between 8 and 60", async () => {
    const long = { ...ROWS[0]!, cooperative: "Hợp tác xã ".repeat(20) };
    const sheet = (await readBack(await toXlsx(COLUMNS, [...ROWS, long], options))).worksheets[0]!;
    expect(sheet.getColumn(8).width).toBe(30); // given
    expect(sheet.getColumn(2).width).toBe(60); // capped
    expect(sheet.getColumn(1).width).toBe(15); // "Mã hợp đồng": 11 letters, bold, + 2
    expect(sheet.getColumn(3).width).toBe(15); // "125,000,000 ₫"
    expect(sheet.getColumn(6).width).toBe(12); // dd/mm/yyyy
  });

  it("sanitises the sheet name and sets the workbook's metadata", async () => {
    const workbook = await readBack(await toXlsx(COLUMNS, ROWS, options));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["Hợp đồng Quý 1-2026"]);
    expect(workbook.creator).toBe("HTX Connect");
    expect(workbook.lastModifiedBy).toBe("HTX Connect");
    expect(workbook.created).toEqual(NOW);
    expect(workbook.modified).toEqual(NOW);
  });

  it("gives the same bytes for the same input, whenever it is written", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2020-01-01T00:00:00Z"));
    const first = await toXlsx(COLUMNS, ROWS, options);
    vi.setSystemTime(new Date("2031-06-15T12:34:56Z"));
    const second = await toXlsx(COLUMNS, ROWS, options);
    expect(first.equals(second)).toBe(true);
    // The first zip entry is stamped with `now` on Vietnam's clock: 08:02 on 1 March 2026, as an MS-DOS time.
    expect(first.readUInt32LE(0)).toBe(0x04034b50);
    expect(first.readUInt16LE(10)).toBe((8 << 11) | (2 << 5));
    expect(first.readUInt16LE(12)).toBe(((2026 - 1980) << 9) | (3 << 5) | 1);

    const later = await toXlsx(COLUMNS, ROWS, { ...options, now: new Date("2026-03-02T00:00:00Z") });
    expect(later.equals(first)).toBe(false);
  });
});

describe("sanitizeSheetName", () => {
  it("makes any name one Excel accepts", () => {
    expect(sanitizeSheetName("Hợp đồng [Quý 1/2026]")).toBe("Hợp đồng Quý 1-2026");
    expect(sanitizeSheetName("a\\b:c*d?e")).toBe("a-b-cde");
    expect(sanitizeSheetName("'Theo dõi'")).toBe("Theo dõi");
    expect(sanitizeSheetName("Danh sách hợp tác xã tỉnh Thái Nguyên")).toBe("Danh sách hợp tác xã tỉnh Thái");
    expect(sanitizeSheetName("Danh sách hợp tác xã tỉnh Thái Nguyên")).toHaveLength(30);
    expect(sanitizeSheetName("Hợp tác xã".normalize("NFD"))).toBe("Hợp tác xã");
    expect(sanitizeSheetName(" [*?] ")).toBe("Sheet1");
    expect(sanitizeSheetName("history")).toBe("History 1");
    for (const name of ["x".repeat(40), "/".repeat(40), "a'".repeat(20)]) {
      const safe = sanitizeSheetName(name);
      expect(safe.length).toBeLessThanOrEqual(31);
      expect(safe).not.toMatch(/[[\]:*?/\\]|^'|'$/);
    }
  });
});
