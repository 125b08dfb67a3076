import { Op } from "sequelize";
import type { CurrentUser } from "../../server/accounts/current-user";
import type { Container } from "../../server/context";
import { isDomainError, type DomainError } from "../../server/errors";
import { checkoutForm, currentUser, makeCooperative, makeUser } from "./factories";

type C = Pick<Container, "db" | "services">;

/** How placeOrder is called by the checkout route. */
export const PLACE = { locale: "vi", origin: "http://shop.test" } as const;

/** A Vietcombank account, as a cooperative would enter it. */
export const BANK_ACCOUNT = {
  bankBin: "970436",
  bankAccountNo: "0011 0041 23456",
  bankAccountName: "HTX Che Tan Cuong",
};

/** A signed-in buyer (through a real login). */
export async function signedInBuyer(c: C, overrides: { fullName?: string } = {}): Promise<CurrentUser> {
  const user = await makeUser(c, overrides);
  return currentUser(c, user.email);
}

export async function signedInStaff(c: C): Promise<CurrentUser> {
  const user = await makeUser(c, { role: "staff" });
  return currentUser(c, user.email);
}

/**
 * An approved cooperative with a signed-in owner; with `bank`, its transfer account is set through the
 * cooperatives use case (as the settings page would).
 */
export async function sellingCooperative(c: C, options: { name?: string; bank?: boolean } = {}) {
  const ownerRow = await makeUser(c, { role: "cooperative" });
  const coop = await makeCooperative(c, { ownerId: ownerRow.id, name: options.name });
  const owner = await currentUser(c, ownerRow.email);
  if (options.bank) await c.services.cooperatives.setBankAccount(owner, BANK_ACCOUNT);
  return { coop, owner };
}

/** Another member of the cooperative, signed in. */
export async function cooperativeMember(c: C, cooperativeId: number): Promise<CurrentUser> {
  const user = await makeUser(c, { role: "cooperative" });
  await c.db.models.CooperativeMember.create({ userId: user.id, cooperativeId, role: "member" });
  return currentUser(c, user.email);
}

/** Put lines in the buyer's cart and place it. */
export async function buy(
  c: C,
  user: CurrentUser,
  lines: Array<{ productId: number; quantity: number }>,
  form: Record<string, string> = {},
) {
  for (const line of lines) await c.services.orders.addToCart({ owner: { userId: user.id }, form: line });
  return c.services.orders.placeOrder(user, { form: checkoutForm(form), ...PLACE });
}

/**
 * The domain error a call rejects with (fails the test if it resolves or throws something else). Takes a
 * function too, for use cases that throw before returning their promise.
 */
export async function domainError(work: Promise<unknown> | (() => unknown)): Promise<DomainError> {
  let outcome: unknown;
  try {
    await (typeof work === "function" ? work() : work);
  } catch (error) {
    outcome = error;
  }
  if (!outcome) throw new Error("expected a domain error, but the call succeeded");
  if (!isDomainError(outcome)) throw outcome;
  return outcome;
}

/** Field errors of an Invalid, as { field: code }. */
export function fieldCodes(error: DomainError): Record<string, string> {
  const fields = (error as DomainError & { fields?: Record<string, { code: string }> }).fields ?? {};
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.code]));
}

/** Orders of a checkout, oldest first, straight from the table. */
export async function ordersOf(c: C, publicId: string) {
  const { models } = c.db;
  const checkout = await models.Checkout.findOne({ where: { publicId } });
  if (!checkout) throw new Error(`no checkout ${publicId}`);
  const orders = await models.Order.findAll({ where: { checkoutId: checkout.id }, order: [["id", "ASC"]] });
  return { checkout, orders };
}

/** Transitions recorded for an order, as "from→to by actor". */
export async function transitions(c: C, orderId: number) {
  const events = await c.db.models.OrderEvent.findAll({ where: { orderId }, order: [["id", "ASC"]] });
  return events.map((e) => `${e.fromStatus ?? "∅"}→${e.toStatus} by ${e.actorKind}`);
}

/** Notifications in the outbox with this template, as { userId, recipient, params }. */
export async function outbox(c: C, template: string) {
  const rows = await c.db.models.Notification.findAll({ where: { template }, order: [["id", "ASC"]] });
  return rows.map((n) => ({
    userId: n.userId,
    recipient: n.recipient,
    locale: n.locale,
    params: JSON.parse(n.params) as Record<string, string>,
  }));
}

/** A product's stock, straight from the table. */
export async function stockOf(c: C, productId: number) {
  return (await c.db.models.Product.findByPk(productId))!.stock;
}

/** The lines of a buyer's cart, as { productId, quantity }. */
export async function cartLines(c: C, user: CurrentUser) {
  const cart = await c.services.orders.viewCart({ owner: { userId: user.id }, locale: "vi" });
  return cart.groups.flatMap((g) => g.lines.map((l) => ({ productId: l.productId, quantity: l.quantity })));
}

/** What no test of orders may leave behind: products with stock below zero, orders without their items. */
export async function orderLeftovers(c: C) {
  const { Order, OrderItem, Product } = c.db.models;
  const negativeStock = await Product.count({ where: { stock: { [Op.lt]: 0 } } });
  const orders = await Order.findAll({ include: [{ model: OrderItem, as: "items" }] });
  const ordersWithoutItems = orders
    .filter((o) => ((o as typeof o & { items?: unknown[] }).items ?? []).length === 0)
    .map((o) => o.code);
  return { negativeStock, ordersWithoutItems };
}
