import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { csvDownload } from "../../app/lib/sales.server";

describe("the sales CSV downloads", () => {
  it("keep a field with a line break in its row, and defuse a formula", async () => {
    const response = csvDownload(
      "don-hang.csv",
      ["Mã", "Địa chỉ", "Ghi chú"],
      [["DH-1", "Số 5 phố Hàng Bạc\nHoàn Kiếm", '=HYPERLINK("x")']],
    );
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString("utf8");
    // Quoted, so a spreadsheet that ends a row at any line break keeps the address in one cell.
    expect(text).toContain('"Số 5 phố Hàng Bạc\nHoàn Kiếm"');
    const rows = parse(text, { relax_column_count: false }) as string[][];
    expect(rows).toEqual([
      ["Mã", "Địa chỉ", "Ghi chú"],
      ["DH-1", "Số 5 phố Hàng Bạc\nHoàn Kiếm", '\'=HYPERLINK("x")'],
    ]);
  });
});
