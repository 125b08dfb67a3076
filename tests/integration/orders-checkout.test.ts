import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContainer, DIALECTS, type TestContainer } from "../support/db";
import { checkoutForm, makeProduct } from "../support/factories";
import {
  buy,
  cartLines,
  cooperativeMember,
  domainError,
  fieldCodes,
  orderLeftovers,
  ordersOf,
  outbox,
  PLACE,
  sellingCooperative,
  signedInBuyer,
  signedInStaff,
  stockOf,
  transitions,
} from "../support/orders";

/**
 * Orders through their use cases on a real database: checking out, alone and many at once.
 */
describe.each(DIALECTS)("orders: checkout on %s", (dialect) => {
  let c: TestContainer;
  beforeAll(async () => {
    c = await createTestContainer(dialect);
  });
  afterAll(async () => c?.destroy());

  describe("checkout", () => {
    it("splits a cart across two cooperatives into one checkout with one order each, priced on the server", async () => {
      const { coop: coopA, owner: ownerA } = await sellingCooperative(c, { name: "HTX Chè Tân Cương" });
      const { coop: coopB, owner: ownerB } = await sellingCooperative(c, { name: "HTX Gạo Bắc Hương" });
      const teaA = await makeProduct(c, coopA.id, {
        nameVi: "Chè búp đặc biệt",
        priceVnd: 120_000,
        stock: 20,
      });
      const potA = await makeProduct(c, coopA.id, { nameVi: "Ấm chén gốm", priceVnd: 45_000, stock: 20 });
      const riceB = await makeProduct(c, coopB.id, { nameVi: "Gạo Bắc Hương", priceVnd: 80_000, stock: 20 });
      await riceB.update({ nameEn: "Bac Huong rice", unit: "tui" });
      const buyer = await signedInBuyer(c);
      for (const [productId, quantity] of [
        [teaA.id, 2],
        [potA.id, 1],
        [riceB.id, 3],
      ] as const)
        await c.services.orders.addToCart({ owner: { userId: buyer.id }, form: { productId, quantity } });

      // A form cannot set prices or totals: extra fields are ignored.
      const placed = await c.services.orders.placeOrder(buyer, {
        form: { ...checkoutForm(), totalVnd: "1000", subtotalVnd: "1", unitPriceVnd: "1", priceVnd: "1" },
        ...PLACE,
      });
      expect(placed.payUrl).toBeNull();

      const detail = await c.services.orders.getCheckout(buyer, { publicId: placed.publicId });
      expect(detail).toMatchObject({
        status: "placed",
        paymentMethod: "cod",
        totalVnd: 525_000,
        expiresAt: null,
      });
      expect(
        detail.orders.map((o) => [o.cooperative.id, o.subtotalVnd, o.status, o.paymentStatus, o.itemCount]),
      ).toEqual([
        [coopA.id, 285_000, "placed", "unpaid", 2],
        [coopB.id, 240_000, "placed", "unpaid", 1],
      ]);
      const [orderA, orderB] = detail.orders;
      expect(orderA!.code).toMatch(/^HTX-[A-Z0-9]{8}$/);
      expect(orderA!.code).not.toBe(orderB!.code);

      const { checkout, orders } = await ordersOf(c, placed.publicId);
      expect(checkout.totalVnd).toBe(525_000);
      expect(await c.db.models.Checkout.count({ where: { buyerId: buyer.id } })).toBe(1);
      expect(orders).toHaveLength(2);
      expect(await stockOf(c, teaA.id)).toBe(18);
      expect(await stockOf(c, potA.id)).toBe(19);
      expect(await stockOf(c, riceB.id)).toBe(17);
      expect(await c.services.orders.countCartUnits({ owner: { userId: buyer.id } })).toBe(0);

      // Items are a snapshot: renaming or repricing the product later does not change the order.
      const items = await c.db.models.OrderItem.findAll({ where: { orderId: orders[1]!.id } });
      expect(items.map((i) => ({ ...i.get(), id: undefined, orderId: undefined }))).toEqual([
        {
          id: undefined,
          orderId: undefined,
          productId: riceB.id,
          sku: riceB.sku,
          nameVi: "Gạo Bắc Hương",
          nameEn: "Bac Huong rice",
          unit: "tui",
          unitPriceVnd: 80_000,
          quantity: 3,
          lineTotalVnd: 240_000,
        },
      ]);
      await riceB.update({ nameVi: "Gạo thơm mới", sku: "NEW-SKU", priceVnd: 99_000 });
      const seenByB = await c.services.orders.getOrder(ownerB, { code: orderB!.code, locale: "vi" });
      expect(seenByB.items).toEqual([
        {
          productId: riceB.id,
          sku: items[0]!.sku,
          name: "Gạo Bắc Hương",
          unit: "tui",
          unitPriceVnd: 80_000,
          quantity: 3,
          lineTotalVnd: 240_000,
        },
      ]);
      expect(
        (await c.services.orders.getOrder(ownerB, { code: orderB!.code, locale: "en" })).items[0]!.name,
      ).toBe("Bac Huong rice");
      expect(seenByB).toMatchObject({
        viewerAs: "cooperative",
        actions: ["confirm", "cancel"],
        contact: {
          name: "Trần Thị Mai",
          phone: expect.stringMatching(/987/),
          location: {
            street: "Số 12 đường Quang Trung",
            ward: { code: "05503", name: "Tân Cương", type: "xa" },
            province: { code: "19", name: "Thái Nguyên" },
          },
        },
        timeline: [{ from: null, to: "placed", actorKind: "buyer" }],
        bankTransfer: null,
      });

      // Each cooperative sees its own order and nothing else.
      const listA = await c.services.orders.listCooperativeOrders(ownerA, { query: {} });
      expect(listA.orders.map((o) => o.code)).toEqual([orderA!.code]);
      const listB = await c.services.orders.listCooperativeOrders(ownerB, { query: {} });
      expect(listB.orders.map((o) => o.code)).toEqual([orderB!.code]);
      expect(listB.orders[0]).toMatchObject({ itemCount: 1, subtotalVnd: 240_000, buyer: { id: buyer.id } });
      expect(
        (await domainError(c.services.orders.getOrder(ownerA, { code: orderB!.code, locale: "vi" }))).code,
      ).toBe("order_not_found");
      expect(
        (await domainError(c.services.orders.getOrder(ownerA, { code: orderB!.code, locale: "vi" }))).status,
      ).toBe(404);
      const stranger = await signedInBuyer(c);
      expect(
        (await domainError(c.services.orders.getOrder(stranger, { code: orderA!.code, locale: "vi" }))).code,
      ).toBe("order_not_found");
      expect(
        (await domainError(c.services.orders.getCheckout(stranger, { publicId: placed.publicId }))).code,
      ).toBe("checkout_not_found");
      expect(
        (await domainError(() => c.services.orders.listCooperativeOrders(buyer, { query: {} }))).status,
      ).toBe(403);
      expect((await domainError(() => c.services.orders.listAllOrders(ownerA, { query: {} }))).status).toBe(
        403,
      );
      expect(
        (await c.services.orders.listBuyerOrders(buyer, { query: {} })).orders.map((o) => o.code).sort(),
      ).toEqual([orderA!.code, orderB!.code].sort());
      const staff = await signedInStaff(c);
      const all = (await c.services.orders.listAllOrders(staff, { query: { q: orderA!.code.slice(4) } }))
        .orders;
      expect(all.map((o) => o.code)).toEqual([orderA!.code]);
      expect(await c.services.orders.countCooperativeOrders(ownerA)).toEqual({ placed: 1 });

      // The buyer is told once per order; each cooperative once, about its own order.
      const placedMails = (await outbox(c, "order_placed")).filter((n) => n.userId === buyer.id);
      expect(placedMails.map((n) => [n.recipient, n.params.code]).sort()).toEqual(
        [
          ["mai@example.vn", orderA!.code],
          ["mai@example.vn", orderB!.code],
        ].sort(),
      );
      const received = (await outbox(c, "order_received")).filter(
        (n) => n.userId === ownerA.id || n.userId === ownerB.id,
      );
      expect(received.map((n) => [n.userId, n.params.code])).toEqual([
        [ownerA.id, orderA!.code],
        [ownerB.id, orderB!.code],
      ]);
      expect(received[0]!.params.buyer).toBe("Trần Thị Mai");

      const audit = await c.db.models.AuditEvent.findAll({
        where: { action: "checkout.placed", entityId: placed.publicId },
      });
      expect(audit).toHaveLength(1);
      expect(audit[0]!.actorId).toBe(buyer.id);
      expect(JSON.parse(audit[0]!.data)).toEqual({
        total: 525_000,
        method: "cod",
        orders: [orderA!.code, orderB!.code],
      });
    });

    it("checks the form field by field and writes nothing when it is wrong or the cart is empty", async () => {
      const { coop } = await sellingCooperative(c);
      const p = await makeProduct(c, coop.id, { stock: 10 });
      const buyer = await signedInBuyer(c);
      expect(
        (await domainError(c.services.orders.placeOrder(buyer, { form: checkoutForm(), ...PLACE }))).code,
      ).toBe("cart_empty");
      await c.services.orders.addToCart({
        owner: { userId: buyer.id },
        form: { productId: p.id, quantity: 2 },
      });
      const invalid = await domainError(
        c.services.orders.placeOrder(buyer, {
          form: checkoutForm({ phone: "12345", wardCode: "", address: "", paymentMethod: "cheque" }),
          ...PLACE,
        }),
      );
      expect(invalid.status).toBe(400);
      expect(fieldCodes(invalid)).toMatchObject({
        phone: expect.any(String),
        wardCode: "required",
        address: "required",
        paymentMethod: "choose_payment_method",
      });
      // Phường Ba Đình is in Hà Nội, not in Thái Nguyên.
      const ward = await domainError(
        c.services.orders.placeOrder(buyer, { form: checkoutForm({ wardCode: "00004" }), ...PLACE }),
      );
      expect(fieldCodes(ward)).toEqual({ wardCode: "ward_mismatch" });
      // Card payments are not configured in this container.
      const card = await domainError(
        c.services.orders.placeOrder(buyer, { form: checkoutForm({ paymentMethod: "card" }), ...PLACE }),
      );
      expect(fieldCodes(card)).toEqual({ paymentMethod: "card_unavailable" });
      expect(await stockOf(c, p.id)).toBe(10);
      expect(await c.db.models.Checkout.count({ where: { buyerId: buyer.id } })).toBe(0);
      expect(await cartLines(c, buyer)).toEqual([{ productId: p.id, quantity: 2 }]);
    });

    it("records a business purchase and its e-invoice request, shown alike to the buyer and to each cooperative", async () => {
      const { coop: coopA } = await sellingCooperative(c, { name: "HTX Miến dong Sợi Vàng" });
      const { coop: coopB } = await sellingCooperative(c, { name: "HTX Dược liệu Bắc Kạn" });
      const a = await makeProduct(c, coopA.id, { stock: 10 });
      const b = await makeProduct(c, coopB.id, { stock: 10 });
      const buyer = await signedInBuyer(c);
      for (const productId of [a.id, b.id])
        await c.services.orders.addToCart({ owner: { userId: buyer.id }, form: { productId, quantity: 2 } });
      const business = {
        forBusiness: "on",
        organisationName: "Công ty TNHH Thực phẩm Sạch Hà Nội",
        taxCode: "0101234567",
        purchaseOrderNo: "PO-2026/118",
      };
      const invoice = {
        invoice: "on",
        invoiceName: "Công ty TNHH Thực phẩm Sạch Hà Nội",
        invoiceAddress: "Số 12 phố Huế, Phường Hai Bà Trưng, Hà Nội",
        invoiceEmail: "KeToan@ThucPhamSach.vn",
      };

      // Ticked, the boxes make their fields required: every missing one is named, and a bad tax code says so.
      const missing = await domainError(
        c.services.orders.placeOrder(buyer, {
          form: checkoutForm({ forBusiness: "on", taxCode: "12345", invoice: "on" }),
          ...PLACE,
        }),
      );
      expect(fieldCodes(missing)).toEqual({
        organisationName: "required",
        taxCode: "tax_code",
        invoiceName: "required",
        invoiceAddress: "required",
        invoiceEmail: "required",
      });
      expect(await c.db.models.Checkout.count({ where: { buyerId: buyer.id } })).toBe(0);
      // Unticked, whatever the fields hold is not kept (a form filled in, then the box unticked).
      const ignored = await c.services.orders.placeOrder(buyer, {
        form: checkoutForm({ ...business, forBusiness: "", ...invoice, invoice: "" }),
        ...PLACE,
      });
      const household = (await ordersOf(c, ignored.publicId)).orders[0]!;
      expect(
        (await c.services.orders.getOrder(buyer, { code: household.code, locale: "vi" })).contact,
      ).toMatchObject({ business: null, invoice: null });

      for (const productId of [a.id, b.id])
        await c.services.orders.addToCart({ owner: { userId: buyer.id }, form: { productId, quantity: 1 } });
      const placed = await c.services.orders.placeOrder(buyer, {
        form: checkoutForm({ ...business, ...invoice }),
        ...PLACE,
      });
      const { orders } = await ordersOf(c, placed.publicId);
      expect(orders).toHaveLength(2);
      const expected = {
        business: {
          organisationName: business.organisationName,
          taxCode: "0101234567",
          purchaseOrderNo: "PO-2026/118",
        },
        invoice: {
          name: invoice.invoiceName,
          address: invoice.invoiceAddress,
          email: "ketoan@thucphamsach.vn",
        },
      };
      for (const [order, coop] of [
        [orders[0]!, coopA],
        [orders[1]!, coopB],
      ] as const) {
        const member = await cooperativeMember(c, coop.id);
        for (const viewer of [buyer, member])
          expect(
            (await c.services.orders.getOrder(viewer, { code: order.code, locale: "vi" })).contact,
          ).toMatchObject(expected);
      }
      // The next checkout starts from this one: for the business, invoiced the same way; the PO is each order's.
      const next = await c.services.orders.getCheckoutForm(buyer, { locale: "vi" });
      expect(next.defaults).toMatchObject({
        forBusiness: true,
        organisationName: business.organisationName,
        taxCode: "0101234567",
        invoice: true,
        invoiceEmail: "ketoan@thucphamsach.vn",
      });
      expect(next.defaults).not.toHaveProperty("purchaseOrderNo");
    });
  });

  describe("concurrency", () => {
    it("sells exactly the 10 units in stock to 50 buyers checking out at once; the others keep their carts", async () => {
      const { coop } = await sellingCooperative(c);
      const p = await makeProduct(c, coop.id, { nameVi: "Chè Shan tuyết cổ thụ", stock: 10 });
      const buyers = await Promise.all(Array.from({ length: 50 }, () => signedInBuyer(c)));
      for (const b of buyers)
        await c.services.orders.addToCart({
          owner: { userId: b.id },
          form: { productId: p.id, quantity: 1 },
        });
      const ids = buyers.map((b) => b.id);

      const results = await Promise.allSettled(
        buyers.map((b) => c.services.orders.placeOrder(b, { form: checkoutForm(), ...PLACE })),
      );

      const won = buyers.filter((_, i) => results[i]!.status === "fulfilled");
      const lost = buyers.filter((_, i) => results[i]!.status === "rejected");
      expect(won).toHaveLength(10);
      const reasons = results.flatMap((r) =>
        r.status === "rejected" ? [r.reason as Record<string, unknown>] : [],
      );
      expect(reasons).toHaveLength(40);
      for (const reason of reasons) {
        expect(reason).toMatchObject({
          domainError: true,
          code: "insufficient_stock",
          status: 409,
          params: { productId: p.id, product: "Chè Shan tuyết cổ thụ", available: 0 },
        });
      }
      expect(await stockOf(c, p.id)).toBe(0);
      expect(await c.db.models.OrderItem.sum("quantity", { where: { productId: p.id } })).toBe(10);
      // No trace of the failed attempts: no checkouts, no orders, no notifications; winners one of each.
      expect(await c.db.models.Checkout.count({ where: { buyerId: ids } })).toBe(10);
      expect(await c.db.models.Order.count({ where: { buyerId: ids } })).toBe(10);
      expect(await c.db.models.Checkout.count({ where: { buyerId: lost.map((b) => b.id) } })).toBe(0);
      expect(await c.db.models.Notification.count({ where: { userId: ids, template: "order_placed" } })).toBe(
        10,
      );
      const orphans = await c.db.models.Checkout.findAll({
        where: { buyerId: ids },
        include: [{ model: c.db.models.Order, as: "orders", required: false }],
      });
      expect(orphans.filter((ch) => (ch.orders ?? []).length !== 1)).toEqual([]);
      // Winners' carts are emptied; losers' carts are kept as they were.
      for (const b of won)
        expect(await c.services.orders.countCartUnits({ owner: { userId: b.id } })).toBe(0);
      for (const b of lost) expect(await cartLines(c, b)).toEqual([{ productId: p.id, quantity: 1 }]);
    });

    it("lets exactly one of several people acting on the same order at once move it", async () => {
      const { coop, owner } = await sellingCooperative(c);
      const member = await cooperativeMember(c, coop.id);
      const staff1 = await signedInStaff(c);
      const staff2 = await signedInStaff(c);
      const p = await makeProduct(c, coop.id, { stock: 10 });
      const buyer = await signedInBuyer(c);
      const placed = await buy(c, buyer, [{ productId: p.id, quantity: 1 }]);
      const { orders } = await ordersOf(c, placed.publicId);
      const order = orders[0]!;

      for (const [action, form] of [
        ["confirm", {}],
        ["ship", { carrier: "Viettel Post", trackingNumber: "VTP123456" }],
      ] as const) {
        const results = await Promise.allSettled(
          [owner, member, staff1, staff2].map((u) =>
            c.services.orders.actOnOrder(u, { code: order.code, action, form }),
          ),
        );
        expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
        for (const r of results)
          if (r.status === "rejected")
            expect(["order_changed", "transition_refused"]).toContain((r.reason as { code: string }).code);
      }
      expect(await transitions(c, order.id)).toEqual([
        "∅→placed by buyer",
        expect.stringMatching(/^placed→confirmed by (cooperative|staff)$/),
        expect.stringMatching(/^confirmed→shipped by (cooperative|staff)$/),
      ]);
      expect((await outbox(c, "order_shipped")).filter((n) => n.params.code === order.code)).toHaveLength(1);
    });
  });

  it("leaves no order without its items and no stock below zero", async () => {
    expect(await orderLeftovers(c)).toEqual({ negativeStock: 0, ordersWithoutItems: [] });
  });
});
