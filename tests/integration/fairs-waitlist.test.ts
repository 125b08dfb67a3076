import { Op } from "sequelize";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "../../server/accounts/current-user";
import { formatDateTime } from "../../server/vocabulary/format";
import { DIALECTS, type TestContainer } from "../support/db";
import {
  bookingEvents,
  bookingRow,
  expireNow,
  fairsTestContainer,
  openFair,
  stateOf,
} from "../support/fairs";
import { domainError, outbox, sellingCooperative } from "../support/orders";
import { StripeApiDouble } from "../support/stripe";

const HOUR = 3_600_000;

/**
 * Trade fairs through their use cases on a real database: the waiting list for booths that free up. Card
 * payments go through the payments service's webhook handler and the real `stripe` library; only Stripe's API
 * is replaced, at the HTTP edge (tests/support/stripe.ts), because api.stripe.com cannot be reached from
 * here.
 */
describe.each(DIALECTS)("trade fairs: the waiting list on %s", (dialect) => {
  const stripe = new StripeApiDouble();
  let c: TestContainer;
  let staff: CurrentUser;
  beforeAll(async () => ({ c, staff } = await fairsTestContainer(dialect, stripe)));
  afterAll(async () => c?.destroy());

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
      expect(told[0]!.params.until).toBe(formatDateTime(offer!.expiresAt!, told[0]!.locale));
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
});
