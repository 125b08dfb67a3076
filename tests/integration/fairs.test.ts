import sharp from "sharp";
import { Op } from "sequelize";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "../../server/accounts/current-user";
import { formatDate } from "../../server/vocabulary/format";
import { EXPIRE_BOOKING } from "../../server/fairs";
import { createTestContainer, DIALECTS, type TestContainer } from "../support/db";
import { currentUser, makeProduct, makeUser } from "../support/factories";
import {
  boothForm,
  bookingEvents,
  bookingRow,
  exhibitor,
  expireNow,
  FAIR_BANK,
  fairForm,
  fairsAt,
  gridForm,
  makeExpiryJobsDue,
  openFair,
  stateOf,
} from "../support/fairs";
import { domainError, fieldCodes, outbox, sellingCooperative, signedInStaff } from "../support/orders";
import { STRIPE_ENV, StripeApiDouble } from "../support/stripe";

const DAY = 86_400_000;
const HOUR = 3_600_000;
const codeOf = (r: PromiseSettledResult<unknown>) =>
  r.status === "rejected" ? (r.reason as { code?: string }).code : "fulfilled";

/**
 * Trade fairs through their use cases on a real database. Card payments go through the payments service's
 * webhook handler and the real `stripe` library; only Stripe's API is replaced, at the HTTP edge
 * (tests/support/stripe.ts), because api.stripe.com cannot be reached from here.
 */
