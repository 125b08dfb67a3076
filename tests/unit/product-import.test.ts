import ExcelJS from "exceljs";
import i18next from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import { resources } from "../../app/i18n";
import { acceptedValues, importProblemText } from "../../app/lib/import-messages";
import { csvTemplate } from "../../server/catalogue/csv-columns";
import { UNITS } from "../../server/vocabulary/domain";
import { resolveCoded } from "../../server/catalogue/import-vocabulary";
import { readCsv, readImportFile } from "../../server/catalogue/import-sheet";
import { validateSheet, type ImportScope } from "../../server/catalogue/import-validation";
import type { Sheet } from "../../server/catalogue/import-sheet";

const own: ImportScope = {
  kind: "own",
  cooperative: { id: 7, slug: "htx-che-tan-cuong", name: "HTX Chè Tân Cương" },
};
const union: ImportScope = {
  kind: "union",
  find: (cell) =>
    cell === "htx-a"
      ? { id: 1, slug: "htx-a", name: "HTX A" }
      : cell === "HTX Bê"
        ? { id: 2, slug: "htx-b", name: "HTX Bê" }
        : cell === "htx-pending"
          ? "not_approved"
          : "not_found",
};

const HEADER = "sku,name_vi,description_vi,category,unit,price_vnd,status,origin_province";
const sheetOf = (csv: string): Sheet => {
  const read = readCsv(csv);
  if (!read.ok) throw new Error(read.problem.code);
  return read.sheet;
};
const row = (sku: string, unit = "hop", status = "active", extra = "") =>
  `${sku},Chè móc câu hộp 200g,Chè búp non sao thủ công.,tea,${unit},180000,${status},Thái Nguyên${extra}`;

describe("coded columns", () => {
  it("accept the code, the Vietnamese word with or without marks, and the English word", () => {
    expect(resolveCoded("unit", "gio")).toBe("gio");
    expect(resolveCoded("unit", "giỏ")).toBe("gio");
    expect(resolveCoded("unit", "Giỏ")).toBe("gio");
    expect(resolveCoded("unit", "hamper")).toBe("gio");
    expect(resolveCoded("unit", "Lít")).toBe("lit");
    expect(resolveCoded("unit", "tấn")).toBe("tan");
    expect(resolveCoded("unit", "thùng")).toBe("thung");
    expect(resolveCoded("category", "vermicelli noodles")).toBe("vermicelli_noodles");
    expect(resolveCoded("status", "Đang bán")).toBe("active");
    expect(resolveCoded("status", "dang ban")).toBe("active");
    expect(resolveCoded("unit", "sọt")).toBeNull();
  });

  it("tell the set from the bunch: the code or the marks decide, the bare word is the code", () => {
    expect(resolveCoded("unit", "bộ")).toBe("bo");
    expect(resolveCoded("unit", "bó")).toBe("bo_bunch");
    expect(resolveCoded("unit", "bo")).toBe("bo");
    expect(resolveCoded("unit", "bo_bunch")).toBe("bo_bunch");
  });

  it("cover what cooperatives sell by", () => {
    for (const u of [
      "gio",
      "chiec",
      "lit",
      "bo_bunch",
      "thung",
      "chai",
      "hu",
      "tui",
      "bao",
      "ta",
      "tan",
      "cay",
      "qua",
      "con",
    ])
      expect(UNITS).toContain(u);
    for (const lang of ["vi", "en"] as const)
      for (const u of UNITS) expect(resources[lang].catalogue.unit[u], `${lang} ${u}`).toBeTruthy();
  });
});

