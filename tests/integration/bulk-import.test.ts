import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "../../server/accounts/current-user";
import { csvTemplate } from "../../server/catalogue/csv-columns";
import { createTestContainer, DIALECTS, type TestContainer } from "../support/db";
import { currentUser, makeCooperative, makeUser } from "../support/factories";

/**
 * Bulk listing (issue 16): a union's staff import one file for several cooperatives, with OCOP certificates and
 * English tags; a bad value is named with what is accepted and nothing is written; the check and the import
 * answer alike; the row report is its author's.
 */
describe.each(DIALECTS)("bulk product import on %s", (dialect) => {
  let c: TestContainer;
  let staff: CurrentUser;
  let provincialStaff: CurrentUser;
  let member: CurrentUser;
  let tea: { id: number; slug: string };
  let rice: { id: number; slug: string };
  let pending: { slug: string };

  const HEAD =
    "cooperative,sku,name_vi,description_vi,category,unit,price_vnd,status,origin_province,tags,tags_en,ocop_stars,ocop_certificate_no,ocop_issued_on";
  const file = (...rows: string[]) => ({ data: Buffer.from([HEAD, ...rows].join("\n")) });
  const teaRow = (sku: string, unit = "hộp", status = "active") =>
    `${tea.slug},${sku},Chè móc câu hộp 200g,Chè búp non sao thủ công.,tea,${unit},180000,${status},Thái Nguyên,chè xanh;quà biếu,green tea;gift,4,OCOP-TN-2025-0042,15/03/2025`;
  const riceRow = (sku: string, unit = "bao") =>
    `HTX Gạo Nếp Cái Hoa Vàng,${sku},Gạo nếp cái hoa vàng bao 10kg,Gạo nếp thơm dẻo vụ mùa.,rice_grains,${unit},350000,,Hưng Yên,gạo nếp,,,,`;
  const products = () => c.db.models.Product.count();

  beforeAll(async () => {
    c = await createTestContainer(dialect);
    const staffRow = await makeUser(c, { role: "staff", email: "can.bo@lmhtx.vn" });
    const provincialRow = await makeUser(c, { role: "staff", email: "can.bo.tn@lmhtx.vn" });
    await provincialRow.update({ unionProvinceCode: "19" });
    const owner = await makeUser(c, { role: "cooperative", email: "chu.nhiem@htx.vn" });
    tea = await makeCooperative(c, { name: "HTX Chè Tân Cương", provinceCode: "19", ownerId: owner.id });
    rice = await makeCooperative(c, {
      name: "HTX Gạo Nếp Cái Hoa Vàng",
      provinceCode: "33",
      wardCode: "12244",
    });
    pending = await makeCooperative(c, { name: "HTX Chờ Duyệt", status: "pending" });
    staff = await currentUser(c, staffRow.email);
    provincialStaff = await currentUser(c, provincialRow.email);
    member = await currentUser(c, owner.email);
  });
  afterAll(async () => c?.destroy());

  it("names a bad unit with the accepted ones, writes nothing, and the check says the same as the import", async () => {
    const bad = file(teaRow("TEA-1"), riceRow("RICE-1", "giỏ x"), teaRow("TEA-2", "sọt"));
    const before = await products();
    const check = await c.services.catalogue.importProducts(staff, { file: bad, dryRun: true });
    const run = await c.services.catalogue.importProducts(staff, { file: bad, dryRun: false });
    const expected = [
      { line: 3, column: "unit", code: "import_unknown_unit", params: { value: "giỏ x" } },
      { line: 4, column: "unit", code: "import_unknown_unit", params: { value: "sọt" } },
    ];
    expect(check).toMatchObject({ ok: false, dryRun: true, problems: expected });
    expect(run).toMatchObject({ ok: false, dryRun: false, problems: expected });
    expect(await products()).toBe(before);

    // The report of the check: every row with what would become of it.
    const report = await c.services.catalogue.importReport(staff, check.reportId);
    expect(report.rows.map((r) => [r.line, r.sku, r.cooperative, r.outcome])).toEqual([
      [2, "TEA-1", tea.slug, "create"],
      [3, "RICE-1", rice.slug, "invalid"],
      [4, "TEA-2", tea.slug, "invalid"],
    ]);
    // Someone else's report is not found.
    await expect(c.services.catalogue.importReport(member, check.reportId)).rejects.toMatchObject({
      status: 404,
    });
  });

  it("imports for two cooperatives with OCOP certificates and English tags, counting the drafts", async () => {
    const good = file(teaRow("TEA-1"), riceRow("RICE-1"), teaRow("SHARED"), riceRow("SHARED", "bao"));
    const check = await c.services.catalogue.importProducts(staff, { file: good, dryRun: true });
    expect(check).toMatchObject({ ok: true, rows: 4, created: 4, updated: 0, drafts: 2 });
    expect(await products()).toBe(0);

    const done = await c.services.catalogue.importProducts(staff, { file: good, dryRun: false });
    expect(done).toMatchObject({ ok: true, dryRun: false, created: 4, updated: 0, drafts: 2 });
    const rows = await c.db.models.Product.findAll({
      order: [
        ["sku", "ASC"],
        ["cooperativeId", "ASC"],
      ],
    });
    expect(rows.map((p) => [p.sku, p.cooperativeId, p.unit, p.status])).toEqual([
      ["RICE-1", rice.id, "bao", "draft"],
      ["SHARED", tea.id, "hop", "active"],
      ["SHARED", rice.id, "bao", "draft"],
      ["TEA-1", tea.id, "hop", "active"],
    ]);
    const teaProduct = rows.find((p) => p.sku === "TEA-1")!;
    expect(await c.db.models.ProductOcop.findOne({ where: { productId: teaProduct.id } })).toMatchObject({
      stars: 4,
      certificateNo: "OCOP-TN-2025-0042",
      issuedOn: "2025-03-15",
    });

    // English pages show the English tags; Vietnamese ones the Vietnamese tags.
    const page = (locale: "vi" | "en") =>
      c.services.catalogue.getProductPage({ slug: teaProduct.slug, viewer: null, locale });
    expect((await page("en")).product.shownTags).toEqual({ tags: ["green tea", "gift"], lang: "en" });
    expect((await page("vi")).product.shownTags).toEqual({ tags: ["chè xanh", "quà biếu"], lang: "vi" });

    // The search index hears of every product (the outbox), English tags included.
    await c.worker.drain();
    const hits = await c.services.catalogue.searchProducts({ query: { q: "gift" }, locale: "en" });
    expect(hits.hits.map((h) => h.slug).sort()).toEqual(
      rows
        .filter((p) => p.cooperativeId === tea.id)
        .map((p) => p.slug)
        .sort(),
    );

    // Again with a blank status: the published tea stays published, the counts say updated.
    const again = await c.services.catalogue.importProducts(staff, {
      file: file(teaRow("TEA-1", "hop", "")),
      dryRun: false,
    });
    expect(again).toMatchObject({ ok: true, created: 0, updated: 1, drafts: 0 });
    expect((await teaProduct.reload()).status).toBe("active");
    const report = await c.services.catalogue.importReport(staff, again.reportId);
    expect(report.rows).toEqual([
      { line: 2, sku: "TEA-1", cooperative: tea.slug, outcome: "update", statusBlank: true, problems: [] },
    ]);
  });

  it("refuses cooperatives that are not approved, not found, or outside a provincial union's province", async () => {
    const rows = [
      `${pending.slug},P-1,Chè móc câu hộp 200g,Chè búp non sao thủ công.,tea,hop,180000,active,Thái Nguyên,,,,,`,
      `htx-khong-co,P-2,Chè móc câu hộp 200g,Chè búp non sao thủ công.,tea,hop,180000,active,Thái Nguyên,,,,,`,
    ];
    expect(
      await c.services.catalogue.importProducts(staff, { file: file(...rows), dryRun: true }),
    ).toMatchObject({
      ok: false,
      problems: [
        {
          line: 2,
          column: "cooperative",
          code: "import_cooperative_not_approved",
          params: { value: pending.slug },
        },
        {
          line: 3,
          column: "cooperative",
          code: "import_cooperative_unknown",
          params: { value: "htx-khong-co" },
        },
      ],
    });
    // Thái Nguyên's union may list for the tea cooperative, not for Hưng Yên's rice.
    expect(
      await c.services.catalogue.importProducts(provincialStaff, {
        file: file(teaRow("TEA-9"), riceRow("RICE-9")),
        dryRun: true,
      }),
    ).toMatchObject({
      ok: false,
      problems: [{ line: 3, column: "cooperative", code: "import_cooperative_outside_union" }],
    });
  });

  it("lets a cooperative's file name only itself, and refuses the template's examples", async () => {
    const own = await c.services.catalogue.importProducts(member, {
      file: file(teaRow("TEA-3"), riceRow("RICE-3")),
      dryRun: true,
    });
    expect(own).toMatchObject({
      ok: false,
      problems: [{ line: 3, column: "cooperative", code: "import_cooperative_not_yours" }],
    });
    const template = await c.services.catalogue.importProducts(member, {
      file: { data: Buffer.from(csvTemplate({ withCooperative: false })) },
      dryRun: false,
    });
    expect(template).toMatchObject({
      ok: false,
      problems: [
        { line: 2, column: "sku", code: "import_example_row" },
        { line: 3, column: "sku", code: "import_example_row" },
      ],
    });
  });

  it("makes each product once when the same file is imported twice at once", async () => {
    const same = file(teaRow("RACE-1"), riceRow("RACE-1"), teaRow("RACE-2"));
    const outcomes = await Promise.all(
      [staff, staff, staff].map((who) =>
        c.services.catalogue.importProducts(who, { file: same, dryRun: false }),
      ),
    );
    expect(outcomes.every((o) => o.ok)).toBe(true);
    // Every run reports the three rows; together they created each product exactly once.
    expect(outcomes.reduce((n, o) => n + (o.ok ? o.created : 0), 0)).toBe(3);
    expect(await c.db.models.Product.count({ where: { sku: ["RACE-1", "RACE-2"] } })).toBe(3);
  });

  it("reads an Excel workbook as it reads a CSV", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Sản phẩm");
    ws.addRow(HEAD.split(","));
    ws.addRow([
      tea.slug,
      "XLSX-1",
      "Chè nõn tôm hộp 100g",
      "Chè nõn tôm sao thủ công.",
      "tea",
      "hộp",
      260000,
      "draft",
      "Thái Nguyên",
      "",
      "",
      5,
      "OCOP-TN-2025-0099",
      new Date(Date.UTC(2025, 5, 1)),
    ]);
    const data = new Uint8Array(await wb.xlsx.writeBuffer());
    expect(await c.services.catalogue.importProducts(staff, { file: { data }, dryRun: false })).toMatchObject(
      {
        ok: true,
        created: 1,
        drafts: 1,
      },
    );
    const p = await c.db.models.Product.findOne({ where: { sku: "XLSX-1" } });
    expect(p).toMatchObject({ cooperativeId: tea.id, priceVnd: 260000, status: "draft" });
    expect(await c.db.models.ProductOcop.findOne({ where: { productId: p!.id } })).toMatchObject({
      stars: 5,
      issuedOn: "2025-06-01",
    });
  });
});
