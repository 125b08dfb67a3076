import { QueryTypes } from "sequelize";
import { foldVietnamese } from "../server/vocabulary/text";
import type { OrderStatus, PaymentMethod } from "../server/vocabulary/domain";
import type { CurrentUser } from "../server/accounts/current-user";
import type { Container } from "../server/context";
import { createOrdersService, type OrderAction } from "../server/orders";
import { createLedger } from "../server/orders/ledger";
import type { CardGateway, CardSession } from "../server/payments/stripe";

/** Banks the demo cooperatives keep their accounts at (NAPAS BINs): Agribank, VietinBank, BIDV, Vietcombank. */
const DEMO_BANKS = ["970405", "970415", "970418", "970436"];

/**
 * Card orders in the demo data are paid "as if" Stripe had answered: this stand-in only hands out session
 * ids, and payments are then applied through the same path Stripe's webhook takes. It is never used to serve.
 */
const demoCardGateway: CardGateway = {
  async createCheckoutSession(request) {
    return demoSession(`cs_demo_${request.reference}`);
  },
  async retrieveCheckoutSession(id) {
    return demoSession(id);
  },
  async expireCheckoutSession(id) {
    return demoSession(id);
  },
  async refund(request) {
    return {
      id: `re_demo_${request.idempotencyKey}`,
      status: "succeeded",
      amount: request.amountVnd,
      metadata: request.metadata,
    };
  },
  async refundsForPaymentIntent() {
    return [];
  },
  async paymentIntentOfCharge() {
    return { paymentIntentId: null, amountRefunded: 0, amount: 0 };
  },
  async verifyWebhook() {
    throw new Error("the demo gateway takes no webhooks");
  },
};

function demoSession(id: string): CardSession {
  return {
    id,
    url: null,
    status: "open",
    paymentStatus: "unpaid",
    paymentIntentId: null,
    amountTotal: null,
    metadata: {},
  };
}

interface Scenario {
  buyer: "buyer" | "business" | "extra";
  method: PaymentMethod;
  /** Lines as [product index among the cooperative's products, quantity]; one entry per cooperative. */
  cooperatives: Array<"demo" | number>;
  /** Where the orders end up. */
  path: OrderAction[];
  daysAgo: number;
  cancelReason?: string;
}

/** Every status appears, most of them with the demo cooperative, so each dashboard has something to show. */
const SCENARIOS: Scenario[] = [
  { buyer: "buyer", method: "cod", cooperatives: ["demo", 3], path: [], daysAgo: 0 },
  { buyer: "business", method: "bank_transfer", cooperatives: ["demo"], path: [], daysAgo: 1 },
  { buyer: "extra", method: "cod", cooperatives: ["demo"], path: ["confirm"], daysAgo: 2 },
  { buyer: "buyer", method: "bank_transfer", cooperatives: ["demo", 5], path: ["mark_paid"], daysAgo: 3 },
  { buyer: "business", method: "card", cooperatives: ["demo", 7], path: ["mark_paid"], daysAgo: 4 },
  { buyer: "extra", method: "cod", cooperatives: ["demo"], path: ["confirm", "ship"], daysAgo: 5 },
  {
    buyer: "buyer",
    method: "card",
    cooperatives: ["demo"],
    path: ["mark_paid", "confirm", "ship"],
    daysAgo: 7,
  },
  {
    buyer: "business",
    method: "cod",
    cooperatives: ["demo", 9],
    path: ["confirm", "ship", "deliver"],
    daysAgo: 10,
  },
  {
    buyer: "extra",
    method: "card",
    cooperatives: ["demo", 3],
    path: ["mark_paid", "confirm", "ship", "deliver"],
    daysAgo: 14,
  },
  {
    buyer: "buyer",
    method: "bank_transfer",
    cooperatives: ["demo"],
    path: ["mark_paid", "confirm", "ship", "deliver"],
    daysAgo: 18,
  },
  {
    buyer: "extra",
    method: "cod",
    cooperatives: ["demo"],
    path: ["cancel"],
    daysAgo: 6,
    cancelReason: "Vụ chè xuân đã hết, hẹn khách đợt sau.",
  },
  { buyer: "buyer", method: "bank_transfer", cooperatives: [5], path: ["cancel"], daysAgo: 8 },
  {
    buyer: "business",
    method: "card",
    cooperatives: ["demo"],
    path: ["mark_paid", "confirm", "refund"],
    daysAgo: 12,
  },
  {
    buyer: "extra",
    method: "card",
    cooperatives: [7],
    path: ["mark_paid", "confirm", "ship", "deliver"],
    daysAgo: 21,
  },
  { buyer: "business", method: "cod", cooperatives: [9], path: ["confirm", "ship", "deliver"], daysAgo: 25 },
];