describe("validateSheet", () => {
  it("names the bad unit and keeps the row out; the good rows stay valid", () => {
    const { fileProblems, rows } = validateSheet(
      sheetOf([HEADER, row("A-1"), row("A-2", "sọt")].join("\n")),
      own,
    );
    expect(fileProblems).toEqual([]);
    expect(rows[0]!.valid).not.toBeNull();
    expect(rows[1]!.valid).toBeNull();
    expect(rows[1]!.problems).toEqual([
      { line: 3, column: "unit", code: "import_unknown_unit", params: { value: "sọt" } },
    ]);
  });

  it("reads units by word: 'giỏ', 'lít' and 'thùng' are units now", () => {
    const { rows } = validateSheet(
      sheetOf([HEADER, row("A-1", "giỏ"), row("A-2", "Lít"), row("A-3", "thung")].join("\n")),
      own,
    );
    expect(rows.map((r) => r.valid?.data.unit)).toEqual(["gio", "lit", "thung"]);
  });

  it("marks a blank status, which the import reports (a new product is a draft)", () => {
    const { rows } = validateSheet(
      sheetOf([HEADER, row("A-1", "hop", ""), row("A-2", "hop", "draft")].join("\n")),
      own,
    );
    expect(rows.map((r) => [r.valid?.statusBlank, r.valid?.data.status])).toEqual([
      [true, "draft"],
      [false, "draft"],
    ]);
  });

  it("refuses the template's example rows, and the template's own rows are all refused", () => {
    const { rows } = validateSheet(sheetOf(csvTemplate({ withCooperative: false })), own);
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(r.valid).toBeNull();
      expect(r.problems).toEqual([
        expect.objectContaining({
          column: "sku",
          code: "import_example_row",
          params: { value: r.sku, prefix: "MAU-" },
        }),
      ]);
    }
    // Without the prefix the same rows are products (the template is a working example).
    const real = csvTemplate({ withCooperative: false }).replaceAll("MAU-", "HTX-");
    expect(validateSheet(sheetOf(real), own).rows.every((r) => r.valid)).toBe(true);
  });

  it("puts the bad value beside a schema's message, and reads OCOP and English tags", () => {
    const head = `${HEADER},ocop_stars,ocop_certificate_no,ocop_issued_on,tags,tags_en`;
    const { rows } = validateSheet(
      sheetOf(
        [
          head,
          `${row("A-1")},4,OCOP-TN-1,15/03/2025,chè xanh;quà biếu,Green tea;gift`,
          row("A-2").replace("180000", "một trăm") + ",6,OCOP-TN-2,15/03/2025,,",
        ].join("\n"),
      ),
      own,
    );
    expect(rows[0]!.valid).toMatchObject({
      ocop: { stars: 4, certificateNo: "OCOP-TN-1", issuedOn: "2025-03-15" },
      tagsEn: ["green tea", "gift"],
      data: { tags: ["chè xanh", "quà biếu"] },
    });
    expect(rows[1]!.problems).toEqual([
      { line: 3, column: "price_vnd", code: "format", params: { value: "một trăm" } },
      { line: 3, column: "ocop_stars", code: "ocop_stars", params: { value: "6" } },
    ]);
  });

  it("reads picture addresses, refusing what is not a web address and more than a product holds", () => {
    const head = `${HEADER},image_urls`;
    const urls = (n: number) => Array.from({ length: n }, (_, i) => `https://anh.vn/${i}.jpg`).join(";");
    const { rows } = validateSheet(
      sheetOf(
        [head, `${row("I-1")},${urls(2)}`, `${row("I-2")},anh.jpg`, `${row("I-3")},${urls(9)}`].join("\n"),
      ),
      own,
    );
    expect(rows[0]!.valid?.imageUrls).toEqual(["https://anh.vn/0.jpg", "https://anh.vn/1.jpg"]);
    expect(rows[1]!.problems).toEqual([
      { line: 3, column: "image_urls", code: "import_image_url", params: { value: "anh.jpg" } },
    ]);
    expect(rows[2]!.problems).toEqual([
      { line: 4, column: "image_urls", code: "too_many_images", params: { max: 8, left: 8 } },
    ]);
  });

  it("staff name each row's cooperative; an unknown, unapproved or missing one is named", () => {
    const head = `cooperative,${HEADER}`;
    const { rows } = validateSheet(
      sheetOf(
        [
          head,
          `htx-a,${row("S-1")}`,
          `HTX Bê,${row("S-1")}`,
          `htx-x,${row("S-2")}`,
          `htx-pending,${row("S-3")}`,
          `,${row("S-4")}`,
        ].join("\n"),
      ),
      union,
    );
    // The same SKU for two cooperatives is two products.
    expect(rows.map((r) => r.valid?.cooperative.id ?? r.problems[0]!.code)).toEqual([
      1,
      2,
      "import_cooperative_unknown",
      "import_cooperative_not_approved",
      "import_cooperative_required",
    ]);
    expect(validateSheet(sheetOf([HEADER, row("S-1")].join("\n")), union).fileProblems).toEqual([
      { line: 1, column: "cooperative", code: "missing_column" },
    ]);
  });

  it("a cooperative's own file may name itself only, and repeats a SKU at most once", () => {
    const head = `cooperative,${HEADER}`;
    const { rows } = validateSheet(
      sheetOf(
        [
          head,
          `htx-che-tan-cuong,${row("C-1")}`,
          `HTX Chè Tân Cương,${row("C-2")}`,
          `htx-khac,${row("C-3")}`,
          `,${row("C-1")}`,
        ].join("\n"),
      ),
      own,
    );
    expect(rows.map((r) => r.problems.map((p) => p.code))).toEqual([
      [],
      [],
      ["import_cooperative_not_yours"],
      ["sku_duplicate_in_file"],
    ]);
  });
});

