import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatVnd } from "../../server/vocabulary/format";
import { createTestContainer, DIALECTS, type TestContainer } from "../support/db";
import { checkoutForm, productForm } from "../support/factories";
import {
  domainError,
  fieldCodes,
  ordersOf,
  PLACE,
  sellingCooperative,
  signedInBuyer,
} from "../support/orders";

/**
 * Volume prices (issue 15): a cooperative sets "from 50 kg: 85.000 ₫/kg" on its product form; the product page
 * shows them, and the cart charges the price for each line's quantity. Reaching a volume price by changing the
 * quantity is the buyer's own doing, not a price change to accept; a cooperative changing a price is.
 */
describe.each(DIALECTS)("volume prices on %s", (dialect) => {
  let c: TestContainer;
  beforeAll(async () => {
    c = await createTestContainer(dialect);
  });
  afterAll(async () => c?.destroy());

  const tiers = (rows: Array<[string, string]>) =>
    Object.fromEntries(
      rows.flatMap(([qty, price], i) => [
        [`tier${i + 1}MinQty`, qty],
        [`tier${i + 1}PriceVnd`, price],
      ]),
    );

  /** A kilo product at 100.000 ₫ with volume prices from 50 kg (85.000 ₫) and 100 kg (80.000 ₫). */
  async function teaWithTiers(stock = "500") {
    const { coop, owner } = await sellingCooperative(c);
    const { id } = await c.services.catalogue.createProduct(
      owner,
      productForm({
        sku: `CHE-KG-${Math.random().toString(36).slice(2, 8)}`,
        unit: "kg",
        priceVnd: "100.000",
        minOrderQty: "5",
        stock,
        ...tiers([
          ["50", "85.000"],
          ["100", "80 000"],
        ]),
      }),
    );
    return { coop, owner, id };
  }

  const lineOf = async (userId: number, productId: number) =>
    (await c.services.orders.viewCart({ owner: { userId }, locale: "vi" })).groups
      .flatMap((g) => g.lines)
      .find((l) => l.productId === productId)!;

  it("keeps the tiers a cooperative saves, shows them on the product page, and changes them by difference", async () => {
    const { owner, id } = await teaWithTiers();
    const edit = await c.services.catalogue.getProductForEdit(owner, { productId: id, locale: "vi" });
    expect(edit.product.priceTiers).toEqual([
      { minQty: 50, priceVnd: 85_000 },
      { minQty: 100, priceVnd: 80_000 },
    ]);
    const page = await c.services.catalogue.getProductPage({
      slug: edit.product.slug,
      viewer: null,
      locale: "vi",
    });
    expect(page.priceTiers).toEqual(edit.product.priceTiers);

    // The second row goes, a third appears at 200 kg: the table holds exactly what the form says.
    await c.services.catalogue.updateProduct(owner, {
      productId: id,
      form: productForm({
        sku: edit.product.sku,
        unit: "kg",
        priceVnd: "100000",
        minOrderQty: "5",
        stock: "500",
        ...tiers([
          ["50", "86000"],
          ["", ""],
          ["200", "75000"],
        ]),
      }),
    });
    const rows = await c.db.models.ProductPriceTier.findAll({
      where: { productId: id },
      order: [["minQty", "ASC"]],
    });
    expect(rows.map((r) => [r.minQty, r.priceVnd])).toEqual([
      [50, 86_000],
      [200, 75_000],
    ]);
    // A form without tiers removes them all.
    await c.services.catalogue.updateProduct(owner, {
      productId: id,
      form: productForm({ sku: edit.product.sku, unit: "kg", priceVnd: "100000", minOrderQty: "5" }),
    });
    expect(await c.db.models.ProductPriceTier.count({ where: { productId: id } })).toBe(0);
  });

  it("refuses tiers that do not start above the minimum, rise in quantity and fall in price, with translated messages", async () => {
    const { owner } = await sellingCooperative(c);
    const error = await domainError(
      c.services.catalogue.createProduct(
        owner,
        productForm({
          sku: "CHE-SAI",
          priceVnd: "100.000",
          minOrderQty: "10",
          ...tiers([
            ["10", "90000"],
            ["50", "95000"],
            ["40", "80000"],
            ["", "70000"],
          ]),
        }),
      ),
    );
    expect(error.status).toBe(400);
    expect(fieldCodes(error)).toEqual({
      tier1MinQty: "tier_not_above_minimum",
      tier2PriceVnd: "tier_price_not_lower",
      tier3MinQty: "tier_quantity_not_rising",
      tier4MinQty: "required",
    });
    const fields = (
      error as typeof error & { fields: Record<string, { code: string; params?: Record<string, number> }> }
    ).fields;
    const t = c.services.i18n.t("vi");
    const say = (field: string) => t(`errors:${fields[field]!.code}`, fields[field]!.params ?? {});
    expect(say("tier1MinQty")).toBe(
      "Mức giá theo số lượng phải bắt đầu từ trên số lượng đặt tối thiểu (10).",
    );
    expect(say("tier2PriceVnd")).toBe(
      `Đơn giá phải thấp hơn ${formatVnd(90_000, "vi")} (giá ở mức số lượng thấp hơn).`,
    );
    expect(say("tier3MinQty")).toBe("Số lượng phải lớn hơn mức trước (50).");
    expect(
      c.services.i18n.t("en")(`errors:${fields.tier2PriceVnd!.code}`, fields.tier2PriceVnd!.params),
    ).toBe(`The unit price must be lower than ${formatVnd(90_000, "en")} (the price at a lower quantity).`);
    expect(await c.db.models.Product.count({ where: { sku: "CHE-SAI" } })).toBe(0);
  });

  it("charges the volume price for the line's quantity, and reaching it is not a price change", async () => {
    const { id } = await teaWithTiers();
    const buyer = await signedInBuyer(c);
    const owner = { userId: buyer.id };
    await c.services.orders.addToCart({ owner, form: { productId: id, quantity: "10" } });
    expect(await lineOf(buyer.id, id)).toMatchObject({
      quantity: 10,
      priceVnd: 100_000,
      listPriceVnd: 100_000,
      tier: null,
      lineTotalVnd: 1_000_000,
      problem: null,
    });

    // The buyer types 60: the 50 kg price applies, shown as such, and nothing is left to accept.
    await c.services.orders.updateCartLine({ owner, form: { productId: id, quantity: "60" } });
    expect(await lineOf(buyer.id, id)).toMatchObject({
      quantity: 60,
      priceVnd: 85_000,
      seenPriceVnd: 85_000,
      tier: { minQty: 50 },
      lineTotalVnd: 5_100_000,
      problem: null,
    });
    // Adding 50 more from the product page reaches the 100 kg price.
    await c.services.orders.addToCart({ owner, form: { productId: id, quantity: "50" } });
    expect(await lineOf(buyer.id, id)).toMatchObject({
      quantity: 110,
      priceVnd: 80_000,
      tier: { minQty: 100 },
    });
    // And back down to 20: the list price again, still no problem.
    await c.services.orders.updateCartLine({ owner, form: { productId: id, quantity: "20" } });
    expect(await lineOf(buyer.id, id)).toMatchObject({ priceVnd: 100_000, tier: null, problem: null });
    await c.services.orders.updateCartLine({ owner, form: { productId: id, quantity: "75" } });

    const placed = await c.services.orders.placeOrder(buyer, { form: checkoutForm(), ...PLACE });
    const { orders, checkout } = await ordersOf(c, placed.publicId);
    const items = await c.db.models.OrderItem.findAll({ where: { orderId: orders[0]!.id } });
    expect(items.map((i) => [i.quantity, i.unitPriceVnd, i.lineTotalVnd])).toEqual([[75, 85_000, 6_375_000]]);
    expect(orders[0]!.subtotalVnd).toBe(6_375_000);
    expect(checkout.totalVnd).toBeGreaterThanOrEqual(6_375_000);
  });

  it("shows a tier the cooperative changed as a price change until the buyer accepts it, whatever the quantity does", async () => {
    const { owner: seller, id } = await teaWithTiers();
    const product = (await c.db.models.Product.findByPk(id))!;
    const buyer = await signedInBuyer(c);
    const owner = { userId: buyer.id };
    await c.services.orders.addToCart({ owner, form: { productId: id, quantity: "60" } });

    // The cooperative raises its 50 kg price: the buyer at 60 kg sees it, and checkout waits for them.
    await c.services.catalogue.updateProduct(seller, {
      productId: id,
      form: productForm({
        sku: product.sku,
        unit: "kg",
        priceVnd: "100000",
        minOrderQty: "5",
        stock: "500",
        ...tiers([
          ["50", "88000"],
          ["100", "80000"],
        ]),
      }),
    });
    expect(await lineOf(buyer.id, id)).toMatchObject({
      priceVnd: 88_000,
      seenPriceVnd: 85_000,
      problem: { code: "price_changed", from: 85_000, to: 88_000 },
    });
    expect(
      (await domainError(c.services.orders.placeOrder(buyer, { form: checkoutForm(), ...PLACE }))).code,
    ).toBe("cart_changed");

    // Moving the quantity does not make the change go unseen.
    await c.services.orders.updateCartLine({ owner, form: { productId: id, quantity: "70" } });
    expect((await lineOf(buyer.id, id)).problem).toEqual({ code: "price_changed", from: 85_000, to: 88_000 });

    await c.services.orders.acceptCartChanges({ owner });
    expect(await lineOf(buyer.id, id)).toMatchObject({ seenPriceVnd: 88_000, problem: null });
    const placed = await c.services.orders.placeOrder(buyer, { form: checkoutForm(), ...PLACE });
    const { orders } = await ordersOf(c, placed.publicId);
    expect(orders[0]!.subtotalVnd).toBe(70 * 88_000);
  });

  it("prices a guest cart merged at login at the summed quantity's tier", async () => {
    const { id } = await teaWithTiers();
    const buyer = await signedInBuyer(c);
    await c.services.orders.addToCart({
      owner: { userId: buyer.id },
      form: { productId: id, quantity: "30" },
    });
    const { token } = await c.services.orders.addToCart({
      owner: { token: null },
      form: { productId: id, quantity: "30" },
    });
    await c.services.orders.mergeGuestCart({ guestToken: token, userId: buyer.id });
    expect(await lineOf(buyer.id, id)).toMatchObject({
      quantity: 60,
      priceVnd: 85_000,
      seenPriceVnd: 85_000,
      problem: null,
    });
  });
});
