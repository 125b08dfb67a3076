import { Op } from "sequelize";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "../../server/accounts/current-user";
import { EXPIRE_CHECKOUT, TRANSFER_WINDOW_DAYS } from "../../server/orders";
import { EXPIRE_GUEST_CART, GUEST_CART_DAYS, guestCartExpiry } from "../../server/orders/cart";
import { createTestContainer, DIALECTS, type TestContainer } from "../support/db";
import { checkoutForm, makeProduct } from "../support/factories";
import {
  buy,
  cooperativeMember,
  domainError,
  fieldCodes,
  ordersOf,
  outbox,
  PLACE,
  sellingCooperative,
  signedInBuyer,
  signedInStaff,
  transitions,
} from "../support/orders";

describe.each(DIALECTS)("orders on %s", (dialect) => {
  let c: TestContainer;
  beforeAll(async () => {
    c = await createTestContainer(dialect);
  });
  afterAll(async () => c?.destroy());

  const stockOf = async (productId: number) => (await c.db.models.Product.findByPk(productId))!.stock;
  const cartLines = async (user: CurrentUser) =>
    (await c.services.orders.viewCart({ owner: { userId: user.id }, locale: "vi" })).groups.flatMap((g) =>
      g.lines.map((l) => ({ productId: l.productId, quantity: l.quantity })),
    );

  describe("cart", () => {
    it("gives a guest a cart token on the first add, and keeps adding to the same cart", async () => {
      const { coop } = await sellingCooperative(c);
      const p = await makeProduct(c, coop.id, { stock: 20 });
      const { token } = await c.services.orders.addToCart({
        owner: { token: null },
        form: { productId: p.id, quantity: "2" },
      });
      expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
      const again = await c.services.orders.addToCart({
        owner: { token },
        form: { productId: p.id, quantity: 3 },
      });
      expect(again.token).toBe(token);
      const view = await c.services.orders.viewCart({ owner: { token }, locale: "vi" });
      expect(view.groups).toHaveLength(1);
      expect(view.groups[0]!.lines.map((l) => [l.productId, l.quantity, l.lineTotalVnd])).toEqual([
        [p.id, 5, 600_000],
      ]);
      expect(await c.services.orders.countCartLines({ owner: { token } })).toBe(1);
      // Someone else's (or a forged) token finds nothing.
      expect(
        (await c.services.orders.viewCart({ owner: { token: "forged-token" }, locale: "vi" })).lineCount,
      ).toBe(0);
      const other = await c.services.orders.addToCart({
        owner: { token: null },
        form: { productId: p.id, quantity: 1 },
      });
      expect(other.token).not.toBe(token);
    });

    it("removes a guest cart left alone as long as its cookie lives, but not one still in use", async () => {
      const { coop } = await sellingCooperative(c);
      const p = await makeProduct(c, coop.id, { stock: 20 });
      const { token } = await c.services.orders.addToCart({
        owner: { token: null },
        form: { productId: p.id, quantity: 1 },
      });
      const cart = (await c.db.models.Cart.findOne({ where: { token } }))!;
      const job = (await c.db.models.Job.findOne({
        where: { type: EXPIRE_GUEST_CART, payload: JSON.stringify({ cartId: cart.id }) },
      }))!;
      const days = (ms: number) => Math.round(ms / 86_400_000);
      expect(days(job.runAt.getTime() - Date.now())).toBe(GUEST_CART_DAYS);
      const at = (d: number) => () => new Date(Date.now() + d * 86_400_000);

      // Ten days on the buyer came back; at day 31 the cart is 21 days old: kept, and looked at again later.
      await c.db.sequelize.query("UPDATE cart_items SET updated_at = ? WHERE cart_id = ?", {
        replacements: [at(10)(), cart.id],
      });
      await guestCartExpiry(c.db, at(31))({ cartId: cart.id }, { id: 0, attempts: 1 });
      expect(await c.db.models.Cart.count({ where: { id: cart.id } })).toBe(1);
      // Untouched for 30 days: gone, with its lines.
      await guestCartExpiry(c.db, at(41))({ cartId: cart.id }, { id: 0, attempts: 1 });
      expect(await c.db.models.Cart.count({ where: { id: cart.id } })).toBe(0);
      expect(await c.db.models.CartItem.count({ where: { cartId: cart.id } })).toBe(0);
      // A signed-in buyer's cart is never removed this way.
      const buyer = await signedInBuyer(c);
      await c.services.orders.addToCart({
        owner: { userId: buyer.id },
        form: { productId: p.id, quantity: 1 },
      });
      const own = (await c.db.models.Cart.findOne({ where: { userId: buyer.id } }))!;
      await guestCartExpiry(c.db, at(400))({ cartId: own.id }, { id: 0, attempts: 1 });
      expect(await c.db.models.Cart.count({ where: { id: own.id } })).toBe(1);
    });

    it("refuses more than the stock and less than the minimum order, with the numbers, and keeps the line", async () => {
      const { coop } = await sellingCooperative(c);
      const p = await makeProduct(c, coop.id, { stock: 5, minOrderQty: 2 });
      const buyer = await signedInBuyer(c);
      const owner = { userId: buyer.id };

      const tooMany = await domainError(
        c.services.orders.addToCart({ owner, form: { productId: p.id, quantity: 6 } }),
      );
      expect(tooMany.status).toBe(400);
      expect(tooMany).toMatchObject({
        fields: { quantity: { code: "not_enough_stock", params: { available: 5 } } },
      });
      const tooFew = await domainError(
        c.services.orders.addToCart({ owner, form: { productId: p.id, quantity: 1 } }),
      );
      expect(tooFew).toMatchObject({ fields: { quantity: { code: "below_minimum", params: { min: 2 } } } });
      expect(await cartLines(buyer)).toEqual([]);

      await c.services.orders.addToCart({ owner, form: { productId: p.id, quantity: 3 } });
      // The quantities add up: 3 + 3 > 5.
      const adding = await domainError(
        c.services.orders.addToCart({ owner, form: { productId: p.id, quantity: 3 } }),
      );
      expect(adding).toMatchObject({
        fields: { quantity: { code: "not_enough_stock_in_cart", params: { available: 5, inCart: 3 } } },
      });
      const updating = await domainError(
        c.services.orders.updateCartLine({ owner, form: { productId: p.id, quantity: 1 } }),
      );
      expect(fieldCodes(updating)).toEqual({ quantity: "below_minimum" });
      expect(await cartLines(buyer)).toEqual([{ productId: p.id, quantity: 3 }]);

      await c.services.orders.updateCartLine({ owner, form: { productId: p.id, quantity: 5 } });
      expect(await cartLines(buyer)).toEqual([{ productId: p.id, quantity: 5 }]);
      // Changing a line that is not in the cart (a stale second tab) says so.
      const other = await makeProduct(c, coop.id, { stock: 5 });
      expect(
        (
          await domainError(
            c.services.orders.updateCartLine({ owner, form: { productId: other.id, quantity: 2 } }),
          )
        ).code,
      ).toBe("cart_line_not_found");
      await c.services.orders.updateCartLine({ owner, form: { productId: p.id, quantity: "0" } });
      expect(await cartLines(buyer)).toEqual([]);

      // Not for sale (a draft, or a cooperative not approved): said beside the quantity, not as a missing page.
      const draft = await makeProduct(c, coop.id, { status: "draft" });
      expect(
        fieldCodes(
          await domainError(
            c.services.orders.addToCart({ owner, form: { productId: draft.id, quantity: 1 } }),
          ),
        ),
      ).toEqual({ quantity: "product_unavailable" });
      const pending = (await sellingCooperative(c)).coop;
      await pending.update({ status: "pending" });
      const unapproved = await makeProduct(c, pending.id);
      expect(
        fieldCodes(
          await domainError(
            c.services.orders.addToCart({ owner, form: { productId: unapproved.id, quantity: 1 } }),
          ),
        ),
      ).toEqual({ quantity: "product_unavailable" });
      expect(
        (
          await domainError(
            c.services.orders.addToCart({ owner, form: { productId: 99_999_999, quantity: 1 } }),
          )
        ).code,
      ).toBe("product_not_found");
    });

    it("flags a price change and a stock drop beside the line instead of applying them; checkout waits for acceptCartChanges", async () => {
      const { coop } = await sellingCooperative(c);
      const tea = await makeProduct(c, coop.id, { nameVi: "Chè móc câu", priceVnd: 120_000, stock: 50 });
      const honey = await makeProduct(c, coop.id, { nameVi: "Mật ong bạc hà", priceVnd: 200_000, stock: 10 });
      const buyer = await signedInBuyer(c);
      await c.services.orders.addToCart({
        owner: { userId: buyer.id },
        form: { productId: tea.id, quantity: 2 },
      });
      await c.services.orders.addToCart({
        owner: { userId: buyer.id },
        form: { productId: honey.id, quantity: 4 },
      });

      // The honey sells elsewhere: 3 left.
      await honey.update({ stock: 3 });
      let view = await c.services.orders.viewCart({ owner: { userId: buyer.id }, locale: "vi" });
      const honeyLine = () => view.groups[0]!.lines.find((l) => l.productId === honey.id)!;
      const teaLine = () => view.groups[0]!.lines.find((l) => l.productId === tea.id)!;
      expect(honeyLine()).toMatchObject({
        quantity: 4,
        problem: { code: "insufficient_stock", available: 3 },
      });
      expect(view.problemCount).toBe(1);
      const short = await domainError(
        c.services.orders.placeOrder(buyer, { form: checkoutForm(), ...PLACE }),
      );
      expect(short).toMatchObject({
        code: "insufficient_stock",
        status: 409,
        params: { product: "Mật ong bạc hà", available: 3 },
      });

      // The tea's price goes up: shown, never charged silently.
      await tea.update({ priceVnd: 150_000 });
      view = await c.services.orders.viewCart({ owner: { userId: buyer.id }, locale: "vi" });
      expect(teaLine()).toMatchObject({
        quantity: 2,
        priceVnd: 150_000,
        seenPriceVnd: 120_000,
        problem: { code: "price_changed", from: 120_000, to: 150_000 },
      });
      const changed = await domainError(
        c.services.orders.placeOrder(buyer, { form: checkoutForm(), ...PLACE }),
      );
      expect(changed).toMatchObject({ code: "cart_changed", status: 409, params: { count: 2 } });
      // Nothing was taken or written by the refusals.
      expect(await stockOf(honey.id)).toBe(3);
      expect(await stockOf(tea.id)).toBe(50);
      expect(await c.db.models.Checkout.count({ where: { buyerId: buyer.id } })).toBe(0);
      expect(await cartLines(buyer)).toHaveLength(2);

      await c.services.orders.acceptCartChanges({ owner: { userId: buyer.id } });
      view = await c.services.orders.viewCart({ owner: { userId: buyer.id }, locale: "vi" });
      expect(view.problemCount).toBe(0);
      expect(honeyLine()).toMatchObject({ quantity: 3, problem: null });
      expect(teaLine()).toMatchObject({ seenPriceVnd: 150_000, problem: null });

      const placed = await c.services.orders.placeOrder(buyer, { form: checkoutForm(), ...PLACE });
      const detail = await c.services.orders.getCheckout(buyer, { publicId: placed.publicId });
      expect(detail.totalVnd).toBe(2 * 150_000 + 3 * 200_000);
      expect(await stockOf(honey.id)).toBe(0);
    });

    it("accepting changes raises lines to a new minimum and drops lines that can no longer be bought", async () => {
      const { coop } = await sellingCooperative(c);
      const a = await makeProduct(c, coop.id, { stock: 50 });
      const b = await makeProduct(c, coop.id, { stock: 50 });
      const buyer = await signedInBuyer(c);
      await c.services.orders.addToCart({
        owner: { userId: buyer.id },
        form: { productId: a.id, quantity: 1 },
      });
      await c.services.orders.addToCart({
        owner: { userId: buyer.id },
        form: { productId: b.id, quantity: 1 },
      });
      await a.update({ minOrderQty: 5 });
      await b.update({ status: "archived" });
      const view = await c.services.orders.viewCart({ owner: { userId: buyer.id }, locale: "vi" });
      expect(view.groups[0]!.lines.map((l) => l.problem)).toEqual([
        { code: "below_minimum", min: 5 },
        { code: "unavailable" },
      ]);
      expect(
        (await domainError(c.services.orders.placeOrder(buyer, { form: checkoutForm(), ...PLACE }))).code,
      ).toBe("cart_changed");
      await c.services.orders.acceptCartChanges({ owner: { userId: buyer.id } });
      expect(await cartLines(buyer)).toEqual([{ productId: a.id, quantity: 5 }]);
    });

    it("takes a double-clicked add for a buyer without a cart: no error, one cart, a line per product", async () => {
      const { coop } = await sellingCooperative(c);
      const p = await makeProduct(c, coop.id, { stock: 50 });
      const q = await makeProduct(c, coop.id, { stock: 50 });
      for (let round = 0; round < 3; round++) {
        const buyer = await signedInBuyer(c);
        const results = await Promise.allSettled(
          [p, p, p, q].map((x) =>
            c.services.orders.addToCart({
              owner: { userId: buyer.id },
              form: { productId: x.id, quantity: 1 },
            }),
          ),
        );
        expect(results.filter((r) => r.status === "rejected")).toEqual([]);
        expect(await c.db.models.Cart.count({ where: { userId: buyer.id } })).toBe(1);
        const lines = await cartLines(buyer);
        expect(lines.map((l) => l.productId).sort()).toEqual([p.id, q.id].sort());
        // Each add after the first sees at least the first one's line.
        expect(lines.find((l) => l.productId === p.id)!.quantity).toBeGreaterThanOrEqual(2);
      }
    });

    it("merges a guest cart into the buyer's at login: quantities add up and the guest cart is gone", async () => {
      const { coop } = await sellingCooperative(c);
      const a = await makeProduct(c, coop.id, { stock: 50 });
      const b = await makeProduct(c, coop.id, { stock: 50 });
      const buyer = await signedInBuyer(c);
      await c.services.orders.addToCart({
        owner: { userId: buyer.id },
        form: { productId: a.id, quantity: 2 },
      });
      const { token } = await c.services.orders.addToCart({
        owner: { token: null },
        form: { productId: a.id, quantity: 3 },
      });
      await c.services.orders.addToCart({ owner: { token }, form: { productId: b.id, quantity: 1 } });

      await c.services.orders.mergeGuestCart({ guestToken: token, userId: buyer.id });
      expect(
        (await cartLines(buyer))
          .sort((x, y) => x.productId - y.productId)
          .map((l) => [l.productId, l.quantity]),
      ).toEqual([
        [a.id, 5],
        [b.id, 1],
      ]);
      expect(await c.db.models.Cart.findOne({ where: { token, userId: null } })).toBeNull();
      expect(await c.db.models.Cart.count({ where: { token } })).toBe(0);
      // A second login with the old cookie adds nothing twice.
      await c.services.orders.mergeGuestCart({ guestToken: token, userId: buyer.id });
      await c.services.orders.mergeGuestCart({ guestToken: null, userId: buyer.id });
      expect((await cartLines(buyer)).reduce((s, l) => s + l.quantity, 0)).toBe(6);
    });
  });

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
      expect(await stockOf(teaA.id)).toBe(18);
      expect(await stockOf(potA.id)).toBe(19);
      expect(await stockOf(riceB.id)).toBe(17);
      expect(await c.services.orders.countCartLines({ owner: { userId: buyer.id } })).toBe(0);

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
        contact: { name: "Trần Thị Mai", phone: expect.stringMatching(/987/), provinceCode: "19" },
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
          form: checkoutForm({ phone: "12345", districtCode: "001", address: "", paymentMethod: "cheque" }),
          ...PLACE,
        }),
      );
      expect(invalid.status).toBe(400);
      expect(fieldCodes(invalid)).toMatchObject({
        phone: expect.any(String),
        address: "required",
        paymentMethod: "choose_payment_method",
      });
      const district = await domainError(
        c.services.orders.placeOrder(buyer, { form: checkoutForm({ districtCode: "001" }), ...PLACE }),
      );
      expect(fieldCodes(district)).toEqual({ districtCode: "district_mismatch" });
      // Card payments are not configured in this container.
      const card = await domainError(
        c.services.orders.placeOrder(buyer, { form: checkoutForm({ paymentMethod: "card" }), ...PLACE }),
      );
      expect(fieldCodes(card)).toEqual({ paymentMethod: "card_unavailable" });
      expect(await stockOf(p.id)).toBe(10);
      expect(await c.db.models.Checkout.count({ where: { buyerId: buyer.id } })).toBe(0);
      expect(await cartLines(buyer)).toEqual([{ productId: p.id, quantity: 2 }]);
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
      expect(await stockOf(p.id)).toBe(0);
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
        expect(await c.services.orders.countCartLines({ owner: { userId: b.id } })).toBe(0);
      for (const b of lost) expect(await cartLines(b)).toEqual([{ productId: p.id, quantity: 1 }]);
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

  describe("order lifecycle", () => {
    it("takes a COD order from placed to delivered, recording who moved it; delivery makes it paid", async () => {
      const { coop, owner } = await sellingCooperative(c);
      const p = await makeProduct(c, coop.id, { stock: 10 });
      const buyer = await signedInBuyer(c);
      const placed = await buy(c, buyer, [{ productId: p.id, quantity: 2 }]);
      const { orders } = await ordersOf(c, placed.publicId);
      const code = orders[0]!.code;
      const orderId = orders[0]!.id;

      const nothingWritten = async (attempt: () => Promise<unknown>, code: string) => {
        const before = await transitions(c, orderId);
        const status = (await c.db.models.Order.findByPk(orderId))!.status;
        const error = await domainError(attempt());
        expect(error.code).toBe(code);
        expect(await transitions(c, orderId)).toEqual(before);
        expect((await c.db.models.Order.findByPk(orderId))!.status).toBe(status);
        return error;
      };

      const staff = await signedInStaff(c);
      const stranger = await signedInBuyer(c);
      // Wrong order of steps, wrong people, wrong payment method.
      const early = await nothingWritten(
        () =>
          c.services.orders.actOnOrder(owner, {
            code,
            action: "ship",
            form: { carrier: "GHN", trackingNumber: "GHN1" },
          }),
        "transition_refused",
      );
      expect(early).toMatchObject({ status: 409, params: { from: "placed", action: "ship" } });
      await nothingWritten(
        () => c.services.orders.actOnOrder(buyer, { code, action: "confirm" }),
        "transition_refused",
      );
      await nothingWritten(
        () => c.services.orders.actOnOrder(owner, { code, action: "mark_paid" }),
        "transition_refused",
      );
      await nothingWritten(
        () => c.services.orders.actOnOrder(staff, { code, action: "refund" }),
        "transition_refused",
      );
      await nothingWritten(
        () => c.services.orders.actOnOrder(stranger, { code, action: "cancel" }),
        "order_not_found",
      );
      await nothingWritten(
        () => c.services.orders.actOnOrder(owner, { code: "HTX-NOSUCH00", action: "confirm" }),
        "order_not_found",
      );

      await c.services.orders.actOnOrder(owner, { code, action: "confirm" });
      // Shipping needs a carrier and a tracking number.
      const missing = await nothingWritten(
        () => c.services.orders.actOnOrder(owner, { code, action: "ship", form: {} }),
        "invalid",
      );
      expect(Object.keys(fieldCodes(missing)).sort()).toEqual(["carrier", "trackingNumber"]);
      const blank = await nothingWritten(
        () =>
          c.services.orders.actOnOrder(owner, {
            code,
            action: "ship",
            form: { carrier: "Viettel Post", trackingNumber: " " },
          }),
        "invalid",
      );
      expect(Object.keys(fieldCodes(blank))).toEqual(["trackingNumber"]);
      await c.services.orders.actOnOrder(owner, {
        code,
        action: "ship",
        form: {
          carrier: "Viettel Post",
          trackingNumber: "VTP987654",
        },
      });
      await nothingWritten(
        () => c.services.orders.actOnOrder(buyer, { code, action: "cancel" }),
        "transition_refused",
      );
      await nothingWritten(
        () =>
          c.services.orders.actOnOrder(owner, {
            code,
            action: "cancel",
            form: { reason: "Khách đổi ý rồi" },
          }),
        "transition_refused",
      );
      let order = (await c.db.models.Order.findByPk(orderId))!;
      expect(order).toMatchObject({ status: "shipped", paymentStatus: "unpaid", carrier: "Viettel Post" });
      expect(order.trackingNumber).toBe("VTP987654");
      const shipped = (await outbox(c, "order_shipped")).filter((n) => n.params.code === code);
      expect(shipped).toEqual([
        expect.objectContaining({
          userId: buyer.id,
          params: expect.objectContaining({ carrier: "Viettel Post", tracking: "VTP987654" }),
        }),
      ]);

      await c.services.orders.actOnOrder(owner, { code, action: "deliver" });
      order = (await c.db.models.Order.findByPk(orderId))!;
      expect(order).toMatchObject({ status: "delivered", paymentStatus: "paid" });
      expect(order.paidAt).toBeInstanceOf(Date);
      await nothingWritten(
        () => c.services.orders.actOnOrder(owner, { code, action: "deliver" }),
        "transition_refused",
      );

      const events = await c.db.models.OrderEvent.findAll({ where: { orderId }, order: [["id", "ASC"]] });
      expect(events.map((e) => [e.fromStatus, e.toStatus, e.actorKind, e.actorId])).toEqual([
        [null, "placed", "buyer", buyer.id],
        ["placed", "confirmed", "cooperative", owner.id],
        ["confirmed", "shipped", "cooperative", owner.id],
        ["shipped", "delivered", "cooperative", owner.id],
      ]);
      const seen = await c.services.orders.getOrder(buyer, { code, locale: "vi" });
      expect(seen).toMatchObject({ viewerAs: "buyer", actions: [], carrier: "Viettel Post" });
      expect(seen.timeline.map((t) => t.actorName)).toEqual([
        buyer.fullName,
        owner.fullName,
        owner.fullName,
        owner.fullName,
      ]);
    });

    it("lets the buyer cancel before shipping without a reason; the stock comes back and the cooperative is told", async () => {
      const { coop, owner } = await sellingCooperative(c);
      const p = await makeProduct(c, coop.id, { stock: 10 });
      const buyer = await signedInBuyer(c);
      const placed = await buy(c, buyer, [{ productId: p.id, quantity: 3 }]);
      const { orders } = await ordersOf(c, placed.publicId);
      const code = orders[0]!.code;
      await c.services.orders.actOnOrder(owner, { code, action: "confirm" });
      expect(await stockOf(p.id)).toBe(7);

      await c.services.orders.actOnOrder(buyer, { code, action: "cancel" });
      expect(await stockOf(p.id)).toBe(10);
      const { checkout, orders: after } = await ordersOf(c, placed.publicId);
      expect(after[0]).toMatchObject({ status: "cancelled", cancelReason: null });
      expect(checkout.status).toBe("cancelled");
      expect((await transitions(c, after[0]!.id)).at(-1)).toBe("confirmed→cancelled by buyer");
      expect((await outbox(c, "order_cancelled_cooperative")).filter((n) => n.params.code === code)).toEqual([
        expect.objectContaining({ userId: owner.id }),
      ]);
      // The buyer did it, so the buyer is not sent a cancellation notice.
      expect((await outbox(c, "order_cancelled")).filter((n) => n.params.code === code)).toEqual([]);
      // Cancelled twice does not give the stock back twice.
      expect((await domainError(c.services.orders.actOnOrder(buyer, { code, action: "cancel" }))).code).toBe(
        "transition_refused",
      );
      expect(await stockOf(p.id)).toBe(10);
    });

    it("asks a cooperative for a reason to cancel, tells the buyer, and leaves the other cooperative's order alone", async () => {
      const { coop: coopA, owner: ownerA } = await sellingCooperative(c);
      const { coop: coopB } = await sellingCooperative(c);
      const a = await makeProduct(c, coopA.id, { stock: 10 });
      const b = await makeProduct(c, coopB.id, { stock: 10 });
      const buyer = await signedInBuyer(c);
      const placed = await buy(c, buyer, [
        { productId: a.id, quantity: 4 },
        { productId: b.id, quantity: 1 },
      ]);
      const { orders } = await ordersOf(c, placed.publicId);
      const [orderA, orderB] = orders;

      for (const form of [{}, { reason: "" }, { reason: "hết" }]) {
        const error = await domainError(
          c.services.orders.actOnOrder(ownerA, { code: orderA!.code, action: "cancel", form }),
        );
        expect(error.code).toBe("invalid");
        expect(Object.keys(fieldCodes(error))).toEqual(["reason"]);
      }
      expect(await stockOf(a.id)).toBe(6);

      await c.services.orders.actOnOrder(ownerA, {
        code: orderA!.code,
        action: "cancel",
        form: { reason: "Mưa lũ, không thu hoạch được" },
      });
      const { checkout, orders: after } = await ordersOf(c, placed.publicId);
      expect(after.map((o) => o.status)).toEqual(["cancelled", "placed"]);
      expect(after[0]!.cancelReason).toBe("Mưa lũ, không thu hoạch được");
      expect(checkout.status).toBe("placed");
      expect(await stockOf(a.id)).toBe(10);
      expect(await stockOf(b.id)).toBe(9);
      expect((await outbox(c, "order_cancelled")).filter((n) => n.params.code === orderA!.code)).toEqual([
        expect.objectContaining({
          userId: buyer.id,
          params: expect.objectContaining({ reason: "Mưa lũ, không thu hoạch được" }),
        }),
      ]);
      expect(orderB!.status).toBe("placed");
    });
  });

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
      expect(await stockOf(a.id)).toBe(10);
      expect(await cartLines(buyer)).toHaveLength(2);

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
      expect(await stockOf(a.id)).toBe(8);
    });

    it("cancels an unpaid transfer after three days through the job outbox and releases the stock", async () => {
      const { coop, owner } = await sellingCooperative(c, { bank: true });
      const p = await makeProduct(c, coop.id, { stock: 10 });
      const buyer = await signedInBuyer(c);
      const placed = await buy(c, buyer, [{ productId: p.id, quantity: 2 }], {
        paymentMethod: "bank_transfer",
      });
      const { checkout } = await ordersOf(c, placed.publicId);
      expect(await stockOf(p.id)).toBe(8);

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
      expect(await stockOf(p.id)).toBe(10);
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

  describe("export", () => {
    it("gives a cooperative a CSV of its own orders only, one row per item", async () => {
      const { coop: coopA, owner: ownerA } = await sellingCooperative(c);
      const { coop: coopB, owner: ownerB } = await sellingCooperative(c);
      const a1 = await makeProduct(c, coopA.id, { priceVnd: 10_000, stock: 100 });
      const a2 = await makeProduct(c, coopA.id, { priceVnd: 20_000, stock: 100 });
      const b1 = await makeProduct(c, coopB.id, { priceVnd: 30_000, stock: 100 });
      const buyer = await signedInBuyer(c);
      const first = await buy(c, buyer, [
        { productId: a1.id, quantity: 1 },
        { productId: a2.id, quantity: 2 },
        { productId: b1.id, quantity: 3 },
      ]);
      const second = await buy(c, buyer, [{ productId: b1.id, quantity: 1 }]);
      const codesA = (await ordersOf(c, first.publicId)).orders.filter((o) => o.cooperativeId === coopA.id);
      const codesB = [
        ...(await ordersOf(c, first.publicId)).orders,
        ...(await ordersOf(c, second.publicId)).orders,
      ].filter((o) => o.cooperativeId === coopB.id);

      const rowsA = await c.services.orders.exportCooperativeOrders(ownerA, { query: {} });
      expect(rowsA.map((r) => [r.code, r.sku, r.quantity, r.lineTotalVnd, r.orderTotalVnd])).toEqual([
        [codesA[0]!.code, a1.sku, 1, 10_000, 50_000],
        [codesA[0]!.code, a2.sku, 2, 40_000, 50_000],
      ]);
      expect(rowsA[0]).toMatchObject({ buyer: "Trần Thị Mai", provinceCode: "19", status: "placed" });
      const rowsB = await c.services.orders.exportCooperativeOrders(ownerB, { query: {} });
      expect(new Set(rowsB.map((r) => r.code))).toEqual(new Set(codesB.map((o) => o.code)));
      expect(rowsB.every((r) => r.sku === b1.sku)).toBe(true);

      await c.services.orders.actOnOrder(ownerB, { code: codesB[0]!.code, action: "confirm" });
      expect(
        (await c.services.orders.exportCooperativeOrders(ownerB, { query: { status: "confirmed" } })).map(
          (r) => r.code,
        ),
      ).toEqual([codesB[0]!.code]);
      expect(
        (await domainError(c.services.orders.exportCooperativeOrders(buyer, { query: {} }))).status,
      ).toBe(403);
    });
  });

  it("leaves no order without its items and no stock below zero", async () => {
    const negative = await c.db.models.Product.count({ where: { stock: { [Op.lt]: 0 } } });
    expect(negative).toBe(0);
    const orders = await c.db.models.Order.findAll({
      include: [{ model: c.db.models.OrderItem, as: "items" }],
    });
    expect(orders.filter((o) => ((o as typeof o & { items?: unknown[] }).items ?? []).length === 0)).toEqual(
      [],
    );
  });
});
