import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContainer, DIALECTS, type TestContainer } from "../support/db";
import { checkoutForm, makeProduct } from "../support/factories";
import {
  BANK_ACCOUNT,
  cartLines,
  domainError,
  fieldCodes,
  ordersOf,
  PLACE,
  sellingCooperative,
  signedInBuyer,
  stockOf,
} from "../support/orders";

/** The settings form as a cooperative fills it in: Thái Nguyên and the North, free from 500.000 ₫, pick-up. */
const SETTINGS = {
  provinceOn: "on",
  provinceFeeVnd: "20.000",
  provinceDaysMin: "1",
  provinceDaysMax: "2",
  regionOn: "on",
  regionFeeVnd: "35.000",
  regionDaysMin: "2",
  regionDaysMax: "4",
  countryFeeVnd: "",
  freeAboveVnd: "500.000",
  pickup: "on",
  pickupAddress: "Xóm Hồng Thái 2, Tân Cương",
  pickupReadyDays: "1",
};

/**
 * Delivery options: each cooperative says how its goods travel and what that costs; the cart and checkout price
 * them for the buyer's province, and each order keeps the option chosen, its fee and the days promised.
 */
describe.each(DIALECTS)("shipping on %s", (dialect) => {
  let c: TestContainer;
  beforeAll(async () => {
    c = await createTestContainer(dialect);
  });
  afterAll(async () => c?.destroy());

  async function shop() {
    const { coop, owner } = await sellingCooperative(c, { name: "HTX Chè Hồng Thái", bank: true });
    await c.services.orders.saveShippingPolicy(owner, SETTINGS);
    const tea = await makeProduct(c, coop.id, { nameVi: "Chè búp Tân Cương", priceVnd: 120_000, stock: 50 });
    const buyer = await signedInBuyer(c);
    await c.services.orders.addToCart({
      owner: { userId: buyer.id },
      form: { productId: tea.id, quantity: 2 },
    });
    return { coop, owner, tea, buyer };
  }

  it("keeps what a cooperative sets, and refuses settings that leave buyers no way or make no sense", async () => {
    const { owner } = await shop();
    const { policy, configured } = await c.services.orders.getShippingPolicy(owner);
    expect(configured).toBe(true);
    expect(policy).toMatchObject({
      originProvinceCode: "19",
      zones: {
        province: { feeVnd: 20_000, daysMin: 1, daysMax: 2 },
        region: { feeVnd: 35_000, daysMin: 2, daysMax: 4 },
      },
      freeAboveVnd: 500_000,
      pickup: { address: "Xóm Hồng Thái 2, Tân Cương", readyDays: 1 },
      freightQuote: false,
    });
    expect(policy.zones.country).toBeUndefined();

    const bad = await domainError(
      c.services.orders.saveShippingPolicy(owner, {
        countryOn: "on",
        countryFeeVnd: "",
        countryDaysMin: "5",
        countryDaysMax: "3",
        pickup: "on",
        pickupAddress: "",
      }),
    );
    expect(fieldCodes(bad)).toEqual({
      countryFeeVnd: "required",
      countryDaysMax: "days_max_below_min",
      pickupAddress: "required",
      pickupReadyDays: "required",
    });
    expect(fieldCodes(await domainError(c.services.orders.saveShippingPolicy(owner, {})))).toEqual({
      freightQuote: "no_shipping_option",
    });
    // Nothing of the refused forms was kept.
    expect((await c.services.orders.getShippingPolicy(owner)).policy).toEqual(policy);
  });

  it("prices the cart for the buyer's province, and says how much more makes delivery free", async () => {
    const { coop, buyer } = await shop();
    const cart = await c.services.orders.viewCart({ owner: { userId: buyer.id }, locale: "vi" });
    const toHanoi = await c.services.orders.cartShipping(cart, "01");
    expect(toHanoi[coop.id]!.map((o) => [o.method, o.zone, o.feeVnd, o.freeShortfallVnd])).toEqual([
      ["delivery", "region", 35_000, 260_000],
      ["pickup", null, 0, null],
    ]);
    // Hồ Chí Minh is not served: the buyer can collect, or nothing else.
    const toSaigon = await c.services.orders.cartShipping(cart, "79");
    expect(toSaigon[coop.id]!.map((o) => o.method)).toEqual(["pickup"]);
    // A buyer's goods usually go where their last checkout went.
    expect(await c.services.orders.usualDestination(buyer)).toBeNull();
  });

  it("adds the chosen delivery to the order and to what the buyer pays, by transfer as by card", async () => {
    const { coop, buyer } = await shop();
    const placed = await c.services.orders.placeOrder(buyer, {
      form: checkoutForm({
        provinceCode: "01",
        wardCode: "00004",
        paymentMethod: "bank_transfer",
        [`shipping-${coop.id}`]: "delivery:35000",
      }),
      ...PLACE,
    });
    const { checkout, orders } = await ordersOf(c, placed.publicId);
    expect(checkout.totalVnd).toBe(240_000 + 35_000);
    expect(orders.map((o) => [o.subtotalVnd, o.shippingMethod, o.shippingZone, o.shippingFeeVnd])).toEqual([
      [240_000, "delivery", "region", 35_000],
    ]);
    expect([orders[0]!.deliveryDaysMin, orders[0]!.deliveryDaysMax]).toEqual([2, 4]);
    const detail = await c.services.orders.getCheckout(buyer, { publicId: placed.publicId });
    expect(detail.orders[0]).toMatchObject({
      subtotalVnd: 240_000,
      totalVnd: 275_000,
      shipping: { method: "delivery", zone: "region", feeVnd: 35_000, daysMin: 2, daysMax: 4 },
    });
    // The transfer asks for the goods and their delivery.
    expect(detail.orders[0]!.bankTransfer).toMatchObject({
      amountVnd: 275_000,
      accountNo: BANK_ACCOUNT.bankAccountNo.replace(/\s/g, ""),
    });
    expect(await c.services.orders.usualDestination(buyer)).toBe("01");
  });

  it("delivers free from the amount on, and takes pick-up at no charge", async () => {
    const { coop, tea, buyer } = await shop();
    await c.services.orders.updateCartLine({
      owner: { userId: buyer.id },
      form: { productId: tea.id, quantity: 5 },
    });
    const free = await c.services.orders.placeOrder(buyer, {
      form: checkoutForm({ [`shipping-${coop.id}`]: "delivery:0" }),
      ...PLACE,
    });
    const { checkout, orders } = await ordersOf(c, free.publicId);
    expect([checkout.totalVnd, orders[0]!.shippingZone, orders[0]!.shippingFeeVnd]).toEqual([
      600_000,
      "province",
      0,
    ]);

    await c.services.orders.addToCart({
      owner: { userId: buyer.id },
      form: { productId: tea.id, quantity: 1 },
    });
    const pickup = await c.services.orders.placeOrder(buyer, {
      form: checkoutForm({ [`shipping-${coop.id}`]: "pickup:0" }),
      ...PLACE,
    });
    const collected = await ordersOf(c, pickup.publicId);
    expect(collected.checkout.totalVnd).toBe(120_000);
    expect(collected.orders.map((o) => [o.shippingMethod, o.shippingFeeVnd, o.deliveryDaysMax])).toEqual([
      ["pickup", 0, 1],
    ]);
  });

  it("refuses a fee that moved under the buyer, or a way not offered there, and leaves the cart as it was", async () => {
    const { coop, tea, buyer } = await shop();
    // The page priced Thái Nguyên (20.000 ₫); the buyer then chose Hà Nội without scripts to price it again.
    const moved = await domainError(
      c.services.orders.placeOrder(buyer, {
        form: checkoutForm({
          provinceCode: "01",
          wardCode: "00004",
          [`shipping-${coop.id}`]: "delivery:20000",
        }),
        ...PLACE,
      }),
    );
    expect(fieldCodes(moved)).toEqual({ [`shipping-${coop.id}`]: "shipping_changed" });
    const unserved = await domainError(
      c.services.orders.placeOrder(buyer, {
        form: checkoutForm({ provinceCode: "79", wardCode: "25747", [`shipping-${coop.id}`]: "delivery" }),
        ...PLACE,
      }),
    );
    expect(fieldCodes(unserved)).toEqual({ [`shipping-${coop.id}`]: "shipping_unavailable" });
    expect(await c.db.models.Checkout.count({ where: { buyerId: buyer.id } })).toBe(0);
    expect(await cartLines(c, buyer)).toEqual([{ productId: tea.id, quantity: 2 }]);
    expect(await stockOf(c, tea.id)).toBe(50);
  });

  it("leaves freight to be agreed for a cooperative that has published nothing", async () => {
    const { coop } = await sellingCooperative(c, { name: "HTX Miến dong Na Rì" });
    const noodles = await makeProduct(c, coop.id, { nameVi: "Miến dong", priceVnd: 90_000, stock: 10 });
    const buyer = await signedInBuyer(c);
    await c.services.orders.addToCart({
      owner: { userId: buyer.id },
      form: { productId: noodles.id, quantity: 1 },
    });
    const placed = await c.services.orders.placeOrder(buyer, { form: checkoutForm(), ...PLACE });
    const { checkout, orders } = await ordersOf(c, placed.publicId);
    expect(checkout.totalVnd).toBe(90_000);
    expect(orders.map((o) => [o.shippingMethod, o.shippingFeeVnd, o.deliveryDaysMin])).toEqual([
      ["freight_quote", 0, null],
    ]);
  });
});
