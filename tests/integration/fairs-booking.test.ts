import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "../../server/accounts/current-user";
import { EXPIRE_BOOKING } from "../../server/fairs";
import { DIALECTS, type TestContainer } from "../support/db";
import { currentUser, makeProduct, makeUser } from "../support/factories";
import {
  boothForm,
  bookingEvents,
  bookingRow,
  exhibitor,
  expireNow,
  FAIR_BANK,
  fairsAt,
  fairsTestContainer,
  gridForm,
  makeExpiryJobsDue,
  openFair,
  stateOf,
} from "../support/fairs";
import { domainError, fieldCodes, outbox, sellingCooperative } from "../support/orders";
import { StripeApiDouble } from "../support/stripe";

const DAY = 86_400_000;
const codeOf = (r: PromiseSettledResult<unknown>) =>
  r.status === "rejected" ? (r.reason as { code?: string }).code : "fulfilled";

/**
 * Trade fairs through their use cases on a real database: booking a booth, alone and at the same time, its
 * deadlines and its refusals. Card payments go through the payments service's webhook handler and the real
 * `stripe` library; only Stripe's API is replaced, at the HTTP edge (tests/support/stripe.ts), because
 * api.stripe.com cannot be reached from here.
 */
describe.each(DIALECTS)("trade fairs: booking a booth on %s", (dialect) => {
  const stripe = new StripeApiDouble();
  let c: TestContainer;
  let staff: CurrentUser;
  beforeAll(async () => ({ c, staff } = await fairsTestContainer(dialect, stripe)));
  afterAll(async () => c?.destroy());

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
});
