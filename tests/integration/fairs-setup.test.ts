import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "../../server/accounts/current-user";
import { DIALECTS, type TestContainer } from "../support/db";
import {
  boothForm,
  bookingRow,
  fairForm,
  fairsTestContainer,
  gridForm,
  openFair,
  stateOf,
} from "../support/fairs";
import { domainError, fieldCodes, sellingCooperative } from "../support/orders";
import { StripeApiDouble } from "../support/stripe";
import { expandSources } from "../../server/vocabulary/pictures";

/**
 * Trade fairs through their use cases on a real database: a fair, its status, its cover and its floor plan.
 * Card payments go through the payments service's webhook handler and the real `stripe` library; only
 * Stripe's API is replaced, at the HTTP edge (tests/support/stripe.ts), because api.stripe.com cannot be
 * reached from here.
 */
describe.each(DIALECTS)("trade fairs: setting a fair up on %s", (dialect) => {
  const stripe = new StripeApiDouble();
  let c: TestContainer;
  let staff: CurrentUser;
  beforeAll(async () => ({ c, staff } = await fairsTestContainer(dialect, stripe)));
  afterAll(async () => c?.destroy());

  describe("the fair and its status", () => {
    it("refuses dates out of order beside the field, and nothing is created", async () => {
      const before = await c.db.models.Fair.count();
      const form = fairForm();
      const endsBefore = await domainError(
        c.services.fairs.createFair(staff, { ...form, endsOn: "2020-01-01" }),
      );
      expect(fieldCodes(endsBefore)).toMatchObject({ endsOn: "ends_before_starts" });
      const closesBefore = await domainError(
        c.services.fairs.createFair(staff, {
          ...form,
          bookingOpensAt: "2026-12-10T08:00",
          bookingClosesAt: "2026-12-09T08:00",
          startsOn: "2026-12-20",
          endsOn: "2026-12-22",
        }),
      );
      expect(fieldCodes(closesBefore)).toEqual({ bookingClosesAt: "closes_before_opens" });
      // Booking may close on the fair's first day (Vietnam time), not after it.
      const lateClose = {
        ...form,
        startsOn: "2026-12-20",
        endsOn: "2026-12-22",
        bookingOpensAt: "2026-12-01T08:00",
      };
      expect(
        fieldCodes(
          await domainError(
            c.services.fairs.createFair(staff, { ...lateClose, bookingClosesAt: "2026-12-21T00:00" }),
          ),
        ),
      ).toEqual({ bookingClosesAt: "closes_after_start" });
      const missing = await domainError(
        c.services.fairs.createFair(staff, { ...form, nameVi: "", venue: "" }),
      );
      expect(Object.keys(fieldCodes(missing)).sort()).toEqual(["nameVi", "venue"]);
      expect(await c.db.models.Fair.count()).toBe(before);
      const ok = await c.services.fairs.createFair(staff, {
        ...lateClose,
        nameVi: "Hội chợ đóng đăng ký sát ngày",
        bookingClosesAt: "2026-12-20T23:00",
      });
      expect(ok.slug).toBe("hoi-cho-dong-dang-ky-sat-ngay");
    });

    it("gives a fair a slug from its Vietnamese name, another one to a namesake, and refuses non-staff", async () => {
      const name = "Phiên chợ Nông sản Đồng Hỷ";
      const first = await c.services.fairs.createFair(staff, fairForm({ nameVi: name }));
      const second = await c.services.fairs.createFair(staff, fairForm({ nameVi: name }));
      expect(first.slug).toBe("phien-cho-nong-san-dong-hy");
      expect(second.slug).toBe("phien-cho-nong-san-dong-hy-2");
      const fair = (await c.db.models.Fair.findByPk(first.id))!;
      expect(fair).toMatchObject({
        status: "draft",
        nameVi: name,
        provinceCode: "19",
        requiresApproval: false,
      });
      const { owner } = await sellingCooperative(c);
      expect((await domainError(c.services.fairs.createFair(owner, fairForm()))).code).toBe("forbidden");
    });

    it("opens only with booths, goes back to draft only without bookings, and stays finished", async () => {
      const { id, slug } = await c.services.fairs.createFair(staff, fairForm());
      const status = async () => (await c.db.models.Fair.findByPk(id))!.status;
      expect(
        (await domainError(c.services.fairs.setFairStatus(staff, { fairId: id, status: "open" }))).code,
      ).toBe("fair_has_no_booths");
      expect(
        (await domainError(c.services.fairs.setFairStatus(staff, { fairId: id, status: "finished" }))).code,
      ).toBe("transition_refused");
      const hall = await c.services.fairs.addHall(staff, {
        fairId: id,
        form: { name: "Nhà B", widthM: "40", depthM: "20" },
      });
      await c.services.fairs.generateBoothGrid(staff, {
        fairId: id,
        form: gridForm(hall.id, { rows: "1", columns: "3" }),
      });
      await c.services.fairs.setFairStatus(staff, { fairId: id, status: "open" });
      await c.services.fairs.setFairStatus(staff, { fairId: id, status: "draft" });
      expect(await status()).toBe("draft");
      await c.services.fairs.setFairStatus(staff, { fairId: id, status: "open" });
      const { owner } = await sellingCooperative(c);
      const booth = (await c.db.models.Booth.findOne({ where: { fairId: id, code: "A02" } }))!;
      const held = await c.services.fairs.holdBooth(owner, { boothId: booth.id });
      expect(
        (await domainError(c.services.fairs.setFairStatus(staff, { fairId: id, status: "draft" }))).code,
      ).toBe("fair_has_bookings");
      // Even a booking that let go of its booth is history the draft would hide.
      await c.services.fairs.cancelBooking(owner, { publicId: held.publicId });
      expect(
        (await domainError(c.services.fairs.setFairStatus(staff, { fairId: id, status: "draft" }))).code,
      ).toBe("fair_has_bookings");
      await c.services.fairs.setFairStatus(staff, { fairId: id, status: "closed" });
      expect((await domainError(c.services.fairs.holdBooth(owner, { boothId: booth.id }))).code).toBe(
        "booking_closed",
      );
      await c.services.fairs.setFairStatus(staff, { fairId: id, status: "open" });
      await c.services.fairs.setFairStatus(staff, { fairId: id, status: "closed" });
      await c.services.fairs.setFairStatus(staff, { fairId: id, status: "finished" });
      for (const to of ["open", "closed", "draft"] as const)
        expect(
          (await domainError(c.services.fairs.setFairStatus(staff, { fairId: id, status: to }))).code,
        ).toBe("transition_refused");
      expect(await status()).toBe("finished");
      // A finished fair is still public (its exhibitors stay listed).
      expect(
        (await c.services.fairs.getPublicFair({ slug, query: {}, locale: "vi", viewer: null })).fair.status,
      ).toBe("finished");
    });

    it("keeps drafts from the public and from cooperatives, but shows them to staff", async () => {
      const { id, slug } = await c.services.fairs.createFair(staff, fairForm({ nameVi: "Hội chợ còn nháp" }));
      const { owner } = await sellingCooperative(c);
      expect(
        (await domainError(c.services.fairs.getPublicFair({ slug, query: {}, locale: "vi", viewer: null })))
          .code,
      ).toBe("fair_not_found");
      expect(
        (await domainError(c.services.fairs.getPublicFair({ slug, query: {}, locale: "vi", viewer: owner })))
          .code,
      ).toBe("fair_not_found");
      expect(
        (await domainError(c.services.fairs.getFairForCooperative(owner, { slug, locale: "vi" }))).code,
      ).toBe("fair_not_found");
      expect((await c.services.fairs.listFairs({ locale: "vi" })).map((f) => f.id)).not.toContain(id);
      expect(
        (await c.services.fairs.getPublicFair({ slug, query: {}, locale: "vi", viewer: staff })).fair.name,
      ).toBe("Hội chợ còn nháp");
      expect((await c.services.fairs.listFairsForStaff(staff, { locale: "vi" })).map((f) => f.id)).toContain(
        id,
      );
    });
  });

  describe("the cover and the open list", () => {
    it("takes a cover photo through the image pipeline, refuses a file that is not an image, and lists open fairs", async () => {
      const fair = await openFair(c, staff);
      const notImage = await domainError(
        c.services.fairs.setFairCover(staff, { fairId: fair.id, file: Buffer.from("không phải ảnh") }),
      );
      expect(fieldCodes(notImage)).toEqual({ cover: "not_an_image" });
      const jpeg = await sharp({ create: { width: 1600, height: 900, channels: 3, background: "#2f6b3a" } })
        .jpeg()
        .toBuffer();
      await c.services.fairs.setFairCover(staff, { fairId: fair.id, file: jpeg });
      const { fair: shown } = await c.services.fairs.getPublicFair({
        slug: fair.slug,
        query: {},
        locale: "vi",
        viewer: null,
      });
      expect(shown.cover).toMatchObject({ width: 1600, height: 900 });
      const variants = expandSources(shown.cover!.sources);
      expect(new Set(variants.map((v) => v.width))).toEqual(new Set([640, 1280]));
      expect(variants.map((v) => v.format)).toEqual(expect.arrayContaining(["avif", "webp", "jpeg"]));
      expect(variants.every((v) => v.url.startsWith("/uploads/fairs/"))).toBe(true);
      const { owner } = await sellingCooperative(c);
      expect(
        (await domainError(c.services.fairs.setFairCover(owner, { fairId: fair.id, file: jpeg }))).status,
      ).toBe(403);
      // Open for booking now: on the cooperatives' list; a fair whose booking closed is not.
      expect((await c.services.fairs.listOpenFairs({ locale: "vi" })).map((f) => f.id)).toContain(fair.id);
      await c.services.fairs.setFairStatus(staff, { fairId: fair.id, status: "closed" });
      expect((await c.services.fairs.listOpenFairs({ locale: "vi" })).map((f) => f.id)).not.toContain(
        fair.id,
      );
    });
  });

  describe("the floor plan", () => {
    async function draftWithHall(size = { widthM: "40", depthM: "20" }) {
      const { id, slug } = await c.services.fairs.createFair(staff, fairForm());
      const hall = await c.services.fairs.addHall(staff, {
        fairId: id,
        form: { name: "Nhà triển lãm", ...size },
      });
      return { id, slug, hallId: hall.id };
    }
    const boothsOf = async (fairId: number) =>
      (await c.services.fairs.getFairForStaff(staff, { fairId, locale: "vi" })).halls.flatMap(
        (h) => h.booths,
      );

    it("asks for a hall's size when it is left blank, rather than calling it malformed", async () => {
      const { id } = await c.services.fairs.createFair(staff, fairForm());
      const error = await domainError(
        c.services.fairs.addHall(staff, { fairId: id, form: { name: "Nhà B", widthM: "", depthM: "x" } }),
      );
      expect(fieldCodes(error)).toEqual({ widthM: "required", depthM: "format" });
      expect(await c.db.models.FairHall.count({ where: { fairId: id } })).toBe(0);
    });

    it("generates a grid with corner prices, and refuses taken codes, overlaps and grids larger than the hall", async () => {
      const { id, hallId } = await draftWithHall();
      expect(
        await c.services.fairs.generateBoothGrid(staff, {
          fairId: id,
          form: gridForm(hallId, { priceVnd: "1500000", cornerPriceVnd: "2000000" }),
        }),
      ).toEqual({ created: 10 });
      const booths = await boothsOf(id);
      expect(booths.map((b) => b.code)).toEqual([
        "A01",
        "A02",
        "A03",
        "A04",
        "A05",
        "B01",
        "B02",
        "B03",
        "B04",
        "B05",
      ]);
      expect(booths.filter((b) => b.type === "corner").map((b) => [b.code, b.priceVnd])).toEqual([
        ["A01", 2_000_000],
        ["A05", 2_000_000],
        ["B01", 2_000_000],
        ["B05", 2_000_000],
      ]);
      expect(booths.find((b) => b.code === "B03")).toMatchObject({
        type: "standard",
        priceVnd: 1_500_000,
        xM: 8,
        yM: 8,
        state: "available",
      });

      // The same codes again, elsewhere in the hall.
      const taken = await domainError(
        c.services.fairs.generateBoothGrid(staff, {
          fairId: id,
          form: gridForm(hallId, { rows: "1", originYM: "15" }),
        }),
      );
      expect(fieldCodes(taken)).toEqual({ firstRow: "booth_code_taken" });
      // New codes, but on top of row B.
      const overlap = await domainError(
        c.services.fairs.generateBoothGrid(staff, {
          fairId: id,
          form: gridForm(hallId, { firstRow: "C", rows: "1", originYM: "9" }),
        }),
      );
      expect(fieldCodes(overlap)).toEqual({ originYM: "booth_overlaps" });
      // Fourteen 3 m booths from x = 2 need 44 m of a 40 m hall.
      const large = await domainError(
        c.services.fairs.generateBoothGrid(staff, {
          fairId: id,
          form: gridForm(hallId, { firstRow: "C", rows: "1", columns: "14", originYM: "15" }),
        }),
      );
      expect(fieldCodes(large)).toEqual({ columns: "grid_too_large" });
      expect(await c.db.models.Booth.count({ where: { fairId: id } })).toBe(10);
      // From x = 1, thirteen 3 m booths end exactly at the 40 m wall: they fit.
      expect(
        await c.services.fairs.generateBoothGrid(staff, {
          fairId: id,
          form: gridForm(hallId, { firstRow: "C", rows: "1", columns: "13", originXM: "1", originYM: "14" }),
        }),
      ).toEqual({ created: 13 });
      // A hall of another fair is not this fair's.
      const other = await draftWithHall();
      expect(
        fieldCodes(
          await domainError(
            c.services.fairs.generateBoothGrid(staff, { fairId: id, form: gridForm(other.hallId) }),
          ),
        ),
      ).toEqual({ hallId: "choose_one" });
    });

    it("lets staff move a booked booth and change its price, but not resize, retype, block or delete it", async () => {
      const fair = await openFair(c, staff, { priceVnd: 1_000_000 });
      const { owner } = await sellingCooperative(c);
      const a02 = fair.boothByCode("A02");
      const held = await c.services.fairs.holdBooth(owner, { boothId: a02.id });
      const changes: Array<Record<string, string>> = [
        { widthM: "4" },
        { depthM: "2" },
        { type: "premium" },
        { blockedReason: "Ban tổ chức" },
      ];
      for (const change of changes) {
        const refused = await domainError(
          c.services.fairs.updateBooth(staff, { boothId: a02.id, form: boothForm(a02, change) }),
        );
        expect(refused.code, JSON.stringify(change)).toBe("booth_has_booking");
      }
      expect((await domainError(c.services.fairs.deleteBooth(staff, { boothId: a02.id }))).code).toBe(
        "booth_has_booking",
      );
      // Moving it down the hall (to free floor) and repricing it are fine; the booking keeps its price.
      await c.services.fairs.updateBooth(staff, {
        boothId: a02.id,
        form: boothForm(a02, { yM: "20", priceVnd: "1200000" }),
      });
      const moved = (await c.db.models.Booth.findByPk(a02.id))!;
      expect([moved.yM, moved.priceVnd, moved.widthM, moved.type]).toEqual([20, 1_200_000, 3, "standard"]);
      expect((await bookingRow(c, held.publicId)).amountVnd).toBe(1_000_000);
      expect(await stateOf(c, fair.slug, "A02")).toBe("held");

      // Once the booking lets go, the booth can be blocked; it keeps its history, so it is not deleted.
      await c.services.fairs.cancelBooking(owner, { publicId: held.publicId });
      await c.services.fairs.updateBooth(staff, {
        boothId: a02.id,
        form: boothForm({ ...a02, yM: 20 }, { blockedReason: "Lối thoát hiểm" }),
      });
      expect((await domainError(c.services.fairs.deleteBooth(staff, { boothId: a02.id }))).code).toBe(
        "booth_has_history",
      );
      expect(await stateOf(c, fair.slug, "A02")).toBe("blocked");
      expect((await domainError(c.services.fairs.holdBooth(owner, { boothId: a02.id }))).code).toBe(
        "booth_blocked",
      );
      // A booth nobody ever booked goes.
      await c.services.fairs.deleteBooth(staff, { boothId: fair.boothByCode("B05").id });
      expect(await c.db.models.Booth.count({ where: { fairId: fair.id } })).toBe(9);
    });

    it("refuses a booth moved onto another, outside the hall, or renamed to a code the fair already uses", async () => {
      const fair = await openFair(c, staff);
      const a01 = fair.boothByCode("A01");
      const onA02 = await domainError(
        c.services.fairs.updateBooth(staff, { boothId: a01.id, form: boothForm(a01, { xM: "4" }) }),
      );
      expect(fieldCodes(onA02)).toEqual({ xM: "booth_overlaps" });
      const outside = await domainError(
        c.services.fairs.updateBooth(staff, { boothId: a01.id, form: boothForm(a01, { xM: "78" }) }),
      );
      expect(fieldCodes(outside)).toEqual({ xM: "booth_outside_hall" });
      const sameHall = await domainError(
        c.services.fairs.updateBooth(staff, { boothId: a01.id, form: boothForm(a01, { code: "a03" }) }),
      );
      expect(fieldCodes(sameHall)).toEqual({ code: "booth_code_taken" });
      // A second hall: its booth may not take a code from the first hall either (codes are per fair).
      const hall2 = await c.services.fairs.addHall(staff, {
        fairId: fair.id,
        form: {
          name: "Nhà B",
          widthM: "30",
          depthM: "20",
        },
      });
      await c.services.fairs.generateBoothGrid(staff, {
        fairId: fair.id,
        form: gridForm(hall2.id, { firstRow: "P", rows: "1", columns: "2" }),
      });
      const p01 = (await c.db.models.Booth.findOne({ where: { fairId: fair.id, code: "P01" } }))!;
      const otherHall = await domainError(
        c.services.fairs.updateBooth(staff, { boothId: p01.id, form: boothForm(p01, { code: "A01" }) }),
      );
      expect(fieldCodes(otherHall)).toEqual({ code: "booth_code_taken" });
      await c.services.fairs.updateBooth(staff, { boothId: p01.id, form: boothForm(p01, { code: "P09" }) });
      expect((await c.db.models.Booth.findByPk(p01.id))!.code).toBe("P09");
    });
  });
});