/**
 * Demo orders in every state, made through the real use cases (cart → placeOrder → transitions), then dated
 * back over the last weeks. Also gives most approved cooperatives a bank account, so transfers can be tried.
 */
export async function seedDemoOrders(
  container: Pick<Container, "db" | "services" | "logger">,
  demoCooperativeId: number,
) {
  const { db, services } = container;
  const { models, sequelize } = db;
  const orders = createOrdersService({
    db,
    stock: services.catalogue.stock,
    logger: container.logger,
    gateway: demoCardGateway,
    quotes: services.quotes.forOrders,
  });
  const ledger = createLedger(db);

  const approved = await models.Cooperative.findAll({
    where: { status: "approved" },
    order: [["id", "ASC"]],
  });
  // The last two keep no account: the checkout explains why transfer is unavailable for them.
  for (const [i, c] of approved.slice(0, -2).entries()) {
    await c.update({
      bankBin: DEMO_BANKS[i % DEMO_BANKS.length]!,
      bankAccountNo: String(1_020_304_050 + i * 7_919),
      bankAccountName: foldVietnamese(c.name).toUpperCase().slice(0, 120),
    });
  }
  const others = approved.filter((c) => c.id !== demoCooperativeId).slice(0, 12);
  const userFor = async (email: string) => (await services.accounts.getCurrentUser({ email }))!;
  const buyers = {
    buyer: await userFor("nguoimua@htxconnect.example"),
    business: await userFor("thumua@htxconnect.example"),
    extra: await userFor("bep.sach@htxconnect.example"),
  };
  const staff = await userFor("canbo@htxconnect.example");
  const memberOf = new Map<number, CurrentUser>();
  const actorFor = async (cooperativeId: number): Promise<CurrentUser> => {
    const known = memberOf.get(cooperativeId);
    if (known) return known;
    const member = await models.CooperativeMember.findOne({ where: { cooperativeId } });
    const user = member ? await services.accounts.getCurrentUser({ userId: member.userId }) : null;
    const actor = user ?? staff;
    memberOf.set(cooperativeId, actor);
    return actor;
  };

  const productsOf = async (cooperativeId: number) =>
    (
      await models.Product.findAll({ where: { cooperativeId, status: "active" }, order: [["id", "ASC"]] })
    ).filter((p) => p.stock >= p.minOrderQty + 3);

  const now = Date.now();
  let placedCount = 0;
  for (const [n, s] of SCENARIOS.entries()) {
    const buyer = buyers[s.buyer];
    for (const [k, which] of s.cooperatives.entries()) {
      const coopId = which === "demo" ? demoCooperativeId : others[which % others.length]!.id;
      const list = await productsOf(coopId);
      // One product, or two for every other order, so the order pages show real baskets.
      const picks = list.length ? [list[(n + k) % list.length]!] : [];
      if (n % 2 === 0 && list.length > 1) picks.push(list[(n + k + 1) % list.length]!);
      for (const product of picks) {
        await orders.addToCart({
          owner: { userId: buyer.id },
          form: { productId: product.id, quantity: Math.max(product.minOrderQty, 1 + ((n + k) % 3)) },
        });
      }
    }
    const { publicId } = await orders.placeOrder(buyer, {
      form: {
        contactName: buyer.fullName,
        phone: buyer.phone ?? "0300000333",
        email: buyer.email,
        provinceCode: s.buyer === "business" ? "01" : "19",
        wardCode: s.buyer === "business" ? "00166" : "05443", // Phường Cầu Giấy, Phường Phan Đình Phùng
        address: s.buyer === "business" ? "Số 12 phố Trần Duy Hưng" : "Số 45 đường Quang Trung",
        note: n % 4 === 0 ? "Gọi trước khi giao, giao giờ hành chính." : "",
        paymentMethod: s.method,
      },
      locale: "vi",
      origin: "http://localhost",
    });
    const checkout = (await models.Checkout.findOne({ where: { publicId } }))!;
    for (const order of await models.Order.findAll({
      where: { checkoutId: checkout.id },
      order: [["id", "ASC"]],
    })) {
      const actor = await actorFor(order.cooperativeId);
      for (const action of s.path) {
        if (action === "mark_paid" && s.method === "card") {
          await sequelize.transaction((t) => orders.paymentPurpose.paid(t, publicId, `pi_demo_${publicId}`));
        } else if (action === "refund") {
          await sequelize.transaction((t) =>
            orders.paymentPurpose.refunded(t, `pi_demo_${publicId}`, [
              {
                id: `re_demo_${order.id}`,
                status: "succeeded",
                amount: order.subtotalVnd,
                metadata: { order_id: String(order.id) },
              },
            ]),
          );
        } else if (action === "cancel" && !s.cancelReason) {
          await orders.actOnOrder(buyer, { code: order.code, action: "cancel", form: {} });
        } else {
          await orders.actOnOrder(action === "mark_paid" && s.method === "card" ? staff : actor, {
            code: order.code,
            action,
            form: {
              carrier: n % 2 ? "Viettel Post" : "Giao Hàng Tiết Kiệm",
              trackingNumber: `${n % 2 ? "VTP" : "GHTK"}${String(8_800_000 + n * 137).padStart(9, "0")}`,
              reason: s.cancelReason ?? "",
            },
          });
        }
      }
      placedCount++;
    }
    await backdate(db, checkout.id, now - s.daysAgo * 86_400_000 - n * 3_600_000);
  }
  // These messages belong to the past of the demo: recorded as sent, not delivered again at first start.
  await models.Notification.update({ status: "sent", sentAt: new Date() }, { where: { status: "pending" } });
  // One cooperative has already been paid what card sales owed it; the others still have open balances.
  const balances = await ledger.listBalances(staff);
  const first = balances.find((b) => b.unsettledVnd > 0 && b.cooperative.id !== demoCooperativeId);
  if (first)
    await ledger.settleCooperative(staff, {
      cooperativeId: first.cooperative.id,
      confirmed: "yes",
      reference: "UNC 2026/11-014 Agribank",
    });
  return { orders: placedCount };
}

