import { randomBytes } from "node:crypto";
import { Op } from "sequelize";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isDomainError } from "../../server/errors";
import { createTestContainer, DIALECTS, type TestContainer } from "../support/db";
import { checkoutForm, makeProduct } from "../support/factories";
import { cooperativeMember, PLACE, sellingCooperative, signedInBuyer } from "../support/orders";
import { quoteAnswerForm, quoteAudit, quoteRequestForm, quoteRow, requestedQuote } from "../support/quotes";

/**
 * Quotes under two hands at once. SQLite serialises writers, so these pass there either way; on MariaDB
 * (MYSQL_URL) they hold because the quote's row is locked before it is read, and the lifecycle's UPDATE …
 * WHERE status = 'requested' lets only one move through; the cart's row lock and `open_key`'s unique index do
 * the same for the buyer's double clicks.
 */
describe.each(DIALECTS)("quotes at once on %s", (dialect) => {
  let c: TestContainer;
  beforeAll(async () => {
    c = await createTestContainer(dialect);
  });
  afterAll(async () => c?.destroy());

  const codeOf = (r: PromiseSettledResult<unknown>) =>
    r.status === "rejected" && isDomainError(r.reason) ? r.reason.code : r.status;

  it("answering and declining one quote at once has exactly one outcome", async () => {
    for (let round = 0; round < 6; round++) {
      const { coop, owner, buyer, quoteId } = await requestedQuote(c);
      const member = await cooperativeMember(c, coop.id);
      const results = await Promise.allSettled([
        c.services.quotes.answerQuote(owner, { quoteId, form: quoteAnswerForm({ unitPriceVnd: "81000" }) }),
        c.services.quotes.declineQuote(member, { quoteId, form: { reason: "Không đủ hàng vụ này." } }),
        c.services.quotes.answerQuote(member, { quoteId, form: quoteAnswerForm({ unitPriceVnd: "79000" }) }),
      ]);
      const won = results.filter((r) => r.status === "fulfilled");
      expect(won, `round ${round}: ${results.map(codeOf).join(", ")}`).toHaveLength(1);
      for (const r of results.filter((x) => x.status === "rejected"))
        expect(["transition_refused", "quote_changed"]).toContain(codeOf(r));
      const winner = results.findIndex((r) => r.status === "fulfilled");
      const row = await quoteRow(c, quoteId);
      expect(row.status).toBe(winner === 1 ? "declined" : "answered");
      if (winner !== 1) expect(row.unitPriceVnd).toBe(winner === 0 ? 81_000 : 79_000);
      expect(await quoteAudit(c, quoteId)).toEqual([
        "quote.request",
        `quote.${winner === 1 ? "decline" : "answer"}`,
      ]);
      const told = await c.db.models.Notification.count({
        where: { userId: buyer.id, template: { [Op.in]: ["quote_answered", "quote_declined"] } },
      });
      expect(told).toBe(1);
    }
  });

  it("a double-clicked request makes one quote", async () => {
    const { coop } = await sellingCooperative(c);
    const product = await makeProduct(c, coop.id, { stock: 50 });
    const buyer = await signedInBuyer(c);
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () =>
        c.services.quotes.requestQuote(buyer, { productId: product.id, form: quoteRequestForm() }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected").map(codeOf)).toEqual(
      Array(4).fill("quote_already_requested"),
    );
    expect(await c.db.models.Quote.count({ where: { buyerId: buyer.id } })).toBe(1);
  });

  it("a double-clicked 'Order at this price' puts the quoted quantity in the cart once", async () => {
    const { owner, buyer, productId, quoteId } = await requestedQuote(c);
    await c.services.quotes.answerQuote(owner, { quoteId, form: quoteAnswerForm() });
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => c.services.orders.orderAtQuotedPrice({ userId: buyer.id, quoteId })),
    );
    expect(results.map(codeOf)).toEqual(Array(5).fill("fulfilled"));
    const items = await c.db.models.CartItem.findAll({ where: { productId } });
    expect(items.map((i) => [i.quantity, i.seenPriceVnd, i.quoteId])).toEqual([[200, 80_000, quoteId]]);
  });

  it("two checkouts of a cart holding a quote at once order it once", async () => {
    const { owner, buyer, productId, quoteId } = await requestedQuote(c);
    await c.services.quotes.answerQuote(owner, { quoteId, form: quoteAnswerForm() });
    await c.services.orders.orderAtQuotedPrice({ userId: buyer.id, quoteId });
    // Two tabs, each with its own form (its own submission key).
    const results = await Promise.allSettled(
      [1, 2].map(() =>
        c.services.orders.placeOrder(buyer, {
          form: checkoutForm({ submissionKey: randomBytes(16).toString("base64url") }),
          ...PLACE,
        }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected").map(codeOf)).toEqual(["cart_empty"]);
    const row = await quoteRow(c, quoteId);
    const orders = await c.db.models.Order.findAll({ where: { buyerId: buyer.id } });
    expect(orders).toHaveLength(1);
    expect(row).toMatchObject({ status: "ordered", orderCode: orders[0]!.code });
    expect(await quoteAudit(c, quoteId)).toEqual(["quote.request", "quote.answer", "quote.order"]);
    expect((await c.db.models.Product.findByPk(productId))!.stock).toBe(300);
  });
});
