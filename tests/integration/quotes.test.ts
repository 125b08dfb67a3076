import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createQuotesService, EXPIRE_QUOTE, endOfValidity } from "../../server/quotes";
import { shiftDay, vietnamDay } from "../../server/vocabulary/dates";
import { formatVnd } from "../../server/vocabulary/format";
import { createTestContainer, DIALECTS, type TestContainer } from "../support/db";
import { checkoutForm, makeProduct } from "../support/factories";
import {
  cooperativeMember,
  domainError,
  fieldCodes,
  ordersOf,
  outbox,
  PLACE,
  sellingCooperative,
  signedInBuyer,
  signedInStaff,
  stockOf,
} from "../support/orders";
import { quoteAnswerForm, quoteAudit, quoteRequestForm, quoteRow, requestedQuote } from "../support/quotes";

/**
 * Quotes (issue 15): a buyer asks a cooperative for a price on a quantity, the cooperative answers or declines,
 * the answer lapses after its last day or is ordered through the cart at the quoted price. Every move is audited
 * and told to the other side.
 */
describe.each(DIALECTS)("quotes on %s", (dialect) => {
  let c: TestContainer;
  beforeAll(async () => {
    c = await createTestContainer(dialect);
  });
  afterAll(async () => c?.destroy());

  const cartOf = (userId: number) => c.services.orders.viewCart({ owner: { userId }, locale: "vi" });

  it("goes from request to answer to an order at the quoted price, and ends ordered with the order's code", async () => {
    const { coop, owner, buyer, productId, quoteId } = await requestedQuote(c);
    expect(await quoteRow(c, quoteId)).toMatchObject({
      status: "requested",
      quantity: 200,
      unit: "kg",
      provinceCode: "01",
      cooperativeId: coop.id,
    });
    const asked = await outbox(c, "quote_requested");
    expect(asked.at(-1)?.params).toMatchObject({ product: expect.any(String), quantity: "200", unit: "kg" });

    // The cooperative sees it waiting, with its own price at that quantity and its stock.
    const listed = await c.services.quotes.listCooperativeQuotes(owner, { locale: "vi" });
    expect(listed.find((q) => q.id === quoteId)).toMatchObject({
      status: "requested",
      buyer: { name: buyer.fullName },
      listPriceVnd: 100_000,
      priceAtQuantityVnd: 100_000,
      stock: 500,
    });

    const validUntil = shiftDay(vietnamDay(), { days: 7 });
    await c.services.quotes.answerQuote(owner, { quoteId, form: quoteAnswerForm({ validUntil }) });
    expect(await quoteRow(c, quoteId)).toMatchObject({
      status: "answered",
      unitPriceVnd: 80_000,
      validUntil,
      answerNote: "Giá đã gồm đóng gói.",
      openKey: null,
    });
    const answered = (await outbox(c, "quote_answered")).filter((n) => n.userId === buyer.id);
    expect(answered).toHaveLength(1);
    expect(answered[0]!.params).toMatchObject({
      cooperative: coop.name,
      price: formatVnd(80_000, "vi"),
      total: formatVnd(16_000_000, "vi"),
      link: "/account/quotes",
    });
    // Its lapse is scheduled for the first moment after its last day.
    const job = await c.db.models.Job.findOne({
      where: { type: EXPIRE_QUOTE, payload: JSON.stringify({ quoteId }) },
    });
    expect(job?.runAt.getTime()).toBe(endOfValidity(validUntil).getTime());

    const mine = await c.services.quotes.listBuyerQuotes(buyer, { locale: "vi" });
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ status: "answered", unitPriceVnd: 80_000, totalVnd: 16_000_000 });

    // "Order at this price": the quoted quantity at the quoted price, fixed; a second click changes nothing.
    await c.services.orders.orderAtQuotedPrice({ userId: buyer.id, quoteId });
    await c.services.orders.orderAtQuotedPrice({ userId: buyer.id, quoteId });
    let cart = await cartOf(buyer.id);
    expect(cart.groups.flatMap((g) => g.lines)).toEqual([
      expect.objectContaining({
        productId,
        quantity: 200,
        priceVnd: 80_000,
        seenPriceVnd: 80_000,
        lineTotalVnd: 16_000_000,
        quoteId,
        tier: null,
        problem: null,
      }),
    ]);
    const fixed = await domainError(
      c.services.orders.updateCartLine({ owner: { userId: buyer.id }, form: { productId, quantity: "250" } }),
    );
    expect(fieldCodes(fixed)).toEqual({ quantity: "quote_quantity_fixed" });
    const more = await domainError(
      c.services.orders.addToCart({ owner: { userId: buyer.id }, form: { productId, quantity: "5" } }),
    );
    expect(fieldCodes(more)).toEqual({ quantity: "quoted_line_in_cart" });
    // The list price moving is no concern of a quoted line.
    await c.db.models.Product.update({ priceVnd: 120_000 }, { where: { id: productId } });
    cart = await cartOf(buyer.id);
    expect(cart.problemCount).toBe(0);

    const placed = await c.services.orders.placeOrder(buyer, { form: checkoutForm(), ...PLACE });
    const { orders } = await ordersOf(c, placed.publicId);
    const items = await c.db.models.OrderItem.findAll({ where: { orderId: orders[0]!.id } });
    expect(items.map((i) => [i.productId, i.quantity, i.unitPriceVnd, i.lineTotalVnd])).toEqual([
      [productId, 200, 80_000, 16_000_000],
    ]);
    expect(await stockOf(c, productId)).toBe(300);
    expect(await quoteRow(c, quoteId)).toMatchObject({ status: "ordered", orderCode: orders[0]!.code });
    expect((await c.services.quotes.listBuyerQuotes(buyer, { locale: "vi" }))[0]).toMatchObject({
      status: "ordered",
      orderCode: orders[0]!.code,
    });
    expect((await outbox(c, "quote_ordered")).at(-1)?.params).toMatchObject({ code: orders[0]!.code });
    expect(await quoteAudit(c, quoteId)).toEqual(["quote.request", "quote.answer", "quote.order"]);

    // Ordered is final: it cannot go into a cart again, and the buyer may ask anew.
    expect(
      (await domainError(c.services.orders.orderAtQuotedPrice({ userId: buyer.id, quoteId }))).code,
    ).toBe("quote_not_orderable");
    await c.services.quotes.requestQuote(buyer, { productId, form: quoteRequestForm() });
  });

  it("gives the quote back when its order is cancelled, to be ordered again at the quoted price", async () => {
    const { owner, buyer, productId, quoteId } = await requestedQuote(c);
    await c.services.quotes.answerQuote(owner, { quoteId, form: quoteAnswerForm() });
    await c.services.orders.orderAtQuotedPrice({ userId: buyer.id, quoteId });
    const first = await c.services.orders.placeOrder(buyer, { form: checkoutForm(), ...PLACE });
    const [order] = (await ordersOf(c, first.publicId)).orders;
    expect(await quoteRow(c, quoteId)).toMatchObject({ status: "ordered", orderCode: order!.code });

    // The cooperative cannot supply after all: the order is cancelled, the quote can be ordered once more.
    await c.services.orders.actOnOrder(owner, {
      code: order!.code,
      action: "cancel",
      form: { reason: "Hết hàng đợt này, xin lỗi quý khách." },
    });
    expect(await quoteRow(c, quoteId)).toMatchObject({
      status: "answered",
      orderCode: null,
      orderedAt: null,
    });
    expect(await stockOf(c, productId)).toBe(500);
    await c.services.orders.orderAtQuotedPrice({ userId: buyer.id, quoteId });
    const again = await c.services.orders.placeOrder(buyer, { form: checkoutForm(), ...PLACE });
    const [second] = (await ordersOf(c, again.publicId)).orders;
    const items = await c.db.models.OrderItem.findAll({ where: { orderId: second!.id } });
    expect(items.map((i) => [i.quantity, i.unitPriceVnd])).toEqual([[200, 80_000]]);
    expect(await quoteRow(c, quoteId)).toMatchObject({ status: "ordered", orderCode: second!.code });
    expect(await quoteAudit(c, quoteId)).toEqual([
      "quote.request",
      "quote.answer",
      "quote.order",
      "quote.reopen",
      "quote.order",
    ]);
  });

  it("lets a quote ask for more than is in stock, and checkout then says the stock is short", async () => {
    const { owner, buyer, productId, quoteId } = await requestedQuote(c, {
      stock: 100,
      form: { quantity: "300" },
    });
    await c.services.quotes.answerQuote(owner, { quoteId, form: quoteAnswerForm() });
    await c.services.orders.orderAtQuotedPrice({ userId: buyer.id, quoteId });
    const line = (await cartOf(buyer.id)).groups[0]!.lines[0]!;
    expect(line).toMatchObject({ quantity: 300, problem: { code: "insufficient_stock", available: 100 } });
    const short = await domainError(c.services.orders.placeOrder(buyer, { form: checkoutForm(), ...PLACE }));
    expect(short).toMatchObject({ code: "insufficient_stock", status: 409, params: { available: 100 } });
    // Nothing was taken, and the quote can still be ordered once stock comes in.
    expect(await stockOf(c, productId)).toBe(100);
    expect((await quoteRow(c, quoteId)).status).toBe("answered");
    // Accepting changes does not cut a quoted quantity.
    await c.services.orders.acceptCartChanges({ owner: { userId: buyer.id } });
    expect((await cartOf(buyer.id)).groups[0]!.lines[0]!.quantity).toBe(300);
    await c.db.models.Product.update({ stock: 400 }, { where: { id: productId } });
    await c.services.orders.placeOrder(buyer, { form: checkoutForm(), ...PLACE });
    expect((await quoteRow(c, quoteId)).status).toBe("ordered");
  });

  it("replaces a line of the product at the list price with the quoted one", async () => {
    const { owner, buyer, productId, quoteId } = await requestedQuote(c);
    await c.services.orders.addToCart({ owner: { userId: buyer.id }, form: { productId, quantity: "10" } });
    await c.services.quotes.answerQuote(owner, { quoteId, form: quoteAnswerForm() });
    await c.services.orders.orderAtQuotedPrice({ userId: buyer.id, quoteId });
    const lines = (await cartOf(buyer.id)).groups.flatMap((g) => g.lines);
    expect(lines.map((l) => [l.productId, l.quantity, l.priceVnd, l.quoteId])).toEqual([
      [productId, 200, 80_000, quoteId],
    ]);
  });

  it("is declined with a reason the buyer hears, and a declined quote can be neither answered nor ordered", async () => {
    const { owner, buyer, quoteId } = await requestedQuote(c);
    await c.services.quotes.declineQuote(owner, {
      quoteId,
      form: { reason: "Vụ này đã hết hàng loại một." },
    });
    expect(await quoteRow(c, quoteId)).toMatchObject({
      status: "declined",
      declineReason: "Vụ này đã hết hàng loại một.",
      openKey: null,
    });
    expect((await outbox(c, "quote_declined")).filter((n) => n.userId === buyer.id)).toEqual([
      expect.objectContaining({
        params: expect.objectContaining({ reason: "Vụ này đã hết hàng loại một." }),
      }),
    ]);
    const again = await domainError(
      c.services.quotes.answerQuote(owner, { quoteId, form: quoteAnswerForm() }),
    );
    expect(again).toMatchObject({ code: "transition_refused", status: 409 });
    expect(
      (await domainError(c.services.orders.orderAtQuotedPrice({ userId: buyer.id, quoteId }))).code,
    ).toBe("quote_not_orderable");
    expect(await quoteAudit(c, quoteId)).toEqual(["quote.request", "quote.decline"]);
  });

  it("expires after its last valid day: shown so at once, removed from the cart, and closed by the job", async () => {
    const { owner, buyer, productId, quoteId } = await requestedQuote(c);
    const today = vietnamDay();
    await c.services.quotes.answerQuote(owner, { quoteId, form: quoteAnswerForm({ validUntil: today }) });
    await c.services.orders.orderAtQuotedPrice({ userId: buyer.id, quoteId });
    // Today is its last day: the job, run now, leaves it be.
    const handlers = (now: Date) =>
      createQuotesService({ db: c.db, products: c.services.catalogue.stock, now: () => now }).jobHandlers();
    await handlers(new Date())[EXPIRE_QUOTE]!({ quoteId }, { id: 0, attempts: 1 });
    expect((await quoteRow(c, quoteId)).status).toBe("answered");

    // A day on (the row's last day moved back a day, as if midnight had passed in Vietnam).
    await c.db.models.Quote.update({ validUntil: shiftDay(today, { days: -1 }) }, { where: { id: quoteId } });
    expect((await c.services.quotes.listBuyerQuotes(buyer, { locale: "vi" }))[0]!.status).toBe("expired");
    const cart = await cartOf(buyer.id);
    expect(cart.groups[0]!.lines[0]!.problem).toEqual({ code: "quote_expired" });
    expect(
      (await domainError(c.services.orders.placeOrder(buyer, { form: checkoutForm(), ...PLACE }))).code,
    ).toBe("cart_changed");
    expect(
      (await domainError(c.services.orders.orderAtQuotedPrice({ userId: buyer.id, quoteId }))).code,
    ).toBe("quote_not_orderable");
    await c.services.orders.acceptCartChanges({ owner: { userId: buyer.id } });
    expect((await cartOf(buyer.id)).lineCount).toBe(0);
    expect(await stockOf(c, productId)).toBe(500);

    await handlers(new Date())[EXPIRE_QUOTE]!({ quoteId }, { id: 0, attempts: 1 });
    expect((await quoteRow(c, quoteId)).status).toBe("expired");
    expect((await outbox(c, "quote_expired")).filter((n) => n.userId === buyer.id)).toHaveLength(1);
    expect(await quoteAudit(c, quoteId)).toEqual(["quote.request", "quote.answer", "quote.expire"]);
    // Run again (a retried job): nothing more happens.
    await handlers(new Date())[EXPIRE_QUOTE]!({ quoteId }, { id: 0, attempts: 2 });
    expect((await outbox(c, "quote_expired")).filter((n) => n.userId === buyer.id)).toHaveLength(1);
  });

  it("refuses a request or an answer that is not right, beside its fields, in both languages", async () => {
    const { coop, owner } = await sellingCooperative(c);
    const product = await makeProduct(c, coop.id, { minOrderQty: 20, unit: "kg" });
    const buyer = await signedInBuyer(c);
    const bad = await domainError(
      c.services.quotes.requestQuote(buyer, {
        productId: product.id,
        form: {
          quantity: "0",
          wantedBy: shiftDay(vietnamDay(), { days: -2 }),
          provinceCode: "",
          message: "ít",
        },
      }),
    );
    expect(fieldCodes(bad)).toEqual({
      quantity: "too_small",
      wantedBy: "wanted_by_in_past",
      provinceCode: "required",
      message: "too_short",
    });
    const below = await domainError(
      c.services.quotes.requestQuote(buyer, {
        productId: product.id,
        form: quoteRequestForm({ quantity: "5" }),
      }),
    );
    const fields = (
      below as typeof below & {
        fields: Record<string, { code: string; params: Record<string, string | number> }>;
      }
    ).fields;
    expect(fields.quantity).toEqual({ code: "below_minimum", params: { min: 20, unitCode: "kg" } });
    const vi = c.services.i18n.t("vi");
    const en = c.services.i18n.t("en");
    expect(vi(`errors:${fields.quantity!.code}`, fields.quantity!.params)).toBe(
      "Số lượng đặt tối thiểu: 20 kg.",
    );
    expect(vi("errors:wanted_by_in_past")).toBe("Ngày cần hàng không thể ở quá khứ.");
    expect(en("errors:wanted_by_in_past")).toBe("The date you need the goods by cannot be in the past.");

    const { id } = await c.services.quotes.requestQuote(buyer, {
      productId: product.id,
      form: quoteRequestForm({ wantedBy: shiftDay(vietnamDay(), { days: 30 }) }),
    });
    const twice = await domainError(
      c.services.quotes.requestQuote(buyer, { productId: product.id, form: quoteRequestForm() }),
    );
    expect(twice).toMatchObject({ code: "quote_already_requested", status: 409 });
    expect(vi("errors:quote_already_requested")).toContain("đang chờ hợp tác xã trả lời");

    const answer = await domainError(
      c.services.quotes.answerQuote(owner, {
        quoteId: id,
        form: { unitPriceVnd: "", validUntil: shiftDay(vietnamDay(), { days: 200 }), note: "" },
      }),
    );
    // A blank price reads as the product form's does ("format"): one money field, one behaviour.
    expect(fieldCodes(answer)).toEqual({ unitPriceVnd: "format", validUntil: "date_too_far" });
    const answerFields = (
      answer as typeof answer & {
        fields: Record<string, { code: string; params: Record<string, string | number> }>;
      }
    ).fields;
    expect(vi(`errors:${answerFields.validUntil!.code}`, answerFields.validUntil!.params)).toBe(
      "Tối đa 90 ngày kể từ hôm nay.",
    );
    const past = await domainError(
      c.services.quotes.answerQuote(owner, {
        quoteId: id,
        form: quoteAnswerForm({ validUntil: shiftDay(vietnamDay(), { days: -1 }), unitPriceVnd: "0" }),
      }),
    );
    expect(fieldCodes(past)).toEqual({ unitPriceVnd: "too_small", validUntil: "valid_until_in_past" });
    const decline = await domainError(
      c.services.quotes.declineQuote(owner, { quoteId: id, form: { reason: "" } }),
    );
    expect(fieldCodes(decline)).toEqual({ reason: "required" });
    expect((await quoteRow(c, id)).status).toBe("requested");
  });

  it("lets only buyers ask, only the quote's cooperative answer, and only its buyer order it", async () => {
    const { coop, buyer, productId, quoteId } = await requestedQuote(c);
    const other = await sellingCooperative(c);
    const member = await cooperativeMember(c, coop.id);
    const staff = await signedInStaff(c);
    const stranger = await signedInBuyer(c);

    for (const who of [other.owner, staff])
      expect(
        await domainError(c.services.quotes.requestQuote(who, { productId, form: quoteRequestForm() })),
      ).toMatchObject({ code: "quote_buyers_only", status: 403 });
    // A product that is not on sale cannot be asked about.
    const draft = await makeProduct(c, coop.id, { status: "draft" });
    expect(
      (
        await domainError(
          c.services.quotes.requestQuote(buyer, { productId: draft.id, form: quoteRequestForm() }),
        )
      ).code,
    ).toBe("product_not_found");

    expect(
      await domainError(c.services.quotes.answerQuote(other.owner, { quoteId, form: quoteAnswerForm() })),
    ).toMatchObject({ code: "quote_not_found", status: 404 });
    expect(
      (await c.services.quotes.listCooperativeQuotes(other.owner, { locale: "vi" })).map((q) => q.id),
    ).toEqual([]);
    // Any member of the cooperative may answer for it.
    await c.services.quotes.answerQuote(member, { quoteId, form: quoteAnswerForm() });
    expect(
      await domainError(c.services.orders.orderAtQuotedPrice({ userId: stranger.id, quoteId })),
    ).toMatchObject({ code: "quote_not_found", status: 404 });
    expect(await c.services.quotes.listBuyerQuotes(stranger, { locale: "vi" })).toEqual([]);
  });
});
