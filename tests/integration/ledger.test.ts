import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "../../server/accounts/current-user";
import { createTestContainer, DIALECTS, type TestContainer } from "../support/db";
import { makeProduct } from "../support/factories";
import {
  buy,
  domainError,
  fieldCodes,
  ordersOf,
  sellingCooperative,
  signedInBuyer,
  signedInStaff,
} from "../support/orders";
import { STRIPE_ENV, StripeApiDouble } from "../support/stripe";

/**
 * What the union owes cooperatives from card sales, and settling it. Card payments go through the real
 * payments service and `stripe` library; only Stripe's API is replaced, at the HTTP edge (tests/support/stripe.ts).
 */
describe.each(DIALECTS)("card-sale ledger on %s", (dialect) => {
  const stripe = new StripeApiDouble();
  let c: TestContainer;
  let staff: CurrentUser;
  beforeAll(async () => {
    c = await createTestContainer(dialect, STRIPE_ENV, { stripeHttpClient: stripe.httpClient });
    staff = await signedInStaff(c);
  });
  afterAll(async () => c?.destroy());

  /** A buyer pays one cooperative's product by card; Stripe's webhook confirms it. Returns the order. */
  async function cardSale(cooperativeId: number, priceVnd: number, quantity = 1) {
    const product = await makeProduct(c, cooperativeId, { priceVnd, stock: 100 });
    const buyer = await signedInBuyer(c);
    const placed = await buy(c, buyer, [{ productId: product.id, quantity }], { paymentMethod: "card" });
    const session = stripe.sessionFor(placed.publicId);
    stripe.completeSession(session.id);
    const payload = stripe.event("checkout.session.completed", session);
    expect(
      await c.services.payments.handleStripeWebhook({ rawBody: payload, signature: stripe.sign(payload) }),
    ).toBe("processed");
    return (await ordersOf(c, placed.publicId)).orders[0]!;
  }

  const balanceOf = async (cooperativeId: number) =>
    (await c.services.ledger.listBalances(staff)).find((b) => b.cooperative.id === cooperativeId);

  it("keeps a balance per cooperative: card sales minus refunds, with the entries behind it", async () => {
    const a = await sellingCooperative(c, { name: "HTX Chè Hảo Đạt" });
    const b = await sellingCooperative(c, { name: "HTX Bưởi Diễn" });
    const big = await cardSale(a.coop.id, 120_000, 2);
    const refunded = await cardSale(a.coop.id, 100_000);
    await cardSale(b.coop.id, 45_500);
    await c.services.orders.actOnOrder(staff, { code: refunded.code, action: "refund" });
    const buyer = await signedInBuyer(c);
    // Bank transfers and COD are paid to the cooperative directly: not in the ledger.
    const { coop: offline } = await sellingCooperative(c);
    const p = await makeProduct(c, offline.id, { stock: 5 });
    await buy(c, buyer, [{ productId: p.id, quantity: 1 }]);

    expect(await balanceOf(a.coop.id)).toMatchObject({
      cooperative: { id: a.coop.id, slug: a.coop.slug, name: "HTX Chè Hảo Đạt" },
      unsettledVnd: 240_000,
      unsettledEntries: 3,
      settledVnd: 0,
      lastSettlementAt: null,
    });
    expect(await balanceOf(b.coop.id)).toMatchObject({ unsettledVnd: 45_500, unsettledEntries: 1 });
    expect(await balanceOf(offline.id)).toBeUndefined();
    const order = (await c.services.ledger.listBalances(staff)).map((x) => x.cooperative.id);
    expect(order.indexOf(a.coop.id)).toBeLessThan(order.indexOf(b.coop.id));

    const entries = await c.services.ledger.listEntries(staff, { cooperativeId: a.coop.id });
    expect(entries.map((e) => [e.orderCode, e.kind, e.amountVnd, e.settlementId])).toEqual([
      [big.code, "card_sale", 240_000, null],
      [refunded.code, "card_sale", 100_000, null],
      [refunded.code, "refund", -100_000, null],
    ]);
    expect(entries[0]!.cooperativeName).toBe("HTX Chè Hảo Đạt");

    for (const who of [buyer, a.owner]) {
      expect((await domainError(c.services.ledger.listBalances(who))).status).toBe(403);
      expect((await domainError(c.services.ledger.listEntries(who))).status).toBe(403);
      expect(
        (
          await domainError(
            c.services.ledger.settleCooperative(who, {
              cooperativeId: a.coop.id,
              confirmed: "yes",
              reference: "X-1",
            }),
          )
        ).status,
      ).toBe(403);
    }
  });

  it("settles every unsettled entry once; a refund after settlement is carried, not paid out", async () => {
    const a = await sellingCooperative(c);
    const first = await cardSale(a.coop.id, 150_000);
    const second = await cardSale(a.coop.id, 90_000);

    const invalid = await domainError(
      c.services.ledger.settleCooperative(staff, {
        cooperativeId: a.coop.id,
        confirmed: "yes",
        reference: "",
      }),
    );
    expect(Object.keys(fieldCodes(invalid))).toEqual(["reference"]);

    const settled = await c.services.ledger.settleCooperative(staff, {
      cooperativeId: String(a.coop.id),
      confirmed: "yes",
      reference: "UNC 2026-11-24 Vietcombank",
    });
    expect(settled).toMatchObject({ amountVnd: 240_000, entryCount: 2 });
    const entries = await c.services.ledger.listEntries(staff, { cooperativeId: a.coop.id });
    expect(entries.map((e) => e.settlementId)).toEqual([settled.settlementId, settled.settlementId]);
    const balance = await balanceOf(a.coop.id);
    expect(balance).toMatchObject({ unsettledVnd: 0, unsettledEntries: 0, settledVnd: 240_000 });
    expect(balance!.lastSettlementAt).not.toBeNull();
    expect(await c.services.ledger.listSettlements(staff, { cooperativeId: a.coop.id })).toEqual([
      expect.objectContaining({
        id: settled.settlementId,
        amountVnd: 240_000,
        entryCount: 2,
        reference: "UNC 2026-11-24 Vietcombank",
      }),
    ]);
    const audit = await c.db.models.AuditEvent.findAll({
      where: { action: "ledger.settled", entityId: String(a.coop.id) },
    });
    expect(audit.map((e) => [e.actorId, JSON.parse(e.data).amount])).toEqual([[staff.id, 240_000]]);

    // Nothing left: a second settlement is refused.
    const again = await domainError(
      c.services.ledger.settleCooperative(staff, {
        cooperativeId: a.coop.id,
        confirmed: "yes",
        reference: "UNC 2",
      }),
    );
    expect(again).toMatchObject({ code: "nothing_to_settle", status: 409 });

    // A refund after the money was passed on leaves the cooperative owing; it is not "settled" as a payout.
    await c.services.orders.actOnOrder(staff, { code: first.code, action: "refund" });
    expect(await balanceOf(a.coop.id)).toMatchObject({ unsettledVnd: -150_000, unsettledEntries: 1 });
    expect(
      (
        await domainError(
          c.services.ledger.settleCooperative(staff, {
            cooperativeId: a.coop.id,
            confirmed: "yes",
            reference: "UNC 3",
          }),
        )
      ).code,
    ).toBe("nothing_to_settle");
    // The next sale covers it; only what is new is settled.
    await cardSale(a.coop.id, 200_000);
    const next = await c.services.ledger.settleCooperative(staff, {
      cooperativeId: a.coop.id,
      confirmed: "yes",
      reference: "UNC 4",
    });
    expect(next).toMatchObject({ amountVnd: 50_000, entryCount: 2 });
    expect(await balanceOf(a.coop.id)).toMatchObject({ unsettledVnd: 0, settledVnd: 290_000 });
    expect(second.status).toBe("paid");
  });

  it("settles once when several staff settle the same cooperative at the same moment", async () => {
    const a = await sellingCooperative(c);
    for (const price of [10_000, 20_000, 30_000, 40_000]) await cardSale(a.coop.id, price);
    const others = await Promise.all([signedInStaff(c), signedInStaff(c), signedInStaff(c)]);

    const results = await Promise.allSettled(
      [staff, ...others].map((who, i) =>
        c.services.ledger.settleCooperative(who, {
          cooperativeId: a.coop.id,
          confirmed: "yes",
          reference: `UNC concurrent ${i}`,
        }),
      ),
    );

    const done = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
    expect(done).toHaveLength(1);
    expect(done[0]).toMatchObject({ amountVnd: 100_000, entryCount: 4 });
    for (const r of results)
      if (r.status === "rejected")
        expect(["nothing_to_settle", "ledger_changed"]).toContain((r.reason as { code: string }).code);
    expect(await c.db.models.Settlement.count({ where: { cooperativeId: a.coop.id } })).toBe(1);
    const entries = await c.services.ledger.listEntries(staff, { cooperativeId: a.coop.id });
    expect(new Set(entries.map((e) => e.settlementId))).toEqual(new Set([done[0]!.settlementId]));
    expect(await balanceOf(a.coop.id)).toMatchObject({ unsettledVnd: 0, settledVnd: 100_000 });
  });

  it("refuses to settle an amount other than what is owed now, and shows where to send the money", async () => {
    const a = await sellingCooperative(c, { bank: true });
    await cardSale(a.coop.id, 70_000);
    const seen = await balanceOf(a.coop.id);
    expect(seen).toMatchObject({
      unsettledVnd: 70_000,
      bank: { bin: "970436", accountNo: "0011004123456", accountName: "HTX CHE TAN CUONG" },
    });
    expect(seen!.bank!.bankName).toContain("Vietcombank");
    // A sale arrives between reading the page and pressing the button.
    await cardSale(a.coop.id, 30_000);
    const stale = await domainError(
      c.services.ledger.settleCooperative(staff, {
        cooperativeId: a.coop.id,
        confirmed: "yes",
        reference: "UNC 5",
        expectedVnd: "70000",
      }),
    );
    expect(stale).toMatchObject({ code: "ledger_changed", status: 409 });
    expect(await c.db.models.Settlement.count({ where: { cooperativeId: a.coop.id } })).toBe(0);
    const done = await c.services.ledger.settleCooperative(staff, {
      cooperativeId: a.coop.id,
      confirmed: "yes",
      reference: "UNC 5",
      expectedVnd: "100000",
    });
    expect(done).toMatchObject({ amountVnd: 100_000, entryCount: 2 });
  });

  it("tells staff when Stripe refuses a refund, and changes nothing", async () => {
    const a = await sellingCooperative(c);
    const order = await cardSale(a.coop.id, 55_000);
    stripe.refuseNext("POST", /^\/v1\/refunds$/);
    const error = await domainError(
      c.services.orders.actOnOrder(staff, { code: order.code, action: "refund" }),
    );
    expect(error).toMatchObject({ code: "refund_failed", status: 409 });
    await order.reload();
    expect([order.status, order.paymentStatus]).toEqual(["paid", "paid"]);
    expect(await balanceOf(a.coop.id)).toMatchObject({ unsettledVnd: 55_000, unsettledEntries: 1 });
  });

  it("has nothing to settle for a cooperative without card sales", async () => {
    const { coop } = await sellingCooperative(c);
    const error = await domainError(
      c.services.ledger.settleCooperative(staff, {
        cooperativeId: coop.id,
        confirmed: "yes",
        reference: "UNC 0",
      }),
    );
    expect(error).toMatchObject({ code: "nothing_to_settle", status: 409 });
    expect(await c.db.models.Settlement.count({ where: { cooperativeId: coop.id } })).toBe(0);
  });
});
