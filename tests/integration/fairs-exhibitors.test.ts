import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "../../server/accounts/current-user";
import { DIALECTS, type TestContainer } from "../support/db";
import { exhibitor, FAIR_BANK, fairsTestContainer, openFair } from "../support/fairs";
import { domainError, sellingCooperative } from "../support/orders";
import { StripeApiDouble } from "../support/stripe";

/**
 * Trade fairs through their use cases on a real database: the public fair page's exhibitor directory and the
 * staff's exhibitor list. Card payments go through the payments service's webhook handler and the real
 * `stripe` library; only Stripe's API is replaced, at the HTTP edge (tests/support/stripe.ts), because
 * api.stripe.com cannot be reached from here.
 */
describe.each(DIALECTS)("trade fairs: the exhibitors on %s", (dialect) => {
  const stripe = new StripeApiDouble();
  let c: TestContainer;
  let staff: CurrentUser;
  beforeAll(async () => ({ c, staff } = await fairsTestContainer(dialect, stripe)));
  afterAll(async () => c?.destroy());

  describe("the public fair page", () => {
    it("lists booked exhibitors with their chosen products, filtered by words, province and category", async () => {
      const fair = await openFair(c, staff, { priceVnd: 0 });
      const mien = await exhibitor(c, {
        name: "HTX Miến dong Bình Liêu",
        province: { code: "22", ward: "06838" }, // Xã Bình Liêu
        products: [
          { nameVi: "Miến dong Bình Liêu", category: "vermicelli_noodles" },
          { nameVi: "Bánh gio Bình Liêu", category: "other" },
        ],
      });
      const che = await exhibitor(c, {
        name: "HTX Chè Tân Hương",
        products: [{ nameVi: "Chè búp Tân Cương", category: "tea" }],
      });
      const mat = await exhibitor(c, {
        name: "HTX Ong mật Yên Bái",
        province: { code: "15", ward: "04303" }, // Xã Lục Yên, in the former Yên Bái
        products: [{ nameVi: "Mật ong hoa rừng", category: "honey_bee" }],
      });
      const onlyHeld = await exhibitor(c, {
        name: "HTX Chỉ giữ chỗ",
        products: [{ nameVi: "Miến dong giữ chỗ" }],
      });
      const book = async (x: typeof mien, code: string, productIds: number[]) => {
        const h = await c.services.fairs.holdBooth(x.owner, { boothId: fair.boothByCode(code).id });
        await c.services.fairs.confirmBooking(x.owner, {
          publicId: h.publicId,
          form: { productIds: productIds.map(String) },
        });
        return h.publicId;
      };
      // The miến cooperative shows only its miến, at two booths.
      await book(mien, "A02", [mien.products[0]!.id]);
      await book(mien, "A03", []);
      await book(che, "B01", [che.products[0]!.id]);
      await book(mat, "B04", [mat.products[0]!.id]);
      await c.services.fairs.holdBooth(onlyHeld.owner, { boothId: fair.boothByCode("A05").id });

      const page = async (query: Record<string, string>) =>
        c.services.fairs.getPublicFair({ slug: fair.slug, query, locale: "vi", viewer: null });
      const all = await page({});
      expect(all.exhibitorTotal).toBe(3);
      expect(all.exhibitors.map((e) => e.cooperative.name)).toEqual([
        "HTX Miến dong Bình Liêu",
        "HTX Chè Tân Hương",
        "HTX Ong mật Yên Bái",
      ]);
      const m = all.exhibitors[0]!;
      expect(m.booths).toEqual(["A02", "A03"]);
      expect(m.products.map((p) => p.name)).toEqual(["Miến dong Bình Liêu"]);
      expect(m.province).toEqual({ code: "22", name: expect.stringContaining("Quảng Ninh") });
      const shown = all.halls.flatMap((h) => h.booths);
      expect(shown.find((b) => b.code === "B01")!.exhibitor?.name).toBe("HTX Chè Tân Hương");
      // A hold is not an exhibitor yet, and its cooperative is not named.
      expect(shown.find((b) => b.code === "A05")).toMatchObject({ state: "held", exhibitor: null });
      expect(all.facets.provinces.map((p) => p.code).sort()).toEqual(["15", "19", "22"]);
      expect([...all.facets.categories].sort()).toEqual(["honey_bee", "tea", "vermicelli_noodles"]);

      const names = async (query: Record<string, string>) =>
        (await page(query)).exhibitors.map((e) => e.cooperative.name);
      expect(await names({ q: "mien dong" })).toEqual(["HTX Miến dong Bình Liêu"]);
      expect(await names({ q: "MIẾN DONG" })).toEqual(["HTX Miến dong Bình Liêu"]);
      expect(await names({ q: "tan cuong" })).toEqual(["HTX Chè Tân Hương"]);
      expect(await names({ q: "mat ong" })).toEqual(["HTX Ong mật Yên Bái"]);
      // Words are found in the cooperative's name and in the products it brings.
      expect(await names({ q: "binh lieu" })).toEqual(["HTX Miến dong Bình Liêu"]);
      expect(await names({ q: "ong" })).toEqual([
        "HTX Miến dong Bình Liêu",
        "HTX Chè Tân Hương",
        "HTX Ong mật Yên Bái",
      ]);
      // A product the cooperative did not bring to the fair is not searched.
      expect(await names({ q: "banh gio" })).toEqual([]);
      expect(await names({ province: "19" })).toEqual(["HTX Chè Tân Hương"]);
      expect(await names({ category: "honey_bee" })).toEqual(["HTX Ong mật Yên Bái"]);
      expect(await names({ q: "mien", province: "19" })).toEqual([]);
      expect((await page({ q: "mien" })).exhibitorTotal).toBe(3);
      // An unknown province in a hand-edited link shows the whole directory, not an error page.
      expect((await page({ province: "99" })).exhibitors).toHaveLength(3);

      // A product taken off sale disappears from the fair page.
      await mat.products[0]!.update({ status: "archived" });
      expect((await page({})).exhibitors.find((e) => e.cooperative.id === mat.coop.id)!.products).toEqual([]);

      // The cooperative's profile lists the fair with its booths; the held one does not.
      const profile = await c.services.fairs.listFairsOfCooperative({
        cooperativeId: mien.coop.id,
        locale: "vi",
      });
      expect(profile.map((f) => [f.slug, f.booths])).toEqual([[fair.slug, ["A02", "A03"]]]);
      expect(
        await c.services.fairs.listFairsOfCooperative({ cooperativeId: onlyHeld.coop.id, locale: "vi" }),
      ).toEqual([]);
    });

    it("gives staff one row per active booking for the exhibitors' CSV", async () => {
      const fair = await openFair(c, staff, { priceVnd: 1_200_000, form: FAIR_BANK });
      const x = await exhibitor(c, {
        name: "HTX Nấm Bắc Kạn",
        province: { code: "19", ward: "01843" }, // Phường Bắc Kạn, now in Thái Nguyên
        products: [
          { nameVi: "Nấm hương rừng", category: "mushrooms" },
          { nameVi: "Mộc nhĩ đen", category: "mushrooms" },
        ],
      });
      const booked = await c.services.fairs.holdBooth(x.owner, { boothId: fair.boothByCode("A01").id });
      await c.services.fairs.confirmBooking(x.owner, {
        publicId: booked.publicId,
        form: {
          paymentMethod: "bank_transfer",
          productIds: x.products.map((p) => String(p.id)),
        },
      });
      await c.services.fairs.decideBooking(staff, { publicId: booked.publicId, action: "mark_paid" });
      await c.services.fairs.holdBooth(x.owner, { boothId: fair.boothByCode("A03").id });
      const cancelled = await sellingCooperative(c);
      const gone = await c.services.fairs.holdBooth(cancelled.owner, { boothId: fair.boothByCode("B01").id });
      await c.services.fairs.cancelBooking(cancelled.owner, { publicId: gone.publicId });

      const rows = await c.services.fairs.listExhibitors(staff, { fairId: fair.id });
      expect(rows).toHaveLength(2);
      expect(rows[0]).toMatchObject({
        booth: "A01",
        boothType: "corner",
        size: "3x3",
        status: "booked",
        cooperative: "HTX Nấm Bắc Kạn",
        province: expect.stringContaining("Thái Nguyên"),
        amountVnd: 1_200_000,
        products: expect.stringMatching(/^(Nấm hương rừng; Mộc nhĩ đen|Mộc nhĩ đen; Nấm hương rừng)$/),
      });
      expect(rows[0]!.paid).not.toBe("");
      expect(rows[1]).toMatchObject({ booth: "A03", status: "held", paid: "", products: "" });
      const { owner } = await sellingCooperative(c);
      expect((await domainError(c.services.fairs.listExhibitors(owner, { fairId: fair.id }))).code).toBe(
        "forbidden",
      );
    });
  });
});
