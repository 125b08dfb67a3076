import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXPIRE_GUEST_CART, GUEST_CART_DAYS, guestCartExpiry } from "../../server/orders/cart";
import { createTestContainer, DIALECTS, type TestContainer } from "../support/db";
import { checkoutForm, makeProduct } from "../support/factories";
import {
  cartLines,
  domainError,
  fieldCodes,
  orderLeftovers,
  PLACE,
  sellingCooperative,
  signedInBuyer,
  stockOf,
} from "../support/orders";

/**
 * Orders through their use cases on a real database: the cart, a guest's and a buyer's.
 */
describe.each(DIALECTS)("orders: the cart on %s", (dialect) => {
  let c: TestContainer;
  beforeAll(async () => {
    c = await createTestContainer(dialect);
  });
  afterAll(async () => c?.destroy());

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
      // The header counts units: one line of five.
      expect(await c.services.orders.countCartUnits({ owner: { token } })).toBe(5);
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
      expect(await cartLines(c, buyer)).toEqual([]);

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
      expect(await cartLines(c, buyer)).toEqual([{ productId: p.id, quantity: 3 }]);

      await c.services.orders.updateCartLine({ owner, form: { productId: p.id, quantity: 5 } });
      expect(await cartLines(c, buyer)).toEqual([{ productId: p.id, quantity: 5 }]);
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
      expect(await cartLines(c, buyer)).toEqual([]);

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
      expect(await stockOf(c, honey.id)).toBe(3);
      expect(await stockOf(c, tea.id)).toBe(50);
      expect(await c.db.models.Checkout.count({ where: { buyerId: buyer.id } })).toBe(0);
      expect(await cartLines(c, buyer)).toHaveLength(2);

      await c.services.orders.acceptCartChanges({ owner: { userId: buyer.id } });
      view = await c.services.orders.viewCart({ owner: { userId: buyer.id }, locale: "vi" });
      expect(view.problemCount).toBe(0);
      expect(honeyLine()).toMatchObject({ quantity: 3, problem: null });
      expect(teaLine()).toMatchObject({ seenPriceVnd: 150_000, problem: null });

      const placed = await c.services.orders.placeOrder(buyer, { form: checkoutForm(), ...PLACE });
      const detail = await c.services.orders.getCheckout(buyer, { publicId: placed.publicId });
      expect(detail.totalVnd).toBe(2 * 150_000 + 3 * 200_000);
      expect(await stockOf(c, honey.id)).toBe(0);
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
      expect(await cartLines(c, buyer)).toEqual([{ productId: a.id, quantity: 5 }]);
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
        const lines = await cartLines(c, buyer);
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
        (await cartLines(c, buyer))
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
      expect((await cartLines(c, buyer)).reduce((s, l) => s + l.quantity, 0)).toBe(6);
    });
  });

  it("leaves no order without its items and no stock below zero", async () => {
    expect(await orderLeftovers(c)).toEqual({ negativeStock: 0, ordersWithoutItems: [] });
  });
});
