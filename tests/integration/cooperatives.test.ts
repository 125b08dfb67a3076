import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Conflict, Invalid, NotFound } from "../../server/errors";
import { createTestContainer, DIALECTS, type TestContainer } from "../support/db";
import { makeCooperative, makeUser } from "../support/factories";

describe.each(DIALECTS)("cooperatives on %s", (dialect) => {
  let c: TestContainer;
  let staffUser: Awaited<ReturnType<TestContainer["services"]["accounts"]["getUserForSession"]>>;

  const asCurrent = async (userId: number) => {
    const token = (
      await c.services.accounts.login({
        form: { email: (await c.db.models.User.findByPk(userId))!.email, password: "mat-khau-thu-nghiem" },
        meta: { ip: null, userAgent: null, locale: "vi" },
      })
    ).token;
    return (await c.services.accounts.getUserForSession({ token }))!;
  };

  beforeAll(async () => {
    c = await createTestContainer(dialect);
    await makeCooperative(c, {
      name: "HTX Chè Tân Cương Hoàng Bình",
      provinceCode: "19",
      wardCode: "05503",
      sectors: ["tea"],
      memberCount: 40,
    });
    await makeCooperative(c, {
      name: "HTX Đinh Lăng Ba Chẽ",
      provinceCode: "22",
      wardCode: "06970",
      sectors: ["medicinal_herbs"],
      memberCount: 25,
    });
    await makeCooperative(c, {
      name: "HTX Miến dong Na Rì",
      provinceCode: "19",
      wardCode: "02185",
      sectors: ["vermicelli_noodles", "other"],
      memberCount: 60,
    });
    await makeCooperative(c, {
      name: "HTX Hồi Quế Văn Quan",
      provinceCode: "20",
      wardCode: "06313",
      sectors: ["spices", "medicinal_herbs"],
    });
    await makeCooperative(c, { name: "HTX Chè Chưa Duyệt", status: "pending" });
    for (let i = 0; i < 14; i++)
      await makeCooperative(c, {
        name: `HTX Lúa gạo Vũ Thư ${String(i).padStart(2, "0")}`,
        provinceCode: "33",
        wardCode: "12466",
        sectors: ["rice_grains"],
      });
    staffUser = await asCurrent((await makeUser(c, { role: "staff" })).id);
  });
  afterAll(async () => c?.destroy());

  it("finds cooperatives by name with or without diacritics, đ included", async () => {
    for (const q of ["đinh lăng", "dinh lang", "DINH LĂNG"]) {
      const r = await c.services.cooperatives.listDirectory({ query: { q }, locale: "vi" });
      expect(r.items.map((i) => i.name)).toEqual(["HTX Đinh Lăng Ba Chẽ"]);
    }
    const tea = await c.services.cooperatives.listDirectory({ query: { q: "che tan cuong" }, locale: "vi" });
    expect(tea.items.map((i) => i.name)).toEqual(["HTX Chè Tân Cương Hoàng Bình"]);
  });

  it("treats % and _ in a search as plain characters", async () => {
    expect((await c.services.cooperatives.listDirectory({ query: { q: "%" }, locale: "vi" })).total).toBe(0);
    expect((await c.services.cooperatives.listDirectory({ query: { q: "_" }, locale: "vi" })).total).toBe(0);
  });

  it("lists only approved cooperatives, filters by province and sector, and counts facets", async () => {
    const all = await c.services.cooperatives.listDirectory({ query: {}, locale: "vi" });
    expect(all.total).toBe(18);
    expect(all.items).toHaveLength(12);
    expect(all.items.some((i) => i.name === "HTX Chè Chưa Duyệt")).toBe(false);
    expect(all.facets.provinces.find((p) => p.code === "33")).toEqual({
      code: "33",
      name: "Hưng Yên",
      count: 14,
    });

    const herbs = await c.services.cooperatives.listDirectory({
      query: { sector: "medicinal_herbs" },
      locale: "vi",
    });
    expect(herbs.items.map((i) => i.name).sort()).toEqual(
      ["HTX Hồi Quế Văn Quan", "HTX Đinh Lăng Ba Chẽ"].sort(),
    );
    // The sector facet ignores the sector filter itself, so other choices keep their counts.
    expect(herbs.facets.sectors.find((s) => s.sector === "tea")?.count).toBe(1);
    // The province facet follows the sector filter.
    expect(herbs.facets.provinces.map((p) => p.code).sort()).toEqual(["20", "22"]);

    const langSon = await c.services.cooperatives.listDirectory({
      query: { province: "20", sector: "spices" },
      locale: "vi",
    });
    expect(langSon.items.map((i) => i.name)).toEqual(["HTX Hồi Quế Văn Quan"]);
    expect(langSon.items[0]!.ward).toEqual({ code: "06313", name: "Tri Lễ", type: "xa" });
  });

  it("pages through results in a stable order", async () => {
    const p1 = await c.services.cooperatives.listDirectory({ query: { province: "33" }, locale: "vi" });
    const p2 = await c.services.cooperatives.listDirectory({
      query: { province: "33", page: "2" },
      locale: "vi",
    });
    expect(p1.items).toHaveLength(12);
    expect(p2.items).toHaveLength(2);
    const names = [...p1.items, ...p2.items].map((i) => i.name);
    expect(new Set(names).size).toBe(14);
    expect(names).toEqual([...names].sort());
  });

  it("rejects bad directory parameters with field codes", async () => {
    await expect(
      c.services.cooperatives.listDirectory({ query: { province: "99" }, locale: "vi" }),
    ).rejects.toBeInstanceOf(Invalid);
    await expect(
      c.services.cooperatives.listDirectory({ query: { sector: "gold" }, locale: "vi" }),
    ).rejects.toBeInstanceOf(Invalid);
    await expect(
      c.services.cooperatives.listDirectory({ query: { page: "0" }, locale: "vi" }),
    ).rejects.toBeInstanceOf(Invalid);
  });

  it("shows English descriptions in English and falls back to Vietnamese", async () => {
    const viOnly = await makeCooperative(c, {
      name: "HTX Mật ong Bạc Hà",
      descriptionEn: null,
      sectors: ["honey_bee"],
    });
    const en = await c.services.cooperatives.getCooperativeProfile({
      slug: viOnly.slug,
      viewer: null,
      locale: "en",
    });
    expect(en.descriptionLang).toBe("vi");
    expect(en.description).toContain("Hợp tác xã");
    const tea = (await c.services.cooperatives.listDirectory({ query: { q: "tan cuong" }, locale: "en" }))
      .items[0]!;
    expect(tea.summaryLang).toBe("en");
  });

  it("hides a pending profile from the public but shows it to its members and to staff", async () => {
    const owner = await makeUser(c, { role: "cooperative" });
    const pending = await makeCooperative(c, {
      name: "HTX Nấm Sa Pa Mới",
      status: "pending",
      ownerId: owner.id,
    });
    await expect(
      c.services.cooperatives.getCooperativeProfile({ slug: pending.slug, viewer: null, locale: "vi" }),
    ).rejects.toBeInstanceOf(NotFound);
    const buyer = await asCurrent((await makeUser(c)).id);
    await expect(
      c.services.cooperatives.getCooperativeProfile({ slug: pending.slug, viewer: buyer, locale: "vi" }),
    ).rejects.toBeInstanceOf(NotFound);
    const member = await asCurrent(owner.id);
    expect(
      (
        await c.services.cooperatives.getCooperativeProfile({
          slug: pending.slug,
          viewer: member,
          locale: "vi",
        })
      ).status,
    ).toBe("pending");
    expect(
      (
        await c.services.cooperatives.getCooperativeProfile({
          slug: pending.slug,
          viewer: staffUser,
          locale: "vi",
        })
      ).name,
    ).toBe("HTX Nấm Sa Pa Mới");
  });

  it("approves a cooperative once, notifies its members in their language and records who did it", async () => {
    const owner = await makeUser(c, { role: "cooperative", locale: "en", fullName: "Lò Văn Sáng" });
    const coop = await makeCooperative(c, {
      name: "HTX Thảo dược Tả Phìn",
      status: "pending",
      ownerId: owner.id,
    });
    const result = await c.services.cooperatives.reviewCooperative(staffUser!, {
      cooperativeId: coop.id,
      form: { decision: "approve" },
    });
    expect(result.status).toBe("approved");
    await expect(
      c.services.cooperatives.reviewCooperative(staffUser!, {
        cooperativeId: coop.id,
        form: { decision: "approve" },
      }),
    ).rejects.toBeInstanceOf(Conflict);
    const row = await c.db.models.Cooperative.findByPk(coop.id);
    expect(row).toMatchObject({ status: "approved", reviewedById: staffUser!.id });
    const events = await c.db.models.AuditEvent.findAll({
      where: { entityType: "cooperative", entityId: String(coop.id) },
    });
    expect(events.map((e) => e.action)).toEqual(["cooperative.approved"]);
    await c.worker.drain();
    const mail = c.sender.sent.find((m) => m.to === owner.email);
    expect(mail).toMatchObject({ subject: "HTX Thảo dược Tả Phìn has been approved" });
    expect(mail!.body).toContain("Hello Lò Văn Sáng");
  });

  it("needs a real reason to reject, and a rejected cooperative that edits its profile goes back to the queue", async () => {
    const owner = await makeUser(c, { role: "cooperative" });
    const coop = await makeCooperative(c, {
      name: "HTX Hải sản Thụy Hải",
      status: "pending",
      ownerId: owner.id,
    });
    await expect(
      c.services.cooperatives.reviewCooperative(staffUser!, {
        cooperativeId: coop.id,
        form: { decision: "reject", reason: "thiếu" },
      }),
    ).rejects.toMatchObject({
      fields: { reason: { code: "reason_too_short" } },
    });
    await c.services.cooperatives.reviewCooperative(staffUser!, {
      cooperativeId: coop.id,
      form: {
        decision: "reject",
        reason: "Thiếu giấy chứng nhận đăng ký HTX.",
      },
    });
    await c.worker.drain();
    expect(c.sender.sent.find((m) => m.to === owner.email)?.body).toContain(
      "Thiếu giấy chứng nhận đăng ký HTX.",
    );

    const member = await asCurrent(owner.id);
    const { resubmitted } = await c.services.cooperatives.updateCooperativeProfile(member, {
      cooperativeName: "HTX Hải sản Thụy Hải",
      kind: "cooperative",
      provinceCode: "33",
      wardCode: "12826",
      address: "Thôn Tân Bồi, xã Thụy Hải",
      sectors: ["meat_processed"],
      descriptionVi: "HTX chế biến hải sản khô, đã bổ sung giấy chứng nhận đăng ký.",
      representative: "Phạm Văn Tùng",
      cooperativePhone: "0912345670",
    });
    expect(resubmitted).toBe(true);
    expect(await c.db.models.Cooperative.findByPk(coop.id)).toMatchObject({
      status: "pending",
      rejectionReason: null,
      provinceCode: "33",
      wardCode: "12826",
    });
  });

  it("lets exactly one of two staff members decide when both click at once", async () => {
    const other = await asCurrent((await makeUser(c, { role: "staff" })).id);
    for (let round = 0; round < 5; round++) {
      const coop = await makeCooperative(c, { name: `HTX Tranh chấp ${round}`, status: "pending" });
      const results = await Promise.allSettled([
        c.services.cooperatives.reviewCooperative(staffUser!, {
          cooperativeId: coop.id,
          form: { decision: "approve" },
        }),
        c.services.cooperatives.reviewCooperative(other, {
          cooperativeId: coop.id,
          form: {
            decision: "reject",
            reason: "Hồ sơ chưa đầy đủ thông tin.",
          },
        }),
        c.services.cooperatives.reviewCooperative(staffUser!, {
          cooperativeId: coop.id,
          form: { decision: "approve" },
        }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      for (const r of results) if (r.status === "rejected") expect(r.reason).toBeInstanceOf(Conflict);
      expect(
        await c.db.models.AuditEvent.count({
          where: { entityType: "cooperative", entityId: String(coop.id) },
        }),
      ).toBe(1);
    }
  });

  it("takes a logo through the image pipeline, cropped square, and refuses what is not an image", async () => {
    const sharp = (await import("sharp")).default;
    const owner = await makeUser(c, { role: "cooperative" });
    const coop = await makeCooperative(c, { name: "HTX Có Logo", ownerId: owner.id });
    const member = await asCurrent(owner.id);
    const png = await sharp({ create: { width: 600, height: 400, channels: 3, background: "#1f6f43" } })
      .png()
      .toBuffer();
    const { logoUrl } = await c.services.cooperatives.setLogo(member, { file: png });
    expect(logoUrl).toMatch(/^\/uploads\/logos\/[0-9a-f]{2}\/[0-9a-f]{64}-256\.webp$/);
    const stored = await sharp(`${c.config.uploadsDir}${logoUrl.slice("/uploads".length)}`).metadata();
    expect([stored.width, stored.height]).toEqual([256, 256]);
    expect((await c.db.models.Cooperative.findByPk(coop.id))!.logoUrl).toBe(logoUrl);
    await expect(
      c.services.cooperatives.setLogo(member, { file: Buffer.from("không phải ảnh") }),
    ).rejects.toMatchObject({
      fields: { logo: { code: "not_an_image" } },
    });
  });

  it("does not let buyers review", async () => {
    const buyer = await asCurrent((await makeUser(c)).id);
    const coop = await makeCooperative(c, { status: "pending" });
    await expect(
      c.services.cooperatives.reviewCooperative(buyer, {
        cooperativeId: coop.id,
        form: { decision: "approve" },
      }),
    ).rejects.toMatchObject({ status: 403 });
    expect((await c.db.models.Cooperative.findByPk(coop.id))!.status).toBe("pending");
  });
});
