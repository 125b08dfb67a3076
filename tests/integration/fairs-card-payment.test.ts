import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "../../server/accounts/current-user";
import { DIALECTS, type TestContainer } from "../support/db";
import {
  bookingEvents,
  bookingRow,
  expireNow,
  FAIR_BANK,
  fairsTestContainer,
  openFair,
  stateOf,
} from "../support/fairs";
import { domainError, sellingCooperative } from "../support/orders";
import { StripeApiDouble } from "../support/stripe";

/**
 * Trade fairs through their use cases on a real database: paying for a booth by card. Card payments go
 * through the payments service's webhook handler and the real `stripe` library; only Stripe's API is
 * replaced, at the HTTP edge (tests/support/stripe.ts), because api.stripe.com cannot be reached from here.
 */
describe.each(DIALECTS)("trade fairs: paying a booth by card on %s", (dialect) => {
  const stripe = new StripeApiDouble();
  let c: TestContainer;
  let staff: CurrentUser;
  beforeAll(async () => ({ c, staff } = await fairsTestContainer(dialect, stripe)));
  afterAll(async () => c?.destroy());

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
});