/** Spread the events of a checkout from `start`, a few hours apart, as if they had happened then. */
async function backdate(db: Container["db"], checkoutId: number, start: number) {
  const { sequelize } = db;
  const at = (ms: number) => new Date(ms);
  const query = (sql: string, replacements: unknown[]) =>
    sequelize.query(sql, { replacements, type: QueryTypes.UPDATE });
  await query("UPDATE checkouts SET created_at = ?, updated_at = ? WHERE id = ?", [
    at(start),
    at(start),
    checkoutId,
  ]);
  const orders = await db.models.Order.findAll({ where: { checkoutId }, attributes: ["id", "status"] });
  for (const o of orders) {
    await query("UPDATE orders SET created_at = ? WHERE id = ?", [at(start), o.id]);
    const events = await db.models.OrderEvent.findAll({ where: { orderId: o.id }, order: [["id", "ASC"]] });
    for (const [i, e] of events.entries())
      await query("UPDATE order_events SET created_at = ? WHERE id = ?", [
        at(start + i * 5 * 3_600_000),
        e.id,
      ]);
    if ((["paid", "confirmed", "shipped", "delivered"] as OrderStatus[]).includes(o.status))
      await query("UPDATE orders SET paid_at = ? WHERE id = ? AND paid_at IS NOT NULL", [
        at(start + 3_600_000),
        o.id,
      ]);
  }
  await query(
    "UPDATE ledger_entries SET created_at = ? WHERE order_id IN (SELECT id FROM orders WHERE checkout_id = ?)",
    [at(start + 3_600_000), checkoutId],
  );
}