describe("messages", () => {
  const t = i18next.createInstance();
  beforeAll(async () => {
    await t.init({ lng: "en", resources, interpolation: { escapeValue: false } });
  });

  it("say what the value was and what is accepted", () => {
    const text = importProblemText(t.t, {
      line: 3,
      column: "unit",
      code: "import_unknown_unit",
      params: { value: "sọt" },
    });
    expect(text).toBe(`“sọt” is not a unit; use one of: ${acceptedValues(t.t, "unit")}.`);
    expect(text).toContain("hamper, item, litre");
    expect(
      importProblemText(t.t, { line: 3, column: "price_vnd", code: "format", params: { value: "một trăm" } }),
    ).toBe(`“một trăm”: ${resources.en.errors.format}`);
  });

  it("in Vietnamese, with the Vietnamese words", async () => {
    await t.changeLanguage("vi");
    expect(
      importProblemText(t.t, {
        line: 2,
        column: "unit",
        code: "import_unknown_unit",
        params: { value: "sọt" },
      }),
    ).toMatch(/^“sọt” không phải là đơn vị bán; vui lòng dùng một trong: kg, g, hộp, gói, .*giỏ, chiếc, lít/);
  });
});

describe("readImportFile", () => {
  it("reads an Excel workbook's first sheet as the CSV would be read, dates day first", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Sản phẩm");
    ws.addRow(["sku", "name_vi", "ocop_issued_on", "price_vnd", "tags"]);
    ws.addRow(["X-1", "Chè xanh", new Date(Date.UTC(2025, 2, 15)), 180000]);
    const data = new Uint8Array(await wb.xlsx.writeBuffer());
    const read = await readImportFile(data);
    expect(read).toEqual({
      ok: true,
      sheet: {
        header: ["sku", "name_vi", "ocop_issued_on", "price_vnd", "tags"],
        rows: [{ line: 2, cells: ["X-1", "Chè xanh", "15/03/2025", "180000", ""] }],
      },
    });
  });

  it("refuses a file that is neither UTF-8 nor a workbook", async () => {
    await expect(readImportFile(Uint8Array.from([0x73, 0x6b, 0x75, 0x0a, 0xe0]))).rejects.toMatchObject({
      fields: { file: { code: "file_not_utf8" } },
    });
  });
});