describe.each(DIALECTS)("trade fairs on %s", (dialect) => {
  const stripe = new StripeApiDouble();
  let c: TestContainer;
  let staff: CurrentUser;
  beforeAll(async () => {
    c = await createTestContainer(dialect, STRIPE_ENV, { stripeHttpClient: stripe.httpClient });
    staff = await signedInStaff(c);
  });
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
      expect(new Set(shown.cover!.variants.map((v) => v.width))).toEqual(new Set([640, 1280]));
      expect(shown.cover!.variants.map((v) => v.format)).toEqual(
        expect.arrayContaining(["avif", "webp", "jpeg"]),
      );
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

  describe("at the same time", () => {
    it("gives one booth to exactly one of 50 cooperatives trying at once; the rest hear it was just taken", async () => {
      const fair = await openFair(c, staff);
      const target = fair.boothByCode("A03");
      const cooperatives = await Promise.all(Array.from({ length: 50 }, () => sellingCooperative(c)));
      const results = await Promise.allSettled(
        cooperatives.map(({ owner }) => c.services.fairs.holdBooth(owner, { boothId: target.id })),
      );
      expect(results.map(codeOf).filter((x) => x === "fulfilled")).toHaveLength(1);
      expect(results.map(codeOf).filter((x) => x === "booth_taken")).toHaveLength(49);
      const { BoothBooking, BookingEvent } = c.db.models;
      const rows = await BoothBooking.findAll({ where: { fairId: fair.id } });
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ boothId: target.id, activeBoothId: target.id, status: "held" });
      expect(await BookingEvent.count({ where: { bookingId: rows[0]!.id } })).toBe(1);
      const winner = cooperatives[results.findIndex((r) => r.status === "fulfilled")]!;
      expect(rows[0]!.cooperativeId).toBe(winner.coop.id);
      const plan = await c.services.fairs.getPublicFair({
        slug: fair.slug,
        query: {},
        locale: "vi",
        viewer: null,
      });
      const shown = plan.halls.flatMap((h) => h.booths);
      expect(shown.find((b) => b.code === "A03")!.state).toBe("held");
      expect(shown.filter((b) => b.code !== "A03").every((b) => b.state === "available")).toBe(true);
      expect(plan.fair.availableCount).toBe(9);
    }, 60_000);

    it("lets one cooperative hold only its limit of booths, even when it asks for five at once", async () => {
      const fair = await openFair(c, staff, { form: { maxBoothsPerCooperative: "2" } });
      const { coop, owner } = await sellingCooperative(c);
      const codes = ["A01", "A02", "A03", "A04", "A05"];
      const results = await Promise.allSettled(
        codes.map((code) => c.services.fairs.holdBooth(owner, { boothId: fair.boothByCode(code).id })),
      );
      const outcomes = results.map(codeOf);
      expect(outcomes.filter((x) => x === "fulfilled")).toHaveLength(2);
      expect(outcomes.filter((x) => x === "booth_limit_reached")).toHaveLength(3);
      expect(
        await c.db.models.BoothBooking.count({ where: { fairId: fair.id, cooperativeId: coop.id } }),
      ).toBe(2);
      const view = await c.services.fairs.getFairForCooperative(owner, { slug: fair.slug, locale: "vi" });
      expect(view.activeCount).toBe(2);
    });

    it("moves only one of ten bookings onto the same free booth when staff move them all at once", async () => {
      const fair = await openFair(c, staff, { rows: 2, columns: 6 });
      const target = fair.boothByCode("B06");
      const sources = ["A01", "A02", "A03", "A04", "A05", "A06", "B01", "B02", "B03", "B04"];
      const holds = [];
      for (const code of sources) {
        const { owner } = await sellingCooperative(c);
        holds.push(await c.services.fairs.holdBooth(owner, { boothId: fair.boothByCode(code).id }));
      }
      const results = await Promise.allSettled(
        holds.map((h) => c.services.fairs.moveBooking(staff, { publicId: h.publicId, toBoothId: target.id })),
      );
      const outcomes = results.map(codeOf);
      expect(outcomes.filter((x) => x === "fulfilled")).toHaveLength(1);
      expect(outcomes.filter((x) => x === "booth_taken")).toHaveLength(9);
      expect(await c.db.models.BoothBooking.count({ where: { activeBoothId: target.id } })).toBe(1);
      const winner = holds[outcomes.indexOf("fulfilled")]!;
      expect((await bookingRow(c, winner.publicId)).boothId).toBe(target.id);
      // The losers stay where they were; the winner's old booth is free.
      for (const [i, h] of holds.entries()) {
        if (h === winner) continue;
        expect((await bookingRow(c, h.publicId)).activeBoothId).toBe(fair.boothByCode(sources[i]!).id);
      }
      expect(await stateOf(c, fair.slug, sources[outcomes.indexOf("fulfilled")]!)).toBe("available");
      expect(await stateOf(c, fair.slug, "B06")).toBe("held");
      const events = await bookingEvents(c, winner.publicId);
      expect(events).toEqual([
        expect.stringMatching(/^∅→held by cooperative/),
        `held→held by staff#${staff.id}`,
      ]);
    }, 60_000);
  });

  describe("a booking's life", () => {
    it("books a free booth at once, frees it on cancel, and refuses a second booking beyond the limit", async () => {
      const fair = await openFair(c, staff, { form: { maxBoothsPerCooperative: "1" } });
      const { owner } = await sellingCooperative(c);
      const held = await c.services.fairs.holdBooth(owner, { boothId: fair.boothByCode("A01").id });
      expect(
        (await domainError(c.services.fairs.holdBooth(owner, { boothId: fair.boothByCode("A02").id }))).code,
      ).toBe("booth_limit_reached");
      expect(await c.services.fairs.confirmBooking(owner, { publicId: held.publicId, form: {} })).toEqual({
        status: "booked",
      });
      expect(await stateOf(c, fair.slug, "A01")).toBe("booked");
      await c.services.fairs.cancelBooking(owner, { publicId: held.publicId });
      expect(await stateOf(c, fair.slug, "A01")).toBe("available");
      const again = await c.services.fairs.holdBooth(owner, { boothId: fair.boothByCode("A01").id });
      expect(again.publicId).not.toBe(held.publicId);
      // The cooperative's fairs page lists both, the live one flagged active.
      const mine = await c.services.fairs.listOwnBookings(owner, { locale: "vi" });
      expect(mine.bookings.map((b) => [b.publicId, b.status, b.boothCode, b.active])).toEqual([
        [again.publicId, "held", "A01", true],
        [held.publicId, "cancelled", "A01", false],
      ]);
      const detail = await c.services.fairs.getBooking(owner, { publicId: again.publicId, locale: "vi" });
      expect(detail.rules).toMatchObject({ requiresApproval: false, holdMinutes: 15 });
      expect(await bookingEvents(c, held.publicId)).toEqual([
        `∅→held by cooperative#${owner.id}`,
        `held→booked by cooperative#${owner.id}`,
        `booked→cancelled by cooperative#${owner.id}`,
      ]);
    });

    it("sends a free booth through approval to booked, and a paid one through approval and payment", async () => {
      const fair = await openFair(c, staff, {
        priceVnd: 1_500_000,
        form: { requiresApproval: "on", transferDays: "5", ...FAIR_BANK },
      });
      // A subsidised booth: approval, then booked at once.
      const free = fair.boothByCode("A03");
      await c.services.fairs.updateBooth(staff, {
        boothId: free.id,
        form: boothForm(free, { priceVnd: "0" }),
      });
      const a = await sellingCooperative(c);
      // Its second member reads English: the fair is named in English for them.
      const english = await makeUser(c, { role: "cooperative", locale: "en" });
      await c.db.models.CooperativeMember.create({
        userId: english.id,
        cooperativeId: a.coop.id,
        role: "member",
      });
      const freeHold = await c.services.fairs.holdBooth(a.owner, { boothId: free.id });
      expect(
        await c.services.fairs.confirmBooking(a.owner, { publicId: freeHold.publicId, form: {} }),
      ).toEqual({
        status: "pending_approval",
      });
      expect(await stateOf(c, fair.slug, "A03")).toBe("pending");
      expect((await bookingRow(c, freeHold.publicId)).expiresAt).toBeNull();
      expect(
        (await c.services.fairs.listFairsForStaff(staff, { locale: "vi" })).find((f) => f.id === fair.id)!
          .pendingApproval,
      ).toBe(1);
      await c.services.fairs.decideBooking(staff, { publicId: freeHold.publicId, action: "approve" });
      expect(await bookingRow(c, freeHold.publicId)).toMatchObject({ status: "booked", amountVnd: 0 });
      expect(await bookingEvents(c, freeHold.publicId)).toEqual([
        `∅→held by cooperative#${a.owner.id}`,
        `held→pending_approval by cooperative#${a.owner.id}`,
        `pending_approval→booked by staff#${staff.id}`,
      ]);
      expect((await outbox(c, "booth_approved")).some((n) => n.userId === a.owner.id)).toBe(true);
      const approved = await outbox(c, "booth_approved");
      expect(approved.find((n) => n.userId === a.owner.id)!.params.fair).toBe(
        "Hội chợ OCOP Thái Nguyên 2026",
      );
      expect(approved.find((n) => n.userId === english.id)!.params.fair).toBe("Thái Nguyên OCOP Fair 2026");

      // A paid booth: the method is asked for; then approval; then a transfer deadline; then staff mark it paid.
      const b = await sellingCooperative(c);
      const paidHold = await c.services.fairs.holdBooth(b.owner, { boothId: fair.boothByCode("A02").id });
      expect(
        fieldCodes(
          await domainError(
            c.services.fairs.confirmBooking(b.owner, { publicId: paidHold.publicId, form: {} }),
          ),
        ),
      ).toEqual({
        paymentMethod: "choose_payment_method",
      });
      expect(
        await c.services.fairs.confirmBooking(b.owner, {
          publicId: paidHold.publicId,
          form: { paymentMethod: "bank_transfer" },
        }),
      ).toEqual({ status: "pending_approval" });
      expect(
        (
          await domainError(
            c.services.fairs.decideBooking(staff, { publicId: paidHold.publicId, action: "mark_paid" }),
          )
        ).code,
      ).toBe("transition_refused");
      const approvedAt = Date.now();
      await c.services.fairs.decideBooking(staff, { publicId: paidHold.publicId, action: "approve" });
      const pending = await bookingRow(c, paidHold.publicId);
      expect(pending.status).toBe("pending_payment");
      expect(pending.expiresAt!.getTime()).toBeGreaterThanOrEqual(approvedAt + 5 * DAY - 2_000);
      expect(pending.expiresAt!.getTime()).toBeLessThanOrEqual(Date.now() + 5 * DAY + 1_000);
      // The deadline is a job of its own, due when the deadline passes.
      const jobs = await c.db.models.Job.findAll({
        where: { type: EXPIRE_BOOKING, payload: JSON.stringify({ bookingId: pending.id }) },
        order: [["id", "ASC"]],
      });
      expect(Math.abs(jobs.at(-1)!.runAt.getTime() - pending.expiresAt!.getTime())).toBeLessThan(1_000);
      const detail = await c.services.fairs.getBooking(b.owner, {
        publicId: paidHold.publicId,
        locale: "vi",
      });
      expect(detail.transfer).toMatchObject({
        amountVnd: 1_500_000,
        accountNo: FAIR_BANK.bankAccountNo.replace(/\s/g, ""),
        accountName: FAIR_BANK.bankAccountName.toUpperCase(),
        reference: pending.transferReference,
      });
      expect(await stateOf(c, fair.slug, "A02")).toBe("pending");
      await c.services.fairs.decideBooking(staff, { publicId: paidHold.publicId, action: "mark_paid" });
      const booked = await bookingRow(c, paidHold.publicId);
      expect(booked).toMatchObject({ status: "booked", expiresAt: null, paymentMethod: "bank_transfer" });
      expect(booked.paidAt).not.toBeNull();
      expect(await bookingEvents(c, paidHold.publicId)).toEqual([
        `∅→held by cooperative#${b.owner.id}`,
        `held→pending_approval by cooperative#${b.owner.id}`,
        `pending_approval→pending_payment by staff#${staff.id}`,
        `pending_payment→booked by staff#${staff.id}`,
      ]);
      expect((await outbox(c, "booth_booked")).some((n) => n.userId === b.owner.id)).toBe(true);
      expect(await stateOf(c, fair.slug, "A02")).toBe("booked");
    });

    it("goes straight to payment without approval, and refuses a transfer when the fair has no account", async () => {
      const fair = await openFair(c, staff, { priceVnd: 900_000 });
      const { owner } = await sellingCooperative(c);
      const held = await c.services.fairs.holdBooth(owner, { boothId: fair.boothByCode("A04").id });
      expect(
        fieldCodes(
          await domainError(
            c.services.fairs.confirmBooking(owner, {
              publicId: held.publicId,
              form: { paymentMethod: "bank_transfer" },
            }),
          ),
        ),
      ).toEqual({ paymentMethod: "fair_bank_transfer_unavailable" });
      expect(
        await c.services.fairs.confirmBooking(owner, {
          publicId: held.publicId,
          form: { paymentMethod: "card" },
        }),
      ).toEqual({
        status: "pending_payment",
      });
      expect(await bookingEvents(c, held.publicId)).toEqual([
        `∅→held by cooperative#${owner.id}`,
        `held→pending_payment by cooperative#${owner.id}`,
      ]);
    });

    it("frees a declined booth, with the reason told to the cooperative", async () => {
      const fair = await openFair(c, staff, { form: { requiresApproval: "on" } });
      const { owner } = await sellingCooperative(c);
      const held = await c.services.fairs.holdBooth(owner, { boothId: fair.boothByCode("B02").id });
      await c.services.fairs.confirmBooking(owner, { publicId: held.publicId, form: {} });
      expect(
        fieldCodes(
          await domainError(
            c.services.fairs.decideBooking(staff, {
              publicId: held.publicId,
              action: "decline",
              form: { reason: "Ko" },
            }),
          ),
        ),
      ).toEqual({ reason: "cancel_reason_too_short" });
      const reason = "Gian hàng dành cho sản phẩm OCOP 3 sao trở lên";
      await c.services.fairs.decideBooking(staff, {
        publicId: held.publicId,
        action: "decline",
        form: { reason },
      });
      expect(await bookingRow(c, held.publicId)).toMatchObject({
        status: "declined",
        activeBoothId: null,
        reason,
      });
      expect(await stateOf(c, fair.slug, "B02")).toBe("available");
      const told = (await outbox(c, "booth_declined")).find((n) => n.userId === owner.id)!;
      expect(told.params).toMatchObject({ booth: "B02", reason });
      expect((await bookingEvents(c, held.publicId)).at(-1)).toBe(
        `pending_approval→declined by staff#${staff.id}`,
      );
      const other = await sellingCooperative(c);
      await c.services.fairs.holdBooth(other.owner, { boothId: fair.boothByCode("B02").id });
    });

    it("lets a cooperative cancel until booking closes, then only a hold; a hold that ran out cannot be confirmed", async () => {
      const fair = await openFair(c, staff);
      const { owner } = await sellingCooperative(c);
      const booked = await c.services.fairs.holdBooth(owner, { boothId: fair.boothByCode("A01").id });
      await c.services.fairs.confirmBooking(owner, { publicId: booked.publicId, form: {} });
      const held = await c.services.fairs.holdBooth(owner, { boothId: fair.boothByCode("A02").id });
      // Booking closes 20 days from now (fairForm): 21 days on, a booked booth can no longer be given back.
      const later = fairsAt(c, new Date(Date.now() + 21 * DAY));
      expect((await domainError(later.cancelBooking(owner, { publicId: booked.publicId }))).code).toBe(
        "cancel_deadline_passed",
      );
      expect((await domainError(later.holdBooth(owner, { boothId: fair.boothByCode("A03").id }))).code).toBe(
        "booking_closed",
      );
      expect((await bookingRow(c, booked.publicId)).status).toBe("booked");
      // The hold ran out 15 minutes after it was made.
      const afterHold = fairsAt(c, new Date(Date.now() + 16 * 60_000));
      expect(
        (await domainError(afterHold.confirmBooking(owner, { publicId: held.publicId, form: {} }))).code,
      ).toBe("hold_expired");
      expect((await bookingRow(c, held.publicId)).status).toBe("held");
      await later.cancelBooking(owner, { publicId: held.publicId });
      expect(await stateOf(c, fair.slug, "A02")).toBe("available");
      // Someone else's booking is not found, not refused, for a cooperative.
      const stranger = await sellingCooperative(c);
      expect(
        (await domainError(c.services.fairs.cancelBooking(stranger.owner, { publicId: booked.publicId })))
          .code,
      ).toBe("booking_not_found");
      expect(
        (
          await domainError(
            c.services.fairs.getBooking(stranger.owner, { publicId: booked.publicId, locale: "vi" }),
          )
        ).code,
      ).toBe("booking_not_found");
    });

    it("shows only the cooperative's own active products at its booth", async () => {
      const fair = await openFair(c, staff);
      const mine = await exhibitor(c, { products: [{ nameVi: "Chè móc câu" }, { nameVi: "Chè nõn tôm" }] });
      const theirs = await exhibitor(c, { products: [{ nameVi: "Gạo Bao thai" }] });
      const draft = await makeProduct(c, mine.coop.id, { nameVi: "Chè xanh thử nghiệm", status: "draft" });
      const held = await c.services.fairs.holdBooth(mine.owner, { boothId: fair.boothByCode("A01").id });
      for (const productIds of [[mine.products[0]!.id, theirs.products[0]!.id], [draft.id]]) {
        const refused = await domainError(
          c.services.fairs.confirmBooking(mine.owner, { publicId: held.publicId, form: { productIds } }),
        );
        expect(fieldCodes(refused)).toEqual({ productIds: "not_your_product" });
      }
      expect((await bookingRow(c, held.publicId)).status).toBe("held");
      await c.services.fairs.confirmBooking(mine.owner, {
        publicId: held.publicId,
        form: {
          productIds: [String(mine.products[0]!.id)],
        },
      });
      await c.services.fairs.chooseBookingProducts(mine.owner, {
        publicId: held.publicId,
        form: {
          productIds: mine.products.map((p) => String(p.id)),
        },
      });
      expect(
        fieldCodes(
          await domainError(
            c.services.fairs.chooseBookingProducts(mine.owner, {
              publicId: held.publicId,
              form: {
                productIds: [String(theirs.products[0]!.id)],
              },
            }),
          ),
        ),
      ).toEqual({ productIds: "not_your_product" });
      const detail = await c.services.fairs.getBooking(mine.owner, { publicId: held.publicId, locale: "vi" });
      expect([...detail.productIds].sort((x, y) => x - y)).toEqual(mine.products.map((p) => p.id));
    });
  });

  describe("deadlines", () => {
    it("expires a hold and an unpaid booking when their time comes, and frees the booths", async () => {
      const fair = await openFair(c, staff, { priceVnd: 500_000, form: FAIR_BANK });
      const { owner } = await sellingCooperative(c);
      const hold = await c.services.fairs.holdBooth(owner, { boothId: fair.boothByCode("A01").id });
      const unpaid = await c.services.fairs.holdBooth(owner, { boothId: fair.boothByCode("A02").id });
      await c.services.fairs.confirmBooking(owner, {
        publicId: unpaid.publicId,
        form: { paymentMethod: "bank_transfer" },
      });
      // The hold's job, due once the booking has moved on to payment, finds a later deadline and leaves it.
      const unpaidId = (await bookingRow(c, unpaid.publicId)).id;
      await makeExpiryJobsDue(c, unpaidId, { first: true });
      await c.worker.drain();
      expect((await bookingRow(c, unpaid.publicId)).status).toBe("pending_payment");
      expect(
        await c.db.models.Job.count({
          where: {
            type: EXPIRE_BOOKING,
            status: "pending",
            payload: JSON.stringify({ bookingId: unpaidId }),
          },
        }),
      ).toBe(1);

      await expireNow(c, hold.publicId);
      await expireNow(c, unpaid.publicId);
      expect(await bookingRow(c, hold.publicId)).toMatchObject({ status: "expired", activeBoothId: null });
      expect(await bookingRow(c, unpaid.publicId)).toMatchObject({ status: "expired", activeBoothId: null });
      expect((await bookingEvents(c, hold.publicId)).at(-1)).toBe("held→expired by system");
      expect((await bookingEvents(c, unpaid.publicId)).at(-1)).toBe("pending_payment→expired by system");
      const notes = await c.db.models.BookingEvent.findAll({
        where: {
          toStatus: "expired",
          bookingId: [(await bookingRow(c, hold.publicId)).id, (await bookingRow(c, unpaid.publicId)).id],
        },
        order: [["id", "ASC"]],
      });
      expect(notes.map((n) => n.note)).toEqual(["hold_expired", "payment_overdue"]);
      expect(await stateOf(c, fair.slug, "A01")).toBe("available");
      expect(await stateOf(c, fair.slug, "A02")).toBe("available");
      expect(
        (await c.services.fairs.getFairForCooperative(owner, { slug: fair.slug, locale: "vi" })).activeCount,
      ).toBe(0);
    });

    it("leaves a booking alone when the hold's job comes after it was confirmed", async () => {
      const fair = await openFair(c, staff);
      const { owner } = await sellingCooperative(c);
      const held = await c.services.fairs.holdBooth(owner, { boothId: fair.boothByCode("B01").id });
      await c.services.fairs.confirmBooking(owner, { publicId: held.publicId, form: {} });
      const row = await bookingRow(c, held.publicId);
      await makeExpiryJobsDue(c, row.id);
      await c.worker.drain();
      expect(await bookingRow(c, held.publicId)).toMatchObject({
        status: "booked",
        activeBoothId: row.boothId,
      });
      expect(await bookingEvents(c, held.publicId)).toHaveLength(2);
      const job = await c.db.models.Job.findOne({
        where: { type: EXPIRE_BOOKING, payload: JSON.stringify({ bookingId: row.id }) },
      });
      expect(job!.status).toBe("done");
    });
  });

  describe("refusals nobody should meet twice", () => {
    it("says why: a cooperative not yet approved, a booking moved onto its own booth, bad grid and booth codes", async () => {
      const fair = await openFair(c, staff);
      const { coop, owner } = await sellingCooperative(c);
      await coop.update({ status: "pending" });
      const pending = await currentUser(c, owner.email);
      expect(
        await domainError(c.services.fairs.holdBooth(pending, { boothId: fair.boothByCode("A02").id })),
      ).toMatchObject({
        code: "cooperative_not_approved",
        status: 403,
      });

      const { owner: other } = await sellingCooperative(c);
      const held = await c.services.fairs.holdBooth(other, { boothId: fair.boothByCode("A02").id });
      const same = await domainError(
        c.services.fairs.moveBooking(staff, {
          publicId: held.publicId,
          toBoothId: fair.boothByCode("A02").id,
        }),
      );
      expect(fieldCodes(same)).toEqual({ toBoothId: "same_booth" });

      const badGrid = await domainError(
        c.services.fairs.generateBoothGrid(staff, {
          fairId: fair.id,
          form: gridForm(fair.hallId, { firstRow: "7" }),
        }),
      );
      expect(fieldCodes(badGrid)).toEqual({ firstRow: "row_letter" });
      const a03 = fair.boothByCode("A03");
      const badCode = await domainError(
        c.services.fairs.updateBooth(staff, { boothId: a03.id, form: boothForm(a03, { code: "A 03!" }) }),
      );
      expect(fieldCodes(badCode)).toEqual({ code: "booth_code" });
    });
  });

  describe("the waiting list", () => {
    it("offers a freed booth to the first cooperative waiting, then to the next when the offer runs out", async () => {
      const fair = await openFair(c, staff, {
        rows: 1,
        columns: 2,
        form: { maxBoothsPerCooperative: "1", offerHours: "24" },
      });
      const [a, b, first, second] = await Promise.all([1, 2, 3, 4].map(() => sellingCooperative(c)));
      const aHold = await c.services.fairs.holdBooth(a!.owner, { boothId: fair.boothByCode("A01").id });
      await c.services.fairs.confirmBooking(a!.owner, { publicId: aHold.publicId, form: {} });
      // While a booth is free, the list is not the way in.
      expect((await domainError(c.services.fairs.joinWaitlist(first!.owner, { fairId: fair.id }))).code).toBe(
        "booths_available",
      );
      const bHold = await c.services.fairs.holdBooth(b!.owner, { boothId: fair.boothByCode("A02").id });
      await c.services.fairs.confirmBooking(b!.owner, { publicId: bHold.publicId, form: {} });
      expect(
        (await c.services.fairs.getPublicFair({ slug: fair.slug, query: {}, locale: "vi", viewer: null }))
          .fair.availableCount,
      ).toBe(0);

      await c.services.fairs.joinWaitlist(first!.owner, { fairId: fair.id });
      expect((await domainError(c.services.fairs.joinWaitlist(first!.owner, { fairId: fair.id }))).code).toBe(
        "already_waitlisted",
      );
      await c.services.fairs.joinWaitlist(second!.owner, { fairId: fair.id });
      expect(
        (await c.services.fairs.getFairForCooperative(second!.owner, { slug: fair.slug, locale: "vi" }))
          .waitlist,
      ).toEqual({
        status: "waiting",
        ahead: 1,
      });

      // A gives its booth back: the first waiting cooperative is offered it for 24 hours.
      const freedAt = Date.now();
      await c.services.fairs.cancelBooking(a!.owner, { publicId: aHold.publicId });
      const offers = async (coopId: number) =>
        c.db.models.BoothBooking.findAll({
          where: { fairId: fair.id, cooperativeId: coopId, fromWaitlist: true },
        });
      const [offer] = await offers(first!.coop.id);
      expect(offer).toMatchObject({ status: "held", activeBoothId: fair.boothByCode("A01").id });
      expect(offer!.expiresAt!.getTime()).toBeGreaterThanOrEqual(freedAt + 24 * HOUR - 2_000);
      expect(offer!.expiresAt!.getTime()).toBeLessThanOrEqual(Date.now() + 24 * HOUR + 1_000);
      expect(await bookingEvents(c, offer!.publicId)).toEqual(["∅→held by system"]);
      const told = (await outbox(c, "booth_offered")).filter((n) => n.userId === first!.owner.id);
      expect(told).toHaveLength(1);
      expect(told[0]!.params).toMatchObject({ booth: "A01", fair: "Hội chợ OCOP Thái Nguyên 2026" });
      // The deadline is written in the recipient's language and in Vietnam's time, not as a UTC timestamp.
      expect(told[0]!.params.until).toBe(formatDate(offer!.expiresAt!, told[0]!.locale, true));
      expect(
        (await c.services.fairs.getFairForCooperative(first!.owner, { slug: fair.slug, locale: "vi" }))
          .waitlist?.status,
      ).toBe("offered");
      expect(await offers(second!.coop.id)).toHaveLength(0);

      // The first lets the offer run out: the next is offered the booth.
      await expireNow(c, offer!.publicId);
      expect((await bookingRow(c, offer!.publicId)).status).toBe("expired");
      expect(
        (await c.services.fairs.getFairForCooperative(first!.owner, { slug: fair.slug, locale: "vi" }))
          .waitlist?.status,
      ).toBe("left");
      const [next] = await offers(second!.coop.id);
      expect(next).toMatchObject({ status: "held", activeBoothId: fair.boothByCode("A01").id });
      expect((await outbox(c, "booth_offered")).filter((n) => n.userId === second!.owner.id)).toHaveLength(1);

      // The second accepts: booked, and its place on the list is done.
      expect(
        await c.services.fairs.confirmBooking(second!.owner, { publicId: next!.publicId, form: {} }),
      ).toEqual({ status: "booked" });
      expect(
        (await c.services.fairs.getFairForCooperative(second!.owner, { slug: fair.slug, locale: "vi" }))
          .waitlist?.status,
      ).toBe("done");
      expect(
        (await domainError(c.services.fairs.joinWaitlist(second!.owner, { fairId: fair.id }))).code,
      ).toBe("already_waitlisted");
      expect(await stateOf(c, fair.slug, "A01")).toBe("booked");
    });

    it("offers booths freed by staff too: vacated, then declined; one who left the list is not offered", async () => {
      const fair = await openFair(c, staff, { rows: 1, columns: 1, form: { maxBoothsPerCooperative: "1" } });
      const booth = fair.boothByCode("A01");
      const [a, gone, first, second] = await Promise.all([1, 2, 3, 4].map(() => sellingCooperative(c)));
      const aHold = await c.services.fairs.holdBooth(a!.owner, { boothId: booth.id });
      await c.services.fairs.confirmBooking(a!.owner, { publicId: aHold.publicId, form: {} });
      for (const x of [gone, first, second])
        await c.services.fairs.joinWaitlist(x!.owner, { fairId: fair.id });
      await c.services.fairs.leaveWaitlist(gone!.owner, { fairId: fair.id });

      await c.services.fairs.decideBooking(staff, {
        publicId: aHold.publicId,
        action: "vacate",
        form: { reason: "Không nộp hồ sơ sản phẩm" },
      });
      const active = async () =>
        (await c.db.models.BoothBooking.findOne({ where: { activeBoothId: booth.id } }))!;
      const offered = await active();
      expect(offered).toMatchObject({ cooperativeId: first!.coop.id, status: "held", fromWaitlist: true });
      expect((await outbox(c, "booth_vacated")).some((n) => n.userId === a!.owner.id)).toBe(true);

      await c.services.fairs.decideBooking(staff, {
        publicId: offered.publicId,
        action: "decline",
        form: {
          reason: "Trùng ngành hàng với gian bên",
        },
      });
      const next = await active();
      expect(next).toMatchObject({ cooperativeId: second!.coop.id, status: "held", fromWaitlist: true });
      expect(
        (await c.services.fairs.getFairForCooperative(first!.owner, { slug: fair.slug, locale: "vi" }))
          .waitlist?.status,
      ).toBe("left");
      expect(
        await c.db.models.BoothBooking.count({ where: { fairId: fair.id, cooperativeId: gone!.coop.id } }),
      ).toBe(0);
      // One who left may come back, at the end of the list (behind the one who joined later).
      const third = await sellingCooperative(c);
      await c.services.fairs.joinWaitlist(third.owner, { fairId: fair.id });
      await c.services.fairs.joinWaitlist(gone!.owner, { fairId: fair.id });
      expect(
        (await c.services.fairs.getFairForCooperative(gone!.owner, { slug: fair.slug, locale: "vi" }))
          .waitlist,
      ).toEqual({
        status: "waiting",
        ahead: 1,
      });
    });
  });

  describe("the waiting list, at the same time", () => {
    it("offers a waiting cooperative only its limit when two booths free up at once", async () => {
      const fair = await openFair(c, staff, { rows: 1, columns: 2, form: { maxBoothsPerCooperative: "1" } });
      const [a, b, waiting, next] = await Promise.all([1, 2, 3, 4].map(() => sellingCooperative(c)));
      const aHold = await c.services.fairs.holdBooth(a!.owner, { boothId: fair.boothByCode("A01").id });
      const bHold = await c.services.fairs.holdBooth(b!.owner, { boothId: fair.boothByCode("A02").id });
      await c.services.fairs.joinWaitlist(waiting!.owner, { fairId: fair.id });
      await c.services.fairs.joinWaitlist(next!.owner, { fairId: fair.id });
      // Both booths come free in the same instant.
      await Promise.all([
        c.services.fairs.cancelBooking(a!.owner, { publicId: aHold.publicId }),
        c.services.fairs.cancelBooking(b!.owner, { publicId: bHold.publicId }),
      ]);
      const offers = await c.db.models.BoothBooking.findAll({
        where: { fairId: fair.id, fromWaitlist: true, activeBoothId: { [Op.ne]: null } },
      });
      // One booth each: the first waiting cooperative is held to its limit of one, the next gets the other.
      expect(offers.map((o) => o.cooperativeId).sort()).toEqual([waiting!.coop.id, next!.coop.id].sort());
    });
  });

  describe("paying a booth by card", () => {
    async function pendingCardBooking(priceVnd = 1_500_000) {
      const fair = await openFair(c, staff, { priceVnd });
      const { owner } = await sellingCooperative(c);
      const held = await c.services.fairs.holdBooth(owner, { boothId: fair.boothByCode("A02").id });
      await c.services.fairs.confirmBooking(owner, {
        publicId: held.publicId,
        form: { paymentMethod: "card" },
      });
      return { fair, owner, publicId: held.publicId };
    }
    const webhook = (payload: string) =>
      c.services.payments.handleStripeWebhook({ rawBody: payload, signature: stripe.sign(payload) });

    it("says card payment is unavailable when Stripe refuses the session, and leaves the booking as it was", async () => {
      const { owner, publicId } = await pendingCardBooking();
      stripe.refuseNext("POST", /^\/v1\/checkout\/sessions$/);
      const error = await domainError(
        c.services.fairs.payBookingByCard(owner, { publicId, origin: "http://shop.test", locale: "vi" }),
      );
      expect(error).toMatchObject({ code: "card_unavailable", status: 409 });
      expect(await bookingRow(c, publicId)).toMatchObject({
        status: "pending_payment",
        stripeSessionId: null,
      });
    });

    it("keeps the transfer details on offer after card was chosen, so a failed card payment is not a dead end", async () => {
      const fair = await openFair(c, staff, { priceVnd: 900_000, form: FAIR_BANK });
      const { owner } = await sellingCooperative(c);
      const held = await c.services.fairs.holdBooth(owner, { boothId: fair.boothByCode("A02").id });
      await c.services.fairs.confirmBooking(owner, {
        publicId: held.publicId,
        form: { paymentMethod: "card" },
      });
      const detail = await c.services.fairs.getBooking(owner, { publicId: held.publicId, locale: "vi" });
      expect(detail).toMatchObject({ status: "pending_payment", paymentMethod: "card" });
      expect(detail.transfer).toMatchObject({ amountVnd: 900_000 });
      await c.services.fairs.decideBooking(staff, { publicId: held.publicId, action: "mark_paid" });
      expect(
        (await c.services.fairs.getBooking(owner, { publicId: held.publicId, locale: "vi" })).transfer,
      ).toBeNull();
    });

    it("opens a Checkout session for the booth's price in whole đồng, and books the booth once Stripe says paid", async () => {
      const { fair, owner, publicId } = await pendingCardBooking();
      const { url } = await c.services.fairs.payBookingByCard(owner, {
        publicId,
        origin: "http://shop.test",
        locale: "vi",
      });
      const session = stripe.sessionFor(publicId);
      expect(url).toBe(session.url);
      expect(session.metadata).toMatchObject({ purpose: "booth", reference: publicId });
      expect(session).toMatchObject({ currency: "vnd", amount_total: 1_500_000 });
      expect(session.line_items_sent).toEqual([
        expect.objectContaining({ unit_amount: 1_500_000, quantity: 1, currency: "vnd" }),
      ]);
      // Asking again while the session is open gives the same page, not a new session.
      expect(
        await c.services.fairs.payBookingByCard(owner, {
          publicId,
          origin: "http://shop.test",
          locale: "vi",
        }),
      ).toEqual({
        url,
      });
      expect(
        stripe
          .sent("POST", /^\/v1\/checkout\/sessions$/)
          .filter(
            (r) => r.params.metadata && (r.params.metadata as Record<string, string>).reference === publicId,
          ),
      ).toHaveLength(1);

      // Not paid yet: a webhook for the open session changes nothing.
      expect(await webhook(stripe.event("checkout.session.completed", session))).toBe("ignored");
      expect((await bookingRow(c, publicId)).status).toBe("pending_payment");

      stripe.completeSession(String(session.id));
      const payload = stripe.event("checkout.session.completed", stripe.sessions.get(String(session.id))!);
      expect(await webhook(payload)).toBe("processed");
      const booked = await bookingRow(c, publicId);
      expect(booked).toMatchObject({ status: "booked", paymentMethod: "card", expiresAt: null });
      expect(booked.paidAt).not.toBeNull();
      expect(await stateOf(c, fair.slug, "A02")).toBe("booked");

      // Delivered again, and the same payment told by another event: applied once.
      expect(await webhook(payload)).toBe("duplicate");
      await webhook(
        stripe.event("checkout.session.async_payment_succeeded", stripe.sessions.get(String(session.id))!),
      );
      const events = await bookingEvents(c, publicId);
      expect(events.filter((e) => e.startsWith("pending_payment→booked"))).toEqual([
        "pending_payment→booked by system",
      ]);
      expect(events).toHaveLength(3);
      expect((await bookingRow(c, publicId)).paidAt!.getTime()).toBe(booked.paidAt!.getTime());
      // A refused signature is not applied.
      await expect(
        c.services.payments.handleStripeWebhook({ rawBody: payload, signature: "t=1,v1=bad" }),
      ).rejects.toMatchObject({
        code: "invalid_signature",
      });
    });

    it("gives the money back when it arrives after the booking ran out", async () => {
      const { fair, owner, publicId } = await pendingCardBooking(800_000);
      await c.services.fairs.payBookingByCard(owner, { publicId, origin: "http://shop.test", locale: "vi" });
      const session = stripe.sessionFor(publicId);
      await expireNow(c, publicId);
      expect((await bookingRow(c, publicId)).status).toBe("expired");
      const { paymentIntent } = stripe.completeSession(String(session.id));
      expect(
        await webhook(stripe.event("checkout.session.completed", stripe.sessions.get(String(session.id))!)),
      ).toBe("processed");
      await c.worker.drain();
      const refunds = [...stripe.refunds.values()].filter((r) => r.payment_intent === paymentIntent);
      expect(refunds.map((r) => r.amount)).toEqual([800_000]);
      expect(await bookingRow(c, publicId)).toMatchObject({
        status: "expired",
        reason: "late_payment_refunded",
      });
      expect(await stateOf(c, fair.slug, "A02")).toBe("available");
    });
  });

  describe("the public fair page", () => {
    it("lists booked exhibitors with their chosen products, filtered by words, province and category", async () => {
      const fair = await openFair(c, staff, { priceVnd: 0 });
      const mien = await exhibitor(c, {
        name: "HTX Miến dong Bình Liêu",
        province: { code: "22", district: "198" },
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
        province: { code: "15", district: "136" },
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
        province: { code: "06", district: "058" },
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
        province: expect.stringContaining("Bắc Kạn"),
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
