import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QueryTypes } from "sequelize";
import { createMigrator } from "../../server/db/migrator";
import { createTestContainer, DIALECTS, type TestContainer } from "../support/db";

/**
 * The 2025 map migration (server/db/migrations/2026-12-02-0008…0010) over a database copied from before it: old
 * province and district codes move to the 34 provinces and their wards, nothing is lost, and the way back
 * restores every former code exactly.
 */
const BEFORE = "2026-12-02-0008-admin-units-columns";
const now = new Date("2026-06-01T03:00:00Z");
const stamps = { created_at: now, updated_at: now };

type Row = Record<string, unknown>;

describe.each(DIALECTS)("moving to the 2025 map on %s", (dialect) => {
  let c: TestContainer;
  beforeAll(async () => {
    c = await createTestContainer(dialect);
  });
  afterAll(async () => c?.destroy());

  const select = (sql: string) => c.db.sequelize.query<Row>(sql, { type: QueryTypes.SELECT });
  const qi = () => c.db.sequelize.getQueryInterface();

  /** An old database: the rows as the 63-province, three-level map wrote them. */
  async function oldDatabase() {
    await qi().bulkInsert("users", [
      {
        id: 9001,
        email: "old.buyer@example.com",
        password_hash: "x",
        full_name: "Người mua cũ",
        role: "buyer",
        ...stamps,
      },
    ]);
    const coop = (id: number, province: string, district: string, address: string) => ({
      id,
      slug: `htx-cu-${id}`,
      name: `HTX Cũ ${id}`,
      search_name: `htx cu ${id}`,
      kind: "cooperative",
      province_code: province,
      district_code: district,
      address,
      description_vi: "Hợp tác xã trên bản đồ hành chính cũ.",
      representative: "Nguyễn Văn A",
      phone: "0300100999",
      status: "approved",
      ...stamps,
    });
    await qi().bulkInsert("cooperatives", [
      coop(9101, "19", "164", "Xóm Hồng Thái 2, xã Tân Cương"), // ward named in the street
      coop(9102, "06", "066", "Thôn Nà Làng, xã Côn Minh"), // Bắc Kạn, merged into Thái Nguyên
      coop(9103, "34", "344", "Thôn Trung"), // Thái Bình, no ward named: flagged
      coop(9104, "24", "219", "Thôn Thanh Văn, xã Thanh Hải"), // commune moved to Thị xã Chũ before the merger
      coop(9105, "77", "755", "Khu 3"), // Côn Đảo: one district, one special zone
    ]);
    const product = (id: number, province: string, district: string | null) => ({
      id,
      cooperative_id: 9102,
      sku: `OLD-${id}`,
      slug: `san-pham-cu-${id}`,
      name_vi: `Miến dong cũ ${id}`,
      description_vi: "Miến dong làm từ củ dong riềng.",
      search_text: "mien dong",
      category: "vermicelli_noodles",
      unit: "kg",
      price_vnd: 90000,
      status: "active",
      origin_province_code: province,
      origin_district_code: district,
      tags: "[]",
      ...stamps,
    });
    await qi().bulkInsert("products", [
      product(9201, "06", "066"), // Na Rì, Bắc Kạn
      product(9202, "06", null), // Bắc Kạn, no district
      product(9203, "19", "171"), // Đại Từ, a province that stayed
    ]);
    const checkout = (id: number, province: string, district: string, address: string) => ({
      id,
      public_id: `old-checkout-${id}`,
      buyer_id: 9001,
      contact_name: "Người mua cũ",
      phone: "0300100999",
      email: "old.buyer@example.com",
      province_code: province,
      district_code: district,
      address,
      payment_method: "cod",
      total_vnd: 180000,
      status: "placed",
      ...stamps,
    });
    await qi().bulkInsert("checkouts", [
      checkout(9301, "01", "005", "Số 12 phố Trần Duy Hưng, phường Trung Hòa"),
      checkout(9302, "34", "341", "Thôn Tân Bồi"),
    ]);
    const fair = (id: number, province: string) => ({
      id,
      slug: `hoi-cho-cu-${id}`,
      name_vi: `Hội chợ cũ ${id}`,
      description_vi: "Hội chợ trên bản đồ cũ.",
      organiser: "Liên minh Hợp tác xã tỉnh",
      venue: "Quảng trường",
      province_code: province,
      starts_on: "2025-05-01",
      ends_on: "2025-05-04",
      booking_opens_at: now,
      booking_closes_at: now,
      ...stamps,
    });
    await qi().bulkInsert("fairs", [fair(9401, "34"), fair(9402, "20")]);
  }

  const snapshot = async () => ({
    cooperatives: await select(
      "SELECT id, province_code, district_code, address FROM cooperatives WHERE id >= 9000 ORDER BY id",
    ),
    products: await select(
      "SELECT id, origin_province_code, origin_district_code FROM products WHERE id >= 9000 ORDER BY id",
    ),
    checkouts: await select(
      "SELECT id, province_code, district_code, address FROM checkouts WHERE id >= 9000 ORDER BY id",
    ),
    fairs: await select("SELECT id, province_code FROM fairs WHERE id >= 9000 ORDER BY id"),
  });

  it("moves every address of an old database, flags what it cannot place, and goes back exactly", async () => {
    const migrator = createMigrator(c.db.sequelize);
    await migrator.down({ to: BEFORE });
    await oldDatabase();
    const before = await snapshot();
    const jobsBefore = (await select("SELECT id FROM jobs")).length;

    await migrator.up();
    const coops = await select(
      "SELECT id, province_code, ward_code, address, former_units FROM cooperatives WHERE id >= 9000 ORDER BY id",
    );
    expect(coops).toEqual([
      {
        id: 9101,
        province_code: "19",
        ward_code: "05503",
        address: "Xóm Hồng Thái 2, xã Tân Cương",
        former_units: "Thành phố Thái Nguyên, Tỉnh Thái Nguyên",
      },
      {
        id: 9102,
        province_code: "19",
        ward_code: "02185",
        address: "Thôn Nà Làng, xã Côn Minh",
        former_units: "Huyện Na Rì, Tỉnh Bắc Kạn",
      },
      {
        id: 9103,
        province_code: "33",
        ward_code: null,
        address: "Thôn Trung",
        former_units: "Huyện Vũ Thư, Tỉnh Thái Bình",
      },
      {
        id: 9104,
        province_code: "24",
        ward_code: "07525",
        address: "Thôn Thanh Văn, xã Thanh Hải",
        former_units: "Huyện Lục Ngạn, Tỉnh Bắc Giang",
      },
      {
        id: 9105,
        province_code: "79",
        ward_code: "26732",
        address: "Khu 3",
        former_units: "Huyện Côn Đảo, Tỉnh Bà Rịa - Vũng Tàu",
      },
    ]);
    expect(
      await select(
        "SELECT id, origin_province_code, origin_region FROM products WHERE id >= 9000 ORDER BY id",
      ),
    ).toEqual([
      { id: 9201, origin_province_code: "19", origin_region: "Na Rì, Bắc Kạn" },
      { id: 9202, origin_province_code: "19", origin_region: "Bắc Kạn" },
      { id: 9203, origin_province_code: "19", origin_region: "Đại Từ" },
    ]);
    expect(
      await select(
        "SELECT id, province_code, ward_code, former_units FROM checkouts WHERE id >= 9000 ORDER BY id",
      ),
    ).toEqual([
      // Trung Hòa went into Yên Hòa and Cầu Giấy: no single answer, so the order keeps its former units.
      expect.objectContaining({
        id: 9301,
        province_code: "01",
        former_units: "Quận Cầu Giấy, Thành phố Hà Nội",
      }),
      { id: 9302, province_code: "33", ward_code: null, former_units: "Huyện Thái Thụy, Tỉnh Thái Bình" },
    ]);
    expect(await select("SELECT id, province_code FROM fairs WHERE id >= 9000 ORDER BY id")).toEqual([
      { id: 9401, province_code: "33" },
      { id: 9402, province_code: "20" },
    ]);
    // The district columns are gone; the search index hears of every cooperative's move.
    const columns = Object.keys(await qi().describeTable("cooperatives"));
    expect(columns).not.toContain("district_code");
    const coopCount = (await select("SELECT id FROM cooperatives")).length;
    const reindex = await select("SELECT payload FROM jobs WHERE type = 'cooperative.changed>search-index'");
    expect(reindex.length).toBeGreaterThanOrEqual(coopCount);
    expect((await select("SELECT id FROM jobs")).length - jobsBefore).toBe(coopCount);

    await migrator.down({ to: BEFORE });
    expect(await snapshot()).toEqual(before);
    await migrator.up();
  });

  it("gives an address written on the new map a way back to the former units", async () => {
    const migrator = createMigrator(c.db.sequelize);
    await c.db.sequelize.query(
      "UPDATE cooperatives SET province_code = '19', ward_code = '02185', former_units = NULL WHERE id = 9105",
    );
    // A fair moved from Lạng Sơn to a ward of the former Thái Bình since.
    await c.db.sequelize.query("UPDATE fairs SET province_code = '33', ward_code = '12466' WHERE id = 9402");
    await migrator.down({ to: BEFORE });
    expect(await select("SELECT province_code, district_code FROM cooperatives WHERE id = 9105")).toEqual([
      { province_code: "06", district_code: "066" },
    ]);
    expect(await select("SELECT province_code FROM fairs WHERE id = 9402")).toEqual([
      { province_code: "34" },
    ]);
    await migrator.up();
  });
});
