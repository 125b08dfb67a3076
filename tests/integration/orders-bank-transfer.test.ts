import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXPIRE_CHECKOUT, TRANSFER_WINDOW_DAYS } from "../../server/orders";
import { createTestContainer, DIALECTS, type TestContainer } from "../support/db";
import { checkoutForm, makeProduct } from "../support/factories";
import {
  buy,
  cartLines,
  domainError,
  fieldCodes,
  orderLeftovers,
  ordersOf,
  outbox,
  PLACE,
  sellingCooperative,
  signedInBuyer,
  stockOf,
  transitions,
} from "../support/orders";

/**
 * Orders through their use cases on a real database: paying by bank transfer.
 */
describe.each(DIALECTS)("orders: bank transfer on %s", (dialect) => {
  let c: TestContainer;
  beforeAll(async () => {
    c = await createTestContainer(dialect);
  });
  afterAll(async () => c?.destroy());

  describe("bank transfer", () => {
    it("is offered only when every cooperative in the cart has a bank account", async () => {
      const { coop: withBank } = await sellingCooperative(c, { bank: true });
      const { coop: without, owner: ownerWithout } = await sellingCooperative(c, {
        name: "HTX Mây tre Phú Vinh",
      });
      const a = await makeProduct(c, withBank.id, { stock: 10 });
      const b = await makeProduct(c, without.id, { stock: 10 });
      const buyer = await signedInBuyer(c);
      await c.services.orders.addToCart({
        owner: { userId: buyer.id },
        form: { productId: a.id, quantity: 1 },
      });
      expect(
        (await c.services.orders.getCheckoutForm(buyer, { locale: "vi" })).methods.bank_transfer,
      ).toEqual({
        available: true,
        missingFor: [],
      });
      await c.services.orders.addToCart({
        owner: { userId: buyer.id },
        form: { productId: b.id, quantity: 1 },
      });
      const form = await c.services.orders.getCheckoutForm(buyer, { locale: "vi" });
      expect(form.methods).toEqual({
        cod: { available: true },
        bank_transfer: { available: false, missingFor: ["HTX Mây tre Phú Vinh"] },
        card: { available: false },
      });

      const refused = await domainError(
        c.services.orders.placeOrder(buyer, {
          form: checkoutForm({ paymentMethod: "bank_transfer" }),
          ...PLACE,
        }),
      );
      expect(refused).toMatchObject({
        status: 400,
        fields: {
          paymentMethod: {
            code: "bank_transfer_unavailable",
            params: { cooperatives: "HTX Mây tre Phú Vinh" },
          },
        },
      });
      expect(await stockOf(c, a.id)).toBe(10);
      expect(await cartLines(c, buyer)).toHaveLength(2);

      // Half an account is no account.
      const half = await domainError(
        c.services.cooperatives.setBankAccount(ownerWithout, {
          bankBin: "970436",
          bankAccountNo: "",
          bankAccountName: "",
        }),
      );
      expect(fieldCodes(half)).toEqual({
        bankAccountNo: "bank_account_incomplete",
        bankAccountName: "bank_account_incomplete",
      });
      const unknownBank = await domainError(
        c.services.cooperatives.setBankAccount(ownerWithout, {
          bankBin: "123456",
          bankAccountNo: "12345678",
          bankAccountName: "HTX May tre",
        }),
      );
      expect(fieldCodes(unknownBank)).toEqual({ bankBin: "choose_one" });
      expect(
        (await c.services.orders.getCheckoutForm(buyer, { locale: "vi" })).methods.bank_transfer.available,
      ).toBe(false);

      await c.services.cooperatives.setBankAccount(ownerWithout, {
        bankBin: "970405",
        bankAccountNo: "3300 205 123456",
        bankAccountName: "Htx May tre Phu Vinh",
      });
      expect(await c.services.cooperatives.getBankAccount(ownerWithout)).toEqual({
        bankBin: "970405",
        bankAccountNo: "3300205123456",
        bankAccountName: "HTX MAY TRE PHU VINH",
      });
      expect(
        (await c.services.orders.getCheckoutForm(buyer, { locale: "vi" })).methods.bank_transfer.available,
      ).toBe(true);
      const placed = await c.services.orders.placeOrder(buyer, {
        form: checkoutForm({ paymentMethod: "bank_transfer" }),
        ...PLACE,
      });
      expect((await c.services.orders.getCheckout(buyer, { publicId: placed.publicId })).status).toBe(
        "pending_payment",
      );
    });

    it("shows each order's account, amount, reference and VietQR code; the cooperative marks it paid", async () => {
      const { coop: coopA, owner: ownerA } = await sellingCooperative(c, { bank: true });
      const { coop: coopB, owner: ownerB } = await sellingCooperative(c, { bank: true });
      const a = await makeProduct(c, coopA.id, { priceVnd: 150_000, stock: 10 });
      const b = await makeProduct(c, coopB.id, { priceVnd: 90_000, stock: 10 });
      const buyer = await signedInBuyer(c);
      const before = Date.now();
      const placed = await buy(
        c,
        buyer,
        [
          { productId: a.id, quantity: 2 },
          { productId: b.id, quantity: 1 },
        ],
        { paymentMethod: "bank_transfer" },
      );
      const detail = await c.services.orders.getCheckout(buyer, { publicId: placed.publicId });
      expect(detail.status).toBe("pending_payment");
      const expiresAt = new Date(detail.expiresAt!).getTime();
      expect(expiresAt - before).toBeGreaterThanOrEqual(TRANSFER_WINDOW_DAYS * 86_400_000 - 1000);
      expect(expiresAt - Date.now()).toBeLessThanOrEqual(TRANSFER_WINDOW_DAYS * 86_400_000 + 1000);
      expect(detail.orders.map((o) => o.status)).toEqual(["pending_payment", "pending_payment"]);
      const [transferA, transferB] = detail.orders.map((o) => o.bankTransfer!);
      expect(transferA).toMatchObject({
        bankShortName: "Vietcombank",
        accountNo: "0011004123456",
        accountName: "HTX CHE TAN CUONG",
        amountVnd: 300_000,
      });
      expect(transferB!.amountVnd).toBe(90_000);
      for (const t of [transferA!, transferB!]) {
        expect(t.reference).toMatch(/^[A-Z0-9]{1,19}$/);
        expect(t.qrSvg).toMatch(/^<svg/);
      }
      expect(transferA!.reference).not.toBe(transferB!.reference);
      const { checkout, orders } = await ordersOf(c, placed.publicId);
      expect(orders.map((o) => o.transferReference)).toEqual([transferA!.reference, transferB!.reference]);
      // The reference is unique in the table, so a transfer can be matched to exactly one order.
      await expect(
        c.db.models.Order.update(
          { transferReference: transferA!.reference },
          { where: { id: orders[1]!.id } },
        ),
      ).rejects.toThrow();
      const job = await c.db.models.Job.findOne({
        where: { type: EXPIRE_CHECKOUT, payload: JSON.stringify({ checkoutId: checkout.id }) },
      });
      expect(job!.runAt.getTime()).toBe(new Date(detail.expiresAt!).getTime());

      const asSeller = await c.services.orders.getOrder(ownerA, { code: orders[0]!.code, locale: "vi" });
      // The seller gets no QR code, but the reference to look for in its bank statement.
      expect(asSeller).toMatchObject({
        bankTransfer: null,
        actions: ["mark_paid", "cancel"],
        transferReference: orders[0]!.transferReference,
      });
      expect(
        (
          await domainError(
            c.services.orders.actOnOrder(buyer, { code: orders[0]!.code, action: "mark_paid" }),
          )
        ).code,
      ).toBe("transition_refused");
      expect(
        (
          await domainError(
            c.services.orders.actOnOrder(ownerB, { code: orders[0]!.code, action: "mark_paid" }),
          )
        ).code,
      ).toBe("order_not_found");

      await c.services.orders.actOnOrder(ownerA, { code: orders[0]!.code, action: "mark_paid" });
      let after = await c.services.orders.getCheckout(buyer, { publicId: placed.publicId });
      expect(after.status).toBe("pending_payment");
      expect(after.orders.map((o) => [o.status, o.paymentStatus])).toEqual([
        ["paid", "paid"],
        ["pending_payment", "unpaid"],
      ]);
      expect(after.orders[0]!.bankTransfer).toBeNull();
      expect((await outbox(c, "order_paid")).filter((n) => n.params.code === orders[0]!.code)).toHaveLength(
        1,
      );

      await c.services.orders.actOnOrder(ownerB, { code: orders[1]!.code, action: "mark_paid" });
      after = await c.services.orders.getCheckout(buyer, { publicId: placed.publicId });
      expect(after.status).toBe("paid");
      expect(after.paidAt).not.toBeNull();
      // Transfers are paid to the cooperative directly: nothing in the card ledger.
      expect(await c.db.models.LedgerEntry.count({ where: { orderId: orders.map((o) => o.id) } })).toBe(0);

      // The expiry job finds nothing to do once everything is paid.
      await c.services.orders.jobHandlers()[EXPIRE_CHECKOUT]!(
        { checkoutId: checkout.id },
        { id: 0, attempts: 1 },
      );
      expect((await ordersOf(c, placed.publicId)).orders.map((o) => o.status)).toEqual(["paid", "paid"]);
      expect(await stockOf(c, a.id)).toBe(8);
    });

    it("cancels an unpaid transfer after three days through the job outbox and releases the stock", async () => {
      const { coop, owner } = await sellingCooperative(c, { bank: true });
      const p = await makeProduct(c, coop.id, { stock: 10 });
      const buyer = await signedInBuyer(c);
      const placed = await buy(c, buyer, [{ productId: p.id, quantity: 2 }], {
        paymentMethod: "bank_transfer",
      });
      const { checkout } = await ordersOf(c, placed.publicId);
      expect(await stockOf(c, p.id)).toBe(8);

      // Not due yet: the worker leaves it alone.
      await c.worker.drain();
      expect((await ordersOf(c, placed.publicId)).checkout.status).toBe("pending_payment");

      // Three days later.
      await c.db.models.Job.update(
        { runAt: new Date(Date.now() - 1000) },
        { where: { type: EXPIRE_CHECKOUT, payload: JSON.stringify({ checkoutId: checkout.id }) } },
      );
      const run = await c.worker.drain();
      expect(run.failed + run.retried).toBe(0);
      const { checkout: expired, orders } = await ordersOf(c, placed.publicId);
      expect(expired.status).toBe("cancelled");
      expect(orders.map((o) => [o.status, o.paymentStatus, o.cancelReason])).toEqual([
        ["cancelled", "unpaid", "transfer_not_received"],
      ]);
      expect(await transitions(c, orders[0]!.id)).toEqual([
        "∅→pending_payment by buyer",
        "pending_payment→cancelled by system",
      ]);
      expect(await stockOf(c, p.id)).toBe(10);
      expect(
        (await outbox(c, "order_cancelled")).filter((n) => n.params.code === orders[0]!.code),
      ).toHaveLength(1);
      // Money arriving after that cannot mark the cancelled order paid: the cooperative refunds it by hand.
      expect(
        (
          await domainError(
            c.services.orders.actOnOrder(owner, { code: orders[0]!.code, action: "mark_paid" }),
          )
        ).code,
      ).toBe("transition_refused");
    });
    it("keeps a transfer checkout paid when one cooperative was paid and the other cancelled", async () => {
      const first = await sellingCooperative(c, { bank: true });
      const second = await sellingCooperative(c, { bank: true });
      const a = await makeProduct(c, first.coop.id, { stock: 10 });
      const b = await makeProduct(c, second.coop.id, { stock: 10 });
      const buyer = await signedInBuyer(c);
      const placed = await buy(
        c,
        buyer,
        [
          { productId: a.id, quantity: 1 },
          { productId: b.id, quantity: 1 },
        ],
        { paymentMethod: "bank_transfer" },
      );
      const codeOf = async (coopId: number) =>
        (await ordersOf(c, placed.publicId)).orders.find((o) => o.cooperativeId === coopId)!.code;
      await c.services.orders.actOnOrder(first.owner, {
        code: await codeOf(first.coop.id),
        action: "mark_paid",
      });
      expect((await ordersOf(c, placed.publicId)).checkout.status).toBe("pending_payment");
      await c.services.orders.actOnOrder(second.owner, {
        code: await codeOf(second.coop.id),
        action: "cancel",
        form: {
          reason: "Hết hàng vụ này",
        },
      });
      expect((await ordersOf(c, placed.publicId)).checkout.status).toBe("paid");
      // The expiry job, due later, finds nothing left to wait for and changes nothing.
      const { checkout } = await ordersOf(c, placed.publicId);
      await c.services.orders.jobHandlers()[EXPIRE_CHECKOUT]!(
        { checkoutId: checkout.id },
        { id: 0, attempts: 1 },
      );
      const after = await ordersOf(c, placed.publicId);
      expect(after.checkout.status).toBe("paid");
      expect(after.orders.map((o) => o.status).sort()).toEqual(["cancelled", "paid"]);
    });
  });

  it("leaves no order without its items and no stock below zero", async () => {
    expect(await orderLeftovers(c)).toEqual({ negativeStock: 0, ordersWithoutItems: [] });
  });
});
