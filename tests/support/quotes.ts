import type { CurrentUser } from "../../server/accounts/current-user";
import type { Container } from "../../server/context";
import { shiftDay, vietnamDay } from "../../server/vocabulary/dates";
import { makeProduct } from "./factories";
import { sellingCooperative, signedInBuyer } from "./orders";

type C = Pick<Container, "db" | "services">;

/** A quote request as the product page's form sends it. */
export function quoteRequestForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    quantity: "200",
    wantedBy: "",
    provinceCode: "01",
    message: "Cần chè móc câu đóng túi 1 kg cho chuỗi cửa hàng ở Hà Nội.",
    ...overrides,
  };
}

/** A cooperative's answer: 80.000 ₫ a unit, valid for a week. */
export function quoteAnswerForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    unitPriceVnd: "80.000",
    validUntil: shiftDay(vietnamDay(), { days: 7 }),
    note: "Giá đã gồm đóng gói.",
    ...overrides,
  };
}

/**
 * A selling cooperative with a kilo product (100.000 ₫, minimum 5 kg) and a signed-in buyer who has asked it for
 * a quote.
 */
export async function requestedQuote(
  c: C,
  options: { stock?: number; form?: Record<string, string> } = {},
): Promise<{
  coop: { id: number; name: string };
  owner: CurrentUser;
  buyer: CurrentUser;
  productId: number;
  quoteId: number;
}> {
  const { coop, owner } = await sellingCooperative(c);
  const product = await makeProduct(c, coop.id, {
    priceVnd: 100_000,
    minOrderQty: 5,
    stock: options.stock ?? 500,
    unit: "kg",
  });
  const buyer = await signedInBuyer(c);
  const { id } = await c.services.quotes.requestQuote(buyer, {
    productId: product.id,
    form: quoteRequestForm(options.form),
  });
  return { coop, owner, buyer, productId: product.id, quoteId: id };
}

/** The quote's row, straight from the table. */
export async function quoteRow(c: C, quoteId: number) {
  return (await c.db.models.Quote.findByPk(quoteId))!;
}

/** The audit trail of a quote, as its actions ("quote.request", "quote.answer"…). */
export async function quoteAudit(c: C, quoteId: number) {
  const rows = await c.db.models.AuditEvent.findAll({
    where: { entityType: "quote", entityId: String(quoteId) },
    order: [["id", "ASC"]],
  });
  return rows.map((r) => r.action);
}
